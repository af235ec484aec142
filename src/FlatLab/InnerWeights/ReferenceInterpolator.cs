using FlatLab.Networks;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Flatness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.InnerWeights;

/// <summary>
/// The paper's Theorem 4 reference "good" interpolator (docs/model.md §6): a network of width m that equals
/// the link g exactly, so it interpolates every noiseless sample of the model.
/// <list type="bullet">
/// <item>single-index (and the linear link, whose σ* is the identity): all w_j = u_1, a_j = 1/(λ m);</item>
/// <item>sum-single-index: m/r copies of each u_r with a_j = c_r / (λ m/r);</item>
/// <item>teacher g = Σ_l b_l σ*(v_l·Ux): m/L copies of each Uᵀv_l/‖v_l‖ with a_j = b_l ‖v_l‖^k / (λ m/L).</item>
/// </list>
/// Here the network's activation must be σ = λ σ* for some λ ≠ 0 (the same k and proportional
/// coefficients; λ = 1 when they are equal). The rows of W have unit norm.
/// </summary>
public static class ReferenceInterpolator
{
    /// <summary>Why <paramref name="model"/> has no reference interpolator of width <paramref name="m"/> with
    /// activation <paramref name="sigma"/>, or null when it has one.</summary>
    public static string? Unsupported(DataModel model, int m, Activation sigma)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sigma);
        if (m < 1) return $"The width m must be >= 1, got {m}.";
        var link = model.Link == LinkKind.Linear ? new Activation(1, 1, 1, "linear") : model.LinkActivation;
        if (model.Link == LinkKind.QuadraticFeature)
            return "The quadratic-feature link is not a multi-index model: no network of this form equals it.";
        if (model.Offset != 0)
            return "The link has an offset b ≠ 0: a network without biases is 0 at x = 0, so none equals it.";
        if (Ratio(sigma, link) is null)
            return $"The network's activation {sigma.Name} is not a multiple of the link activation {link.Name}, so it cannot represent the link exactly.";
        var groups = Groups(model);
        if (m % groups != 0)
            return $"The width m = {m} is not a multiple of the {groups} directions of the {model.Link.Name()} link.";
        if (model.Link == LinkKind.Teacher)
            for (var l = 0; l < groups; l++)
                if (!(model.TeacherWeights!.Row(l).L2Norm() > 0))
                    return $"Teacher weight v_{l + 1} is zero; it has no direction to copy.";
        return null;
    }

    /// <summary>The reference interpolator (W, a); throws <see cref="ArgumentException"/> with the reason
    /// from <see cref="Unsupported"/> when there is none.</summary>
    public static NetworkParameters Create(DataModel model, int m, Activation sigma)
    {
        if (Unsupported(model, m, sigma) is { } reason) throw new ArgumentException(reason);
        var link = model.Link == LinkKind.Linear ? new Activation(1, 1, 1, "linear") : model.LinkActivation;
        var lambda = Ratio(sigma, link)!.Value;
        var d = model.Dimension;
        var groups = Groups(model);
        var copies = m / groups;
        var w = Matrix<double>.Build.Dense(m, d);
        var a = new double[m];
        for (var g = 0; g < groups; g++)
        {
            var (direction, weight) = Component(model, g);
            for (var c = 0; c < copies; c++)
            {
                var j = g * copies + c;
                w.SetRow(j, direction);
                a[j] = weight / (lambda * copies);
            }
        }
        return new NetworkParameters(a, w);
    }

    /// <summary>The g-th unit direction of the link and its coefficient, g = Σ coefficient · σ*(direction · x).</summary>
    private static (Vector<double> Direction, double Weight) Component(DataModel model, int g)
    {
        switch (model.Link)
        {
            case LinkKind.SingleIndex or LinkKind.Linear:
                return (model.Directions.Row(0), 1.0);
            case LinkKind.SumSingleIndex:
                return (model.Directions.Row(g), model.Coefficients[g]);
            case LinkKind.Teacher:
            {
                // σ*(v·Ux) = σ*(‖v‖ ŵ·x) = ‖v‖^k σ*(ŵ·x) with ŵ = Uᵀv/‖v‖ (unit, U has orthonormal rows).
                var v = model.TeacherWeights!.Row(g);
                var norm = v.L2Norm();
                var direction = model.Directions.TransposeThisAndMultiply(v) / norm;
                return (direction / direction.L2Norm(), model.Coefficients[g] * Math.Pow(norm, model.LinkActivation.K));
            }
            default:
                throw new InvalidOperationException($"Unhandled link {model.Link}.");
        }
    }

    private static int Groups(DataModel model) => model.Link switch
    {
        LinkKind.SumSingleIndex => model.Rank,
        LinkKind.Teacher => model.Coefficients.Length,
        _ => 1,
    };

    /// <summary>λ with σ = λ σ*, or null when the two are not proportional.</summary>
    private static double? Ratio(Activation sigma, Activation link)
    {
        if (sigma.K != link.K) return null;
        // Both pairs (c₊, c₋) are non-zero; they are proportional when the 2 × 2 determinant vanishes.
        var det = sigma.CPlus * link.CMinus - sigma.CMinus * link.CPlus;
        var scale = Math.Abs(sigma.CPlus) + Math.Abs(sigma.CMinus) + Math.Abs(link.CPlus) + Math.Abs(link.CMinus);
        if (Math.Abs(det) > 1e-12 * scale * scale) return null;
        return link.CPlus != 0 ? sigma.CPlus / link.CPlus : sigma.CMinus / link.CMinus;
    }
}
