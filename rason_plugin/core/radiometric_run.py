"""Relative radiometric normalisation of a TARGET scene to a REFERENCE scene (I/O around core/radiometric).

iMAD runs first (core/change, into a temporary folder); its chi-square p-value band is
the no-change probability. The no-change pixels' values are read strip by strip, the fits made
(radiometric.fit_band), and the normalised target written strip by strip, atomically. The target
is read on the reference's grid (warped onto it when CRS, extent or resolution differ), and the
output is on that grid; pixels that are nodata in either scene are nodata (NaN) in the output.
"""
from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence

import numpy as np
from osgeo import gdal

from . import radiometric
from .change import ChangeDetectionCancelled, ChangeDetectionError, run_change_detection
from .change.strips import iter_strips
from .raster import OutputRaster, align, check_writable, commit_outputs, open_scene, strip_rows

PURPOSE = "radiometric normalisation"  # how the engine's messages name what the inputs are for

MAX_FIT_PIXELS = 4_000_000  # no-change pixels kept for the fits (every k-th in scan order beyond)
NORMALISED_NODATA = float("nan")


@dataclass
class NormalisationResult:
    """What a run produced: the per-band fits and the output written."""

    fits: List[radiometric.BandFit]
    n_nochange: int      # pixels with no-change probability >= the threshold
    n_used: int          # of those, the ones the fits and tests used
    out_normalised: str
    imad_iterations: int
    imad_converged: Optional[bool]
    notes: List[str] = field(default_factory=list)
    commit: object = None

    def discard_previous_outputs(self):
        if self.commit is not None:
            self.commit.release()
            self.commit = None

    def restore_previous_outputs(self):
        if self.commit is not None:
            self.commit.rollback()
            self.commit = None
        elif os.path.exists(self.out_normalised):
            os.remove(self.out_normalised)


def run_radiometric_normalisation(reference_path, target_path, *, out_normalised,
                                  bands_reference: Optional[Sequence[int]] = None,
                                  bands_target: Optional[Sequence[int]] = None,
                                  nochange_prob: float = radiometric.DEFAULT_NOCHANGE_PROB,
                                  seed: int = radiometric.DEFAULT_SEED, resampling: str = "bilinear",
                                  block_size: Optional[int] = None,
                                  progress: Optional[Callable[[float], None]] = None,
                                  is_cancelled: Optional[Callable[[], bool]] = None,
                                  keep_previous: bool = False) -> NormalisationResult:
    """Normalise ``target_path`` to ``reference_path``; write ``out_normalised`` (float32).

    Raises ChangeDetectionError naming the input and the fix (ChangeDetectionCancelled on
    cancel); then nothing is left at ``out_normalised`` and a file already there is untouched.
    """
    if not 0.0 < float(nochange_prob) < 1.0:
        raise ChangeDetectionError(f"NOCHANGE_PROB {nochange_prob} must be strictly between 0 and 1 "
                                   "(e.g. 0.95)")
    out = check_writable(out_normalised, "OUTPUT")
    for path in (reference_path, target_path):
        if os.path.exists(os.fspath(path)) and os.path.realpath(path) == os.path.realpath(out):
            raise ChangeDetectionError(f"OUTPUT would overwrite the input '{path}'; choose another file")
    reference = open_scene(reference_path, "REFERENCE", bands_reference, PURPOSE)
    target = open_scene(target_path, "TARGET", bands_target, PURPOSE)
    if len(reference.bands) != len(target.bands):
        raise ChangeDetectionError(
            f"the normalisation fits band to band, but REFERENCE has {len(reference.bands)} bands and "
            f"TARGET {len(target.bands)}; choose the same number of bands in both")

    def cancelled():
        if is_cancelled is not None and is_cancelled():
            raise ChangeDetectionCancelled("radiometric normalisation cancelled; no output was written")

    def part(start, span):
        return None if progress is None else (lambda f: progress(start + span * f))

    grid = align(reference, [target], resampling, PURPOSE)
    rows = strip_rows(block_size, grid.width,
                      reference.dataset.GetRasterBand(reference.bands[0]).GetBlockSize()[1])
    with tempfile.TemporaryDirectory(prefix="rason_radcal_") as tmp:
        imad = run_change_detection(
            reference_path, target_path, method="imad", bands_before=bands_reference,
            bands_after=bands_target, resampling=resampling, block_size=block_size,
            out_mask=os.path.join(tmp, "mask.tif"), out_magnitude=os.path.join(tmp, "chi2.tif"),
            out_variates=os.path.join(tmp, "variates.tif"), progress=part(0.0, 0.5),
            is_cancelled=is_cancelled)
        pds = gdal.Open(imad.out_variates)
        pband = pds.GetRasterBand(pds.RasterCount)  # the chi-square p-value: probability of no change
        n_sel = _count_nochange(pband, grid, rows, float(nochange_prob), cancelled)
        keep_every = max(1, math.ceil(n_sel / MAX_FIT_PIXELS))
        xs, ys = _collect(reference, target, grid, rows, pband, float(nochange_prob), keep_every,
                          cancelled, part(0.5, 0.2))
        pds = None
    n_used = xs.shape[1]
    if n_used < 30:
        raise ChangeDetectionError(
            f"only {n_used} pixels have a no-change probability >= {nochange_prob}; lower NOCHANGE_PROB "
            "or check that the scenes overlap and show the same place")
    train, test = radiometric.split_train_test(n_used, seed)
    fits = []
    for i, band in enumerate(target.bands):
        try:
            fits.append(radiometric.fit_band(band, xs[i], ys[i], train, test))
        except ValueError as exc:
            raise ChangeDetectionError(f"TARGET band {band}: {exc}; leave that band out") from None
    result = NormalisationResult(fits, n_sel, n_used, out, imad.iterations, imad.converged, list(imad.notes))
    if keep_every > 1:
        result.notes.append(f"{n_sel} no-change pixels; every {keep_every}th was used for the fits")
    result.commit = _write(reference, target, grid, rows, fits, out, cancelled, part(0.7, 0.3))
    if not keep_previous:
        result.commit.release()
        result.commit = None
    if progress:
        progress(1.0)
    return result


