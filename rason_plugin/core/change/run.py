"""Change detection between two co-registered scenes: difference, log-ratio, CVA, MAD and iMAD.

The entry point, run_change_detection: checks the settings, opens and aligns the scenes on the
raster engine (core/raster), and hands them to passes._Run. Memory depends on the strip size,
never on the scene, and results do not depend on the strip size. The maths: differences.py,
mad.py (its docstring cites the MAD/iMAD papers), thresholds.py.
"""
from __future__ import annotations

import math
import os
from typing import Callable, Optional, Sequence

from ..raster import (
    RasterCancelled,
    RasterError,
    align,
    check_writable,
    input_files,
    open_mask,
    open_scene,
    strip_rows,
)
from .passes import _Run
from .result import ChangeResult
from .spatial import DEFAULT_MRF_BETA, DEFAULT_SPATIAL_SIZE
from .spatial_pass import check_spatial
from .strips import PURPOSE

__all__ = [
    "METHODS", "THRESHOLDS", "ChangeDetectionError", "ChangeDetectionCancelled", "ChangeResult",
    "run_change_detection", "default_threshold",
]

METHODS = ("imad", "mad", "cva", "difference", "logratio")
THRESHOLDS = ("auto", "chi2", "otsu", "em", "manual")
# Chosen by `make bench-accuracy` (issue #15): with the MRF, 1e-6 reaches kappa 0.816 on the labelled
# Nanjing pair (1e-4: 0.778) and never lowers iMAD's F1 on the synthetic pairs (README, "Spatial context").
DEFAULT_ALPHA = 1e-6
DEFAULT_MAX_ITERATIONS = 50
DEFAULT_TOLERANCE = 1e-4

# Change detection's errors are the raster engine's: a bad input names itself and the fix.
ChangeDetectionError = RasterError
ChangeDetectionCancelled = RasterCancelled


def default_threshold(method: str) -> str:
    """Return the threshold 'auto' stands for: chi-square for MAD/iMAD, EM for the others.

    Chosen on the synthetic evaluation in tests/core/test_change_detection_eval.py (see README):
    the chi-square test at alpha 1e-6 (DEFAULT_ALPHA) gives the best F1 of iMAD's thresholds and has a
    meaning (false alarm rate); for magnitudes without a known null distribution EM beat Otsu. MAD's
    chi-square is conservative (change inflates its variances), so with MAD a looser ALPHA (1e-3) does
    better.
    """
    return "chi2" if method in ("mad", "imad") else "em"



def _check_not_an_input(outputs, inputs, files=None):
    """Fail when an output path (real path) is one of the inputs' files."""
    for k, v in outputs.items():
        for path in inputs:
            if not path:
                continue
            path = os.fspath(path)
            real = (files or {}).get(path) or ([os.path.realpath(path)] if os.path.exists(path) else [])
            if v in real:
                raise ChangeDetectionError(f"{k} would overwrite the input '{path}'; choose another file")


