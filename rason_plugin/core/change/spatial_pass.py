"""Apply a spatial refinement (spatial.py) to a change mask, strip by strip with a halo.

A post-pass over the change statistic already written: each window of rows is read with
spatial.halo_rows() rows above and below, the first labels are the threshold's (statistic >
threshold; the statistic's nodata is negative), and only the window's own rows are written back.
The statistic is never modified, so every window sees the same first labels whatever the strip
size, and the refined mask does not depend on it. The MRF's change class is fitted on fixed
windows of FIT_ROWS rows (so its sums are added in one order whatever the strip size). When the
raster engine offers strips with a halo this becomes a filter it feeds.
"""
from __future__ import annotations

from typing import Callable, List, Optional

import numpy as np

from ..raster import RasterError
from . import spatial

FIT_ROWS = 256


class SpatialStepSkipped(Exception):  # noqa: N818 (a skip, not an error)
    """The refinement could not run (e.g. nothing flagged); the threshold's mask stands."""


def check_spatial(method, size, beta):
    """Return (method, size, beta) checked and normalised; raise RasterError naming the bad one."""
    method = (method or "none").lower()
    if method not in spatial.SPATIAL_METHODS:
        raise RasterError(f"spatial '{method}' is unknown; use one of {', '.join(spatial.SPATIAL_METHODS)}")
    if method != "none" and (int(size) < 3 or int(size) % 2 == 0):
        raise RasterError(f"SPATIAL_SIZE {size} must be an odd number of pixels >= 3 (e.g. 3)")
    if not float(beta) >= 0.0:
        raise RasterError(f"MRF_BETA {beta} must be >= 0 (0: no neighbour influence)")
    return method, int(size), float(beta)


def change_class(read: Callable[[int, int], np.ndarray], height: int, threshold: float,
                 cancelled: Callable[[], None]) -> spatial.ChangeClass:
    """Return the change class fitted on every flagged pixel of the statistic ``read(row0, n)``."""
    n = n_valid = 0
    s1 = s2 = 0.0
    for r0 in range(0, height, FIT_ROWS):
        cancelled()
        stat = read(r0, min(FIT_ROWS, height - r0)).astype(np.float64)
        flagged = stat[stat > max(threshold, 0.0)]
        n += flagged.size
        n_valid += int(np.count_nonzero(stat >= 0))
        s1 += float(flagged.sum())
        s2 += float(np.square(flagged).sum())
    try:
        return spatial.change_class_from_sums(n, s1, s2, n_valid)
    except ValueError as exc:
        raise SpatialStepSkipped(str(exc)) from None


def refine(read: Callable[[int, int], np.ndarray], write: Callable[[int, np.ndarray], None],
           height: int, rows: int, threshold: float, method: str, size: int, beta: float,
           dof: Optional[int], cancelled: Callable[[], None],
           progress: Optional[Callable[[float], None]] = None) -> List[str]:
    """Write the refined mask (uint8: 1 change, 0 no change, 255 nodata) window by window.

    ``method`` is 'majority' or 'mrf' (MRF needs the chi-square ``dof``: MAD/iMAD; for other
    statistics the mask is left as the threshold made it, and a note says so). Returns notes.
    """
    notes = []
    cls = None
    if method == "mrf":
        if not dof:
            notes.append("the MRF refinement needs the chi-square statistic of MAD/iMAD: each pixel was "
                         "decided alone (choose the majority filter for spatial context)")
            return notes
        else:
            try:
                cls = change_class(read, height, threshold, cancelled)
            except SpatialStepSkipped as exc:
                notes.append(f"no MRF refinement: {exc}")
                return notes
    halo = spatial.halo_rows(method, size)
    for r0 in range(0, height, rows):
        cancelled()
        n = min(rows, height - r0)
        top = max(0, r0 - halo)
        bottom = min(height, r0 + n + halo)
        stat = read(top, bottom - top)
        valid = stat >= 0
        changed = (stat > threshold) & valid
        if method == "majority":
            out = spatial.majority_filter(changed, valid, size)
        else:
            out = spatial.mrf_icm(stat, valid, changed, dof, cls, beta, row0=top, threshold=threshold)
        mask = out[r0 - top:r0 - top + n].astype(np.uint8)
        mask[~valid[r0 - top:r0 - top + n]] = 255
        write(r0, mask)
        if progress:
            progress(min(1.0, (r0 + n) / height))
    return notes


def refine_spatially(run, threshold, dof) -> str:
    """Rewrite ``run``'s mask (a passes._Run whose passes are done) with its spatial refinement and
    recount the change; return the RASON_SPATIAL metadata value. Notes go to run.spatial_notes."""
    method, size, beta = run.spatial
    if method == "none":
        return "none"
    writer = run.writer
    band = writer.mag_out.ds.GetRasterBand(1)
    writer.mag_out.ds.FlushCache()
    counts = []  # the threshold's counts stand until the refinement writes its first rows

    def write(row0, m):
        if not counts:
            counts.append(True)
            writer.n_changed, writer.changed_area = 0, 0.0
        n, area = writer.changed_count_area(m == 1, row0)
        writer.n_changed += n
        writer.changed_area += area
        writer.mask_out.write(row0, m)

    def read(row0, n):
        stat = band.ReadAsArray(0, row0, run.grid.width, n)
        # Drop the blocks just read: each is read once more at most (a halo), and kept they fill
        # GDAL's block cache (5 % of RAM by default) with the statistic of the whole scene.
        writer.mag_out.ds.FlushCache()
        return stat

    # Windows of at least four halos' rows: a window reads its halo twice over, so short windows
    # read the statistic almost twice.
    rows = max(run.rows, 4 * spatial.halo_rows(method, size))
    run.spatial_notes = refine(read, write, run.grid.height, rows, float(threshold), method, size, beta, dof,
                               run.cancelled)
    return f"{method} size={size} beta={beta!r}"
