"""Change-detection core: correctness on synthetic and real scenes, nodata, grids, bad input."""
from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from change_synthetic import GAIN, OFFSET, f1_score, make_pair, read, write_pair, write_tif  # noqa: E402

from rason_plugin.core.change import (  # noqa: E402
    MAGNITUDE_NODATA,
    MASK_NODATA,
    ChangeDetectionCancelled,
    ChangeDetectionError,
    default_threshold,
    mad_transform,
    run_change_detection,
)
from rason_plugin.core.change.thresholds import (  # noqa: E402
    chi2_isf,
    chi2_sf,
    em_threshold,
    imad_consistency_factor,
    otsu_threshold,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "imagery"
LS_BEFORE = str(DATA / "LS20010525.tif")
LS_AFTER = str(DATA / "LS20010626.tif")

# Canonical correlations printed by OTB for the Landsat pair, obtained with
#   otbcli_MultivariateAlterationDetector -in1 LS20010525.tif -in2 LS20010626.tif -out /tmp/x.tif
# OTB 8.1.1 (Debian bookworm package otb-bin 8.1.1+dfsg-1), run 2026-11-28; log line:
#   "MultivariateAlterationDetector: Rho: 0.0227083 0.724907 0.82571"
# OTB orders rho ascending (vnl generalized eigensystem), as we do; it prints 6 significant digits.
OTB_RHO_LANDSAT = np.array([0.0227083, 0.724907, 0.82571])


def run(tmp_path, before, after, tag="r", **kw):
    out = dict(out_mask=str(tmp_path / f"{tag}_mask.tif"), out_magnitude=str(tmp_path / f"{tag}_mag.tif"))
    if kw.pop("variates", False):
        out["out_variates"] = str(tmp_path / f"{tag}_var.tif")
    out.update(kw)
    return run_change_detection(before, after, **out)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    return write_pair(folder, seed=7)


# --- statistics helpers -----------------------------------------------------------------------
def test_chi2_sf_matches_closed_forms_and_scipy():
    x = np.array([0.0, 0.5, 1.0, 3.0, 10.0, 30.0])
    assert np.allclose(chi2_sf(x, 2), np.exp(-x / 2), rtol=1e-12)
    assert np.allclose(chi2_sf(x, 1), [math.erfc(math.sqrt(v / 2)) for v in x], rtol=2e-7, atol=1e-12)
    from scipy import stats  # requirements-dev.txt: a reference, never used by the plugin itself
    for k in (1, 2, 3, 4, 5, 8):
        assert np.allclose(chi2_sf(x, k), stats.chi2.sf(x, k), rtol=5e-7, atol=1e-12)
        assert chi2_isf(1e-4, k) == pytest.approx(stats.chi2.isf(1e-4, k), rel=1e-9)


def test_chi2_sf_in_place_scalars_and_edges_match_scipy():
    from scipy import stats

    # out= for even and odd dof, float32 and float64; written in place and returned.
    x = np.array([0.0, 0.3, 2.0, 7.5, 40.0, 200.0])
    for dtype in (np.float32, np.float64):
        for k in (2, 3, 4, 6, 9):
            out = np.full(x.shape, -5.0, dtype=dtype)
            got = chi2_sf(x.astype(dtype), k, out=out)
            assert got is out and np.allclose(out, stats.chi2.sf(x, k), rtol=2e-6, atol=1e-12)
    # A scalar is a valid input (a 0-d array in, a value out): sf(3; 4) = exp(-1.5) * 2.5.
    assert float(chi2_sf(3.0, 4)) == pytest.approx(math.exp(-1.5) * 2.5, rel=1e-12)
    # Below 0 no chi-square value lies: P = 1. NaN stays NaN (the variates' nodata).
    got = chi2_sf(np.array([-3.0, np.nan]), 4)
    assert got[0] == 1.0 and np.isnan(got[1])
    # A huge float32 statistic is a p-value of 0, not NaN: h^i / i! is formed without h^2
    # (3.7e19^2 overflows float32) for 8 degrees of freedom.
    with np.errstate(over="ignore", invalid="ignore"):  # the overflow is the case under test
        for k in (6, 8, 9):
            assert chi2_sf(np.array([3.7e19], np.float32), k)[0] == 0.0


def test_imad_consistency_factor_closed_form():
    # k = 2: sf = exp(-x/2), E[sf] = 1/2 and E[X sf] = 1/2, so c_2 = 2 exactly.
    assert imad_consistency_factor(2) == pytest.approx(2.0, rel=1e-6)
    assert imad_consistency_factor(4) == pytest.approx(1.6, rel=1e-6)


def test_otsu_and_em_split_a_bimodal_sample():
    rng = np.random.default_rng(1)
    v = np.concatenate([rng.normal(10, 1, 9000), rng.normal(30, 2, 1000)])
    assert 13 < otsu_threshold(v) < 25
    assert np.count_nonzero(v > otsu_threshold(v)) == pytest.approx(1000, abs=5)
    t = em_threshold(v)
    assert 14 < t < 24
    assert np.count_nonzero(v > t) == pytest.approx(1000, abs=5)
    assert otsu_threshold(np.full(10, 3.0)) == 3.0 and em_threshold(np.full(10, 3.0)) == 3.0


def test_default_thresholds():
    assert default_threshold("imad") == "chi2" and default_threshold("mad") == "chi2"
    assert default_threshold("cva") == "em" and default_threshold("logratio") == "em"


# --- MAD against OTB and the textbook formulas ------------------------------------------------
def test_mad_rho_on_landsat_equals_otb(tmp_path):
    res = run(tmp_path, LS_BEFORE, LS_AFTER, method="mad", variates=True)
    assert res.rho.shape == (3,)
    assert np.all(np.abs(res.rho - OTB_RHO_LANDSAT) < 1e-4)
    assert res.dof == 3 and res.n_valid == 1_000_000 and res.pixel_area_m2 == pytest.approx(28.5 ** 2)
    # MAD variates: mean 0, variance 2 (1 - rho) (Nielsen 1998), OTB's output statistics agree.
    var = read(res.out_variates).reshape(4, -1).astype(np.float64)
    assert np.allclose(var[:3].mean(axis=1), 0, atol=1e-3)
    assert np.allclose(var[:3].var(axis=1), 2 * (1 - res.rho), rtol=1e-4)
    chi = read(res.out_magnitude).ravel()
    assert chi.mean() == pytest.approx(3.0, rel=1e-4)  # E[chi2] = number of variates when unweighted
    assert res.n_changed == int(np.count_nonzero(chi > res.threshold_value))


def test_mad_with_different_band_counts_like_otb(tmp_path):
    res = run(tmp_path, LS_BEFORE, LS_AFTER, method="mad", bands_after=[1, 3], variates=True)
    x = read(LS_BEFORE).reshape(3, -1).astype(float)
    y = read(LS_AFTER)[[0, 2]].reshape(2, -1).astype(float)
    c = np.cov(np.vstack([x, y]))
    w1 = np.linalg.inv(np.linalg.cholesky(c[:3, :3]))
    w2 = np.linalg.inv(np.linalg.cholesky(c[3:, 3:]))
    expected = np.sort(np.linalg.svd(w1 @ c[:3, 3:] @ w2.T, compute_uv=False))
    assert res.rho[0] == 0.0 and np.allclose(res.rho[1:], expected, atol=1e-9)
    assert res.dof == 3
    var = read(res.out_variates).reshape(4, -1).astype(np.float64)
    assert np.allclose(var[:3].var(axis=1), 2 * (1 - res.rho), rtol=1e-4)  # unmatched one scaled by sqrt 2


def test_mad_transform_sign_and_order():
    rng = np.random.default_rng(3)
    s = rng.standard_normal((2, 5000))
    x = s + 0.1 * rng.standard_normal((2, 5000))
    y = np.array([[2.0], [0.5]]) * s + 0.3 * rng.standard_normal((2, 5000))
    z = np.vstack([x, y])
    tr = mad_transform(z.mean(axis=1), np.cov(z, bias=True), 2, 2)
    assert np.all(np.diff(tr.rho) >= 0)
    u = tr.raw[:, :2] @ (x - x.mean(axis=1, keepdims=True))
    corr_sum = [np.corrcoef(u[i], x[j])[0, 1] for i in range(2) for j in range(2)]
    assert corr_sum[0] + corr_sum[1] > 0 and corr_sum[2] + corr_sum[3] > 0


# --- behaviour on synthetic pairs --------------------------------------------------------------
@pytest.mark.parametrize("method", ["imad", "mad", "cva", "difference", "logratio"])
def test_identical_scenes_show_no_change(tmp_path, pair, method):
    before, _after, _truth = pair
    res = run(tmp_path, before, before, method=method)
    assert res.n_changed == 0 and res.n_valid == 300 * 400
    assert np.count_nonzero(read(res.out_mask) == 1) == 0


@pytest.mark.parametrize("method", ["imad", "mad", "cva", "logratio"])
def test_swapping_before_and_after_gives_same_statistic_and_mask(tmp_path, pair, method):
    before, after, _truth = pair
    a = run(tmp_path, before, after, tag="ab", method=method)
    b = run(tmp_path, after, before, tag="ba", method=method)
    sa, sb = read(a.out_magnitude), read(b.out_magnitude)
    assert np.allclose(sa, sb, rtol=1e-4, atol=1e-4 * float(sa.max()))
    ma, mb = read(a.out_mask), read(b.out_mask)
    assert np.count_nonzero(ma != mb) <= 2  # at most a pixel sitting on the threshold
    assert a.threshold_value == pytest.approx(b.threshold_value, rel=1e-4)


def test_known_patches_under_gain_offset_drift(tmp_path):
    """Defaults (iMAD, chi-square at alpha 1e-6) find the patches and ignore the radiometric drift."""
    for seed in (7, 11, 23):
        before, after, truth = write_pair(tmp_path, name=f"synthetic{seed}", seed=seed)
        res = run(tmp_path, before, after, tag=f"s{seed}")
        mask = read(res.out_mask)
        assert res.method == "imad" and res.threshold_method == "chi2" and res.converged
        assert f1_score(mask, truth) >= 0.99
        false_alarm = np.count_nonzero((mask == 1) & ~truth) / np.count_nonzero(~truth)
        assert false_alarm < 5e-4  # the drift (gain up to 20 %, offsets up to 120 DN) is not change
    # The drift alone (no patch) flags nothing beyond the significance level.
    b, a, _ = make_pair(seed=5, n_patches=0)
    res = run(tmp_path, write_tif(tmp_path / "synthetic_nd_b.tif", b),
              write_tif(tmp_path / "synthetic_nd_a.tif", a), tag="nd")
    assert res.n_changed / res.n_valid < 5e-4
    assert np.allclose(GAIN, [1.15, 0.90, 1.05, 1.20]) and OFFSET.max() == 120.0


def test_results_do_not_depend_on_block_size(tmp_path, pair):
    before, after, _ = pair
    for method in ("imad", "cva"):
        small = run(tmp_path, before, after, tag=f"{method}64", method=method, block_size=64, variates=True)
        big = run(tmp_path, before, after, tag=f"{method}4096", method=method, block_size=4096, variates=True)
        assert np.allclose(read(small.out_magnitude), read(big.out_magnitude), rtol=1e-5, atol=1e-5)
        assert np.allclose(read(small.out_variates), read(big.out_variates), rtol=1e-5, atol=1e-4)
        assert np.count_nonzero(read(small.out_mask) != read(big.out_mask)) <= 1
        assert small.threshold_value == pytest.approx(big.threshold_value, rel=1e-6)
        if method == "imad":
            assert np.allclose(small.rho, big.rho, atol=1e-9) and small.iterations == big.iterations


def test_nodata_in_either_scene_and_mask_is_nodata_everywhere(tmp_path):
    b, a, _ = make_pair(seed=7)
    b[:, :20, :] = 0          # BEFORE nodata strip (nodata = 0)
    a[2, :, :30] = 0          # AFTER nodata in band 3 only
    mask = np.ones(b.shape[1:], dtype=np.uint8)
    mask[-10:, -10:] = 0      # excluded by the mask
    bp = write_tif(tmp_path / "synthetic_b.tif", b, nodata=0)
    ap = write_tif(tmp_path / "synthetic_a.tif", a, nodata=0)
    mp = write_tif(tmp_path / "synthetic_m.tif", mask, dtype=gdal.GDT_Byte)
    expected_invalid = np.zeros(b.shape[1:], dtype=bool)
    expected_invalid[:20, :] = True
    expected_invalid[:, :30] = True
    expected_invalid[-10:, -10:] = True
    for method in ("imad", "cva"):
        res = run(tmp_path, bp, ap, tag=method, method=method, mask_path=mp, variates=True)
        m, g, v = read(res.out_mask), read(res.out_magnitude), read(res.out_variates)
        assert np.array_equal(m == MASK_NODATA, expected_invalid)
        assert np.array_equal(g == MAGNITUDE_NODATA, expected_invalid)
        assert np.all(g[~expected_invalid] >= 0)
        assert np.array_equal(np.isnan(v).all(axis=0), expected_invalid)
        assert not np.isnan(v[:, ~expected_invalid]).any()
        assert res.n_valid == int(np.count_nonzero(~expected_invalid))
        ds = gdal.Open(res.out_mask)
        assert ds.GetRasterBand(1).GetNoDataValue() == 255
        assert gdal.Open(res.out_magnitude).GetRasterBand(1).GetNoDataValue() == -1
        assert math.isnan(gdal.Open(res.out_variates).GetRasterBand(1).GetNoDataValue())


def test_after_on_another_grid_is_warped_onto_before_over_the_overlap(tmp_path):
    b, a, _ = make_pair(seed=7)
    bp = write_tif(tmp_path / "synthetic_b.tif", b)
    # AFTER shifted 50 px east and 30 px south: the overlap is 250 x 350 of BEFORE's grid.
    ap = write_tif(tmp_path / "synthetic_a_shift.tif", a[:, 30:, 50:],
                   origin=(500000.0 + 500, 4700000.0 - 300))
    res = run(tmp_path, bp, ap, tag="shift", method="cva", resampling="nearest", variates=True)
    assert (res.width, res.height) == (350, 270)
    assert res.geotransform == (500500.0, 10.0, 0.0, 4699700.0, 0.0, -10.0)
    d = read(res.out_variates)[:4]
    expected = a[:, 30:, 50:].astype(np.float32) - b[:, 30:, 50:].astype(np.float32)
    assert np.array_equal(d, expected)
    # AFTER in another CRS (geographic, ~2.5 m cells so nearest neighbour loses nothing): warped
    # back onto BEFORE's 10 m UTM grid, the changes are found as on the original pair.
    bq, aq, truth = write_pair(tmp_path, name="synthetic_crs", seed=11)
    geo = str(tmp_path / "synthetic_a_4326.tif")
    gdal.Warp(geo, aq, dstSRS="EPSG:4326", resampleAlg="near", xRes=2.5e-5, yRes=2.5e-5)
    res = run(tmp_path, bq, geo, tag="crs", method="imad", resampling="nearest")
    mask = read(res.out_mask)
    assert mask.shape == (300, 400) and res.geotransform[1] == 10.0
    assert f1_score(mask, truth) > 0.95


# --- bad input --------------------------------------------------------------------------------
def _no_outputs(tmp_path):
    return sorted(p.name for p in tmp_path.iterdir() if "mask" in p.name or "mag" in p.name
                  or p.name.endswith(".partial.tif"))


@pytest.fixture
def bad(tmp_path, pair):
    before, after, _ = pair
    out = tmp_path / "out"
    out.mkdir()
    return before, after, out


def expect_error(out, before, after, match, **kw):
    with pytest.raises(ChangeDetectionError, match=match):
        run(out, before, after, **kw)
    assert _no_outputs(out) == []


def test_missing_and_unreadable_and_non_raster_inputs(bad, tmp_path):
    before, after, out = bad
    expect_error(out, str(tmp_path / "nope.tif"), after, r"BEFORE raster .*does not exist")
    garbage = tmp_path / "garbage.tif"
    garbage.write_bytes(b"this is not a tiff")
    expect_error(out, before, str(garbage), r"AFTER .*not a raster GDAL can read")
    vec = tmp_path / "points.geojson"
    vec.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
                   '"geometry":{"type":"Point","coordinates":[1,2]}}]}')
    expect_error(out, before, str(vec), r"AFTER .*(no raster bands|not a raster)")


