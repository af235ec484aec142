using FlatLab.Data;
using FlatLab.Randomness;

namespace FlatLab.Tests.Data;

public sealed class XorTargetTests
{
    [Fact]
    public void GivenDefaults_WhenXorSampleDrawn_ThenHasTheStudyShapeAndLabelsEqualX1TimesX2()
    {
        var data = XorTarget.Sample(new RandomSource(61));

        Assert.Equal(XorTarget.DefaultSampleCount, data.Count);
        Assert.Equal(XorTarget.DefaultDimension, data.Dimension);
        Assert.Equal(100, data.Count);
        Assert.Equal(30, data.Dimension);
        for (var i = 0; i < data.Count; i++)
            Assert.Equal(data.Features[i, 0] * data.Features[i, 1], data.Labels[i]);
        // Both label values occur (a constant label would make the test vacuous).
        Assert.Contains(1.0, data.Labels);
        Assert.Contains(-1.0, data.Labels);
    }

    [Fact]
    public void GivenXorModel_WhenTargetEvaluatedOnEveryCornerOfASmallCube_ThenEqualsTheProduct()
    {
        const int d = 4;
        var model = XorTarget.Model(d);
        Assert.Equal(LinkKind.QuadraticFeature, model.Link);
        var x = new double[d];
        for (var mask = 0; mask < 1 << d; mask++)
        {
            for (var c = 0; c < d; c++) x[c] = ((mask >> c) & 1) == 1 ? 1 : -1;
            Assert.Equal(x[0] * x[1], model.Target(x), 1e-15);
            Assert.Equal(x[0] * x[1], XorTarget.Value(x));
        }
    }

    [Fact]
    public void GivenNoise_WhenXorSampleDrawn_ThenLabelsDeviateByTheNoiseOnly()
    {
        var clean = XorTarget.Sample(new RandomSource(62), 500, 10);
        var noisy = XorTarget.Sample(new RandomSource(62), 500, 10, noiseStd: 0.1);
        Assert.Equal(clean.Features, noisy.Features);
        var eps = clean.Labels.Zip(noisy.Labels, (c, y) => (y - c) / 0.1).ToArray();
        NumericChecks.AssertWithinFourErrors(1, eps.Select(e => e * e).ToArray(), "E ε²");
    }

    [Fact]
    public void GivenDimensionOne_WhenXorModelBuilt_ThenThrows()
    {
        Assert.Throws<ArgumentException>(() => XorTarget.Model(1));
        Assert.Throws<ArgumentException>(() => XorTarget.Value([1.0]));
    }
}
