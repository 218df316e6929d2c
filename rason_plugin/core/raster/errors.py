"""The raster engine's errors: a bad input (its message names the input and the fix), or a cancel."""
from __future__ import annotations


class RasterError(ValueError):
    """A bad input or setting; the message names the input and how to fix it."""


class RasterCancelled(RasterError):  # noqa: N818 (it is a cancellation, not an error)
    """The caller's ``is_cancelled`` returned True; no output was left behind."""


def fail(message: str):
    """Raise RasterError(``message``)."""
    raise RasterError(message)
