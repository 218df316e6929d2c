"""The detector's fast paths (strip_pixels.py, thresholds on candidate blocks) against the plain
whole-array computations they replace: equal to the bit, so detections cannot change."""
from __future__ import annotations

import numpy as np
import pytest

from rason_plugin.core.ships import blockcfar, cfar
from rason_plugin.core.ships.strip_pixels import ArrayPixels, RawPixels, _block_sum, block_stats


def _padded(a, k, fill):
    h, w = a.shape
    return np.pad(a, ((0, (-h) % k), (0, (-w) % k)), constant_values=fill)


@pytest.mark.parametrize("k,shape", [(8, (37, 53)), (5, (40, 45)), (3, (7, 4))])
def test_block_stats_equal_whole_strip_block_sums_and_a_max_loop(k, shape):
    """Oracle: blockcfar.block_sums on the strip padded to whole blocks (the former whole-strip
    path) for the sums, bit for bit; a loop over each block's valid pixels for the max."""
    rng = np.random.default_rng(11)
    inten = (rng.gamma(2.0, 50.0, shape) ** 1.5).astype(np.float32)
    valid = rng.random(shape) > 0.25
    n_b, s1_b, s2_b, max_b, logs = block_stats(ArrayPixels(inten, valid), k)
    assert logs is None
    ref_n, ref_s1, ref_s2 = blockcfar.block_sums(_padded(inten, k, 0), _padded(valid, k, False), k)
    np.testing.assert_array_equal(n_b, ref_n)
    np.testing.assert_array_equal(s1_b, ref_s1)
    np.testing.assert_array_equal(s2_b, ref_s2)
    hb, wb = ref_n.shape
    for i in range(hb):
        for j in range(wb):
            blk = inten[i * k:(i + 1) * k, j * k:(j + 1) * k][valid[i * k:(i + 1) * k, j * k:(j + 1) * k]]
            assert max_b[i, j] == (blk.max() if blk.size else 0.0)


def test_all_valid_counts_are_rows_times_columns():
    """A 13 x 10 strip in 4-pixel blocks: block rows hold 4, 4, 4, 1 rows, block columns 4, 4, 2
    columns (hand count); every pixel valid, so the counts come as that pair."""
    raw = np.full((1, 13, 10), 7, dtype=np.uint16)
    n_b, s1_b, _, max_b, _ = block_stats(RawPixels(raw, None, 1), 4)
    rows, cols = n_b
    np.testing.assert_array_equal(rows, [4, 4, 4, 1])
    np.testing.assert_array_equal(cols, [4, 4, 2])
    assert s1_b[3, 2] == 1 * 2 * 49.0  # one row x two columns of DN 7, intensity 49
    assert np.all(max_b == 49.0)


@pytest.mark.parametrize("units", [0, 1, 2])
def test_raw_windows_equal_the_whole_strip_conversion(units):
    """Oracle: the former whole-strip path (scene_detect before the change): bands zeroed where the
    engine mask is off, to_intensity over the whole strip, valid = mask & intensity > 0 & ~land."""
    rng = np.random.default_rng(5)
    data = rng.integers(0, 200, (2, 24, 31)).astype(np.uint16 if units == 1 else np.float32)
    engine_valid = rng.random((24, 31)) > 0.1
    land = rng.random((24, 31)) > 0.8
    bands = [np.where(engine_valid, b, 0) for b in data]
    ref = cfar.to_intensity(bands, units, engine_valid)
    ref_valid = engine_valid & (ref > 0) & ~land
    pixels = RawPixels(data, engine_valid, units, land)
    for r0, r1, c0, c1 in [(0, 24, 0, 31), (3, 11, 5, 20), (16, 24, 0, 8)]:
        got, valid, _ = pixels.window(r0, r1, c0, c1)
        np.testing.assert_array_equal(got, ref[r0:r1, c0:c1])
        np.testing.assert_array_equal(valid, ref_valid[r0:r1, c0:c1])
    out = np.empty((8, 31), dtype=np.float32)
    got, _, _ = pixels.window(8, 16, 0, 31, out=out)
    np.testing.assert_array_equal(got, ref[8:16])


@pytest.mark.parametrize("clutter", [cfar.K, cfar.GAUSSIAN, cfar.GAMMA])
def test_candidate_thresholds_keep_every_hot_block(clutter):
    """Oracle: thresholds on every block. With the blocks' maxima the model runs on candidates only;
    the blocks whose max exceeds the threshold must be the same, with the same threshold and mean."""
    rng = np.random.default_rng(9)
    k, g, b = 4, 1, 4
    # Pure speckle (no texture): the K model then sets nearly its least multiplier, the case the
    # bound must not cut; some textured rows for the rest.
    inten = rng.gamma(4.4, 1 / 4.4, (96, 128)).astype(np.float32)
    inten[:32] *= rng.gamma(3.0, 1 / 3.0, (32, 128)).astype(np.float32)
    inten[40:42, 60:70] *= 300.0  # a ship
    valid = rng.random((96, 128)) > 0.05
    pfa = 1e-4
    # Pixels just above their block's threshold: a block's ring excludes the block itself
    # (guard of one block), so raising a pixel leaves that block's threshold as it was.
    thr0, _ = blockcfar.thresholds_from_sums(*block_stats(ArrayPixels(inten, valid), k)[:3], None, g, b,
                                             pfa, clutter)
    for i, j in [(5, 5), (12, 20), (18, 8), (20, 28), (6, 25)]:
        inten[i * k + 1, j * k + 2] = np.float32(thr0[i, j] * 1.001)
        valid[i * k + 1, j * k + 2] = True
    n_b, s1_b, s2_b, max_b, _ = block_stats(ArrayPixels(inten, valid), k)
    full_thr, full_mean = blockcfar.thresholds_from_sums(n_b, s1_b, s2_b, None, g, b, pfa, clutter)
    thr, mean = blockcfar.thresholds_from_sums(n_b, s1_b, s2_b, None, g, b, pfa, clutter, max_b)
    with np.errstate(invalid="ignore"):
        hot_full, hot = max_b > full_thr, max_b > thr
    np.testing.assert_array_equal(hot, hot_full)
    assert hot.any()
    np.testing.assert_array_equal(thr[hot], full_thr[hot])
    np.testing.assert_array_equal(mean[hot], full_mean[hot])
    tested = np.isfinite(thr)
    np.testing.assert_array_equal(thr[tested], full_thr[tested])


def test_box_sums_at_and_block_sum_match_the_plain_computations():
    """Oracles: cfar.box_sum's values at the chosen pixels; numpy's sum along the short axis."""
    rng = np.random.default_rng(4)
    a = rng.random((23, 41)) * 1e4
    rows, cols = rng.integers(0, 23, 60), rng.integers(0, 41, 60)
    outer, inner = cfar.box_sums_at(a, (5, 1), rows, cols)
    np.testing.assert_array_equal(outer, cfar.box_sum(a, 5)[rows, cols])
    np.testing.assert_array_equal(inner, cfar.box_sum(a, 1)[rows, cols])
    for k in range(1, 12):
        c = (rng.random((500, k)) * 10.0 ** rng.integers(-3, 6, (500, k))).astype(np.float32)
        out = np.empty(500)
        _block_sum(c, out)
        np.testing.assert_array_equal(out, c.sum(axis=1))
