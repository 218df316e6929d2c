"""Change detection between two co-registered scenes: difference, log-ratio, CVA, MAD and iMAD.

Pure numpy + GDAL, streamed in full-width strips (see raster_blocks), so memory depends on the
strip size, never on the scene, and results do not depend on the strip size.

MAD (multivariate alteration detection) follows Nielsen, Conradsen & Simpson (1998), "Multivariate
alteration detection (MAD) and MAF postprocessing in multispectral, bitemporal image data", Remote
Sens. Environ. 64:1-19; iMAD follows Nielsen (2007), "The regularized iteratively reweighted MAD
method for change detection in multi- and hyperspectral data", IEEE TIP 16(2):463-478, and M. J.
Canty, "Image Analysis, Classification and Change Detection in Remote Sensing" (4th ed., CRC 2019,
ch. 9). With Sigma the covariance of the stacked vector (X, Y):
  * canonical correlations rho_i and vectors a_i, b_i solve S12 S22^-1 S21 a = rho^2 S11 a;
    we get them stably from the SVD of the whitened cross-covariance L1^-1 S12 L2^-T (L = Cholesky
    factor), which gives the same rho and unit-variance canonical variates U = a^T X, V = b^T Y;
  * MAD_i = U_i - V_i, ordered by increasing rho (MAD_1 holds the most change), var = 2 (1 - rho_i);
  * signs: each pair is flipped so that the sum of the correlations of U_i with the X bands is
    positive, as OTB's MultivariateAlterationDetectorImageFilter does;
  * different band counts p != q (as in OTB): max(p, q) variates; the |p - q| canonical variates
    of the larger set with no partner (rho = 0) come first, scaled by sqrt(2) so their variance is
    2 (1 - 0) like the others (Nielsen 1998, sec. 2.3; OTB does the same);
  * Z = sum_i (MAD_i / sigma_i)^2 is approximately chi-square for no-change pixels, with one degree
    of freedom per variate that is not identically 0: max(p, q), less one for each rho = 1 (a band
    identical in both scenes); iMAD re-estimates Sigma with weights P(chi2 > Z) until the
    canonical correlations change by less than ``tolerance``;
  * with regularisation (ridge shrinkage of S11 and S22) the variates' variance is no longer
    2 (1 - rho): sigma_i is then their actual standard deviation under the data's Sigma;
  * the per-pixel transform (float32 for <= 16-bit and float32 scenes) is applied to values
    centred on the mean, so its precision is that of the deviations, not of the values;
  * our one deliberate departure: iMAD's weighted MAD variances are multiplied by a consistency
    factor c_k (thresholds.imad_consistency_factor) before forming Z and the weights. Without it,
    no-change pixels end with Z ~ 3.3 chi2_4 (4 variates) and a chi-square test at alpha = 0.001
    flagged 10-25 % of unchanged pixels on our synthetic pairs; with it they follow chi2_k.
  * iMAD's statistics are estimated in memory on a regular pixel grid of at most SAMPLE_VALUES
    values: every valid pixel when the scene is that small (e.g. 1000 x 1000 x 6 bands, so the
    result is exact iMAD there); on larger scenes about 1 Mpixel of grid positions (rows aligned
    to the source blocks and read on their own), as Canty's Earth Engine iMAD estimates its
    covariances at a coarser scale. The transform is then applied to every pixel. The sample
    depends on pixel positions only, so results do not depend on the strip size. MAD always
    uses every pixel.
"""
from __future__ import annotations

import dataclasses
import math
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence

import numpy as np
from osgeo import gdal

from .raster_blocks import (
    ChangeDetectionCancelled,
    ChangeDetectionError,
    CommittedOutputs,
    Grid,
    OutputRaster,
    align,
    check_writable,
    commit_outputs,
    grid_sample_index,
    input_files,
    iter_strips,
    open_mask,
    open_scene,
    reopen_scene,
    strip_rows,
)
from .spatial import DEFAULT_MRF_BETA, DEFAULT_SPATIAL_SIZE, SPATIAL_METHODS
from .spatial_pass import refine as refine_spatially
from .thresholds import chi2_isf, chi2_sf, em_threshold, imad_consistency_factor, otsu_threshold

__all__ = [
    "METHODS", "THRESHOLDS", "ChangeDetectionError", "ChangeDetectionCancelled", "ChangeResult",
    "run_change_detection", "default_threshold", "MASK_NODATA", "MAGNITUDE_NODATA",
]

METHODS = ("imad", "mad", "cva", "difference", "logratio")
THRESHOLDS = ("auto", "chi2", "otsu", "em", "manual")
MASK_NODATA = 255
MAGNITUDE_NODATA = -1.0  # every statistic is >= 0, so -1 never collides with a valid value
VARIATES_NODATA = float("nan")  # variates span all reals; valid ones are always finite
DEFAULT_ALPHA = 0.0001
DEFAULT_MAX_ITERATIONS = 50
DEFAULT_TOLERANCE = 1e-4
SAMPLE_VALUES = 1 << 23  # values kept in memory for iMAD iterations / threshold fitting (64 MB)
THRESHOLD_SAMPLE_PIXELS = 1 << 20  # pixels Otsu/EM are fitted on before the main pass
MIN_THRESHOLD_WINDOWS = 16  # at least this many separate row windows in that sample
LINEAR_CHUNK_ROWS = 8  # rows per step of the magnitude loop (cache-sized temporaries)
PERFECT_CORRELATION = 1e-9  # 1 - rho below this: the variate is identically 0 (identical bands)


