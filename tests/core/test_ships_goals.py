"""Issue #14's goals on simulated scenes: detection rate, false alarms, length error, strip independence,
dark-vessel labelling, missed AIS vessels and the azimuth shift in closed form."""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import ships_synthetic as ss  # noqa: E402

from rason_plugin.core.ais.darkvessels import (  # noqa: E402
    VesselAtImage,
    assign,
    azimuth_shift,
    match,
    match_detections,
    predict_vessel,
)
from rason_plugin.core.ships.detect import DetectionSettings, detect_ships  # noqa: E402

OPEN_SEA_MARGIN_M = 400.0  # "open sea": sea at least this far from land (the scene's coast and piers)


def run_detector(scene, strip_rows=400, settings=None):
    intensity = scene.intensity.astype(np.float64)
    valid = ~scene.land

    def read(r0, n):
        return intensity[r0:r0 + n], valid[r0:r0 + n]

    return detect_ships(read, scene.height, scene.width, ss.PIXEL, ss.PIXEL, settings or DetectionSettings(),
                        strip_rows)


def truth_of(scene, t):
    """The ship whose drawn hull lies within half its length + 30 m of the detection, or None."""
    x, y = t.col * ss.PIXEL, -t.row * ss.PIXEL
    best = min(scene.ships, key=lambda s: math.hypot(x - s.ax, y - s.ay))
    return best if math.hypot(x - best.ax, y - best.ay) <= best.length / 2 + 30 else None


def open_sea(scene):
    """Boolean map of sea at least OPEN_SEA_MARGIN_M from land: distance by row-wise coast columns
    and by the piers' pixels (brute force over land pixels near the coast is cheap at this size)."""
    h, w = scene.land.shape
    cols = np.arange(w)
    far = cols[None, :] * ss.PIXEL >= (scene.coast_col[:, None] + 0) * ss.PIXEL + OPEN_SEA_MARGIN_M
    land_rows, land_cols = np.nonzero(scene.land & (cols[None, :] >= scene.coast_col[:, None]))  # piers
    m = int(OPEN_SEA_MARGIN_M / ss.PIXEL)
    near = np.zeros_like(far)
    for r, c in zip(land_rows, land_cols):
        near[max(0, r - m):r + m + 1, max(0, c - m):c + m + 1] = True
    return far & ~near


@pytest.fixture(scope="module", params=[0, 1])
def scene_and_targets(request):
    scene = ss.make_scene(request.param)
    return scene, run_detector(scene)


def test_defaults_find_ships_with_few_false_alarms_and_good_lengths(scene_and_targets):
    scene, targets = scene_and_targets
    found = {}
    false_alarms = 0
    sea = open_sea(scene)
    for t in targets:
        s = truth_of(scene, t)
        if s is not None:
            found.setdefault(s.ident, t)
        elif sea[int(t.row), int(t.col)]:
            false_alarms += 1
    big = [s for s in scene.ships if s.length >= 50]
    recall = sum(s.ident in found for s in big) / len(big)
    assert recall >= 0.90
    area_100km2 = sea.sum() * ss.PIXEL ** 2 / 1e8
    assert false_alarms / area_100km2 <= 1.0
    errors = [abs(found[s.ident].length_m - s.length) / s.length for s in scene.ships
              if s.length >= 100 and s.ident in found]
    assert float(np.median(errors)) <= 0.25
    # Every ship moored beside a pier is found, as one detection off the pier.
    assert all(s.ident in found for s in scene.ships if s.beside_pier)


def test_results_do_not_depend_on_strip_size():
    scene = ss.make_scene(2, size=700, n_open=12, n_pier=2)
    ref = run_detector(scene, strip_rows=10_000)
    assert len(ref) >= 10
    for rows in (37, 128, 333):
        got = run_detector(scene, strip_rows=rows)
        assert len(got) == len(ref)
        key = sorted((round(t.row, 6), round(t.col, 6), round(t.length_m, 6), t.n_pixels) for t in got)
        want = sorted((round(t.row, 6), round(t.col, 6), round(t.length_m, 6), t.n_pixels) for t in ref)
        assert key == want


def test_azimuth_shift_closed_form():
    # Flying north (heading 0), a right-looking radar looks east. A ship sailing west at 10 kn moves
    # straight toward the radar on the ground: v_r = 10 * 1852/3600 * sin(35 deg) = 2.9508 m/s, and
    # SAR shows it (R/V) v_r = 115 * 2.9508 = 339.3 m forward (north): the "about 340 m".
    v = 10 * 1852 / 3600
    dx, dy = azimuth_shift(-v, 0.0, 0.0, 35.0, 115.0)
    assert dx == pytest.approx(0.0, abs=1e-9)
    assert dy == pytest.approx(115 * v * math.sin(math.radians(35)), rel=1e-12)
    assert dy == pytest.approx(339.3, abs=0.1)
    # Receding (east): backward. Along the track (north): no range velocity, no shift.
    assert azimuth_shift(v, 0.0, 0.0, 35.0, 115.0)[1] == pytest.approx(-dy)
    assert azimuth_shift(0.0, v, 0.0, 35.0, 115.0) == pytest.approx((0.0, 0.0), abs=1e-9)
    # Heading 90 (flying east) looks south: a ship sailing north approaches, appears shifted east.
    sx, sy = azimuth_shift(0.0, v, 90.0, 35.0, 115.0)
    assert sx == pytest.approx(dy) and sy == pytest.approx(0.0, abs=1e-9)


