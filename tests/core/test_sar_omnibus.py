"""Sequential omnibus test (core/sar): calibration, planted changes, p-values against a reference, dates."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import stats

from rason_plugin.core.sar import omnibus
from rason_plugin.core.sar.dates import date_from_metadata, date_from_name, parse_date_list

ENL = 4.4


def speckle(rng, shape, mean=1.0, enl=ENL):
    """Gamma speckle: intensity with shape ENL, scale mean/ENL (fully developed speckle, mean ``mean``)."""
    return rng.gamma(enl, mean / enl, shape)


# --- independent reference: the paper's formulas written out per pixel with scipy's chi2 ----------
def reference_p(series, enl):
    """p-value of the last image of ``series`` (j images x p bands) against the ones before it.

    Conradsen et al. 2016 eq. for R_j with diagonal (independent-band) matrices, determinants = products:
    ln R_j = n [p (j ln j - (j-1) ln(j-1)) + (j-1) ln|S_{j-1}| + ln|X_j| - j ln|S_j|],
    rho_j = 1 - (1 + 1/(j(j-1))) / (6n) (the p = 1 value, per band), omega_2 = -(p/4)(1 - 1/rho_j)^2,
    P = (1 - omega_2) P(chi2_p > z) + omega_2 P(chi2_{p+4} > z), z = -2 rho_j ln R_j.
    """
    series = np.asarray(series, dtype=np.float64)
    j, p = series.shape
    s_prev = series[:-1].sum(axis=0)
    x = series[-1]
    s_all = s_prev + x
    ln_r = enl * (p * (j * math.log(j) - (j - 1) * math.log(j - 1))
                  + (j - 1) * sum(math.log(v) for v in s_prev) + sum(math.log(v) for v in x)
                  - j * sum(math.log(v) for v in s_all))
    rho = 1 - (1 + 1 / (j * (j - 1))) / (6 * enl)
    omega2 = -(p / 4) * (1 - 1 / rho) ** 2
    z = -2 * rho * ln_r
    return (1 - omega2) * stats.chi2.sf(z, p) + omega2 * stats.chi2.sf(z, p + 4)


def reference_sequence(pixel, enl, alpha):
    """Loop-based sequential rule for one pixel (k x p): returns (directions per interval, p-values).

    An interval i (images i, i+1) is tested against the images since the last change; a p-value
    <= alpha is a change, and the next test starts at the changed image i+1.
    """
    k = pixel.shape[0]
    start = 0
    dirs, pvs = [], []
    for i in range(k - 1):
        pv = reference_p(pixel[start:i + 2], enl)
        pvs.append(pv)
        if pv <= alpha:
            mean = pixel[start:i + 1].mean(axis=0)
            new = pixel[i + 1]
            dirs.append(1 if (new > mean).all() else 2 if (new < mean).all() else 3)
            start = i + 1
        else:
            dirs.append(0)
    return dirs, pvs


def run(stack, alpha=0.01, enl=ENL, median=False):
    k, p, rows, w = stack.shape
    return omnibus.sequential_changes(stack, np.ones((rows, w), bool), enl, alpha, median=median)


# --- tests ---------------------------------------------------------------------------------------
def test_p_values_equal_an_independent_reference():
    rng = np.random.default_rng(7)
    # 8 dates, 2 bands, 6 x 5 pixels; a third of them get a 9 dB step at date 5 so that the
    # sequences restart and p-values span the whole (0, 1] range, small ones included
    stack = speckle(rng, (8, 2, 6, 5))
    stack[4:, :, :2] *= 8.0
    res = run(stack, alpha=0.01)
    for r in range(6):
        for c in range(5):
            dirs, pvs = reference_sequence(stack[:, :, r, c], ENL, 0.01)
            np.testing.assert_allclose(res.pvalues[:, r, c], pvs, atol=1e-6, rtol=0)
            assert list(res.intervals[:, r, c]) == dirs
    # the planted step is a change at interval 4 (images 3 -> 4) for most of those pixels
    assert (res.intervals[3, :2] == 1).mean() > 0.8


def test_single_pol_equals_dual_pol_with_one_band_and_its_own_reference():
    rng = np.random.default_rng(3)
    stack = speckle(rng, (6, 1, 4, 4))
    stack[3:, :, 1:3] *= 0.2
    res = run(stack, alpha=0.05)
    # a dual-pol run whose second band is the same series: f = 2 instead of 1, other p-values;
    # but the single-band call must match the reference written for p = 1
    for r in range(4):
        for c in range(4):
            dirs, pvs = reference_sequence(stack[:, :, r, c], ENL, 0.05)
            np.testing.assert_allclose(res.pvalues[:, r, c], pvs, atol=1e-6, rtol=0)
            assert list(res.intervals[:, r, c]) == dirs
    # p = 1 is the same function as p = 2 with one band: the p-value of a single-band test equals
    # the one computed directly from the closed-form mixture with f = 1 and 5
    prev, new = stack[:2, :, 0, 0].sum(axis=0), stack[2, :, 0, 0]
    assert omnibus.p_value(prev[:, None], new[:, None], np.array([3.0]), ENL)[0] == pytest.approx(
        reference_p(stack[:3, :, 0, 0], ENL), abs=1e-7)


@pytest.mark.parametrize("alpha", [0.01, 0.001])
def test_false_alarm_rate_per_interval_on_no_change_stacks(alpha):
    rng = np.random.default_rng(11 if alpha == 0.01 else 12)
    rows, w, k = 500, 500, 20
    stack = speckle(rng, (k, 2, rows, w)).astype(np.float32)
    res = run(stack, alpha=alpha)
    changed = res.intervals > 0
    # Under no change the R_j along one sequence are independent (Conradsen et al. 2016, sect. III),
    # so among pixels with no change before interval i the test at i rejects with probability
    # alpha exactly (up to the chi-square mixture approximation): +-20 % is > 3 binomial sigma
    # with >= 200 000 such pixels per interval.
    none_before = np.ones((rows, w), bool)
    for i in range(k - 1):
        rate = changed[i][none_before].mean()
        assert abs(rate - alpha) <= 0.2 * alpha, (i, rate)
        none_before &= ~changed[i]
    # After a false alarm the next test starts from the outlying image itself, so the interval
    # after it rejects more often: the overall rate per interval is alpha (1 + q), q the chance
    # that R_2 against an outlier rejects. It stays above alpha and well below 2 alpha.
    overall = changed.mean(axis=(1, 2))
    assert overall.mean() > alpha
    assert overall.max() < 2 * alpha


def test_planted_ship_construction_and_removal():
    rng = np.random.default_rng(5)
    k, rows, w = 12, 30, 30
    stack = speckle(rng, (k, 2, rows, w))
    # dates are 1-based in the wording: a ship on dates 6-8 is images 5..7 (0-based);
    # it appears at interval 5 (images 4->5), leaves at interval 8 (7->8); a 20 dB brighter target
    ship = (slice(0, 10), slice(0, 10))
    stack[5:8, :, ship[0], ship[1]] *= 100.0
    # +6 dB construction from date 4 on: a factor 10**0.6 ~ 4 from image 3 on, change at interval 3
    build = (slice(10, 20), slice(0, 10))
    stack[3:, :, build[0], build[1]] *= 10 ** 0.6
    # a darker removal (-10 dB) from date 10: change at interval 9 (images 8->9)
    gone = (slice(20, 30), slice(0, 10))
    stack[9:, :, gone[0], gone[1]] *= 0.1
    res = run(stack, alpha=0.01)
    med = run(stack, alpha=0.01, median=True)

    def share(result, region, interval, direction):
        return (result.intervals[interval - 1][region] == direction).mean()

    assert share(res, ship, 5, 1) > 0.95 and share(res, ship, 8, 2) > 0.95
    assert share(res, gone, 9, 2) > 0.95
    # A 6 dB step is not certain in one pixel at ENL 4.4: the reference p-value of image 4 against
    # images 1-3 (j = 4, 2 bands) is <= 0.01 with probability ~0.76 (Monte Carlo of reference_p).
    # The 3x3 median pools neighbours, so the block's interior (away from its edges) is found whole.
    assert share(res, build, 3, 1) > 0.65
    interior = (slice(11, 19), slice(1, 9))
    found = med.intervals[2][interior]
    assert (found > 0).mean() > 0.9
    # "brighter" needs both bands of the pixel above their mean: a 6 dB step in one Gamma(4.4)
    # pixel falls below the mean of three with probability ~0.03 per band, so a few are "mixed"
    assert (found[found > 0] == 1).mean() > 0.85
    # the construction is permanent: after interval 3 its pixels rarely change again (false alarms only)
    assert (med.intervals[3:][:, interior[0], interior[1]] > 0).mean() < 0.05
    # the ship: first change 5 (unless one of the 4 earlier intervals false-alarmed, ~4 %), last 8
    assert (res.first[ship] == 5).mean() > 0.9 and (res.last[ship] == 8).mean() > 0.9
    # the untouched right half: about alpha per interval, 11 intervals -> ~11 % with any change
    assert (res.frequency[:, 10:] > 0).mean() < 0.2


def test_median_filter_uses_a_halo_and_matches_the_whole_image():
    rng = np.random.default_rng(9)
    stack = speckle(rng, (6, 2, 20, 15))
    stack[3:, :, 5:12, 4:9] *= 10.0
    valid = np.ones((20, 15), bool)
    valid[0, 0] = False
    whole = omnibus.sequential_changes(stack, valid, ENL, 0.01, median=True)
    # rows 8..13 with a one-row halo each side (rows 7 and 14) give the same rows as the whole image
    part = omnibus.sequential_changes(stack[:, :, 7:15], valid[7:15], ENL, 0.01, median=True, halo=(1, 1))
    np.testing.assert_array_equal(part.intervals, whole.intervals[:, 8:14])
    np.testing.assert_array_equal(part.pvalues, whole.pvalues[:, 8:14])
    # the median of a pixel at interval 1 equals numpy's median of its 3x3 window of plain p-values
    plain = omnibus.sequential_changes(stack, valid, ENL, 0.01)
    assert whole.pvalues[0, 10, 7] == pytest.approx(np.median(plain.pvalues[0, 9:12, 6:9]), rel=1e-6)
    # the block of change keeps its interior and loses no more than its corners
    assert (whole.intervals[2, 6:11, 5:8] == 1).all()


def test_enl_estimate_of_gamma_speckle():
    rng = np.random.default_rng(4)
    for enl in (4.4, 10.0):
        img = speckle(rng, (700, 700), enl=enl)
        values = omnibus.estimate_enl(img, np.ones(img.shape, bool))
        # mean^2/var of Gamma(shape=n) is n; the mode of the 7x7 block estimates lands within 10 %
        assert omnibus.enl_mode(values) == pytest.approx(enl, rel=0.1)


def test_dates_from_names_and_metadata():
    assert date_from_name("/x/S1A_IW_GRDH_1SDV_20220612T173329_20220612T173354_043637_0535B5_1F2E.tif") == \
        dt.datetime(2022, 6, 12, 17, 33, 29)
    assert date_from_name("s1a-iw-grd-vh-20220612t173329-20220612t173354-043637-0535b5-002.tiff") == \
        dt.datetime(2022, 6, 12, 17, 33, 29)
    assert date_from_name("2014-10-07-s1vv.tif") == dt.datetime(2014, 10, 7)
    assert date_from_name("rason_20230115_vv.tif") == dt.datetime(2023, 1, 15)
    assert date_from_name("scene_12.tif") is None
    assert date_from_name("rason_20231345.tif") is None  # month 13: not a date
    assert date_from_metadata({"TIFFTAG_DATETIME": "2021:03:04 05:06:07"}) == dt.datetime(2021, 3, 4, 5, 6, 7)
    assert date_from_metadata({"ACQUISITION_START_TIME": "2021-03-04T05:06:07.123456"}) == \
        dt.datetime(2021, 3, 4, 5, 6, 7)
    assert date_from_metadata({}) is None
    assert parse_date_list("2020-01-01, 20200113") == [dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 13)]
    with pytest.raises(ValueError, match="2020-02-30"):
        parse_date_list("2020-01-01,2020-02-30")
