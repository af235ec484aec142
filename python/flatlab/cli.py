"""Finding and running the ``flatlab`` command line through its machine interface.

The contract is docs/machine-interface.md: with ``--json -`` the result object is alone on
standard output, and an error is one JSON object on standard error.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

from .errors import FlatLabError

#: The launcher ``dotnet build -c Release`` (scripts/setup.sh) writes, relative to the repository.
BUILT_CLI = Path("src") / "FlatLab.Cli" / "bin" / "Release" / "net10.0" / "flatlab"


def find_cli(cli=None):
    """The path of the ``flatlab`` executable.

    In order: ``cli`` if given, the environment variable ``FLATLAB_CLI``, the built launcher of the
    repository this package sits in (``python/flatlab`` of a checkout), then ``flatlab`` on PATH.
    """
    candidates = []
    if cli:
        candidates.append(("the cli argument", Path(cli)))
    if os.environ.get("FLATLAB_CLI"):
        candidates.append(("FLATLAB_CLI", Path(os.environ["FLATLAB_CLI"])))
    repository = Path(__file__).resolve().parents[2]
    if (repository / "FlatLab.slnx").exists():
        candidates.append(("the repository build", repository / BUILT_CLI))
    for source, path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        if source != "the repository build":
            raise FlatLabError(f"{source} names {path}, which is not an executable file", 2, "not_run")
    on_path = shutil.which("flatlab")
    if on_path:
        return on_path
    raise FlatLabError(
        "cannot find the flatlab command line: set FLATLAB_CLI to its path, or build the repository "
        "with ./scripts/setup.sh", 2, "not_run")


def run_json(args, cli=None):
    """Runs ``flatlab ARGS --json -`` and returns (exit code, result object).

    Exit codes 0 and 1 return the object on standard output; any other raises :class:`FlatLabError`
    with FlatLab's message.
    """
    command = [find_cli(cli), *map(str, args), "--json", "-"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError as e:
        raise FlatLabError(f"cannot run {command[0]}: {e}", 2, "not_run") from e
    if done.returncode in (0, 1):
        try:
            return done.returncode, json.loads(done.stdout)
        except json.JSONDecodeError as e:
            raise FlatLabError(f"flatlab exited with {done.returncode} without a JSON result: {done.stdout[:200]!r}",
                               done.returncode, "not_run") from e
    raise error_from(done.returncode, done.stderr)


def error_from(exit_code, stderr):
    """The :class:`FlatLabError` for a failed command, from its JSON error line when there is one."""
    for line in reversed(stderr.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "message" in obj:
                return FlatLabError(obj["message"], obj.get("exit_code", exit_code), obj.get("error", "bad_input"))
    text = stderr.strip() or f"flatlab exited with code {exit_code}"
    kind = {2: "bad_input", 3: "internal_error", 4: "io_failure"}.get(exit_code, "not_run")
    return FlatLabError(text, exit_code, kind)
