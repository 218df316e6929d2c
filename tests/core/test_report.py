"""The report's pure text and chart helpers (no QGIS): tables, periods, credits, SVG chart geometry."""
from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

from rason_plugin.core.report import (
    Credits,
    SeriesPoint,
    credit_lines,
    fmt_number,
    fmt_time,
    period,
    series_chart_svg,
    sha256_file,
    text_table,
)

UTC = timezone.utc
SVG = "{http://www.w3.org/2000/svg}"


def test_sha256_file_matches_hashlib_on_more_than_one_chunk(tmp_path):
    path = tmp_path / "big.bin"
    data = bytes(range(256)) * 5000  # 1.28 MB: more than the 1 MiB read size
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_period_ignores_missing_times_and_none_when_empty():
    a, b = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 6, tzinfo=UTC)
    assert period([None, b, a, None]) == (a, b)
    assert period([None]) is None


def test_formats_are_locale_free():
    # A time in another zone is printed in UTC: 09:30 at +09:00 is 00:30 UTC.
    kst = timezone(timedelta(hours=9))
    assert fmt_time(datetime(2026, 3, 25, 9, 30, tzinfo=kst)) == "2026-03-25 00:30"
    assert fmt_number(1234567.4) == "1,234,567" and fmt_number(2.469, 2) == "2.47"
    assert fmt_number(None) == "—" and fmt_time(None) == "—"


def test_text_table_aligns_columns_under_a_rule():
    table = text_table(("vessel", "h"), [("AB", "36.0"), ("LONGER NAME", "1.0")])
    assert table.splitlines() == [
        "vessel       h",
        "-----------  ----",
        "AB           36.0",
        "LONGER NAME  1.0",
    ]


def test_credits_follow_the_evidence_and_the_sar_years():
    # Nothing named, no radar: no credit at all.
    assert credit_lines(Credits(evidence=["zones", "/tmp/zones.geojson"])) == []
    found = credit_lines(Credits(evidence=["© OpenStreetMap contributors", "NGA World Port Index, Pub. 150"],
                                 sar_present=True, sar_years={2026, 2025}))
    assert found == ["Contains modified Copernicus Sentinel data 2025-2026",
                     "NGA World Port Index (public domain)",
                     "© OpenStreetMap contributors (ODbL)"]
    # A Sentinel-1 raster named in LAYERS (no radar table) still calls for the Copernicus line.
    assert credit_lines(Credits(evidence=["S1A_IW_GRDH sentinel-1 VV"])) == \
        ["Contains modified Copernicus Sentinel data"]


def test_chart_places_points_at_their_time_and_value():
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    day = timedelta(days=1)
    # Intervals of 12 days, then 24 days: middles at day 6, 18 and 42.
    points = [SeriesPoint(t0, t0 + 12 * day, 10000.0, 6000.0, 4000.0),
              SeriesPoint(t0 + 12 * day, t0 + 24 * day, 20000.0, 5000.0, 15000.0),
              SeriesPoint(t0 + 24 * day, t0 + 60 * day, 40000.0, 30000.0, 10000.0)]
    root = ET.fromstring(series_chart_svg(points, width=520, height=220))
    changed = root.findall(f"{SVG}polyline")[0]
    xy = [tuple(map(float, p.split(","))) for p in changed.get("points").split()]
    # Plot box: x 56..508 (452 px wide), y 14..186 (172 px high). The largest value is 4 ha,
    # a "nice" top of 5 ha: y = 186 - ha / 5 * 172. x = 56 + (mid - 6) / (42 - 6) * 452.
    expected = [(56.0, 186 - 1 / 5 * 172), (56 + 12 / 36 * 452, 186 - 2 / 5 * 172),
                (508.0, 186 - 4 / 5 * 172)]
    for (x, y), (ex, ey) in zip(xy, expected):
        assert abs(x - ex) < 0.06 and abs(y - ey) < 0.06


def test_chart_without_points_says_no_data():
    svg = series_chart_svg([])
    assert "no data" in svg and "polyline" not in svg
