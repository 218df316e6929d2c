"""Port calls with hysteresis on a hand-built scenario whose arrivals and departures are known."""
from __future__ import annotations

import math
from datetime import date, datetime, timezone

import numpy as np
import pytest

from rason_plugin.core.ais.portcalls import Port, distance_to_port_m, port_calls, summarise_calls
from rason_plugin.core.ais.positions import clean_positions
from rason_plugin.core.ais.tracks import EARTH_RADIUS_M

T0 = datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp()  # a Monday
K = EARTH_RADIUS_M * math.pi / 180  # metres per degree of latitude


def square(lon0, lat0, size=0.01):
    return np.array([[lon0, lat0], [lon0 + size, lat0], [lon0 + size, lat0 + size],
                     [lon0, lat0 + size], [lon0, lat0]])


WEST = Port("West", [[square(130.0, 42.0)]])
EAST = Port("East", [[square(131.0, 42.0)]])
IN = (130.005, 42.005)
BAND = (130.005, 42.0125)   # 278 m north of the port: inside exit (500 m), outside entry (0 m)
FAR = (130.005, 42.03)      # 2.2 km away
EAST_IN = (131.005, 42.005)

A, B, C, D, E, F = 440000001, 440000002, 440000003, 440000004, 440000005, 440000006
SCENARIO = [
    # vessel A: approaches through the band, arrives, 3 h of AIS silence while moored, drifts out
    # into the band and back (hysteresis keeps it in port), leaves through the band
    (A, 0.0, FAR, 12.0), (A, 0.5, BAND, 8.0), (A, 1.0, IN, 4.0), (A, 2.0, IN, 0.1),
    (A, 5.0, IN, 0.0), (A, 6.0, BAND, 1.0), (A, 7.0, IN, 0.2), (A, 8.0, BAND, 6.0),
    (A, 8.5, FAR, 11.0), (A, 9.0, FAR, 12.0),
    # vessel B passes through the band only: no call
    (B, 0.0, FAR, 10.0), (B, 1.0, BAND, 10.0), (B, 2.0, BAND, 10.0), (B, 3.0, FAR, 10.0),
    # vessel C: in port from its first report, out beyond the exit ring for two reports (it
    # stays out), back: two calls
    (C, 0.0, IN, 0.5), (C, 1.0, IN, 0.3), (C, 2.0, FAR, 9.0), (C, 2.5, FAR, 9.0),
    (C, 3.0, BAND, 5.0), (C, 4.0, IN, 2.0), (C, 5.0, IN, 1.0),
    # vessel D: silent for 99 h inside the port: longer than 48 h, so two calls
    (D, 0.0, IN, 0.0), (D, 1.0, IN, 0.0), (D, 100.0, IN, 0.0), (D, 101.0, IN, 0.0),
    # vessel E calls at the other port in the second week
    (E, 192.0, EAST_IN, 0.0), (E, 193.0, EAST_IN, 0.0),
    # vessel F: one stray fix beyond the exit ring mid-call (a GNSS jump) does not split the
    # call; it leaves through the band and stays out for two reports
    (F, 0.0, IN, 0.4), (F, 1.0, IN, 0.3), (F, 1.5, FAR, 7.0), (F, 2.0, IN, 0.2),
    (F, 3.0, BAND, 3.0), (F, 4.0, FAR, 9.0), (F, 5.0, FAR, 10.0),
]


def scenario_positions():
    mmsi, hours, where, sog = zip(*SCENARIO)
    return clean_positions(np.array(mmsi), T0 + np.array(hours) * 3600,
                           np.array([w[0] for w in where]), np.array([w[1] for w in where]),
                           np.array(sog))


def test_distance_to_port_in_local_metres():
    lon = np.array([IN[0], BAND[0], 129.999, FAR[0], 140.0])
    lat = np.array([IN[1], BAND[1], 42.005, FAR[1], 42.0])
    d = distance_to_port_m(WEST, lon, lat, within_m=1000.0)
    assert d[0] == 0.0
    assert d[1] == pytest.approx(0.0025 * K, abs=1e-6)
    assert d[2] == pytest.approx(0.001 * K * math.cos(math.radians(42.005)), abs=1e-6)
    assert math.isinf(d[3]) and math.isinf(d[4])  # beyond 1000 m: not measured


def test_a_point_in_a_hole_is_outside():
    hole = square(130.004, 42.004, 0.002)[::-1]
    port = Port("Ring", [[square(130.0, 42.0), hole]])
    d = distance_to_port_m(port, np.array([130.005, 130.0045]), np.array([42.005, 42.005]), 500)
    # centre of the 0.002-degree hole: nearest are its east/west edges, 0.001 degree of longitude
    assert d[0] == pytest.approx(0.001 * K * math.cos(math.radians(42.005)), abs=1e-6)
    assert d[1] == pytest.approx(0.0005 * K * math.cos(math.radians(42.005)), abs=1e-6)


