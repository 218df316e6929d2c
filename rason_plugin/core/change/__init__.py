"""Change detection between two scenes: the entry point and its maths, on the raster engine.

    run.py          run_change_detection: checks, opens, aligns, runs; ChangeResult (result.py)
    passes.py       the passes over the strips (statistics, transform, threshold, mask)
    strips.py       BEFORE, AFTER and the mask as strips of the engine
    differences.py  difference, log-ratio and CVA statistics (no I/O)
    mad.py          MAD/iMAD moments, transform, re-weighting (no I/O)
    thresholds.py   chi-square law, Otsu, two-class EM (no I/O)
    sampling.py     which pixels estimate the statistics and thresholds
    writing.py      the mask, statistic and variates outputs
    regions.py      change regions (polygons) with area and mean statistic
    zones.py        per-zone change statistics
    spatial.py      spatial context of the mask: majority filter, Potts MRF by ICM (no I/O)
    spatial_pass.py that refinement over the written statistic, strip by strip with a halo
"""
from .mad import mad_transform
from .result import ChangeResult
from .run import (
    DEFAULT_ALPHA,
    DEFAULT_MAX_ITERATIONS,
    DEFAULT_TOLERANCE,
    METHODS,
    THRESHOLDS,
    ChangeDetectionCancelled,
    ChangeDetectionError,
    default_threshold,
    run_change_detection,
)
from .writing import MAGNITUDE_NODATA, MASK_NODATA, VARIATES_NODATA

__all__ = [
    "DEFAULT_ALPHA", "DEFAULT_MAX_ITERATIONS", "DEFAULT_TOLERANCE", "MAGNITUDE_NODATA", "MASK_NODATA",
    "METHODS", "THRESHOLDS", "VARIATES_NODATA", "ChangeDetectionCancelled", "ChangeDetectionError",
    "ChangeResult",
    "default_threshold", "mad_transform", "run_change_detection",
]
