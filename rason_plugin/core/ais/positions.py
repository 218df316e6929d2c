"""Position tables as numpy arrays: time parsing, CSV reading and cleaning with counts per reason.

A ``Positions`` holds one row per report, sorted by (mmsi, time) once cleaned. Times are float64
epoch seconds in UTC: every input form (datetime objects, ISO 8601 text with or without an
offset, ``dd/mm/yyyy HH:MM:SS`` as in Danish Maritime Authority exports, compact
``YYYYmmddHHMMSS`` / ``YYYYmmddHHMM`` / ``YYYYmmdd``, epoch seconds or milliseconds) is
normalised to that, naive times being taken as UTC.

All-digit values follow one rule (``digits_time``), also used for the times of NMEA logs: the
date shapes are tried first (14 digits YYYYmmddHHMMSS, 12 digits YYYYmmddHHMM, 8 digits
YYYYmmdd); a value is an epoch only with 9-10 significant digits (seconds) or 12-13
(milliseconds). Any other length (a line counter, a row number) is no time, so it is counted as
unparseable instead of becoming 1970.
"""
from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

CLEAN_LABELS = {
    "mmsi_invalid": "rows whose MMSI is not 9 digits",
    "coord_missing": "rows without coordinates",
    "coord_not_available": "rows with lat 91 / lon 181 (AIS 'not available')",
    "coord_out_of_range": "rows with coordinates out of range",
    "time_missing": "rows with a missing or unparseable time",
    "duplicate": "duplicate reports (same MMSI and time)",
}

CSV_CHUNK_ROWS = 100_000
_FALLBACK_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y/%m/%d %H:%M:%S",
                     "%Y-%m-%d %H:%M:%S.%f")
_DIGITS = re.compile(r"^\d+(\.\d*)?$")
_DATE_SHAPES = {14: "%Y%m%d%H%M%S", 12: "%Y%m%d%H%M", 8: "%Y%m%d"}
# What the error message lists when no time of a field can be read.
TIME_FORMATS = ("ISO 8601 text (2018-02-08T12:00:00Z, 2018-02-08 21:00:00+09:00; no zone means "
                "UTC), dd/mm/yyyy HH:MM[:SS], yyyy/mm/dd HH:MM:SS, compact YYYYmmddHHMMSS, "
                "YYYYmmddHHMM or YYYYmmdd, epoch seconds (9-10 digits) or epoch milliseconds "
                "(12-13 digits), or a DateTime/Date field")


def no_time_message(field_name: str, example) -> str:
    """Return the error text for a time field none of whose values could be read."""
    return (f"No value of the time field '{field_name}' could be read as a time (for example "
            f"{str(example)!r}). Accepted forms: {TIME_FORMATS}. Choose the field that holds "
            "the report times, or convert it to one of these forms.")


def _dt_to_epoch(value: datetime) -> float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


def digits_time(text: str) -> float:
    """Return epoch seconds UTC for an all-digit time (an optional fraction allowed), or NaN.

    Date shapes come first: 14 digits YYYYmmddHHMMSS, 12 digits YYYYmmddHHMM when they start
    with 19 or 20, 8 digits YYYYmmdd (naive, so UTC). Then 9-10 significant digits are epoch
    seconds and 12-13 epoch milliseconds; every other length is not a time. A 12-digit epoch in
    milliseconds starting with 19 or 20 would fall in 1976, decades before AIS, so the date
    shape cannot hide a real one.
    """
    whole, _, fraction = text.partition(".")
    frac = float("0." + fraction) if fraction else 0.0
    shape = _DATE_SHAPES.get(len(whole))
    if shape and (len(whole) != 12 or whole[:2] in ("19", "20")) and whole[0] != "0":
        if len(whole) != 14 and fraction:
            return math.nan
        try:
            dt = datetime.strptime(whole, shape)
        except ValueError:
            return math.nan
        if dt.strftime(shape) != whole:  # strptime also takes one-digit fields: no such splits
            return math.nan
        return _dt_to_epoch(dt) + frac
    significant = len(whole.lstrip("0"))  # a zero-padded counter is still a counter
    if significant in (9, 10):
        return float(text)
    if significant in (12, 13):
        return float(text) / 1000.0
    return math.nan