def default_threshold(method: str) -> str:
    """Return the threshold 'auto' stands for: chi-square for MAD/iMAD, EM for the others.

    Chosen on the synthetic evaluation in tests/core/test_change_detection_eval.py (see README):
    the chi-square test at alpha 1e-4 gives the best F1 for the default iMAD and has a meaning (false alarm
    rate); for magnitudes without a known null distribution EM beat Otsu.
    """
    return "chi2" if method in ("mad", "imad") else "em"


@dataclass
class ChangeResult:
    """What a run produced, with the numbers a report needs."""

    method: str
    threshold_method: str
    threshold_value: float
    n_valid: int
    n_changed: int
    pixel_area_m2: Optional[float]  # one pixel's area when all have the same (projected CRS), else None
    out_mask: str
    out_magnitude: str
    out_variates: Optional[str] = None
    rho: Optional[np.ndarray] = None  # canonical correlations, ascending, one per MAD variate
    iterations: int = 0
    converged: Optional[bool] = None
    dof: Optional[int] = None
    variate_names: List[str] = field(default_factory=list)
    width: int = 0
    height: int = 0
    geotransform: tuple = ()
    crs_wkt: str = ""
    changed_area_m2: float = 0.0  # sum of the changed pixels' areas (raster_blocks.row_pixel_areas)
    commit: Optional[CommittedOutputs] = None  # the user's previous outputs, kept with keep_previous=True
    notes: List[str] = field(default_factory=list)  # what the user should know about the inputs

    @property
    def changed_fraction(self) -> float:
        return self.n_changed / self.n_valid if self.n_valid else 0.0

    def restore_previous_outputs(self):
        """Remove this run's rasters and put back the files they replaced (keep_previous=True runs;
        otherwise the rasters are only removed)."""
        if self.commit is not None:
            self.commit.rollback()
            self.commit = None
            return
        for path in (self.out_mask, self.out_magnitude, self.out_variates):
            for candidate in (path, f"{path}.aux.xml") if path else ():
                if os.path.exists(candidate):
                    os.remove(candidate)

    def discard_previous_outputs(self):
        """Delete the user's previous outputs kept aside (keep_previous=True): the run is final."""
        if self.commit is not None:
            self.commit.release()
            self.commit = None


# --- progress --------------------------------------------------------------------------------
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


# --- moments and the MAD transform ------------------------------------------------------------
class _Moments:
    """First and second moments in float64 about a fixed shift (avoids cancellation).

    Values are centred and converted in cache-sized chunks straight from the source dtype, with a
    row of ones appended so one BLAS product yields the count, the sums and the cross products.
    """

    CHUNK = 16384

    def __init__(self, p: int, q: int):
        self.p, self.q = p, q
        self.k = p + q
        self.shift = None
        self.gram = np.zeros((self.k + 1, self.k + 1))
        self._buf = np.empty((self.k + 1, self.CHUNK))

    def add(self, xs: np.ndarray, ys: np.ndarray, w: Optional[np.ndarray] = None):
        """Add the columns of ``xs`` (p x n) and ``ys`` (q x n), any real dtype, weighted by ``w``."""
        n = xs.shape[1]
        if n == 0:
            return
        p = self.p
        if self.shift is None:
            head = min(n, self.CHUNK)
            self.shift = np.concatenate([xs[:, :head].mean(axis=1), ys[:, :head].mean(axis=1)])
        sx, sy = self.shift[:p, None], self.shift[p:, None]
        for c0 in range(0, n, self.CHUNK):
            c1 = min(n, c0 + self.CHUNK)
            b = self._buf[:, : c1 - c0]
            np.subtract(xs[:, c0:c1], sx, out=b[:p], casting="unsafe")
            np.subtract(ys[:, c0:c1], sy, out=b[p:self.k], casting="unsafe")
            if w is None:
                b[self.k] = 1.0
                self.gram += b @ b.T
            else:
                b[self.k] = 1.0
                self.gram += (b * w[c0:c1]) @ b.T

    def mean_cov(self):
        k = self.k
        total = self.gram[k, k]
        if total <= 0:
            raise ChangeDetectionError("no pixel carries weight; the scenes have no valid pixel in common")
        d = self.gram[:k, k] / total
        cov = self.gram[:k, :k] / total - np.outer(d, d)
        return self.shift + d, 0.5 * (cov + cov.T)


