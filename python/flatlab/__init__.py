"""FlatLab from Python: the flattest interpolator of a two-layer homogeneous network, the exact
flatness of a trained one, sweeps and their results, through the ``flatlab`` command line's
machine interface (docs/machine-interface.md in the repository)."""

from .api import Run, evaluate, load_run, solve, sweep
from .cli import find_cli
from .errors import FlatLabError
from .results import CVXPY_STATUS, EvaluateResult, SolveResult

__all__ = ["solve", "evaluate", "sweep", "load_run", "Run", "SolveResult", "EvaluateResult", "FlatLabError",
           "CVXPY_STATUS", "find_cli"]
__version__ = "0.1.0"
