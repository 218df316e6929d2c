"""The monitoring report's text and charts from plain values: no QGIS, no Qt, no clock.

Everything here is a pure function of its arguments, so the same inputs give the same report text.
Times are timezone-aware ``datetime`` objects in UTC; areas are square metres.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from xml.sax.saxutils import escape

CHUNK = 1 << 20


def sha256_file(path, is_cancelled=lambda: False) -> str:
    """Return the hex SHA-256 of the file at ``path`` (read in 1 MiB chunks, never whole)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            if is_cancelled():
                raise InterruptedError(str(path))
            digest.update(chunk)
    return digest.hexdigest()


def fmt_time(value: datetime | None) -> str:
    """Return ``YYYY-MM-DD HH:MM`` in UTC, or an em dash for a missing time."""
    if value is None:
        return "—"
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


def fmt_day(value: datetime | None) -> str:
    """Return ``YYYY-MM-DD`` in UTC, or an em dash for a missing time."""
    return "—" if value is None else value.astimezone(timezone.utc).strftime("%Y-%m-%d")


def fmt_number(value, decimals: int = 0) -> str:
    """Return a number with thousands separators (locale-independent), or an em dash for None."""
    if value is None:
        return "—"
    return f"{value:,.{decimals}f}"


def period(times) -> tuple[datetime, datetime] | None:
    """Return (first, last) of the non-missing ``times``, or None when there is none."""
    known = [t for t in times if t is not None]
    return (min(known), max(known)) if known else None


def text_table(headers, rows) -> str:
    """Return ``rows`` as left-aligned text columns under ``headers`` (for a monospace label)."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


@dataclass(frozen=True)
class SeriesPoint:
    """One interval of a zone's radar change series (``rason:sarchange`` ZONE_SERIES row)."""

    start: datetime | None
    end: datetime | None
    changed_m2: float
    brighter_m2: float
    darker_m2: float
    valid_m2: float | None = None
    changed_pct: float | None = None


# (attribute, colour) of the chart's lines; the legend names come from the caller (translated).
CHART_SERIES = (("changed_m2", "#d7191c"), ("brighter_m2", "#fdae61"), ("darker_m2", "#2c7bb6"))


@dataclass
class ChartLabels:
    """The words the chart shows (passed in so that they can be translated by the caller)."""

    legend: tuple = ("changed", "brighter", "darker")
    unit: str = "ha"
    empty: str = "no data"


def _chart_x(point: SeriesPoint) -> float:
    """Return the interval's middle, in epoch seconds (its end or start alone when one is missing)."""
    ends = [t.timestamp() for t in (point.start, point.end) if t is not None]
    return sum(ends) / len(ends)


def series_chart_svg(points, width: int = 520, height: int = 220, labels: ChartLabels | None = None) -> str:
    """Return an SVG line chart of changed/brighter/darker area (hectares) per interval.

    The x axis is time (interval middles), so unevenly spaced dates are drawn at their true
    spacing; the y axis starts at 0. Pure SVG 1.1 that Qt's SVG renderer (QGIS's picture item)
    draws without any plotting library.
    """
    labels = labels or ChartLabels()
    pts = sorted((p for p in points if p.start is not None or p.end is not None), key=_chart_x)
    left, right, top, bottom = 56, 12, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>',
           f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#888"/>']
    if not pts:
        out.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" text-anchor="middle" '
                   f'fill="#555">{escape(labels.empty)}</text></svg>')
        return "\n".join(out)
    xs = [_chart_x(p) for p in pts]
    x0, x1 = xs[0], xs[-1]
    y_max = max(max(getattr(p, a) or 0.0 for a, _ in CHART_SERIES) for p in pts) / 1e4
    y_top = _nice_ceiling(y_max)

    def sx(x):
        return left + (plot_w / 2 if x1 == x0 else (x - x0) / (x1 - x0) * plot_w)

    def sy(v):
        return top + plot_h - (v / y_top) * plot_h

    for i in range(5):
        value = y_top * i / 4
        y = sy(value)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{_tick(value)}</text>')
    out.append(f'<text x="12" y="{top + plot_h / 2}" transform="rotate(-90 12 {top + plot_h / 2})" '
               f'text-anchor="middle">{escape(labels.unit)}</text>')
    for x, p in zip(_thin(xs), _thin(pts)):
        out.append(f'<text x="{sx(x):.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                   f'{fmt_day(p.end or p.start)[5:]}</text>')
    out.append(f'<text x="{left}" y="{height - 4}">{fmt_day(pts[0].end or pts[0].start)[:4]}</text>')
    for attr, colour in CHART_SERIES:
        coords = " ".join(f"{sx(x):.1f},{sy((getattr(p, attr) or 0.0) / 1e4):.1f}" for x, p in zip(xs, pts))
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for c in coords.split():
            cx, cy = c.split(",")
            out.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"/>')
    for i, ((_, colour), name) in enumerate(zip(CHART_SERIES, labels.legend)):
        x = left + 8 + i * 110
        out.append(f'<line x1="{x}" y1="{top + 10}" x2="{x + 18}" y2="{top + 10}" stroke="{colour}" '
                   f'stroke-width="3"/><text x="{x + 22}" y="{top + 14}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _thin(values, most: int = 8):
    """Return every k-th value so that at most ``most`` tick labels are drawn (the last kept)."""
    values = list(values)
    step = max(1, -(-len(values) // most))
    return values[::step]


def _nice_ceiling(value: float) -> float:
    """Return the smallest of 1, 2, 2.5, 5 x 10^k at or above ``value`` (1 for zero)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** (len(str(int(value))) - 1) if value >= 1 else 10.0 ** _neg_exponent(value)
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= value:
            return m * power
    return 10 * power


def _neg_exponent(value: float) -> int:
    exponent = 0
    while value * 10.0 ** (-exponent) < 1:
        exponent -= 1
    return exponent


def _tick(value: float) -> str:
    return f"{value:g}"


# Phrase found in an input's name, source or metadata -> the credit line it calls for.
CREDIT_RULES = (
    ("openstreetmap", "© OpenStreetMap contributors (ODbL)"),
    ("world port index", "NGA World Port Index (public domain)"),
    ("natural earth", "Natural Earth (public domain)"),
    ("geoboundaries", "geoBoundaries (CC BY 4.0)"),
)


@dataclass
class Credits:
    """What the inputs say about their sources: evidence text and the years of SAR data used."""

    evidence: list = field(default_factory=list)  # lower-cased later; any text about an input
    sar_years: set = field(default_factory=set)
    sar_present: bool = False


def credit_lines(credits: Credits) -> list:
    """Return the data credits the inputs call for, sorted (so the text does not depend on order).

    Copernicus asks for "Contains modified Copernicus Sentinel data [Year]" on products derived
    from Sentinel data (Legal Notice on the use of Copernicus Sentinel Data and Service Information).
    """
    text = "\n".join(credits.evidence).lower()
    lines = {line for phrase, line in CREDIT_RULES if phrase in text}
    if credits.sar_present or "sentinel" in text:
        years = sorted(credits.sar_years)
        span = "" if not years else (f" {years[0]}" if len(years) == 1 else f" {years[0]}-{years[-1]}")
        lines.add(f"Contains modified Copernicus Sentinel data{span}")
    return sorted(lines)
