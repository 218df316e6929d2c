"""Thresholds for a change statistic: chi-square significance, Otsu, two-class EM, and the chi-square law.

numpy only (no scipy: QGIS installs do not always ship it). The chi-square survival function is
the regularised upper incomplete gamma function Q(k/2, x/2), which has a closed form for integer
degrees of freedom k (Abramowitz & Stegun 26.4.4 and 26.4.5):
    k even: Q = exp(-x/2) * sum_{i<k/2} (x/2)^i / i!
    k odd:  Q = erfc(sqrt(x/2)) + exp(-x/2) * sum_{i<(k-1)/2} (x/2)^(i+1/2) / Gamma(i+3/2)
The vectorised erfc is the Chebyshev fit "erfcc" of Press et al., Numerical Recipes (2nd ed., 6.2),
fractional error below 1.2e-7 everywhere, ample for p-values and iMAD weights.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

# Chebyshev coefficients of erfcc (Numerical Recipes 6.2), innermost last.
_ERFCC = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807,
          -1.13520398, 1.48851587, -0.82215223, 0.17087277)


def erfc(x: np.ndarray) -> np.ndarray:
    """Return the complementary error function of ``x`` (array), fractional error < 1.2e-7."""
    x = np.asarray(x)
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = np.full_like(t, _ERFCC[-1])
    for coef in _ERFCC[-2::-1]:
        poly *= t
        poly += coef
    ans = t * np.exp(-z * z + poly)
    return np.where(x >= 0, ans, 2.0 - ans)


def chi2_sf(x, dof: int, out: Optional[np.ndarray] = None) -> np.ndarray:
    """Return P(X > x) for X ~ chi-square with integer ``dof`` degrees of freedom (array in, array out).

    Computed in the dtype of ``x`` (float32 in the per-pixel passes, float64 elsewhere). With
    ``out`` (an array of x's shape and dtype) the result is written there: for an even ``dof``,
    the usual case (one degree per band of a pair of scenes with as many bands), with no
    temporary array beyond one of x's size.
    """
    dof = int(dof)
    if dof < 1:
        raise ValueError("chi-square degrees of freedom must be >= 1")
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    if dof % 2 == 0:
        # exp(-h) * sum_{i < dof/2} h^i / i!, h = x / 2 (the even case of the module doc), with as
        # few passes over the values as it takes: this runs for every pixel of the variates.
        total = np.empty_like(x) if out is None else out
        neg_h = np.maximum(x, 0, out=np.empty_like(x))  # an array even for a 0-d x
        neg_h *= x.dtype.type(-0.5)
        if dof == 2:
            total.fill(1)
        else:
            np.subtract(1, neg_h, out=total)  # 1 + h
            term = None
            for i in range(2, dof // 2):
                if term is None:
                    term = np.negative(neg_h)  # h
                term *= x.dtype.type(-1.0 / i)  # h^i / i!, divided first: h^2 overflows
                term *= neg_h                    # float32 long before h^i / i! does
                total += term
            if not np.isfinite(total).all():
                # The sum overflowed (a huge statistic), where exp(-h) is 0: P is 0 there, not
                # inf * 0 = NaN. NaN inputs stay NaN: exp(NaN) is NaN.
                total[~np.isfinite(total)] = 0.0
        np.exp(neg_h, out=neg_h)
        total *= neg_h
        return np.minimum(total, 1.0, out=total)  # rounding could lift it above 1 near x = 0
    h = np.maximum(x, 0) * x.dtype.type(0.5)
    root = np.sqrt(h)
    result = erfc(root).astype(h.dtype, copy=False)
    if dof > 1:
        term = root * h.dtype.type(2.0 / math.sqrt(math.pi))
        total = term.copy()
        for i in range(1, (dof - 1) // 2):
            term *= h / (i + 0.5)
            total += term
        total = np.where(np.isfinite(total), total, h.dtype.type(0))  # as in the even case: exp(-h) is 0
        result = result + np.exp(-h) * total
    if out is not None:
        return np.clip(result, 0.0, 1.0, out=out)
    return np.clip(result, 0.0, 1.0)


def _chi2_sf_scalar(x: float, dof: int) -> float:
    """Return chi-square P(X > x), exact to double precision (math.erfc), for the ppf search."""
    h = max(x, 0.0) / 2.0
    if dof % 2 == 0:
        term = total = 1.0
        for i in range(1, dof // 2):
            term *= h / i
            total += term
        return math.exp(-h) * total
    root = math.sqrt(h)
    result = math.erfc(root)
    if dof > 1:
        term = root * 2.0 / math.sqrt(math.pi)
        total = term
        for i in range(1, (dof - 1) // 2):
            term *= h / (i + 0.5)
            total += term
        result += math.exp(-h) * total
    return result


def chi2_isf(alpha: float, dof: int) -> float:
    """Return t with P(X > t) = ``alpha`` for X ~ chi-square(``dof``): the significance threshold."""
    if not 0.0 < alpha < 1.0:
        raise ValueError("significance level alpha must be strictly between 0 and 1")
    lo, hi = 0.0, max(1.0, float(dof))
    while _chi2_sf_scalar(hi, dof) > alpha:
        hi *= 2.0
    for _ in range(200):  # bisection to double precision
        mid = 0.5 * (lo + hi)
        if _chi2_sf_scalar(mid, dof) > alpha:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * hi:
            break
    return 0.5 * (lo + hi)


def otsu_threshold(values: np.ndarray, bins: int = 1024) -> float:
    """Return Otsu's threshold of ``values`` (maximum between-class variance of a ``bins`` histogram).

    Pixels strictly above the returned value form the upper (change) class. Otsu, N. (1979), IEEE
    Trans. SMC 9(1). Constant input returns its value, so nothing lies above it.
    """
    values = np.asarray(values, dtype=np.float64).ravel()
    values = values[np.isfinite(values)]
    if values.size == 0:
        raise ValueError("no values to threshold")
    vmin, vmax = float(values.min()), float(values.max())
    if vmax <= vmin:
        return vmax
    counts, edges = np.histogram(values, bins=bins, range=(vmin, vmax))
    centres = 0.5 * (edges[:-1] + edges[1:])
    w0 = np.cumsum(counts).astype(np.float64)
    w1 = w0[-1] - w0
    m0 = np.cumsum(counts * centres)
    mean_all = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        mu0 = m0 / w0
        mu1 = (mean_all - m0) / w1
        between = w0 * w1 * (mu0 - mu1) ** 2
    between[~np.isfinite(between)] = -1.0
    k = int(np.argmax(between))
    return float(edges[k + 1])


def em_threshold(values: np.ndarray, max_iterations: int = 200, tol: float = 1e-9,
                 max_values: int = 1 << 16) -> float:
    """Return the Bayes threshold of a two-Gaussian mixture fitted to ``values`` by EM.

    The mixture is initialised by Otsu's split; the threshold is where the two weighted class
    densities are equal, between the class means (Bruzzone & Prieto 2000, IEEE TGRS 38(3), use
    this EM/Bayes rule on the CVA magnitude). Constant input returns its value. More than
    ``max_values`` values are thinned to a regular subsequence: a 2-Gaussian fit needs no more (on the
    Sentinel-2-size benchmark pair, 65,536 values put the threshold within 0.03 % of 262,144's, in a
    third of the time).
    """
    v = np.asarray(values).ravel()
    if v.size > max_values:  # thin first: converting a million values costs more than the fit
        v = v[::math.ceil(v.size / max_values)]
    v = v.astype(np.float64)
    v = v[np.isfinite(v)]
    if v.size == 0:
        raise ValueError("no values to threshold")
    t0 = otsu_threshold(v)
    low, high = v[v <= t0], v[v > t0]
    if low.size < 2 or high.size < 2:
        return t0
    pi1 = high.size / v.size
    mu = np.array([low.mean(), high.mean()])
    var = np.array([low.var(), high.var()])
    floor = max(1e-12, 1e-9 * float(v.var()))
    var = np.maximum(var, floor)
    prior = np.array([1.0 - pi1, pi1])
    prev = -np.inf
    for _ in range(max_iterations):
        logp = (-0.5 * (v[None, :] - mu[:, None]) ** 2 / var[:, None]
                - 0.5 * np.log(2 * np.pi * var[:, None]) + np.log(prior[:, None]))
        top = logp.max(axis=0)
        total = top + np.log(np.exp(logp - top).sum(axis=0))
        resp = np.exp(logp - total)
        loglik = float(total.sum())
        nk = resp.sum(axis=1)
        if np.any(nk < 1e-9 * v.size):
            break
        prior = nk / v.size
        mu = (resp @ v) / nk
        var = np.maximum((resp * (v[None, :] - mu[:, None]) ** 2).sum(axis=1) / nk, floor)
        if abs(loglik - prev) <= tol * abs(loglik):
            break
        prev = loglik
    order = np.argsort(mu)
    mu, var, prior = mu[order], var[order], prior[order]
    # Equal weighted densities: a t^2 + b t + c = 0.
    a = 0.5 / var[1] - 0.5 / var[0]
    b = mu[0] / var[0] - mu[1] / var[1]
    c = (0.5 * mu[1] ** 2 / var[1] - 0.5 * mu[0] ** 2 / var[0]
         + 0.5 * np.log(var[1] / var[0]) + np.log(prior[0] / prior[1]))
    if abs(a) < 1e-15:
        roots = [-c / b] if b != 0 else []
    else:
        disc = b * b - 4 * a * c
        roots = [] if disc < 0 else [(-b + s * math.sqrt(disc)) / (2 * a) for s in (1.0, -1.0)]
    inside = [r for r in roots if mu[0] <= r <= mu[1]]
    if inside:
        return float(inside[0])
    return float(0.5 * (mu[0] + mu[1]))


_CONSISTENCY = {}


def _trapezoid(y: np.ndarray, x: np.ndarray) -> float:
    """Return the trapezoidal integral of ``y`` over ``x``.

    Written out: numpy's own trapezoid function changed name between 1.x and 2.x, and the old
    name is gone from numpy 2.4, so neither name works on every numpy we support.
    """
    return float(np.sum((y[1:] + y[:-1]) * np.diff(x)) * 0.5)


def imad_consistency_factor(dof: int) -> float:
    """Return c_k such that iMAD's weighted MAD variances times c_k are the no-change variances.

    iMAD estimates the MAD variances from a covariance weighted by the no-change probability
    w = P(chi2_k > Z). For Gaussian no-change pixels that weighted variance is smaller than the
    true one, so Z is inflated: with Nielsen's plain re-weighting, Z of no-change pixels converges
    to about 3.3 x chi2_4 for 4 variates (and never converges for 1-2 variates), so a chi-square
    threshold flags far more than alpha of them. As with the consistency factors of robust scatter
    estimators, we rescale: if Z/c_k ~ chi2_k and the weights are w = sf_k(Z/c_k), the weighted
    variance is consistent when c_k = k E[sf_k(X)] / E[X sf_k(X)], X ~ chi2_k. Computed here by
    quadrature (x = u^2 removes the singularity at 0 for k = 1).
    """
    dof = int(dof)
    if dof not in _CONSISTENCY:
        u = np.linspace(0.0, 40.0, 400001)[1:]
        x = u * u
        log_pdf = ((dof - 1) * np.log(u) - 0.5 * x + math.log(2.0) - (dof / 2) * math.log(2.0)
                   - math.lgamma(dof / 2))
        density = np.exp(log_pdf)  # density of X in u (x = u^2)
        w = chi2_sf(x, dof)
        _CONSISTENCY[dof] = float(dof * _trapezoid(w * density, u) / _trapezoid(x * w * density, u))
    return _CONSISTENCY[dof]
