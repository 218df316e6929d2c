"""The words of each report page, from the values read out of the inputs (translated templates).

A section whose input was not given, or holds nothing for a zone, says so in one sentence; no
section is ever left blank, so a reader can tell "nothing happened" from "nothing was measured".
"""
from __future__ import annotations

from ..core.report import fmt_day, fmt_number, fmt_time, period, text_table
from ..i18n import tr

ZONE_CALL_ROWS = 10  # port calls listed on a zone page; the vessels page lists them all


def period_text(data) -> str:
    """Return the period covered, from every time in the inputs."""
    span = period(data.times())
    if span is None:
        return tr("Period covered: the inputs hold no dates (ZONE_SERIES, PORT_CALLS, DETECTIONS)")
    return tr("Period covered: {first} to {last} UTC").format(first=fmt_time(span[0]), last=fmt_time(span[1]))


def _count(items, parameter) -> str:
    return tr("not given ({param})").format(param=parameter) if items is None else str(len(items))


def cover_text(data) -> str:
    """Return the cover's summary lines below the title."""
    dark = None if data.detections is None else [d for d in data.detections if d["status"] == "dark"]
    lines = [
        period_text(data),
        tr("Zones: {n}").format(n=len(data.zones)),
        *("  - " + name for name, _kind, _geom in data.zones),
        tr("Port calls: {n}").format(n=_count(data.calls, "PORT_CALLS")),
        tr("Ship detections: {n}").format(n=_count(data.detections, "DETECTIONS")),
        tr("Dark vessels: {n}").format(n=_count(dark, "DETECTIONS")),
        tr("AIS vessels expected but not seen: {n}").format(n=_count(data.missed, "MISSED")),
    ]
    return "\n".join(lines)


def change_text(data, zone) -> str:
    """Return a zone's change figures from CHANGE_ZONE_STATS."""
    head = tr("Change (CHANGE_ZONE_STATS)")
    if data.stats is None:
        return head + "\n" + tr("No change figures: CHANGE_ZONE_STATS was not given.")
    row = data.stats.get(zone)
    if row is None:
        return head + "\n" + tr("No change figures for this zone in CHANGE_ZONE_STATS.")
    lines = [head,
             tr("Valid area: {v} m²").format(v=fmt_number(row.get("valid_area_m2"))),
             tr("Changed area: {v} m²").format(v=fmt_number(row.get("changed_area_m2"))),
             tr("Changed: {v} %").format(v=fmt_number(row.get("changed_pct"), 2)),
             tr("Change regions: {v}").format(v=fmt_number(row.get("n_regions")))]
    return "\n".join(lines)


def series_points(data, zone):
    """Return the zone's ZONE_SERIES points, [] when it has none, None when not given."""
    return None if data.series is None else data.series.get(zone, [])


def series_text(data, zone) -> str:
    """Return the zone's radar change series as a table (the chart draws the same numbers)."""
    head = tr("Radar change over time (ZONE_SERIES)")
    points = series_points(data, zone)
    if points is None:
        return head + "\n" + tr("No activity series: ZONE_SERIES was not given.")
    if not points:
        return head + "\n" + tr("No activity series for this zone in ZONE_SERIES.")
    rows = [(f"{fmt_day(p.start)} - {fmt_day(p.end)}", fmt_number(p.changed_m2), fmt_number(p.brighter_m2),
             fmt_number(p.darker_m2), fmt_number(p.changed_pct, 2)) for p in points]
    return head + "\n" + text_table(
        (tr("interval"), tr("changed m²"), tr("brighter m²"), tr("darker m²"), tr("changed %")), rows)


def _call_rows(calls, with_port):
    for c in calls:
        row = [c["vessel"], fmt_time(c["arrival"]), fmt_time(c["departure"]), fmt_number(c["dwell_hours"], 1)]
        yield ([c["port"]] + row) if with_port else row


