"""Ship detection over a whole scene, strip by strip with a halo: results do not depend on strip size.

Pure numpy: the caller passes a ``read(row0, nrows)`` function returning (intensity, valid) for
full-width rows, so any raster source (and the tests' arrays) can feed it.

Thresholds are set per block of k x k pixels (blockcfar.py) on blocks anchored at the scene's
first pixel. Why the halo is enough: a block's threshold needs ``B`` blocks of rows either side.
A ship is kept by the strip holding its centroid row, and must be whole there: a ship whose
bounding box spans at most ``extent`` rows lies within ``extent`` rows of its centroid, the
closing looks ``2 * closing`` rows further and a group of detection blocks one block further.
So each strip reads ``margin`` (those, rounded up to whole blocks) rows beyond its core for the
components, plus ``B`` blocks for their thresholds. A component whose bounding box spans more
than ``extent`` rows or columns is dropped in every strip size alike; ``extent`` comes from
MAX_LENGTH, so those are longer than any ship kept.

Detections are sparse: only the groups of blocks holding a detected pixel (8-connected) are
labelled and measured, each in a small window, never the whole strip.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

import numpy as np

from .blockcfar import block_detect, block_layout, block_thresholds, block_view
from .cfar import DEFAULT_CLUTTER
from .targets import Target, extract_targets, label


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

    def windows(self, pixel_x_m: float, pixel_y_m: float) -> Tuple[int, int]:
        """Return (guard, background) half-widths in pixels for this pixel size."""
        p = min(pixel_x_m, pixel_y_m)
        guard = max(1, int(round(self.guard_m / 2.0 / p)))
        background = int(round(self.background_m / 2.0 / p))
        if background <= guard:
            raise ValueError("the background window must be larger than the guard window by at least a pixel")
        return guard, background

    def closing_px(self, pixel_x_m: float, pixel_y_m: float) -> int:
        """Return the closing half-width in pixels."""
        return int(round(self.closing_m / min(pixel_x_m, pixel_y_m)))

    def extent_px(self, pixel_x_m: float, pixel_y_m: float) -> int:
        """Return the largest bounding-box span (pixels) a kept ship may have."""
        return int(math.ceil(self.max_length_m / min(pixel_x_m, pixel_y_m))) + 1


def _padded(intensity, valid, k):
    """Pad to whole blocks with invalid pixels (the scene's last partial block, its right edge)."""
    h, w = intensity.shape
    ph, pw = (-h) % k, (-w) % k
    if ph or pw:
        intensity = np.pad(intensity, ((0, ph), (0, pw)))
        valid = np.pad(valid, ((0, ph), (0, pw)))
    return intensity, valid


def _groups(detected, k):
    """Yield (row0, row1, col0, col1, member_mask) windows around each 8-connected group of hot blocks."""
    hot = block_view(detected, k).any(axis=(1, 3))
    labels, count = label(hot)
    if count == 0:
        return
    br, bc = np.nonzero(labels)
    lab = labels[br, bc]
    order = np.argsort(lab, kind="stable")
    br, bc, lab = br[order], bc[order], lab[order]
    bounds = np.searchsorted(lab, np.arange(1, count + 2))
    hb, wb = hot.shape
    for g in range(count):
        rows, cols = br[bounds[g]:bounds[g + 1]], bc[bounds[g]:bounds[g + 1]]
        r0, r1 = max(0, rows.min() - 1), min(hb, rows.max() + 2)
        c0, c1 = max(0, cols.min() - 1), min(wb, cols.max() + 2)
        member = np.repeat(np.repeat(labels[r0:r1, c0:c1] == g + 1, k, axis=0), k, axis=1)
        yield r0 * k, r1 * k, c0 * k, c1 * k, member


@dataclass
class StripPlan:
    """Block layout and strip windows for one scene; ``halo`` rows are read beyond each core."""

    k: int
    guard: int
    background: int
    closing: int
    extent: int
    ring_rows: int
    halo: int
    strip_rows: int

    def windows(self, height: int) -> List[Tuple[int, int]]:
        """Return the (first core row, core rows) of each strip; cores start on whole blocks."""
        return [(r, min(self.strip_rows, height - r)) for r in range(0, height, self.strip_rows)]


def plan_strips(settings: DetectionSettings, pixel_x_m: float, pixel_y_m: float,
                strip_rows: int) -> StripPlan:
    """Return the StripPlan for these settings and pixel size (see the module docstring)."""
    guard_px, background_px = settings.windows(pixel_x_m, pixel_y_m)
    closing = settings.closing_px(pixel_x_m, pixel_y_m)
    k, guard, background = block_layout(guard_px, background_px, closing)
    extent = settings.extent_px(pixel_x_m, pixel_y_m)
    margin = int(math.ceil((extent + 2 * closing + 2 + k) / k)) * k
    rows = max(k, int(math.ceil(max(1, int(strip_rows)) / k)) * k)
    return StripPlan(k, guard, background, closing, extent, background * k, margin + background * k, rows)


def detect_strip(intensity: np.ndarray, valid: np.ndarray, w0: int, core0: int, core1: int, height: int,
                 plan: StripPlan, settings: DetectionSettings, pixel_x_m: float,
                 pixel_y_m: float) -> List[Target]:
    """Return the ships whose centroid row lies in ``core0 .. core1`` from one strip read with its halo.

    ``intensity`` and ``valid`` cover scene rows ``w0 ..``; ``w0`` must be a multiple of ``plan.k``.
    """
    k = plan.k
    nrows = intensity.shape[0]
    intensity, valid = _padded(intensity, valid, k)
    thr_b, mean_b = block_thresholds(intensity, valid, k, plan.guard, plan.background, settings.pfa,
                                     settings.clutter)
    detected = block_detect(intensity, valid, thr_b, k)
    if w0 > 0:
        detected[:plan.ring_rows] = False
    if w0 + nrows < height:
        detected[nrows - plan.ring_rows:] = False
    found = []
    for r0, r1, c0, c1, member in _groups(detected, k):
        mean_px = np.repeat(np.repeat(mean_b[r0 // k:r1 // k, c0 // k:c1 // k], k, axis=0), k, axis=1)
        for t in extract_targets(detected[r0:r1, c0:c1] & member, intensity[r0:r1, c0:c1], mean_px,
                                 pixel_x_m, pixel_y_m, plan.closing, settings.min_length_m,
                                 settings.max_length_m):
            if t.row_max - t.row_min + 1 > plan.extent or t.col_max - t.col_min + 1 > plan.extent:
                continue
            row = w0 + r0 + t.row
            if not core0 <= math.floor(row) < core1:
                continue
            t.row, t.col = row, c0 + t.col
            t.row_min, t.row_max = t.row_min + w0 + r0, t.row_max + w0 + r0
            t.col_min, t.col_max = t.col_min + c0, t.col_max + c0
            found.append(t)
    return found


def detect_ships(read: Callable[[int, int], Tuple[np.ndarray, np.ndarray]], height: int, width: int,
                 pixel_x_m: float, pixel_y_m: float, settings: DetectionSettings, strip_rows: int = 512,
                 progress: Optional[Callable[[float], bool]] = None) -> List[Target]:
    """Return every ship in the scene, centroids in whole-scene pixel coordinates, in scene order.

    ``read(row0, nrows)`` returns the linear intensity and the valid (sea, with data) mask of
    those full rows. ``progress(fraction)`` returning False stops early (the caller checks its
    own cancel flag: a partial list is never a result).
    """
    plan = plan_strips(settings, pixel_x_m, pixel_y_m, strip_rows)
    found: List[Target] = []
    for core0, n in plan.windows(height):
        core1 = core0 + n
        w0 = max(0, core0 - plan.halo)
        w1 = min(height, core1 + plan.halo)
        intensity, valid = read(w0, w1 - w0)
        found += detect_strip(intensity, valid, w0, core0, core1, height, plan, settings,
                              pixel_x_m, pixel_y_m)
        if progress is not None and progress(core1 / height) is False:
            break
    found.sort(key=lambda t: (t.row_min, t.col_min))
    return found