def test_zero_overlap(bad, tmp_path):
    before, _after, out = bad
    b, a, _ = make_pair(seed=7)
    far = write_tif(tmp_path / "synthetic_far.tif", a, origin=(900000.0, 4700000.0))
    expect_error(out, before, far, r"do not overlap")


def test_band_count_mismatch_for_band_by_band_methods(bad):
    before, after, out = bad
    for method in ("cva", "difference", "logratio"):
        expect_error(out, before, after, r"BEFORE has 4 bands and AFTER 2", method=method, bands_after=[1, 2])
    expect_error(out, before, after, r"band\(s\) \[7\] do not exist", bands_before=[1, 7])


def test_all_nodata_scene(bad, tmp_path):
    before, _after, out = bad
    empty = write_tif(tmp_path / "synthetic_empty.tif", np.zeros((4, 300, 400), np.uint16), nodata=0)
    for method in ("imad", "cva"):
        expect_error(out, before, empty, r"AFTER .*no valid pixel", method=method)


def test_constant_scene_is_singular_for_mad(bad, tmp_path):
    before, _after, out = bad
    const = write_tif(tmp_path / "synthetic_const.tif", np.full((4, 300, 400), 500, np.uint16))
    for method in ("imad", "mad"):
        expect_error(out, before, const, r"AFTER band 1 is constant", method=method)
    res = run(out, before, const, method="cva")  # CVA is defined on a constant scene
    assert res.n_valid == 120000


