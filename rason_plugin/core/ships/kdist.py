"""Thresholds for K-distributed sea clutter: a Gamma texture (shape nu) times L-look Gamma speckle.

The K distribution is the accepted model of textured sea clutter (Jakeman & Pusey 1976; Ward,
Tough & Watts, "Sea Clutter", IET 2006). Its intensity tail is P(I > t) = E_x[Q(L, L t / (mu x))],
x ~ Gamma(nu, 1/nu) the texture of mean 1 and Q the upper regularised incomplete gamma
function. Here that expectation is a quadrature over x, tabulated once per (L, pfa) over nu, so
a per-pixel nu (from the ring's moments) costs one interpolation. The looks L are the product's
equivalent number of looks, not estimated per ring: with one ring's moments only one of the
two shapes can be fitted.
"""
from __future__ import annotations

import functools
import math

import numpy as np

from .special import gamma_upper_regularized

# Sentinel-1 IW GRD high resolution: ENL 4.4 (ESA, Sentinel-1 Product Definition, S1-RS-MDA-52-7440,
# table of GRD resolutions and ENL).
DEFAULT_LOOKS = 4.4
_NU_TABLE = np.geomspace(0.3, 300.0, 61)


def shape_from_moments(mean: np.ndarray, var: np.ndarray, looks: float = DEFAULT_LOOKS) -> np.ndarray:
    """Return the texture shape nu from intensity moments: E[I^2]/mu^2 = (1 + 1/L)(1 + 1/nu).

    Rings smoother than pure speckle get the table's largest nu (clutter then is nearly Gamma).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        inv_nu = (var / (mean * mean) + 1.0) / (1.0 + 1.0 / looks) - 1.0
        nu = np.where(inv_nu > 1.0 / _NU_TABLE[-1], 1.0 / inv_nu, _NU_TABLE[-1])
    return np.clip(nu, _NU_TABLE[0], _NU_TABLE[-1])


@functools.lru_cache(maxsize=16)
def _multiplier_table(looks: float, pfa: float) -> np.ndarray:
    """Return m(nu) with P(I > m * mu) = pfa, for each nu of _NU_TABLE."""
    # Q(L, y) on a fine log grid, then interpolated in log-log: smooth and monotone.
    y = np.geomspace(1e-6, 2e3, 1500)
    q = np.array([gamma_upper_regularized(looks, float(v)) for v in y])
    logq = np.log(np.maximum(q, 1e-300))
    logy = np.log(y)
    # Texture quadrature on a log grid (x dx = d log x measure).
    lx = np.linspace(math.log(1e-6), math.log(2e3), 700)
    x = np.exp(lx)
    dlx = lx[1] - lx[0]
    m = np.geomspace(1.0, 1e5, 300)
    out = np.empty(_NU_TABLE.size)
    for i, nu in enumerate(_NU_TABLE):
        log_pdf = nu * math.log(nu) + (nu - 1.0) * lx - nu * x - math.lgamma(nu)
        weights = np.exp(log_pdf + lx) * dlx
        weights /= weights.sum()
        arg = np.log(looks * m[:, None] / x[None, :])
        tail_q = np.exp(np.interp(arg, logy, logq, left=0.0, right=-700.0))
        tail = tail_q @ weights
        # tail falls with m: find where it crosses pfa, interpolating in log-log.
        lt = np.log(np.maximum(tail, 1e-300))
        k = int(np.searchsorted(-lt, -math.log(pfa)))
        k = min(max(k, 1), m.size - 1)
        f = (math.log(pfa) - lt[k - 1]) / (lt[k] - lt[k - 1])
        out[i] = math.exp(math.log(m[k - 1]) + f * (math.log(m[k]) - math.log(m[k - 1])))
    return out


def k_tail(t_over_mean: float, nu: float, looks: float = DEFAULT_LOOKS) -> float:
    """Return P(I > t) for K clutter of mean 1, by the same quadrature (for tests and reports)."""
    lx = np.linspace(math.log(1e-6), math.log(2e3), 4000)
    x = np.exp(lx)
    log_pdf = nu * math.log(nu) + (nu - 1.0) * lx - nu * x - math.lgamma(nu)
    w = np.exp(log_pdf + lx)
    w /= w.sum()
    q = np.array([gamma_upper_regularized(looks, looks * t_over_mean / float(v)) for v in x])
    return float(q @ w)


def k_multipliers(nu: np.ndarray, pfa: float, looks: float = DEFAULT_LOOKS) -> np.ndarray:
    """Return T/mean for each pixel's texture shape ``nu``."""
    table = _multiplier_table(float(looks), float(pfa))
    return np.exp(np.interp(np.log(nu), np.log(_NU_TABLE), np.log(table)))
