"""Tests of the Python client against the built command line (run by scripts/test.sh).

Every check recomputes what FlatLab reports from the arrays alone, with NumPy (docs/model.md §3–§5).
"""

import os
import tempfile
import unittest
from pathlib import Path

import numpy as np
import pandas as pd

import flatlab
from flatlab import FlatLabError


def instance(seed=0, n=12, d=5, m=30):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    u = np.zeros(d)
    u[0] = 1.0
    y = np.maximum(X @ u, 0) + 0.1 * rng.standard_normal(n)
    W = rng.standard_normal((m, d))
    return X, y, W, u


def unit_rows(W):
    return W / np.linalg.norm(W, axis=1, keepdims=True)


def exact_weights(X, W, k):
    """c_j = S_j^{1/(k+1)} T_j^{k/(k+1)} of the unit rows for σ = ReLU (k = 1) or z² (k = 2)."""
    Z = X @ unit_rows(W).T
    sigma, slope = (np.maximum(Z, 0), (Z > 0) * 1.0) if k == 1 else (Z ** 2, 2 * Z)
    S = (sigma ** 2).sum(axis=0)
    T = ((slope ** 2) * (X ** 2).sum(axis=1)[:, None]).sum(axis=0)
    return S ** (1 / (k + 1)) * T ** (k / (k + 1))


def relu_trace(X, y, W, a):
    """tr ∇²L_S for a ReLU network (σ'' = 0 away from the kinks): (2/n) Σ_ij [σ(z)² + a_j² σ'(z)² ‖x_i‖²]."""
    n = X.shape[0]
    Z = X @ W.T
    return 2 / n * ((np.maximum(Z, 0) ** 2).sum() + ((Z > 0) * (a ** 2)[None, :] * (X ** 2).sum(axis=1)[:, None]).sum())


class SolveTests(unittest.TestCase):
    def test_relu_solve_returns_a_certified_interpolator_and_its_dual(self):
        X, y, W, _ = instance()
        r = flatlab.solve(X, y, W, activation="relu")
        self.assertEqual(r.status, "solved")
        self.assertTrue(r.solved)
        self.assertEqual(r.cvxpy_status, "optimal")
        self.assertEqual(r.a.shape, (30,))
        self.assertEqual(r.dual.shape, (12,))
        Phi = np.maximum(X @ unit_rows(W).T, 0)
        np.testing.assert_allclose(Phi @ r.a, y, atol=1e-8)
        c = exact_weights(X, W, 1)
        objective = float(c @ np.abs(r.a))
        self.assertAlmostEqual(r.objective, objective, delta=1e-9 * objective)
        self.assertAlmostEqual(r.flatness_min, 4 / 12 * objective, delta=1e-9 * objective)  # (2/n)(k+1)k^{-k/(k+1)} = 4/n
        # The LP dual: yᵀλ is the dual objective, equal to the optimum, and |Φᵀλ| ≤ c (docs/model.md §5).
        self.assertAlmostEqual(float(y @ r.dual), r.dual_objective, delta=1e-9 * objective)
        self.assertAlmostEqual(float(y @ r.dual), objective, delta=1e-8 * objective)
        self.assertTrue(np.all(np.abs(Phi.T @ r.dual) <= c * (1 + 1e-8)))
        self.assertEqual(set(r.certificates), set(flatlab.results.CERTIFICATE_FIELDS))
        self.assertLessEqual(r.certificates["lower_bound"], objective * (1 + 1e-9))

    def test_quadratic_solve_with_a_data_model_reports_the_population_loss(self):
        X, y, W, u = instance(seed=1)
        r = flatlab.solve(X, y, W, activation="quadratic", directions=u[None, :], noise_std=0.1)
        self.assertTrue(r.solved, r.message)
        self.assertEqual(r.p, 4 / 3)
        np.testing.assert_allclose((X @ unit_rows(W).T) ** 2 @ r.a, y, atol=1e-8)
        self.assertEqual(r.population_loss_method, "exact")
        self.assertGreaterEqual(r.population_loss, 0.01 * (1 - 1e-12))  # the noise variance is a floor

    def test_out_folder_gets_npy_vectors_equal_to_the_result(self):
        X, y, W, _ = instance()
        with tempfile.TemporaryDirectory() as out:
            r = flatlab.solve(X, y, W, out=out, out_format="npy")
            np.testing.assert_array_equal(np.load(Path(out) / "outer_weights.npy"), r.a)
            np.testing.assert_array_equal(np.load(Path(out) / "dual.npy"), r.dual)
            self.assertTrue((Path(out) / "solution.json").is_file())

    def test_a_network_that_cannot_interpolate_is_a_status_not_an_exception(self):
        X, y, W, _ = instance(n=12, d=3, m=20)
        r = flatlab.solve(X, y, W, activation="linear")
        self.assertFalse(r.solved)
        self.assertIsNone(r.a)
        self.assertIsNone(r.dual)
        self.assertIn(r.cvxpy_status, ("infeasible", "solver_error"))

    def test_bad_input_raises_with_flatlabs_message_and_exit_code(self):
        X, y, W, _ = instance()
        with self.assertRaises(FlatLabError) as caught:
            flatlab.solve(X, y[:-1], W)
        self.assertEqual(caught.exception.exit_code, 2)
        self.assertEqual(caught.exception.kind, "bad_input")
        self.assertIn("--labels", caught.exception.message)
        self.assertIn("11 labels", caught.exception.message)
        bad = X.copy()
        bad[1, 2] = np.nan
        with self.assertRaises(FlatLabError) as caught:
            flatlab.solve(bad, y, W)
        self.assertIn("row 2, column 3 is NaN", caught.exception.message)
        with self.assertRaises(FlatLabError) as caught:
            flatlab.solve(X, y, W, activation="sigmoid")
        self.assertIn("--activation", caught.exception.message)


