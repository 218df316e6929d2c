"""Time parsing, cleaning and track segmentation on hand-made rows and the real Caribbean CSV."""
from __future__ import annotations

import math
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from rason_plugin.core.ais.positions import (
    clean_positions,
    parse_time,
    read_positions_csv,
    skipped_lines,
)
from rason_plugin.core.ais.tracks import EARTH_RADIUS_M, haversine_m, segment_tracks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ais_oracle import gap_segments  # noqa: E402

T0 = datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp()
A, B, C = 440123456, 440654321, 273111222


@pytest.mark.parametrize("value, expected", [
    ("2024-01-01T00:00:00Z", T0),
    ("2024-01-01 09:00:00+09:00", T0),        # Korea/Japan time, normalised to UTC
    ("2023-12-31T19:00:00-05:00", T0),
    ("2024-01-01 00:00:00", T0),              # naive: taken as UTC
    ("2024-01-01T00:00:00.000", T0),
    ("01/01/2024 00:00:00", T0),              # Danish Maritime Authority day-first
    (T0, T0),
    (int(T0), T0),
    (T0 * 1000, T0),                          # milliseconds
    (str(int(T0)), T0),
    (datetime(2024, 1, 1, 9, tzinfo=timezone.utc), T0 + 9 * 3600),
    (datetime(2024, 1, 1), T0),
    ("yesterday", math.nan),
    ("", math.nan),
    (None, math.nan),
    ("NULL", math.nan),
])
def test_parse_time(value, expected):
    got = parse_time(value)
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected


def test_cleaning_counts_every_reason_and_sorts():
    rows = [
        # mmsi, time, lon, lat
        (A, "2024-01-01T00:10:00Z", 130.1, 42.1),
        (A, "2024-01-01T00:00:00Z", 130.0, 42.0),          # out of order
        (A, "2024-01-01 09:00:00+09:00", 130.0, 42.0),     # duplicate of the row above (mixed zone)
        (B, "2024-01-01T00:00:00Z", 181.0, 91.0),           # not available
        (B, "2024-01-01T00:05:00Z", 200.0, 42.0),           # out of range
        (B, "not a time", 130.0, 42.0),                     # unparseable time
        (B, None, 130.0, 42.0),                             # missing time
        ("12345", "2024-01-01T00:00:00Z", 130.0, 42.0),     # MMSI too short
        ("4401234567", "2024-01-01T00:00:00Z", 130.0, 42.0),  # MMSI too long
        (B, "2024-01-01T00:01:00Z", None, None),            # no coordinates
        (C, "2024-01-01T00:00:00Z", 10.0, 55.0),            # a single report of its vessel
    ]
    m, t, x, y = zip(*rows)
    pos = clean_positions(list(m), list(t), list(x), list(y))
    assert dict(pos.skipped) == {"mmsi_invalid": 2, "coord_missing": 1,
                                 "coord_not_available": 1, "coord_out_of_range": 1,
                                 "time_missing": 2, "duplicate": 1}
    assert not pos.was_sorted
    assert pos.mmsi.tolist() == [C, A, A]  # sorted by MMSI, then time
    assert pos.t[pos.mmsi == A].tolist() == [T0, T0 + 600]
    assert pos.index.tolist() == [10, 1, 0]
    assert skipped_lines(pos.skipped)[0] == "2 rows whose MMSI is not 9 digits"
    segments = segment_tracks(pos, 30, 50)
    assert len(segments) == 1 and segments.single_point_segments == 1


def test_haversine_one_minute_of_latitude():
    d = haversine_m(130.0, 42.0, 130.0, 42.0 + 1 / 60)
    assert d == pytest.approx(EARTH_RADIUS_M * math.pi / 180 / 60, rel=1e-12)


def _track(mmsi, minutes, lons, lats, sog=None):
    n = len(minutes)
    return (np.full(n, mmsi), T0 + np.asarray(minutes, dtype=float) * 60, np.asarray(lons),
            np.asarray(lats), None if sog is None else np.asarray(sog, dtype=float))


