"""A synthetic week of AIS around Rajin: raw timestamped AIVDM sentences and the same positions as CSV.

Five vessels sail in from the open sea, call at Rajin (one waits at the anchorage first) and leave;
one more passes by to the south without calling. Class A reporting is thinned to one position a
minute under way and one every ten minutes at anchor or moored (real receivers keep far more),
about 5 % of sentences are lost, and a few garbage lines are mixed in, as in real receiver logs.
Everything is seeded, so two runs write identical files; every vessel name starts "SYNTHETIC".

The AIVDM encoder below follows the public ITU-R M.1371 message layouts as documented in Eric
S. Raymond's "AIVDM/AIVDO protocol decoding" (gpsd project): 6-bit payload armouring, fill bits,
NMEA 0183 XOR checksum.
"""
from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

NMEA_NAME = "synthetic_rajin_ais.nmea"
CSV_NAME = "synthetic_rajin_ais.csv"
CSV_FIELDS = ("time_utc", "epoch", "mmsi", "vessel_name", "lat", "lon", "sog", "cog", "heading",
              "nav_status")
START = datetime(2023, 10, 1, tzinfo=timezone.utc)
END = START + timedelta(days=7)

# Navigation status codes (ITU-R M.1371).
UNDER_WAY = 0
AT_ANCHOR = 1
MOORED = 5

_SIXBIT_TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?"


# --- encoder --------------------------------------------------------------------------------------
def _uint(value: int, bits: int) -> str:
    if not 0 <= value < (1 << bits):
        raise ValueError(f"{value} does not fit in {bits} unsigned bits")
    return format(value, f"0{bits}b")


def _int(value: int, bits: int) -> str:
    if not -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
        raise ValueError(f"{value} does not fit in {bits} signed bits")
    return _uint(value & ((1 << bits) - 1), bits)


def _text(value: str, chars: int) -> str:
    value = value.upper()[:chars].ljust(chars, "@")
    return "".join(_uint(_SIXBIT_TEXT.index(c), 6) for c in value)


def armour(bits: str) -> tuple:
    """Return (payload, fill_bits): ``bits`` in AIS 6-bit ASCII armouring, padded to whole characters."""
    fill = (-len(bits)) % 6
    bits += "0" * fill
    chars = []
    for i in range(0, len(bits), 6):
        value = int(bits[i:i + 6], 2)
        chars.append(chr(value + 48 if value < 40 else value + 56))
    return "".join(chars), fill


def nmea_checksum(body: str) -> str:
    """Return the two-hex-digit XOR checksum of the text between '!' and '*'."""
    check = 0
    for char in body:
        check ^= ord(char)
    return f"{check:02X}"


def sentences(bits: str, channel: str = "A", seq_id: int = 0, max_chars: int = 60) -> list:
    """Return the !AIVDM sentence(s) carrying ``bits``; long messages are split into fragments."""
    payload, fill = armour(bits)
    parts = [payload[i:i + max_chars] for i in range(0, len(payload), max_chars)]
    seq = "" if len(parts) == 1 else str(seq_id % 10)
    out = []
    for number, part in enumerate(parts, start=1):
        part_fill = fill if number == len(parts) else 0
        body = f"AIVDM,{len(parts)},{number},{seq},{channel},{part},{part_fill}"
        out.append(f"!{body}*{nmea_checksum(body)}")
    return out


def position_report_bits(mmsi: int, lon: float, lat: float, sog: float, cog: float, heading: int,
                         status: int, second: int) -> str:
    """Return the 168 bits of a message type 1 (Class A position report)."""
    return "".join((
        _uint(1, 6), _uint(0, 2), _uint(mmsi, 30), _uint(status, 4),
        _int(-128, 8),  # rate of turn not available
        _uint(min(int(round(sog * 10)), 1022), 10), _uint(0, 1),
        _int(int(round(lon * 600000)), 28), _int(int(round(lat * 600000)), 27),
        _uint(int(round(cog * 10)) % 3600, 12), _uint(heading % 360, 9), _uint(second, 6),
        _uint(0, 2), _uint(0, 3), _uint(0, 1), _uint(0, 19),
    ))


def static_voyage_bits(mmsi: int, imo: int, callsign: str, name: str, ship_type: int,
                       dims: tuple, destination: str, draught: float, eta: tuple) -> str:
    """Return the 424 bits of a message type 5 (static and voyage related data)."""
    to_bow, to_stern, to_port, to_starboard = dims
    month, day, hour, minute = eta
    return "".join((
        _uint(5, 6), _uint(0, 2), _uint(mmsi, 30), _uint(0, 2), _uint(imo, 30),
        _text(callsign, 7), _text(name, 20), _uint(ship_type, 8),
        _uint(to_bow, 9), _uint(to_stern, 9), _uint(to_port, 6), _uint(to_starboard, 6),
        _uint(1, 4),  # EPFD: GPS
        _uint(month, 4), _uint(day, 5), _uint(hour, 5), _uint(minute, 6),
        _uint(int(round(draught * 10)), 8), _text(destination, 20), _uint(0, 1), _uint(0, 1),
    ))