@dataclass
class _MadTransform:
    mean: np.ndarray    # (p+q,)
    raw: np.ndarray     # (nvar, p+q): MAD_i = raw_i . (z - mean)
    coef: np.ndarray    # (nvar, p+q): MAD_i / sigma_i (0 rows where sigma_i is 0)
    sigma: np.ndarray   # (nvar,)
    rho: np.ndarray     # (nvar,), ascending
    dof: int = 0        # variates that are not identically 0: the chi-square degrees of freedom

    def with_consistency(self, consistency: float) -> _MadTransform:
        """Return the transform with its chi-square coefficients divided by sqrt(``consistency``)."""
        if consistency == 1.0:
            return self
        return dataclasses.replace(self, coef=self.coef / math.sqrt(consistency))


def _band_names(role, bands):
    return [f"{role} band {b}" for b in bands]


def mad_transform(mean, cov, p: int, q: int, regularisation: float = 0.0,
                  names: Optional[Sequence[str]] = None, consistency: float = 1.0) -> _MadTransform:
    """Return the MAD transform of the stacked (X, Y) statistics ``mean``/``cov`` (see module doc).

    ``consistency`` (iMAD only, see thresholds.imad_consistency_factor) scales the MAD variances
    used in the chi-square statistic; the variates themselves are not changed. A variate with
    rho = 1 (a band identical in both scenes) is identically 0: it gets no coefficient and no
    degree of freedom. With regularisation, the canonical vectors have unit variance under the
    shrunk covariances, not the data's, so the MAD variance is no longer 2 (1 - rho): sigma is
    then the variate's actual standard deviation, raw_i' Sigma raw_i with the data's Sigma.
    """
    names = list(names) if names else [f"X{i + 1}" for i in range(p)] + [f"Y{i + 1}" for i in range(q)]
    s11, s22, s12 = cov[:p, :p].copy(), cov[p:, p:].copy(), cov[:p, p:]
    for i in range(p + q):
        var = cov[i, i]
        scale = max(1.0, abs(float(mean[i]))) ** 2
        if not var > 1e-12 * scale:
            raise ChangeDetectionError(
                f"{names[i]} is constant over the valid pixels, so its covariance is singular and MAD/"
                "iMAD cannot be computed; leave that band out (band list), or use CVA/Difference")
    if regularisation:
        # Shrink towards a scaled identity (ridge); Nielsen (2007) penalises roughness instead,
        # which suits hyperspectral data; for a few broad bands a ridge is the useful form.
        s11 = (1 - regularisation) * s11 + regularisation * np.trace(s11) / p * np.eye(p)
        s22 = (1 - regularisation) * s22 + regularisation * np.trace(s22) / q * np.eye(q)
    try:
        w1 = np.linalg.inv(np.linalg.cholesky(s11))
        w2 = np.linalg.inv(np.linalg.cholesky(s22))
    except np.linalg.LinAlgError:
        raise ChangeDetectionError(
            "the bands of one scene are linearly dependent (singular covariance), so MAD/iMAD cannot "
            "be computed; drop a redundant band or set a regularisation above 0") from None
    for s, label in ((s11, "BEFORE"), (s22, "AFTER")):
        cond = np.linalg.cond(s)
        if not np.isfinite(cond) or cond > 1e13:
            raise ChangeDetectionError(
                f"the {label} bands are almost linearly dependent (covariance condition number "
                f"{cond:.3g}); drop a redundant band or set a regularisation above 0")
    k = w1 @ s12 @ w2.T
    u, sv, vt = np.linalg.svd(k, full_matrices=True)
    a = w1.T @ u          # (p, p): U = a^T (x - mx), unit variance
    b = w2.T @ vt.T       # (q, q)
    m = min(p, q)
    sv = np.clip(sv[:m], 0.0, 1.0)
    # Sign: sum of correlations of U_i with the X bands positive (pairs flip together).
    corr_x = (s11 @ a) / np.sqrt(np.diag(s11))[:, None]
    for i in range(p):
        if corr_x[:, i].sum() < 0:
            a[:, i] = -a[:, i]
            if i < q:
                b[:, i] = -b[:, i]
    if q > p:
        corr_y = (s22 @ b) / np.sqrt(np.diag(s22))[:, None]
        for i in range(p, q):
            if corr_y[:, i].sum() < 0:
                b[:, i] = -b[:, i]
    rows, rhos = [], []
    sqrt2 = math.sqrt(2.0)
    for i in range(max(p, q) - 1, m - 1, -1):  # unmatched variates (rho = 0) first
        r = np.zeros(p + q)
        if p > q:
            r[:p] = sqrt2 * a[:, i]
        else:
            r[p:] = -sqrt2 * b[:, i]
        rows.append(r)
        rhos.append(0.0)
    for i in range(m - 1, -1, -1):  # then matched pairs, rho ascending
        r = np.zeros(p + q)
        r[:p], r[p:] = a[:, i], -b[:, i]
        rows.append(r)
        rhos.append(float(sv[i]))
    raw = np.array(rows)
    rho = np.array(rhos)
    one_minus = 1.0 - rho
    if regularisation:
        # The shrunk correlations can reach 1 (they are clipped there) while the variate is not 0.
        var = np.einsum("ij,jk,ik->i", raw, cov, raw)
        sides = np.einsum("ij,jk,ik->i", raw[:, :p], cov[:p, :p], raw[:, :p]) + \
            np.einsum("ij,jk,ik->i", raw[:, p:], cov[p:, p:], raw[:, p:])  # var(U) + var(V)
        live = var > PERFECT_CORRELATION * sides
    else:
        var = 2.0 * one_minus  # exact, and free of the cancellation of the quadratic form when rho -> 1
        live = one_minus > PERFECT_CORRELATION
    sigma = np.sqrt(np.maximum(var, 0.0))
    coef = np.zeros_like(raw)
    coef[live] = raw[live] / (sigma[live, None] * math.sqrt(consistency))
    return _MadTransform(np.asarray(mean, float), raw, coef, sigma, rho, int(np.count_nonzero(live)))


