using System.Globalization;
using System.Text.Json;
using FlatLab.Experiments.Results;
using FlatLab.Reporting.Tables;
using FlatLab.Tests.Cli;
using FlatLab.Tests.Reporting.Runs;

namespace FlatLab.Tests.Reporting.Tables;

public class ResultsTableTests
{
    /// <summary>Rows with every awkward value: NaN, ±∞, −0, subnormal and extreme doubles, negative ints, text with
    /// separators, quotes, line breaks and non-ASCII, and an empty string.</summary>
    private static List<CaseResult> Awkward()
    {
        var rows = SyntheticRows.Sweep();
        rows[0] = rows[0] with { FlatnessMin = double.PositiveInfinity, PopulationLoss = double.NegativeInfinity, Objective = -0.0 };
        rows[1] = rows[1] with { DualityGap = double.Epsilon, PrimalResidual = double.MaxValue, LowerBound = 0.1 + 0.2, Iterations = -7 };
        rows[2] = rows[2] with { Message = "line one\nline \"two\", with comma\r\nρ ≤ 1 — ok", OptimalPoint = "" };
        rows[3] = rows[3] with { InsideAssumption1 = false, PhiCondition = 1.0 / 3.0, CaseSeed = ulong.MaxValue };
        return rows;
    }

    private static CultureInfo CommaDecimal()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }

    [Theory]
    [InlineData("results.csv", false)]
    [InlineData("results.csv", true)]
    [InlineData("results.parquet", false)]
    [InlineData("results.parquet", true)]
    public void Given_awkward_rows_When_written_and_read_Then_every_row_comes_back_equal(string name, bool underCommaDecimalCulture)
    {
        using var dir = new TempDirectory();
        var rows = Awkward();
        var path = dir.File(name);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            if (underCommaDecimalCulture) CultureInfo.CurrentCulture = CommaDecimal();
            if (name.EndsWith(".csv")) ResultsTable.WriteCsv(path, rows);
            else ResultsTable.WriteParquet(path, rows);
            var back = ResultsTable.Read(path);
            Assert.Equal(rows.Count, back.Count);
            for (var i = 0; i < rows.Count; i++) Assert.Equal(rows[i], back[i]); // record equality: doubles bit for bit (NaN equals NaN)
            Assert.True(double.IsNegative(back[0].Objective)); // −0 kept
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Given_rows_out_of_order_When_written_Then_the_table_is_ordered_by_case_index()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep();
        var shuffled = rows.AsEnumerable().Reverse().ToList();
        ResultsTable.WriteCsv(dir.File("r.csv"), shuffled);
        ResultsTable.WriteParquet(dir.File("r.parquet"), shuffled);
        Assert.Equal(rows.Select(r => r.CaseIndex), ResultsTable.Read(dir.File("r.csv")).Select(r => r.CaseIndex));
        Assert.Equal(rows.Select(r => r.CaseIndex), ResultsTable.Read(dir.File("r.parquet")).Select(r => r.CaseIndex));
    }

    [Fact]
    public void Given_the_csv_When_read_as_text_Then_the_header_is_the_store_json_field_names_in_order()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep();
        ResultsTable.WriteCsv(dir.File("r.csv"), rows);
        var header = File.ReadLines(dir.File("r.csv")).First().Split(',');
        // Independent: the property names the case store writes (System.Text.Json, snake_case), but the
        // trajectory, which has a table of its own (trajectories.csv).
        using var json = JsonDocument.Parse(CaseResultJson.Write(rows[0]));
        var storeNames = json.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "trajectory").ToArray();
        Assert.Equal(storeNames, header);
        Assert.Equal(storeNames, ResultsColumns.All.Select(c => c.Name));
    }

    [Fact]
    public void Given_special_doubles_When_written_as_csv_Then_they_are_spelled_as_documented()
    {
        using var dir = new TempDirectory();
        var row = SyntheticRows.Row(0, "p", "2", 0, 0.5, double.PositiveInfinity, double.NaN) with { Objective = double.NegativeInfinity };
        ResultsTable.WriteCsv(dir.File("r.csv"), [row]);
        var header = File.ReadLines(dir.File("r.csv")).First().Split(',');
        var cells = File.ReadLines(dir.File("r.csv")).Skip(1).First().Split(',');
        string Cell(string column) => cells[Array.IndexOf(header, column)];
        Assert.Equal("Infinity", Cell("flatness_min"));
        Assert.Equal("NaN", Cell("population_loss"));
        Assert.Equal("-Infinity", Cell("objective"));
        Assert.Equal("0.5", Cell("rho"));
        Assert.Equal("true", Cell("inside_assumption1"));
    }

    [Fact]
    public void Given_a_csv_from_another_tool_with_empty_and_inf_cells_When_read_Then_they_become_nan_and_infinity()
    {
        using var dir = new TempDirectory();
        var row = SyntheticRows.Row(0, "p", "2", 0, 0.5, 2, 3);
        ResultsTable.WriteCsv(dir.File("r.csv"), [row]);
        var lines = File.ReadAllLines(dir.File("r.csv"));
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');
        cells[Array.IndexOf(header, "flatness_min")] = "inf";
        cells[Array.IndexOf(header, "population_loss")] = "";
        File.WriteAllText(dir.File("r.csv"), lines[0] + "\r\n" + string.Join(",", cells) + "\r\n");
        var back = ResultsTable.Read(dir.File("r.csv")).Single();
        Assert.Equal(double.PositiveInfinity, back.FlatnessMin);
        Assert.True(double.IsNaN(back.PopulationLoss));
    }

    [Fact]
    public void Given_a_table_without_a_column_or_with_a_bad_number_When_read_Then_the_error_names_the_column()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.csv"), "case_key,case_index\nx,1\n");
        var missing = Assert.Throws<InvalidDataException>(() => ResultsTable.Read(dir.File("a.csv")));
        Assert.Contains("'case_seed'", missing.Message);

        ResultsTable.WriteCsv(dir.File("b.csv"), [SyntheticRows.Row(0, "p", "2", 0, 0.5, 2, 3)]);
        var text = File.ReadAllText(dir.File("b.csv")).Replace(",0.5,", ",zero point five,");
        File.WriteAllText(dir.File("b.csv"), text);
        var bad = Assert.Throws<InvalidDataException>(() => ResultsTable.Read(dir.File("b.csv")));
        Assert.Contains("column 'rho'", bad.Message);
        Assert.Contains("line 2", bad.Message);
    }
}