class EvaluateTests(unittest.TestCase):
    def test_the_flattest_interpolator_evaluates_to_ratio_one_and_its_own_flatness(self):
        X, y, W, _ = instance(seed=2)
        Wn = unit_rows(W)
        s = flatlab.solve(X, y, Wn)
        e = flatlab.evaluate(X, y, Wn, s.a)
        self.assertTrue(e.interpolates)
        self.assertAlmostEqual(e.orbit_flatness_min, s.flatness_min, delta=1e-8 * s.flatness_min)
        self.assertAlmostEqual(e.flattest_flatness_min, s.flatness_min, delta=1e-8 * s.flatness_min)
        self.assertAlmostEqual(e.flatness_ratio, 1.0, delta=1e-7)
        self.assertAlmostEqual(e.hessian_trace, relu_trace(X, y, Wn, s.a), delta=1e-9 * e.hessian_trace)

    def test_a_rescaled_network_has_a_larger_trace_but_the_same_orbit_minimum(self):
        X, y, W, _ = instance(seed=3)
        s = flatlab.solve(X, y, W)
        t = np.exp(np.random.default_rng(3).standard_normal(W.shape[0]))
        W2 = unit_rows(W) * t[:, None]
        a2 = s.a / t  # k = 1: a_j → a_j / t_j keeps f
        e = flatlab.evaluate(X, y, W2, a2)
        self.assertAlmostEqual(e.training_loss, 0.0, delta=1e-14)
        self.assertAlmostEqual(e.hessian_trace, relu_trace(X, y, W2, a2), delta=1e-9 * e.hessian_trace)
        self.assertGreater(e.hessian_trace, e.orbit_flatness_min)
        self.assertAlmostEqual(e.orbit_flatness_min, s.flatness_min, delta=1e-8 * s.flatness_min)
        # The flattest outer weights for the given rows compute the same function as the solve's.
        np.testing.assert_allclose(np.maximum(X @ W2.T, 0) @ e.flattest_outer_weights, y, atol=1e-8)

    def test_bad_input_raises(self):
        X, y, W, _ = instance()
        with self.assertRaises(FlatLabError) as caught:
            flatlab.evaluate(X, y, W, np.ones(W.shape[0] + 1))
        self.assertIn("--outer-weights", caught.exception.message)


class SweepTests(unittest.TestCase):
    SPEC = {
        "name": "client-test", "seed": 7, "seeds": 2, "rho": {"values": [0.1, 0.9]},
        "panels": [{"name": "relu", "figure": "2", "title": "ReLU", "link": "single-index", "activation": "relu",
                    "d": 6, "n": 12, "m": 30, "noise_std": 0.1}],
    }

    def test_sweep_reports_progress_and_load_run_reads_the_tables(self):
        lines = []
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "run"
            run = flatlab.sweep(self.SPEC, out, progress=lines.append)
            self.assertTrue(any("cases" in line for line in lines), lines)
            self.assertIsInstance(run.results, pd.DataFrame)
            self.assertEqual(len(run.results), 4)  # 2 ρ values × 2 seeds
            self.assertEqual(set(run.results["rho"]), {0.1, 0.9})
            self.assertTrue((run.results["status"] == "solved").all())
            self.assertIsInstance(run.stats, pd.DataFrame)
            self.assertGreater(len(run.stats), 0)
            self.assertEqual(list(run.stats.columns[:4]), ["panel", "figure", "statistic", "range"])
            self.assertEqual(run.results["figure"].dtype, object)  # text, though "2" looks like a number
            again = flatlab.load_run(out)
            pd.testing.assert_frame_equal(again.results, run.results)
            pd.testing.assert_frame_equal(again.stats, run.stats)
            self.assertEqual(again.spec["name"], "client-test")
            # The manifest: timestamps any Python 3.7+ parses, the command line, the build.
            self.assertIsNotNone(run.started.tzinfo)
            self.assertLessEqual(run.started, run.finished)
            self.assertEqual(run.manifest["command_line"][:2], ["flatlab", "sweep"])
            self.assertIn(run.manifest["build_dirty"], (True, False, None))

    def test_a_bad_spec_raises_with_flatlabs_message(self):
        spec = dict(self.SPEC, panels=[dict(self.SPEC["panels"][0], m=5)])
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(FlatLabError) as caught:
                flatlab.sweep(spec, Path(tmp) / "run", progress=False)
        self.assertEqual(caught.exception.exit_code, 2)
        self.assertNotIn("flatlab: error:", caught.exception.message)

    def test_load_run_of_a_folder_without_results_raises(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(FlatLabError):
                flatlab.load_run(tmp)


class CliLookupTests(unittest.TestCase):
    def test_flatlab_cli_naming_a_missing_file_is_an_error_that_says_so(self):
        saved = os.environ.get("FLATLAB_CLI")
        os.environ["FLATLAB_CLI"] = "/nonexistent/flatlab"
        try:
            with self.assertRaises(FlatLabError) as caught:
                flatlab.find_cli()
            self.assertIn("FLATLAB_CLI", caught.exception.message)
        finally:
            if saved is None:
                del os.environ["FLATLAB_CLI"]
            else:
                os.environ["FLATLAB_CLI"] = saved


if __name__ == "__main__":
    unittest.main()