# --- the run ---------------------------------------------------------------------------------
def _compute_dtype(*scenes):
    """float32 where it is exact enough (<= 16-bit integers, float32), float64 otherwise."""
    for sc in scenes:
        for b in sc.bands:
            dt = sc.dataset.GetRasterBand(b).DataType
            if dt not in (gdal.GDT_Byte, gdal.GDT_UInt16, gdal.GDT_Int16, gdal.GDT_Float32) and \
                    gdal.GetDataTypeName(dt) != "Int8":
                return np.float64
    return np.float32


def _stack(strip, dtype, shift):
    """Return the strip's (p+q, n) stacked values minus ``shift`` (p+q,), as ``dtype``."""
    p, q = strip.x.shape[0], strip.y.shape[0]
    n = strip.x.shape[1] * strip.x.shape[2]
    z = np.empty((p + q, n), dtype=dtype)
    np.subtract(strip.x.reshape(p, n), shift[:p, None], out=z[:p], casting="unsafe")
    np.subtract(strip.y.reshape(q, n), shift[p:, None], out=z[p:], casting="unsafe")
    return z


def _sample_cols(strip, stride, offset, width):
    """Return flat indices (within the strip) of the regular sample grid's pixels in this strip."""
    r = np.arange(strip.row0, strip.row0 + strip.nrows)
    rows = r[(r - offset) % stride == 0] - strip.row0
    if rows.size == 0:
        return np.empty(0, dtype=np.int64)
    cols = np.arange(offset % stride, width, stride)
    return (rows[:, None] * width + cols[None, :]).ravel()


