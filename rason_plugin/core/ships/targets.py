"""From a CFAR detection mask to ships: closing, 8-connected labelling and shape from moments.

Pure numpy, no I/O. Speckle breaks a ship's bright pixels into pieces; a small morphological
closing (dilation then erosion by a square of half-width ``closing``) joins pieces that lie
that close, so one ship is one detection. Shape comes from the second moments of the detected
pixel cloud: a uniform rectangle of length L has variance L^2/12 along its axis, so
L = sqrt(12 * lambda_max) (plus one pixel's own extent, see ``measure``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from .cfar import box_sum


def closing(mask: np.ndarray, half: int) -> np.ndarray:
    """Return the binary closing of ``mask`` by a (2*half+1)^2 square (edges do not erode)."""
    if half <= 0:
        return mask.copy()
    dilated = box_sum(mask.astype(np.float64), half) > 0.5
    # Erosion = not dilation of the complement; outside the array counts as set, so a ship at
    # the edge is not eaten away.
    return ~(box_sum((~dilated).astype(np.float64), half) > 0.5)


def label(mask: np.ndarray):
    """Return (labels, count): 8-connected components of ``mask`` numbered 1..count in raster order.

    Runs of set pixels are joined with union-find; the work grows with the number of runs, which
    is small for a detection mask.
    """
    h, w = mask.shape
    labels = np.zeros((h, w), dtype=np.int32)
    parent: List[int] = [0]

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    prev_runs = []
    runs_per_row = []
    padded = np.zeros(w + 2, dtype=np.int8)
    for r in range(h):
        row = mask[r]
        if not row.any():
            prev_runs = []
            runs_per_row.append([])
            continue
        padded[1:-1] = row
        edges = np.flatnonzero(np.diff(padded))
        runs = []
        for s, e in zip(edges[::2], edges[1::2] - 1):
            s, e = int(s), int(e)
            lab = 0
            for ps, pe, pl in prev_runs:
                if ps <= e + 1 and pe >= s - 1:  # touching, diagonals included
                    if lab == 0:
                        lab = find(pl)
                    else:
                        a, b = find(lab), find(pl)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
                            lab = min(a, b)
            if lab == 0:
                lab = len(parent)
                parent.append(lab)
            runs.append((s, e, lab))
        prev_runs = runs
        runs_per_row.append(runs)
    roots = np.array([find(i) for i in range(len(parent))], dtype=np.int64)
    # Renumber roots 1..count in order of first appearance (raster order).
    final = np.zeros(len(parent), dtype=np.int32)
    count = 0
    for r, runs in enumerate(runs_per_row):
        for s, e, lab in runs:
            root = roots[lab]
            if final[root] == 0:
                count += 1
                final[root] = count
            labels[r, s:e + 1] = final[root]
    return labels, count


@dataclass
class Target:
    """One detected ship, in the strip's pixel frame and in metres."""

    row: float  # centroid, pixel centre coordinates (0.5 = centre of the first row)
    col: float
    length_m: float
    width_m: float
    heading_deg: float  # major axis, clockwise from grid north, 0..180 (SAR cannot tell bow from stern)
    peak_db: float
    mean_db: float
    n_pixels: int
    score: float  # peak over the ring's mean clutter, dB (signal-to-clutter ratio)
    row_min: int
    row_max: int
    col_min: int
    col_max: int


def measure(rows: np.ndarray, cols: np.ndarray, intensity: np.ndarray, clutter_mean: np.ndarray,
            pixel_x_m: float, pixel_y_m: float) -> Target:
    """Return the Target for one pixel cloud (row, col indexes) and its pixels' values.

    Moments are of the unweighted pixel cloud in metres (x east, y north). A pixel is a square of
    side p, whose own variance is p^2/12 along any axis; adding it makes one pixel measure p long
    and a solid n-pixel line n*p, as a ruler would.
    """
    x = (cols + 0.5) * pixel_x_m
    y = -(rows + 0.5) * pixel_y_m
    cx, cy = x.mean(), y.mean()
    dx, dy = x - cx, y - cy
    sxx, syy, sxy = float(np.mean(dx * dx)), float(np.mean(dy * dy)), float(np.mean(dx * dy))
    half_tr = 0.5 * (sxx + syy)
    disc = math.sqrt(max(0.25 * (sxx - syy) ** 2 + sxy * sxy, 0.0))
    lam1, lam2 = half_tr + disc, max(half_tr - disc, 0.0)
    theta = 0.5 * math.atan2(2.0 * sxy, sxx - syy)  # major axis angle from +x (east), counter-clockwise
    ex, ey = math.cos(theta), math.sin(theta)
    heading = math.degrees(math.atan2(ex, ey)) % 180.0
    # One pixel's own extent along the major/minor axis directions.
    p_major2 = (pixel_x_m * ex) ** 2 + (pixel_y_m * ey) ** 2
    p_minor2 = (pixel_x_m * ey) ** 2 + (pixel_y_m * ex) ** 2
    length = math.sqrt(12.0 * lam1 + p_major2)
    width = math.sqrt(12.0 * lam2 + p_minor2)
    values = intensity[rows, cols]
    peak = float(values.max())
    clutter = float(np.nanmean(clutter_mean[rows, cols]))
    tiny = 1e-30
    return Target(
        row=float(rows.mean()) + 0.5, col=float(cols.mean()) + 0.5,
        length_m=length, width_m=width, heading_deg=heading,
        peak_db=10.0 * math.log10(max(peak, tiny)),
        mean_db=10.0 * math.log10(max(float(values.mean()), tiny)),
        n_pixels=int(rows.size),
        score=10.0 * math.log10(max(peak, tiny) / clutter) if clutter > 0 else float("inf"),
        row_min=int(rows.min()), row_max=int(rows.max()),
        col_min=int(cols.min()), col_max=int(cols.max()),
    )


def extract_targets(detected: np.ndarray, intensity: np.ndarray, clutter_mean: np.ndarray,
                    pixel_x_m: float, pixel_y_m: float, closing_half: int = 1,
                    min_length_m: float = 0.0, max_length_m: Optional[float] = None) -> List[Target]:
    """Return the ships in a detection mask, in raster order of their first pixel.

    Pieces within ``closing_half`` pixels of each other are one ship; its shape and brightness
    come from its detected pixels only (the closing's fill adds no pixels to the measurements).
    Ships shorter than ``min_length_m`` or longer than ``max_length_m`` are dropped.
    """
    labels, count = label(closing(detected, closing_half))
    if count == 0:
        return []
    pix_rows, pix_cols = np.nonzero(detected)
    pix_labels = labels[pix_rows, pix_cols]
    order = np.argsort(pix_labels, kind="stable")
    pix_rows, pix_cols, pix_labels = pix_rows[order], pix_cols[order], pix_labels[order]
    bounds = np.searchsorted(pix_labels, np.arange(1, count + 2))
    out = []
    for k in range(count):
        a, b = bounds[k], bounds[k + 1]
        if b <= a:
            continue
        t = measure(pix_rows[a:b], pix_cols[a:b], intensity, clutter_mean, pixel_x_m, pixel_y_m)
        if t.length_m < min_length_m or (max_length_m is not None and t.length_m > max_length_m):
            continue
        out.append(t)
    return out
