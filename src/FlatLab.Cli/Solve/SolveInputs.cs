using FlatLab.Data;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Cli.Solve;

/// <summary>The contents of <c>solve</c>'s input files, read and checked against each other.</summary>
/// <param name="Features">X (n × d).</param>
/// <param name="Labels">y (n).</param>
/// <param name="InnerWeights">W (m × d), as given (not yet scaled to unit rows).</param>
/// <param name="Model">The data model, or null when none was given.</param>
internal sealed record SolveInputs(Matrix<double> Features, double[] Labels, Matrix<double> InnerWeights, DataModel? Model)
{
    public int SampleCount => Features.RowCount;
    public int Dimension => Features.ColumnCount;
    public int NeuronCount => InnerWeights.RowCount;
}