def test_one_by_one_raster_and_complex_data(bad, tmp_path):
    before, _after, out = bad
    tiny = write_tif(tmp_path / "synthetic_1x1.tif", np.ones((4, 1, 1), np.uint16))
    expect_error(out, tiny, tiny, r"1x1 pixels; change detection needs a raster of at least 2x2")
    cplx = write_tif(tmp_path / "synthetic_c.tif", np.ones((1, 300, 400), np.complex64),
                     dtype=gdal.GDT_CFloat32)
    expect_error(out, cplx, cplx, r"data type CFloat32")


def test_unwritable_output_and_bad_settings(bad, tmp_path):
    before, after, out = bad
    with pytest.raises(ChangeDetectionError, match=r"OUTPUT_MASK: folder .* does not exist"):
        run_change_detection(before, after, out_mask=str(tmp_path / "no" / "m.tif"),
                             out_magnitude=str(out / "g.tif"))
    # Under a regular file nobody, root included, can create anything: meaningful for every user.
    blocker = tmp_path / "a_file.txt"
    blocker.write_text("x")
    with pytest.raises(ChangeDetectionError, match=r"OUTPUT_MASK: '.*a_file.txt' is a file, not a folder"):
        run_change_detection(before, after, out_mask=str(blocker / "m.tif"), out_magnitude=str(out / "g.tif"))
    assert blocker.read_text() == "x"
    with pytest.raises(ChangeDetectionError, match=r"overwrite the input"):
        run_change_detection(before, after, out_mask=before, out_magnitude=str(out / "g.tif"))
    expect_error(out, before, after, r"chi-square significance threshold needs MAD or iMAD", method="cva",
                 threshold="chi2")
    expect_error(out, before, after, r"manual threshold needs a value", threshold="manual")
    expect_error(out, before, after, r"method 'pca' is unknown", method="pca")
    assert _no_outputs(out) == []


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False,
                    reason="root writes into a read-only (0500) folder, so this case cannot be set up as "
                           "root; test_unwritable_output_and_bad_settings covers an unwritable path for "
                           "every user")
def test_read_only_folder_is_refused(bad, tmp_path):
    before, after, out = bad
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(ChangeDetectionError, match=r"OUTPUT_MASK: folder .*ro' is not writable"):
            run_change_detection(before, after, out_mask=str(ro / "m.tif"), out_magnitude=str(out / "g.tif"))
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o700)


@pytest.mark.parametrize("method", ["imad", "cva"])
def test_cancel_halfway_leaves_nothing(bad, method):
    before, after, out = bad
    calls = {"n": 0}

    def cancel_after_some():
        calls["n"] += 1
        return calls["n"] > 3

    seen = []
    with pytest.raises(ChangeDetectionCancelled):
        run(out, before, after, method=method, block_size=32, variates=True, is_cancelled=cancel_after_some,
            progress=seen.append)
    assert _no_outputs(out) == [] and list(out.iterdir()) == []
    assert seen and 0 < max(seen) < 1


def test_progress_reaches_one_and_is_monotonic(tmp_path, pair):
    before, after, _ = pair
    seen = []
    run(tmp_path, before, after, method="imad", block_size=50, progress=seen.append)
    assert seen[-1] == 1.0 and all(b >= a for a, b in zip(seen, seen[1:]))


def test_manual_threshold_and_otsu_em_on_cva(tmp_path, pair):
    before, after, truth = pair
    res = run(tmp_path, before, after, tag="man", method="cva", threshold="manual", manual_threshold=500.0)
    g, m = read(res.out_magnitude), read(res.out_mask)
    assert res.threshold_value == 500.0 and np.array_equal(m == 1, g > 500.0)
    for th in ("otsu", "em"):
        r = run(tmp_path, before, after, tag=th, method="cva", threshold=th)
        assert f1_score(read(r.out_mask), truth) > 0.95


