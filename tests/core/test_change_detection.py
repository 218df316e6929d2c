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

from rason_plugin.core.change_detection import (  # noqa: E402
    MAGNITUDE_NODATA,
    MASK_NODATA,
    ChangeDetectionCancelled,
    ChangeDetectionError,
    default_threshold,
    mad_transform,
    run_change_detection,
)
from rason_plugin.core.thresholds import (  # noqa: E402
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
    """Defaults (iMAD, chi-square at alpha 1e-4) find the patches and ignore the radiometric drift."""
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
    import rason_plugin.core.change_detection as cd

    before, after, truth = pair
    exact = run(tmp_path, before, after, tag="exact")
    monkeypatch.setattr(cd, "SAMPLE_VALUES", 8 * 1000)
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

    import rason_plugin.core.change_detection as cd

    before, after, truth = pair
    monkeypatch.setattr(cd, "SAMPLE_VALUES", 8 * 1000)  # the pair is small: force the sample rows
    ref = run(tmp_path, before, after, tag="ref", method="cva", threshold="em", block_size=16)
    late = []
    fit, mask_pass = cd._Run._fit_threshold, cd._Run._mask_pass

    def slow_fit(self, values):
        time.sleep(0.5)
        return fit(self, values)

    def spy(self, threshold, progress, windows):
        late.extend(windows)
        return mask_pass(self, threshold, progress, windows)

    monkeypatch.setattr(cd._Run, "_fit_threshold", slow_fit)
    monkeypatch.setattr(cd._Run, "_mask_pass", spy)
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
    import rason_plugin.core.change_detection as cd

    b, a, truth = make_pair(size=(1024, 512), seed=5, n_patches=20)
    bp = write_tif(tmp_path / "synthetic_tiled_b.tif", b, block=16)
    ap = write_tif(tmp_path / "synthetic_tiled_a.tif", a, block=16)
    monkeypatch.setattr(cd, "THRESHOLD_SAMPLE_PIXELS", 4096)
    sizes = []
    fit = cd._Run._fit_threshold

    def spy(self, values):
        sizes.append(values.size)
        return fit(self, values)

    monkeypatch.setattr(cd._Run, "_fit_threshold", spy)
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
    import rason_plugin.core.change_detection as cd

    before, after, _ = pair
    monkeypatch.setattr(cd, "SAMPLE_VALUES", 8 * 1000)  # force the threshold's sample rows
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