# --- scenario -------------------------------------------------------------------------------------
# Waypoints (lon, lat) checked against the SEZ boundary: all at sea.
OPEN_SEA = (130.36, 42.10)
CHANNEL = ((130.300, 42.160), (130.297, 42.190), (130.296, 42.215), (130.298, 42.228))
ANCHORAGE = (130.300, 42.205)
BERTHS = {"B1": (130.2975, 42.2378), "B2": (130.3030, 42.2372), "B3": (130.2905, 42.2348)}
PASSING_ROUTE = ((130.18, 42.115), (130.50, 42.150))
KNOT_MS = 1852.0 / 3600.0


@dataclass(frozen=True)
class Vessel:
    mmsi: int
    name: str
    callsign: str
    imo: int
    ship_type: int  # 70 cargo, 80 tanker
    dims: tuple
    draught: float


# Fictitious MMSIs/IMOs ("99" in the middle) so no real ship is named.
VESSELS = (
    Vessel(445990001, "SYNTHETIC AURORA", "SYN0001", 9990001, 70, (90, 20, 10, 10), 7.2),
    Vessel(273990002, "SYNTHETIC BOREAS", "SYN0002", 9990002, 70, (120, 30, 14, 14), 8.5),
    Vessel(412990003, "SYNTHETIC CORAL", "SYN0003", 9990003, 80, (80, 20, 9, 9), 6.8),
    Vessel(445990004, "SYNTHETIC DELTA", "SYN0004", 9990004, 70, (60, 15, 7, 7), 5.1),
    Vessel(273990005, "SYNTHETIC EMERALD", "SYN0005", 9990005, 70, (100, 25, 12, 12), 7.9),
    Vessel(412990006, "SYNTHETIC FARER", "SYN0006", 9990006, 70, (150, 40, 16, 16), 9.4),
)
# (vessel index, arrival at OPEN_SEA (hours after START), anchorage wait h, berth, hours at berth)
CALLS = (
    (0, 6.0, 0.0, "B1", 30.0),
    (1, 30.0, 0.0, "B2", 8.0),
    (2, 52.0, 10.0, "B1", 48.0),
    (3, 110.0, 0.0, "B3", 12.0),
    (4, 125.0, 0.0, "B2", 20.0),
)
PASSING = (5, 75.0)  # vessel index, hours after START at the west end of its route
EXPECTED_PORT_CALLS = len(CALLS)


def _metres(a: tuple, b: tuple) -> tuple:
    """Return (dx, dy) in metres from a to b (local equirectangular approximation)."""
    lat0 = math.radians((a[1] + b[1]) / 2.0)
    return ((b[0] - a[0]) * 111320.0 * math.cos(lat0), (b[1] - a[1]) * 110540.0)


