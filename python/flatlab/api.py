"""solve, evaluate, sweep and load_run: the command line's commands as Python functions."""

import json
from datetime import datetime
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from . import arrays
from .cli import error_from, find_cli, run_json
from .errors import FlatLabError
from .results import EvaluateResult, SolveResult


def _model_args(tmp, directions, link, link_activation, link_coefficients, noise_std, quadratic_form, teacher_weights):
    """The data-model options of solve and evaluate (docs/cli.md); FlatLab checks their consistency."""
    args = []
    if directions is not None:
        args += ["--directions", arrays.save(tmp, "U", directions, 2)]
    if link is not None:
        args += ["--link", link]
    if link_activation is not None:
        args += ["--link-activation", link_activation]
    if link_coefficients is not None:
        args += ["--link-coefficients", ",".join(repr(float(c)) for c in link_coefficients)]
    if noise_std is not None:
        args += ["--noise-std", repr(float(noise_std))]
    if quadratic_form is not None:
        args += ["--quadratic-form", arrays.save(tmp, "A", quadratic_form, 2)]
    if teacher_weights is not None:
        args += ["--teacher-weights", arrays.save(tmp, "V", teacher_weights, 2)]
    return args


def solve(X, y, W, activation="relu", *, weights=None, point=None, seed=None, directions=None, link=None,
          link_activation=None, link_coefficients=None, noise_std=None, quadratic_form=None, teacher_weights=None,
          out=None, out_format=None, cli=None):
    """The flattest interpolator for X (n × d), y (n) and inner weights W (m × d): ``flatlab solve``.

    ``activation`` is a FlatLab activation name (``relu``, ``quadratic``, ``leaky-relu:0.1``, ...);
    ``weights`` ``exact`` (default) or ``unit``; ``point`` ``vertex`` or ``central`` (p = 1 only).
    ``directions`` (U, r × d) and the other data-model arguments enable the population loss.
    ``out`` also writes the run's files into that folder. Returns a :class:`SolveResult`; a solve
    that did not succeed is a result with its status, while bad input raises :class:`FlatLabError`
    with FlatLab's message.
    """
    with tempfile.TemporaryDirectory(prefix="flatlab-") as tmp:
        args = ["solve", "--features", arrays.save(tmp, "X", X, 2), "--labels", arrays.save(tmp, "y", y, 1),
                "--inner-weights", arrays.save(tmp, "W", W, 2), "--activation", activation]
        if weights is not None:
            args += ["--weights", weights]
        if point is not None:
            args += ["--point", point]
        if seed is not None:
            args += ["--seed", str(int(seed))]
        args += _model_args(tmp, directions, link, link_activation, link_coefficients, noise_std, quadratic_form,
                            teacher_weights)
        if out is not None:
            args += ["--out", str(out)]
        if out_format is not None:
            args += ["--out-format", out_format]
        _, fields = run_json(args, cli)
    return SolveResult(fields)


def evaluate(X, y, W, a, activation="relu", *, interpolation_tolerance=None, seed=None, directions=None, link=None,
             link_activation=None, link_coefficients=None, noise_std=None, quadratic_form=None, teacher_weights=None,
             out=None, cli=None):
    """How flat a trained network f(x) = Σ_j a_j σ(w_j · x) is: ``flatlab evaluate``.

    Reports the training loss, the exact Hessian trace at (a, W) as given, the minimum over the
    network's rescaling orbit with the scales that attain it, the flattest interpolator for the same
    W and the ratio to it, and the population loss when a data model (``directions``, ...) is given.
    Returns an :class:`EvaluateResult`; bad input raises :class:`FlatLabError`.
    """
    with tempfile.TemporaryDirectory(prefix="flatlab-") as tmp:
        args = ["evaluate", "--features", arrays.save(tmp, "X", X, 2), "--labels", arrays.save(tmp, "y", y, 1),
                "--inner-weights", arrays.save(tmp, "W", W, 2), "--outer-weights", arrays.save(tmp, "a", a, 1),
                "--activation", activation]
        if interpolation_tolerance is not None:
            args += ["--interpolation-tolerance", repr(float(interpolation_tolerance))]
        if seed is not None:
            args += ["--seed", str(int(seed))]
        args += _model_args(tmp, directions, link, link_activation, link_coefficients, noise_std, quadratic_form,
                            teacher_weights)
        if out is not None:
            args += ["--out", str(out)]
        _, fields = run_json(args, cli)
    return EvaluateResult(fields)


