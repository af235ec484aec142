using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Population;

/// <summary>
/// The population loss of a two-layer network f(x) = Σ_j a_j σ(w_j·x) on a data model
/// (docs/model.md §7; formulas, methods and accuracy in docs/population-loss.md):
/// L_D = E[g²] + s² − 2 E[f g] + E[f²].
/// </summary>
public static class PopulationLoss
{
    public const int DefaultFallbackSamples = 200_000;

    /// <summary>
    /// The best available method. Every multi-index link (single-index, sum-single-index, linear,
    /// teacher) is Exact for any pair of activations. The quadratic-feature link has no closed form:
    /// Monte Carlo with <paramref name="fallbackSamples"/> fresh inputs, the noise term s² and E[f²]
    /// exact (E[f²] serves as a control variate), and the standard error reported; SignalPower is
    /// exact there when |c₊| = |c₋| for σ*, else the sample mean of g².
    /// </summary>
    public static PopulationLossResult Compute(DataModel model, Matrix<double> innerWeights, double[] outerWeights,
        Activation activation, IDenseKernels kernels, RandomSource random, int fallbackSamples = DefaultFallbackSamples)
    {
        var network = Prepare(model, innerWeights, outerWeights, activation);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(random);
        var noise = model.NoiseStd * model.NoiseStd;
        var networkPower = GramSum.NetworkPower(network, kernels);
        var target = RidgeTarget.From(model);
        if (target is not null)
        {
            var signal = target.SignalPower();
            // Rounding can leave a tiny negative excess when f ≈ g; the true value is >= 0.
            var excess = Math.Max(signal - 2 * target.Correlation(network) + networkPower, 0);
            return new PopulationLossResult(noise + excess, 0, PopulationLossMethod.Exact, signal, noise, 0);
        }
        CheckSamples(fallbackSamples, nameof(fallbackSamples));
        return ControlledMonteCarlo(model, network, networkPower, fallbackSamples, random, kernels);
    }

    /// <summary>
    /// Plain Monte Carlo on a fresh sample of (x, y = g(x) + ε), as the paper did: the mean of
    /// (f − y)² and its standard error. SignalPower is exact where a closed form exists.
    /// </summary>
    public static PopulationLossResult MonteCarlo(DataModel model, Matrix<double> innerWeights, double[] outerWeights,
        Activation activation, IDenseKernels kernels, int samples, RandomSource random)
    {
        var network = Prepare(model, innerWeights, outerWeights, activation);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(random);
        CheckSamples(samples, nameof(samples));
        var moments = MonteCarloSampler.Run(model, network, samples, random, 2, static (f, g, eps, v) =>
        {
            var e = f - g - eps;
            v[0] = e * e;
            v[1] = g * g;
        }, kernels);
        var signal = ExactSignalPower(model, kernels) ?? moments.Mean(1);
        return new PopulationLossResult(moments.Mean(0), Math.Sqrt(moments.Covariance(0, 0) / samples),
            PopulationLossMethod.MonteCarlo, signal, model.NoiseStd * model.NoiseStd, samples);
    }

    /// <summary>E[g²]: exact for every multi-index link, and for the quadratic-feature link when
    /// |c₊| = |c₋| for σ* (then σ*² is a polynomial with exact Gaussian moments); otherwise the mean
    /// of g² over <paramref name="fallbackSamples"/> fresh inputs.</summary>
    public static double SignalPower(DataModel model, IDenseKernels kernels, RandomSource random, int fallbackSamples = DefaultFallbackSamples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(kernels);
        model.Validate();
        if (ExactSignalPower(model, kernels) is { } exact) return exact;
        ArgumentNullException.ThrowIfNull(random);
        CheckSamples(fallbackSamples, nameof(fallbackSamples));
        var silent = new NetworkExpansion(Matrix<double>.Build.Dense(1, model.Dimension), [0.0], RidgeTarget.LinearActivation);
        var moments = MonteCarloSampler.Run(model, silent, fallbackSamples, random, 1,
            static (_, g, _, v) => v[0] = g * g, kernels);
        return moments.Mean(0);
    }

    /// <summary>
    /// L_D = s² + E[(f − g)²], the noise integrated exactly, estimated by the mean of h = (f − g)²
    /// corrected with the control variate v = f², whose mean E[f²] is known exactly:
    /// h̄ − β (v̄ − E[f²]) with the variance-minimising β = cov(h, v)/var(v) (bias O(1/N)).
    /// </summary>
    private static PopulationLossResult ControlledMonteCarlo(DataModel model, NetworkExpansion network, double networkPower,
        int samples, RandomSource random, IDenseKernels kernels)
    {
        var moments = MonteCarloSampler.Run(model, network, samples, random, 3, static (f, g, _, v) =>
        {
            var e = f - g;
            v[0] = e * e;
            v[1] = f * f;
            v[2] = g * g;
        }, kernels);
        var varV = moments.Covariance(1, 1);
        var cov = moments.Covariance(0, 1);
        var beta = varV > 0 ? cov / varV : 0;
        var residualVariance = Math.Max(moments.Covariance(0, 0) - beta * cov, 0);
        var noise = model.NoiseStd * model.NoiseStd;
        var loss = noise + moments.Mean(0) - beta * (moments.Mean(1) - networkPower);
        return new PopulationLossResult(loss, Math.Sqrt(residualVariance / samples), PopulationLossMethod.MonteCarlo,
            ExactSignalPower(model, kernels) ?? moments.Mean(2), noise, samples);
    }

    private static double? ExactSignalPower(DataModel model, IDenseKernels kernels) =>
        RidgeTarget.From(model)?.SignalPower()
        ?? QuadraticFormMoments.SignalPower(model.QuadraticForm!, model.LinkActivation, kernels);

    private static NetworkExpansion Prepare(DataModel model, Matrix<double> innerWeights, double[] outerWeights, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        ArgumentNullException.ThrowIfNull(innerWeights);
        if (innerWeights.ColumnCount != model.Dimension)
            throw new ArgumentException($"W has {innerWeights.ColumnCount} columns but the data model has d = {model.Dimension}.", nameof(innerWeights));
        return new NetworkExpansion(innerWeights, outerWeights, activation);
    }

    private static void CheckSamples(int samples, string name)
    {
        if (samples < 2) throw new ArgumentException($"Monte Carlo needs at least 2 samples for a standard error, got {samples}.", name);
    }
}
