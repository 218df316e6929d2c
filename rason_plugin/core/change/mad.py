"""MAD and iMAD maths: moments, the canonical-correlation transform, iMAD re-weighting. No I/O.

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
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from ..raster.errors import RasterError
from . import blas
from .thresholds import chi2_sf, imad_consistency_factor

PERFECT_CORRELATION = 1e-9  # 1 - rho below this: the variate is identically 0 (identical bands)


class Moments:
    """First and second moments in float64 about a fixed shift (avoids cancellation).

    Values are centred and converted in cache-sized chunks straight from the source dtype; one
    BLAS product per chunk yields the cross products (unweighted: a k x k Gram product, which
    OpenBLAS computes a third faster than with a row of ones appended for the sums, measured on
    the bench machine), the sums come from numpy. With a thread ``pool`` the chunks' products are
    computed side by side (blas.py releases the GIL), then added in chunk order, so the sums are
    the same to the last bit as without it.
    """

    CHUNK = 32768  # columns per product: 9 x 32768 float64 = 2.3 MiB (the bench machine's L3: 32 MiB)

    def __init__(self, p: int, q: int):
        self.p, self.q = p, q
        self.k = p + q
        self.shift = None
        self.gram = np.zeros((self.k + 1, self.k + 1))
        self._buf = np.empty((self.k + 1, self.CHUNK))

    def add(self, xs: np.ndarray, ys: np.ndarray, w: Optional[np.ndarray] = None, pool=None):
        """Add the columns of ``xs`` (p x n) and ``ys`` (q x n), any real dtype, weighted by ``w``."""
        n = xs.shape[1]
        if n == 0:
            return
        if self.shift is None:
            head = min(n, self.CHUNK)
            self.shift = np.concatenate([xs[:, :head].mean(axis=1), ys[:, :head].mean(axis=1)])
        starts = list(range(0, n, self.CHUNK))
        workers = getattr(pool, "_max_workers", 1) if pool is not None else 1
        if workers < 2 or len(starts) < 2:
            for g in self._products(xs, ys, w, starts, self._buf):
                self.gram += g
            return
        per = -(-len(starts) // workers)
        groups = [starts[i:i + per] for i in range(0, len(starts), per)]
        futures = [pool.submit(self._products, xs, ys, w, g, None) for g in groups]
        for future in futures:  # chunk order: the same sums as one thread
            for g in future.result():
                self.gram += g

    def _products(self, xs, ys, w, starts, buf):
        """Return the chunks' (k+1) x (k+1) products for the chunks starting at ``starts``: the
        cross products, then the sums in the last row and column and the count (or total weight)
        in the corner."""
        p, k, n = self.p, self.k, xs.shape[1]
        if buf is None:
            buf = np.empty((k + 1, self.CHUNK))
        sx, sy = self.shift[:p, None], self.shift[p:, None]
        out = []
        for c0 in starts:
            c1 = min(n, c0 + self.CHUNK)
            b = buf[:, : c1 - c0]
            np.subtract(xs[:, c0:c1], sx, out=b[:p], casting="unsafe")
            np.subtract(ys[:, c0:c1], sy, out=b[p:k], casting="unsafe")
            if w is not None:
                b[k] = 1.0
                out.append((b * w[c0:c1]) @ b.T)
                continue
            g = np.empty((k + 1, k + 1))
            g[:k, :k] = blas.gram(b[:k])
            g[:k, k] = g[k, :k] = b[:k].sum(axis=1)
            g[k, k] = c1 - c0
            out.append(g)
        return out

    def mean_cov(self):
        k = self.k
        total = self.gram[k, k]
        if total <= 0:
            raise RasterError("no pixel carries weight; the scenes have no valid pixel in common")
        d = self.gram[:k, k] / total
        cov = self.gram[:k, :k] / total - np.outer(d, d)
        return self.shift + d, 0.5 * (cov + cov.T)


@dataclass
class MadTransform:
    mean: np.ndarray    # (p+q,)
    raw: np.ndarray     # (nvar, p+q): MAD_i = raw_i . (z - mean)
    scale: np.ndarray   # (nvar,): chi-square term i is (scale_i MAD_i)^2; 1 / sigma_i, 0 where sigma_i is 0
    sigma: np.ndarray   # (nvar,)
    rho: np.ndarray     # (nvar,), ascending
    dof: int = 0        # variates that are not identically 0: the chi-square degrees of freedom

    @property
    def coef(self) -> np.ndarray:
        """(nvar, p+q): the chi-square coefficients, scale_i raw_i (0 rows for dead variates)."""
        return self.raw * self.scale[:, None]

    def with_consistency(self, consistency: float) -> MadTransform:
        """Return the transform with its chi-square coefficients divided by sqrt(``consistency``)."""
        if consistency == 1.0:
            return self
        return dataclasses.replace(self, scale=self.scale / math.sqrt(consistency))


def band_names(role, bands):
    """Return the names the messages give ``role``'s ``bands`` ("BEFORE band 3")."""
    return [f"{role} band {b}" for b in bands]


