using FlatLab.Data;
using FlatLab.Reporting.Io;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Cli.Solve;

/// <summary>
/// Reads <c>solve</c>'s files and checks them against each other. Every failure is an
/// <see cref="InputException"/> naming the option, the file and the problem.
/// </summary>
internal static class SolveInputReader
{
    public static SolveInputs Read(SolveSpec spec)
    {
        CompareDeclaredShapes(spec);
        var x = Matrix("--features", spec.FeaturesPath);
        var y = Vector("--labels", spec.LabelsPath);
        var w = Matrix("--inner-weights", spec.InnerWeightsPath);
        int n = x.RowCount, d = x.ColumnCount, m = w.RowCount;
        if (y.Length != n)
            throw new InputException($"--labels: {spec.LabelsPath} has {y.Length} labels but {spec.FeaturesPath} has n = {n} rows.");
        if (w.ColumnCount != d)
            throw new InputException(
                $"--inner-weights: {spec.InnerWeightsPath} has {w.ColumnCount} columns but {spec.FeaturesPath} has d = {d}.");
        RequireOverParameterised(m, n);
        for (var j = 0; j < m; j++)
            if (FlatLab.LinearAlgebra.RowNorms.Fault(w, j) is { } fault)
                throw new InputException($"--inner-weights: row {j + 1} of {spec.InnerWeightsPath} {fault}.");
        var model = spec.Model is null ? null : Model(spec.Model, d);
        return new SolveInputs(x, y, w, model);
    }

    /// <summary>
    /// Compares the sizes the files declare in their headers (NPY, Parquet) before any body is read, so that
    /// a W of millions of rows with the wrong number of columns is refused without reading it; the checks
    /// after reading repeat them for the formats that declare nothing (CSV, NPZ).
    /// </summary>
    private static void CompareDeclaredShapes(SolveSpec spec)
    {
        var x = Shape("--features", spec.FeaturesPath);
        var y = Shape("--labels", spec.LabelsPath);
        var w = Shape("--inner-weights", spec.InnerWeightsPath);
        if (x is not null && w is not null && w.Columns != x.Columns)
            throw new InputException(
                $"--inner-weights: {spec.InnerWeightsPath} declares {w.Columns} columns but {spec.FeaturesPath} declares d = {x.Columns} (compared before reading).");
        if (x is not null && y is not null && y.VectorLength is { } length && length != x.Rows)
            throw new InputException(
                $"--labels: {spec.LabelsPath} declares {length} labels but {spec.FeaturesPath} declares n = {x.Rows} rows (compared before reading).");
        if (x is not null && w is not null) RequireOverParameterised(w.Rows, x.Rows);
    }

    private static void RequireOverParameterised(long m, long n)
    {
        if (m <= n)
            throw new InputException(
                $"--inner-weights: m = {m} neurons must exceed n = {n} samples (the network must be over-parameterised to interpolate).");
    }

    private static MatrixShape? Shape(string option, string path)
    {
        try { return MatrixFile.DeclaredShape(path); }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option}: {e.Message}", e);
        }
    }

    /// <summary>Reads and checks the data model's files against the features' dimension d.</summary>
    internal static DataModel Model(DataModelInput input, int d)
    {
        var u = Matrix("--directions", input.DirectionsPath);
        if (u.ColumnCount != d)
            throw new InputException($"--directions: {input.DirectionsPath} has {u.ColumnCount} columns but the features have d = {d}.");
        var r = u.RowCount;
        Matrix<double>? a = null, v = null;
        if (input.QuadraticFormPath is { } aPath)
        {
            a = Matrix("--quadratic-form", aPath);
            if (a.RowCount != d || a.ColumnCount != d)
                throw new InputException($"--quadratic-form: {aPath} is {a.RowCount} x {a.ColumnCount} but must be d x d = {d} x {d}.");
        }
        if (input.TeacherWeightsPath is { } vPath)
        {
            v = Matrix("--teacher-weights", vPath);
            if (v.ColumnCount != r)
                throw new InputException($"--teacher-weights: {vPath} has {v.ColumnCount} columns but U has r = {r} rows.");
        }
        var coefficients = input.Coefficients ?? input.Link switch
        {
            LinkKind.SumSingleIndex => DataModelFactory.EqualPowerCoefficients(input.LinkActivation, r),
            LinkKind.Teacher => Enumerable.Repeat(1.0 / Math.Sqrt(v!.RowCount), v.RowCount).ToArray(),
            _ => [],
        };
        try
        {
            return new DataModel(u, input.Link, input.LinkActivation, coefficients, v, a, input.NoiseStd).Validate();
        }
        catch (ArgumentException e)
        {
            throw new InputException($"data model: {e.Message}");
        }
    }

    internal static Matrix<double> Matrix(string option, string path)
    {
        try { return MatrixFile.Read(path); }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option}: {e.Message}", e);
        }
    }

    internal static double[] Vector(string option, string path)
    {
        try { return MatrixFile.ReadVector(path); }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option}: {e.Message}", e);
        }
    }
}
