using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Bench;

/// <summary>
/// Runs the Python peer script (HiGHS, cvxopt, a NumPy dual Newton method) on CSV copies of an
/// instance and reads its JSON answer. The script times the solve only, from (Φ, c, y) to a.
/// </summary>
public sealed class PythonPeer(string python, string script)
{
    /// <summary>The peer's answer; <paramref name="Objective"/> and <paramref name="Residual"/> are NaN unless solved.</summary>
    public sealed record PeerResult(string Status, double Seconds, double Objective, double Residual, int Repetitions, string Error);

    /// <summary>Null when the interpreter and its numpy, scipy and cvxopt are usable, else why not.</summary>
    public string? CheckAvailable()
    {
        if (!File.Exists(script)) return $"the peer script {script} does not exist";
        var (code, _, stderr) = Execute(["-c", "import numpy, scipy, cvxopt"], TimeSpan.FromSeconds(60));
        return code == 0 ? null : $"{python} cannot import numpy, scipy and cvxopt ({FirstLine(stderr)})";
    }

    /// <summary>Writes X, y and W with round-trip precision, comma separated, without a header.</summary>
    public static (string X, string Y, string W) WriteInstance(BenchInstance instance, string folder)
    {
        Directory.CreateDirectory(folder);
        var x = Path.Combine(folder, "X.csv");
        var y = Path.Combine(folder, "y.csv");
        var w = Path.Combine(folder, "W.csv");
        WriteMatrix(x, instance.X);
        File.WriteAllLines(y, instance.Y.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        WriteMatrix(w, instance.W);
        return (x, y, w);
    }

    public PeerResult Solve((string X, string Y, string W) files, string activation, string method, int reps, TimeSpan timeout)
    {
        var (code, stdout, stderr) = Execute(
            [script, "--features", files.X, "--labels", files.Y, "--inner-weights", files.W,
             "--activation", activation, "--method", method, "--reps", reps.ToString(CultureInfo.InvariantCulture)],
            timeout);
        if (code == 2 || string.IsNullOrWhiteSpace(stdout))
            return code == -1
                ? new PeerResult($"stopped after {timeout.TotalSeconds:F0} s", double.NaN, double.NaN, double.NaN, reps,
                    "over the time budget; no result")
                : new PeerResult("failed", double.NaN, double.NaN, double.NaN, reps, FirstLine(stderr));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        return new PeerResult(
            root.GetProperty("status").GetString() ?? "unknown",
            Number(root, "seconds_best"),
            Number(root, "objective"),
            Number(root, "primal_residual"),
            root.GetProperty("seconds_all").GetArrayLength(),
            "");
    }

    private static double Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private (int Code, string Stdout, string Stderr) Execute(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {python}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", "timed out");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, "", e.Message);
        }
    }

    private static void WriteMatrix(string path, Matrix<double> a)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var line = new StringBuilder();
        for (var i = 0; i < a.RowCount; i++)
        {
            line.Clear();
            for (var j = 0; j < a.ColumnCount; j++)
            {
                if (j > 0) line.Append(',');
                line.Append(a[i, j].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.WriteLine(line);
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}
