namespace FlatLab.Solvers;

/// <summary>The weights c_j of the objective Σ c_j |a_j|^p (docs/model.md §5).</summary>
public enum OuterWeighting
{
    /// <summary>c_j = S_j^{1/(k+1)} T_j^{k/(k+1)}: the optimum is the exact minimum flatness.</summary>
    Exact,
    /// <summary>c_j = 1: the paper's unweighted l_p problem.</summary>
    Unit,
}
