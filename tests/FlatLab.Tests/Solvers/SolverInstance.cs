using FlatLab.LinearAlgebra;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Solvers;

/// <summary>A small test problem and the data it was built from (so a test can alter X, W or y and rebuild).</summary>
public sealed record SolverInstance(Matrix<double> X, double[] Labels, Matrix<double> W, Activation Activation,
                                    OuterWeighting Weighting, FlattestInterpolatorProblem Problem)
{
    /// <summary>
    /// Draws a single-index data set (link activation = the network's, linear link for the linear
    /// network), Gaussian inner weights W (m × d), and builds Φ, c and p through the library's own
    /// NeuronFeatures and FlattestInterpolatorProblem.Create.
    /// </summary>
    public static SolverInstance Network(string activation, int n, int m, int d, ulong seed,
                                         OuterWeighting weighting = OuterWeighting.Exact, double noise = 0.1)
    {
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(seed);
        var link = sigma.Name == "linear" ? LinkKind.Linear : LinkKind.SingleIndex;
        var model = DataModelFactory.Create(new DataModelSpec(d, 1, link, sigma, NoiseStd: noise), random.Fork("model"));
        var data = DataSampler.Sample(model, n, random.Fork("sample"));
        var w = GaussianMatrix(m, d, random.Fork("inner"));
        return Build(data.Features, data.Labels, w, sigma, weighting);
    }

    public static SolverInstance Build(Matrix<double> x, double[] labels, Matrix<double> w, Activation activation, OuterWeighting weighting)
    {
        var features = NeuronFeatures.Compute(x, w, activation, DenseKernels.Default);
        return new SolverInstance(x, labels, w, activation, weighting, FlattestInterpolatorProblem.Create(features, labels, weighting));
    }

    /// <summary>The same instance with inner-weight row <paramref name="row"/> appended again (two identical neurons).</summary>
    public SolverInstance WithDuplicatedNeuron(int row)
    {
        var w = W.Stack(W.SubMatrix(row, 1, 0, W.ColumnCount));
        return Build(X, Labels, w, Activation, Weighting);
    }

    /// <summary>An explicit problem: Gaussian Φ (n × m) and y, weights c_j uniform in [0.5, 2], exponent p.</summary>
    public static FlattestInterpolatorProblem Random(int n, int m, double p, ulong seed)
    {
        var random = new RandomSource(seed);
        var phi = (DenseMatrix)GaussianMatrix(n, m, random.Fork("phi"));
        var labels = new double[n];
        random.Fork("labels").FillGaussian(labels);
        var weightStream = random.Fork("weights");
        var c = Enumerable.Range(0, m).Select(_ => 0.5 + 1.5 * weightStream.NextDouble()).ToArray();
        return new FlattestInterpolatorProblem(phi, labels, c, p, double.NaN).Validate();
    }

    public static Matrix<double> GaussianMatrix(int rows, int cols, RandomSource random)
    {
        var values = new double[rows * cols];
        random.FillGaussian(values);
        return new DenseMatrix(rows, cols, values);
    }
}
