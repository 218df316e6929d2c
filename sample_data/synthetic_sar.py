"""A synthetic Sentinel-1-like VV/VH series of Rajin port: 12 dates, 12 days apart, for demos and tests.

No real radar imagery of Rason is available offline, so ``make demo`` draws its own, on the grid
of the synthetic optical scenes (300 x 300 pixels of 10 m, UTM 52N) and with the same land and sea:
the Natural Earth 1:10m land polygon. Each date is two bands of linear intensity (sigma0, VV then
VH) with fully developed speckle: the mean backscatter of each cover times a Gamma variable of
shape ENL and mean 1, drawn anew for every date and band (Goodman's multi-look speckle model for
an ENL-look intensity; ENL 4.4 as for Sentinel-1 IW GRD).

Over the 12 dates the container yard fills up (10 stacks on the first date, 48 on the last), and
ships berth and leave. On DETECTION_DATE, at DETECTION_TIME, the ships in the scene are the AIS
vessels of the synthetic AIS week that lie in the scene at that time, each drawn at its AIS
position with its AIS length, and two ships longer than 100 m that send no AIS (DARK_SHIPS).

Mean backscatter values are typical C-band figures (calm sea about -20 dB VV, vegetation about
-10 dB, containers and ship hulls well above 0 dB); they are plausible, not measured. The piers of
the optical scene are left out: a real quay is as bright as a ship, which is why a coarse land mask
near the quays gives false ships. Everything is seeded; every file says SYNTHETIC in its name and
its metadata.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from osgeo import gdal, osr

from . import synthetic, synthetic_ais

FIRST_DATE = date(2023, 7, 2)
N_DATES = 12
STEP_DAYS = 12
DATES = tuple(FIRST_DATE + timedelta(days=STEP_DAYS * i) for i in range(N_DATES))
# The date of the series inside the synthetic AIS week (1-8 October 2023), at a descending pass
# over Korea (about 06:30 local time, 21:30 UTC).
DETECTION_DATE = date(2023, 10, 6)
DETECTION_TIME = datetime(2023, 10, 6, 21, 30, tzinfo=timezone.utc)
ENL = 4.4
NAME_PATTERN = "synthetic_s1_rajin_{date}.tif"
POLARISATIONS = ("VV", "VH")

# Mean sigma0 (linear) of each cover, (VV, VH).
SEA = (0.01, 0.0015)
VEGETATION = (0.09, 0.025)
TOWN = (0.35, 0.06)
APRON = (0.05, 0.008)
CONTAINERS = (2.0, 0.2)
HULL = (8.0, 1.2)

YARD_STACKS_FIRST, YARD_STACKS_LAST = 10, 48


@dataclass
class Ship:
    """A ship drawn in the scenes: centre (UTM 52N metres), length and width (m), heading (degrees)."""

    name: str
    x: float
    y: float
    length: float
    width: float
    heading: float
    mmsi: str = ""


# Two ships without AIS on the detection date, in the bay south of the berths (UTM 52N metres).
DARK_SHIPS = (
    Ship("dark ship 1 (150 m, no AIS)", 607260.0, 4676000.0, 150.0, 24.0, 20.0),
    Ship("dark ship 2 (120 m, no AIS)", 607760.0, 4675610.0, 120.0, 20.0, 160.0),
)
# Berths of the synthetic AIS, with the ships that use them on the other dates (length, width).
VISITORS = ((90.0, 16.0), (110.0, 18.0), (140.0, 22.0), (75.0, 14.0), (125.0, 20.0))


@dataclass
class SarSeries:
    """What was written: the scenes in date order and what they show."""

    paths: list = field(default_factory=list)
    dates: tuple = DATES
    yard_stacks: list = field(default_factory=list)
    ships: dict = field(default_factory=dict)  # ISO date -> [Ship]


def _to_utm():
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(wgs84, synthetic.utm_srs())


def ais_ships_at(when: datetime, seed: int = 20231001) -> list:
    """Return the synthetic AIS vessels inside the scene at ``when`` (their fix within 10 minutes)."""
    transform = _to_utm()
    ships = []
    for index, fixes in synthetic_ais.build_tracks(seed).items():
        near = [f for f in fixes if abs((f[0] - when).total_seconds()) <= 600]
        if not near:
            continue
        fix = min(near, key=lambda f: abs((f[0] - when).total_seconds()))
        x, y, _ = transform.TransformPoint(fix[1], fix[2])
        col = (x - synthetic.ORIGIN_X) / synthetic.PIXEL_M
        row = (synthetic.ORIGIN_Y - y) / synthetic.PIXEL_M
        if 10 <= col < synthetic.SIZE_PX - 10 and 10 <= row < synthetic.SIZE_PX - 10:
            vessel = synthetic_ais.VESSELS[index]
            a, b, c, d = vessel.dims
            ships.append(Ship(vessel.name, x, y, float(a + b), float(c + d), 0.0, f"{vessel.mmsi:09d}"))
    return ships


def _berth_xy() -> list:
    transform = _to_utm()
    return [transform.TransformPoint(lon, lat)[:2] for lon, lat in synthetic_ais.BERTHS.values()]


def ships_on(day: date, rng: np.random.Generator) -> list:
    """Return the ships of ``day``: on the detection date AIS vessels and the dark ships, else visitors."""
    if day == DETECTION_DATE:
        return ais_ships_at(DETECTION_TIME) + list(DARK_SHIPS)
    ships = []
    for number, (x, y) in enumerate(_berth_xy()):
        if rng.random() < 0.5:  # a berth is taken on about half the dates
            length, width = VISITORS[int(rng.integers(len(VISITORS)))]
            ships.append(Ship(f"visitor at berth B{number + 1}", x, y, length, width, 0.0))
    return ships


def ship_mask(ship: Ship) -> np.ndarray:
    """Return the pixels whose centres lie inside the ship's rectangle."""
    size = synthetic.SIZE_PX
    cols, rows = np.meshgrid(np.arange(size), np.arange(size))
    x = synthetic.ORIGIN_X + (cols + 0.5) * synthetic.PIXEL_M - ship.x
    y = synthetic.ORIGIN_Y - (rows + 0.5) * synthetic.PIXEL_M - ship.y
    h = math.radians(ship.heading)
    along = x * math.sin(h) + y * math.cos(h)
    across = x * math.cos(h) - y * math.sin(h)
    return (np.abs(along) <= ship.length / 2) & (np.abs(across) <= ship.width / 2)


