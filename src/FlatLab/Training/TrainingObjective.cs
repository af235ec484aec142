using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>
/// What the optimizers minimise, in the coordinates they step in (docs/optimizers.md §2): θ̃ = (ã, W) with
/// the network's a = α ã, and the objective γ L_S(α ã, W). Its gradient is ∇̃ = γ (α ∇_a L_S, ∇_W L_S), so a
/// step θ̃ ← θ̃ − η ∇̃ moves a by η γ α² ∇_a L_S and W by η γ ∇_W L_S. The standard parameterisation is
/// α = γ = 1 and then every method works on the network itself, with the same arithmetic as before.
/// </summary>
internal sealed class TrainingObjective
{
    private readonly Activation _sigma;
    private readonly IDenseKernels _kernels;

    public TrainingObjective(Activation sigma, double alpha, double gamma, IDenseKernels kernels)
    {
        (_sigma, Alpha, Gamma, _kernels) = (sigma, alpha, gamma, kernels);
    }

    public static TrainingObjective For(Parameterization parameterization, int m, Activation sigma, IDenseKernels kernels) =>
        new(sigma, parameterization.OutputMultiplier(m), parameterization.StepMultiplier(m), kernels);

    public double Alpha { get; }
    public double Gamma { get; }
    private bool IsIdentity => Alpha == 1 && Gamma == 1;

    /// <summary>The trained coordinates of a network (a copy).</summary>
    public NetworkState ToTrained(NetworkState network)
    {
        var theta = network.Clone();
        if (Alpha != 1)
            for (var j = 0; j < theta.Width; j++) theta.Outer[j] /= Alpha;
        return theta;
    }

    /// <summary>The network of trained coordinates (a copy).</summary>
    public NetworkState ToNetwork(NetworkState theta)
    {
        var network = theta.Clone();
        if (Alpha != 1)
            for (var j = 0; j < network.Width; j++) network.Outer[j] *= Alpha;
        return network;
    }

    /// <summary>L_S of the network at θ̃ (not scaled by γ), and the gradient ∇̃ of γ L_S in θ̃.</summary>
    public double Compute(DenseMatrix x, double[] y, NetworkState theta, NetworkState gradient)
    {
        if (IsIdentity) return NetworkGradient.Compute(x, y, theta, _sigma, gradient, _kernels);
        var loss = NetworkGradient.Compute(x, y, ToNetwork(theta), _sigma, gradient, _kernels);
        for (var j = 0; j < gradient.Width; j++) gradient.Outer[j] *= Gamma * Alpha;
        var g = gradient.Inner.Values;
        for (var i = 0; i < g.Length; i++) g[i] *= Gamma;
        return loss;
    }

    /// <summary>H̃ v, the Hessian of γ L_S in θ̃ applied to v: γ D H D v with D = diag(α on ã, 1 on W) and H the
    /// network's Hessian (<see cref="NetworkGradient.HessianVector"/>).</summary>
    public void HessianVector(DenseMatrix x, double[] y, NetworkState theta, NetworkState v, NetworkState result)
    {
        if (IsIdentity)
        {
            NetworkGradient.HessianVector(x, y, theta, _sigma, v, result, _kernels);
            return;
        }
        var u = v.Clone();
        for (var j = 0; j < u.Width; j++) u.Outer[j] *= Alpha;
        NetworkGradient.HessianVector(x, y, ToNetwork(theta), _sigma, u, result, _kernels);
        for (var j = 0; j < result.Width; j++) result.Outer[j] *= Alpha;
        result.Scale(Gamma);
    }

    /// <summary>L_S of the network at θ̃.</summary>
    public double Loss(DenseMatrix x, double[] y, NetworkState theta) =>
        NetworkGradient.Loss(x, y, IsIdentity ? theta : ToNetwork(theta), _sigma, _kernels);
}
