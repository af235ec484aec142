using FlatLab.LinearAlgebra;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Tests.Flatness;
using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Population;

public sealed class SampledPopulationLossTests
{
    /// <summary>E (f − g)² + s² exactly, by enumerating all 2^d points of the hypercube.</summary>
    private static double Enumerated(DataModel model, Matrix<double> w, double[] a, Activation sigma)
    {
        var d = model.Dimension;
        var total = 0.0;
        var x = Matrix<double>.Build.Dense(1, d);
        var row = new double[d];
        for (var mask = 0; mask < 1 << d; mask++)
        {
            for (var c = 0; c < d; c++) row[c] = x[0, c] = ((mask >> c) & 1) == 1 ? 1 : -1;
            var e = NaiveNetwork.Output(x, 0, a, w, sigma) - model.Target(row);
            total += e * e;
        }
        return total / (1 << d) + model.NoiseStd * model.NoiseStd;
    }

    [Theory]
    [InlineData("relu", "single-index")]
    [InlineData("quadratic", "sum-single-index")]
    [InlineData("relu", "xor")]
    public void GivenSmallHypercube_WhenPopulationLossEstimated_ThenAgreesWithExactEnumerationWithinFourStandardErrors(string activation, string target)
    {
        const int d = 6, m = 5;
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(51).Fork(activation + target);
        var model = target == "xor"
            ? XorTarget.Model(d, 0.2)
            : DataModelFactory.Create(new DataModelSpec(d, 2, LinkKindNames.Parse(target), sigma, NoiseStd: 0.2), random.Fork("model"));
        var w = NaiveNetwork.Gaussian(m, d, random.Fork("w"));
        var a = NaiveNetwork.Gaussian(m, random.Fork("a"));

        var result = SampledPopulationLoss.Compute(model, w, a, sigma, FeatureDistribution.Hypercube, 20_000, random.Fork("mc"), DenseKernels.Default);

        var exact = Enumerated(model, w, a, sigma);
        Assert.True(Math.Abs(result.Loss - exact) <= 4 * result.StandardError, $"Monte Carlo {result.Loss} ± {result.StandardError} vs exact {exact}");
        Assert.True(result.StandardError > 0);
        Assert.Equal(PopulationLossMethod.MonteCarlo, result.Method);
        Assert.Equal(0.04, result.NoiseVariance, 1e-15);
        Assert.Equal(20_000, result.SampleSize);
        Assert.True(result.Loss >= result.NoiseVariance);
    }

