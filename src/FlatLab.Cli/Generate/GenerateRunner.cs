using System.Text.Encodings.Web;
using System.Text.Json;
using FlatLab.Data;
using FlatLab.Experiments.Runs;
using FlatLab.InnerWeights;
using FlatLab.Randomness;
using FlatLab.Reporting.Io;

namespace FlatLab.Cli.Generate;

/// <summary>
/// Runs <c>flatlab generate</c>: draws a data model, a sample and inner weights at correlation ρ,
/// and writes them in numpy.savetxt's format, with <c>instance.json</c> recording how.
/// </summary>
internal static class GenerateRunner
{
    public static int Run(GenerateSpec spec, CliStreams streams)
    {
        var random = new RandomSource(spec.Seed);
        var model = DataModelFactory.Create(spec.Model, random.Fork("model"));
        var sample = DataSampler.Sample(model, spec.SampleCount, random.Fork("sample")).Validate();
        var w = CorrelatedWeights.Sample(model.Directions, spec.NeuronCount, spec.Correlation, random.Fork("inner-weights"));

        var dir = spec.OutputDirectory;
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out: cannot create directory {dir}: {e.Message}", e);
        }
        var files = new List<string> { "X.csv", "y.csv", "W.csv", "U.csv" };
        CsvMatrixWriter.WriteFile(Path.Combine(dir, "X.csv"), sample.Features);
        CsvMatrixWriter.WriteVectorFile(Path.Combine(dir, "y.csv"), sample.Labels);
        CsvMatrixWriter.WriteFile(Path.Combine(dir, "W.csv"), w);
        CsvMatrixWriter.WriteFile(Path.Combine(dir, "U.csv"), model.Directions);
        if (model.QuadraticForm is { } a)
        {
            CsvMatrixWriter.WriteFile(Path.Combine(dir, "A.csv"), a);
            files.Add("A.csv");
        }
        if (model.TeacherWeights is { } v)
        {
            CsvMatrixWriter.WriteFile(Path.Combine(dir, "V.csv"), v);
            files.Add("V.csv");
        }
        var command = SolveCommandLine(spec, model, dir);
        AtomicFileWriter.Write(Path.Combine(dir, "instance.json"), s => WriteManifest(s, spec, model, files, command));

        streams.Out.WriteLine(
            $"wrote {string.Join(", ", files)} to {dir} (d = {model.Dimension}, n = {spec.SampleCount}, m = {spec.NeuronCount}, r = {model.Rank}, rho = {spec.Correlation}, link = {model.Link.Name()})");
        streams.Out.WriteLine($"solve it with: {command}");
        return ExitCodes.Success;
    }

    /// <summary>The <c>flatlab solve</c> line that reproduces this instance's data model.</summary>
    internal static string SolveCommandLine(GenerateSpec spec, DataModel model, string dir)
    {
        string P(string file) => Quote(Path.Combine(dir, file));
        var parts = new List<string>
        {
            "flatlab solve", "--features", P("X.csv"), "--labels", P("y.csv"), "--inner-weights", P("W.csv"),
            "--activation", Quote(spec.Activation.Name), "--directions", P("U.csv"), "--link", model.Link.Name(),
            "--link-activation", Quote(model.LinkActivation.Name),
            "--noise-std", model.NoiseStd.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (model.Link is LinkKind.SumSingleIndex or LinkKind.Teacher)
            parts.AddRange(["--link-coefficients",
                string.Join(',', model.Coefficients.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))]);
        if (model.QuadraticForm is not null) parts.AddRange(["--quadratic-form", P("A.csv")]);
        if (model.TeacherWeights is not null) parts.AddRange(["--teacher-weights", P("V.csv")]);
        parts.AddRange(["--out", P("solve")]);
        return string.Join(' ', parts);
    }

    private static string Quote(string s) => s.All(c => char.IsLetterOrDigit(c) || "-_./:,".Contains(c)) ? s : $"'{s}'";

    private static void WriteManifest(Stream stream, GenerateSpec spec, DataModel model, List<string> files, string command)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("d", model.Dimension);
        w.WriteNumber("n", spec.SampleCount);
        w.WriteNumber("m", spec.NeuronCount);
        w.WriteNumber("rank", model.Rank);
        w.WriteNumber("rho", spec.Correlation);
        w.WriteString("activation", spec.Activation.Name);
        w.WriteString("link", model.Link.Name());
        w.WriteString("link_activation", model.LinkActivation.Name);
        w.WriteStartArray("link_coefficients");
        foreach (var c in model.Coefficients) w.WriteNumberValue(c);
        w.WriteEndArray();
        w.WriteNumber("noise_std", model.NoiseStd);
        w.WriteNumber("seed", spec.Seed);
        w.WriteStartArray("files");
        foreach (var f in files) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteString("solve_command", command);
        w.WriteString("version", FlatLabApp.Version);
        w.WriteEndObject();
    }
}