def _number_time(v: float) -> float:
    """Apply the digit rules of ``digits_time`` to a number."""
    if not math.isfinite(v) or v <= 0:
        return math.nan
    whole = int(v)
    text = str(whole)
    if v != whole:  # keep the sub-second part: 1518091200.5 -> "1518091200.500000"
        text += f"{v - whole:.6f}"[1:]
    return digits_time(text)


def parse_time(value) -> float:
    """Return epoch seconds UTC for one time value, or NaN when it is missing or unparseable."""
    if value is None:
        return math.nan
    if isinstance(value, datetime):
        return _dt_to_epoch(value)
    if isinstance(value, date):
        return _dt_to_epoch(datetime(value.year, value.month, value.day))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return _number_time(float(value))
    text = str(value).strip()
    if not text or text.upper() in ("NULL", "NAN", "NONE", "NA"):
        return math.nan
    if _DIGITS.match(text):
        return digits_time(text)
    try:
        v = float(text)  # exponent notation, a sign
    except ValueError:
        pass
    else:
        return _number_time(v)
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return _dt_to_epoch(datetime.fromisoformat(iso))
    except ValueError:
        pass
    for fmt in _FALLBACK_FORMATS:
        try:
            return _dt_to_epoch(datetime.strptime(text, fmt))
        except ValueError:
            continue
    return math.nan


