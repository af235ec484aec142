using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Tables;
using FlatLab.Tests.Cli;
using FlatLab.Tests.Reporting.Runs;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Tests.Reporting.Tables;

/// <summary>Run folders written by earlier versions (seeds as text, NaN rather than null in Parquet) still read.</summary>
public class EarlierFormatTests
{
    /// <summary>A line of cases.jsonl as the previous version wrote it (from a paper run), seeds as strings.</summary>
    private const string EarlierStoreLine =
        """{"case_key":"fig2-relu/s00/rho00","case_index":0,"case_seed":"4987016188659831236","data_seed":"13239334555829242616","repetition":0,"panel":"fig2-relu","figure":"2","link":"single-index","activation":"relu","link_activation":"relu","inside_assumption1":true,"k":1,"p":1,"d":30,"n":400,"m":800,"r":1,"noise_std":0.1,"rho":0.02,"kind":"rho","variant":"","weights":"exact","status":"solved","message":"Solved by interior point and crossover in 8 iterations; vertex certified optimal and unique.","flatness_min":464.18515146259875,"objective":46418.51514625987,"unit_lp_norm":42.69642120378611,"lower_bound":22026.057029914213,"dual_objective":46418.51514625806,"duality_gap":1.811713445931673E-09,"primal_residual":1.432187701766452E-14,"iterations":8,"solve_seconds":0.1719652,"support":400,"optimal_point":"vertex","population_loss":0.6622852364914497,"population_loss_method":"exact","population_loss_se":0,"excess_loss":0.6522852364914496,"signal_power":0.5,"noise_variance":0.010000000000000002,"phi_condition":163.38512430018585,"separation":0.7449756667670242,"case_seconds":0.4066145,"flatness_over_lower_bound":2.10743643690823,"gram_largest":129.8194984279537,"gram_second":12.675653391575665,"gram_smallest":0.004863119048222683,"gram_second_over_smallest":2606.486344645052,"s_deviation_max":0.40969636986019564,"t_deviation_max":0.14929261718190667,"participation_ratio":0.5855686338452284,"top_decile_share":0.47931360918761606,"reference_flatness_min":"NaN","bias_share":"NaN","train_steps":0,"train_loss":"NaN","learning_rate":"NaN","flatness":"NaN","flattest_flatness_min":"NaN","flattest_population_loss":"NaN","alignment_mean":"NaN","alignment_median":"NaN","trajectory":null}""";

    [Fact]
    public void Given_a_store_line_of_the_earlier_format_When_read_Then_seeds_status_and_kind_come_back_typed()
    {
        var row = CaseResultJson.Read(EarlierStoreLine);
        Assert.Equal(4987016188659831236UL, row.CaseSeed);
        Assert.Equal(13239334555829242616UL, row.DataSeed); // above long.MaxValue
        Assert.Equal(CaseStatus.Solved, row.Status);
        Assert.Equal(CaseKind.Rho, row.Kind);
        Assert.Equal(464.18515146259875, row.FlatnessMin);
        Assert.True(double.IsNaN(row.BiasShare));
        Assert.True(row.IsUsable);

        // Written again, the seeds are JSON numbers, the columns added since hold their defaults (base_panel: the panel), and the rest of the line is unchanged.
        var again = CaseResultJson.Write(row);
        Assert.Equal(EarlierStoreLine.Replace("\"4987016188659831236\"", "4987016188659831236").Replace("\"13239334555829242616\"", "13239334555829242616")
            .Replace("\"panel\":\"fig2-relu\",", "\"panel\":\"fig2-relu\",\"base_panel\":\"fig2-relu\",\"grid_cell\":\"\",")
            .Replace("\"noise_std\":0.1,", "\"noise_std\":0.1,\"link_offset\":0,")
            .Replace("\"phi_condition\":163.38512430018585,", "\"phi_condition\":163.38512430018585,\"phi_rank\":0,\"outside_range_norm\":\"NaN\",")
            .Replace("\"alignment_median\":\"NaN\",", "\"alignment_median\":\"NaN\",\"alignment_weighted\":\"NaN\",\"alignment_random\":\"NaN\",\"edge_ratio\":\"NaN\",\"loss_threshold\":\"NaN\",\"interpolation_step\":-1,")
            .Replace("\"trajectory\":null", "\"search_status\":\"none\",\"search_stationarity\":\"NaN\",\"search_relative_decrease\":\"NaN\",\"reference_population_loss\":\"NaN\",\"flatness_over_reference\":\"NaN\",\"trajectory\":null"), again);
    }

