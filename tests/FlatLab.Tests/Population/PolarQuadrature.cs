using FlatLab.Activations;
using MathNet.Numerics.Integration;

namespace FlatLab.Tests.Population;

/// <summary>
/// An independent numerical reference for E[σ₁(z₁) σ₂(z₂)], corr(z₁, z₂) = cos θ: the 2-D Gaussian
/// integral in polar coordinates, z₁ = r cos φ, z₂ = r cos(φ − θ), by Gauss–Legendre rules on
/// panels split at every kink of the integrand. Accurate to about 1e−13 for degrees up to 4.
/// </summary>
internal static class PolarQuadrature
{
    private static readonly GaussLegendreRule Unit = new(0, 1, 20);

    public static double Expectation(Activation s1, Activation s2, double theta)
    {
        // Kinks in φ where cos φ or cos(φ − θ) changes sign.
        var cuts = new List<double> { 0, 2 * Math.PI };
        foreach (var k in new[] { Math.PI / 2, 3 * Math.PI / 2, theta + Math.PI / 2, theta + 3 * Math.PI / 2 })
            cuts.Add(k % (2 * Math.PI));
        cuts.Sort();
        var total = 0.0;
        for (var panel = 0; panel < 14; panel++) // r in [0, 14]: the tail e^{-98} is negligible.
        {
            total += Integrate(panel, panel + 1, r =>
            {
                var angular = 0.0;
                for (var c = 0; c + 1 < cuts.Count; c++)
                    if (cuts[c + 1] > cuts[c])
                        angular += Integrate(cuts[c], cuts[c + 1], phi => s1.Value(r * Math.Cos(phi)) * s2.Value(r * Math.Cos(phi - theta)));
                return r * Math.Exp(-r * r / 2) * angular;
            });
        }
        return total / (2 * Math.PI);
    }

    private static double Integrate(double a, double b, Func<double, double> f)
    {
        var sum = 0.0;
        for (var i = 0; i < Unit.Order; i++) sum += Unit.Weights[i] * f(a + (b - a) * Unit.Abscissas[i]);
        return sum * (b - a);
    }
}
