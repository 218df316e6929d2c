"""Port calls from positions and port polygons, with entry/exit hysteresis, and period summaries.

Distances to a port polygon are computed in metres in a local equirectangular projection
centred on the polygon (x = R·Δλ·cos φ0, y = R·Δφ). Over a port, a few kilometres across, its
error is far below AIS position noise; it is not meant for polygons hundreds of km wide.

Hysteresis, as maritime analytics state machines do it: a vessel arrives at its first report
within ``entry_m`` of the polygon (0 = inside), and stays in port while its reports stay within
the larger ``exit_m``; the call ends at the last report within ``exit_m``. To end a call the
vessel must stay out: at least ``MIN_REPORTS_OUTSIDE`` (2) consecutive reports beyond ``exit_m``,
or no further report (end of data, or a silence longer than ``max_silence_s``). A single fix
beyond the exit ring between two reports within it is a position jump, not a departure: the call
goes on, and that report counts among its positions. A count, not a duration, because reporting
intervals run from 2 s to 3 min with speed and status, so no one duration fits every vessel.
AIS silence inside the port does not end a call unless it lasts longer than ``max_silence_s``
(a vessel that was gone for days is a new call when it reports again).

A port may have several polygons (a multipolygon); a point inside any of them is inside the
port, also where they overlap. Holes are outside.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Sequence

import numpy as np

from .positions import Positions
from .tracks import EARTH_RADIUS_M

Ring = np.ndarray  # (k, 2) lon/lat, closed or not
MIN_REPORTS_OUTSIDE = 2  # consecutive reports beyond the exit distance that end a call


@dataclass
class Port:
    """A named port area: polygons, each a list of rings (exterior first, then holes)."""

    name: str
    polygons: Sequence[Sequence[Ring]]


def _project(lon, lat, lon0, lat0):
    k = np.pi / 180.0 * EARTH_RADIUS_M
    return (lon - lon0) * k * np.cos(np.radians(lat0)), (lat - lat0) * k


def _ring_edges(ring: np.ndarray):
    ring = np.asarray(ring, dtype=np.float64)
    if len(ring) and not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    return ring[:-1], ring[1:]


def distance_to_port_m(port: Port, lon: np.ndarray, lat: np.ndarray, within_m: float
                       ) -> np.ndarray:
    """Return metres from each point to the port polygons (0 inside), +inf beyond ``within_m``.

    Points outside the polygons' bounding box grown by ``within_m`` are not measured at all,
    which is what keeps a million positions cheap.
    """
    rings = [np.asarray(r, dtype=np.float64) for poly in port.polygons for r in poly]
    if not rings:
        raise ValueError(f"port {port.name!r} has no polygon")
    allpts = np.vstack(rings)
    lon0 = float((allpts[:, 0].min() + allpts[:, 0].max()) / 2)
    lat0 = float((allpts[:, 1].min() + allpts[:, 1].max()) / 2)
    out = np.full(len(lon), np.inf)
    px, py = _project(allpts[:, 0], allpts[:, 1], lon0, lat0)
    xmin, xmax, ymin, ymax = px.min() - within_m, px.max() + within_m, py.min() - within_m, \
        py.max() + within_m
    x, y = _project(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64),
                    lon0, lat0)
    near = np.flatnonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax))
    edges = []
    poly_first_edge = []  # where each polygon's edges start: the inside test is per polygon
    n_edges = 0
    for poly in port.polygons:
        poly_first_edge.append(n_edges)
        for ring in poly:
            a, b = _ring_edges(np.asarray(ring, dtype=np.float64))
            ax, ay = _project(a[:, 0], a[:, 1], lon0, lat0)
            bx, by = _project(b[:, 0], b[:, 1], lon0, lat0)
            edges.append((ax, ay, bx, by))
            n_edges += len(ax)
    # a polygon whose rings have no edge would repeat an index, which reduceat cannot take
    poly_first_edge = np.unique(np.minimum(poly_first_edge, n_edges - 1))
    ax = np.concatenate([e[0] for e in edges])
    ay = np.concatenate([e[1] for e in edges])
    bx = np.concatenate([e[2] for e in edges])
    by = np.concatenate([e[3] for e in edges])
    dx, dy = bx - ax, by - ay
    chunk = max(1000, 2_000_000 // len(ax))  # bounds the (points x edges) temporaries
    len2 = np.where(dx * dx + dy * dy > 0, dx * dx + dy * dy, 1.0)
    for s in range(0, len(near), chunk):
        idx = near[s:s + chunk]
        qx, qy = x[idx][:, None], y[idx][:, None]
        # nearest point on each edge (clamped projection)
        u = np.clip(((qx - ax) * dx + (qy - ay) * dy) / len2, 0.0, 1.0)
        ex, ey = ax + u * dx - qx, ay + u * dy - qy
        dist = np.sqrt((ex * ex + ey * ey).min(axis=1))
        # inside test: even-odd crossings over the rings (holes included) of each polygon,
        # then inside any polygon; one count over all polygons would put overlaps outside
        crosses = ((ay > qy) != (by > qy)) & (
            qx < (bx - ax) * (qy - ay) / np.where(by != ay, by - ay, 1.0) + ax)
        per_polygon = np.add.reduceat(crosses.astype(np.int32), poly_first_edge, axis=1)
        inside = ((per_polygon % 2) == 1).any(axis=1)
        dist[inside] = 0.0
        out[idx] = np.where(dist <= within_m, dist, np.inf)
    return out


@dataclass
class PortCalls:
    """One row per call, as arrays."""

    mmsi: np.ndarray
    port: list
    arrival: np.ndarray
    departure: np.ndarray
    dwell_hours: np.ndarray
    min_sog: np.ndarray
    n_positions: np.ndarray

    def __len__(self) -> int:
        return len(self.mmsi)


def port_calls(pos: Positions, ports: Sequence[Port], entry_m: float, exit_m: float,
               max_silence_s: float = 48 * 3600.0, progress=None, is_cancelled=None
               ) -> PortCalls:
    """Return the port calls in cleaned (mmsi, time)-sorted positions (see module docstring)."""
    if exit_m < entry_m:
        raise ValueError(f"exit distance {exit_m} m must not be smaller than entry {entry_m} m")
    cols = {k: [] for k in ("mmsi", "port", "arrival", "departure", "min_sog", "n")}
    n = len(pos)
    new_vessel = np.ones(n, dtype=bool)
    if n > 1:
        new_vessel[1:] = (pos.mmsi[1:] != pos.mmsi[:-1]) | (np.diff(pos.t) > max_silence_s)
    for k, port in enumerate(ports):
        if is_cancelled and is_cancelled():
            raise InterruptedError("cancelled")
        d = distance_to_port_m(port, pos.lon, pos.lat, exit_m)
        near = d <= exit_m
        if not near.any():
            continue
        near = near | _stray_fixes(near, new_vessel)
        # runs of consecutive reports of one vessel inside the exit distance
        run_start = near & (new_vessel | ~np.concatenate(([False], near[:-1])))
        run_id = np.cumsum(run_start) - 1
        idx = np.flatnonzero(near)
        rid = run_id[idx]
        core = d[idx] <= entry_m
        # first report within the entry distance in each run = arrival; runs without one are
        # vessels that passed through the outer ring only.
        n_runs = int(run_id[idx].max()) + 1
        first_core = np.full(n_runs, np.iinfo(np.int64).max)
        np.minimum.at(first_core, rid[core], idx[core])
        last = np.full(n_runs, -1)
        np.maximum.at(last, rid, idx)
        ok = first_core != np.iinfo(np.int64).max
        a, b = first_core[ok], last[ok]
        count_in_call = np.zeros(n_runs, dtype=np.int64)
        counted = idx >= first_core[rid]
        np.add.at(count_in_call, rid[counted], 1)
        if pos.sog is not None:
            minsog = np.full(n_runs, np.inf)
            sog_idx = idx[counted]
            vals = pos.sog[sog_idx]
            fin = np.isfinite(vals)
            np.minimum.at(minsog, rid[counted][fin], vals[fin])
            minsog = np.where(np.isfinite(minsog), minsog, np.nan)[ok]
        else:
            minsog = np.full(int(ok.sum()), np.nan)
        cols["mmsi"].append(pos.mmsi[a])
        cols["port"].extend([port.name] * len(a))
        cols["arrival"].append(pos.t[a])
        cols["departure"].append(pos.t[b])
        cols["min_sog"].append(minsog)
        cols["n"].append(count_in_call[ok])
        if progress:
            progress((k + 1) / len(ports))
    if cols["mmsi"]:
        mmsi = np.concatenate(cols["mmsi"])
        arrival = np.concatenate(cols["arrival"])
        order = np.lexsort((arrival, mmsi))
        departure = np.concatenate(cols["departure"])[order]
        arrival = arrival[order]
        return PortCalls(mmsi=mmsi[order], port=[cols["port"][i] for i in order],
                         arrival=arrival, departure=departure,
                         dwell_hours=(departure - arrival) / 3600.0,
                         min_sog=np.concatenate(cols["min_sog"])[order],
                         n_positions=np.concatenate(cols["n"])[order])
    e = np.zeros(0)
    return PortCalls(np.zeros(0, dtype=np.int64), [], e, e, e, e, np.zeros(0, dtype=np.int64))


def _stray_fixes(near: np.ndarray, new_vessel: np.ndarray) -> np.ndarray:
    """Return a mask of the reports beyond the exit ring that do not end a call.

    Those are runs of fewer than ``MIN_REPORTS_OUTSIDE`` consecutive reports beyond the exit
    distance with a report within it just before and just after, all of one vessel and with no
    silence longer than the allowed one in between.
    """
    n = len(near)
    far = ~near
    run_start = far & (new_vessel | np.concatenate(([True], near[:-1])))
    run_id = np.cumsum(run_start) - 1
    idx = np.flatnonzero(far)
    if not len(idx):
        return np.zeros(n, dtype=bool)
    rid = run_id[idx]
    n_runs = int(rid.max()) + 1
    first = np.full(n_runs, n)
    last = np.full(n_runs, -1)
    np.minimum.at(first, rid, idx)
    np.maximum.at(last, rid, idx)
    after = last + 1
    after_ok = after < n
    after_c = np.minimum(after, n - 1)
    # runs start at every vessel break, so one never spans a break; the reports around it must
    # belong to the same stretch (no break at the run's start nor right after it)
    bridged = ((last - first + 1 < MIN_REPORTS_OUTSIDE)
               & (first > 0) & ~new_vessel[first] & near[np.maximum(first - 1, 0)]
               & after_ok & ~new_vessel[after_c] & near[after_c])
    out = np.zeros(n, dtype=bool)
    out[idx] = bridged[rid]
    return out


def _period_start(epoch: float, period: str):
    d = datetime.fromtimestamp(epoch, tz=timezone.utc).date()
    if period == "week":  # ISO weeks start on Monday
        return d - timedelta(days=d.weekday())
    return d.replace(day=1)


def summarise_calls(calls: PortCalls, periods=("week", "month")) -> list[dict]:
    """Return per-port, per-period rows: calls, distinct vessels and total dwell hours.

    A call belongs to the period of its arrival.
    """
    groups: dict = {}
    for i in range(len(calls)):
        for period in periods:
            key = (calls.port[i], period, _period_start(float(calls.arrival[i]), period))
            g = groups.setdefault(key, {"calls": 0, "vessels": set(), "dwell": 0.0})
            g["calls"] += 1
            g["vessels"].add(int(calls.mmsi[i]))
            g["dwell"] += float(calls.dwell_hours[i])
    return [{"port": port, "period": period, "period_start": start, "calls": g["calls"],
             "vessels": len(g["vessels"]), "dwell_hours": g["dwell"]}
            for (port, period, start), g in sorted(groups.items(),
                                                   key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))]
