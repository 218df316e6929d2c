"""Targets: labelling against a flood fill, the closing that joins a broken ship, shapes in closed form."""
from __future__ import annotations

import math

import numpy as np
import pytest

from rason_plugin.core.ships.targets import closing, extract_targets, label, measure


def flood_components(mask):
    """Oracle: breadth-first 8-connected flood fill; returns a set of frozensets of pixels."""
    seen = set()
    comps = set()
    h, w = mask.shape
    for r in range(h):
        for c in range(w):
            if mask[r, c] and (r, c) not in seen:
                stack, comp = [(r, c)], set()
                seen.add((r, c))
                while stack:
                    a, b = stack.pop()
                    comp.add((a, b))
                    for da in (-1, 0, 1):
                        for db in (-1, 0, 1):
                            p = (a + da, b + db)
                            if 0 <= p[0] < h and 0 <= p[1] < w and mask[p] and p not in seen:
                                seen.add(p)
                                stack.append(p)
                comps.add(frozenset(comp))
    return comps


@pytest.mark.parametrize("seed", range(5))
def test_label_matches_flood_fill(seed):
    mask = np.random.default_rng(seed).random((30, 41)) > 0.6
    labels, count = label(mask)
    got = {frozenset(zip(*np.nonzero(labels == k))) for k in range(1, count + 1)}
    assert got == flood_components(mask)


def test_closing_joins_a_one_pixel_gap_but_not_three():
    mask = np.zeros((9, 30), bool)
    mask[4, 2:8] = True
    mask[4, 9:15] = True  # 1-pixel gap: one ship after a closing by a 3x3 square
    mask[4, 18:24] = True  # 3-pixel gap (15..17): stays apart
    _, count = label(closing(mask, 1))
    assert count == 2
    _, raw = label(mask)
    assert raw == 3


def test_broken_ship_is_one_target_measured_on_its_own_pixels():
    mask = np.zeros((9, 30), bool)
    mask[4, 2:8] = True
    mask[4, 9:15] = True
    inten = np.where(mask, 100.0, 1.0)
    targets = extract_targets(mask, inten, np.ones(mask.shape), 10.0, 10.0, closing_half=1)
    assert len(targets) == 1
    # 12 detected pixels; their cloud spans columns 2..14 with a hole at 8; the fill pixel is not counted.
    assert targets[0].n_pixels == 12


def test_shapes_from_moments():
    p = 10.0
    inten = np.ones((40, 40))
    mean = np.ones((40, 40))
    # A solid 10 x 2 pixel bar, east-west: variance along (n^2 - 1)/12 p^2, so sqrt(12 var + p^2) = n p.
    rows, cols = np.nonzero(np.pad(np.ones((2, 10), bool), ((5, 33), (3, 27))))
    t = measure(rows, cols, inten, mean, p, p)
    assert t.length_m == pytest.approx(100.0)
    assert t.width_m == pytest.approx(20.0)
    assert t.heading_deg == pytest.approx(90.0)
    # North-south bar: heading 0 (or 180, the same axis).
    t = measure(cols, rows, inten, mean, p, p)
    assert min(t.heading_deg, 180 - t.heading_deg) == pytest.approx(0.0, abs=1e-9)
    # A diagonal line of n pixels going down-right (south-east): points k p sqrt(2) apart, variance
    # along 2 p^2 (n^2-1)/12, plus a pixel's own p^2/12: length p sqrt(2 n^2 - 1); axis 135 degrees.
    n = 12
    k = np.arange(n)
    t = measure(k + 3, k + 5, inten, mean, p, p)
    assert t.length_m == pytest.approx(p * math.sqrt(2 * n * n - 1))
    assert t.heading_deg == pytest.approx(135.0)


def test_length_limits_drop_targets():
    mask = np.zeros((20, 40), bool)
    mask[3, 3] = True  # one pixel: 10 m
    mask[10, 5:35] = True  # 300 m
    inten = np.where(mask, 50.0, 1.0)
    got = extract_targets(mask, inten, np.ones(mask.shape), 10.0, 10.0, 1, 25.0, 200.0)
    assert got == []
    got = extract_targets(mask, inten, np.ones(mask.shape), 10.0, 10.0, 1, 25.0, 400.0)
    assert [round(t.length_m) for t in got] == [300]
    # Score: peak over the ring's mean clutter, 10 log10(50 / 1).
    assert got[0].score == pytest.approx(10 * math.log10(50.0))