def test_sampled_statistics_on_large_scenes_are_block_size_independent(tmp_path, pair, monkeypatch):
    """Scenes above the sample budget: iMAD statistics and Otsu/EM thresholds come from a regular
    pixel grid (here forced with a 1000-pixel budget); results still do not depend on the strip."""
    from rason_plugin.core.change import sampling

    before, after, truth = pair
    exact = run(tmp_path, before, after, tag="exact")
    monkeypatch.setattr(sampling, "SAMPLE_VALUES", 8 * 1000)
    for method in ("imad", "cva"):
        small = run(tmp_path, before, after, tag=f"{method}s64", method=method, block_size=64)
        big = run(tmp_path, before, after, tag=f"{method}s4096", method=method, block_size=4096)
        assert small.threshold_value == big.threshold_value
        assert np.array_equal(read(small.out_mask), read(big.out_mask))
        assert f1_score(read(small.out_mask), truth) > 0.95
        if method == "imad":
            assert np.array_equal(small.rho, big.rho)
            # A 1000-pixel sample moves the canonical correlations a little, not the answer.
            assert 0 < np.max(np.abs(small.rho - exact.rho)) < 0.05
            assert small.n_valid == exact.n_valid == 120000


def test_threshold_fitted_during_the_pass_fills_in_the_early_masks(tmp_path, pair, monkeypatch):
    """Otsu/EM is fitted in a helper thread while the strips are written; the masks of the strips
    written before it was ready are filled in afterwards from the written statistic. A slow fit
    makes every strip wait; the outputs must equal those of an ordinary run."""
    import time

    from rason_plugin.core.change import passes, sampling, writing

    before, after, truth = pair
    monkeypatch.setattr(sampling, "SAMPLE_VALUES", 8 * 1000)  # the pair is small: force the sample rows
    ref = run(tmp_path, before, after, tag="ref", method="cva", threshold="em", block_size=16)
    late = []
    fit, mask_pass = passes._Run._fit_threshold, writing.StripWriter.mask_pass

    def slow_fit(self, values):
        time.sleep(0.5)
        return fit(self, values)

    def spy(self, threshold, progress, windows):
        late.extend(windows)
        return mask_pass(self, threshold, progress, windows)

    monkeypatch.setattr(passes._Run, "_fit_threshold", slow_fit)
    monkeypatch.setattr(writing.StripWriter, "mask_pass", spy)
    slow = run(tmp_path, before, after, tag="slow", method="cva", threshold="em", block_size=16)
    assert late and late[0] == (0, 16)
    assert slow.threshold_value == ref.threshold_value
    mask, mag = read(slow.out_mask), read(slow.out_magnitude)
    assert np.array_equal(mask, read(ref.out_mask))
    assert np.array_equal(mask == 1, mag > slow.threshold_value) and not (mask == MASK_NODATA).any()
    assert slow.n_changed == ref.n_changed == int(np.count_nonzero(mask == 1))
    assert f1_score(mask, truth) > 0.95

    # A warped AFTER lives in an in-memory VRT that a second thread cannot reopen: fitted first.
    b, a, _ = make_pair(seed=7)
    bp = write_tif(tmp_path / "synthetic_b.tif", b)
    ap = write_tif(tmp_path / "synthetic_a_shift.tif", a[:, 30:, 50:],
                   origin=(500000.0 + 500, 4700000.0 - 300))
    late.clear()
    res = run(tmp_path, bp, ap, tag="warped", method="cva", threshold="otsu", resampling="nearest",
              block_size=16)
    assert late == []
    mask, mag = read(res.out_mask), read(res.out_magnitude)
    assert np.array_equal(mask == 1, mag > res.threshold_value)
    assert res.n_changed == int(np.count_nonzero(mask == 1)) > 0


def test_threshold_sample_of_a_tiled_scene_stays_within_its_budget(tmp_path, monkeypatch):
    """Tall tiles make whole-block sample windows far larger than the sample budget: only every
    k-th value is kept, so the fit's memory does not grow with the scene."""
    from rason_plugin.core.change import passes, sampling

    b, a, truth = make_pair(size=(1024, 512), seed=5, n_patches=20)
    bp = write_tif(tmp_path / "synthetic_tiled_b.tif", b, block=16)
    ap = write_tif(tmp_path / "synthetic_tiled_a.tif", a, block=16)
    monkeypatch.setattr(sampling, "THRESHOLD_SAMPLE_PIXELS", 4096)
    sizes = []
    fit = passes._Run._fit_threshold

    def spy(self, values):
        sizes.append(values.size)
        return fit(self, values)

    monkeypatch.setattr(passes._Run, "_fit_threshold", spy)
    results = [run(tmp_path, bp, ap, tag=f"t{bs}", method="difference", threshold="otsu", block_size=bs)
               for bs in (16, 4096)]
    # 16 windows of one 16-row tile row each: 131,072 pixels, every 32nd kept
    assert sizes == [4096, 4096]
    assert results[0].threshold_value == results[1].threshold_value
    assert np.array_equal(read(results[0].out_mask), read(results[1].out_mask))
    assert f1_score(read(results[0].out_mask), truth) > 0.9


def test_vrt_inputs_give_the_same_statistic_as_their_files(tmp_path, pair, monkeypatch):
    """.vrt inputs share GDAL's source pool, so they are read by one reader thread and their
    threshold is fitted before the pass. The statistic is the same; the threshold's sample rows
    follow the file's blocks (128-row VRT blocks here, not the TIFF's strips), so it moves a little."""
    from rason_plugin.core.change import sampling

    before, after, _ = pair
    monkeypatch.setattr(sampling, "SAMPLE_VALUES", 8 * 1000)  # force the threshold's sample rows
    vrts = []
    for path in (before, after):
        vrt = str(tmp_path / (Path(path).stem + ".vrt"))
        gdal.Translate(vrt, path, format="VRT")
        vrts.append(vrt)
    plain = run(tmp_path, before, after, tag="plain", method="cva", threshold="em", block_size=32)
    via_vrt = run(tmp_path, *vrts, tag="vrt", method="cva", threshold="em", block_size=32)
    mag, mask = read(via_vrt.out_magnitude), read(via_vrt.out_mask)
    assert np.array_equal(mag, read(plain.out_magnitude))
    assert via_vrt.threshold_value == pytest.approx(plain.threshold_value, rel=0.05)
    assert np.array_equal(mask == 1, mag > via_vrt.threshold_value)
    assert via_vrt.n_changed == int(np.count_nonzero(mask == 1)) > 0


def test_collinear_bands_need_regularisation(tmp_path):
    b, a, truth = make_pair(seed=11)
    b[3] = b[2]  # a duplicated band: singular BEFORE covariance
    bp = write_tif(tmp_path / "synthetic_dup_b.tif", b)
    ap = write_tif(tmp_path / "synthetic_dup_a.tif", a)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ChangeDetectionError, match=r"linearly dependent.*regularisation"):
        run(out, bp, ap, method="mad")
    assert list(out.iterdir()) == []
    res = run(out, bp, ap, method="imad", regularisation=0.01)
    assert res.converged and f1_score(read(res.out_mask), truth) > 0.95


