"""Dark vessels: AIS positions moved to a radar image's time and matched one-to-one to its detections.

Pure numpy, coordinates in metres of a local projected frame (x east, y north), times in epoch
seconds. The method is Global Fishing Watch's (Kroodsma et al., Sci. Rep. 12, 2022; Paolo et al.,
Nature 625, 2024): detections left without an AIS partner are the vessels that did not broadcast.

Moving targets in SAR. A target with a velocity component v_r toward the radar (slant range) gets
a Doppler shift that SAR focusing reads as an along-track position: it appears displaced along
the flight direction by dx = (R / V) * v_r, forward when it approaches, with R the slant range and
V the platform velocity (Raney, "Synthetic aperture imaging radar and moving targets", IEEE TAES
7(3), 1971; the "train off the track" effect). v_r is the ground velocity component along the
look direction (perpendicular to the flight heading, to the right for Sentinel-1) times the sine
of the incidence angle.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

KNOT_MS = 1852.0 / 3600.0


@dataclass
class VesselAtImage:
    """One AIS vessel placed at the image time."""

    mmsi: int
    x: float  # true position (m)
    y: float
    vx: float  # ground velocity (m/s, east and north)
    vy: float
    time_gap_s: float  # time from the image to the nearest AIS fix used
    name: str = ""


def predict_vessel(times: np.ndarray, xs: np.ndarray, ys: np.ndarray, sog_kn: Optional[np.ndarray],
                   cog_deg: Optional[np.ndarray], t_image: float, max_gap_s: float):
    """Return (x, y, vx, vy, gap_s) of one vessel at ``t_image``, or None when no fix is close enough.

    Fixes must be sorted by time. With a fix within ``max_gap_s`` on each side, the position is
    interpolated between them. Otherwise it is extrapolated from the nearest fix within
    ``max_gap_s`` by its speed and course; without them, by the velocity of the track segment
    at that fix (a lone fix holds its position, and so does a fix reporting under STATIONARY_KN).
    The velocity is the nearest fix's speed and
    course when reported, else the segment's.
    """
    n = times.size
    if n == 0:
        return None
    after = int(np.searchsorted(times, t_image, side="left"))
    i0 = after - 1 if after > 0 else None
    i1 = after if after < n else None
    ok0 = i0 is not None and t_image - times[i0] <= max_gap_s
    ok1 = i1 is not None and times[i1] - t_image <= max_gap_s
    if not ok0 and not ok1:
        return None
    nearest = i0 if ok0 and (not ok1 or t_image - times[i0] <= times[i1] - t_image) else i1
    gap = abs(float(times[nearest]) - t_image)
    vel = _fix_velocity(sog_kn, cog_deg, nearest)
    if ok0 and ok1 and times[i1] > times[i0]:
        f = (t_image - times[i0]) / (times[i1] - times[i0])
        x = xs[i0] + f * (xs[i1] - xs[i0])
        y = ys[i0] + f * (ys[i1] - ys[i0])
        if vel is None:
            dt = times[i1] - times[i0]
            vel = ((xs[i1] - xs[i0]) / dt, (ys[i1] - ys[i0]) / dt)
        return float(x), float(y), float(vel[0]), float(vel[1]), gap
    if vel is None and n >= 2:
        # No reported speed and course: those of the track's segment at the nearest fix.
        a = min(max(nearest - 1, 0), n - 2) if nearest == n - 1 else nearest
        dt_seg = float(times[a + 1] - times[a])
        if dt_seg > 0:
            vel = ((xs[a + 1] - xs[a]) / dt_seg, (ys[a + 1] - ys[a]) / dt_seg)
    vx, vy = vel if vel is not None else (0.0, 0.0)
    dt = t_image - float(times[nearest])
    return float(xs[nearest] + vx * dt), float(ys[nearest] + vy * dt), float(vx), float(vy), gap


# Below this reported speed a vessel is moored or at anchor: extrapolating it along a segment
# between two noisy fixes would only move it by the GPS noise divided by the time between them.
STATIONARY_KN = 0.5


def _fix_velocity(sog_kn, cog_deg, i):
    if sog_kn is None:
        return None
    s = sog_kn[i]
    if not np.isfinite(s) or s < 0 or s >= 102.2:
        return None  # AIS "not available" (SOG 102.3 kn)
    if s < STATIONARY_KN:
        return 0.0, 0.0
    c = cog_deg[i] if cog_deg is not None else math.nan
    if not np.isfinite(c) or not 0 <= c < 360:
        return None  # COG 360 is "not available": the track's segment gives the direction
    v = s * KNOT_MS
    return v * math.sin(math.radians(c)), v * math.cos(math.radians(c))


def azimuth_shift(vx, vy, platform_heading_deg: float, incidence_deg: float, r_over_v_s: float):
    """Return (dx, dy): where SAR shows a target moving at (vx, vy), relative to where it is.

    Flight direction f = (sin h, cos h); a right-looking radar looks along l = (cos h, -sin h),
    away from the track. Ground speed away from the radar is v.l; its slant-range projection is
    v.l * sin(incidence); toward the radar that is v_r = -(v.l) sin(incidence). The image shifts
    the target by (R/V) * v_r along f.
    """
    h = math.radians(platform_heading_deg)
    fx, fy = math.sin(h), math.cos(h)
    lx, ly = math.cos(h), -math.sin(h)
    v_r = -(np.asarray(vx) * lx + np.asarray(vy) * ly) * math.sin(math.radians(incidence_deg))
    shift = r_over_v_s * v_r
    return shift * fx, shift * fy


def max_azimuth_shift(speed_ms, incidence_deg: float, r_over_v_s: float):
    """Return the largest shift any heading could give at ``speed_ms`` (all of it along the look)."""
    return r_over_v_s * np.abs(speed_ms) * math.sin(math.radians(incidence_deg))


def assign(cost: np.ndarray) -> np.ndarray:
    """Return, for each row, the column of a minimum-total-cost one-to-one assignment (-1: none).

    Shortest augmenting paths with potentials (Kuhn-Munkres / Hungarian method in the
    Jonker-Volgenant form; O(n^2 m) for n rows <= m columns, inner loops vectorised). A
    rectangular problem is solved on the smaller side. Entries must be finite.
    """
    cost = np.asarray(cost, dtype=np.float64)
    n, m = cost.shape
    if n == 0 or m == 0:
        return np.full(n, -1, dtype=np.int64)
    if n > m:
        cols = assign(cost.T)
        rows = np.full(n, -1, dtype=np.int64)
        for j, i in enumerate(cols):
            if i >= 0:
                rows[i] = j
        return rows
    inf = math.inf
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    p = np.zeros(m + 1, dtype=np.int64)  # p[j]: row (1-based) assigned to column j; column 0 is the root
    way = np.zeros(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(m + 1, inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            free = ~used[1:]
            cur = cost[i0 - 1] - u[i0] - v[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            cand = np.where(free, minv[1:], inf)
            j1 = int(np.argmin(cand)) + 1
            delta = cand[j1 - 1]
            used_idx = np.flatnonzero(used)
            u[p[used_idx]] += delta
            v[used_idx] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    rows = np.full(n, -1, dtype=np.int64)
    for j in range(1, m + 1):
        if p[j]:
            rows[p[j] - 1] = j - 1
    return rows


def match(det_xy: np.ndarray, ais_xy: np.ndarray, max_distance: np.ndarray):
    """Return (ais_index_per_detection, distance_per_detection); -1 / NaN where unmatched.

    ``max_distance`` is one limit per AIS vessel (moving vessels may get a wider one). Among
    pairs within their limits, the assignment first matches as many as it can, then minimises
    the total distance: a forbidden pair costs more than any sum of allowed ones, so the solver
    takes one only when nothing else is left, and it is dropped afterwards.
    """
    nd, na = len(det_xy), len(ais_xy)
    out = np.full(nd, -1, dtype=np.int64)
    dist_out = np.full(nd, np.nan)
    if nd == 0 or na == 0:
        return out, dist_out
    d = np.hypot(det_xy[:, 0:1] - ais_xy[None, :, 0], det_xy[:, 1:2] - ais_xy[None, :, 1])
    allowed = d <= np.asarray(max_distance, dtype=np.float64)[None, :]
    rows = np.flatnonzero(allowed.any(axis=1))
    cols = np.flatnonzero(allowed.any(axis=0))
    if rows.size == 0:
        return out, dist_out
    sub = d[np.ix_(rows, cols)]
    sub_ok = allowed[np.ix_(rows, cols)]
    big = (float(sub[sub_ok].sum()) + 1.0) * 2.0
    chosen = assign(np.where(sub_ok, sub, big))
    for k, c in enumerate(chosen):
        if c >= 0 and sub_ok[k, c]:
            out[rows[k]] = cols[c]
            dist_out[rows[k]] = sub[k, c]
    return out, dist_out


@dataclass
class MatchResult:
    """Per-detection AIS partner and the AIS vessels nobody matched."""

    ais_index: np.ndarray  # per detection, index into the vessels or -1 (dark)
    distance_m: np.ndarray
    apparent_xy: np.ndarray  # per vessel, where the image should show it
    unmatched: List[int]


def match_detections(det_xy: np.ndarray, vessels: Sequence[VesselAtImage], match_distance_m: float,
                     platform_heading_deg: Optional[float], incidence_deg: float,
                     r_over_v_s: float) -> MatchResult:
    """Return the one-to-one match of detections to vessels placed at the image time.

    With a platform heading, each vessel is moved by its azimuth shift first. Without one, the
    shift's direction is unknown: a moving vessel's match distance grows by the largest shift
    its speed could give.
    """
    na = len(vessels)
    xy = np.array([[v.x, v.y] for v in vessels], dtype=np.float64).reshape(na, 2)
    vel = np.array([[v.vx, v.vy] for v in vessels], dtype=np.float64).reshape(na, 2)
    limits = np.full(na, float(match_distance_m))
    if platform_heading_deg is not None:
        dx, dy = azimuth_shift(vel[:, 0], vel[:, 1], platform_heading_deg, incidence_deg, r_over_v_s)
        xy = xy + np.column_stack([dx, dy])
    else:
        limits = limits + max_azimuth_shift(np.hypot(vel[:, 0], vel[:, 1]), incidence_deg, r_over_v_s)
    det = np.asarray(det_xy, dtype=np.float64).reshape(-1, 2)
    idx, dist = match(det, xy, limits)
    taken = set(int(i) for i in idx if i >= 0)
    return MatchResult(idx, dist, xy, [i for i in range(na) if i not in taken])