def sweep(spec=None, out=None, *, preset=None, resume=False, shard=None, threads=None, progress=None, cli=None):
    """Runs a sweep (``flatlab sweep``) into the run folder ``out`` and returns :func:`load_run` of it.

    ``spec`` is a spec file (docs/sweeps.md) or a dict holding one; ``preset`` a built-in sweep
    (``smoke``, ``paper``, ...) instead. ``progress``: None prints FlatLab's progress lines to
    standard error, False hides them, a callable receives each line. Bad input raises
    :class:`FlatLabError`; a sweep stopped by a signal too (its finished cases are kept, and
    ``resume=True`` continues it).
    """
    if out is None:
        raise FlatLabError("sweep: out (the run folder) is required", 2)
    if (spec is None) == (preset is None):
        raise FlatLabError("sweep: give either spec (a file or a dict) or preset", 2)
    if progress is None or progress is True:
        def report(line):
            print(line, file=sys.stderr, flush=True)
    elif progress is False:
        def report(line):
            pass
    elif callable(progress):
        report = progress
    else:
        raise FlatLabError("sweep: progress must be None, True, False or a callable", 2)
    with tempfile.TemporaryDirectory(prefix="flatlab-") as tmp:
        args = [find_cli(cli), "sweep", "--out", str(out)]
        if preset is not None:
            args += ["--preset", preset]
        elif isinstance(spec, dict):
            path = Path(tmp) / "spec.json"
            path.write_text(json.dumps(spec, indent=2), encoding="utf-8")
            args += ["--spec", str(path)]
        else:
            args += ["--spec", str(spec)]
        if resume:
            args.append("--resume")
        if shard is not None:
            args += ["--shard", shard if isinstance(shard, str) else f"{shard[0]}/{shard[1]}"]
        if threads is not None:
            args += ["--threads", str(int(threads))]
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as err:
            with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8") as proc:
                for line in proc.stdout:
                    report(line.rstrip("\n"))
            err.seek(0)
            stderr = err.read()
    if proc.returncode != 0:
        error = error_from(proc.returncode, stderr)
        prefix = "flatlab: error: "
        if error.message.startswith(prefix):
            error = FlatLabError(error.message[len(prefix):], error.exit_code, error.kind)
        raise error
    return load_run(out)


class Run:
    """A run folder read back: ``results`` (one row per case, results.csv), ``stats`` (the per-panel
    statistics, stats.csv; None when the folder has none), ``spec`` and ``manifest`` (dicts), and
    ``started`` and ``finished`` (timezone-aware datetimes from the manifest; None without one)."""

    def __init__(self, path, results, stats, spec, manifest):
        self.path = Path(path)
        self.results = results
        self.stats = stats
        self.spec = spec
        self.manifest = manifest
        # manifest.json writes ISO 8601 with 6 fractional digits and "+00:00", which fromisoformat reads since 3.7.
        self.started = datetime.fromisoformat(manifest["started_utc"]) if manifest else None
        self.finished = datetime.fromisoformat(manifest["finished_utc"]) if manifest else None

    def __repr__(self):
        return f"Run({str(self.path)!r}, {len(self.results)} cases)"


def load_run(directory):
    """Reads a run folder written by ``flatlab sweep`` or ``flatlab merge`` (docs/report.md)."""
    path = Path(directory)
    results_path = path / "results.csv"
    if not results_path.is_file():
        raise FlatLabError(f"{path}: no results.csv (not a finished run folder; resume the sweep with --resume)", 2)
    # Text columns whose values can look like numbers (figure "2", panel names) stay text (docs/results-schema.md).
    header = pd.read_csv(results_path, nrows=0).columns
    results = pd.read_csv(results_path, dtype={c: str for c in ("figure", "panel", "variant") if c in header},
                          keep_default_na=False, na_values=["NaN", ""])
    stats_path = path / "stats.csv"
    stats = (pd.read_csv(stats_path, dtype={"panel": str, "figure": str}, keep_default_na=False, na_values=["NaN"])
             if stats_path.is_file() else None)

    def read_json(name):
        file = path / name
        return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else None

    return Run(path, results, stats, read_json("spec.json"), read_json("manifest.json"))
