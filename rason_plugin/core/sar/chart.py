"""Changed area per zone over time as an SVG line chart, alone or in a self-contained HTML page.

No dependency: the SVG is written by hand so the file opens in any browser without QGIS.
"""
from __future__ import annotations

from typing import Dict, List, Sequence
from xml.sax.saxutils import escape

COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
WIDTH, HEIGHT = 900, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 170, 40, 60


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** len(str(int(value))) / 10.0 if value >= 1 else 0.1
    while step * 10 < value:
        step *= 10
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= value:
            return m * step
    return 10 * step


def series_by_zone(rows) -> Dict[str, List]:
    """Group zone rows (with .zone, .start, .end, .changed_pct) by zone, in first-seen order."""
    out: Dict[str, List] = {}
    for r in rows:
        out.setdefault(r.zone, []).append(r)
    return out


def svg_chart(rows, title: str, y_label: str = "changed area (% of valid)") -> str:
    """Return an SVG of each zone's changed percentage per interval, at the interval's end date."""
    zones = series_by_zone(rows)
    if not zones:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="80"><text x="10" y="40">' \
               f'{escape(title)}: no zone</text></svg>'
    times = sorted({r.end for r in rows} | {r.start for r in rows})
    t0, t1 = times[0].timestamp(), times[-1].timestamp()
    span = (t1 - t0) or 1.0
    ymax = _nice_max(max(r.changed_pct for r in rows))
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t):
        return LEFT + pw * (t.timestamp() - t0) / span

    def y(v):
        return TOP + ph * (1 - v / ymax)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
             f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
    for i in range(6):
        v = ymax * i / 5
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
    ticks = _month_ticks(times[0], times[-1])
    for t in ticks:
        parts.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{TOP + ph}" y2="{TOP + ph + 5}" '
                     'stroke="#333"/>')
        parts.append(f'<text x="{x(t):.1f}" y="{TOP + ph + 18}" text-anchor="middle">{t:%Y-%m}</text>')
    parts.append(f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>')
    parts.append(f'<text x="16" y="{TOP + ph / 2:.1f}" transform="rotate(-90 16 {TOP + ph / 2:.1f})" '
                 f'text-anchor="middle">{escape(y_label)}</text>')
    parts.append(f'<text x="{LEFT + pw / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
                 'end date of each interval</text>')
    for n, (zone, zrows) in enumerate(zones.items()):
        colour = COLOURS[n % len(COLOURS)]
        pts = " ".join(f"{x(r.end):.1f},{y(r.changed_pct):.1f}" for r in zrows)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for r in zrows:
            parts.append(f'<circle cx="{x(r.end):.1f}" cy="{y(r.changed_pct):.1f}" r="2.5" fill="{colour}">'
                         f'<title>{escape(zone)} {r.start:%Y-%m-%d} to {r.end:%Y-%m-%d}: '
                         f'{r.changed_pct:.2f} %</title></circle>')
        ly = TOP + 16 * n + 8
        parts.append(f'<line x1="{LEFT + pw + 12}" x2="{LEFT + pw + 32}" y1="{ly}" y2="{ly}" '
                     f'stroke="{colour}" stroke-width="3"/>')
        parts.append(f'<text x="{LEFT + pw + 38}" y="{ly + 4}">{escape(zone)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _month_ticks(first, last, max_ticks: int = 12) -> Sequence:
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, -(-months // max_ticks))
    out = []
    y, m = first.year, first.month
    t = first.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while t <= last:
        if t >= first:
            out.append(t)
        m += step
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        t = t.replace(year=y, month=m)
    return out


def html_page(rows, title: str) -> str:
    """Return a self-contained HTML page: the chart and the table of the zone series."""
    table = ["<table><tr><th>zone</th><th>start</th><th>end</th><th>changed m²</th><th>brighter m²</th>"
             "<th>darker m²</th><th>valid m²</th><th>changed %</th></tr>"]
    for r in rows:
        table.append(f"<tr><td>{escape(r.zone)}</td><td>{r.start:%Y-%m-%d}</td><td>{r.end:%Y-%m-%d}</td>"
                     f"<td>{r.changed_area_m2:.0f}</td><td>{r.brighter_area_m2:.0f}</td>"
                     f"<td>{r.darker_area_m2:.0f}</td><td>{r.valid_area_m2:.0f}</td>"
                     f"<td>{r.changed_pct:.2f}</td></tr>")
    table.append("</table>")
    style = ("body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;font-size:12px}"
             "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{style}</style></head><body>\n{svg_chart(rows, title)}\n{''.join(table)}\n"
            "</body></html>\n")
