"""Writing the caller's arrays as the .npy files the command line reads."""

from pathlib import Path

import numpy as np

from .errors import FlatLabError


def save(directory, name, values, ndim):
    """Saves ``values`` as ``directory/name.npy`` (float64, C order) and returns the path.

    Only the conversion to float64 is checked here; sizes, NaN and the rest are FlatLab's to check,
    so its message (naming the option) is the one the caller sees.
    """
    try:
        array = np.ascontiguousarray(np.asarray(values, dtype=np.float64))
    except (TypeError, ValueError) as e:
        raise FlatLabError(f"{name}: cannot be read as float64 numbers ({e})", 2) from e
    if array.ndim not in (1, ndim) or (ndim == 1 and array.ndim != 1 and 1 not in array.shape):
        raise FlatLabError(f"{name}: expected a {'vector' if ndim == 1 else 'matrix'}, got an array of shape {array.shape}", 2)
    path = Path(directory) / f"{name}.npy"
    np.save(path, array.reshape(-1) if ndim == 1 else array)
    return str(path)


def vector(values):
    """A JSON list as a float64 array; None stays None."""
    return None if values is None else np.asarray(values, dtype=np.float64)