def covers(land: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Return the mean (VV, VH) backscatter of the static covers, shape (2, rows, cols)."""
    size = synthetic.SIZE_PX
    rows, cols = np.mgrid[0:size, 0:size]
    town = land & (1.0 - np.hypot(rows, cols) / 200.0 + 0.3 * synthetic._smooth_noise(rng, 12) > 0.45)
    shore = synthetic._distance_to(~land)
    apron = land & (shore <= 25) & (cols >= 95) & (cols <= 215) & (rows >= 40)
    y0, y1, x0, x1 = synthetic.box_to_pixels(synthetic.YARD_BOX)
    apron[y0:y1, x0:x1] = True
    mean = np.empty((2, size, size))
    texture = 1.0 + 0.4 * synthetic._smooth_noise(rng, 10)  # hills: slopes facing and away from the radar
    for band in range(2):
        mean[band] = np.where(land, VEGETATION[band] * texture, SEA[band])
        mean[band][town] = TOWN[band]
        mean[band][apron] = APRON[band]
    return mean


def draw_series(seed: int = 20231106) -> tuple:
    """Return ({ISO date: intensity cube (2, rows, cols)}, {ISO date: ships}, [yard stacks per date])."""
    rng = np.random.default_rng(seed)
    land = synthetic.land_mask(synthetic.default_boundary_path())
    base = covers(land, rng)
    slots = synthetic._yard_slots()
    order = rng.permutation(len(slots))
    cubes, ships, stacks = {}, {}, []
    for number, day in enumerate(DATES):
        mean = base.copy()
        n = YARD_STACKS_FIRST + round((YARD_STACKS_LAST - YARD_STACKS_FIRST) * number / (N_DATES - 1))
        for index in order[:n]:
            r0, r1, c0, c1 = slots[index]
            for band in range(2):
                mean[band, r0:r1, c0:c1] = CONTAINERS[band]
        today = ships_on(day, rng)
        for ship in today:
            inside = ship_mask(ship)
            for band in range(2):
                mean[band][inside] = HULL[band]
        speckle = rng.gamma(ENL, 1.0 / ENL, size=mean.shape)
        cubes[day.isoformat()] = (mean * speckle).astype(np.float32)
        ships[day.isoformat()] = today
        stacks.append(n)
    return cubes, ships, stacks


def scene_metadata(day: date) -> dict:
    when = DETECTION_TIME if day == DETECTION_DATE else datetime(day.year, day.month, day.day, 21, 30,
                                                                  tzinfo=timezone.utc)
    return {
        "TIFFTAG_IMAGEDESCRIPTION": f"SYNTHETIC Sentinel-1-like VV/VH scene of Rajin port, {day.isoformat()}",
        "SYNTHETIC": "YES",
        "SOURCE": "SYNTHETIC: generated, not observed; no real radar imagery of Rason was used",
        "LICENCE": synthetic.LICENCE,
        "GENERATOR": "sample_data/synthetic_sar.py (scripts/make_synthetic_demo_data.py)",
        "ACQUISITION_START_TIME": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "POLARISATIONS": "VV,VH",
        "UNITS": "linear intensity (sigma0)",
        "ENL": f"{ENL:g}",
        "COASTLINE": "Natural Earth 1:10m land (public domain; Made with Natural Earth)",
    }


def write_series(out_dir, seed: int = 20231106) -> SarSeries:
    """Write the 12 scenes into ``out_dir`` (each atomically); return what was written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cubes, ships, stacks = draw_series(seed)
    result = SarSeries(yard_stacks=stacks, ships=ships)
    names = [f"{p} intensity (synthetic)" for p in POLARISATIONS]
    written = []
    try:
        for day in DATES:
            path = out_dir / NAME_PATTERN.format(date=day.isoformat())
            synthetic._write_tif(path, cubes[day.isoformat()], scene_metadata(day), names,
                                 gdal.GDT_Float32, None)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    result.paths = written
    return result
