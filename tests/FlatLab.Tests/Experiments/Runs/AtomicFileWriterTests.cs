using FlatLab.Experiments.Runs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments.Runs;

public sealed class AtomicFileWriterTests
{
    [Fact]
    public void Given_an_existing_file_When_a_write_fails_midway_Then_the_old_content_stays_and_no_temporary_is_left()
    {
        using var dir = new TempDirectory();
        var path = dir.File("solution.json");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFileWriter.WriteText(path, w =>
        {
            w.Write(new string('x', 100_000));
            w.Flush();
            throw new InvalidOperationException("killed");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Given_an_existing_file_When_a_write_succeeds_Then_it_is_replaced_whole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("outer_weights.csv");
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFileWriter.WriteAllText(path, "new\n");

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
