"""One change-detection run: the passes over the strips (statistics, transform, threshold, mask).

The engine (core/raster) reads, aligns and writes; the maths is in differences.py and mad.py;
which pixels estimate what is in sampling.py; the outputs are written by writing.StripWriter.
"""
from __future__ import annotations

import math
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import List, Sequence

import numpy as np

from ..raster import Grid, OutputSet, RasterCancelled, RasterError, reopen_scene
from . import sampling
from .differences import linear_statistic
from .mad import MadProjector, Moments, band_names, imad_iterate, mad_transform
from .result import ChangeResult
from .spatial import DEFAULT_MRF_BETA, DEFAULT_SPATIAL_SIZE
from .spatial_pass import refine_spatially
from .strips import CANCELLED, TwoBuffers, compute_dtype, iter_strips, sample_cols
from .thresholds import chi2_isf, em_threshold, otsu_threshold
from .writing import StripWriter

ChangeDetectionError = RasterError
ChangeDetectionCancelled = RasterCancelled
COMPUTE_THREADS = max(1, min(4, os.cpu_count() or 1))


class _Phases:
    """Maps each pass's own 0..1 progress onto the whole run's 0..1."""

    def __init__(self, callback, weights: Sequence[float]):
        self.callback = callback
        total = float(sum(weights))
        self.starts = np.concatenate([[0.0], np.cumsum(weights)[:-1]]) / total
        self.spans = np.asarray(weights, dtype=float) / total

    def __call__(self, i: int):
        if self.callback is None:
            return None
        start, span = float(self.starts[i]), float(self.spans[i])
        return lambda f: self.callback(min(1.0, start + span * f))



def check_counts(n_before, n_after, n_valid, before, after, min_valid=1):
    """Fail when a scene has no valid pixel, or fewer than ``min_valid`` are valid in both."""
    if n_before == 0:
        raise ChangeDetectionError(f"BEFORE '{before.path}' has no valid pixel (all nodata) over the "
                                   "overlap; check its nodata value or choose another scene")
    if n_after == 0:
        raise ChangeDetectionError(f"AFTER '{after.path}' has no valid pixel (all nodata) over the "
                                   "overlap; check its nodata value or choose another scene")
    if n_valid < min_valid:
        raise ChangeDetectionError(
            f"only {n_valid} pixels are valid in both scenes (and the mask); this method needs at least "
            f"{min_valid}; check the nodata values, the mask and the overlap")



