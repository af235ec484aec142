using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlatLab.Data;
using FlatLab.Experiments.Runs;
using FlatLab.Population;
using FlatLab.Solvers;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Writes a <see cref="SolutionReport"/> as <c>solution.json</c>: snake_case names in a fixed
/// order, numbers in the invariant culture (System.Text.Json's shortest round-trip form), NaN
/// and absent values as null. Every field is always present, so readers see one schema.
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
        w.WriteString("status", r.Status.ToSnakeCase());
        w.WriteString("message", r.Message);
        Number(w, "p", r.P);
        w.WriteNumber("k", report.Activation.K);
        w.WriteNumber("n", report.SampleCount);
        w.WriteNumber("m", report.NeuronCount);
        w.WriteNumber("d", report.Dimension);
        w.WriteString("activation", report.Activation.Name);
        w.WriteBoolean("inside_assumption_1", report.Activation.InsideAssumption1);
        w.WriteString("weights", report.Weighting == OuterWeighting.Exact ? "exact" : "unit");
        String(w, "optimal_point", r.Point switch { OptimalPoint.Vertex => "vertex", OptimalPoint.Central => "central", _ => null });
        Number(w, "objective", r.Objective);
        Number(w, "flatness_min", r.FlatnessMin);
        Number(w, "lower_bound", r.LowerBound);
        Number(w, "dual_objective", r.DualObjective);
        Number(w, "duality_gap", r.DualityGap);
        Number(w, "primal_residual", r.PrimalResidual);
        Number(w, "dual_infeasibility", r.DualInfeasibility);
        Number(w, "condition_estimate", r.ConditionEstimate);
        Number(w, "phi_condition", report.PhiCondition);
        Number(w, "separation", report.Separation);
        Number(w, "unit_lp_norm", r.UnitLpNorm);
        w.WriteNumber("support", r.Support);
        w.WriteString("method", r.Method);
        w.WriteNumber("iterations", r.Iterations);
        Number(w, "solve_seconds", r.SolveSeconds);

        var model = report.Model;
        String(w, "link", model?.Link.Name());
        String(w, "link_activation", model is null || model.Link == LinkKind.Linear ? null : model.LinkActivation.Name);
        Integer(w, "rank", model?.Rank);
        Number(w, "noise_std", model?.NoiseStd ?? double.NaN);
        var loss = report.PopulationLoss;
        Number(w, "population_loss", loss?.Loss ?? double.NaN);
        String(w, "population_loss_method", loss is null ? null : loss.Method.Name());
        Number(w, "population_loss_standard_error", loss?.StandardError ?? double.NaN);
        Integer(w, "population_loss_sample_size", loss?.SampleSize);
        Number(w, "excess_loss", loss?.ExcessLoss ?? double.NaN);
        Number(w, "signal_power", loss?.SignalPower ?? double.NaN);
        Number(w, "noise_variance", loss?.NoiseVariance ?? double.NaN);
        var alternative = report.PopulationLossAlternative;
        Number(w, "population_loss_alternative", alternative?.Loss ?? double.NaN);
        Number(w, "population_loss_alternative_standard_error", alternative?.StandardError ?? double.NaN);

        w.WriteNumber("seed", report.Seed);
        w.WriteString("blas", report.Kernels);
        w.WriteString("version", report.Version);
        w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        w.WriteString("os", RuntimeInformation.OSDescription);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
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
