using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlatLab.Data;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Population;
using FlatLab.Reporting.Tables;
using FlatLab.Solvers;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Writes a <see cref="SolutionReport"/> as <c>solution.json</c>: snake_case names in a fixed
/// order, numbers in the invariant culture (System.Text.Json's shortest round-trip form), NaN
/// and absent values as null. Every field is always present, so readers see one schema. A quantity
/// the results table also holds takes that column's name (<see cref="ResultsColumns.NameOf"/>).
/// </summary>
public static class SolutionJsonWriter
{
    public static void WriteFile(string path, SolutionReport report) =>
        AtomicFileWriter.Write(path, stream => Write(stream, report));

    public static string ToJson(SolutionReport report)
    {
        using var stream = new MemoryStream();
        Write(stream, report);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Stream stream, SolutionReport report)
    {
        var r = report.Result;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Messages may hold symbols such as ‖ or σ; keep them readable (the file is not embedded in HTML).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        w.WriteStartObject();
        w.WriteString(Column(nameof(CaseResult.Status)), SnakeCaseEnum.Name(r.Status));
        w.WriteString(Column(nameof(CaseResult.Message)), r.Message);
        Number(w, Column(nameof(CaseResult.P)), r.P);
        w.WriteNumber(Column(nameof(CaseResult.K)), report.Activation.K);
        w.WriteNumber(Column(nameof(CaseResult.N)), report.SampleCount);
        w.WriteNumber(Column(nameof(CaseResult.M)), report.NeuronCount);
        w.WriteNumber(Column(nameof(CaseResult.D)), report.Dimension);
        w.WriteString(Column(nameof(CaseResult.Activation)), report.Activation.Name);
        w.WriteBoolean(Column(nameof(CaseResult.InsideAssumption1)), report.Activation.InsideAssumption1);
        w.WriteString(Column(nameof(CaseResult.Weights)), report.Weighting == OuterWeighting.Exact ? "exact" : "unit");
        String(w, Column(nameof(CaseResult.OptimalPoint)), r.Point switch { OptimalPoint.Vertex => "vertex", OptimalPoint.Central => "central", _ => null });
        Number(w, Column(nameof(CaseResult.Objective)), r.Objective);
        Number(w, Column(nameof(CaseResult.FlatnessMin)), r.FlatnessMin);
        Number(w, Column(nameof(CaseResult.LowerBound)), r.LowerBound);
        Number(w, Column(nameof(CaseResult.DualObjective)), r.DualObjective);
        Number(w, Column(nameof(CaseResult.DualityGap)), r.DualityGap);
        Number(w, Column(nameof(CaseResult.PrimalResidual)), r.PrimalResidual);
        Number(w, "dual_infeasibility", r.DualInfeasibility);
        Number(w, "condition_estimate", r.ConditionEstimate);
        w.WriteNumber(Column(nameof(CaseResult.PhiRank)), r.PhiRank);
        Number(w, Column(nameof(CaseResult.OutsideRangeNorm)), r.OutsideRangeNorm);
        Number(w, Column(nameof(CaseResult.PhiCondition)), report.PhiCondition);
        Number(w, Column(nameof(CaseResult.Separation)), report.Separation);
        Number(w, Column(nameof(CaseResult.UnitLpNorm)), r.UnitLpNorm);
        w.WriteNumber(Column(nameof(CaseResult.Support)), r.Support);
        w.WriteString("method", r.Method);
        w.WriteNumber(Column(nameof(CaseResult.Iterations)), r.Iterations);
        Number(w, Column(nameof(CaseResult.SolveSeconds)), r.SolveSeconds);

        var model = report.Model;
        String(w, Column(nameof(CaseResult.Link)), model?.Link.Name());
        String(w, Column(nameof(CaseResult.LinkActivation)), model is null || model.Link == LinkKind.Linear ? null : model.LinkActivation.Name);
        Integer(w, Column(nameof(CaseResult.R)), model?.Rank);
        Number(w, Column(nameof(CaseResult.NoiseStd)), model?.NoiseStd ?? double.NaN);
        var loss = report.PopulationLoss;
        Number(w, Column(nameof(CaseResult.PopulationLoss)), loss?.Loss ?? double.NaN);
        String(w, Column(nameof(CaseResult.PopulationLossMethod)), loss is null ? null : loss.Method.Name());
        Number(w, Column(nameof(CaseResult.PopulationLossSe)), loss?.StandardError ?? double.NaN);
        Integer(w, "population_loss_sample_size", loss?.SampleSize);
        Number(w, Column(nameof(CaseResult.ExcessLoss)), loss?.ExcessLoss ?? double.NaN);
        Number(w, Column(nameof(CaseResult.SignalPower)), loss?.SignalPower ?? double.NaN);
        Number(w, Column(nameof(CaseResult.NoiseVariance)), loss?.NoiseVariance ?? double.NaN);
        var alternative = report.PopulationLossAlternative;
        Number(w, "population_loss_alternative", alternative?.Loss ?? double.NaN);
        Number(w, "population_loss_alternative_se", alternative?.StandardError ?? double.NaN);

        w.WriteNumber("seed", report.Seed);
        w.WriteString("blas", report.Kernels);
        w.WriteString("version", report.Version);
        w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        w.WriteString("os", RuntimeInformation.OSDescription);
        // The vectors last, so the scalars above read at a glance; both null without a solution.
        var solved = r.Status.HasSolution();
        Numbers(w, "outer_weights", solved ? r.OuterWeights : null);
        Numbers(w, "dual", solved ? r.Dual : null);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string Column(string property) => ResultsColumns.NameOf(property);

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    /// <summary>A vector on one line, each number in its shortest round-trip form.</summary>
    private static void Numbers(Utf8JsonWriter w, string name, double[]? values)
    {
        if (values is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WritePropertyName(name);
        w.WriteRawValue(JsonVector(values), skipInputValidation: true);
    }

    /// <summary>[v1,v2,...] with finite values in the round-trip form System.Text.Json writes, NaN as null.</summary>
    internal static string JsonVector(IReadOnlyList<double> values)
    {
        var text = new System.Text.StringBuilder(values.Count * 24 + 2).Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(double.IsFinite(values[i]) ? JsonSerializer.Serialize(values[i]) : "null");
        }
        return text.Append(']').ToString();
    }

    private static void Integer(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
