"""Calibration of iMAD's chi-square on no-change pixels: the consistency factor does what it claims.

iMAD multiplies its weighted MAD variances by c_k (thresholds.imad_consistency_factor), our one
departure from Nielsen (2007) / Canty (2019). The claim is that unchanged pixels then follow chi2_k,
so that (1) the mean statistic is k, the degrees of freedom, and (2) the share of unchanged pixels
above the chi-square threshold of ALPHA (the false-alarm rate) is ALPHA. This module checks both on
simulated no-change pairs: every pixel is an independent draw of a correlated Gaussian (X, Y), i.e.
the scenes differ only by a linear mixture of the bands plus noise, which is exactly MAD's null
model. Nothing here is a figure copied from the code's output.

How far from the ideal a correct implementation may land (the tolerances), written out:
  * N pixels are scored. The count above the threshold of ALPHA is binomial: standard error
    se_binom = sqrt(N ALPHA (1 - ALPHA)). The mean statistic has se_mean = sqrt(2 k / N) (var chi2_k = 2k).
  * iMAD also estimates the k MAD variances, from n pixels (the sample grid: n = N below about
    1 Mpixel, see change_detection.SAMPLE_VALUES). A relative error e_i in variance i rescales the
    statistic: Z' = sum_i d_i^2 (1 - e_i). Its variance is kappa / n with, for iMAD's weighted estimate,
    kappa = c^2 E[w^2 (d^2 - 1/c)^2] / E[w]^2 (delta method for a ratio estimator, w = P(chi2_k > Z));
    a Monte Carlo of 1e6 draws gives kappa = 1.3-1.8 for k = 1..8; we use 2, the value for a plain
    variance. So the mean moves by sum_i e_i: se_est_mean = sqrt(k * 2 / n). The rate above the
    threshold t moves by (sum_i e_i / k) t f_k(t) (E[d_i^2 | Z = t] = t / k, f_k the chi2_k density):
    se_est_rate = t f_k(t) sqrt(2 / (k n)).
  * The two errors may be correlated (they come from the same pixels when n = N), so their standard
    errors are added (a bound valid for any correlation), and a check passes within 4 of these.
With N = 2048^2 this is about +-0.4 % of k for the mean, +-4 % of ALPHA at 0.01, +-10 % at 0.001 and
+-23 % at 1e-4 (about 420 expected false alarms). Without the factor (textbook iMAD) the mean is
c_k k (60 % too high for k = 4), which test_textbook_imad_fails_the_same_check shows the check catches.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from change_synthetic import read, write_tif  # noqa: E402

from rason_plugin.core.change import mad, sampling  # noqa: E402
from rason_plugin.core.change import run as cd  # noqa: E402
from rason_plugin.core.change.thresholds import chi2_isf, imad_consistency_factor  # noqa: E402

ALPHAS = (0.01, 0.001, 1e-4)
SIZE = (2048, 2048)  # 4.2 Mpixel: about 420 pixels expected above the 1e-4 threshold
KAPPA = 2.0  # relative variance factor of a variance estimate (see module doc)
N_SE = 4.0


def _no_change_pair(folder, p, q, seed, size=SIZE):
    """Write a no-change pair (float32, p and q bands) and return the two paths.

    X ~ N(mx, Sx) with correlated bands; Y = B X + noise with correlated noise, then rescaled and
    offset per band (a radiometric change that is not land-cover change). Every pixel independent.
    """
    rng = np.random.default_rng(seed)
    h, w = size
    a = rng.normal(size=(p, p))
    lx = np.linalg.cholesky(a @ a.T + p * np.eye(p))
    x = lx @ rng.standard_normal((p, h * w))
    mix = 0.5 * rng.normal(size=(q, p)) + np.eye(q, p)
    b = rng.normal(size=(q, q))
    noise = np.linalg.cholesky(b @ b.T + q * np.eye(q)) @ rng.standard_normal((q, h * w))
    y = mix @ x + 0.6 * noise
    x = 1000.0 + 100.0 * x / x.std(axis=1, keepdims=True)
    y = 800.0 + rng.uniform(60, 140, size=(q, 1)) * y / y.std(axis=1, keepdims=True)
    before = write_tif(Path(folder) / f"nc_{p}_{q}_{seed}_before.tif", x.reshape(p, h, w).astype(np.float32),
                       dtype=gdal.GDT_Float32)
    after = write_tif(Path(folder) / f"nc_{p}_{q}_{seed}_after.tif", y.reshape(q, h, w).astype(np.float32),
                      dtype=gdal.GDT_Float32)
    return before, after


def _estimation_pixels(n_pixels, p, q, size=SIZE):
    """Return the number of pixels iMAD estimates its statistics from (its sample grid)."""
    budget = max(1024, sampling.SAMPLE_VALUES // (p + q))
    stride = max(1, math.ceil(math.sqrt(n_pixels / budget)))
    return min(n_pixels, math.ceil(size[0] / stride) * math.ceil(size[1] / stride))


def _chi2_pdf(t, k):
    return math.exp((k / 2 - 1) * math.log(t) - t / 2 - (k / 2) * math.log(2.0) - math.lgamma(k / 2))


def calibration_errors(z, k, n_est):
    """Return a list of the checks ``z`` (no-change chi-square values, k dof) fails, with their figures."""
    n = z.size
    failures = []
    se_mean = math.sqrt(2 * k / n) + math.sqrt(k * KAPPA / n_est)
    if abs(z.mean() - k) > N_SE * se_mean:
        failures.append(f"mean {z.mean():.4f} vs k = {k} (tolerance {N_SE * se_mean:.4f})")
    for alpha in ALPHAS:
        t = chi2_isf(alpha, k)
        count = int(np.count_nonzero(z > t))
        se = math.sqrt(n * alpha * (1 - alpha)) + n * t * _chi2_pdf(t, k) * math.sqrt(KAPPA / (k * n_est))
        if abs(count - n * alpha) > N_SE * se:
            failures.append(f"alpha {alpha}: {count} above the threshold, expected {n * alpha:.0f} "
                            f"+- {N_SE * se:.0f}")
    return failures


def _run_imad(before, after, folder):
    res = cd.run_change_detection(before, after, method="imad", threshold="chi2", alpha=1e-4,
                                  out_mask=str(Path(folder) / "mask.tif"),
                                  out_magnitude=str(Path(folder) / "stat.tif"))
    return res, read(res.out_magnitude).astype(np.float64).ravel()


@pytest.mark.parametrize("p, q, seed", [(2, 2, 31), (4, 4, 32), (6, 6, 33), (4, 3, 34)])
def test_imad_statistic_follows_chi2_on_no_change_pixels(tmp_path, p, q, seed):
    before, after = _no_change_pair(tmp_path, p, q, seed)
    res, z = _run_imad(before, after, tmp_path)
    k = max(p, q)
    assert res.dof == k and res.converged
    assert z.size == SIZE[0] * SIZE[1] and np.all(z >= 0)
    assert calibration_errors(z, k, _estimation_pixels(z.size, p, q)) == []


def test_textbook_imad_fails_the_same_check(tmp_path, monkeypatch):
    """The check above can fail: iMAD without the factor (c_k = 1) is far outside its tolerances."""
    p = q = 4
    size = (1024, 1024)
    before, after = _no_change_pair(tmp_path, p, q, seed=35, size=size)
    monkeypatch.setattr(mad, "imad_consistency_factor", lambda dof: 1.0)
    _, z = _run_imad(before, after, tmp_path)
    failures = calibration_errors(z, 4, z.size)
    assert len(failures) == 1 + len(ALPHAS), failures
    # Nielsen's re-weighting shrinks the no-change variances, so Z is inflated well beyond k and
    # over 10 % of unchanged pixels are flagged at alpha 0.001 (the README's "10-25 %").
    assert z.mean() > 1.3 * 4
    assert np.mean(z > chi2_isf(0.001, 4)) > 0.10


@pytest.mark.parametrize("k", range(1, 9))
def test_consistency_factor_matches_its_closed_form(k):
    """c_k = k E[sf(X)] / E[X sf(X)], X ~ chi2_k, checked without the code's quadrature.

    For X1, X2 independent chi2_k: E[sf(X1)] = P(X2 > X1) = 1/2 and E[X1 sf(X1)] = E[X1; X1 < X2]
    = E[min(X1, X2)] / 2, so c_k = k / E[min(X1, X2)]. For even k = 2m, with sf a finite sum
    (A&S 26.4.5) and the gamma integrals done term by term:
        c_k = k sum_{i<m} (m+i-1)! / (2^i i!) / sum_{i<m} (m+i)! / (2^i i!)     (c_2 = 2, c_4 = 8/5).
    For odd k, E[min] by Monte Carlo (4e6 pairs; its relative standard error is below 8e-4, and we
    allow 5 of them).
    """
    c = imad_consistency_factor(k)
    if k % 2 == 0:
        m = k // 2
        num = sum(math.factorial(m + i - 1) / (2 ** i * math.factorial(i)) for i in range(m))
        den = sum(math.factorial(m + i) / (2 ** i * math.factorial(i)) for i in range(m))
        assert c == pytest.approx(k * num / den, rel=1e-6)
    else:
        rng = np.random.default_rng(100 + k)
        low = np.minimum(rng.chisquare(k, 4_000_000), rng.chisquare(k, 4_000_000))
        rel_se = low.std() / math.sqrt(low.size) / low.mean()
        assert c == pytest.approx(k / low.mean(), rel=5 * rel_se)
