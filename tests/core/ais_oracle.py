"""Oracles for the AIS tests, written apart from rason_plugin.core.ais (and from pyais).

Plain loops over the files: tests compare our reader, cleaning and track building with these
instead of with figures copied from our own output. The NMEA oracle does everything itself:
checksums byte by byte, multipart reassembly, the six-bit payload and the bit fields it needs
(ITU-R M.1371-5, Annex 8: message types 1-3, 5, 18, 19, 24 and 27; the field offsets are written
beside each use). It needs no pyais.
"""
from __future__ import annotations

import csv
import math
from datetime import datetime, timezone

POSITION_TYPES = (1, 2, 3, 18, 19, 27)
# (lon offset, lon bits, lat offset, lat bits, units per degree) per ITU-R M.1371-5
_POSITION_FIELDS = {
    1: (61, 28, 89, 27, 600_000), 2: (61, 28, 89, 27, 600_000), 3: (61, 28, 89, 27, 600_000),
    18: (57, 28, 85, 27, 600_000), 19: (57, 28, 85, 27, 600_000),
    27: (44, 18, 62, 17, 600),  # long-range broadcast: 1/10 minute
}
# (offset, characters) of the vessel name: type 5 at bit 112, type 19 at 143, type 24 part A at 40
_NAME_FIELDS = {5: (112, 20), 19: (143, 20), 24: (40, 20)}
_SIXBIT_TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?"


def _payload_bits(payload: str, fill: int) -> str:
    """Return the payload as a string of '0'/'1' (six-bit armouring undone, fill bits dropped)."""
    bits = []
    for ch in payload:
        v = ord(ch) - 48
        if v > 40:
            v -= 8
        bits.append(format(v, "06b"))
    text = "".join(bits)
    return text[:len(text) - fill] if fill else text


def _unsigned(bits: str, start: int, width: int) -> int:
    return int(bits[start:start + width], 2)


def _signed(bits: str, start: int, width: int) -> int:
    v = _unsigned(bits, start, width)
    return v - (1 << width) if v >= 1 << (width - 1) else v


def _text(bits: str, start: int, chars: int) -> str:
    out = "".join(_SIXBIT_TEXT[_unsigned(bits, start + 6 * k, 6)] for k in range(chars)
                  if start + 6 * k + 6 <= len(bits))
    return out.replace("@", " ").strip()


def _line_time(prefix: str):
    """Return epoch seconds of a 'YYYY-MM-DD HH:MM:SS,' prefix (the Seine log's form), or None."""
    text = prefix.strip().rstrip(",").strip()
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def nmea_log(path):
    """Read a raw AIVDM log the plain way; return a dict of what it holds.

    ``lines``; ``bad_checksum`` (sentences whose XOR checksum is wrong); ``empty_payload``;
    ``incomplete`` (multipart messages missing a fragment); ``positions``: every decoded position
    report as (mmsi, time, lon_raw, lat_raw, units per degree, type), time from the line prefix
    (the first fragment's for a multipart message); ``names``: mmsi -> the last non-empty name
    from types 5, 19 and 24 part A.
    """
    lines = bad = empty = incomplete = 0
    pending = {}  # (sequence id, channel) -> (fragment count, payloads, fill, time)
    positions, names = [], {}
    with open(path, "rb") as handle:
        for raw in handle:
            lines += 1
            line = raw.decode("ascii", "replace").strip()
            start = line.find("!")
            if start < 0:
                continue
            star = line.rfind("*")
            cs = 0
            for ch in line[start + 1:star]:
                cs ^= ord(ch)
            if star < 0 or line[star + 1:star + 3].upper() != f"{cs:02X}":
                bad += 1
                continue
            t = _line_time(line[:start])
            talker, count, number, seq, channel, payload, fill = line[start:star].split(",")
            count, number, fill = int(count), int(number), int(fill)
            if count == 1:
                if not payload:
                    empty += 1
                    continue
                message = (_payload_bits(payload, fill), t)
            else:
                key = (seq, channel)
                if number == 1:
                    if key in pending:
                        incomplete += 1
                    pending[key] = (count, [payload], fill, t)
                    continue
                entry = pending.pop(key, None)
                if entry is None or entry[0] != count or len(entry[1]) != number - 1:
                    incomplete += 1
                    continue
                entry[1].append(payload)
                if number < count:
                    pending[key] = (count, entry[1], fill, entry[3])
                    continue
                message = (_payload_bits("".join(entry[1]), fill), entry[3])
            bits, t = message
            msg_type = _unsigned(bits, 0, 6)
            mmsi = _unsigned(bits, 8, 30) if len(bits) >= 38 else None
            if msg_type in POSITION_TYPES:
                lon_at, lon_w, lat_at, lat_w, units = _POSITION_FIELDS[msg_type]
                if len(bits) < lat_at + lat_w:
                    continue  # truncated: no position in it
                positions.append((mmsi, t, _signed(bits, lon_at, lon_w),
                                  _signed(bits, lat_at, lat_w), units, msg_type))
            if msg_type in _NAME_FIELDS:
                if msg_type == 24 and _unsigned(bits, 38, 2) != 0:
                    continue  # part B carries no name
                at, chars = _NAME_FIELDS[msg_type]
                name = _text(bits, at, chars)
                if name:
                    names[mmsi] = name
    incomplete += len(pending)
    return {"lines": lines, "bad_checksum": bad, "empty_payload": empty,
            "incomplete": incomplete, "positions": positions, "names": names}


