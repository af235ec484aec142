using System.Text.Json;
using FlatLab.Experiments.Runs;

namespace FlatLab.Cli;

/// <summary>
/// The machine interface of the commands that take <c>--json FILE|-</c> (docs/machine-interface.md):
/// the result object goes to the file or, for "-", alone to standard output; a failure is then one
/// JSON object on standard error instead of a line of text.
/// </summary>
internal static class MachineOutput
{
    public const string StandardOutput = "-";

    public static bool IsStandardOutput(string? path) => path == StandardOutput;

    /// <summary>Writes <paramref name="json"/> (one JSON object) to standard output or atomically to a file.</summary>
    public static void Write(string path, string json, CliStreams streams)
    {
        if (IsStandardOutput(path))
        {
            streams.Out.Write(json.EndsWith('\n') ? json : json + "\n");
            streams.Out.Flush();
            return;
        }
        try
        {
            AtomicFileWriter.WriteAllText(path, json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--json: cannot write {path}: {e.Message}", e);
        }
    }

    /// <summary>True when the command line asks for <c>--json</c>, so errors are reported as JSON.</summary>
    public static bool Requested(IEnumerable<string> args) =>
        args.Any(a => a == "--json" || a.StartsWith("--json=", StringComparison.Ordinal));

    /// <summary>The error object: <c>{"error": kind, "exit_code": code, "message": text}</c> on one line.</summary>
    public static string Error(string kind, int exitCode, string message)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions
               {
                   Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            w.WriteStartObject();
            w.WriteString("error", kind);
            w.WriteNumber("exit_code", exitCode);
            w.WriteString("message", message);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