def _count_nochange(pband, grid, rows, prob, cancelled) -> int:
    n = 0
    for r0 in range(0, grid.height, rows):
        cancelled()
        p = pband.ReadAsArray(0, r0, grid.width, min(rows, grid.height - r0))
        n += int(np.count_nonzero(p >= prob))  # NaN (nodata) is never >= prob
    return n


def _collect(reference, target, grid, rows, pband, prob, keep_every, cancelled, progress):
    """Return the (bands, n) float64 values of REFERENCE and TARGET at the kept no-change pixels."""
    xs, ys = [], []
    seen = 0
    for strip in iter_strips(reference, target, None, grid, rows, None, progress):
        cancelled()
        p = pband.ReadAsArray(0, strip.row0, grid.width, strip.nrows)
        sel = ((p >= prob) & strip.valid).ravel()
        idx = np.flatnonzero(sel)
        # Every keep_every-th no-change pixel in scan order: the same pixels whatever the strip size.
        first = (-seen) % keep_every
        seen += idx.size
        idx = idx[first::keep_every]
        nb = strip.x.shape[0]
        xs.append(strip.x.reshape(nb, -1)[:, idx].astype(np.float64))
        ys.append(strip.y.reshape(nb, -1)[:, idx].astype(np.float64))
    nb = len(reference.bands)
    if not xs:
        return np.empty((nb, 0)), np.empty((nb, 0))
    return np.hstack(xs), np.hstack(ys)


def _write(reference, target, grid, rows, fits, path, cancelled, progress):
    names = [f"TARGET band {f.band} normalised: {f.intercept:.6g} + {f.slope:.6g} x" for f in fits]
    out = OutputRaster(path, grid, len(fits), gdal.GDT_Float32, NORMALISED_NODATA, names, "OUTPUT")
    try:
        slope = np.array([f.slope for f in fits], dtype=np.float64)[:, None, None]
        icpt = np.array([f.intercept for f in fits], dtype=np.float64)[:, None, None]
        for strip in iter_strips(reference, target, None, grid, rows, None, progress):
            cancelled()
            data = (icpt + slope * strip.y).astype(np.float32)
            if not strip.all_valid:
                data[:, ~strip.valid] = np.nan
            out.write(strip.row0, data)
        cancelled()
        meta = {"RASON_REFERENCE": os.path.basename(reference.path),
                "RASON_TARGET": os.path.basename(target.path),
                "RASON_SLOPES": " ".join(f"{f.slope:.10g}" for f in fits),
                "RASON_INTERCEPTS": " ".join(f"{f.intercept:.10g}" for f in fits)}
        return commit_outputs([out], meta)
    except BaseException:
        out.abort()
        raise