def run_change_detection(before_path, after_path, *, method: str = "imad",
                         bands_before: Optional[Sequence[int]] = None,
                         bands_after: Optional[Sequence[int]] = None,
                         threshold: str = "auto", alpha: float = DEFAULT_ALPHA,
                         manual_threshold: Optional[float] = None, mask_path=None,
                         out_mask, out_magnitude, out_variates=None,
                         block_size: Optional[int] = None, resampling: str = "bilinear",
                         max_iterations: int = DEFAULT_MAX_ITERATIONS, tolerance: float = DEFAULT_TOLERANCE,
                         regularisation: float = 0.0,
                         progress: Optional[Callable[[float], None]] = None,
                         is_cancelled: Optional[Callable[[], bool]] = None,
                         keep_previous: bool = False, spatial: str = "none",
                         spatial_size: int = DEFAULT_SPATIAL_SIZE,
                         mrf_beta: float = DEFAULT_MRF_BETA) -> ChangeResult:
    """Detect change from ``before_path`` to ``after_path`` and write mask, statistic and variates.

    The inputs are any GDAL raster names (files, /vsizip/, /vsicurl/, GPKG:..., NETCDF:..., VRTs).
    ``block_size`` is the number of full-width rows per strip (None: ~1 Mpixel, aligned to the
    source blocks). Raises ChangeDetectionError (ChangeDetectionCancelled on cancel); then no
    output file is left behind and files already at the output paths are untouched. The outputs
    replace those files all together. ``spatial`` ('none', 'majority' of ``spatial_size`` pixels,
    'mrf' with Potts weight ``mrf_beta``) refines the mask with its neighbours (spatial.py);
    'none' here keeps this function's per-pixel results, rason:changedetection defaults to
    spatial.DEFAULT_SPATIAL. With ``keep_previous`` the replaced files are kept aside
    until the caller calls ``result.discard_previous_outputs()`` or, to undo the run,
    ``result.restore_previous_outputs()``.
    """
    method = (method or "").lower().replace("-", "").replace(" ", "")
    if method not in METHODS:
        raise ChangeDetectionError(f"method '{method}' is unknown; use one of {', '.join(METHODS)}")
    threshold = (threshold or "auto").lower()
    if threshold not in THRESHOLDS:
        raise ChangeDetectionError(f"threshold '{threshold}' is unknown; use one of {', '.join(THRESHOLDS)}")
    if threshold == "auto":
        threshold = default_threshold(method)
    if threshold == "chi2" and method not in ("mad", "imad"):
        raise ChangeDetectionError(
            "the chi-square significance threshold needs MAD or iMAD (only their statistic has a known "
            "no-change distribution); choose Otsu, EM or a manual threshold for this method")
    if threshold == "chi2" and not 0.0 < float(alpha) < 1.0:
        raise ChangeDetectionError(f"ALPHA {alpha} must be strictly between 0 and 1 (e.g. 0.001)")
    if threshold == "manual":
        if manual_threshold is None or not math.isfinite(float(manual_threshold)):
            raise ChangeDetectionError("the manual threshold needs a value (MANUAL_THRESHOLD) on the "
                                       "change statistic; set one or choose another threshold method")
    if not 0.0 <= float(regularisation) < 1.0:
        raise ChangeDetectionError(f"regularisation {regularisation} must be in [0, 1)")
    if int(max_iterations) < 1:
        raise ChangeDetectionError("max_iterations must be at least 1")
    spatial_settings = check_spatial(spatial, spatial_size, mrf_beta)

    outs = {"OUTPUT_MASK": check_writable(out_mask, "OUTPUT_MASK"),
            "OUTPUT_MAGNITUDE": check_writable(out_magnitude, "OUTPUT_MAGNITUDE")}
    if out_variates:
        outs["OUTPUT_VARIATES"] = check_writable(out_variates, "OUTPUT_VARIATES")
    real = {k: os.path.realpath(v) for k, v in outs.items()}
    if len(set(real.values())) != len(real):
        raise ChangeDetectionError("two outputs point at the same file; give each output its own path")
    _check_not_an_input(real, [before_path, after_path, mask_path])

    before = open_scene(before_path, "BEFORE", bands_before, PURPOSE)
    after = open_scene(after_path, "AFTER", bands_after, PURPOSE)
    # The files behind a dataset name (GPKG:f.gpkg:table, NETCDF:"f.nc":v, a .vrt's sources) are
    # only known once it is open.
    _check_not_an_input(real, [before.path, after.path], {before.path: input_files(before),
                                                         after.path: input_files(after)})
    p, q = len(before.bands), len(after.bands)
    if method in ("cva", "difference", "logratio") and p != q:
        raise ChangeDetectionError(
            f"{method} compares band by band, but BEFORE has {p} bands and AFTER {q}; choose the same "
            "number of bands (BANDS_BEFORE/BANDS_AFTER) or use MAD/iMAD, which allow different counts")
    grid = align(before, [after], resampling, PURPOSE)
    mask = open_mask(mask_path, grid, before, PURPOSE) if mask_path else None
    src_block_h = before.dataset.GetRasterBand(before.bands[0]).GetBlockSize()[1]
    rows = strip_rows(block_size, grid.width, src_block_h)
    ctx = _Run(before, after, mask, grid, rows, method, threshold, float(alpha), manual_threshold,
               outs, int(max_iterations), float(tolerance), float(regularisation), progress, is_cancelled)
    ctx.keep_previous = bool(keep_previous)
    ctx.spatial = spatial_settings
    return ctx.run()
