using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlatLab.Data;
using FlatLab.Population;
using FlatLab.Solvers;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as <c>evaluation.json</c>: snake_case names in a fixed order,
/// NaN and absent values as null, every field always present (docs/cli.md, <c>flatlab evaluate</c>).
/// </summary>
public static class EvaluationJsonWriter
{
    public static string ToJson(EvaluationReport report)
    {
        using var stream = new MemoryStream();
        Write(stream, report);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Stream stream, EvaluationReport report)
    {
        var (spec, r) = (report.Spec, report.Result);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("n", spec.Features.RowCount);
        w.WriteNumber("m", spec.InnerWeights.RowCount);
        w.WriteNumber("d", spec.Features.ColumnCount);
        w.WriteNumber("k", spec.Activation.K);
        Number(w, "p", spec.Activation.P);
        w.WriteString("activation", spec.Activation.Name);
        Number(w, "training_loss", r.Trace.EmpiricalLoss);
        Number(w, "max_abs_residual", r.Trace.MaxAbsResidual);
        Number(w, "interpolation_tolerance", spec.InterpolationTolerance);
        w.WriteBoolean("interpolates", r.Interpolates);
        Number(w, "hessian_trace", r.Trace.Trace);
        Number(w, "hessian_trace_gauss_newton", r.Trace.GaussNewtonTerm);
        Number(w, "hessian_trace_residual", r.Trace.ResidualTerm);
        Number(w, "orbit_flatness_min", r.Orbit.FlatnessMin);
        var flattest = r.Flattest;
        String(w, "flattest_status", flattest is null ? null : SnakeCase(flattest.Status));
        String(w, "flattest_message", flattest?.Message);
        Number(w, "flattest_flatness_min", flattest?.FlatnessMin ?? double.NaN);
        Number(w, "flattest_duality_gap", flattest?.DualityGap ?? double.NaN);
        Number(w, "flatness_ratio", r.FlatnessRatio);
        Number(w, "trace_ratio", r.TraceRatio);
        w.WriteString("note", r.Note);

        var model = spec.Model;
        String(w, "link", model?.Link.Name());
        String(w, "link_activation", model is null || model.Link == LinkKind.Linear ? null : model.LinkActivation.Name);
        if (model is null) w.WriteNull("r");
        else w.WriteNumber("r", model.Rank);
        Number(w, "noise_std", model?.NoiseStd ?? double.NaN);
        var loss = r.PopulationLoss;
        Number(w, "population_loss", loss?.Loss ?? double.NaN);
        String(w, "population_loss_method", loss?.Method.Name());
        Number(w, "population_loss_se", loss?.StandardError ?? double.NaN);
        if (loss is null) w.WriteNull("population_loss_sample_size");
        else w.WriteNumber("population_loss_sample_size", loss.SampleSize);
        Number(w, "excess_loss", loss?.ExcessLoss ?? double.NaN);
        Number(w, "flattest_population_loss", r.FlattestPopulationLoss?.Loss ?? double.NaN);
        Number(w, "flattest_population_loss_se", r.FlattestPopulationLoss?.StandardError ?? double.NaN);

        w.WriteNumber("seed", report.Seed);
        w.WriteString("blas", report.Kernels);
        w.WriteString("version", report.Version);
        w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        w.WriteString("os", RuntimeInformation.OSDescription);
        // The vectors last, on one line each.
        w.WritePropertyName("orbit_scales");
        w.WriteRawValue(SolutionJsonWriter.JsonVector(r.Orbit.Scales), skipInputValidation: true);
        if (r.FlattestOuterWeights is { } a)
        {
            w.WritePropertyName("flattest_outer_weights");
            w.WriteRawValue(SolutionJsonWriter.JsonVector(a), skipInputValidation: true);
        }
        else w.WriteNull("flattest_outer_weights");
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string SnakeCase(SolverStatus status) => FlatLab.Experiments.Results.SnakeCaseEnum.Name(status);

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
