using FlatLab.Cli.Sweep;
using FlatLab.Experiments.Running;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class ProgressOutputTests
{
    [Fact]
    public void GivenASnapshot_WhenFormatted_ThenTheLineShowsDoneTotalPercentFailedRateAndTimeLeft()
    {
        // 120 done in 20 s: 6.0 cases/s; 312 left at that rate: 52 s.
        var p = new SweepProgress(432, 0, 120, 3, TimeSpan.FromSeconds(20), "k");

        Assert.Equal("[120/432] 27.8% failed 3 rate 6.0/s left 0:52", ProgressLine.Format(p));
    }

    [Fact]
    public void GivenResumedCases_WhenFormatted_ThenTheyCountAsDoneButNotInTheRate()
    {
        // 100 resumed + 20 run in 10 s: 2.0/s; 80 left: 40 s.
        var p = new SweepProgress(200, 100, 20, 0, TimeSpan.FromSeconds(10), "k");

        Assert.Equal("[120/200] 60.0% failed 0 rate 2.0/s left 0:40", ProgressLine.Format(p));
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(59.2, "1:00")]
    [InlineData(61, "1:01")]
    [InlineData(3600 + 62, "1:01:02")]
    public void GivenADuration_WhenFormatted_ThenItIsMinutesSecondsOrHours(double seconds, string expected) =>
        Assert.Equal(expected, ProgressLine.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void GivenManyReports_WhenThrottled_ThenALineAtEveryTenthAndEveryInterval()
    {
        var throttle = new ProgressThrottle(TimeSpan.FromSeconds(5));
        const int total = 1000;
        throttle.Start(new SweepProgress(total, 0, 0, 0, TimeSpan.Zero, null));
        var shown = new List<int>();
        // One case every 100 ms: a tenth every 10 s, and a line 5 s after each of them.
        for (var done = 1; done <= total; done++)
            if (throttle.ShouldShow(new SweepProgress(total, 0, done, 0, TimeSpan.FromMilliseconds(100.0 * done), null)))
                shown.Add(done);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => 50 * i), shown);
    }

    [Fact]
    public void GivenQuickCases_WhenThrottled_ThenOnlyTheTenthsAreShown()
    {
        var throttle = new ProgressThrottle(TimeSpan.FromSeconds(5));
        throttle.Start(new SweepProgress(1000, 0, 0, 0, TimeSpan.Zero, null));

        var shown = Enumerable.Range(1, 1000)
            .Where(done => throttle.ShouldShow(new SweepProgress(1000, 0, done, 0, TimeSpan.FromMilliseconds(done), null)))
            .ToList();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => 100 * i), shown);
    }

    [Fact]
    public void GivenAnOlderReportAfterANewerOne_WhenThrottled_ThenItIsDropped()
    {
        var throttle = new ProgressThrottle(TimeSpan.Zero);
        throttle.Start(new SweepProgress(10, 0, 0, 0, TimeSpan.Zero, null));

        Assert.True(throttle.ShouldShow(new SweepProgress(10, 0, 5, 0, TimeSpan.FromSeconds(5), null)));
        Assert.False(throttle.ShouldShow(new SweepProgress(10, 0, 4, 0, TimeSpan.FromSeconds(6), null)));
        Assert.True(throttle.ShouldShow(new SweepProgress(10, 0, 6, 0, TimeSpan.FromSeconds(7), null)));
    }

    [Fact]
    public void GivenAPlainView_WhenARunReportsProgress_ThenItWritesAStartLineAndThrottledLines()
    {
        var log = new StringWriter();
        var view = new PlainProgressView(log, TimeSpan.FromHours(1));

        view.Run(progress =>
        {
            progress.Report(new SweepProgress(40, 10, 0, 0, TimeSpan.Zero, null));
            for (var done = 1; done <= 30; done++)
                progress.Report(new SweepProgress(40, 10, done, done / 10, TimeSpan.FromSeconds(done), null));
            return 0;
        });

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("40 cases: 10 already done, 30 to run", lines[0]);
        // From 25% on, one line per further tenth: 30%, 40%, ..., 100%.
        Assert.Equal(8, lines.Length - 1);
        Assert.Equal("[40/40] 100.0% failed 3 rate 1.0/s left 0:00", lines[^1]);
    }
}
