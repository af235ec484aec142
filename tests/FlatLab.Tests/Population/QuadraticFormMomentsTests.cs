using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Population;

public sealed class QuadraticFormMomentsTests
{
    [Fact]
    public void GivenASymmetricMatrix_WhenMomentsOfTheCentredQuadraticFormAreComputed_ThenTheyMatchEigenvalueFormulas()
    {
        // Q = Σ λ_i (ξ_i² − 1): E Q² = 2Σλ², E Q³ = 8Σλ³, E Q⁴ = 48Σλ⁴ + 12(Σλ²)², by hand from χ² moments.
        var random = new RandomSource(41);
        var a = Matrix<double>.Build.Dense(6, 6);
        for (var i = 0; i < 6; i++)
            for (var j = 0; j <= i; j++) a[i, j] = a[j, i] = random.NextGaussian();
        var lambda = a.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();
        double Power(int n) => lambda.Sum(l => Math.Pow(l, n));
        var kernels = DenseKernels.Default;
        Assert.Equal(0, QuadraticFormMoments.Moment(a, 1, kernels), 1e-12);
        Assert.Equal(2 * Power(2), QuadraticFormMoments.Moment(a, 2, kernels), 1e-10 * Power(2));
        Assert.Equal(8 * Power(3), QuadraticFormMoments.Moment(a, 3, kernels), 1e-10 * Math.Pow(Power(2), 1.5));
        var m4 = 48 * Power(4) + 12 * Power(2) * Power(2);
        Assert.Equal(m4, QuadraticFormMoments.Moment(a, 4, kernels), 1e-10 * m4);
    }

    [Theory]
    [InlineData("quadratic")]
    [InlineData("abs")]
    public void GivenAPolynomialSquaredLink_WhenSignalPowerIsComputed_ThenItIsExactAndSamplingAgrees(string name)
    {
        var model = DataModelFactory.Create(new DataModelSpec(5, 1, LinkKind.QuadraticFeature, ActivationParser.Parse(name)), new RandomSource(42));
        var exact = PopulationLoss.SignalPower(model, DenseKernels.Default, new RandomSource(1), fallbackSamples: 2);
        // Two samples would be far off: matching to 1e-12 across seeds shows no sampling took place.
        Assert.Equal(exact, PopulationLoss.SignalPower(model, DenseKernels.Default, new RandomSource(2), fallbackSamples: 2), 1e-12);
        var squares = DataSampler.Sample(model, 100_000, new RandomSource(3)).Labels.Select(y => y * y).ToArray();
        var mean = squares.Average();
        var se = Math.Sqrt(squares.Sum(v => (v - mean) * (v - mean)) / (squares.Length - 1) / squares.Length);
        Assert.True(Math.Abs(exact - mean) < 4 * se, $"{name}: exact {exact}, sampled {mean} ± {se}");
    }
}