def _concat(*tracks):
    cols = list(zip(*tracks))
    sog = None if any(s is None for s in cols[4]) else np.concatenate(cols[4])
    return clean_positions(np.concatenate(cols[0]), np.concatenate(cols[1]),
                           np.concatenate(cols[2]), np.concatenate(cols[3]), sog)


def test_gaps_split_segments_and_spikes_are_dropped():
    step = 1 / 60  # one minute of latitude a minute: 60 knots would be too fast...
    step = step / 6  # ...so 10 knots
    lat = 42.0 + step * np.arange(8)
    lat_spike = lat.copy()
    lat_spike[2] += 1.0  # a report 60 nm off the track
    minutes_a = [0, 1, 2, 3, 4, 35, 36, 37]  # a 31-minute gap after minute 4
    pos = _concat(
        _track(A, minutes_a, np.full(8, 130.0), lat_spike, [10] * 8),
        _track(B, [0, 30, 60], [130.2] * 3, [42.0, 42.01, 42.02], [5, 6, 7]),  # gaps of exactly 30
    )
    seg = segment_tracks(pos, max_gap_minutes=30, max_speed_knots=50)
    assert seg.speed_outliers == 1
    assert seg.mmsi.tolist() == [A, A, B]
    assert seg.segment_id.tolist() == [1, 2, 1]
    assert seg.n_points.tolist() == [4, 3, 3]
    assert seg.start_time.tolist() == [T0, T0 + 35 * 60, T0]
    assert seg.end_time.tolist() == [T0 + 4 * 60, T0 + 37 * 60, T0 + 60 * 60]
    nm = EARTH_RADIUS_M * math.pi / 180 / 60 / 1000  # km in one minute of arc
    # segment 1: minutes 0,1,3,4 -> 4 steps of latitude (the spike at minute 2 is gone)
    assert seg.length_km[0] == pytest.approx(4 * nm / 6, rel=1e-9)
    assert seg.length_km[1] == pytest.approx(2 * nm / 6, rel=1e-9)
    assert seg.mean_sog.tolist() == [10.0, 10.0, 6.0]
    assert seg.max_sog.tolist() == [10.0, 10.0, 7.0]
    # without the speed filter the spike stays in
    assert segment_tracks(pos, 30, 0).n_points.tolist() == [5, 3, 3]


def test_speeds_are_implied_when_there_is_no_sog():
    lat = 42.0 + (1 / 60 / 6) * np.array([0, 1, 3])  # 10 kn, then 20 kn
    pos = _concat(_track(A, [0, 1, 2], [130.0] * 3, lat))
    seg = segment_tracks(pos, 30, 50)
    nm_per_deg = EARTH_RADIUS_M * math.pi / 180 / 1852
    assert seg.max_sog[0] == pytest.approx(20 * nm_per_deg / 60, rel=1e-9)
    assert seg.mean_sog[0] == pytest.approx(15 * nm_per_deg / 60, rel=1e-9)


