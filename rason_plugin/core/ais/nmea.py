"""Streaming reader of raw NMEA AIVDM/AIVDO logs: receive times, multipart reassembly, counts.

The file is read line by line, twice: a first pass keeps only static data (types 5, 19, 24) per
MMSI, a small dict; the second yields position reports already joined with that static data.
Nothing else is held in memory, so a multi-gigabyte log streams. Decoding of the six-bit payload
is done by pyais (``decoder.py``); framing, checksums, times and reassembly are done here so
that every skipped line is counted by reason instead of raising.

Receive times come from, in order: an NMEA 4.10 tag block ``\\c:<epoch>*hh\\``, a leading
``YYYY-MM-DD HH:MM:SS`` (or ISO 8601) prefix, a leading all-digit prefix, or a trailing
``,<digits>`` after the checksum. All-digit times follow the CSV rule
(``positions.digits_time``): 14 digits YYYYmmddHHMMSS, 8 digits YYYYmmdd, 9-10 digits epoch
seconds, 12-13 epoch milliseconds, any other length (a line counter) no time. A log with none of
these carries no times at all: AIS position messages hold only the UTC second, so the positions
are reported without a time.

A tag block must carry its checksum (XOR of the characters between the backslash and the '*');
a line whose tag block fails it is skipped and counted, like a sentence failing its own.
Fragments of a multipart message are joined per source station (the tag block's ``s:``),
talker and formatter, sequence id and channel, so two receivers merged into one log never
complete each other's messages.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Optional

from .decoder import load_pyais
from .positions import digits_time

POSITION_TYPES = frozenset({1, 2, 3, 18, 19, 27})
STATIC_TYPES = frozenset({5, 19, 24})
# A file whose first this-many non-blank lines hold no AIS sentence is not an AIS log.
NOT_AIS_AFTER_LINES = 1000

_SENTENCE = re.compile(rb"[!$][A-Z]{2}VD[MO],")
_TRAILING_EPOCH = re.compile(rb"\*[0-9A-Fa-f]{2}\s*[,;]\s*(\d+(?:\.\d+)?)\s*$")
_DIGITS = re.compile(r"^\d+(\.\d*)?$")

# Reasons a line or message is skipped; the algorithm prints these labels.
SKIP_LABELS = {
    "not_ais": "lines without an AIS sentence",
    "checksum": "sentences failing their checksum",
    "tag_checksum": "sentences whose tag block fails its checksum (or has none)",
    "malformed": "malformed sentences (bad fields)",
    "empty_payload": "sentences with an empty payload",
    "multipart_incomplete": "multipart messages with missing fragments",
    "undecodable": "messages pyais could not decode",
    "position_not_available": "position reports with lat 91 / lon 181 (not available)",
    "position_out_of_range": "position reports with coordinates out of range",
    "mmsi_invalid": "position reports whose MMSI is not 9 digits",
}


class NotAisError(ValueError):
    """The input holds no AIS sentence (empty, or not an NMEA AIS log)."""


class PositionReport(NamedTuple):
    mmsi: int
    time: Optional[float]  # epoch seconds UTC, None when the log carries no receive time
    lon: float
    lat: float
    sog: Optional[float]
    cog: Optional[float]
    heading: Optional[int]
    nav_status: Optional[int]
    msg_type: int


@dataclass
class NmeaStats:
    """What a pass over a log saw; ``skipped`` counts by the keys of ``SKIP_LABELS``."""

    lines: int = 0
    sentences: int = 0
    messages: int = 0
    positions_found: int = 0
    positions_written: int = 0
    positions_timed: int = 0
    static_messages: int = 0
    by_type: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)

    @property
    def has_times(self) -> bool:
        return self.positions_timed > 0


def _xor_checksum(body: bytes) -> int:
    """Return the XOR of all bytes of ``body`` (the NMEA checksum), folding a big integer."""
    if not body:
        return 0
    x = int.from_bytes(body, "little")
    nbytes = len(body)
    while nbytes > 1:
        half = (nbytes + 1) // 2
        x = (x & ((1 << (8 * half)) - 1)) ^ (x >> (8 * half))
        nbytes = half
    return x


def _epoch(text: str) -> Optional[float]:
    """Return epoch seconds for an all-digit time (see the module docstring), or None."""
    if not _DIGITS.match(text):
        return None
    value = digits_time(text)
    return None if math.isnan(value) else value


def _text_time(text: bytes) -> Optional[float]:
    """Return the epoch seconds of a plain-text prefix (digits or ISO 8601), or None."""
    text = text.strip().strip(b",;").strip()
    if not text:
        return None
    try:
        s = text.decode("ascii")
    except UnicodeDecodeError:
        return None
    if s[0].isdigit() and _DIGITS.match(s):
        return _epoch(s)
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:  # receiver logs write UTC
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def _parse_prefix(prefix: bytes) -> tuple[Optional[float], bytes, bool]:
    """Return (epoch seconds or None, source station, tag blocks valid) for the text before a
    sentence."""
    if b"\\" not in prefix:
        return _text_time(prefix), b"", True
    parts = prefix.split(b"\\")
    if len(parts) % 2 == 0:  # an unpaired backslash: a cut tag block
        return None, b"", False
    t, station = None, b""
    for block in parts[1::2]:
        star = block.rfind(b"*")
        if star < 0 or len(block) != star + 3:
            return None, b"", False
        try:
            expected = int(block[star + 1:], 16)
        except ValueError:
            return None, b"", False
        body = block[:star]
        if _xor_checksum(body) != expected:
            return None, b"", False
        for item in body.split(b","):
            if item.startswith(b"c:") and t is None:
                t = _epoch(item[2:].decode("ascii", "replace"))
            elif item.startswith(b"s:"):
                station = item[2:]
    if t is None:
        t = _text_time(b" ".join(parts[0::2]))
    return t, station, True


def _parse_prefix_time(prefix: bytes) -> Optional[float]:
    """Return the epoch seconds encoded in the text before a sentence, or None."""
    return _parse_prefix(prefix)[0]


def _msg_type(payload: bytes) -> int:
    c = payload[0] - 48
    if c > 40:
        c -= 8
    return c


def _clean_text(value) -> Optional[str]:
    if value is None:
        return None
    text = str(value).replace("@", " ").strip()
    return text or None


def _static_fields(msg) -> dict:
    """Return the static/voyage fields a decoded type 5/19/24 message carries (non-empty only)."""
    out = {}
    name = _clean_text(getattr(msg, "shipname", None))
    if name:
        out["vessel_name"] = name
    imo = getattr(msg, "imo", None)
    if imo:
        out["imo"] = int(imo)
    call_sign = _clean_text(getattr(msg, "callsign", None))
    if call_sign:
        out["call_sign"] = call_sign
    ship_type = getattr(msg, "ship_type", None)
    if ship_type:
        out["ship_type"] = int(ship_type)
    bow, stern = getattr(msg, "to_bow", None), getattr(msg, "to_stern", None)
    if bow is not None and stern is not None and bow + stern > 0:
        out["length"] = int(bow + stern)
    port, starboard = getattr(msg, "to_port", None), getattr(msg, "to_starboard", None)
    if port is not None and starboard is not None and port + starboard > 0:
        out["width"] = int(port + starboard)
    destination = _clean_text(getattr(msg, "destination", None))
    if destination:
        out["destination"] = destination
    return out


LineSource = Callable[[], Iterable[bytes]]


def _opener(source) -> tuple[LineSource, Optional[int]]:
    """Return a function giving a fresh line iterator over ``source`` and its size in bytes."""
    if callable(source):
        return source, None
    path = Path(source)

    def open_lines():
        with open(path, "rb") as handle:  # binary: a stray non-ASCII byte must not stop us
            yield from handle

    return open_lines, path.stat().st_size


class NmeaReader:
    """Two-pass streaming reader of an AIS NMEA log (a path, or a callable returning lines)."""

    def __init__(self, source, progress=None, is_cancelled=None):
        self._open, self.size = _opener(source)
        self._progress = progress
        self._is_cancelled = is_cancelled or (lambda: False)
        self._decode_cls = load_pyais()
        self.static: dict[int, dict] = {}
        self.stats = NmeaStats()
        self._scanned = False

    # -- framing -----------------------------------------------------------------------------
    def _messages(self, stats: NmeaStats, wanted: frozenset, pass_start: float, pass_share: float
                  ) -> Iterator[tuple[Optional[float], int, object]]:
        """Yield (time, msg_type, decoded) for complete messages of the ``wanted`` types."""
        NMEAMessage = self._decode_cls
        pending: dict[tuple, tuple[int, list, Optional[float]]] = {}
        read = 0
        seen_ais = False
        nonblank = 0
        last_prefix, last_parsed = None, (None, b"", True)
        for lineno, line in enumerate(self._open()):
            read += len(line)
            stats.lines += 1
            if lineno % 20000 == 0:
                if self._is_cancelled():
                    return
                if self._progress and self.size:
                    self._progress(pass_start + pass_share * min(read / self.size, 1.0))
            line = line.strip()
            if not line:
                continue
            nonblank += 1
            match = _SENTENCE.search(line)
            if match is None:
                stats.skipped["not_ais"] += 1
                if not seen_ais and nonblank >= NOT_AIS_AFTER_LINES:
                    raise NotAisError("no AIS sentence in the first "
                                      f"{NOT_AIS_AFTER_LINES} lines")
                continue
            seen_ais = True
            stats.sentences += 1
            start = match.start()
            prefix = line[:start]
            if prefix != last_prefix:
                last_prefix, last_parsed = prefix, _parse_prefix(prefix)
            t, station, tag_ok = last_parsed
            if not tag_ok:
                stats.skipped["tag_checksum"] += 1
                continue
            checked = _check_sentence(line[start:], t, stats)
            if checked is None:
                continue
            sentence, parts, t, count, number = checked
            assembled = _fragments(pending, sentence, parts, count, number, t, station, wanted, stats)
            if assembled is None:
                continue
            fragments, t = assembled
            try:
                nmea = [NMEAMessage(raw) for raw in fragments]
                decoded = NMEAMessage.assemble_from_iterable(nmea).decode()
            except Exception:  # pyais raises several types; any of them means "cannot decode"
                stats.skipped["undecodable"] += 1
                continue
            msg_type = int(decoded.msg_type)
            stats.messages += 1
            stats.by_type[msg_type] += 1
            yield t, msg_type, decoded
        stats.skipped["multipart_incomplete"] += len(pending)

    # -- passes ------------------------------------------------------------------------------
    def scan_static(self) -> dict[int, dict]:
        """First pass: return static data per MMSI (later non-empty values win)."""
        scratch = NmeaStats()
        for _t, _type, msg in self._messages(scratch, STATIC_TYPES, 0.0, 0.4):
            fields = _static_fields(msg)
            if fields:
                self.static.setdefault(int(msg.mmsi), {}).update(fields)
        self._scanned = True
        if scratch.sentences == 0:
            raise NotAisError("no AIS sentence in the file" if scratch.lines
                              else "the file is empty")
        return self.static

    def positions(self) -> Iterator[tuple[PositionReport, dict]]:
        """Second pass: yield (position report, static dict of its MMSI) in file order."""
        if not self._scanned:
            self.scan_static()
        stats = self.stats = NmeaStats()
        wanted = POSITION_TYPES | STATIC_TYPES
        for t, msg_type, msg in self._messages(stats, wanted, 0.4, 0.6):
            if msg_type in STATIC_TYPES:
                stats.static_messages += 1
            if msg_type not in POSITION_TYPES:
                continue
            if msg.lon is None or msg.lat is None or msg.mmsi is None:
                stats.skipped["undecodable"] += 1  # a truncated payload
                continue
            stats.positions_found += 1
            lon, lat = float(msg.lon), float(msg.lat)
            if lat == 91.0 or lon == 181.0:
                stats.skipped["position_not_available"] += 1
                continue
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
                stats.skipped["position_out_of_range"] += 1
                continue
            mmsi = int(msg.mmsi)
            if not 100_000_000 <= mmsi <= 999_999_999:
                stats.skipped["mmsi_invalid"] += 1
                continue
            sog = float(msg.speed) if msg.speed is not None else 102.3
            # Type 27 has whole knots with 63 = not available; others tenths with 102.3.
            if (msg_type == 27 and sog >= 63) or sog >= 102.25:
                sog = None
            cog = float(msg.course) if msg.course is not None else 360.0
            if (msg_type == 27 and cog >= 511) or cog >= 360.0:
                cog = None
            heading = getattr(msg, "heading", None)
            if heading is not None and int(heading) >= 360:
                heading = None
            status = getattr(msg, "status", None)
            report = PositionReport(
                mmsi, t, lon, lat, sog, cog,
                None if heading is None else int(heading),
                None if status is None else int(status),
                msg_type,
            )
            stats.positions_written += 1
            if t is not None:
                stats.positions_timed += 1
            yield report, self.static.get(mmsi, {})
        if self._progress:
            self._progress(1.0)


def skipped_summary(stats: NmeaStats) -> list[str]:
    """Return one human line per skip reason with a non-zero count."""
    return [f"{stats.skipped[key]} {label}" for key, label in SKIP_LABELS.items()
            if stats.skipped.get(key)]


def _check_sentence(sentence: bytes, t, stats):
    """Return (sentence, its 7 fields, time, fragment count, fragment number) of a well-formed
    sentence with a valid checksum, or None (counted in ``stats.skipped``).

    A receive time after the checksum (some loggers append epoch seconds) is taken when the
    line had no other time, and cut off.
    """
    star = sentence.rfind(b"*")
    if star < 0 or len(sentence) < star + 3:
        stats.skipped["malformed"] += 1
        return None
    trailer = sentence[star + 3:]
    if trailer:
        if t is None:
            m = _TRAILING_EPOCH.search(sentence[star:])
            if m:
                t = _epoch(m.group(1).decode("ascii"))
        sentence = sentence[:star + 3]
    try:
        expected = int(sentence[star + 1:star + 3], 16)
    except ValueError:
        stats.skipped["malformed"] += 1
        return None
    if _xor_checksum(sentence[1:star]) != expected:
        stats.skipped["checksum"] += 1
        return None
    parts = sentence.split(b",")
    if len(parts) != 7:
        stats.skipped["malformed"] += 1
        return None
    try:
        count, number = int(parts[1]), int(parts[2])
    except ValueError:
        stats.skipped["malformed"] += 1
        return None
    return sentence, parts, t, count, number


def _fragments(pending: dict, sentence: bytes, parts: list, count: int, number: int, t, station,
               wanted: frozenset, stats):
    """Return (the sentences of a complete message of a ``wanted`` type, its time), or None
    while a multi-sentence message waits in ``pending`` or when the message is not wanted."""
    payload = parts[5]
    if count == 1:
        if not payload:
            stats.skipped["empty_payload"] += 1
            return None
        if _msg_type(payload) not in wanted:
            stats.messages += 1
            stats.by_type[_msg_type(payload)] += 1
            return None
        return [sentence], t
    key = (station, parts[0], parts[3], parts[4])
    if number == 1:
        if key in pending:
            stats.skipped["multipart_incomplete"] += 1
        if not payload:
            pending.pop(key, None)
            stats.skipped["empty_payload"] += 1
            return None
        pending[key] = (count, [sentence], t)
        return None
    entry = pending.get(key)
    if entry is None or entry[0] != count or len(entry[1]) != number - 1:
        if entry is not None:
            del pending[key]
        stats.skipped["multipart_incomplete"] += 1
        return None
    entry[1].append(sentence)
    if number < count:
        return None
    del pending[key]
    fragments = entry[1]
    if t is None:
        t = entry[2]
    first_payload = fragments[0].split(b",")[5]
    if _msg_type(first_payload) not in wanted:
        stats.messages += 1
        stats.by_type[_msg_type(first_payload)] += 1
        return None
    return fragments, t