def test_port_calls_with_hysteresis_and_silences():
    calls = port_calls(scenario_positions(), [WEST, EAST], entry_m=0.0, exit_m=500.0)
    rows = [(int(m), p, (a - T0) / 3600, (d - T0) / 3600, h, s, n) for m, p, a, d, h, s, n in zip(
        calls.mmsi, calls.port, calls.arrival, calls.departure, calls.dwell_hours,
        calls.min_sog, calls.n_positions)]
    assert rows == [
        (A, "West", 1.0, 8.0, 7.0, 0.0, 6),
        (C, "West", 0.0, 1.0, 1.0, 0.3, 2),
        (C, "West", 4.0, 5.0, 1.0, 1.0, 2),
        (D, "West", 0.0, 1.0, 1.0, 0.0, 2),
        (D, "West", 100.0, 101.0, 1.0, 0.0, 2),
        (E, "East", 192.0, 193.0, 1.0, 0.0, 2),
        # F: arrives at 0 h (in port from its first report), the stray fix at 1.5 h is bridged,
        # departs at 3 h (its last report within 500 m before two reports beyond it); its
        # reports 0, 1, 1.5, 2, 3 h make n = 5, the lowest SOG among them 0.2
        (F, "West", 0.0, 3.0, 3.0, 0.2, 5),
    ]


def test_a_longer_silence_allowance_keeps_one_call():
    calls = port_calls(scenario_positions(), [WEST], 0.0, 500.0, max_silence_s=200 * 3600)
    d_calls = [(a, h) for m, a, h in zip(calls.mmsi, calls.arrival, calls.dwell_hours) if m == D]
    assert d_calls == [(T0, 101.0)]


def test_a_wider_entry_ring_arrives_earlier():
    # with entry at 300 m the band report at 0.5 h is already an arrival
    calls = port_calls(scenario_positions(), [WEST], 300.0, 500.0)
    a = [(h, n) for m, h, n in zip(calls.mmsi, calls.dwell_hours, calls.n_positions) if m == A]
    assert a == [(7.5, 7)]
    b = [m for m in calls.mmsi if m == B]
    assert len(b) == 1  # B's band reports now count as a call


def test_exit_smaller_than_entry_is_refused():
    with pytest.raises(ValueError, match="must not be smaller"):
        port_calls(scenario_positions(), [WEST], 500.0, 100.0)


def test_weekly_and_monthly_summary():
    calls = port_calls(scenario_positions(), [WEST, EAST], 0.0, 500.0)
    assert summarise_calls(calls) == [
        {"port": "East", "period": "month", "period_start": date(2024, 1, 1), "calls": 1,
         "vessels": 1, "dwell_hours": 1.0},
        {"port": "East", "period": "week", "period_start": date(2024, 1, 8), "calls": 1,
         "vessels": 1, "dwell_hours": 1.0},
        # West: A 7 h, C 1 h + 1 h, D 1 h + 1 h, F 3 h = 6 calls by 4 vessels, 14 hours
        {"port": "West", "period": "month", "period_start": date(2024, 1, 1), "calls": 6,
         "vessels": 4, "dwell_hours": 14.0},
        {"port": "West", "period": "week", "period_start": date(2024, 1, 1), "calls": 6,
         "vessels": 4, "dwell_hours": 14.0},
    ]


def test_one_stray_fix_does_not_split_a_call_but_two_do():
    def calls_of(track):
        pos = clean_positions(np.full(len(track), A), T0 + np.array([h for h, _ in track]) * 3600,
                              np.array([w[0] for _, w in track]),
                              np.array([w[1] for _, w in track]))
        calls = port_calls(pos, [WEST], 0.0, 500.0)
        return [((a - T0) / 3600, (d - T0) / 3600) for a, d in zip(calls.arrival, calls.departure)]

    assert calls_of([(0, IN), (1, FAR), (2, IN)]) == [(0, 2)]
    assert calls_of([(0, IN), (1, FAR), (1.5, FAR), (2, IN)]) == [(0, 0), (2, 2)]
    # a stray fix at the very end: nothing brings the vessel back, so the call ends before it
    assert calls_of([(0, IN), (1, IN), (2, FAR)]) == [(0, 1)]
    # a stray fix before the next report comes after a silence longer than 48 h: two calls
    assert calls_of([(0, IN), (1, FAR), (60, IN)]) == [(0, 0), (60, 60)]


def test_overlapping_polygons_of_one_port_are_inside():
    # Two parts of one port overlap over [130.005, 130.01] x [42.0, 42.01] (a multipolygon drawn
    # in two pieces); a point in the overlap is inside both, so inside the port: distance 0.
    port = Port("Two parts", [[square(130.0, 42.0)], [square(130.005, 42.0)]])
    lon, lat = np.array([130.0075, 130.002, 130.013]), np.array([42.005] * 3)
    d = distance_to_port_m(port, lon, lat, 500.0)
    assert d.tolist() == [0.0, 0.0, 0.0]
    calls = port_calls(clean_positions(np.full(2, A), T0 + np.array([0.0, 3600.0]),
                                       lon[:1].repeat(2), lat[:1].repeat(2)),
                       [port], 0.0, 500.0)
    assert len(calls) == 1 and calls.dwell_hours.tolist() == [1.0]
