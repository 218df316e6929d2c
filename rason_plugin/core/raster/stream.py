"""Stream aligned strips of N inputs: reader threads, bounded memory, an optional halo.

Memory is bounded by the strip (full-width rows), never by the scene: each input holds a ring
of three strip buffers. A method asks for a halo of ``h`` rows when its output at a pixel
depends on neighbours (a median, a CFAR window): each strip then comes with up to ``h`` rows
above and below it (fewer at the grid's edges, where there are none), so the method can compute
its core rows exactly as on the whole scene, and its results do not depend on the strip size.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional, Sequence

import numpy as np

from .errors import RasterCancelled
from .grid import Grid
from .scene import SceneInput, is_vrt, read_strip

RING = 3  # strip i is read while the caller holds strip i - 1; strip i - 2 is done with


@dataclass
class StripSet:
    """One strip of every input, on the grid. Arrays cover ``top + nrows + bottom`` rows."""

    row0: int                          # first core row on the grid
    nrows: int                         # core rows
    top: int                           # halo rows above the core (0 at the grid's top)
    bottom: int                        # halo rows below the core (0 at the grid's bottom)
    data: List[np.ndarray]             # per input: (bands, rows, cols), the input's own dtype
    valid: List[Optional[np.ndarray]]  # per input: (rows, cols) bool, or None meaning all valid
    n_valid: List[int]                 # per input: valid pixels in the core rows

    def core(self, array: np.ndarray) -> np.ndarray:
        """Return the core rows of ``array`` (a view; its last two axes are rows, cols)."""
        return array[..., self.top:self.top + self.nrows, :]


def regular_windows(height: int, rows: int):
    """Return the (row0, nrows) strips of ``rows`` rows covering ``height`` rows."""
    return [(r, min(rows, height - r)) for r in range(0, height, rows)]


def _reader_groups(inputs: Sequence[SceneInput], readers: int) -> List[List[int]]:
    """Return, per reader thread, the indices of the inputs it reads.

    Each dataset is only ever touched by one reader. VRT datasets share GDAL's pool of opened
    sources, so two VRTs on one file could hand the same source to two readers at once: with any
    VRT among the inputs, one reader reads them all, as plain files never need.
    """
    n = len(inputs)
    if readers <= 1 or n == 1 or any(is_vrt(sc) for sc in inputs):
        return [list(range(n))]
    k = min(readers, n)
    return [list(range(i, n, k)) for i in range(k)]


def stream_strips(inputs: Sequence[SceneInput], grid: Grid, rows: int, *, halo: int = 0,
                  windows: Optional[Sequence[tuple]] = None, threaded: bool = True, readers: int = 2,
                  is_cancelled: Optional[Callable[[], bool]] = None,
                  progress: Optional[Callable[[float], None]] = None,
                  cancel_message: str = "cancelled; no output was written") -> Iterator[StripSet]:
    """Yield a StripSet per window of ``rows`` rows (or per ``windows`` (row0, nrows)), in order.

    Threaded, the next strip is read while the caller uses this one: GDAL and numpy release the
    GIL, and reading is the slowest stage on a Sentinel-2 tile (bench/). A strip's arrays live
    in reused buffers: they hold that strip's values until the caller asks for the strip after
    next; copy what must be kept longer. ``threaded=False`` reads in the caller's thread,
    cheaper for many small windows. Cancelling raises RasterCancelled(``cancel_message``).
    """
    inputs = list(inputs)
    height, width = grid.height, grid.width
    halo = max(0, int(halo))
    starts = list(windows) if windows is not None else regular_windows(height, rows)
    rings = [[None] * RING for _ in inputs]

    def read_one(j, window, slot):
        """Read input ``j``'s strip (with its halo); return (array, valid, valid core pixels)."""
        row0, n = window
        top, bottom = min(halo, row0), min(halo, max(0, height - row0 - n))
        reuse = rings[j][slot] if slot is not None else None
        arr, valid = read_strip(inputs[j], row0 - top, n + top + bottom, width, reuse)
        if slot is not None:
            rings[j][slot] = arr
        # Drop the blocks GDAL cached for this strip: they are never read again (a halo row is
        # read once more by the next strip, from the file), and the block cache (5 % of RAM by
        # default) would otherwise fill with them.
        inputs[j].dataset.FlushCache()
        if valid is None:
            count = n * width
        else:
            count = int(np.count_nonzero(valid[top:top + n]))
        return arr, valid, count

    def read_group(group, window, slot=None):
        return {j: read_one(j, window, slot) for j in group}

    def assemble(window, parts):
        row0, n = window
        top, bottom = min(halo, row0), min(halo, max(0, height - row0 - n))
        got = [parts[j] for j in range(len(inputs))]
        return StripSet(row0, n, top, bottom, [g[0] for g in got], [g[1] for g in got], [g[2] for g in got])

    def check_cancelled():
        if is_cancelled is not None and is_cancelled():
            raise RasterCancelled(cancel_message)

    everyone = list(range(len(inputs)))
    if not threaded:
        for i, window in enumerate(starts):
            check_cancelled()
            yield assemble(window, read_group(everyone, window))
            if progress is not None:
                progress((i + 1) / len(starts))
        return
    groups = _reader_groups(inputs, readers)
    pools = [ThreadPoolExecutor(max_workers=1) for _ in groups]
    try:
        def submit(i):
            return [pool.submit(read_group, group, starts[i], i % RING) for pool, group in zip(pools, groups)]

        pending = submit(0) if starts else []
        for i, window in enumerate(starts):
            parts = {}
            for future in pending:
                parts.update(future.result())
            strip = assemble(window, parts)
            if i + 1 < len(starts):
                pending = submit(i + 1)
            check_cancelled()
            yield strip
            if progress is not None:
                progress((i + 1) / len(starts))
    finally:
        for pool in pools:
            pool.shutdown(wait=True)
