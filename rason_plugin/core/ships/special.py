"""Special functions the CFAR thresholds need, written here so nothing needs scipy at run time."""
from __future__ import annotations

import math


def normal_quantile_upper(pfa: float) -> float:
    """Return z with P(N(0,1) > z) = pfa, by bisection on math.erfc (exact to ~1e-12)."""
    check_pfa(pfa)
    lo, hi = -40.0, 40.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if 0.5 * math.erfc(mid / math.sqrt(2.0)) > pfa:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def check_pfa(pfa: float) -> None:
    if not 0.0 < pfa < 0.5:
        raise ValueError("the false-alarm probability must lie between 0 and 0.5")


def gamma_upper_regularized(a: float, x: float) -> float:
    """Return Q(a, x) = Gamma(a, x) / Gamma(a), the upper regularised incomplete gamma function.

    Series for x < a + 1, Lentz's continued fraction otherwise (the classic pair, e.g.
    Press et al., Numerical Recipes, 6.2); both converge to double precision.
    """
    if x <= 0.0:
        return 1.0
    log_prefix = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1.0:
        term = total = 1.0 / a
        ap = a
        for _ in range(10000):
            ap += 1.0
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return max(0.0, 1.0 - total * math.exp(log_prefix))
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    return math.exp(log_prefix) * h
