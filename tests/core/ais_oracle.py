"""An oracle for the Caribbean AIS CSV, written apart from rason_plugin.core.ais.

Plain loops over the CSV rows: tests compare our track building with it instead of with figures
copied from our own output.
"""
from __future__ import annotations

import csv


def gap_segments(path, max_gap_s, time_field="epoch"):
    """Cut each vessel's fixes where the gap exceeds ``max_gap_s``.

    One fix per vessel and time (the first row wins), rows at lat 91 / lon 181 ("not available")
    dropped. Return a dict: ``lines`` (runs of 2+ fixes that move), ``singles`` (one-fix runs),
    ``still`` (runs that never move), each a list of lists of times, and the row counts ``rows``,
    ``not_available`` and ``duplicates``.
    """
    by_vessel = {}
    rows = not_available = duplicates = 0
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            lat, lon = float(row["lat"]), float(row["lon"])
            if lat == 91 or lon == 181:
                not_available += 1
                continue
            fixes = by_vessel.setdefault(row["mmsi"], {})
            t = float(row[time_field])
            if t in fixes:
                duplicates += 1
                continue
            fixes[t] = (lat, lon)
    lines, singles, still = [], [], []
    for fixes in by_vessel.values():
        times = sorted(fixes)
        run = [times[0]]
        for t in times[1:] + [None]:
            if t is not None and t - run[-1] <= max_gap_s:
                run.append(t)
                continue
            if len(run) == 1:
                singles.append(run)
            elif len({fixes[u] for u in run}) == 1:
                still.append(run)
            else:
                lines.append(run)
            run = [t]
    return {"lines": lines, "singles": singles, "still": still, "rows": rows,
            "not_available": not_available, "duplicates": duplicates}