@pytest.mark.parametrize("max_speed", [50, 10])
def test_caribbean_csv(test_data, max_speed):
    # Every expected figure comes from ais_oracle (plain loops over the CSV rows). At 50 kn the
    # fastest link (about 60 kn) is flagged by no rule, so nothing goes; at 10 kn thousands of
    # reports test the outlier rules against the oracle's own loop over them.
    path = test_data / "ais" / "caribewave_cw17.csv"
    pos = read_positions_csv(path, time_field="epoch")
    oracle = gap_segments(path, 30 * 60, max_knots=max_speed)
    # 9,070 rows: the data provider's figure (tests/data/ais, from /work/shared/data/README.md)
    assert pos.rows_in == oracle["rows"] == 9070
    assert dict(pos.skipped) == {"coord_not_available": oracle["not_available"],
                                 "duplicate": oracle["duplicates"]}
    assert oracle["not_available"] > 0 and oracle["duplicates"] > 0
    assert len(pos) == pos.rows_in - sum(pos.skipped.values())
    assert oracle["fastest_knots"] > 50  # the filter has a fast link to judge
    seg = segment_tracks(pos, 30, max_speed)
    assert seg.speed_outliers == oracle["outliers"]
    lines, singles, still = oracle["lines"], oracle["singles"], oracle["still"]
    assert len(seg) == len(lines) > 20
    assert sorted(seg.n_points.tolist()) == sorted(len(run) for run in lines)
    assert sorted(seg.start_time.tolist()) == sorted(run[0] for run in lines)
    assert seg.single_point_segments == len(singles)
    # vessels that sent the very same fix for a whole segment: no line, left out
    assert seg.stationary_segments == len(still) > 0
    kept = segment_tracks(pos, 30, max_speed, drop_stationary=False)
    assert len(kept) == len(lines) + len(still)
    assert int(kept.n_points.sum()) == len(pos) - oracle["outliers"] - len(singles)
    pts = seg.points
    for a, b in zip(seg.start, seg.stop):
        assert np.all(np.diff(pts.t[a:b]) > 0)  # strictly in time order
        assert np.all(np.diff(pts.t[a:b]) <= 30 * 60)
        assert len(set(pts.mmsi[a:b].tolist())) == 1


def test_dma_csv_day_first_times(test_data):
    pos = read_positions_csv(test_data / "ais" / "dma_aisdk_20180208_sample.csv",
                             time_field="# Timestamp")
    assert len(pos) == 10
    midnight = datetime(2018, 2, 8, tzinfo=timezone.utc).timestamp()
    assert sorted(set((pos.t - midnight).tolist())) == [0.0, 1.0, 2.0]
    assert sorted(pos.sog.tolist())[-3:] == [8.6, 15.7, 16.0]


def test_empty_and_non_ais_csv(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ValueError, match="empty"):
        read_positions_csv(empty)
    other = tmp_path / "other.csv"
    other.write_text("name,price\napple,1\n")
    with pytest.raises(ValueError, match="no mmsi, time, lon, lat column"):
        read_positions_csv(other)