def test_prediction_interpolates_and_extrapolates_only_within_the_gap():
    times = np.array([0.0, 600.0])
    xs, ys = np.array([0.0, 600.0]), np.array([0.0, 0.0])
    # Between fixes: straight-line interpolation, 1 m/s east, at t = 150 s -> x = 150.
    x, y, vx, vy, gap = predict_vessel(times, xs, ys, None, None, 150.0, 500.0)
    assert (x, y, vx, gap) == pytest.approx((150.0, 0.0, 1.0, 150.0))
    # With a 300 s limit the fix 450 s later may not place the vessel: it is extrapolated from the
    # fix at 0 s with the segment's velocity (1 m/s east, no speed reported): x = 150 again, and
    # a lone fix without speed holds its position.
    assert predict_vessel(times, xs, ys, None, None, 150.0, 300.0)[:2] == pytest.approx((150.0, 0.0))
    lone = predict_vessel(times[:1], xs[:1], ys[:1], None, None, 150.0, 300.0)
    assert lone[:2] == pytest.approx((0.0, 0.0))
    # After the last fix, by SOG/COG: 10 kn due north for 100 s = 514.4 m north of (600, 0).
    sog, cog = np.array([10.0, 10.0]), np.array([0.0, 0.0])
    x, y, _, _, gap = predict_vessel(times, xs, ys, sog, cog, 700.0, 300.0)
    assert (x, y, gap) == pytest.approx((600.0, 10 * 1852 / 3600 * 100, 100.0))
    assert predict_vessel(times, xs, ys, sog, cog, 1000.0, 300.0) is None


def test_moored_vessel_holds_its_fix_instead_of_following_gps_noise():
    # Two fixes 20 m apart (GPS noise) 120 s apart, both reporting 0.1 kn: the segment would say
    # 0.17 m/s, carrying the vessel 100 m further over 600 s. Below 0.5 kn it stays at the fix.
    times, xs, ys = np.array([0.0, 120.0]), np.array([0.0, 20.0]), np.array([0.0, 0.0])
    sog = np.array([0.1, 0.1])
    x, y, vx, vy, gap = predict_vessel(times, xs, ys, sog, None, 720.0, 900.0)
    assert (x, y, vx, vy, gap) == pytest.approx((20.0, 0.0, 0.0, 0.0, 600.0))


def test_assignment_is_global_not_greedy():
    # Detections at x = 0 and 3, AIS at 1 and -2: greedy pairs (0,1) then (3,-2): 1 + 5 = 6.
    # The optimum is (0,-2) + (3,1): 2 + 2 = 4.
    det = np.array([[0.0, 0.0], [3.0, 0.0]])
    ais = np.array([[1.0, 0.0], [-2.0, 0.0]])
    idx, dist = match(det, ais, np.array([10.0, 10.0]))
    assert list(idx) == [1, 0] and float(np.nansum(dist)) == pytest.approx(4.0)


def test_hungarian_against_all_permutations():
    import itertools
    rng = np.random.default_rng(5)
    for _ in range(100):
        n, m = (int(v) for v in rng.integers(1, 6, 2))
        c = rng.random((n, m))
        r = assign(c)
        got = sum(c[i, r[i]] for i in range(n) if r[i] >= 0)
        if n <= m:
            best = min(sum(c[i, p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
        else:
            best = min(sum(c[p[j], j] for j in range(m)) for p in itertools.permutations(range(n), m))
        assert got == pytest.approx(best)


def place(vessels, max_gap_s=30 * 60.0):
    out = []
    for v in vessels:
        p = predict_vessel(v["times"], v["xs"], v["ys"], v["sog"], v["cog"], ss.T_IMAGE, max_gap_s)
        if p is not None:
            out.append((v, VesselAtImage(v["mmsi"], *p)))
    return out


@pytest.mark.parametrize("with_heading", [True, False])
def test_dark_vessel_goals(with_heading):
    scene = ss.make_scene(3)
    vessels = ss.add_ais(scene, seed=4)
    targets = run_detector(scene)
    placed = place(vessels)
    det_xy = np.array([[t.col * ss.PIXEL, -t.row * ss.PIXEL] for t in targets])
    res = match_detections(det_xy, [p for _, p in placed], 300.0, ss.HEADING if with_heading else None,
                           ss.INCIDENCE, ss.R_OVER_V)
    right = total = 0
    for k, t in enumerate(targets):
        s = truth_of(scene, t)
        if s is None or s.length < 50:
            continue
        total += 1
        a = res.ais_index[k]
        if s.dark:
            right += a < 0
        else:
            right += a >= 0 and placed[a][0]["truth"] is s
    assert total >= 30
    assert right / total >= 0.95
    # Missed: unmatched AIS vessels whose apparent position is in the footprint and at sea.
    missed = set()
    for i in res.unmatched:
        x, y = res.apparent_xy[i]
        r, c = int(-y // ss.PIXEL), int(x // ss.PIXEL)
        if 0 <= r < scene.height and 0 <= c < scene.width and not scene.land[r, c]:
            missed.add(placed[i][1].mmsi)
    assert {v["mmsi"] for v in scene.ais_only} <= missed
    assert not ({v["mmsi"] for v in scene.outside} & missed)
