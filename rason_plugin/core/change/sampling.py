"""Which pixels the statistics and thresholds are estimated from: positions only, never the strip size.

Tests lower SAMPLE_VALUES / THRESHOLD_SAMPLE_PIXELS here to force sampling on small scenes; the
run reads them at call time.
"""
from __future__ import annotations

import math

from ..raster import grid_sample_index

SAMPLE_VALUES = 1 << 23  # values kept in memory for iMAD iterations / threshold fitting (64 MB)
THRESHOLD_SAMPLE_PIXELS = 1 << 20  # pixels Otsu/EM are fitted on before the main pass
MIN_THRESHOLD_WINDOWS = 16  # at least this many separate row windows in that sample


def sample_grid(height: int, width: int, n_bands: int):
    """Return (stride, offset) of the regular sample grid for ``n_bands`` bands (SAMPLE_VALUES values)."""
    return grid_sample_index(height, width, max(1024, SAMPLE_VALUES // n_bands))


def threshold_windows(height: int, stride: int, offset: int, src_block_h: int):
    """Return row windows holding the threshold sample, or None when reading them saves little.

    The sample is the regular grid of grid_sample_index (rows aligned to the source blocks),
    so it depends on pixel positions only, never on the strip size.
    """
    h, bh = height, max(1, src_block_h)
    if stride < 4:
        return None
    if bh == 1:
        return [(r, 1) for r in range(offset, h, stride)]
    kb = stride // bh
    if kb < 4:
        return None
    return [(j * bh, min(bh, h - j * bh)) for j in range(kb // 2, math.ceil(h / bh), kb)]

def threshold_rows(height: int, width: int, src_block_h: int, n_bands: int):
    """Return the row windows whose pixels fit Otsu/EM before the main pass, or None.

    Whole rows spread evenly down the scene, about THRESHOLD_SAMPLE_PIXELS pixels in all
    (whole source blocks when a block holds several rows). A row costs the same to read
    whatever columns are kept, so every column of fewer rows is read, not every stride-th column
    of many. None when such a sample would be over a quarter of the scene: the threshold then
    comes from the main pass's grid sample and a mask pass. Depends on pixel positions and
    the file's blocks only, never on the strip size.
    """
    h, w = height, width
    budget = min(THRESHOLD_SAMPLE_PIXELS, max(1024, SAMPLE_VALUES // n_bands))
    bh = max(1, src_block_h)
    n_rows = math.ceil(budget / w)
    if bh == 1:
        if 4 * n_rows > h:
            return None
        return [(int((k + 0.5) * h / n_rows), 1) for k in range(n_rows)]
    n_blocks = math.ceil(h / bh)
    n_win = min(n_blocks, max(math.ceil(n_rows / bh), MIN_THRESHOLD_WINDOWS))
    if 4 * n_win > n_blocks:
        return None
    picks = sorted({int((k + 0.5) * n_blocks / n_win) for k in range(n_win)})
    return [(j * bh, min(bh, h - j * bh)) for j in picks]