    [Fact]
    public void Given_a_store_of_the_earlier_format_When_opened_Then_its_cases_count_as_done()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(RunFolder.StoreFileName), EarlierStoreLine + "\n");
        using var store = ResultStore.Open(dir.File(RunFolder.StoreFileName));
        Assert.True(store.Contains("fig2-relu/s00/rho00"));
    }

    [Fact]
    public async Task Given_a_parquet_table_of_the_earlier_format_When_read_Then_the_rows_equal_the_ones_written()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep();
        rows[0] = rows[0] with { CaseSeed = ulong.MaxValue };
        await WriteEarlierParquet(dir.File("old.parquet"), rows);
        var back = ResultsTable.Read(dir.File("old.parquet"));
        Assert.Equal(rows, back);
    }

    [Fact]
    public async Task Given_a_new_parquet_table_When_read_raw_Then_seeds_are_unsigned_and_not_applicable_doubles_are_null()
    {
        using var dir = new TempDirectory();
        var row = SyntheticRows.Row(0, "p", "2", 0, 0.5, double.PositiveInfinity, double.NaN) with { CaseSeed = ulong.MaxValue, Variant = "" };
        ResultsTable.WriteParquet(dir.File("r.parquet"), [row]);

        await using var reader = await ParquetReader.CreateAsync(dir.File("r.parquet"));
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        using var group = reader.OpenRowGroupReader(0);
        var seed = new ulong[1];
        await group.ReadAsync<ulong>(fields["case_seed"], seed.AsMemory());
        Assert.Equal(ulong.MaxValue, seed[0]);
        Assert.True(fields["population_loss"].IsNullable);
        var loss = new double?[1];
        await group.ReadAsync<double>(fields["population_loss"], loss.AsMemory());
        Assert.Null(loss[0]); // NaN (not applicable) is a null
        var flatness = new double?[1];
        await group.ReadAsync<double>(fields["flatness_min"], flatness.AsMemory());
        Assert.Equal(double.PositiveInfinity, flatness[0]); // ±∞ stay numbers
        var variant = new string?[1];
        await group.ReadAsync(fields["variant"], variant.AsMemory());
        Assert.Null(variant[0]);
        var status = new string?[1];
        await group.ReadAsync(fields["status"], status.AsMemory());
        Assert.Equal("solved", status[0]);
    }

    /// <summary>The previous version's layout: seeds and enums as text, doubles required (NaN stored), strings as written.</summary>
    private static async Task WriteEarlierParquet(string path, IReadOnlyList<CaseResult> rows)
    {
        var columns = ResultsColumns.All;
        var fields = columns.Select(c => c.Kind switch
        {
            ResultsColumnKind.Int => (DataField)new DataField<int>(c.Name),
            ResultsColumnKind.Double => new DataField<double>(c.Name),
            ResultsColumnKind.Bool => new DataField<bool>(c.Name),
            _ => new DataField<string>(c.Name),
        }).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.Cast<Field>().ToArray()), stream);
        using var group = writer.CreateRowGroup();
        for (var j = 0; j < columns.Count; j++)
        {
            var c = columns[j];
            switch (c.Kind)
            {
                case ResultsColumnKind.Int: await group.WriteAsync<int>(fields[j], rows.Select(r => (int)c.Get(r)).ToArray().AsMemory()); break;
                case ResultsColumnKind.Double: await group.WriteAsync<double>(fields[j], rows.Select(r => (double)c.Get(r)).ToArray().AsMemory()); break;
                case ResultsColumnKind.Bool: await group.WriteAsync<bool>(fields[j], rows.Select(r => (bool)c.Get(r)).ToArray().AsMemory()); break;
                case ResultsColumnKind.UInt64: await group.WriteAsync(fields[j], rows.Select(r => ((ulong)c.Get(r)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()); break;
                case ResultsColumnKind.Enum: await group.WriteAsync(fields[j], rows.Select(r => SnakeCaseEnum.Name(c.EnumType!, c.Get(r))).ToArray()); break;
                default: await group.WriteAsync(fields[j], rows.Select(r => (string)c.Get(r)).ToArray()); break;
            }
        }
    }
}
