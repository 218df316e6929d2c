"""The change-detection outputs (mask, statistic, variates), written strip by strip by the engine.

Mask 1 = change, 0 = no change, 255 = nodata; the statistic's nodata is -1 (every statistic is
>= 0); the variates' nodata is NaN (they span all reals, valid ones are always finite).
"""
from __future__ import annotations

import numpy as np
from osgeo import gdal

from ..raster import Grid, OutputSet
from .strips import sample_cols

MASK_NODATA = 255
MAGNITUDE_NODATA = -1.0  # every statistic is >= 0, so -1 never collides with a valid value
VARIATES_NODATA = float("nan")  # variates span all reals; valid ones are always finite


class StripWriter:
    """Writes each strip's outputs in the OutputSet's writer threads and counts the changed pixels.

    With no threshold yet (Otsu/EM still being fitted), a strip's mask waits in ``late`` and is
    written by ``mask_pass`` from the statistic once the threshold is known.
    """

    def __init__(self, out_set: OutputSet, grid: Grid, outs: dict, stride: int, offset: int):
        self.out_set, self.grid, self.outs = out_set, grid, outs
        self.stride, self.offset = stride, offset
        self.pixel_area = grid.pixel_area_m2()  # None: each row has its own (geographic CRS)
        self.n_changed = 0
        self.changed_area = 0.0
        self.late = []
        self.mask_out = self.mag_out = self.var_out = None

    def reset(self):
        """Start a pass: no changed pixel counted, no mask waiting."""
        self.n_changed = 0
        self.changed_area = 0.0
        self.late = []

    def open(self, magnitude_desc, variate_names):
        """Create the mask, statistic and (if asked for) variates outputs in the run's OutputSet."""
        outs = self.out_set
        self.mask_out = outs.add(self.outs["OUTPUT_MASK"], 1, gdal.GDT_Byte, MASK_NODATA,
                                 ["change (1) / no change (0)"], "OUTPUT_MASK")
        self.mag_out = outs.add(self.outs["OUTPUT_MAGNITUDE"], 1, gdal.GDT_Float32, MAGNITUDE_NODATA,
                                [magnitude_desc], "OUTPUT_MAGNITUDE")
        self.var_out = None
        if "OUTPUT_VARIATES" in self.outs:
            self.var_out = outs.add(self.outs["OUTPUT_VARIATES"], len(variate_names), gdal.GDT_Float32,
                                    VARIATES_NODATA, variate_names, "OUTPUT_VARIATES")

    def write_strip(self, strip, stat, variates, threshold, sample_list, fit=None):
        """Queue one strip for writing: ``stat`` (rows x cols float32) and ``variates`` (k x rows x cols)
        cover every pixel and are overwritten with nodata where the strip is invalid (in place).

        With no ``threshold`` yet, the strip's mask waits (``self.late``) unless the ``fit`` running
        meanwhile has finished. The writer thread owns the arrays from here on; at most one strip
        waits to be written.
        """
        valid = strip.valid
        invalid = None if strip.all_valid else ~valid
        if invalid is not None:
            stat[invalid] = MAGNITUDE_NODATA
        if threshold is None and fit is not None and fit.done() and fit.exception() is None:
            threshold = fit.result()
        if threshold is None:
            self.late.append((strip.row0, strip.nrows))
            idx = sample_cols(strip, self.stride, self.offset, self.grid.width)
            if idx.size:
                vals = stat.ravel()[idx]
                sample_list.append(vals[vals >= 0])
        jobs = [(self._emit, (strip.row0, stat, threshold, valid, invalid))]
        if self.var_out is not None:  # the largest output, written beside the others
            jobs.append((self._emit_variates, (strip.row0, variates, invalid)))
        self._count(self.out_set.submit_jobs(jobs))

    def _emit_variates(self, row0, variates, invalid):
        """Write one strip's variates, NaN where invalid (in a writer thread)."""
        if invalid is not None:
            variates[:, invalid] = np.nan
        self.var_out.write(row0, variates)

    def _emit(self, row0, stat, threshold, valid, invalid):
        """Write one strip's statistic and mask (in a writer thread); return its number of changed
        pixels and their area."""
        self.mag_out.write(row0, stat)
        if threshold is None:
            return 0, 0.0
        changed = stat > threshold  # nodata -1 is never above a threshold >= 0 ...
        if invalid is not None:
            changed &= valid         # ... but a negative manual threshold would be
        n, area = self.changed_count_area(changed, row0)
        m = changed.view(np.uint8)
        if invalid is not None:
            m[invalid] = MASK_NODATA
        self.mask_out.write(row0, m)
        return n, area

    def changed_count_area(self, changed, row0):
        """Return (pixels, m2) of the changed pixels of the rows from ``row0``."""
        if self.pixel_area is not None:
            n = int(np.count_nonzero(changed))
            return n, n * self.pixel_area
        per_row = np.count_nonzero(changed, axis=1)
        return int(per_row.sum()), float(per_row @ self.grid.row_areas(row0, changed.shape[0]))

    def drain(self):
        """Wait for the strip being written; add its changed pixels; raise what the writer raised."""
        self._count(self.out_set.drain())

    def _count(self, written):
        """Add the (changed pixels, m2) a written strip returned (None: no strip was written)."""
        if written is not None:
            n, area = written
            self.n_changed += n
            self.changed_area += area

    def mask_pass(self, threshold, progress, windows):
        """Write the mask of ``windows`` (row0, nrows) from the statistic already written there."""
        band = self.mag_out.ds.GetRasterBand(1)
        self.mag_out.ds.FlushCache()
        for i, (row0, n) in enumerate(windows):
            self.out_set.check_cancelled()
            mag = band.ReadAsArray(0, row0, self.grid.width, n)
            self.mag_out.ds.FlushCache()  # drop the blocks just read: they are not read again
            m = (mag > threshold).astype(np.uint8)
            m[mag < 0] = MASK_NODATA
            n, area = self.changed_count_area(m == 1, row0)
            self.n_changed += n
            self.changed_area += area
            self.mask_out.write(row0, m)
            if progress:
                progress((i + 1) / len(windows))
