"""The result objects: the command's JSON fields, with the vectors as NumPy arrays."""

from .arrays import vector

#: FlatLab's solver statuses and their closest CVXPY status (docs/cli.md, "Statuses and CVXPY").
CVXPY_STATUS = {
    "solved": "optimal",
    "infeasible": "infeasible",
    "ill_conditioned": "solver_error",
    "max_iterations": "user_limit",
    "numerical_error": "solver_error",
    "unsolved": "solver_error",
}

#: The certificates of a solve (docs/cli.md, solution.json).
CERTIFICATE_FIELDS = (
    "objective", "flatness_min", "lower_bound", "dual_objective", "duality_gap", "primal_residual",
    "dual_infeasibility", "condition_estimate", "phi_condition",
)


class _Fields:
    """Every field of the JSON object as an attribute (``result.flatness_min``) and an item."""

    def __init__(self, fields):
        self.fields = dict(fields)

    def __getattr__(self, name):
        fields = self.__dict__.get("fields", {})
        if name in fields:
            return fields[name]
        raise AttributeError(f"{type(self).__name__} has no field {name!r}; fields: {', '.join(fields)}")

    def __getitem__(self, name):
        return self.fields[name]

    def __contains__(self, name):
        return name in self.fields


class SolveResult(_Fields):
    """The answer of :func:`flatlab.solve`: ``status``, ``message``, ``a`` (outer weights, m values,
    for the unit-norm rows of W), ``dual`` (λ, n values), ``certificates``, and every other field of
    solution.json as an attribute. ``a`` and ``dual`` are None when the solver did not solve."""

    def __init__(self, fields):
        super().__init__(fields)
        self.status = self.fields["status"]
        self.message = self.fields["message"]
        self.a = vector(self.fields.get("outer_weights"))
        self.dual = vector(self.fields.get("dual"))

    @property
    def solved(self):
        return self.status == "solved"

    @property
    def cvxpy_status(self):
        """The closest CVXPY status (``optimal``, ``infeasible``, ``user_limit``, ``solver_error``)."""
        return CVXPY_STATUS.get(self.status, "solver_error")

    @property
    def certificates(self):
        """The numbers that say how far the answer can be trusted (None where they do not apply)."""
        return {name: self.fields.get(name) for name in CERTIFICATE_FIELDS}

    def __repr__(self):
        return f"SolveResult(status={self.status!r}, flatness_min={self.fields.get('flatness_min')!r}, message={self.message!r})"


class EvaluateResult(_Fields):
    """The answer of :func:`flatlab.evaluate`: every field of evaluation.json as an attribute, with
    its vectors (``orbit_scales``, ``flattest_outer_weights``) as NumPy arrays."""

    VECTORS = ("orbit_scales", "flattest_outer_weights")

    def __init__(self, fields):
        super().__init__(fields)
        for name in self.VECTORS:
            if name in self.fields:
                self.fields[name] = vector(self.fields[name])

    def __repr__(self):
        keys = ("hessian_trace", "orbit_flatness_min", "flattest_flatness_min", "flatness_ratio")
        return "EvaluateResult(" + ", ".join(f"{k}={self.fields.get(k)!r}" for k in keys) + ")"
