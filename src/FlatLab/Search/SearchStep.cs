using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Search;

/// <summary>One point of a search path: the flattest interpolator at its directions and the step that reached it.</summary>
/// <param name="LowerBound">The solver's certified lower bound on the objective at these directions (docs/model.md §5.2).</param>
/// <param name="Stationarity">‖G‖_F / ‖G₀‖_F at this point (the projected envelope gradient relative to the start's).</param>
/// <param name="StepAngle">The largest rotation of a direction in the step that reached this point (0 at the start).</param>
public sealed record SearchStep(int Iteration, double Objective, double FlatnessMin, DenseMatrix Directions,
    double[] OuterWeights, double StepAngle, int Solves, double LowerBound, double Stationarity)
{
    /// <summary>How many gradients the step's direction combined: 1 for the envelope gradient itself, more for the
    /// min-norm element of a bundle sampled around a kink (docs/optimizers.md §6); 1 at the start.</summary>
    public int Bundle { get; init; } = 1;

    /// <summary>η of the step W⁺ = unit rows of (W − η D): the angle over the largest row of the direction D; 0 at the start.</summary>
    public double StepLength { get; init; }

    /// <summary>‖D‖_F of the step's direction (‖G‖_F without a bundle); Armijo asked V⁺ ≤ V − c η ‖D‖²; 0 at the start.</summary>
    public double DirectionNorm { get; init; }
}
