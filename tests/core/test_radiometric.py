"""Relative radiometric normalisation (core/radiometric.py, core/radiometric_run.py).

The special functions are checked against SciPy (a reference only; the plugin never imports it),
the principal axis against numpy's eigenvectors, the fits against pairs with a known gain and
offset, and the held-out tests on the two real Landsat pairs.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from change_synthetic import write_tif  # noqa: E402

from rason_plugin.core import radiometric  # noqa: E402
from rason_plugin.core.change import ChangeDetectionError  # noqa: E402
from rason_plugin.core.radiometric_run import run_radiometric_normalisation  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "imagery"
LANDSAT_PAIRS = [
    (DATA / "LS20010525.tif", DATA / "LS20010626.tif"),
    (DATA / "landsat_nanjing" / "LT51200382000124BJC00_Nanjing.tif",
     DATA / "landsat_nanjing" / "LT51200382002193BJC00_Nanjing.tif"),
]


@pytest.mark.parametrize("a,b", [(0.5, 0.5), (2.0, 3.0), (10.0, 0.5), (150.0, 7.5), (0.3, 40.0),
                                 (5000.0, 5000.0)])
def test_betainc_matches_scipy(a, b):
    from scipy import special
    for x in (1e-6, 0.01, 0.2, 0.5, 0.77, 0.99, 1 - 1e-9):
        assert radiometric.betainc(a, b, x) == pytest.approx(special.betainc(a, b, x), rel=1e-9, abs=1e-14)
    assert radiometric.betainc(a, b, 0.0) == 0.0 and radiometric.betainc(a, b, 1.0) == 1.0


@pytest.mark.parametrize("dof", [1, 3, 30, 2000, 60000])
def test_t_and_f_tails_match_scipy(dof):
    from scipy import stats
    for t in (0.0, 0.3, 1.96, 4.0, 9.0):
        want = 2 * stats.t.sf(t, dof)
        assert radiometric.t_two_sided_p(t, dof) == pytest.approx(want, rel=1e-8, abs=1e-15)
    for f in (0.2, 1.0, 1.05, 2.5, 8.0):
        for d1 in (1, 5, dof):
            want = stats.f.sf(f, d1, dof)
            assert radiometric.f_sf(f, d1, dof) == pytest.approx(want, rel=1e-8, abs=1e-15)


def test_orthogonal_regression_is_the_principal_axis():
    rng = np.random.default_rng(1)
    x = rng.normal(100, 20, 5000)
    y = 3.0 + 0.8 * x + rng.normal(0, 6, 5000)
    b, a, r = radiometric.orthogonal_regression(x, y)
    # Oracle: the eigenvector of the 2 x 2 covariance with the larger eigenvalue gives the slope,
    # and the line passes through the means.
    w, v = np.linalg.eigh(np.cov(x, y))
    ex, ey = v[:, np.argmax(w)]
    assert b == pytest.approx(ey / ex, rel=1e-10)
    assert a == pytest.approx(y.mean() - b * x.mean(), rel=1e-10)
    assert r == pytest.approx(np.corrcoef(x, y)[0, 1], rel=1e-12)
    # With no noise on y = 2 x + 5 the axis is the line itself.
    assert radiometric.orthogonal_regression(x, 2 * x + 5)[:2] == pytest.approx((2.0, 5.0))


def test_held_out_split_is_seeded_and_a_third():
    tr1, te1 = radiometric.split_train_test(3001, seed=42)
    tr2, te2 = radiometric.split_train_test(3001, seed=42)
    assert np.array_equal(tr1, tr2) and np.array_equal(te1, te2)
    assert tr1.size == 2000 and te1.size == 1001 and np.intersect1d(tr1, te1).size == 0
    assert not np.array_equal(radiometric.split_train_test(3001, seed=1)[1], te1)


def _drift_pair(seed, gain, offset, noise=2.0, size=(300, 400)):
    """Return (reference, target) float32 scenes: target = gain * reference + offset (+ noise each),
    with a few bright changed squares that the normalisation must leave out."""
    rng = np.random.default_rng(seed)
    h, w = size
    yy, xx = np.mgrid[0:h, 0:w] / 40.0
    bands = len(gain)
    scene = np.stack([800 + 300 * np.sin(yy * (k + 1) * 0.7 + xx) * np.cos(xx * 0.6 - k)
                      + 150 * rng.random((h, w)) for k in range(bands)])
    ref = scene + noise * rng.standard_normal(scene.shape)
    tgt = gain[:, None, None] * (scene + noise * rng.standard_normal(scene.shape)) + offset[:, None, None]
    for _ in range(6):
        r0, c0 = rng.integers(0, h - 30), rng.integers(0, w - 30)
        tgt[:, r0:r0 + 25, c0:c0 + 25] += rng.uniform(300, 600, size=(bands, 1, 1))
    return ref.astype(np.float32), tgt.astype(np.float32)


@pytest.mark.parametrize("seed", [3, 9])
def test_known_gain_and_offset_are_recovered_within_one_percent(tmp_path, seed):
    # Truth, by construction of _drift_pair: target = GAIN * reference + OFFSET, so the fit
    # reference = intercept + slope * target has slope 1 / GAIN and intercept -OFFSET / GAIN;
    # the recovered gain and offset are 1 / slope and -intercept / slope.
    gain = np.array([1.12, 0.85, 1.3])
    offset = np.array([45.0, -70.0, 150.0])
    ref, tgt = _drift_pair(seed, gain, offset)
    rp = write_tif(tmp_path / "ref.tif", ref)
    tp = write_tif(tmp_path / "tgt.tif", tgt)
    res = run_radiometric_normalisation(rp, tp, out_normalised=str(tmp_path / "norm.tif"))
    got_gain = np.array([1 / f.slope for f in res.fits])
    got_offset = np.array([-f.intercept / f.slope for f in res.fits])
    assert np.all(np.abs(got_gain / gain - 1) < 0.01), got_gain
    assert np.all(np.abs(got_offset / offset - 1) < 0.01), got_offset
    # The output is intercept + slope * target (the target as written: write_tif stores uint16),
    # band by band, in float32.
    norm = gdal.Open(res.out_normalised).ReadAsArray()
    written = gdal.Open(tp).ReadAsArray().astype(np.float64)
    for i, f in enumerate(res.fits):
        assert np.allclose(norm[i], f.intercept + f.slope * written[i], rtol=1e-6, atol=1e-3)
    assert res.n_used == res.n_nochange > 1000


@pytest.mark.parametrize("reference,target", LANDSAT_PAIRS)
def test_landsat_pairs_pass_the_held_out_tests(tmp_path, reference, target):
    """Real pairs: on the held-out no-change pixels, p > 0.05 for equal means and equal variances
    in at least 80 % of the bands (Canty, Nielsen & Schmidt 2004's acceptance check)."""
    res = run_radiometric_normalisation(str(reference), str(target), out_normalised=str(tmp_path / "n.tif"))
    ok = [f.p_ttest > 0.05 and f.p_ftest > 0.05 for f in res.fits]
    assert sum(ok) >= 0.8 * len(ok)
    assert all(f.correlation > 0.9 for f in res.fits)
    assert all(f.n_test == res.n_used - f.n_train for f in res.fits)


def test_bad_inputs_are_named(tmp_path):
    ref, tgt = _drift_pair(1, np.array([1.1, 0.9]), np.array([10.0, -10.0]), size=(60, 80))
    rp = write_tif(tmp_path / "ref.tif", ref)
    tp = write_tif(tmp_path / "tgt.tif", tgt)
    with pytest.raises(ChangeDetectionError, match="NOCHANGE_PROB"):
        run_radiometric_normalisation(rp, tp, nochange_prob=1.0, out_normalised=str(tmp_path / "n.tif"))
    with pytest.raises(ChangeDetectionError, match="TARGET 1"):
        run_radiometric_normalisation(rp, tp, bands_target=[1], out_normalised=str(tmp_path / "n.tif"))
    with pytest.raises(ChangeDetectionError, match="overwrite the input"):
        run_radiometric_normalisation(rp, tp, out_normalised=tp)
    assert not (tmp_path / "n.tif").exists()


@pytest.mark.parametrize("fraction", [0.0, 0.5, 1.0])
def test_cancel_leaves_the_previous_output_untouched(tmp_path, fraction):
    """Cancelled at the first, a middle and the last cancel check of a run (counted on a full run
    first), nothing is written and the user's file at OUTPUT stays."""
    from rason_plugin.core.change import ChangeDetectionCancelled

    ref, tgt = _drift_pair(2, np.array([1.1, 0.9]), np.array([10.0, -10.0]), size=(120, 90))
    rp = write_tif(tmp_path / "ref.tif", ref)
    tp = write_tif(tmp_path / "tgt.tif", tgt)
    counted = []
    run_radiometric_normalisation(rp, tp, out_normalised=str(tmp_path / "full.tif"), block_size=8,
                                  is_cancelled=lambda: counted.append(1) and False)
    (tmp_path / "full.tif").unlink()
    cancel_at = max(1, int(fraction * len(counted)))
    out = tmp_path / "n.tif"
    out.write_bytes(b"the user's file")
    calls = []

    def is_cancelled():
        calls.append(1)
        return len(calls) >= cancel_at

    with pytest.raises(ChangeDetectionCancelled):
        run_radiometric_normalisation(rp, tp, out_normalised=str(out), block_size=8,
                                      is_cancelled=is_cancelled)
    assert out.read_bytes() == b"the user's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.tif", "ref.tif", "tgt.tif"]
