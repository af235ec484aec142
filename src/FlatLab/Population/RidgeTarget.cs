using FlatLab.Activations;
using FlatLab.Data;

namespace FlatLab.Population;

/// <summary>
/// A multi-index link written as g(x) = b + Σ_l β_l σ*(t_l·x) with unit t_l ∈ Rᵈ: every link but the
/// quadratic feature. A term b σ*(v·x) becomes β = b‖v‖ᵏ, t = v/‖v‖; the teacher's
/// b_l σ*(v_l·U x) has v = Uᵀv_l; the linear link is σ* = linear; the offset b is the model's
/// (docs/model.md §1.7, §7.4).
/// </summary>
internal sealed record RidgeTarget(double[][] Directions, double[] Coefficients, Activation Activation, double Offset = 0)
{
    public static readonly Activation LinearActivation = new(1, 1, 1, "linear");

    /// <summary>The expansion of the model's link, or null when it has none (quadratic feature).</summary>
    public static RidgeTarget? From(DataModel model)
    {
        var u = model.Directions;
        var terms = new List<(double B, double[] V)>();
        switch (model.Link)
        {
            case LinkKind.SingleIndex:
            case LinkKind.Linear:
                terms.Add((1, u.Row(0).ToArray()));
                break;
            case LinkKind.SumSingleIndex:
                for (var r = 0; r < model.Rank; r++) terms.Add((model.Coefficients[r], u.Row(r).ToArray()));
                break;
            case LinkKind.Teacher:
                for (var l = 0; l < model.Coefficients.Length; l++)
                    terms.Add((model.Coefficients[l], u.TransposeThisAndMultiply(model.TeacherWeights!.Row(l)).ToArray()));
                break;
            default:
                return null;
        }
        var activation = model.Link == LinkKind.Linear ? LinearActivation : model.LinkActivation;
        var directions = new List<double[]>();
        var coefficients = new List<double>();
        foreach (var (b, v) in terms)
        {
            var norm = Math.Sqrt(v.Sum(t => t * t));
            if (norm == 0 || b == 0) continue; // σ*(0) = 0: the term vanishes.
            directions.Add(v.Select(t => t / norm).ToArray());
            coefficients.Add(b * Activation.Pow(norm, activation.K));
        }
        return new RidgeTarget(directions.ToArray(), coefficients.ToArray(), activation, model.Offset);
    }

    /// <summary>E[g²] = Σ_{l,l'} β_l β_l' E[σ*(t_l·x) σ*(t_l'·x)] + b² + 2b E σ*(z) Σ_l β_l, exact.</summary>
    public double SignalPower()
    {
        var kernel = new ActivationPairKernel(Activation, Activation);
        var total = 0.0;
        for (var l = 0; l < Coefficients.Length; l++)
            for (var q = 0; q < Coefficients.Length; q++)
                total += Coefficients[l] * Coefficients[q] * kernel.Evaluate(Dot(Directions[l], Directions[q]));
        if (Offset == 0) return total;
        return total + Offset * Offset + 2 * Offset * GaussianMoments.Mean(Activation) * Coefficients.Sum();
    }

    /// <summary>E[f g] = Σ_j ã_j Σ_l β_l E[σ(ŵ_j·x) σ*(t_l·x)] + b E σ(z) Σ_j ã_j, exact.</summary>
    public double Correlation(NetworkExpansion network)
    {
        var total = ActivationCorrelation(network);
        if (Offset == 0) return total;
        return total + Offset * GaussianMoments.Mean(network.Activation) * network.Scaled.Sum();
    }

    /// <summary>E[f h], h = g − b: the sum of cross kernels K_{σσ*}.</summary>
    private double ActivationCorrelation(NetworkExpansion network)
    {
        var kernel = new ActivationPairKernel(network.Activation, Activation);
        var total = 0.0;
        for (var j = 0; j < network.Width; j++)
        {
            if (network.Scaled[j] == 0) continue;
            var row = 0.0;
            for (var l = 0; l < Coefficients.Length; l++)
                row += Coefficients[l] * kernel.Evaluate(Dot(network.Direction(j), Directions[l]));
            total += network.Scaled[j] * row;
        }
        return total;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var s = 0.0;
        for (var i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }
}