# Compact digit times, worked out by hand: 2018-02-08 is day 17570 since 1970-01-01
# (48 years with 12 leap days = 17532 days, plus 31 days of January and 7 more), so midnight is
# 17570 * 86400 = 1,518,048,000 s and noon 43,200 s later.
MIDNIGHT_20180208 = 17570 * 86400
assert MIDNIGHT_20180208 == datetime(2018, 2, 8, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("value, expected", [
    ("20180208120000", MIDNIGHT_20180208 + 43200),     # YYYYmmddHHMMSS, not year 2609
    (20180208120000, MIDNIGHT_20180208 + 43200),       # the same as a number (a CSV int column)
    (20180208120000.0, MIDNIGHT_20180208 + 43200),
    ("201802081200", MIDNIGHT_20180208 + 43200),       # YYYYmmddHHMM: date-shaped first
    ("20180208", MIDNIGHT_20180208),                   # YYYYmmdd, not 1970
    (20180208, MIDNIGHT_20180208),
    ("1518091200", MIDNIGHT_20180208 + 43200),         # 10 digits: epoch seconds
    ("1518091200000", MIDNIGHT_20180208 + 43200),      # 13 digits: epoch milliseconds
    ("978307200000", 978307200.0),                     # 12 digits, no date shape: ms (2001)
    ("1518091200.5", MIDNIGHT_20180208 + 43200.5),
    ("17", math.nan),                                  # a line counter is no time
    (17, math.nan),
    ("151809120", 151809120.0),                        # 9 digits: seconds (1974)
    ("15180912000", math.nan),                         # 11 digits: neither seconds nor ms
    ("151809120000000", math.nan),                     # 15 digits
    ("20181308120000", math.nan),                      # month 13: date-shaped but no date
    ("0000000017", math.nan),                          # a zero-padded counter is still 17
])
def test_compact_digit_times(value, expected):
    got = parse_time(value)
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected


def test_parse_times_numeric_array_uses_the_digit_rules():
    from rason_plugin.core.ais.positions import parse_times

    values = np.array([20180208120000, 20180208, 1518091200, 1518091200000, 17, 15180912000],
                      dtype=np.float64)
    got = parse_times(values)
    noon = MIDNIGHT_20180208 + 43200
    assert got[:4].tolist() == [noon, MIDNIGHT_20180208, noon, noon]
    assert np.isnan(got[4:]).all()


def test_csv_with_compact_times_makes_tracks(tmp_path):
    # Three reports one minute apart moving 1/600 degree of latitude a minute (6 kn by hand:
    # 0.1 nautical mile per minute), times written YYYYmmddHHMMSS.
    path = tmp_path / "compact.csv"
    path.write_text("mmsi,time,lon,lat\n"
                    f"{A},20180208120000,130.0,42.0\n"
                    f"{A},20180208120100,130.0,{42 + 1 / 600}\n"
                    f"{A},20180208120200,130.0,{42 + 2 / 600}\n")
    pos = read_positions_csv(path)
    noon = MIDNIGHT_20180208 + 43200
    assert pos.t.tolist() == [noon, noon + 60, noon + 120]
    seg = segment_tracks(pos, 30, 50)
    assert len(seg) == 1 and seg.n_points.tolist() == [3]


def test_csv_whose_times_never_parse_names_field_value_and_forms(tmp_path):
    path = tmp_path / "counter.csv"
    path.write_text("mmsi,time,lon,lat\n" f"{A},17,130.0,42.0\n" f"{A},18,130.0,42.01\n")
    with pytest.raises(ValueError) as err:
        read_positions_csv(path)
    message = str(err.value)
    assert "'time'" in message and "'17'" in message
    assert "YYYYmmddHHMMSS" in message and "ISO 8601" in message and "milliseconds" in message


TEN_KN_LAT = 1 / 60 / 6  # degrees of latitude a minute at 10 kn (one nautical mile = 1')


@pytest.mark.parametrize("spike_at", [0, 1, 4, 5])
def test_a_speed_spike_costs_only_itself(spike_at):
    # Six reports a minute apart at 10 kn; one is thrown 1 degree (60 nm) off the track, an
    # implied 3600 kn. Only that report is an outlier: the genuine first or last report next to
    # it stays (the old filter also dropped the first report when the spike was the second).
    lat = 42.0 + TEN_KN_LAT * np.arange(6)
    lat[spike_at] += 1.0
    pos = _concat(_track(A, range(6), [130.0] * 6, lat))
    seg = segment_tracks(pos, 30, 50)
    assert seg.speed_outliers == 1
    assert seg.n_points.tolist() == [5]
    kept_minutes = sorted(set(range(6)) - {spike_at})
    assert ((seg.points.t - T0) / 60).tolist() == kept_minutes


def test_a_two_report_run_with_one_fast_link_keeps_its_first_report():
    # Two reports a minute apart, 60 nm apart: one of them is wrong and nothing tells which, so
    # one report (the later) is dropped, not both. The first is left as a one-report segment.
    pos = _concat(_track(A, [0, 1], [130.0, 130.0], [42.0, 43.0]),
                  _track(B, [0, 1, 2], [131.0] * 3, 42.0 + TEN_KN_LAT * np.arange(3)))
    seg = segment_tracks(pos, 30, 50)
    assert seg.speed_outliers == 1
    assert seg.single_point_segments == 1
    assert seg.mmsi.tolist() == [B]
    assert pos.t[pos.mmsi == A].tolist()[:1] == \
        seg.points.t[seg.points.mmsi == A].tolist() == [T0]