    [Fact]
    public void GivenTheXorTargetItself_WhenPopulationLossEstimated_ThenOnlyTheNoiseRemains()
    {
        // f = x₁x₂ exactly with the quadratic network (x₁+x₂)²/4 − (x₁−x₂)²/4: L_D = s² with zero variance.
        const int d = 4;
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1, 0, 0 }, { 1, -1, 0, 0 } });
        var result = SampledPopulationLoss.Compute(XorTarget.Model(d, 0.5), w, [0.25, -0.25], ActivationParser.Parse("quadratic"), FeatureDistribution.Hypercube,
            3000, new RandomSource(52), DenseKernels.Default);
        Assert.Equal(0.25, result.Loss, 1e-14);
        Assert.Equal(0, result.StandardError, 1e-14);
        Assert.Equal(1.0, result.SignalPower, 1e-15); // g² = 1 on every hypercube point
    }

    /// <summary>The estimate as first written: the same draws and products, f_i summed over every neuron j in order with
    /// σ.Value, a sample (row of z) at a time.</summary>
    private static (double Loss, double StandardError, double SignalPower) RowByRow(DataModel model, Matrix<double> w, double[] a,
        Activation sigma, FeatureDistribution features, int samples, RandomSource random)
    {
        const int chunkSize = 1024;
        var (d, columns, m) = (model.Dimension, w.ColumnCount, w.RowCount);
        var weights = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfMatrix(w).Values;
        var total = new SampleMoments(2);
        for (var chunk = 0; chunk * chunkSize < samples; chunk++)
        {
            var count = Math.Min(chunkSize, samples - chunk * chunkSize);
            var stream = random.Fork("sample/" + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var x = new double[count * columns];
            var row = new double[d];
            var g = new double[count];
            for (var i = 0; i < count; i++)
            {
                if (features == FeatureDistribution.Hypercube) HypercubeSampler.FillSigns(stream, row);
                else stream.FillGaussian(row);
                for (var c = 0; c < d; c++) x[i + c * count] = row[c];
                if (columns > d) x[i + d * count] = 1;
                g[i] = model.Target(row);
            }
            var z = new double[count * m];
            DenseKernels.Default.Multiply(false, true, count, m, columns, x, weights, z);
            var moments = new SampleMoments(2);
            for (var i = 0; i < count; i++)
            {
                var f = 0.0;
                for (var j = 0; j < m; j++) f += a[j] * sigma.Value(z[i + j * count]);
                var e = f - g[i];
                moments.Add([e * e, g[i] * g[i]]);
            }
            total.Merge(moments);
        }
        var noise = model.NoiseStd * model.NoiseStd;
        return (total.Mean(0) + noise, Math.Sqrt(total.Covariance(0, 0) / samples), total.Mean(1));
    }

    [Theory]
    [InlineData("relu", false, false)]
    [InlineData("relu", true, true)]
    [InlineData("leaky-relu:0.1", true, false)]
    [InlineData("quadratic", false, true)]
    public void GivenAnyNetwork_WhenSampled_ThenTheBitsEqualThoseOfTheRowByRowSum(string activation, bool bias, bool hypercube)
    {
        // Column-at-a-time sums that skip a_j = 0 (and use vector lanes for k = 1) must give the row-by-row sum's bits:
        // 2500 samples leave a short last chunk, 7 neurons include two with a_j = 0 (one of them ±0).
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(61);
        var model = DataModelFactory.Create(new DataModelSpec(6, 1, LinkKind.SingleIndex, ActivationParser.Parse("relu"), NoiseStd: 0.1), random.Fork("model"));
        var w = NaiveNetwork.Gaussian(7, bias ? 7 : 6, random.Fork("w"));
        double[] a = [0.5, 0, -1.25, 2, -0.0, 0.75, -0.3];
        var features = hypercube ? FeatureDistribution.Hypercube : FeatureDistribution.Gaussian;

        var result = SampledPopulationLoss.Compute(model, w, a, sigma, features, 2500, random.Fork("mc"), DenseKernels.Default);
        var (loss, standardError, signal) = RowByRow(model, w, a, sigma, features, 2500, random.Fork("mc"));

        Assert.Equal(loss, result.Loss);
        Assert.Equal(standardError, result.StandardError);
        Assert.Equal(signal, result.SignalPower);
    }

    [Fact]
    public void GivenSameSeed_WhenEstimatedTwice_ThenBitIdentical()
    {
        var model = XorTarget.Model(5);
        var random = new RandomSource(53);
        var w = NaiveNetwork.Gaussian(3, 5, random.Fork("w"));
        double[] a = [0.5, -1, 2];
        var relu = ActivationParser.Parse("relu");
        var first = SampledPopulationLoss.Compute(model, w, a, relu, FeatureDistribution.Hypercube, 5000, random.Fork("mc"), DenseKernels.Default);
        var second = SampledPopulationLoss.Compute(model, w, a, relu, FeatureDistribution.Hypercube, 5000, random.Fork("mc"), DenseKernels.Default);
        Assert.Equal(first, second);
    }

    [Fact]
    public void GivenBadInput_WhenEstimated_ThenThrows()
    {
        var model = XorTarget.Model(5);
        var relu = ActivationParser.Parse("relu");
        var w = Matrix<double>.Build.Dense(3, 5, 1.0);
        Assert.Throws<ArgumentException>(() => SampledPopulationLoss.Compute(model, w, [1.0, 2.0], relu, FeatureDistribution.Hypercube, 100, new RandomSource(1), DenseKernels.Default));
        Assert.Throws<ArgumentException>(() => SampledPopulationLoss.Compute(model, Matrix<double>.Build.Dense(3, 4, 1.0), [1.0, 2, 3], relu, FeatureDistribution.Hypercube, 100, new RandomSource(1), DenseKernels.Default));
        Assert.Throws<ArgumentException>(() => SampledPopulationLoss.Compute(model, Matrix<double>.Build.Dense(3, 7, 1.0), [1.0, 2, 3], relu, FeatureDistribution.Hypercube, 100, new RandomSource(1), DenseKernels.Default));
        Assert.Throws<ArgumentException>(() => SampledPopulationLoss.Compute(model, w, [1.0, 2, 3], relu, FeatureDistribution.Hypercube, 1, new RandomSource(1), DenseKernels.Default));
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenGaussianInputs_WhenSampled_ThenTheLossAgreesWithTheClosedFormWithinFourStandardErrors(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(31);
        var model = DataModelFactory.Create(new DataModelSpec(6, 2, LinkKind.SumSingleIndex, sigma, NoiseStd: 0.3), random.Fork("model"));
        var w = CorrelatedWeights.Sample(model.Directions, 5, 0.6, random.Fork("w"));
        double[] a = [0.4, -0.2, 0.3, 0.1, -0.5];

        var sampled = SampledPopulationLoss.Compute(model, w, a, sigma, FeatureDistribution.Gaussian, 100_000, random.Fork("mc"), DenseKernels.Default);
        var exact = FlatLab.Population.PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, random.Fork("exact"));

        Assert.True(Math.Abs(sampled.Loss - exact.Loss) <= 4 * sampled.StandardError,
            $"sampled {sampled.Loss} ± {sampled.StandardError}, exact {exact.Loss}");
    }

    [Fact]
    public void GivenZeroBiases_WhenSampledWithTheBiasColumn_ThenTheLossEqualsTheBiasFreeOne()
    {
        var relu = ActivationParser.Parse("relu");
        var random = new RandomSource(32);
        var model = DataModelFactory.Create(new DataModelSpec(5, 1, LinkKind.SingleIndex, relu, NoiseStd: 0.1), random.Fork("model"));
        var w = CorrelatedWeights.Sample(model.Directions, 4, 0.5, random.Fork("w"));
        double[] a = [0.5, -0.25, 0.75, 0.1];

        var plain = SampledPopulationLoss.Compute(model, w, a, relu, FeatureDistribution.Gaussian, 5000, random.Fork("mc"), DenseKernels.Default);
        var withBias = SampledPopulationLoss.Compute(model, BiasAugmentation.Join(w, new double[4]), a, relu, FeatureDistribution.Gaussian, 5000, random.Fork("mc"), DenseKernels.Default);

        Assert.Equal(plain.Loss, withBias.Loss, 1e-12);
    }

    [Fact]
    public void GivenNeuronsThatAreBiasesOnly_WhenSampled_ThenTheLossMatchesTheConstantPredictorInClosedForm()
    {
        // w_j = 0, b_j = 1: f(x) = Σ a_j relu(1) = c, so L_D = c² − 2c E g + E g² + s² with g = relu(u·x).
        var relu = ActivationParser.Parse("relu");
        var model = DataModelFactory.Create(new DataModelSpec(4, 1, LinkKind.SingleIndex, relu, NoiseStd: 0.2), new RandomSource(33));
        var w = BiasAugmentation.Join(Matrix<double>.Build.Dense(2, 4), [1.0, 1.0]);
        double[] a = [0.3, 0.2];
        var c = 0.5;

        var sampled = SampledPopulationLoss.Compute(model, w, a, relu, FeatureDistribution.Gaussian, 200_000, new RandomSource(34), DenseKernels.Default);

        var expected = c * c - 2 * c * GaussianMoments.Mean(relu) + GaussianMoments.SecondMoment(relu) + 0.04;
        Assert.True(Math.Abs(sampled.Loss - expected) <= 4 * sampled.StandardError, $"sampled {sampled.Loss} ± {sampled.StandardError}, expected {expected}");
    }
}
