"""Relative radiometric normalisation from iMAD's no-change pixels: the maths, no I/O.

Canty, Nielsen & Schmidt (2004), "Automatic radiometric normalization of multitemporal satellite
imagery", Remote Sens. Environ. 91:441-451, as in Canty's radcal: keep the pixels whose iMAD
no-change probability is at least a threshold, hold a third of them out at random, fit each
reference band on the target band by orthogonal regression (the principal axis of their 2 x 2
covariance, so both scenes' noise counts, unlike least squares), and check on the held-out pixels
that the normalised target and the reference have equal means (two-sample t-test, pooled variance,
as radcal's scipy.stats.ttest_ind) and equal variances (F-test; two-sided here, radcal reports
the one-sided tail).

The t and F distributions' tails come from the regularized incomplete beta function I_x(a, b),
evaluated by its continued fraction (modified Lentz's method; Numerical Recipes, 3rd ed., sec.
6.4, and Abramowitz & Stegun 26.5.8), so no SciPy is needed at run time:
    t with nu dof:  P(|T| > t) = I_{nu / (nu + t^2)}(nu / 2, 1 / 2)
    F(d1, d2):      P(F > f)  = I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2)
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Tuple

import numpy as np

DEFAULT_NOCHANGE_PROB = 0.95
DEFAULT_SEED = 42
_EPS = 1e-15
_TINY = 1e-300


def betainc(a: float, b: float, x: float) -> float:
    """Return the regularized incomplete beta function I_x(a, b) for a, b > 0, 0 <= x <= 1."""
    if not (a > 0 and b > 0):
        raise ValueError("betainc needs a > 0 and b > 0")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                + a * math.log(x) + b * math.log1p(-x))
    # The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry
    # I_x(a, b) = 1 - I_{1-x}(b, a) on the other side.
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(ln_front) * _beta_cf(a, b, x) / a
    return 1.0 - math.exp(ln_front) * _beta_cf(b, a, 1.0 - x) / b


def _beta_cf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            return h
    raise ArithmeticError(f"incomplete beta continued fraction did not converge (a={a}, b={b}, x={x})")


def t_two_sided_p(t: float, dof: float) -> float:
    """Return P(|T| >= |t|) for Student's t with ``dof`` degrees of freedom."""
    if not math.isfinite(t):
        return 0.0
    return betainc(dof / 2.0, 0.5, dof / (dof + t * t))


def f_sf(f: float, d1: float, d2: float) -> float:
    """Return P(F >= f) for Fisher's F with (d1, d2) degrees of freedom."""
    if f <= 0:
        return 1.0
    if not math.isfinite(f):
        return 0.0
    return betainc(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * f))


def orthogonal_regression(x: np.ndarray, y: np.ndarray) -> Tuple[float, float, float]:
    """Return (slope b, intercept a, correlation r) of the principal axis y = a + b x.

    The axis is the eigenvector of the 2 x 2 covariance with the larger eigenvalue; in closed form
    b = (s_yy - s_xx + sqrt((s_yy - s_xx)^2 + 4 s_xy^2)) / (2 s_xy).
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size < 3:
        raise ValueError("orthogonal regression needs at least 3 pixels")
    mx, my = x.mean(), y.mean()
    dx, dy = x - mx, y - my
    sxx, syy, sxy = float(dx @ dx), float(dy @ dy), float(dx @ dy)
    if sxx <= 0 or syy <= 0:
        raise ValueError("a band is constant over the no-change pixels: no regression line")
    if sxy == 0:
        raise ValueError("the two bands are uncorrelated over the no-change pixels: no regression line")
    diff = syy - sxx
    b = (diff + math.sqrt(diff * diff + 4.0 * sxy * sxy)) / (2.0 * sxy)
    return b, my - b * mx, sxy / math.sqrt(sxx * syy)


@dataclass
class BandFit:
    """One band's normalisation: reference ~ intercept + slope * target, and its held-out tests."""

    band: int
    slope: float
    intercept: float
    correlation: float
    n_train: int
    n_test: int
    mean_reference: float
    mean_normalised: float
    p_ttest: float   # equal means (two-sample t, pooled variance)
    p_ftest: float   # equal variances (two-sided F)


def split_train_test(n: int, seed: int = DEFAULT_SEED) -> Tuple[np.ndarray, np.ndarray]:
    """Return (train, test) indices of 0..n-1: a random third (seeded) held out, as radcal does."""
    perm = np.random.default_rng(seed).permutation(n)
    cut = 2 * n // 3
    return np.sort(perm[:cut]), np.sort(perm[cut:])


def fit_band(band: int, reference: np.ndarray, target: np.ndarray, train: np.ndarray,
             test: np.ndarray) -> BandFit:
    """Return the fit of ``reference`` on ``target`` (no-change pixels' values) and its tests."""
    b, a, r = orthogonal_regression(target[train], reference[train])
    ref_t = np.asarray(reference[test], dtype=np.float64)
    norm_t = a + b * np.asarray(target[test], dtype=np.float64)
    n = ref_t.size
    if n < 3:
        raise ValueError("fewer than 3 held-out pixels: no test")
    m1, m2 = ref_t.mean(), norm_t.mean()
    v1, v2 = ref_t.var(ddof=1), norm_t.var(ddof=1)
    pooled = ((n - 1) * v1 + (n - 1) * v2) / (2 * n - 2)
    se = math.sqrt(pooled * 2.0 / n) if pooled > 0 else 0.0
    p_t = t_two_sided_p((m1 - m2) / se, 2 * n - 2) if se > 0 else (1.0 if m1 == m2 else 0.0)
    if v1 > 0 and v2 > 0:
        f = max(v1, v2) / min(v1, v2)
        p_f = min(1.0, 2.0 * f_sf(f, n - 1, n - 1))
    else:
        p_f = 1.0 if v1 == v2 else 0.0
    return BandFit(band, b, a, r, int(train.size), int(n), float(m1), float(m2), p_t, p_f)