class _Run:
    """One change-detection run: passes over the strips and the outputs they write."""

    def __init__(self, before, after, mask, grid: Grid, rows, method, threshold, alpha, manual, outs,
                 max_iterations, tolerance, regularisation, progress, is_cancelled):
        self.before, self.after, self.mask, self.grid, self.rows = before, after, mask, grid, rows
        self.method, self.threshold, self.alpha, self.manual = method, threshold, alpha, manual
        self.outs = outs
        self.max_iterations, self.tolerance, self.regularisation = max_iterations, tolerance, regularisation
        self.progress, self.is_cancelled = progress, is_cancelled
        self.p, self.q = len(before.bands), len(after.bands)
        self.dtype = compute_dtype(before, after)
        self.names = band_names("BEFORE", before.bands) + band_names("AFTER", after.bands)
        self.src_block_h = before.dataset.GetRasterBand(before.bands[0]).GetBlockSize()[1]
        self.stride, self.offset = sampling.sample_grid(grid.height, grid.width, self.p + self.q)
        self.threshold_rows = sampling.threshold_rows(  # Otsu/EM sample windows, or None
            grid.height, grid.width, self.src_block_h, self.p + self.q)
        self.keep_previous = False
        self.spatial = ("none", DEFAULT_SPATIAL_SIZE, DEFAULT_MRF_BETA)
        self.spatial_notes: List[str] = []

    # ---- helpers
    def strips(self, progress=None):
        return iter_strips(self.before, self.after, self.mask, self.grid, self.rows,
                           self.is_cancelled, progress)

    def cancelled(self):
        if self.is_cancelled is not None and self.is_cancelled():
            raise ChangeDetectionCancelled(CANCELLED)

    def run(self) -> ChangeResult:
        # Outputs are written by the engine's writer thread while the next strip is computed (GDAL
        # and numpy release the GIL); a failure or cancel leaves no output behind.
        self._fitter = ThreadPoolExecutor(max_workers=1)  # Otsu/EM fitted while the main pass runs
        # MAD's per-pixel maths is split across the cores (numpy releases the GIL): a batch run
        # otherwise leaves a core idle, and on a shared machine gets one core's share of time.
        self._pool = ThreadPoolExecutor(max_workers=COMPUTE_THREADS)
        try:
            with OutputSet(self.grid, self.is_cancelled, CANCELLED) as out_set:
                self.writer = StripWriter(out_set, self.grid, self.outs, self.stride, self.offset)
                if self.method in ("mad", "imad"):
                    return self._run_mad()
                return self._run_linear()
        finally:
            self._fitter.shutdown(wait=True)
            self._pool.shutdown(wait=True)

    def _threshold_known(self, dof=None):
        if self.threshold == "manual":
            return float(self.manual)
        if self.threshold == "chi2":
            # No live variate: the statistic is 0 everywhere and nothing exceeds 0.
            return chi2_isf(self.alpha, dof) if dof else 0.0
        return None

    def _fit_threshold(self, sample: np.ndarray) -> float:
        if sample.size == 0:
            raise ChangeDetectionError("no valid pixel to fit the threshold on")
        try:
            return otsu_threshold(sample) if self.threshold == "otsu" else em_threshold(sample)
        except ValueError as exc:  # e.g. no finite statistic at all
            raise ChangeDetectionError(f"cannot fit the {self.threshold} threshold ({exc}); "
                                       "choose a manual threshold or check the inputs' nodata") from exc


    def _finish(self, threshold, n_valid, metadata, **extra) -> ChangeResult:
        meta = {"RASON_METHOD": self.method, "RASON_THRESHOLD_METHOD": self.threshold,
                "RASON_THRESHOLD_VALUE": repr(float(threshold)),
                "RASON_BEFORE": os.path.basename(self.before.path),
                "RASON_AFTER": os.path.basename(self.after.path)}
        meta.update(metadata)
        meta["RASON_SPATIAL"] = refine_spatially(self, threshold, extra.get("dof"))
        committed = self.writer.out_set.commit(meta, self.keep_previous)  # all of them or none
        if self.progress:
            self.progress(1.0)
        g = self.grid
        return ChangeResult(
            method=self.method, threshold_method=self.threshold, threshold_value=float(threshold),
            n_valid=int(n_valid), n_changed=int(self.writer.n_changed), pixel_area_m2=self.writer.pixel_area,
            out_mask=self.outs["OUTPUT_MASK"], out_magnitude=self.outs["OUTPUT_MAGNITUDE"],
            out_variates=self.outs.get("OUTPUT_VARIATES"), width=g.width, height=g.height,
            geotransform=tuple(g.geotransform), crs_wkt=g.wkt,
            changed_area_m2=float(self.writer.changed_area),
            commit=committed, notes=self.notes(), **extra)

    def notes(self) -> List[str]:
        notes = list(self.spatial_notes)
        for scene in (self.before, self.after):
            for b in scene.alpha_left_out:
                notes.append(f"{scene.role} band {b} is an alpha (transparency) band: it is not compared as "
                             "data; the pixels it hides are nodata")
        return notes

    # ---- difference, log-ratio, CVA
    def _linear_strip(self, strip, want_variates):
        """Return (statistic rows x cols float32, variates or None) of one strip (differences.py)."""
        stat, variates, defined = linear_statistic(strip.x, strip.y, self.method, self.dtype, want_variates)
        if defined is not None:
            strip.valid = strip.valid & defined
            strip.all_valid = False
        return stat, variates


    def _prefit_threshold(self, stat_fn, windows, before, after, mask):
        """Return Otsu/EM fitted on the statistic of the sample rows ``windows`` (None: no valid pixel).

        Whole-block windows of a tiled scene can hold far more pixels than the budget: every
        k-th valid value is kept so at most about THRESHOLD_SAMPLE_PIXELS are (k depends on the
        windows only, so not on the strip size).
        """
        total = sum(n for _, n in windows) * self.grid.width
        keep_every = max(1, math.ceil(total / sampling.THRESHOLD_SAMPLE_PIXELS))
        values = []
        for strip in iter_strips(before, after, mask, self.grid, self.rows, self.is_cancelled,
                                 windows=windows, threaded=False):
            stat, _ = stat_fn(strip, False)
            values.append(stat[strip.valid][::keep_every])
        values = np.concatenate(values) if values else np.empty(0)
        return self._fit_threshold(values) if values.size else None

    def _start_fit(self, stat_fn):
        """Start fitting Otsu/EM on the sample rows; return a Future of it, or None (no sample rows).

        It runs in a helper thread on GDAL handles of its own, so the main pass need not wait.
        Warped inputs (in-memory VRTs) cannot be reopened: their fit runs here, before the pass.
        """
        windows = self.threshold_rows
        if windows is None:
            return None
        scenes = [self.before, self.after, self.mask]
        own = [sc if sc is None else reopen_scene(sc) for sc in scenes]
        if any(o is None and sc is not None for o, sc in zip(own, scenes)):
            done = Future()
            done.set_result(self._prefit_threshold(stat_fn, windows, *scenes))
            return done
        return self._fitter.submit(self._prefit_threshold, stat_fn, windows, *own)

    def _main_pass(self, stat_fn, threshold, progress, mask_progress, min_valid=1):
        """Compute and write every strip; return (threshold, valid pixels).

        With no ``threshold`` given, Otsu/EM is fitted meanwhile on the sample rows (or, failing
        those, on the pass's grid sample), and the masks of the strips written before it was
        ready are filled in from the written statistic afterwards.
        """
        fit = self._start_fit(stat_fn) if threshold is None else None
        writer = self.writer
        writer.reset()
        samples = []
        nb = na = nv = 0
        for strip in self.strips(progress):
            nb += strip.n_valid_before
            na += strip.n_valid_after
            stat, variates = stat_fn(strip, writer.var_out is not None)
            nv += strip.x[0].size if strip.all_valid else int(np.count_nonzero(strip.valid))
            writer.write_strip(strip, stat, variates, threshold, samples, fit)
        writer.drain()
        check_counts(nb, na, nv, self.before, self.after, min_valid=min_valid)
        if threshold is None:
            threshold = fit.result() if fit is not None else None
            if threshold is None:
                threshold = self._fit_threshold(np.concatenate(samples) if samples else np.empty(0))
            writer.mask_pass(threshold, mask_progress, writer.late)
        return threshold, nv

    def _run_linear(self) -> ChangeResult:
        method, p = self.method, self.p
        threshold = self._threshold_known()
        quick_mask = threshold is not None or self.threshold_rows is not None
        phases = _Phases(self.progress, [1.0, 0.05 if quick_mask else 0.25])
        if method == "difference":
            names = [f"difference band {i + 1} (after - before)" for i in range(p)]
            desc = "change magnitude: Euclidean norm of the band differences"
        elif method == "logratio":
            names = [f"log-ratio band {i + 1} ln(after / before)" for i in range(p)]
            desc = "change magnitude: Euclidean norm of the band log-ratios"
        else:
            names = [f"difference band {i + 1} (after - before)" for i in range(p)] + [
                "CVA direction: angle (degrees) to the all-bands-brighter direction"]
            desc = "CVA change magnitude: Euclidean norm of the change vector"
        self.writer.open(desc, names)
        threshold, n_valid = self._main_pass(self._linear_strip, threshold, phases(0), phases(1))
        return self._finish(threshold, n_valid, {}, variate_names=names)

    # ---- MAD / iMAD
    def _stats_pass(self, progress, collect_sample=False):
        """Return the moments of every valid pixel, the counts, and (iMAD) the sample-grid values."""
        mom = Moments(self.p, self.q)
        n_before = n_after = n_valid = 0
        sample = []
        p, q = self.p, self.q
        for strip in self.strips(progress):
            n_before += strip.n_valid_before
            n_after += strip.n_valid_after
            xs, ys = strip.x.reshape(p, -1), strip.y.reshape(q, -1)
            if not strip.all_valid:
                vflat = strip.valid.ravel()
                xs, ys = xs[:, vflat], ys[:, vflat]
            if collect_sample:
                idx = sample_cols(strip, self.stride, self.offset, self.grid.width)
                idx = idx[strip.valid.ravel()[idx]]
                if idx.size:
                    sample.append(np.vstack([strip.x.reshape(p, -1)[:, idx],
                                             strip.y.reshape(q, -1)[:, idx]]).astype(np.float64))
            n_valid += xs.shape[1]
            mom.add(xs, ys, pool=self._pool)
        return mom, n_before, n_after, n_valid, (np.hstack(sample) if sample else None)

    def _collect_sample(self, windows, progress):
        """Return the (p+q, n) float64 values of the valid sample-grid pixels in ``windows``."""
        cols = np.arange(self.offset % self.stride, self.grid.width, self.stride)
        parts = []
        for strip in iter_strips(self.before, self.after, self.mask, self.grid, self.rows,
                                 self.is_cancelled, progress, windows=windows):
            ok = strip.valid[:, cols]
            x = strip.x[:, :, cols][:, ok]
            y = strip.y[:, :, cols][:, ok]
            parts.append(np.vstack([x, y]).astype(np.float64))
        return np.hstack(parts) if parts else np.empty((self.p + self.q, 0))

    def _run_mad(self) -> ChangeResult:
        imad = self.method == "imad"
        p, q = self.p, self.q
        windows = None
        if imad:
            windows = sampling.threshold_windows(self.grid.height, self.stride, self.offset, self.src_block_h)
        quick_mask = self.threshold in ("manual", "chi2") or self.threshold_rows is not None
        weights = [0.15 if windows else 1.0, 0.1 if imad else 0.0, 1.2, 0.05 if quick_mask else 0.25]
        phases = _Phases(self.progress, weights)
        if windows:
            # iMAD on a large scene: its statistics come from the regular sample grid, read on
            # its own (rows aligned to the source blocks), not from every pixel.
            sample = self._collect_sample(windows, phases(0))
            if sample.shape[1] < max(10 * (p + q), p + q + 2):
                windows = None
            else:
                n_before = n_after = n_valid = None
                mom = Moments(p, q)
                mom.add(sample[:p], sample[p:])
                mean, cov = mom.mean_cov()
        if not windows:
            mom, n_before, n_after, n_valid, sample = self._stats_pass(phases(0), collect_sample=imad)
            check_counts(n_before, n_after, n_valid, self.before, self.after, min_valid=p + q + 2)
            mean, cov = mom.mean_cov()
        tr = mad_transform(mean, cov, p, q, self.regularisation, self.names)
        iterations, converged = 0, None
        if imad:
            if sample.shape[1] < p + q + 2:
                raise ChangeDetectionError(
                    f"iMAD: only {sample.shape[1]} valid pixels in its sample; use MAD, or check the nodata "
                    "values and the mask")
            tr, iterations, converged = imad_iterate(sample, tr, p, q, self.regularisation, self.names,
                                                     self.max_iterations, self.tolerance, self.cancelled,
                                                     phases(1))
            del sample
        threshold0 = self._threshold_known(tr.dof)
        return self._mad_transform_pass(tr, threshold0, n_valid, phases, iterations, converged)

    def _mad_strip(self, strip, want_variates):
        """Return (chi-square rows x cols float32, variates or None) of one strip (mad.MadProjector).

        Each thread projects its own slice of the strip's pixels into the shared outputs (from
        strips.TwoBuffers: the writer holds the previous strip's while this one is computed).
        Returned arrays are the caller's until its next call but one.
        """
        shape = (strip.nrows, self.grid.width)
        n = shape[0] * shape[1]
        project = self.project
        # Each calling thread has buffers of its own: the Otsu/EM fit calls this from its thread
        # while the main pass runs, and must never take the set a writer still holds.
        bufs = self._strip_bufs.setdefault(threading.get_ident(), TwoBuffers())
        stat, variates = bufs.next(n, len(project.tr.rho) + 1 if want_variates else 0)
        x, y = strip.x.reshape(self.p, n), strip.y.reshape(self.q, n)
        cuts = np.linspace(0, n, COMPUTE_THREADS + 1).astype(int)
        for future in [self._pool.submit(project.project, x, y, a, b, stat, variates)
                       for a, b in zip(cuts[:-1], cuts[1:]) if b > a]:
            future.result()
        return stat.reshape(shape), (None if variates is None else variates.reshape((-1,) + shape))

    def _mad_transform_pass(self, tr, threshold, n_valid, phases, iterations, converged):
        nvar = tr.dof
        self.project = MadProjector(tr, self.dtype)
        self._strip_bufs = {}  # thread id -> TwoBuffers (see _mad_strip)
        sigma = tr.sigma.astype(np.float32)
        names = [f"MAD{i + 1} (rho={r:.6f})" for i, r in enumerate(tr.rho)] + [
            "chi-square p-value (probability of no change)"]
        self.writer.open(f"chi-square statistic of the MAD variates ({nvar} degrees of freedom)", names)
        threshold, n_valid = self._main_pass(self._mad_strip, threshold, phases(2), phases(3),
                                             min_valid=self.p + self.q + 2)
        meta = {"RASON_RHO": " ".join(f"{r:.10f}" for r in tr.rho), "RASON_CHI2_DOF": str(nvar),
                "RASON_ITERATIONS": str(iterations), "RASON_MAD_SIGMA": " ".join(f"{s:.10g}" for s in sigma)}
        return self._finish(threshold, n_valid, meta, rho=tr.rho.copy(), iterations=iterations,
                            converged=converged, dof=nvar, variate_names=names)
