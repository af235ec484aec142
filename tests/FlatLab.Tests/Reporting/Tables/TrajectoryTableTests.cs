using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Tables;
using FlatLab.Tests.Cli;
using FlatLab.Tests.Reporting.Runs;
using Parquet;

namespace FlatLab.Tests.Reporting.Tables;

public class TrajectoryTableTests
{
    private static List<CaseResult> Rows()
    {
        var search = SyntheticRows.Row(1, "p", "2", 0, double.NaN, 3, 4) with
        {
            Kind = CaseKind.Search,
            Variant = "from-random",
            Trajectory =
            [
                new TrajectoryPoint(0, 0, double.NaN, 5.5, 5.5, 0.25, 1.5, 1.5),
                new TrajectoryPoint(1, 0, double.NaN, 0.1 + 0.2, 0.3, 0.5, 1.25, 1.25) { BiasShare = 0.125 },
            ],
        };
        return [SyntheticRows.Row(0, "p", "2", 0, 0.5, 1, 2), search];
    }

    [Fact]
    public void Given_a_search_path_When_written_as_csv_Then_the_header_and_cells_are_the_documented_ones()
    {
        using var dir = new TempDirectory();
        TrajectoryTable.WriteCsv(dir.File(RunFolder.TrajectoriesCsvFileName), Rows());
        var lines = File.ReadAllLines(dir.File(RunFolder.TrajectoriesCsvFileName));
        // Independent: the header earlier versions wrote, which readers of old run folders expect.
        Assert.Equal("case_key,kind,variant,panel,step,train_loss,flatness,flatness_min,flattest_flatness_min,alignment_mean," +
            "population_loss,flattest_population_loss,bias_share", lines[0]);
        Assert.Equal("p/s00/rho01,search,from-random,p,1,0,NaN,0.30000000000000004,0.3,0.5,1.25,1.25,0.125", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Given_a_search_path_When_written_as_parquet_Then_not_applicable_numbers_are_null_and_steps_are_int32()
    {
        using var dir = new TempDirectory();
        TrajectoryTable.WriteParquet(dir.File(RunFolder.TrajectoriesParquetFileName), Rows());
        await using var reader = await ParquetReader.CreateAsync(dir.File(RunFolder.TrajectoriesParquetFileName));
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        Assert.Equal(TrajectoryTable.Keys.Concat(TrajectoryTable.PointColumns).Select(c => c.Name), fields.Keys);
        using var group = reader.OpenRowGroupReader(0);
        var flatness = new double?[2];
        await group.ReadAsync<double>(fields["flatness"], flatness.AsMemory());
        Assert.Equal([null, null], flatness);
        var bias = new double?[2];
        await group.ReadAsync<double>(fields["bias_share"], bias.AsMemory());
        Assert.Equal([null, 0.125], bias);
        var steps = new int[2];
        await group.ReadAsync<int>(fields["step"], steps.AsMemory());
        Assert.Equal([0, 1], steps);
        var kinds = new string?[2];
        await group.ReadAsync(fields["kind"], kinds.AsMemory());
        Assert.Equal(["search", "search"], kinds);
    }

    [Theory]
    [InlineData(RunFolder.TrajectoriesCsvFileName)]
    [InlineData(RunFolder.TrajectoriesParquetFileName)]
    public void Given_a_search_path_When_written_and_read_Then_every_point_comes_back_equal(string name)
    {
        using var dir = new TempDirectory();
        var rows = Rows();
        if (name.EndsWith(".csv")) TrajectoryTable.WriteCsv(dir.File(name), rows);
        else TrajectoryTable.WriteParquet(dir.File(name), rows);
        var back = TrajectoryTable.Read(dir.File(name));
        Assert.Equal([rows[1].CaseKey], back.Keys);
        Assert.Equal(rows[1].Trajectory!, back[rows[1].CaseKey]); // record equality: doubles bit for bit, NaN equals NaN
    }
}
