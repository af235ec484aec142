using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Solving;

/// <summary>One instance of the flattest-interpolator problem (docs/model.md §5) and what to measure on it.</summary>
public sealed record InstanceSpec
{
    /// <summary>The sample (X, y) as the network sees it: X is n × d, or n × (d + 1) with a column of ones for biases.</summary>
    public required Dataset Sample { get; init; }
    /// <summary>W (m × d), rows of any norm: the rescaling symmetry makes only their directions matter.</summary>
    public required Matrix<double> InnerWeights { get; init; }
    /// <summary>The network's activation σ.</summary>
    public required Activation Activation { get; init; }
    /// <summary>The weights c_j of the objective.</summary>
    public OuterWeighting Weighting { get; init; } = OuterWeighting.Exact;
    /// <summary>The solver's settings; its kernels are the ones <see cref="InstanceSolver.Solve"/> is given.</summary>
    public SolverSettings Solver { get; init; } = new();
    /// <summary>The data model for the population loss; null: no population loss.</summary>
    public PopulationLossSpec? Population { get; init; }
    /// <summary>The seeded source of the population loss's samples (needed with <see cref="Population"/>).</summary>
    public RandomSource? PopulationRandom { get; init; }
    /// <summary>For p = 1, the source of the samples of L_D at the other point of the optimal face; null: not computed.</summary>
    public RandomSource? AlternativeRandom { get; init; }

    public InstanceSpec Validate()
    {
        ArgumentNullException.ThrowIfNull(Sample);
        ArgumentNullException.ThrowIfNull(InnerWeights);
        ArgumentNullException.ThrowIfNull(Activation);
        Solver.Validate();
        Population?.Validate();
        if (Population is not null && PopulationRandom is null)
            throw new ArgumentException("A population loss needs its random source (PopulationRandom).", nameof(PopulationRandom));
        return this;
    }
}
