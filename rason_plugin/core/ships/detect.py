"""Ship detection over a whole scene, strip by strip with a halo: results do not depend on strip size.

Pure numpy: the caller passes a ``read(row0, nrows)`` function returning (intensity, valid) for
full-width rows, so any raster source (and the tests' arrays) can feed it.

Why the halo is enough. A pixel's threshold needs its ring: ``background`` rows either side. A
ship is kept by the strip holding its centroid row, and must be whole there: a ship whose
bounding box spans at most ``extent`` rows lies within ``extent`` rows of its centroid, and the
closing looks ``2 * closing`` rows further. So each strip reads ``margin = extent + 2*closing + 2``
rows beyond its core for the components, plus ``background`` rows for their thresholds. A
component whose bounding box spans more than ``extent`` rows or columns is dropped in every
strip size alike; ``extent`` comes from MAX_LENGTH, so those are longer than any ship kept.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

import numpy as np

from .cfar import DEFAULT_CLUTTER, thresholds
from .targets import Target, extract_targets


@dataclass
class DetectionSettings:
    """Detector settings in metres and probabilities, as the user gives them."""

    pfa: float = 1e-7
    clutter: str = DEFAULT_CLUTTER
    guard_m: float = 500.0  # side of the guard square (SNAP's default guard window)
    background_m: float = 800.0  # side of the outer square (SNAP's default background window)
    min_length_m: float = 25.0
    max_length_m: float = 500.0
    # Pieces of one ship this close are joined. 20 m (two Sentinel-1 GRD pixels) joins the
    # speckle-broken hulls and sidelobe fragments seen on the real Dunkirk scene
    # (tests/qgis/test_ship_algorithms.py) without joining ships at anchor, hundreds of metres apart.
    closing_m: float = 20.0

    def closing_px(self, pixel_x_m: float, pixel_y_m: float) -> int:
        """Return the closing half-width in pixels."""
        return int(round(self.closing_m / min(pixel_x_m, pixel_y_m)))

    def windows(self, pixel_x_m: float, pixel_y_m: float) -> Tuple[int, int]:
        """Return (guard, background) half-widths in pixels for this pixel size."""
        p = min(pixel_x_m, pixel_y_m)
        guard = max(1, int(round(self.guard_m / 2.0 / p)))
        background = int(round(self.background_m / 2.0 / p))
        if background <= guard:
            raise ValueError("the background window must be larger than the guard window by at least a pixel")
        return guard, background

    def extent_px(self, pixel_x_m: float, pixel_y_m: float) -> int:
        """Return the largest bounding-box span (pixels) a kept ship may have."""
        return int(math.ceil(self.max_length_m / min(pixel_x_m, pixel_y_m))) + 1


def detect_ships(read: Callable[[int, int], Tuple[np.ndarray, np.ndarray]], height: int, width: int,
                 pixel_x_m: float, pixel_y_m: float, settings: DetectionSettings, strip_rows: int = 512,
                 progress: Optional[Callable[[float], bool]] = None) -> List[Target]:
    """Return every ship in the scene, centroids in whole-scene pixel coordinates, in scene order.

    ``read(row0, nrows)`` returns the linear intensity and the valid (sea, with data) mask of
    those full rows. ``progress(fraction)`` returning False cancels (an empty list is never a
    cancelled result: the caller checks its own cancel flag).
    """
    guard, background = settings.windows(pixel_x_m, pixel_y_m)
    extent = settings.extent_px(pixel_x_m, pixel_y_m)
    closing = settings.closing_px(pixel_x_m, pixel_y_m)
    margin = extent + 2 * closing + 2
    strip_rows = max(1, int(strip_rows))
    found: List[Target] = []
    for core0 in range(0, height, strip_rows):
        core1 = min(height, core0 + strip_rows)
        w0 = max(0, core0 - margin - background)
        w1 = min(height, core1 + margin + background)
        intensity, valid = read(w0, w1 - w0)
        thr, mean = thresholds(intensity, valid, guard, background, settings.pfa, settings.clutter)
        detected = np.zeros(intensity.shape, dtype=bool)
        t0 = (background if w0 > 0 else 0)
        t1 = (w1 - w0) - (background if w1 < height else 0)
        with np.errstate(invalid="ignore"):
            detected[t0:t1] = intensity[t0:t1] > thr[t0:t1]
        for t in extract_targets(detected, intensity, mean, pixel_x_m, pixel_y_m, closing,
                                 settings.min_length_m, settings.max_length_m):
            if t.row_max - t.row_min + 1 > extent or t.col_max - t.col_min + 1 > extent:
                continue
            row = w0 + t.row
            if not core0 <= math.floor(row) < core1:
                continue
            t.row = row
            t.row_min += w0
            t.row_max += w0
            found.append(t)
        if progress is not None and progress(core1 / height) is False:
            break
    return found
