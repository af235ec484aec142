using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Search;

/// <summary>One point of a search path: the flattest interpolator at its directions and the step that reached it.</summary>
/// <param name="LowerBound">The solver's certified lower bound on the objective at these directions (docs/model.md §5.2).</param>
/// <param name="Stationarity">‖G‖_F / ‖G₀‖_F at this point (the projected envelope gradient relative to the start's).</param>
public sealed record SearchStep(int Iteration, double Objective, double FlatnessMin, DenseMatrix Directions,
    double[] OuterWeights, double StepAngle, int Solves, double LowerBound, double Stationarity);