def _sail(track: list, start: datetime, route: list, speed_kn: float, step_s: int, rng) -> datetime:
    """Append under-way fixes along ``route`` to ``track``; return the arrival time."""
    t = start
    for a, b in zip(route[:-1], route[1:]):
        dx, dy = _metres(a, b)
        length = math.hypot(dx, dy)
        cog = math.degrees(math.atan2(dx, dy)) % 360.0
        duration = length / (speed_kn * KNOT_MS)
        n = max(1, int(duration // step_s))
        for i in range(n):
            f = i / n
            sog = speed_kn + float(rng.normal(0.0, 0.2))
            track.append((t + timedelta(seconds=i * step_s), a[0] + f * (b[0] - a[0]),
                          a[1] + f * (b[1] - a[1]), max(sog, 0.0), cog, UNDER_WAY))
        t = t + timedelta(seconds=duration)
    return t


def _stay(track: list, start: datetime, where: tuple, hours: float, status: int, step_s: int,
          rng) -> datetime:
    """Append stationary fixes (a few metres of GPS jitter) to ``track``; return the departure time."""
    n = int(hours * 3600 // step_s)
    for i in range(n):
        lon = where[0] + float(rng.normal(0.0, 0.00003))
        lat = where[1] + float(rng.normal(0.0, 0.00002))
        track.append((start + timedelta(seconds=i * step_s), lon, lat, abs(float(rng.normal(0.0, 0.1))),
                      float(rng.uniform(0.0, 360.0)), status))
    return start + timedelta(hours=hours)


def build_tracks(seed: int = 20231001) -> dict:
    """Return {vessel index: [(time, lon, lat, sog, cog, status), ...]} for the synthetic week."""
    rng = np.random.default_rng(seed)
    tracks = {i: [] for i in range(len(VESSELS))}
    for index, arrive_h, wait_h, berth, berth_h in CALLS:
        track = tracks[index]
        t = START + timedelta(hours=arrive_h)
        inbound = [OPEN_SEA, *CHANNEL[:2], ANCHORAGE] if wait_h else [OPEN_SEA, *CHANNEL]
        t = _sail(track, t, inbound, 11.0, 60, rng)
        if wait_h:
            t = _stay(track, t, ANCHORAGE, wait_h, AT_ANCHOR, 600, rng)
            t = _sail(track, t, [ANCHORAGE, *CHANNEL[2:]], 6.0, 60, rng)
        t = _sail(track, t, [CHANNEL[-1], BERTHS[berth]], 3.0, 60, rng)
        t = _stay(track, t, BERTHS[berth], berth_h, MOORED, 600, rng)
        _sail(track, t, [BERTHS[berth], *reversed(CHANNEL), OPEN_SEA], 10.0, 60, rng)
    index, start_h = PASSING
    _sail(tracks[index], START + timedelta(hours=start_h), list(PASSING_ROUTE), 13.0, 60, rng)
    return tracks


def _quantise(lon: float, lat: float) -> tuple:
    """Return lon/lat rounded as AIS carries them (1/10000 minute)."""
    return round(lon * 600000) / 600000, round(lat * 600000) / 600000


GARBAGE = (
    "!AIVDM,1,1,,A,15Mf7H0P0JG?v`0HGP0FV?wp0000,0*00",  # checksum wrong
    "!AIVDM,1,1,,B,,0*25",  # empty payload (valid checksum), as some receivers log
    "$GPGGA,000000.00,4214.000,N,13018.000,E,1,08,1.0,10.0,M,,M,,*4F",  # not AIS
    "!AIVDM,2,1,7,A,5",  # truncated in transmission
    "\x00\x00\x00 receiver restarted",
)


def write_ais(out_dir, seed: int = 20231001, loss: float = 0.05) -> dict:
    """Write the NMEA log and the CSV of positions into ``out_dir``; return paths and counts.

    The CSV holds exactly the position reports present in the log, with the coordinates rounded as
    the AIS messages carry them, so the two can be compared one to one.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed + 1)
    tracks = build_tracks(seed)
    events = []  # (time, order, vessel index, kind, fix)
    for index, fixes in tracks.items():
        for fix in fixes:
            events.append((fix[0], index, "pos", fix))
        if fixes:  # static data hourly while the vessel is in view, first one before its first fix
            t = fixes[0][0] - timedelta(seconds=30)
            while t <= fixes[-1][0]:
                events.append((t, index, "static", None))
                t += timedelta(hours=1)
    events.sort(key=lambda e: (e[0], e[1], e[2]))

    lines, rows = [], []
    n_static = 0
    seq = 0
    garbage_at = set(rng.choice(len(events), size=len(GARBAGE), replace=False).tolist())
    garbage = iter(GARBAGE)
    for number, (t, index, kind, fix) in enumerate(events):
        stamp = t.strftime("%Y-%m-%d %H:%M:%S")
        if number in garbage_at:
            lines.append(f"{stamp},{next(garbage)}")
        if rng.random() < loss:
            continue
        vessel = VESSELS[index]
        channel = "AB"[number % 2]
        if kind == "static":
            eta = (10, 1 + min(int((t - START).days) + 1, 30), 12, 0)
            bits = static_voyage_bits(vessel.mmsi, vessel.imo, vessel.callsign, vessel.name,
                                      vessel.ship_type, vessel.dims, "RAJIN" if index != 5 else "VLADIVOSTOK",
                                      vessel.draught, eta)
            for sentence in sentences(bits, channel, seq):
                lines.append(f"{stamp},{sentence}")
            seq += 1
            n_static += 1
            continue
        _, lon, lat, sog, cog, status = fix
        lon, lat = _quantise(lon, lat)
        sog = min(round(sog, 1), 102.2)
        cog = round(cog, 1) % 360.0
        heading = int(round(cog)) % 360
        bits = position_report_bits(vessel.mmsi, lon, lat, sog, cog, heading, status, t.second)
        for sentence in sentences(bits, channel):
            lines.append(f"{stamp},{sentence}")
        rows.append((t.strftime("%Y-%m-%dT%H:%M:%SZ"), int(t.timestamp()), f"{vessel.mmsi:09d}",
                     vessel.name, f"{lat:.6f}", f"{lon:.6f}", f"{sog:.1f}", f"{cog:.1f}", heading, status))

    nmea_path = out_dir / NMEA_NAME
    csv_path = out_dir / CSV_NAME
    tmp_nmea = nmea_path.with_name(nmea_path.name + ".part")
    tmp_csv = csv_path.with_name(csv_path.name + ".part")
    try:
        with open(tmp_nmea, "w", encoding="ascii", newline="\n") as handle:
            handle.write("\n".join(lines) + "\n")
        with open(tmp_csv, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(CSV_FIELDS)
            writer.writerows(rows)
        os.replace(tmp_nmea, nmea_path)
        os.replace(tmp_csv, csv_path)
    finally:
        for tmp in (tmp_nmea, tmp_csv):
            tmp.unlink(missing_ok=True)
    return {
        "nmea": nmea_path, "csv": csv_path, "n_positions": len(rows), "n_static": n_static,
        "n_lines": len(lines), "n_garbage": len(GARBAGE),
        "vessels": {f"{v.mmsi:09d}": v.name for v in VESSELS},
    }