def _check_counts(n_before, n_after, n_valid, before, after, min_valid=1):
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
    'mrf' with Potts weight ``mrf_beta``) refines the mask with its neighbours (core/spatial.py);
    'none' here keeps this function's per-pixel results, rason:changedetection defaults to
    spatial.DEFAULT_SPATIAL.
    With ``keep_previous`` the replaced files are kept aside
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
    spatial = (spatial or "none").lower()
    if spatial not in SPATIAL_METHODS:
        raise ChangeDetectionError(f"spatial '{spatial}' is unknown; use one of {', '.join(SPATIAL_METHODS)}")
    if spatial != "none" and (int(spatial_size) < 3 or int(spatial_size) % 2 == 0):
        raise ChangeDetectionError(
            f"SPATIAL_SIZE {spatial_size} must be an odd number of pixels >= 3 (e.g. 3)")
    if not float(mrf_beta) >= 0.0:
        raise ChangeDetectionError(f"MRF_BETA {mrf_beta} must be >= 0 (0: no neighbour influence)")

    outs = {"OUTPUT_MASK": check_writable(out_mask, "OUTPUT_MASK"),
            "OUTPUT_MAGNITUDE": check_writable(out_magnitude, "OUTPUT_MAGNITUDE")}
    if out_variates:
        outs["OUTPUT_VARIATES"] = check_writable(out_variates, "OUTPUT_VARIATES")
    real = {k: os.path.realpath(v) for k, v in outs.items()}
    if len(set(real.values())) != len(real):
        raise ChangeDetectionError("two outputs point at the same file; give each output its own path")
    _check_not_an_input(real, [before_path, after_path, mask_path])

    before = open_scene(before_path, "BEFORE", bands_before)
    after = open_scene(after_path, "AFTER", bands_after)
    # The files behind a dataset name (GPKG:f.gpkg:table, NETCDF:"f.nc":v, a .vrt's sources) are
    # only known once it is open.
    _check_not_an_input(real, [before.path, after.path], {before.path: input_files(before),
                                                         after.path: input_files(after)})
    p, q = len(before.bands), len(after.bands)
    if method in ("cva", "difference", "logratio") and p != q:
        raise ChangeDetectionError(
            f"{method} compares band by band, but BEFORE has {p} bands and AFTER {q}; choose the same "
            "number of bands (BANDS_BEFORE/BANDS_AFTER) or use MAD/iMAD, which allow different counts")
    grid = align(before, after, resampling)
    mask = open_mask(mask_path, grid, before) if mask_path else None
    src_block_h = before.dataset.GetRasterBand(before.bands[0]).GetBlockSize()[1]
    rows = strip_rows(block_size, grid.width, src_block_h)
    ctx = _Run(before, after, mask, grid, rows, method, threshold, float(alpha), manual_threshold,
               outs, int(max_iterations), float(tolerance), float(regularisation), progress, is_cancelled)
    ctx.keep_previous = bool(keep_previous)
    ctx.spatial = (spatial, int(spatial_size), float(mrf_beta))
    return ctx.run()


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
        self.dtype = _compute_dtype(before, after)
        self.outputs: List[OutputRaster] = []
        self.names = _band_names("BEFORE", before.bands) + _band_names("AFTER", after.bands)
        self.src_block_h = before.dataset.GetRasterBand(before.bands[0]).GetBlockSize()[1]
        budget = max(1024, SAMPLE_VALUES // (self.p + self.q))
        self.stride, self.offset = grid_sample_index(grid.height, grid.width, budget)
        self.threshold_rows = self._threshold_rows()  # Otsu/EM sample windows, or None
        self.pixel_area = grid.pixel_area_m2()  # None: each row has its own (geographic CRS)
        self.keep_previous = False
        self.spatial = ("none", DEFAULT_SPATIAL_SIZE, DEFAULT_MRF_BETA)
        self.spatial_notes: List[str] = []

    # ---- helpers
    def strips(self, progress=None):
        return iter_strips(self.before, self.after, self.mask, self.grid, self.rows,
                           self.is_cancelled, progress)

    def cancelled(self):
        if self.is_cancelled is not None and self.is_cancelled():
            raise ChangeDetectionCancelled("change detection cancelled; no output was written")

    def run(self) -> ChangeResult:
        # Outputs are written by one writer thread while the next strip is computed (GDAL and
        # numpy release the GIL); only that thread touches the output datasets during a pass.
        self._writer = ThreadPoolExecutor(max_workers=1)
        self._fitter = ThreadPoolExecutor(max_workers=1)  # Otsu/EM fitted while the main pass runs
        self._pending = None
        try:
            if self.method in ("mad", "imad"):
                result = self._run_mad()
            else:
                result = self._run_linear()
        except BaseException:
            try:
                self._drain()
            except BaseException:  # noqa: BLE001 (the first error is the one to report)
                pass
            for out in self.outputs:
                out.abort()
            raise
        finally:
            self._writer.shutdown(wait=True)
            self._fitter.shutdown(wait=True)
        return result

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

    def _open_outputs(self, magnitude_desc, variate_names):
        g = self.grid
        self.mask_out = OutputRaster(self.outs["OUTPUT_MASK"], g, 1, gdal.GDT_Byte, MASK_NODATA,
                                     ["change (1) / no change (0)"], "OUTPUT_MASK")
        self.outputs.append(self.mask_out)
        self.mag_out = OutputRaster(self.outs["OUTPUT_MAGNITUDE"], g, 1, gdal.GDT_Float32, MAGNITUDE_NODATA,
                                    [magnitude_desc], "OUTPUT_MAGNITUDE")
        self.outputs.append(self.mag_out)
        self.var_out = None
        if "OUTPUT_VARIATES" in self.outs:
            self.var_out = OutputRaster(self.outs["OUTPUT_VARIATES"], g, len(variate_names), gdal.GDT_Float32,
                                        VARIATES_NODATA, variate_names, "OUTPUT_VARIATES")
            self.outputs.append(self.var_out)

    def _write_strip(self, strip, stat, variates, threshold, sample_list, fit=None):
        """Queue one strip for writing: ``stat`` (rows x cols float32) and ``variates`` (k x rows x cols)
        cover every pixel and are overwritten with nodata where the strip is invalid (in place).

        With no ``threshold`` yet, the strip's mask waits (``self._late``) unless the ``fit`` running
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
            self._late.append((strip.row0, strip.nrows))
            idx = _sample_cols(strip, self.stride, self.offset, self.grid.width)
            if idx.size:
                vals = stat.ravel()[idx]
                sample_list.append(vals[vals >= 0])
        self._drain()
        self._pending = self._writer.submit(self._emit, strip.row0, stat, variates, threshold, valid, invalid)

    def _emit(self, row0, stat, variates, threshold, valid, invalid):
        """Write one strip's outputs (in the writer thread); return its number of changed pixels."""
        self.mag_out.write(row0, stat)
        if self.var_out is not None:
            if invalid is not None:
                variates[:, invalid] = np.nan
            self.var_out.write(row0, variates)
        if threshold is None:
            return 0, 0.0
        changed = stat > threshold  # nodata -1 is never above a threshold >= 0 ...
        if invalid is not None:
            changed &= valid         # ... but a negative manual threshold would be
        n, area = self._changed_count_area(changed, row0)
        m = changed.view(np.uint8)
        if invalid is not None:
            m[invalid] = MASK_NODATA
        self.mask_out.write(row0, m)
        return n, area

    def _changed_count_area(self, changed, row0):
        """Return (pixels, m2) of the changed pixels of the rows from ``row0``."""
        if self.pixel_area is not None:
            n = int(np.count_nonzero(changed))
            return n, n * self.pixel_area
        per_row = np.count_nonzero(changed, axis=1)
        return int(per_row.sum()), float(per_row @ self.grid.row_areas(row0, changed.shape[0]))

    def _drain(self):
        """Wait for the strip being written; add its changed pixels; raise what the writer raised."""
        pending, self._pending = self._pending, None
        if pending is not None:
            n, area = pending.result()
            self.n_changed += n
            self.changed_area += area

    def _mask_pass(self, threshold, progress, windows):
        """Write the mask of ``windows`` (row0, nrows) from the statistic already written there."""
        band = self.mag_out.ds.GetRasterBand(1)
        self.mag_out.ds.FlushCache()
        for i, (row0, n) in enumerate(windows):
            self.cancelled()
            mag = band.ReadAsArray(0, row0, self.grid.width, n)
            self.mag_out.ds.FlushCache()  # drop the blocks just read: they are not read again
            m = (mag > threshold).astype(np.uint8)
            m[mag < 0] = MASK_NODATA
            n, area = self._changed_count_area(m == 1, row0)
            self.n_changed += n
            self.changed_area += area
            self.mask_out.write(row0, m)
            if progress:
                progress((i + 1) / len(windows))

    def _finish(self, threshold, n_valid, metadata, **extra) -> ChangeResult:
        meta = {"RASON_METHOD": self.method, "RASON_THRESHOLD_METHOD": self.threshold,
                "RASON_THRESHOLD_VALUE": repr(float(threshold)),
                "RASON_BEFORE": os.path.basename(self.before.path),
                "RASON_AFTER": os.path.basename(self.after.path)}
        meta.update(metadata)
        self._refine_spatially(threshold, extra.get("dof"), meta)
        self.cancelled()
        committed = commit_outputs(self.outputs, meta)  # all of them or none
        self.outputs = []
        if not self.keep_previous:
            committed.release()
            committed = None
        if self.progress:
            self.progress(1.0)
        g = self.grid
        return ChangeResult(
            method=self.method, threshold_method=self.threshold, threshold_value=float(threshold),
            n_valid=int(n_valid), n_changed=int(self.n_changed), pixel_area_m2=self.pixel_area,
            out_mask=self.outs["OUTPUT_MASK"], out_magnitude=self.outs["OUTPUT_MAGNITUDE"],
            out_variates=self.outs.get("OUTPUT_VARIATES"), width=g.width, height=g.height,
            geotransform=tuple(g.geotransform), crs_wkt=g.wkt, changed_area_m2=float(self.changed_area),
            commit=committed, notes=self.notes(), **extra)

    def _refine_spatially(self, threshold, dof, meta):
        """Rewrite the mask with its spatial refinement (spatial_pass) and recount the change."""
        method, size, beta = self.spatial
        meta["RASON_SPATIAL"] = method if method == "none" else f"{method} size={size} beta={beta!r}"
        if method == "none":
            return
        band = self.mag_out.ds.GetRasterBand(1)
        self.mag_out.ds.FlushCache()
        counts = []  # the threshold's counts stand until the refinement writes its first rows

        def write(row0, m):
            if not counts:
                counts.append(True)
                self.n_changed, self.changed_area = 0, 0.0
            n, area = self._changed_count_area(m == 1, row0)
            self.n_changed += n
            self.changed_area += area
            self.mask_out.write(row0, m)

        self.spatial_notes = refine_spatially(
            lambda r0, n: band.ReadAsArray(0, r0, self.grid.width, n), write, self.grid.height, self.rows,
            float(threshold), method, size, beta, dof, self.cancelled)

    def notes(self) -> List[str]:
        notes = list(self.spatial_notes)
        for scene in (self.before, self.after):
            for b in scene.alpha_left_out:
                notes.append(f"{scene.role} band {b} is an alpha (transparency) band: it is not compared as "
                             "data; the pixels it hides are nodata")
        return notes

    # ---- difference, log-ratio, CVA
    def _linear_strip(self, strip, want_variates):
        """Return (statistic rows x cols float32, variates or None) of one strip for the linear methods.

        The magnitude is accumulated LINEAR_CHUNK_ROWS rows at a time so its temporaries stay in
        the CPU cache: twice as fast as whole-strip arrays on a Sentinel-2 tile (bench/). For 8- and
        16-bit integer scenes, when no signed difference is kept, |after - before| is formed in the
        scenes' own type as max - min (exact: it fits the unsigned type of that width, where the
        subtraction's wrap-around lands) and then converted, cheaper than a converting subtraction.
        """
        method, dt = self.method, self.dtype
        x, y = strip.x, strip.y
        p, n, w = x.shape
        logratio = method == "logratio"
        if logratio:
            pos = (x > 0).all(axis=0) & (y > 0).all(axis=0)
            if not pos.all():
                strip.valid = strip.valid & pos
                strip.all_valid = False
        stat = np.empty((n, w), dtype=np.float32)
        d = np.empty((p, n, w), dtype=dt) if want_variates else None
        ch = LINEAR_CHUNK_ROWS
        tmp = np.empty((ch, w), dtype=dt)
        tmp2 = np.empty((ch, w), dtype=dt) if logratio else None
        acc = None if dt == np.float32 else np.empty((ch, w), dtype=dt)
        absdiff = (d is None and not logratio and x.dtype == y.dtype and x.dtype.kind in "ui"
                   and x.dtype.itemsize <= 2)
        if absdiff:
            unsigned = np.dtype(f"u{x.dtype.itemsize}")
            hi, lo = np.empty((ch, w), dtype=x.dtype), np.empty((ch, w), dtype=x.dtype)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            for r0 in range(0, n, ch):
                rows = slice(r0, min(n, r0 + ch))
                k = rows.stop - r0
                s = stat[rows] if acc is None else acc[:k]
                for i in range(p):
                    di = d[i, rows] if d is not None else (s if i == 0 else tmp[:k])
                    if logratio:
                        np.log(y[i, rows], out=di, dtype=dt)
                        di -= np.log(x[i, rows], out=tmp2[:k], dtype=dt)
                    elif absdiff:
                        np.maximum(y[i, rows], x[i, rows], out=hi[:k])
                        np.subtract(hi[:k], np.minimum(y[i, rows], x[i, rows], out=lo[:k]), out=hi[:k])
                        di[...] = hi[:k].view(unsigned)
                    else:
                        np.subtract(y[i, rows], x[i, rows], out=di, dtype=dt)
                    if i == 0:
                        np.multiply(di, di, out=s)
                    elif d is None:
                        di *= di
                        s += di
                    else:
                        s += np.multiply(di, di, out=tmp[:k])
                np.sqrt(s, out=s)
                if acc is not None:
                    stat[rows] = s
            variates = None
            if want_variates:
                if method == "cva":
                    diag = np.full(p, 1.0 / math.sqrt(p), dtype=dt)
                    cosang = np.einsum("i,ijk->jk", diag, d) / stat
                    ang = np.degrees(np.arccos(np.clip(np.nan_to_num(cosang, nan=1.0), -1, 1)))
                    variates = np.concatenate([d, ang[None]]).astype(np.float32, copy=False)
                else:
                    variates = d.astype(np.float32, copy=False)
        return stat, variates

    def _threshold_windows(self):
        """Return row windows holding the threshold sample, or None when reading them saves little.

        The sample is the regular grid of grid_sample_index (rows aligned to the source blocks),
        so it depends on pixel positions only, never on the strip size.
        """
        h, stride, offset = self.grid.height, self.stride, self.offset
        bh = max(1, self.src_block_h)
        if stride < 4:
            return None
        if bh == 1:
            return [(r, 1) for r in range(offset, h, stride)]
        kb = stride // bh
        if kb < 4:
            return None
        return [(j * bh, min(bh, h - j * bh)) for j in range(kb // 2, math.ceil(h / bh), kb)]

    def _threshold_rows(self):
        """Return the row windows whose pixels fit Otsu/EM before the main pass, or None.

        Whole rows spread evenly down the scene, about THRESHOLD_SAMPLE_PIXELS pixels in all
        (whole source blocks when a block holds several rows). A row costs the same to read
        whatever columns are kept, so every column of fewer rows is read, not every stride-th column
        of many. None when such a sample would be over a quarter of the scene: the threshold then
        comes from the main pass's grid sample and a mask pass. Depends on pixel positions and
        the file's blocks only, never on the strip size.
        """
        h, w = self.grid.height, self.grid.width
        budget = min(THRESHOLD_SAMPLE_PIXELS, max(1024, SAMPLE_VALUES // (self.p + self.q)))
        bh = max(1, self.src_block_h)
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

    def _prefit_threshold(self, stat_fn, windows, before, after, mask):
        """Return Otsu/EM fitted on the statistic of the sample rows ``windows`` (None: no valid pixel).

        Whole-block windows of a tiled scene can hold far more pixels than the budget: every
        k-th valid value is kept so at most about THRESHOLD_SAMPLE_PIXELS are (k depends on the
        windows only, so not on the strip size).
        """
        total = sum(n for _, n in windows) * self.grid.width
        keep_every = max(1, math.ceil(total / THRESHOLD_SAMPLE_PIXELS))
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
        self.n_changed = 0
        self.changed_area = 0.0
        self._late = []
        samples = []
        nb = na = nv = 0
        for strip in self.strips(progress):
            nb += strip.n_valid_before
            na += strip.n_valid_after
            stat, variates = stat_fn(strip, self.var_out is not None)
            nv += strip.x[0].size if strip.all_valid else int(np.count_nonzero(strip.valid))
            self._write_strip(strip, stat, variates, threshold, samples, fit)
        self._drain()
        _check_counts(nb, na, nv, self.before, self.after, min_valid=min_valid)
        if threshold is None:
            threshold = fit.result() if fit is not None else None
            if threshold is None:
                threshold = self._fit_threshold(np.concatenate(samples) if samples else np.empty(0))
            self._mask_pass(threshold, mask_progress, self._late)
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
        self._open_outputs(desc, names)
        threshold, n_valid = self._main_pass(self._linear_strip, threshold, phases(0), phases(1))
        return self._finish(threshold, n_valid, {}, variate_names=names)

    # ---- MAD / iMAD
    def _stats_pass(self, progress, collect_sample=False):
        """Return the moments of every valid pixel, the counts, and (iMAD) the sample-grid values."""
        mom = _Moments(self.p, self.q)
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
                idx = _sample_cols(strip, self.stride, self.offset, self.grid.width)
                idx = idx[strip.valid.ravel()[idx]]
                if idx.size:
                    sample.append(np.vstack([strip.x.reshape(p, -1)[:, idx],
                                             strip.y.reshape(q, -1)[:, idx]]).astype(np.float64))
            n_valid += xs.shape[1]
            mom.add(xs, ys)
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
        windows = self._threshold_windows() if imad else None
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
                mom = _Moments(p, q)
                mom.add(sample[:p], sample[p:])
                mean, cov = mom.mean_cov()
        if not windows:
            mom, n_before, n_after, n_valid, sample = self._stats_pass(phases(0), collect_sample=imad)
            _check_counts(n_before, n_after, n_valid, self.before, self.after, min_valid=p + q + 2)
            mean, cov = mom.mean_cov()
        tr = mad_transform(mean, cov, p, q, self.regularisation, self.names)
        iterations, converged = 0, None
        if imad:
            converged = False
            zs = sample
            if zs.shape[1] < p + q + 2:
                raise ChangeDetectionError(
                    f"iMAD: only {zs.shape[1]} valid pixels in its sample; use MAD, or check the nodata "
                    "values and the mask")
            for it in range(self.max_iterations):
                self.cancelled()
                coef = tr.coef
                mom = _Moments(p, q)
                for c0 in range(0, zs.shape[1], 1 << 16):
                    chunk = zs[:, c0:c0 + (1 << 16)]
                    t = coef @ (chunk - tr.mean[:, None])
                    # No live variate: every pixel is no-change with probability 1.
                    w = chi2_sf(np.einsum("ij,ij->j", t, t), tr.dof) if tr.dof else None
                    mom.add(chunk[:p], chunk[p:], w)
                if mom.gram[p + q, p + q] <= 0:
                    raise ChangeDetectionError("iMAD: every pixel looks changed (no-change weights are "
                                               "all 0); use MAD or check that the scenes overlap")
                m, c = mom.mean_cov()
                new = mad_transform(m, c, p, q, self.regularisation, self.names)
                if new.dof:
                    new = new.with_consistency(imad_consistency_factor(new.dof))
                iterations += 1
                delta = float(np.max(np.abs(new.rho - tr.rho)))
                tr = new
                if self.progress:
                    phases(1)((it + 1) / self.max_iterations)
                if delta < self.tolerance:
                    converged = True
                    break
            del zs, sample
        threshold0 = self._threshold_known(tr.dof)
        return self._mad_transform_pass(tr, threshold0, n_valid, phases, iterations, converged)

    def _mad_strip(self, strip, want_variates):
        """Return (chi-square rows x cols float32, variates or None) of one strip under ``self.tr``."""
        tr, dt = self.tr, self.dtype
        z = _stack(strip, dt, self._shift)
        with np.errstate(invalid="ignore", over="ignore"):
            t = self._coef @ z
            t -= self._const[:, None]
            stat = np.einsum("ij,ij->j", t, t).astype(np.float32, copy=False)
            variates = None
            if want_variates:
                mads = self._raw @ z
                mads -= self._raw_const[:, None]
                if tr.dof:
                    pval = chi2_sf(stat, tr.dof).astype(np.float32)
                else:
                    pval = np.ones_like(stat, dtype=np.float32)
                variates = np.vstack([mads.astype(np.float32, copy=False), pval[None]])
                variates = variates.reshape(-1, strip.nrows, self.grid.width)
        return stat.reshape(strip.nrows, self.grid.width), variates

    def _mad_transform_pass(self, tr, threshold, n_valid, phases, iterations, converged):
        nvar = tr.dof
        dt = self.dtype
        self.tr = tr
        # Centre before projecting: the values minus the mean's nearest ``dt`` value is exact (or
        # nearly: the two are close), so the products keep the precision of the deviations, not of
        # the values (float32 at 1e6 has a spacing of 0.06); the mean's remainder goes in the
        # constants, computed in float64.
        self._shift = tr.mean.astype(dt)
        rest = tr.mean - self._shift.astype(np.float64)
        self._coef = tr.coef.astype(dt)
        self._const = (tr.coef @ rest).astype(dt)
        self._raw = tr.raw.astype(dt)
        self._raw_const = (tr.raw @ rest).astype(dt)
        sigma = tr.sigma.astype(np.float32)
        names = [f"MAD{i + 1} (rho={r:.6f})" for i, r in enumerate(tr.rho)] + [
            "chi-square p-value (probability of no change)"]
        self._open_outputs(f"chi-square statistic of the MAD variates ({nvar} degrees of freedom)", names)
        threshold, n_valid = self._main_pass(self._mad_strip, threshold, phases(2), phases(3),
                                             min_valid=self.p + self.q + 2)
        meta = {"RASON_RHO": " ".join(f"{r:.10f}" for r in tr.rho), "RASON_CHI2_DOF": str(nvar),
                "RASON_ITERATIONS": str(iterations), "RASON_MAD_SIGMA": " ".join(f"{s:.10g}" for s in sigma)}
        return self._finish(threshold, n_valid, meta, rho=tr.rho.copy(), iterations=iterations,
                            converged=converged, dof=nvar, variate_names=names)
