"""Synthetic SAR scenes with ships of known size and heading, and AIS for them (issue #14's goals).

Sea clutter is K-distributed: a Gamma texture (shape NU, correlated over 2x2 pixels, as swell
and wind streaks are) times L-look Gamma speckle, with a wind gradient from -3 dB (west) to
+3 dB (east). Land is bright and strongly textured; piers are brighter still and part of the land
mask, with some ships moored beside them. Moving ships are drawn where SAR shows them: displaced
along the flight direction by (R/V) * v_r (see rason_plugin/core/ais/darkvessels.py).

Frame: pixel (row, col) has its centre at x = (col + 0.5) * PIXEL, y = -(row + 0.5) * PIXEL metres.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import List

import numpy as np

PIXEL = 10.0
LOOKS = 4.4
NU = 3.0
T_IMAGE = 1_700_000_000.0
HEADING = 349.0  # ascending pass
INCIDENCE = 35.0
R_OVER_V = 115.0
KNOT = 1852.0 / 3600.0


@dataclass
class Ship:
    ident: int
    x: float  # true position, metres
    y: float
    length: float
    width: float
    heading: float  # bow direction, degrees from north
    speed_kn: float
    scr_db: float
    dark: bool = False
    beside_pier: bool = False
    ax: float = 0.0  # apparent position in the image
    ay: float = 0.0


@dataclass
class Scene:
    intensity: np.ndarray
    land: np.ndarray  # True on land and piers
    ships: List[Ship]
    coast_col: np.ndarray  # per row, first sea column
    ais_only: List[dict] = field(default_factory=list)
    outside: List[dict] = field(default_factory=list)

    @property
    def height(self):
        return self.intensity.shape[0]

    @property
    def width(self):
        return self.intensity.shape[1]


def shift_of(vx, vy):
    """Azimuth shift by the textbook formula, written out independently of the code under test."""
    h = math.radians(HEADING)
    look = (math.cos(h), -math.sin(h))  # right of the flight direction (sin h, cos h)
    v_r = -(vx * look[0] + vy * look[1]) * math.sin(math.radians(INCIDENCE))
    return R_OVER_V * v_r * math.sin(h), R_OVER_V * v_r * math.cos(h)


def _draw_ship(img, ship, sea_mean, rng):
    """Add a rectangular ship with speckle and patchy structure (gaps that a closing must bridge)."""
    half = ship.length / 2.0 + PIXEL
    c0 = int(max(0, (ship.ax - half) // PIXEL))
    c1 = int(min(img.shape[1], (ship.ax + half) // PIXEL + 2))
    r0 = int(max(0, (-ship.ay - half) // PIXEL))
    r1 = int(min(img.shape[0], (-ship.ay + half) // PIXEL + 2))
    sub = 4
    offs = (np.arange(sub) + 0.5) / sub
    rr, cc = np.mgrid[r0:r1, c0:c1]
    cover = np.zeros(rr.shape)
    hd = math.radians(ship.heading)
    ux, uy = math.sin(hd), math.cos(hd)
    for a in offs:
        for b in offs:
            x = (cc + b) * PIXEL - ship.ax
            y = -(rr + a) * PIXEL - ship.ay
            along = x * ux + y * uy
            across = -x * uy + y * ux
            cover += (np.abs(along) <= ship.length / 2) & (np.abs(across) <= ship.width / 2)
    cover /= sub * sub
    sigma = sea_mean * 10 ** (ship.scr_db / 10.0)
    structure = 10 ** (rng.normal(0.0, 3.0, cover.shape) / 10.0)
    speckle = rng.gamma(LOOKS, 1.0 / LOOKS, cover.shape)
    img[r0:r1, c0:c1] += cover * sigma * structure * speckle


def make_scene(seed=0, size=1400, n_open=40, n_pier=3, scr_db=(13.0, 26.0)):
    """Return a Scene: K clutter with a wind gradient, land with piers, ships at sea and beside piers."""
    rng = np.random.default_rng(seed)
    h = w = size
    rows = np.arange(h)
    coast = (120 + 40 * np.sin(rows / 130.0) + 15 * np.sin(rows / 37.0)).astype(int)
    cols = np.arange(w)
    land = cols[None, :] < coast[:, None]
    # Wind gradient: -3 dB at the west edge to +3 dB at the east edge.
    mean_db = -3.0 + 6.0 * cols / (w - 1)
    sea_mean = np.broadcast_to(10 ** (mean_db / 10.0), (h, w))
    tex = rng.gamma(NU, 1.0 / NU, ((h + 1) // 2, (w + 1) // 2))
    tex = np.repeat(np.repeat(tex, 2, axis=0), 2, axis=1)[:h, :w]
    img = sea_mean * tex * rng.gamma(LOOKS, 1.0 / LOOKS, (h, w))
    land_tex = rng.gamma(0.8, 1 / 0.8, ((h + 3) // 4, (w + 3) // 4))
    land_tex = np.repeat(np.repeat(land_tex, 4, axis=0), 4, axis=1)[:h, :w]
    land_img = 8.0 * land_tex * rng.gamma(LOOKS, 1.0 / LOOKS, (h, w))
    img = np.where(land, land_img, img)
    ships: List[Ship] = []
    # Piers: 3 px (30 m) wide, 60-80 px long, eastward from the coast; a ship along the south side.
    pier_rows = np.linspace(h * 0.15, h * 0.85, n_pier).astype(int)
    for k, pr in enumerate(pier_rows):
        plen = int(rng.integers(60, 81))
        c_start = coast[pr - 1:pr + 2].min() - 5
        pc0, pc1 = c_start, coast[pr] + plen
        land[pr - 1:pr + 2, pc0:pc1] = True
        img[pr - 1:pr + 2, pc0:pc1] = 60.0 * rng.gamma(LOOKS, 1.0 / LOOKS, (3, pc1 - pc0))
        length = float(rng.uniform(100, 160))
        # Moored alongside: hull centre 2 px below the pier's south edge (20 m gap to the centreline).
        y = -(pr + 2 + 0.5 + 1.5) * PIXEL
        x = (coast[pr] + 15) * PIXEL + length / 2
        scr = float(rng.uniform(20, 28))
        ships.append(Ship(100 + k, x, y, length, 20.0, 90.0, 0.0, scr, beside_pier=True))
    # Open-sea ships, at least 600 m apart and 400 m from land.
    placed = 0
    tries = 0
    while placed < n_open and tries < 10000:
        tries += 1
        x = float(rng.uniform(0, w * PIXEL))
        y = -float(rng.uniform(0, h * PIXEL))
        r, c = int(-y // PIXEL), int(x // PIXEL)
        margin = 400.0
        if c * PIXEL - coast[r] * PIXEL < margin or x > w * PIXEL - 300 or -y < 300 or -y > h * PIXEL - 300:
            continue
        if any(math.hypot(x - s.x, y - s.y) < 600 for s in ships):
            continue
        length = float(rng.uniform(30, 300))
        width = max(8.0, length / float(rng.uniform(5, 7)))
        moving = rng.random() < 0.5
        speed = float(rng.uniform(3, 16)) if moving else 0.0
        ships.append(Ship(placed, x, y, length, width, float(rng.uniform(0, 360)), speed,
                          float(rng.uniform(*scr_db))))
        placed += 1
    for s in ships:
        vx = s.speed_kn * KNOT * math.sin(math.radians(s.heading))
        vy = s.speed_kn * KNOT * math.cos(math.radians(s.heading))
        dx, dy = shift_of(vx, vy)
        s.ax, s.ay = s.x + dx, s.y + dy
        r, c = int(-s.ay // PIXEL), int(s.ax // PIXEL)
        _draw_ship(img, s, float(sea_mean[min(max(r, 0), h - 1), min(max(c, 0), w - 1)]), rng)
    return Scene(img.astype(np.float32), land, ships, coast)


def add_ais(scene: Scene, seed=1, dark_fraction=0.2, n_ais_only=6, n_outside=6):
    """Give the scene's ships AIS tracks (some stay dark) and add AIS-only and outside vessels.

    Returns a list of vessels: dict(mmsi, times, xs, ys, sog, cog, truth) where truth is the
    Ship, 'ais_only' or 'outside'. Fixes are irregular (2 to 12 min apart) within 25 min of the
    image; a third of the vessels have fixes on one side of the image time only.
    """
    rng = np.random.default_rng(seed)
    vessels = []

    def track(x, y, speed_kn, heading, truth, mmsi):
        vx = speed_kn * KNOT * math.sin(math.radians(heading))
        vy = speed_kn * KNOT * math.cos(math.radians(heading))
        side = rng.integers(0, 3)  # 0: both sides, 1: before only, 2: after only
        t = -25 * 60.0 if side != 2 else float(rng.uniform(30, 300))
        end = 25 * 60.0 if side != 1 else -float(rng.uniform(30, 300))
        times = []
        while t <= end:
            times.append(t)
            t += float(rng.uniform(120, 720))
        times = np.array(times)
        xs = x + vx * times + rng.normal(0, 10, times.size)
        ys = y + vy * times + rng.normal(0, 10, times.size)
        sog = np.full(times.size, speed_kn)
        cog = np.full(times.size, heading % 360.0)
        vessels.append(dict(mmsi=mmsi, times=T_IMAGE + times, xs=xs, ys=ys, sog=sog, cog=cog, truth=truth))

    for s in scene.ships:
        s.dark = bool(rng.random() < dark_fraction)
        if not s.dark:
            track(s.x, s.y, s.speed_kn, s.heading, s, 200_000_000 + s.ident)
    w_m, h_m = scene.width * PIXEL, scene.height * PIXEL
    k = 0
    while k < n_ais_only:
        x, y = float(rng.uniform(0.3, 0.95) * w_m), -float(rng.uniform(0.05, 0.95) * h_m)
        if x / PIXEL < scene.coast_col[int(-y // PIXEL)] + 40:
            continue
        if any(math.hypot(x - s.ax, y - s.ay) < 800 for s in scene.ships):
            continue
        track(x, y, float(rng.uniform(0, 12)), float(rng.uniform(0, 360)), "ais_only", 300_000_000 + k)
        scene.ais_only.append(vessels[-1])
        k += 1
    for k in range(n_outside):
        x = float(w_m + rng.uniform(2000, 8000)) if k % 2 else float(rng.uniform(0, w_m))
        y = -float(rng.uniform(0, h_m)) if k % 2 else float(rng.uniform(2000, 8000))
        track(x, y, float(rng.uniform(0, 10)), float(rng.uniform(0, 360)), "outside", 400_000_000 + k)
        scene.outside.append(vessels[-1])
    return vessels