# --- GDAL masks: alpha bands, per-dataset (internal) masks ------------------------------------
def _write_rgba(path, rgb, alpha, origin=(500000.0, 4700000.0)):
    """Write a 3-band Byte scene plus an alpha band (PHOTOMETRIC=RGB, ALPHA=YES) on a 10 m UTM grid."""
    from osgeo import osr

    ds = gdal.GetDriverByName("GTiff").Create(str(path), rgb.shape[2], rgb.shape[1], 4, gdal.GDT_Byte,
                                              options=["PHOTOMETRIC=RGB", "ALPHA=YES"])
    ds.SetGeoTransform((origin[0], 10.0, 0.0, origin[1], 0.0, -10.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32652)
    ds.SetProjection(srs.ExportToWkt())
    for i in range(3):
        ds.GetRasterBand(i + 1).WriteArray(rgb[i])
    ds.GetRasterBand(4).WriteArray(alpha)
    ds = None
    return str(path)


def _byte_pair(seed=7):
    """A 3-band Byte pair (the synthetic pair scaled into 0..255) and its change truth."""
    b, a, truth = make_pair(seed=seed, bands=3)
    scale = lambda v: np.clip((v.astype(np.float64) - 500.0) / 12.0, 0, 255).astype(np.uint8)  # noqa: E731
    return scale(b), scale(a), truth


def test_alpha_band_hides_pixels_and_is_not_a_data_band(tmp_path):
    """An RGBA pair whose AFTER alpha hides the west half, where AFTER holds other values (garbage
    under transparency): the hidden half is nodata, nothing there is change, and the alpha band is
    not one of the compared bands (3 difference variates, not 4)."""
    b, a, _ = _byte_pair()
    h, w = b.shape[1:]
    a = a.copy()
    a[:, :, : w // 2] = np.random.default_rng(0).integers(0, 256, (3, h, w // 2), dtype=np.uint8)
    opaque = np.full((h, w), 255, np.uint8)
    hidden = opaque.copy()
    hidden[:, : w // 2] = 0
    bp = _write_rgba(tmp_path / "synthetic_rgba_b.tif", b, opaque)
    ap = _write_rgba(tmp_path / "synthetic_rgba_a.tif", a, hidden)
    res = run(tmp_path, bp, ap, tag="rgba", method="cva", threshold="manual", manual_threshold=60.0,
              variates=True)
    mask, var = read(res.out_mask), read(res.out_variates)
    # Hand count: the west half (w/2 columns of every row) is hidden, the east half is all visible.
    expected_nodata = np.zeros((h, w), bool)
    expected_nodata[:, : w // 2] = True
    assert np.array_equal(mask == MASK_NODATA, expected_nodata)
    assert res.n_valid == h * (w - w // 2)
    assert var.shape[0] == 3 + 1  # R, G, B differences + the CVA direction; alpha is not a band
    assert [n.split(":")[0] for n in res.notes] == [  # and the user is told so
        "BEFORE band 4 is an alpha (transparency) band", "AFTER band 4 is an alpha (transparency) band"]
    # Compared band by band, the visible half's differences are AFTER - BEFORE of R, G, B only.
    east = np.s_[:, :, w // 2:]
    assert np.array_equal(var[:3][east], a[east].astype(np.float32) - b[east].astype(np.float32))
    # Asking for the alpha band as data is an error that names it.
    with pytest.raises(ChangeDetectionError, match=r"AFTER band 4 is an alpha"):
        run(tmp_path, bp, ap, tag="alpha", method="mad", bands_after=[1, 2, 4])
    # Warped (bilinear): an AFTER 10 pixels larger, origin 4.5 pixels west and north, so BEFORE
    # pixel (r, c) draws on AFTER columns c+4 and c+5. AFTER hides its columns from k = w/2 + 5 on:
    # BEFORE column c is nodata exactly when c + 5 >= k, i.e. c >= w/2.
    big = np.random.default_rng(1).integers(0, 256, (3, h + 10, w + 10), dtype=np.uint8)
    alpha = np.full((h + 10, w + 10), 255, np.uint8)
    k = w // 2 + 5
    alpha[:, k:] = 0
    aw = _write_rgba(tmp_path / "synthetic_rgba_a_warp.tif", big, alpha,
                     origin=(500000.0 - 45, 4700000.0 + 45))
    res = run(tmp_path, bp, aw, tag="rgbawarp", method="cva", threshold="manual", manual_threshold=60.0)
    expected_nodata = np.zeros((h, w), bool)
    expected_nodata[:, w // 2:] = True
    assert np.array_equal(read(res.out_mask) == MASK_NODATA, expected_nodata)


def _write_internal_mask_cog(tmp_path, name, array, valid, origin=(500000.0, 4700000.0)):
    """Write ``array`` as a COG whose per-dataset mask (internal, GDAL_TIFF_INTERNAL_MASK) is ``valid``."""
    src = str(tmp_path / f"{name}_src.tif")
    write_tif(src, array, origin=origin)
    old = gdal.GetConfigOption("GDAL_TIFF_INTERNAL_MASK")
    gdal.SetConfigOption("GDAL_TIFF_INTERNAL_MASK", "YES")
    try:
        ds = gdal.Open(src, gdal.GA_Update)
        ds.CreateMaskBand(gdal.GMF_PER_DATASET)
        ds.GetRasterBand(1).GetMaskBand().WriteArray(np.where(valid, 255, 0).astype(np.uint8))
        ds = None
        cog = str(tmp_path / f"{name}.tif")
        gdal.Translate(cog, src, format="COG")
    finally:
        gdal.SetConfigOption("GDAL_TIFF_INTERNAL_MASK", old)
    os.remove(src)
    assert not os.path.exists(cog + ".msk")  # the mask lives inside the COG
    ds = gdal.Open(cog)
    assert ds.GetRasterBand(1).GetMaskFlags() == gdal.GMF_PER_DATASET
    return cog


def test_internal_mask_of_a_cog_is_nodata(tmp_path):
    """A COG whose internal mask hides a block where the values differ: that block is nodata,
    never change, whether the scene is read as it is or warped onto BEFORE's grid."""
    b, a, _ = make_pair(seed=7, n_patches=0, drift=False)  # noise only: CVA ~ 21 chi_4, never > 200
    a = a.copy()
    hidden = np.zeros(b.shape[1:], bool)
    hidden[100:180, 150:260] = True
    a[:, hidden] = 9000  # far from anything in BEFORE: change if it were read
    bp = write_tif(tmp_path / "synthetic_b.tif", b)
    ap = _write_internal_mask_cog(tmp_path, "synthetic_a_cog", a, ~hidden)
    for method in ("mad", "cva"):
        res = run(tmp_path, bp, ap, tag=method, method=method, threshold="manual", manual_threshold=200.0)
        mask = read(res.out_mask)
        assert np.array_equal(mask == MASK_NODATA, hidden)
        assert res.n_valid == hidden.size - np.count_nonzero(hidden)
        assert method == "mad" or np.count_nonzero(mask == 1) == 0
    # AFTER on another grid (shifted by whole pixels, nearest): the mask is warped with it.
    # 50 px east, 30 px south of BEFORE, as in the shift test above
    ap2 = _write_internal_mask_cog(tmp_path, "synthetic_a_cog_shift", a[:, 30:, 50:], ~hidden[30:, 50:],
                                   origin=(500000.0 + 500, 4700000.0 - 300))
    res = run(tmp_path, bp, ap2, tag="shift", method="cva", resampling="nearest", threshold="manual",
              manual_threshold=200.0)
    assert np.array_equal(read(res.out_mask) == MASK_NODATA, hidden[30:, 50:])
    assert np.count_nonzero(read(res.out_mask) == 1) == 0


# --- warping AFTER: nodata must not be smeared into its neighbours ----------------------------
def _plane_pair(h=60, w=80):
    """BEFORE and a larger AFTER sampled from the same planes (one per band), AFTER's grid offset
    by half a pixel: bilinear interpolation of a plane is exact, so any difference is an artefact."""
    coef = np.array([[1000.0, 3.0, 2.0], [800.0, -1.5, 4.0], [1200.0, 2.5, -3.0]])

    def sample(x0, y0, nh, nw):
        # value at pixel centre (x, y) = c0 + c1 * (x - 500000) / 10 + c2 * (4700000 - y) / 10
        cx = (x0 + 10.0 * (np.arange(nw) + 0.5) - 500000.0) / 10.0
        cy = (4700000.0 - (y0 - 10.0 * (np.arange(nh) + 0.5))) / 10.0
        return np.stack([c[0] + c[1] * cx[None, :] + c[2] * cy[:, None] for c in coef]).astype(np.float32)

    before = sample(500000.0, 4700000.0, h, w)
    # AFTER: 10 more rows and columns, origin 4.5 pixels west and north of BEFORE's.
    after = sample(500000.0 - 45.0, 4700000.0 + 45.0, h + 10, w + 10)
    return before, after


@pytest.mark.parametrize("nodata_bands", ["all", "some"])
@pytest.mark.parametrize("resampling", ["bilinear", "cubic"])
def test_warped_after_nodata_block_is_not_smeared(tmp_path, nodata_bands, resampling):
    """AFTER needs warping (half-pixel offset) and holds a nodata block. BEFORE pixel centre (r, c)
    falls at AFTER pixel-centre coordinates (r + 4.5, c + 4.5): bilinear draws on AFTER rows r+4..r+5
    and columns c+4..c+5 (cubic on r+3..r+6, c+3..c+6). A BEFORE pixel is nodata exactly when that
    window touches the block, and no pixel is change (both scenes are the same planes)."""
    before, after = _plane_pair()
    r0, r1, c0, c1 = 20, 35, 30, 50  # AFTER rows 20..34, columns 30..49 are nodata
    after[:, r0:r1, c0:c1] = -9999.0
    bp = write_tif(tmp_path / "synthetic_plane_b.tif", before, dtype=gdal.GDT_Float32)
    ap = write_tif(tmp_path / "synthetic_plane_a.tif", after, dtype=gdal.GDT_Float32,
                   origin=(500000.0 - 45.0, 4700000.0 + 45.0))
    ds = gdal.Open(ap, gdal.GA_Update)
    for i in range(3):
        if nodata_bands == "all" or i > 0:  # "some": band 1 declares no nodata, its -9999 are data
            ds.GetRasterBand(i + 1).SetNoDataValue(-9999.0)
    ds = None
    res = run(tmp_path, bp, ap, tag=f"{resampling}{nodata_bands}", method="difference",
              threshold="manual", manual_threshold=0.5, resampling=resampling, variates=True)
    lo, hi = (4, 5) if resampling == "bilinear" else (3, 6)  # kernel rows/cols relative to r, c
    rows, cols = np.arange(before.shape[1]), np.arange(before.shape[2])
    touch_r = (rows + hi >= r0) & (rows + lo <= r1 - 1)
    touch_c = (cols + hi >= c0) & (cols + lo <= c1 - 1)
    expected = touch_r[:, None] & touch_c[None, :]
    mask = read(res.out_mask)
    assert np.array_equal(mask == MASK_NODATA, expected)
    assert np.count_nonzero(mask == 1) == 0
    d = read(res.out_variates)
    assert np.abs(d[:, ~expected]).max() < 0.01  # planes are reproduced away from the block


# --- every GDAL raster name, not only plain files ---------------------------------------------
@pytest.fixture
def http_cogs(tmp_path, monkeypatch):
    """The synthetic pair as COGs served over HTTP from 127.0.0.1 (byte ranges, as a cloud bucket)."""
    from range_server import serve

    before, after, truth = write_pair(tmp_path, name="synthetic_http", seed=7)
    served = tmp_path / "served"
    served.mkdir()
    for src, name in ((before, "before_cog.tif"), (after, "after_cog.tif")):
        gdal.Translate(str(served / name), src, format="COG", creationOptions=["BLOCKSIZE=128"])
    for var in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(var, "127.0.0.1,localhost")
    old = gdal.GetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN")
    gdal.SetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR")  # no directory listing requests
    gdal.VSICurlClearCache()
    try:
        with serve(served) as (url, requests):
            yield (f"/vsicurl/{url}/before_cog.tif", f"/vsicurl/{url}/after_cog.tif", truth, before, after,
                   requests)
    finally:
        gdal.VSICurlClearCache()
        gdal.SetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", old)


def test_cogs_over_http_give_the_same_result_as_the_files(tmp_path, http_cogs):
    b_url, a_url, truth, before, after, requests = http_cogs
    out = tmp_path / "out"
    out.mkdir()
    plain = run(out, before, after, tag="plain")
    remote = run(out, b_url, a_url, tag="http")
    assert np.array_equal(read(remote.out_magnitude), read(plain.out_magnitude))
    assert np.array_equal(read(remote.out_mask), read(plain.out_mask))
    assert f1_score(read(remote.out_mask), truth) > 0.9
    assert any(rng for method, _name, rng in requests if method == "GET")  # read by byte ranges
    # A URL that does not exist is a clear error naming it, not "does not exist" on disk.
    with pytest.raises(ChangeDetectionError, match=r"AFTER '/vsicurl/.*missing.tif' is not a raster GDAL"):
        run(out, b_url, a_url.replace("after_cog", "missing"), tag="missing")


def test_gdal_dataset_names_are_accepted(tmp_path, pair):
    """/vsizip/, GPKG:file:table, NETCDF:"file":variable and a VRT are all GDAL rasters: each gives
    the same statistic as the plain GeoTIFF it was made from (the same pixels)."""
    import zipfile

    before, after, _ = pair
    out = tmp_path / "out"
    out.mkdir()
    ref = run(out, before, after, tag="ref", method="difference", threshold="manual", manual_threshold=300.0,
              bands_before=[1], bands_after=[1])
    ref_stat = read(ref.out_magnitude)
    # /vsizip/: AFTER inside a zip archive
    archive = tmp_path / "after.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(after, arcname="inside/after.tif")
    # NETCDF:"file":variable: BEFORE band 1 written as the netCDF variable Band1
    nc = str(tmp_path / "before.nc")
    gdal.Translate(nc, before, format="netCDF", bandList=[1])
    # a VRT of AFTER band 1
    vrt = str(tmp_path / "after_b1.vrt")
    gdal.Translate(vrt, after, format="VRT", bandList=[1])
    names = {
        "vsizip": (before, f"/vsizip/{archive}/inside/after.tif"),
        "netcdf": (f'NETCDF:"{nc}":Band1', after),
        "vrt": (before, vrt),
    }
    for tag, (b, a) in names.items():
        res = run(out, b, a, tag=tag, method="difference", threshold="manual", manual_threshold=300.0,
                  bands_before=[1], bands_after=[1])
        assert np.array_equal(read(res.out_magnitude), ref_stat), tag
    # GPKG:file:table: a Byte raster table (lossless PNG tiles of 8-bit values), compared with the
    # GeoTIFF of the same Byte values.
    gpkg = str(tmp_path / "scenes.gpkg")
    b8 = (read(before)[:3] // 16).astype(np.uint8)
    byte_tif = write_tif(tmp_path / "synthetic_b8.tif", b8, dtype=gdal.GDT_Byte)
    gdal.Translate(gpkg, byte_tif, format="GPKG", creationOptions=["RASTER_TABLE=before8", "TILE_FORMAT=PNG"])
    assert gdal.Open(f"GPKG:{gpkg}:before8") is not None
    ref8 = run(out, byte_tif, after, tag="ref8", method="mad", bands_after=[1, 2, 3])
    via = run(out, f"GPKG:{gpkg}:before8", after, tag="gpkg", method="mad", bands_after=[1, 2, 3])
    assert np.allclose(read(via.out_magnitude), read(ref8.out_magnitude), rtol=1e-5, atol=1e-5)
    assert via.rho == pytest.approx(ref8.rho, abs=1e-12)
    # The file behind a dataset name is an input too: no output may overwrite it.
    with pytest.raises(ChangeDetectionError, match=r"OUTPUT_MASK would overwrite the input 'GPKG:"):
        run_change_detection(f"GPKG:{gpkg}:before8", after, out_mask=gpkg, out_magnitude=str(out / "g.tif"))
    # A plain path that does not exist is still reported as such.
    with pytest.raises(ChangeDetectionError, match=r"BEFORE raster .*nope.tif' does not exist"):
        run(out, str(tmp_path / "nope.tif"), after)
    with pytest.raises(ChangeDetectionError, match=r"BEFORE 'GPKG:.*:nosuchtable' is not a raster GDAL"):
        run(out, f"GPKG:{gpkg}:nosuchtable", after)


# --- areas on a geographic grid ----------------------------------------------------------------
def _ellipsoid_cell_area(lat_top, lat_bottom, dlon_deg, a=6378137.0, inv_f=298.257223563):
    """Area of a lat/lon cell on the ellipsoid by numerical integration of the surface element
    dA = M(phi) N(phi) cos(phi) dphi dlambda (meridional and prime-vertical radii of curvature),
    independent of the closed form the code uses."""
    from scipy.integrate import quad

    f = 1.0 / inv_f
    e2 = f * (2 - f)

    def element(phi):
        w = 1.0 - e2 * math.sin(phi) ** 2
        return a * (1 - e2) / w ** 1.5 * a / math.sqrt(w) * math.cos(phi)

    val, _err = quad(element, math.radians(lat_bottom), math.radians(lat_top), epsabs=0, epsrel=1e-13)
    return val * math.radians(dlon_deg)


def test_changed_area_on_a_geographic_grid(tmp_path):
    """A pair in EPSG:4326 (0.001 degree pixels at 42.3 N): the changed area is the sum of the
    ellipsoidal areas of the changed pixels' cells, row by row."""
    b, a, _ = make_pair(seed=7, n_patches=0, drift=False)
    a = a.astype(np.int32)
    a[:, 100:140, 50:90] += 900  # 40 x 40 changed pixels: CVA 1800 against noise of ~40
    a = np.clip(a, 0, 65535).astype(np.uint16)
    origin, px = (130.0, 42.3), 0.001
    bp = write_tif(tmp_path / "synthetic_geo_b.tif", b, origin=origin, pixel=px, epsg=4326)
    ap = write_tif(tmp_path / "synthetic_geo_a.tif", a, origin=origin, pixel=px, epsg=4326)
    res = run(tmp_path, bp, ap, method="cva", threshold="manual", manual_threshold=700.0)
    mask = read(res.out_mask)
    per_row = np.count_nonzero(mask == 1, axis=1)
    expected = sum(n * _ellipsoid_cell_area(origin[1] - r * px, origin[1] - (r + 1) * px, px)
                   for r, n in enumerate(per_row) if n)
    assert np.count_nonzero(per_row) == 40 and per_row.sum() == 1600
    assert res.changed_area_m2 == pytest.approx(expected, rel=1e-9)
    # ~ 82.4 m x 111.1 m per pixel at 42.3 N: a sanity bound on the order of magnitude
    assert 1600 * 80 * 110 < res.changed_area_m2 < 1600 * 85 * 112


# --- MAD numerics against an independent float64 computation --------------------------------
def _mad_oracle(x, y, regularisation=0.0):
    """MAD in float64 from the generalized eigenproblem S12 S22^-1 S21 a = rho^2 S11 a (scipy),
    written here from Nielsen et al. (1998), not from the plugin's SVD route. Returns (rho ascending,
    MAD variates (k, n), their actual variances on these pixels, chi-square statistic)."""
    from scipy import linalg

    p = x.shape[0]
    z = np.vstack([x, y]).astype(np.float64)
    m = z.mean(axis=1, keepdims=True)
    c = np.cov(z, bias=True)
    s11, s22, s12 = c[:p, :p], c[p:, p:], c[:p, p:]
    if regularisation:
        q = y.shape[0]
        s11 = (1 - regularisation) * s11 + regularisation * np.trace(s11) / p * np.eye(p)
        s22 = (1 - regularisation) * s22 + regularisation * np.trace(s22) / q * np.eye(q)
    rho2, avec = linalg.eigh(s12 @ np.linalg.solve(s22, s12.T), s11)  # ascending; a^T S11 a = 1
    rho = np.sqrt(np.maximum(rho2, 0))  # shrunk covariances can give rho > 1: not clipped here
    bvec = np.linalg.solve(s22, s12.T @ avec) / rho  # b^T S22 b = 1
    mads = avec.T @ (z[:p] - m[:p]) - bvec.T @ (z[p:] - m[p:])
    var = mads.var(axis=1)
    return rho, mads, var, (mads ** 2 / var[:, None]).sum(axis=0)


def test_dof_leaves_out_perfectly_correlated_variates(tmp_path):
    """AFTER band 1 is BEFORE band 1: one canonical correlation is exactly 1, so its MAD variate is
    identically 0 and carries no chi-square degree of freedom: 4 bands give 3, not 4."""
    from scipy import stats

    b, a, _ = make_pair(seed=11)
    a[0] = b[0]
    bp = write_tif(tmp_path / "synthetic_same1_b.tif", b)
    ap = write_tif(tmp_path / "synthetic_same1_a.tif", a)
    rho, _mads, _var, _chi = _mad_oracle(b.reshape(4, -1), a.reshape(4, -1))
    expected_dof = int(np.count_nonzero(1 - rho > 1e-9))
    assert expected_dof == 3 and 1 - rho.max() < 1e-12
    for method in ("mad", "imad"):
        res = run(tmp_path, bp, ap, tag=method, method=method, variates=True)
        assert res.dof == expected_dof
        # At ALPHA's default, 1e-6 (1e-4 until issue #15), on the 3 degrees of freedom counted above.
        assert res.threshold_value == pytest.approx(stats.chi2.isf(1e-6, expected_dof), rel=1e-9)
        stat, var = read(res.out_magnitude).ravel(), read(res.out_variates)
        assert res.n_changed == int(np.count_nonzero(stat > stats.chi2.isf(1e-6, expected_dof)))
        pval = var[-1].ravel()
        assert np.allclose(pval, stats.chi2.sf(stat.astype(np.float64), expected_dof), atol=2e-6)
        assert gdal.Open(res.out_magnitude).GetMetadataItem("RASON_CHI2_DOF") == "3"
    # Identical scenes: no live variate at all, nothing is change, every p-value is 1.
    res = run(tmp_path, bp, bp, tag="same", method="mad", variates=True)
    assert res.dof == 0 and res.n_changed == 0 and np.all(read(res.out_variates)[-1] == 1.0)


def test_float32_scenes_far_from_zero_keep_their_precision(tmp_path):
    """Float32 scenes around 1e6 with a spread of a few units (e.g. a large offset): the transform
    must centre before projecting, or float32 rounding of the products (ulp 0.06 at 1e6) swamps
    the statistic. Compared with float64 MAD on the same float32 values."""
    b, a, _ = make_pair(seed=7)
    bf = (1.0e6 + b.astype(np.float64) / 100.0).astype(np.float32)
    af = (1.0e6 + a.astype(np.float64) / 100.0).astype(np.float32)
    bp = write_tif(tmp_path / "synthetic_f32_b.tif", bf, dtype=gdal.GDT_Float32)
    ap = write_tif(tmp_path / "synthetic_f32_a.tif", af, dtype=gdal.GDT_Float32)
    _rho, mads, _var, chi = _mad_oracle(bf.reshape(4, -1), af.reshape(4, -1))
    res = run(tmp_path, bp, ap, method="mad", variates=True)
    stat = read(res.out_magnitude).ravel().astype(np.float64)
    assert np.allclose(stat, chi, rtol=1e-4, atol=1e-4)
    ours = read(res.out_variates)[:4].reshape(4, -1).astype(np.float64)
    for i in range(4):  # variates equal up to the sign of each canonical pair
        sign = np.sign(np.dot(ours[i], mads[i]))
        assert np.allclose(ours[i], sign * mads[i], atol=1e-3 * mads[i].std())


def test_scenes_over_16_bits_are_projected_in_float64(tmp_path):
    """UInt32 scenes with 20-bit values (beyond float32's exact integers, 2^24, once products are
    formed): the transform runs in float64 (strips.compute_dtype), through the same stepwise
    projection, and its float32 outputs must equal float64 MAD on the same values to float32's
    rounding."""
    b, a, _ = make_pair(seed=23)
    b32 = b.astype(np.uint32) * 64 + 500_000  # up to ~1.0e6 > 2^19
    a32 = a.astype(np.uint32) * 64 + 500_000
    assert b32.max() > 2**19
    bp = write_tif(tmp_path / "synthetic_u32_b.tif", b32, dtype=gdal.GDT_UInt32)
    ap = write_tif(tmp_path / "synthetic_u32_a.tif", a32, dtype=gdal.GDT_UInt32)
    _rho, mads, _var, chi = _mad_oracle(b32.reshape(4, -1), a32.reshape(4, -1))
    res = run(tmp_path, bp, ap, method="mad", variates=True)
    stat = read(res.out_magnitude).ravel().astype(np.float64)
    assert np.allclose(stat, chi, rtol=1e-5, atol=1e-5)  # float32 output of a float64 statistic
    ours = read(res.out_variates)[:4].reshape(4, -1).astype(np.float64)
    for i in range(4):  # variates equal up to the sign of each canonical pair
        sign = np.sign(np.dot(ours[i], mads[i]))
        assert np.allclose(ours[i], sign * mads[i], rtol=1e-5, atol=1e-5 * mads[i].std())


@pytest.mark.parametrize("lam", [0.005, 0.3])
def test_regularised_mad_standardises_with_the_variates_actual_variance(tmp_path, lam):
    """With regularisation the canonical vectors are no longer unit-variance on the data, so the MAD
    variance is not 2 (1 - rho): sigma must be the variates' actual standard deviation. Then the
    mean chi-square statistic over the pixels it was estimated on is exactly the number of variates."""
    b, a, _ = make_pair(seed=11)
    bp = write_tif(tmp_path / "synthetic_reg_b.tif", b)
    ap = write_tif(tmp_path / "synthetic_reg_a.tif", a)
    rho, _mads, var, chi = _mad_oracle(b.reshape(4, -1), a.reshape(4, -1), regularisation=lam)
    # 0.005: every rho < 1, yet var != 2 (1 - rho); 0.3: two shrunk correlations exceed 1 (clipped to
    # 1 in the output), yet their variates are not 0 and keep their degree of freedom.
    assert (rho.max() > 1) == (lam == 0.3)
    assert not np.allclose(var, 2 * (1 - np.minimum(rho, 1)), rtol=1e-2)
    res = run(tmp_path, bp, ap, method="mad", regularisation=lam)
    stat = read(res.out_magnitude).ravel().astype(np.float64)
    assert np.allclose(stat, chi, rtol=1e-4, atol=1e-4)
    assert stat.mean() == pytest.approx(4.0, rel=1e-5)
    meta = gdal.Open(res.out_magnitude).GetMetadataItem("RASON_MAD_SIGMA")
    sigma = np.array([float(s) for s in meta.split()])
    assert np.sort(sigma) == pytest.approx(np.sort(np.sqrt(var)), rel=1e-6)


# --- all outputs or none -----------------------------------------------------------------------
@pytest.mark.parametrize("fail_at", [2, 3])
def test_a_failed_rename_restores_every_previous_output(tmp_path, pair, monkeypatch, fail_at):
    """The user's earlier outputs are in place; moving the new ones in fails at the ``fail_at``-th
    rename of a finished output: every path must hold the user's previous file again, and no
    temporary or backup file may be left."""
    before, after, _ = pair
    out = tmp_path / "out"
    out.mkdir()
    paths = {k: out / f"{k}.tif" for k in ("mask", "mag", "var")}
    old = {k: f"previous {k} of the user".encode() for k in paths}
    for k, p in paths.items():
        p.write_bytes(old[k])
    (out / "mag.tif.aux.xml").write_text("<PAMDataset/>")
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        if str(src).endswith(".partial.tif"):
            calls.append(dst)
            if len(calls) == fail_at:
                raise OSError(28, "No space left on device (injected)")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises((OSError, ChangeDetectionError)):
        run_change_detection(before, after, method="cva", out_mask=str(paths["mask"]),
                             out_magnitude=str(paths["mag"]), out_variates=str(paths["var"]))
    assert len(calls) == fail_at
    assert {k: p.read_bytes() for k, p in paths.items()} == old
    assert sorted(p.name for p in out.iterdir()) == ["mag.tif", "mag.tif.aux.xml", "mask.tif", "var.tif"]
    monkeypatch.setattr(os, "replace", real_replace)
    res = run_change_detection(before, after, method="cva", out_mask=str(paths["mask"]),
                               out_magnitude=str(paths["mag"]), out_variates=str(paths["var"]))
    assert read(res.out_mask).shape == (300, 400)
    # the stale sidecar of the user's old statistic went with it
    assert sorted(p.name for p in out.iterdir()) == ["mag.tif", "mask.tif", "var.tif"]
