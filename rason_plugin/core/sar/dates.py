"""Acquisition dates of radar scenes: from an explicit list, the file name, or GDAL metadata."""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Dict, List, Optional, Sequence

# Sentinel-1 product names: S1A_IW_GRDH_1SDV_20220612T173329_20220612T173354_043637_...; the first
# time is the acquisition start. Also file names of processed subsets, s1a-iw-grd-20220612t173329-...
_S1_NAME = re.compile(r"(?i)S1[ABCD][_-].*?[_-](\d{8})T(\d{6})")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):?(\d{2}):?(\d{2}))?")
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(\d{2}))?(?!\d)")
# TIFFTAG_DATETIME is "YYYY:MM:DD HH:MM:SS"; ACQUISITION_START_TIME is ISO (SAFE / SNAP exports)
_TIFF = re.compile(r"^(\d{4}):(\d{2}):(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?")
METADATA_KEYS = ("ACQUISITION_START_TIME", "TIFFTAG_DATETIME")


def _make(groups) -> Optional[dt.datetime]:
    parts = [int(g) if g else 0 for g in groups]
    try:
        return dt.datetime(*parts[:3], *parts[3:6])
    except ValueError:
        return None


def date_from_name(path: str) -> Optional[dt.datetime]:
    """Return the acquisition time a file name carries (Sentinel-1 name, YYYY-MM-DD or YYYYMMDD), or None."""
    name = os.path.basename(str(path))
    m = _S1_NAME.search(name)
    if m:
        found = _make((m.group(1)[:4], m.group(1)[4:6], m.group(1)[6:], m.group(2)[:2], m.group(2)[2:4],
                       m.group(2)[4:]))
        if found:
            return found
    for pattern in (_ISO, _COMPACT):
        for m in pattern.finditer(name):
            found = _make(m.groups())
            if found and 1990 <= found.year <= 2100:
                return found
    return None


def date_from_metadata(metadata: Dict[str, str]) -> Optional[dt.datetime]:
    """Return the time in ACQUISITION_START_TIME or TIFFTAG_DATETIME of a GDAL metadata dict, or None."""
    for key in METADATA_KEYS:
        value = (metadata or {}).get(key)
        if not value:
            continue
        value = value.strip()
        m = _TIFF.match(value) or _ISO.match(value)
        if m:
            found = _make(m.groups())
            if found:
                return found
    return None


def parse_date_list(text: str) -> List[dt.datetime]:
    """Return the comma-separated ISO dates of ``text``; raise ValueError naming the one that is not."""
    out = []
    for item in [t.strip() for t in text.split(",") if t.strip()]:
        m = _ISO.fullmatch(item) or _COMPACT.fullmatch(item)
        found = _make(m.groups()) if m else None
        if found is None:
            raise ValueError(item)
        out.append(found)
    return out


def duplicates(dates: Sequence[dt.datetime]) -> List[int]:
    """Return the positions of dates equal to an earlier one."""
    seen = set()
    dup = []
    for i, d in enumerate(dates):
        if d in seen:
            dup.append(i)
        seen.add(d)
    return dup