def _call_headers(with_port):
    head = [tr("vessel"), tr("arrival UTC"), tr("departure UTC"), tr("dwell h")]
    return ([tr("port")] + head) if with_port else head


def zone_calls_text(data, zone) -> str:
    """Return the port calls at one zone (the first ZONE_CALL_ROWS; all are on the vessels page)."""
    if data.calls is None:
        return tr("No port calls: PORT_CALLS was not given.")
    calls = [c for c in data.calls if c["port"] == zone]
    if not calls:
        return tr("No port calls in this period.")
    text = tr("Port calls: {n}").format(n=len(calls)) + "\n" + text_table(
        _call_headers(False), list(_call_rows(calls[:ZONE_CALL_ROWS], False)))
    if len(calls) > ZONE_CALL_ROWS:
        text += "\n" + tr("... and {n} more on the vessels page").format(n=len(calls) - ZONE_CALL_ROWS)
    return text


def _position(lon, lat) -> str:
    return "—" if lon is None else f"{lat:.4f}, {lon:.4f}"


def vessels_lines(data) -> list:
    """Return the vessels pages' lines: port calls, dark vessels, AIS vessels expected but not seen."""
    lines = [tr("Port calls (PORT_CALLS)")]
    if data.calls is None:
        lines.append(tr("No port calls: PORT_CALLS was not given."))
    elif not data.calls:
        lines.append(tr("No port calls in this period."))
    else:
        lines += text_table(_call_headers(True), list(_call_rows(data.calls, True))).splitlines()
    lines += ["", tr("Dark vessels: detections without AIS (DETECTIONS)")]
    if data.detections is None:
        lines.append(tr("No ship detections: DETECTIONS was not given."))
    else:
        dark = [d for d in data.detections if d["status"] == "dark"]
        lines.append(tr("{n} ship detections, {matched} matched to AIS, {dark} dark").format(
            n=len(data.detections), matched=sum(d["status"] == "matched" for d in data.detections),
            dark=len(dark)))
        if not dark:
            lines.append(tr("No dark vessels in this period."))
        else:
            rows = [(d["det_id"], _position(d["lon"], d["lat"]), fmt_number(d["length_m"]),
                     fmt_time(d["time"]), d["area"] or "—", fmt_number(d["km"], 1)) for d in dark]
            lines += text_table((tr("detection"), tr("lat, lon"), tr("length m"), tr("time UTC"),
                                 tr("nearest port area"), tr("km")), rows).splitlines()
    lines += ["", tr("AIS vessels expected but not seen (MISSED)")]
    if data.missed is None:
        lines.append(tr("Not checked: MISSED was not given."))
    elif not data.missed:
        lines.append(tr("Every AIS vessel expected in the scene was seen."))
    else:
        rows = [(m["vessel_name"] or "—", m["mmsi"] or "—", _position(m["lon"], m["lat"]))
                for m in data.missed]
        lines += text_table((tr("vessel"), tr("MMSI"), tr("predicted lat, lon")), rows).splitlines()
    return lines


def provenance_lines(data, versions) -> list:
    """Return the provenance pages' lines: inputs with checksums, parameters, versions, credits."""
    lines = [tr("Inputs")]
    for parameter, name, path, checksum in data.provenance:
        lines += [f"{parameter}: {name}", "    " + tr("path: {path}").format(path=path),
                  "    " + tr("SHA-256: {sum}").format(sum=checksum)]
    lines += ["", tr("Parameters")]
    lines += [f"{name} = {value}" for name, value in data.parameters]
    lines += ["", tr("Software")]
    lines += [f"{name} {version}" for name, version in versions]
    lines += ["", tr("Data credits")]
    from ..core.report import credit_lines

    credits = credit_lines(data.credits)
    lines += credits or [tr("The inputs name no data sources.")]
    return lines


def paginate(lines, per_page: int) -> list:
    """Return ``lines`` cut into pages of at most ``per_page`` lines (at least one page)."""
    return [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
