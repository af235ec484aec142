namespace FlatLab.Solvers;

/// <summary>For p = 1 the optimal set can be a face (docs/model.md §5): which of its points to return.</summary>
public enum OptimalPoint
{
    /// <summary>A vertex (basic solution, at most n non-zeros), found by crossover from the interior point.</summary>
    Vertex,
    /// <summary>The interior-point limit: the analytic centre of the optimal face.</summary>
    Central,
}
