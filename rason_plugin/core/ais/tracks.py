"""Vessel track segmentation, vectorised with numpy over positions sorted by (mmsi, time).

A segment ends where the MMSI changes or the time between two consecutive reports exceeds the
maximum gap (strictly greater, as MovingPandas' ObservationGapSplitter does). Before splitting,
speed outliers are dropped, one report per impossible jump and never its neighbours:

- a report implying an impossible speed to both its neighbours (a spike) goes;
- at either end of a run, a report whose only link is too fast goes when its neighbour's other
  link is plausible (the neighbour is confirmed by the rest of the track);
- in a run of two reports with one too-fast link, nothing tells which is wrong: the later one
  goes, as a forward filter would drop it, and the earlier is kept.

This is repeated (links recomputed) until no outlier is left. Segments of one report cannot be
lines; they are counted and left out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .positions import Positions

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius
KNOT_MS = 1852.0 / 3600.0


def haversine_m(lon1, lat1, lon2, lat2):
    """Return great-circle distances in metres (haversine formula, spherical Earth)."""
    lon1, lat1, lon2, lat2 = (np.radians(a) for a in (lon1, lat1, lon2, lat2))
    a = (np.sin((lat2 - lat1) / 2.0) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2.0) ** 2)
    return 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@dataclass
class Segments:
    """Segments as arrays; ``start``/``stop`` slice the kept, sorted positions ``points``."""

    points: Positions
    start: np.ndarray
    stop: np.ndarray
    mmsi: np.ndarray
    segment_id: np.ndarray  # 1-based within each MMSI
    start_time: np.ndarray
    end_time: np.ndarray
    n_points: np.ndarray
    length_km: np.ndarray
    mean_sog: np.ndarray
    max_sog: np.ndarray
    speed_outliers: int
    single_point_segments: int
    stationary_segments: int = 0

    def __len__(self) -> int:
        return len(self.start)


def _drop_speed_outliers(pos: Positions, max_gap_s: float, max_speed_kn: float,
                         max_passes: int = 10) -> tuple[np.ndarray, int]:
    keep = np.arange(len(pos))
    limit = max_speed_kn * KNOT_MS
    dropped = 0
    for _ in range(max_passes):
        if len(keep) < 2:
            break
        m, t = pos.mmsi[keep], pos.t[keep]
        dt = np.diff(t)
        linked = (m[1:] == m[:-1]) & (dt <= max_gap_s)
        dist = haversine_m(pos.lon[keep][:-1], pos.lat[keep][:-1],
                           pos.lon[keep][1:], pos.lat[keep][1:])
        with np.errstate(divide="ignore", invalid="ignore"):
            fast = linked & (dist > limit * dt)
        has_in = np.concatenate(([False], linked))
        has_out = np.concatenate((linked, [False]))
        bad_in = np.concatenate(([False], fast))
        bad_out = np.concatenate((fast, [False]))
        spike = has_in & has_out & bad_in & bad_out
        # the neighbour's other link: for a run's first report, its successor's outgoing link;
        # for a run's last report, its predecessor's incoming link
        next_out_ok = np.concatenate((has_out[1:] & ~bad_out[1:], [False]))
        prev_in_ok = np.concatenate(([False], has_in[:-1] & ~bad_in[:-1]))
        first_bad = ~has_in & bad_out & next_out_ok
        last_bad = ~has_out & bad_in & (prev_in_ok | ~np.concatenate(([False], has_in[:-1])))
        outlier = spike | first_bad | last_bad
        if not outlier.any():
            break
        dropped += int(outlier.sum())
        keep = keep[~outlier]
    return keep, dropped


def segment_tracks(pos: Positions, max_gap_minutes: float, max_speed_knots: float,
                   progress=None, is_cancelled=None, drop_stationary: bool = True) -> Segments:
    """Return the track segments of cleaned positions (see the module docstring for the rules).

    With ``drop_stationary`` a segment whose reports all sit at one position (a moored vessel
    with a steady fix) is left out and counted: it has no length, so it is no valid line.
    """
    max_gap_s = float(max_gap_minutes) * 60.0
    if max_speed_knots and max_speed_knots > 0:
        keep, outliers = _drop_speed_outliers(pos, max_gap_s, float(max_speed_knots))
    else:
        keep, outliers = np.arange(len(pos)), 0
    if progress:
        progress(0.4)
    if is_cancelled and is_cancelled():
        raise InterruptedError("cancelled")
    kept = Positions(mmsi=pos.mmsi[keep], t=pos.t[keep], lon=pos.lon[keep], lat=pos.lat[keep],
                     sog=None if pos.sog is None else pos.sog[keep],
                     index=None if pos.index is None else pos.index[keep], names=pos.names,
                     skipped=pos.skipped, rows_in=pos.rows_in, was_sorted=pos.was_sorted)
    n = len(kept)
    if n == 0:
        empty_i = np.zeros(0, dtype=np.int64)
        empty_f = np.zeros(0, dtype=np.float64)
        return Segments(kept, empty_i, empty_i, empty_i, empty_i, empty_f, empty_f, empty_i,
                        empty_f, empty_f, empty_f, outliers, 0)
    brk = np.ones(n, dtype=bool)
    brk[1:] = (kept.mmsi[1:] != kept.mmsi[:-1]) | (np.diff(kept.t) > max_gap_s)
    starts = np.flatnonzero(brk)
    stops = np.append(starts[1:], n)
    sizes = stops - starts
    multi = sizes > 1
    singles = int((~multi).sum())
    starts, stops, sizes = starts[multi], stops[multi], sizes[multi]

    # Positions of the one-report segments left out must not leak into reduceat's ranges
    # (each range runs to the next start), so they are masked with -inf.
    in_seg = np.zeros(n + 1, dtype=np.int64)
    np.add.at(in_seg, starts, 1)
    np.add.at(in_seg, stops, -1)
    in_seg = np.cumsum(in_seg[:-1]) > 0

    step = np.zeros(n, dtype=np.float64)
    step[1:] = haversine_m(kept.lon[:-1], kept.lat[:-1], kept.lon[1:], kept.lat[1:])
    step[brk] = 0.0  # no distance across a break
    cum = np.concatenate(([0.0], np.cumsum(step)))
    length_m = cum[stops] - cum[starts]
    duration = kept.t[stops - 1] - kept.t[starts]

    mean_sog, max_sog = _segment_speeds(kept, starts, stops, in_seg, step, brk, length_m, duration)

    stationary = 0
    if drop_stationary and len(starts):
        moving = length_m > 0
        stationary = int((~moving).sum())
        if stationary:
            starts, stops, sizes = starts[moving], stops[moving], sizes[moving]
            length_m, mean_sog, max_sog = length_m[moving], mean_sog[moving], max_sog[moving]
    seg_mmsi = kept.mmsi[starts]
    first_of_vessel = np.ones(len(starts), dtype=bool)
    first_of_vessel[1:] = seg_mmsi[1:] != seg_mmsi[:-1]
    group_start = np.maximum.accumulate(np.where(first_of_vessel, np.arange(len(starts)), 0))
    segment_id = np.arange(len(starts)) - group_start + 1
    if progress:
        progress(1.0)
    return Segments(points=kept, start=starts, stop=stops, mmsi=seg_mmsi, segment_id=segment_id,
                    start_time=kept.t[starts], end_time=kept.t[stops - 1], n_points=sizes,
                    length_km=length_m / 1000.0, mean_sog=mean_sog, max_sog=max_sog,
                    speed_outliers=outliers, single_point_segments=singles,
                    stationary_segments=stationary)


def _segment_speeds(kept, starts, stops, in_seg, step, brk, length_m, duration):
    """Return (mean, max) speed in knots per segment: from the SOG column when there is one,
    else the speeds the positions imply (``step`` metres over the time between reports)."""
    n = len(kept)
    def seg_max(values):
        if not len(starts):
            return np.zeros(0)
        return np.maximum.reduceat(np.where(in_seg, values, -np.inf), starts)

    if kept.sog is not None and len(starts):
        sog = kept.sog
        valid = np.isfinite(sog)
        csum = np.concatenate(([0.0], np.cumsum(np.where(valid, sog, 0.0))))
        ccount = np.concatenate(([0], np.cumsum(valid)))
        count = ccount[stops] - ccount[starts]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_sog = (csum[stops] - csum[starts]) / count
        max_sog = np.where(count > 0, seg_max(np.where(valid, sog, -np.inf)), np.nan)
    else:
        # No SOG column: report the speed implied by the positions instead.
        dt = np.zeros(n)
        dt[1:] = np.diff(kept.t)
        leg_speed = np.zeros(n)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_sog = length_m / duration / KNOT_MS
            leg_speed[1:] = np.where(dt[1:] > 0, step[1:] / dt[1:] / KNOT_MS, 0.0)
        leg_speed[brk] = 0.0
        max_sog = seg_max(leg_speed)
    return mean_sog, max_sog
