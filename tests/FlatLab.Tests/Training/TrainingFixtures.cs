using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Training;

/// <summary>Small single-index problems for the training and search tests.</summary>
internal static class TrainingFixtures
{
    public static (DataModel Model, Dataset Data) SingleIndex(string activation, int n, int d, ulong seed, double noise = 0.1)
    {
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(seed);
        var model = DataModelFactory.Create(new DataModelSpec(d, 1, LinkKind.SingleIndex, sigma, NoiseStd: noise), random.Fork("model"));
        var data = DataSampler.Sample(model, n, random.Fork("sample"));
        return (model, data with { Features = DenseMatrix.OfMatrix(data.Features) });
    }

    public static DenseMatrix X(Dataset data) => (DenseMatrix)data.Features;

    /// <summary>The loss straight from its definition, (1/n) Σ_i (Σ_j a_j σ(w_j·x_i) − y_i)², with explicit loops.</summary>
    public static double NaiveLoss(Dataset data, NetworkState theta, Activation sigma) =>
        Flatness.NaiveNetwork.Loss(data.Features, data.Labels, theta.Outer, theta.Inner, sigma);

    /// <summary>θ as one array: a, then W column-major (the order of <see cref="NetworkState"/>).</summary>
    public static double[] Flatten(NetworkState theta) => [.. theta.Outer, .. theta.Inner.Values];

    /// <summary>Writes v back into θ's storage (the inverse of <see cref="Flatten"/>).</summary>
    public static NetworkState Unflatten(double[] v, int m, int d)
    {
        var w = new DenseMatrix(m, d);
        Array.Copy(v, m, w.Values, 0, m * d);
        return new NetworkState(v[..m], w);
    }
}