def parse_times(values: Iterable) -> np.ndarray:
    """Return float64 epoch seconds (UTC) for many values; repeated text is parsed once."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        v = values.astype(np.float64)
        seconds = (v >= 1e8) & (v < 1e10)
        millis = (v >= 1e11) & (v < 1e13)
        out = np.full(len(v), np.nan)
        out[seconds] = v[seconds]
        out[millis] = v[millis] / 1000.0
        # the rest is rare (date-shaped digits, or no time at all): one value at a time
        rest = np.flatnonzero(~seconds & ~millis & np.isfinite(v))
        out[rest] = [_number_time(float(x)) for x in v[rest]]
        return out
    cache: dict = {}
    out = []
    append = out.append
    for value in values:
        if isinstance(value, str):
            t = cache.get(value)
            if t is None:
                t = cache[value] = parse_time(value)
            append(t)
        else:
            append(parse_time(value))
    return np.asarray(out, dtype=np.float64)


def parse_mmsi(values: Iterable) -> np.ndarray:
    """Return int64 MMSIs; anything that is not a 9-digit number becomes -1."""
    if isinstance(values, list):
        try:  # the common case: all plain integers or digit strings
            v = np.array(values, dtype=np.int64)
        except (TypeError, ValueError, OverflowError):
            pass
        else:
            return np.where((v >= 100_000_000) & (v <= 999_999_999), v, -1)
    out = []
    append = out.append
    for value in values:
        if isinstance(value, (int, np.integer)):
            v = int(value)
        else:
            text = "" if value is None else str(value).strip()
            if text.endswith(".0"):
                text = text[:-2]
            v = int(text) if text.isdigit() and len(text) == 9 else -1
        append(v if 100_000_000 <= v <= 999_999_999 else -1)
    return np.asarray(out, dtype=np.int64)


def _floats(values: Optional[Iterable]) -> Optional[np.ndarray]:
    if values is None:
        return None
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        return values.astype(np.float64)
    if isinstance(values, list):
        try:  # the common case: every value is a number or numeric text
            return np.array(values, dtype=np.float64)
        except (TypeError, ValueError):
            pass
    out = []
    for value in values:
        try:
            out.append(float(value) if value not in (None, "") else math.nan)
        except (TypeError, ValueError):
            out.append(math.nan)
    return np.asarray(out, dtype=np.float64)


@dataclass
class Positions:
    """Cleaned positions, sorted by (mmsi, time); ``index`` points back to the input rows."""

    mmsi: np.ndarray
    t: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    sog: Optional[np.ndarray] = None
    index: Optional[np.ndarray] = None
    names: dict = field(default_factory=dict)  # mmsi -> vessel name
    skipped: Counter = field(default_factory=Counter)
    rows_in: int = 0
    was_sorted: bool = True
    bad_time_example: Optional[str] = None  # the first time value that could not be read

    def __len__(self) -> int:
        return len(self.mmsi)


def clean_positions(mmsi, times, lon, lat, sog=None, names=None) -> Positions:
    """Return cleaned, sorted positions; every dropped row is counted by a ``CLEAN_LABELS`` key.

    ``mmsi`` and ``times`` may be raw values (text, numbers, datetimes); ``names`` an optional
    per-row vessel name sequence (first non-empty name per MMSI is kept).
    """
    mmsi = parse_mmsi(mmsi) if not (isinstance(mmsi, np.ndarray) and mmsi.dtype.kind in "iu") \
        else np.where((mmsi >= 100_000_000) & (mmsi <= 999_999_999), mmsi, -1).astype(np.int64)
    t = times if (isinstance(times, np.ndarray) and times.dtype == np.float64) else parse_times(times)
    lon, lat = _floats(lon), _floats(lat)
    sog = _floats(sog)
    n = len(mmsi)
    if not (len(t) == len(lon) == len(lat) == n) or (sog is not None and len(sog) != n):
        raise ValueError("position columns have different lengths")
    skipped: Counter = Counter()
    keep = np.ones(n, dtype=bool)

    def drop(mask, reason):
        mask = mask & keep
        count = int(mask.sum())
        if count:
            skipped[reason] += count
            keep[mask] = False

    drop(mmsi < 0, "mmsi_invalid")
    drop(~np.isfinite(lon) | ~np.isfinite(lat), "coord_missing")
    # AIS encodes "not available" as 91 / 181 exactly (1/10000 min resolution gives 91.0).
    drop((np.abs(lat - 91.0) < 1e-6) | (np.abs(lon - 181.0) < 1e-6), "coord_not_available")
    drop((np.abs(lat) > 90.0) | (np.abs(lon) > 180.0), "coord_out_of_range")
    drop(~np.isfinite(t), "time_missing")

    idx = np.flatnonzero(keep)
    order = np.lexsort((t[idx], mmsi[idx]))
    idx = idx[order]
    was_sorted = bool(np.all(order[1:] > order[:-1])) if len(order) > 1 else True
    ms, ts = mmsi[idx], t[idx]
    dup = np.zeros(len(idx), dtype=bool)
    if len(idx) > 1:
        dup[1:] = (ms[1:] == ms[:-1]) & (ts[1:] == ts[:-1])
    if dup.any():
        skipped["duplicate"] += int(dup.sum())
        idx = idx[~dup]
    vessel_names = {}
    if names is not None:
        names = list(names)
        for i in idx:
            name = names[i]
            if name and not isinstance(name, float):
                text = str(name).strip()
                if text and text.upper() != "NULL":
                    vessel_names.setdefault(int(mmsi[i]), text)
    sog_out = None
    if sog is not None:
        sog_out = sog[idx]
        sog_out[(sog_out < 0) | (sog_out >= 102.25)] = np.nan  # 102.3 = not available
    return Positions(mmsi=mmsi[idx], t=t[idx], lon=lon[idx], lat=lat[idx], sog=sog_out,
                     index=idx, names=vessel_names, skipped=skipped, rows_in=n,
                     was_sorted=was_sorted)


def _pick(header: Sequence[str], wanted: Optional[str], candidates: Sequence[str]) -> Optional[int]:
    lowered = [h.strip().lstrip("#").strip().lower() for h in header]
    if wanted:
        key = wanted.strip().lstrip("#").strip().lower()
        if key not in lowered:
            raise KeyError(f"no column '{wanted}' in {list(header)}")
        return lowered.index(key)
    for cand in candidates:
        if cand in lowered:
            return lowered.index(cand)
    return None


def read_positions_csv(path, *, mmsi_field=None, time_field=None, lon_field=None, lat_field=None,
                       sog_field=None, name_field=None, delimiter=None) -> Positions:
    """Return cleaned positions from a CSV file read row by row (columns guessed if not named)."""
    path = Path(path)
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        sample = handle.read(8192)
        if not sample.strip():
            raise ValueError(f"{path.name} is empty")
        handle.seek(0)
        if delimiter is None:
            delimiter = max(",;\t|", key=sample.split("\n", 1)[0].count)
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader)
        cols = {
            "mmsi": _pick(header, mmsi_field, ("mmsi",)),
            "time": _pick(header, time_field, ("time", "timestamp", "basedatetime", "epoch",
                                               "datetime", "t")),
            "lon": _pick(header, lon_field, ("lon", "longitude", "x", "lng")),
            "lat": _pick(header, lat_field, ("lat", "latitude", "y")),
            "sog": _pick(header, sog_field, ("sog", "speed")),
            "name": _pick(header, name_field, ("vessel_name", "vesselname", "name", "shipname")),
        }
        missing = [k for k in ("mmsi", "time", "lon", "lat") if cols[k] is None]
        if missing:
            raise ValueError(f"{path.name}: no {', '.join(missing)} column in {header}")
        # Columns are converted to numpy in chunks so a big file never sits in memory as
        # millions of Python strings.
        chunks: dict = {k: [] for k in ("mmsi", "time", "lon", "lat", "sog")}
        names: dict = {}
        bad_time = None
        width = max(c for c in cols.values() if c is not None) + 1
        while True:
            rows = [row for _, row in zip(range(CSV_CHUNK_ROWS), reader)]
            if not rows:
                break
            rows = [row if len(row) >= width else row + [""] * (width - len(row))
                    for row in rows]
            m = parse_mmsi([row[cols["mmsi"]] for row in rows])
            chunks["mmsi"].append(m)
            raw_times = [row[cols["time"]] for row in rows]
            times = parse_times(raw_times)
            chunks["time"].append(times)
            if bad_time is None:
                unread = np.flatnonzero(np.isnan(times))
                if len(unread):
                    bad_time = raw_times[unread[0]]
            chunks["lon"].append(_floats([row[cols["lon"]] for row in rows]))
            chunks["lat"].append(_floats([row[cols["lat"]] for row in rows]))
            if cols["sog"] is not None:
                chunks["sog"].append(_floats([row[cols["sog"]] for row in rows]))
            if cols["name"] is not None:
                for mmsi, row in zip(m.tolist(), rows):
                    name = row[cols["name"]].strip()
                    if mmsi > 0 and name and name.upper() != "NULL" and mmsi not in names:
                        names[mmsi] = name
    if not chunks["mmsi"]:
        raise ValueError(f"{path.name} has a header but no rows")
    joined = {k: np.concatenate(v) if v else None for k, v in chunks.items()}
    if not np.isfinite(joined["time"]).any():
        raise ValueError(f"{path.name}: " + no_time_message(header[cols["time"]], bad_time))
    positions = clean_positions(joined["mmsi"], joined["time"], joined["lon"], joined["lat"],
                                joined["sog"])
    kept = set(np.unique(positions.mmsi).tolist())
    positions.names = {m: n for m, n in names.items() if m in kept}
    positions.bad_time_example = bad_time
    return positions


def skipped_lines(skipped: Counter, bad_time_example=None) -> list[str]:
    """Return one human line per cleaning reason with a non-zero count.

    With ``bad_time_example`` the unparseable-time line quotes it and lists the accepted forms.
    """
    lines = []
    for key, label in CLEAN_LABELS.items():
        if not skipped.get(key):
            continue
        line = f"{skipped[key]} {label}"
        if key == "time_missing" and bad_time_example not in (None, ""):
            line += f" (for example {str(bad_time_example)!r}; accepted: {TIME_FORMATS})"
        lines.append(line)
    return lines