def usable_positions(positions):
    """Split decoded position reports as AIS defines "not available" and valid ranges.

    Return (kept [(mmsi, time, lon, lat)], not available, out of range, bad MMSI): lat 91 /
    lon 181 degrees means not available; beyond 90 / 180 is out of range; an MMSI must have 9
    digits.
    """
    kept, not_available, out_of_range, bad_mmsi = [], 0, 0, 0
    for mmsi, t, lon_raw, lat_raw, units, _type in positions:
        if lat_raw == 91 * units or lon_raw == 181 * units:
            not_available += 1
        elif abs(lat_raw) > 90 * units or abs(lon_raw) > 180 * units:
            out_of_range += 1
        elif not 100_000_000 <= mmsi <= 999_999_999:
            bad_mmsi += 1
        else:
            kept.append((mmsi, t, lon_raw / units, lat_raw / units))
    return kept, not_available, out_of_range, bad_mmsi


def haversine_m(lon1, lat1, lon2, lat2, radius=6_371_008.8):
    """Great-circle metres on a sphere of the IUGG mean radius (the textbook haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * radius * math.asin(math.sqrt(h))


def fixes_by_vessel(rows):
    """Return ({mmsi: {time: (lat, lon)}}, duplicates) from (mmsi, time, lon, lat) rows; for
    one vessel and time the first row wins."""
    by_vessel, duplicates = {}, 0
    for mmsi, t, lon, lat in rows:
        fixes = by_vessel.setdefault(mmsi, {})
        if t in fixes:
            duplicates += 1
            continue
        fixes[t] = (lat, lon)
    return by_vessel, duplicates


def fastest_link_knots(by_vessel, max_gap_s):
    """Return the highest speed implied by two consecutive fixes of a vessel within the gap."""
    fastest = 0.0
    for fixes in by_vessel.values():
        times = sorted(fixes)
        for a, b in zip(times, times[1:]):
            if b - a <= max_gap_s:
                (lat1, lon1), (lat2, lon2) = fixes[a], fixes[b]
                knots = haversine_m(lon1, lat1, lon2, lat2) / (b - a) / (1852 / 3600)
                fastest = max(fastest, knots)
    return fastest


def drop_speed_outliers(by_vessel, max_gap_s, max_knots):
    """Drop speed outliers by the rule tracks.py documents, one vessel and one fix at a time.

    A fix goes when both its links (to neighbours within the gap) imply more than
    ``max_knots``; or when it ends a run, its only link is too fast and its neighbour's other
    link is plausible; or when it is the later of a two-fix run joined by a too-fast link.
    Repeated until nothing goes. Return (the remaining {mmsi: {time: (lat, lon)}}, dropped).
    """
    limit = max_knots * 1852 / 3600

    def linked(a, b):
        return a is not None and b is not None and b - a <= max_gap_s

    dropped = 0
    out = {}
    for mmsi, fixes in by_vessel.items():
        times = sorted(fixes)

        def fast(a, b, fixes=fixes):
            (lat1, lon1), (lat2, lon2) = fixes[a], fixes[b]
            return haversine_m(lon1, lat1, lon2, lat2) > limit * (b - a)

        while True:
            gone = set()
            for i, t in enumerate(times):
                before = times[i - 1] if i > 0 and linked(times[i - 1], t) else None
                after = times[i + 1] if i + 1 < len(times) and linked(t, times[i + 1]) else None
                if before is not None and after is not None:
                    if fast(before, t) and fast(t, after):
                        gone.add(t)
                elif after is not None and fast(t, after):  # first of its run
                    after2 = times[i + 2] if i + 2 < len(times) else None
                    if linked(after, after2) and not fast(after, after2):
                        gone.add(t)
                elif before is not None and fast(before, t):  # last of its run
                    before2 = times[i - 2] if i >= 2 else None
                    if not linked(before2, before) or not fast(before2, before):
                        gone.add(t)
            if not gone:
                break
            dropped += len(gone)
            times = [t for t in times if t not in gone]
        out[mmsi] = {t: fixes[t] for t in times}
    return out, dropped


def runs(by_vessel, max_gap_s):
    """Cut each vessel's fixes where the gap exceeds ``max_gap_s``; return (lines, singles,
    still): runs of 2+ fixes that move, one-fix runs, runs that never move (lists of times)."""
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
    return lines, singles, still


def gap_segments(path, max_gap_s, time_field="epoch", max_knots=0):
    """Cut each vessel's fixes in a CSV where the gap exceeds ``max_gap_s``.

    With ``max_knots`` speed outliers are dropped first (``drop_speed_outliers``); their
    number is ``outliers``.

    One fix per vessel and time (the first row wins), rows at lat 91 / lon 181 ("not available")
    dropped. Return a dict: ``lines`` (runs of 2+ fixes that move), ``singles`` (one-fix runs),
    ``still`` (runs that never move), each a list of lists of times, the row counts ``rows``,
    ``not_available`` and ``duplicates``, and ``fastest_knots``, the highest speed two
    consecutive fixes within the gap imply.
    """
    rows = not_available = 0
    kept = []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            lat, lon = float(row["lat"]), float(row["lon"])
            if lat == 91 or lon == 181:
                not_available += 1
                continue
            kept.append((row["mmsi"], float(row[time_field]), lon, lat))
    by_vessel, duplicates = fixes_by_vessel(kept)
    fastest = fastest_link_knots(by_vessel, max_gap_s)
    outliers = 0
    if max_knots:
        by_vessel, outliers = drop_speed_outliers(by_vessel, max_gap_s, max_knots)
    lines, singles, still = runs(by_vessel, max_gap_s)
    return {"lines": lines, "singles": singles, "still": still, "rows": rows,
            "not_available": not_available, "duplicates": duplicates,
            "fastest_knots": fastest, "outliers": outliers}