def _whitened(mean, cov, p: int, q: int, regularisation: float, names):
    """Return (S11, S22, S12, W1, W2): the (shrunk) covariances and their inverse Cholesky factors.

    Raises RasterError naming the constant band or the dependent scene, with the fix.
    """
    names = list(names) if names else [f"X{i + 1}" for i in range(p)] + [f"Y{i + 1}" for i in range(q)]
    s11, s22, s12 = cov[:p, :p].copy(), cov[p:, p:].copy(), cov[:p, p:]
    for i in range(p + q):
        var = cov[i, i]
        scale = max(1.0, abs(float(mean[i]))) ** 2
        if not var > 1e-12 * scale:
            raise RasterError(
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
        raise RasterError(
            "the bands of one scene are linearly dependent (singular covariance), so MAD/iMAD cannot "
            "be computed; drop a redundant band or set a regularisation above 0") from None
    for s, label in ((s11, "BEFORE"), (s22, "AFTER")):
        cond = np.linalg.cond(s)
        if not np.isfinite(cond) or cond > 1e13:
            raise RasterError(
                f"the {label} bands are almost linearly dependent (covariance condition number "
                f"{cond:.3g}); drop a redundant band or set a regularisation above 0")
    return s11, s22, s12, w1, w2


def _ordered_variates(a, b, sv, p: int, q: int):
    """Return (raw, rho): MAD coefficient rows, the unmatched variates (rho = 0) first, then the
    matched pairs by ascending rho."""
    m = min(p, q)
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
    return np.array(rows), np.array(rhos)


def mad_transform(mean, cov, p: int, q: int, regularisation: float = 0.0,
                  names: Optional[Sequence[str]] = None, consistency: float = 1.0) -> MadTransform:
    """Return the MAD transform of the stacked (X, Y) statistics ``mean``/``cov`` (see module doc).

    ``consistency`` (iMAD only, see thresholds.imad_consistency_factor) scales the MAD variances
    used in the chi-square statistic; the variates themselves are not changed. A variate with
    rho = 1 (a band identical in both scenes) is identically 0: it gets no coefficient and no
    degree of freedom. With regularisation, the canonical vectors have unit variance under the
    shrunk covariances, not the data's, so the MAD variance is no longer 2 (1 - rho): sigma is
    then the variate's actual standard deviation, raw_i' Sigma raw_i with the data's Sigma.
    """
    s11, s22, s12, w1, w2 = _whitened(mean, cov, p, q, regularisation, names)
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
    raw, rho = _ordered_variates(a, b, sv, p, q)
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
    scale = np.zeros_like(sigma)
    scale[live] = 1.0 / (sigma[live] * math.sqrt(consistency))
    return MadTransform(np.asarray(mean, float), raw, scale, sigma, rho, int(np.count_nonzero(live)))


def imad_iterate(sample: np.ndarray, tr: MadTransform, p: int, q: int, regularisation: float, names,
                 max_iterations: int, tolerance: float, cancelled: Optional[Callable[[], None]] = None,
                 progress: Optional[Callable[[float], None]] = None):
    """Return (transform, iterations, converged): iMAD re-weighting of ``sample`` ((p+q) x n float64)
    from the MAD transform ``tr`` until the canonical correlations move less than ``tolerance``.

    Each pass weights a pixel by P(chi2 > Z), its probability of no change, and divides the MAD
    variances by the consistency factor c_k (see the module doc). ``cancelled`` raises to stop.
    """
    converged = False
    iterations = 0
    for it in range(max_iterations):
        if cancelled is not None:
            cancelled()
        mom = Moments(p, q)
        coef = tr.coef
        for c0 in range(0, sample.shape[1], 1 << 16):
            chunk = sample[:, c0:c0 + (1 << 16)]
            t = coef @ (chunk - tr.mean[:, None])
            # No live variate: every pixel is no-change with probability 1.
            w = chi2_sf(np.einsum("ij,ij->j", t, t), tr.dof) if tr.dof else None
            mom.add(chunk[:p], chunk[p:], w)
        if mom.gram[p + q, p + q] <= 0:
            raise RasterError("iMAD: every pixel looks changed (no-change weights are "
                              "all 0); use MAD or check that the scenes overlap")
        m, c = mom.mean_cov()
        new = mad_transform(m, c, p, q, regularisation, names)
        if new.dof:
            new = new.with_consistency(imad_consistency_factor(new.dof))
        iterations += 1
        delta = float(np.max(np.abs(new.rho - tr.rho)))
        tr = new
        if progress is not None:
            progress((it + 1) / max_iterations)
        if delta < tolerance:
            converged = True
            break
    return tr, iterations, converged


class MadProjector:
    """Applies a MadTransform to a strip's stacked pixels in ``dtype`` (float32 for <= 16-bit data).

    Centre before projecting: the values minus the mean's nearest ``dtype`` value is exact (or
    nearly: the two are close), so the products keep the precision of the deviations, not of
    the values (float32 at 1e6 has a spacing of 0.06); the mean's remainder goes in the
    constants, computed in float64.

    One product per pixel: the MAD variates ``raw (z - mean)``; the chi-square terms are the
    variates times their scale (0 for a variate identically 0), whether
    the variates are kept or not, so the statistic is the same either way. The pixels go through
    in steps of CHUNK columns, so a step's values, variates and terms stay in the CPU cache
    instead of streaming each through memory once per operation.
    """

    CHUNK = 16384  # columns per step: 8 bands x 16384 float32 = 512 KiB (the bench machine's L2: 1 MiB)

    def __init__(self, tr: MadTransform, dtype):
        self.tr = tr
        self.dtype = np.dtype(dtype)
        self.shift = tr.mean.astype(dtype)  # project() subtracts it from the values
        rest = tr.mean - self.shift.astype(np.float64)
        self._raw = tr.raw.astype(dtype)
        # Computed in float64, then rounded once: the variates' offset from the shifted values.
        self._raw_const = (tr.raw @ rest).astype(dtype)[:, None]
        self._scale = tr.scale.astype(dtype)[:, None]

    def project(self, x: np.ndarray, y: np.ndarray, c0: int, c1: int, stat: np.ndarray,
                variates: Optional[np.ndarray] = None):
        """Write the chi-square statistic of columns c0..c1 of the source values ``x`` (p, n) and
        ``y`` (q, n) (any real dtype) into ``stat`` (n,) and, if given, their MAD variates and
        p-value into ``variates`` (nvar+1, n), both float32, in place, so a strip can be projected
        in column slices by several threads. Values are centred step by step: no (p+q, n) copy
        of them is made."""
        p, k = x.shape[0], len(self.shift)
        scratch = self._scratch()
        z_buf = np.empty((k, self.CHUNK), dtype=self.dtype)
        sx, sy = self.shift[:p, None], self.shift[p:, None]
        with np.errstate(invalid="ignore", over="ignore"):
            for a in range(c0, c1, self.CHUNK):
                b = min(c1, a + self.CHUNK)
                z = z_buf[:, : b - a]
                np.subtract(x[:, a:b], sx, out=z[:p], casting="unsafe")
                np.subtract(y[:, a:b], sy, out=z[p:], casting="unsafe")
                self._step(z, stat[a:b], None if variates is None else variates[:, a:b], scratch)

    def _scratch(self):
        """Return one caller's working arrays (each thread gets its own)."""
        nvar = len(self.tr.rho)
        return np.empty((nvar, self.CHUNK), dtype=self.dtype), np.empty((nvar, self.CHUNK), dtype=self.dtype)

    def _step(self, z, stat, variates, scratch):
        """Project one step of columns (under the caller's errstate)."""
        m, nvar = z.shape[1], len(self.tr.rho)
        terms = scratch[1][:, :m]
        direct = variates is not None and self.dtype == np.float32
        mads = variates[:nvar] if direct else scratch[0][:, :m]  # float32 variates: in place
        blas.matmul(self._raw, z, out=mads)
        mads -= self._raw_const
        if variates is not None and not direct:
            variates[:nvar] = mads  # float64 values are rounded once, here
        np.multiply(mads, self._scale, out=terms)
        if terms.dtype == np.float32:
            np.einsum("ij,ij->j", terms, terms, out=stat)
        else:
            stat[...] = np.einsum("ij,ij->j", terms, terms)
        if variates is None:
            return
        if self.tr.dof:
            chi2_sf(stat, self.tr.dof, out=variates[nvar])
        else:
            variates[nvar] = 1.0
