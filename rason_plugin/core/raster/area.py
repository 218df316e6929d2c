"""The plugin's one pixel-area rule (change area, zone statistics, change regions, ship sizes)."""
from __future__ import annotations

import math

import numpy as np
from osgeo import osr


def _zone_integral(phi: np.ndarray, e: float) -> np.ndarray:
    """Return F(phi) with the ellipsoid's area from the equator to latitude phi, per radian of
    longitude, equal to b^2 / 2 * F(phi): F = sin(phi) / (1 - e^2 sin^2(phi)) + atanh(e sin(phi)) / e.

    The closed form of the integral of M N cos(phi) dphi (M, N the radii of curvature); e.g. J. P.
    Snyder, "Map Projections: A Working Manual" (USGS PP 1395, 1987), eq. 3-12 for q, F = q / (1 - e^2).
    """
    s = np.sin(phi)
    if e < 1e-12:  # a sphere: the limit of the expression
        return 2.0 * s
    return s / (1.0 - e * e * s * s) + np.arctanh(e * s) / e


def row_pixel_areas(geotransform, wkt: str, row0: int, nrows: int) -> np.ndarray:
    """Return the area in m2 of one pixel in each of rows ``row0 .. row0+nrows-1``.

    The one pixel-area rule of the plugin (change area, zone statistics, change regions):
    a geographic CRS gives each row's cells their exact area on the CRS's ellipsoid; a projected
    CRS (or none) gives width x height in the CRS's plane, in metres.
    """
    gt = geotransform
    srs = osr.SpatialReference()
    if wkt:
        srs.ImportFromWkt(wkt)
    if wkt and srs.IsGeographic():
        a, b = srs.GetSemiMajor(), srs.GetSemiMinor()
        e = math.sqrt(max(0.0, 1.0 - (b * b) / (a * a)))
        unit = srs.GetAngularUnits() or math.pi / 180.0  # radians per CRS unit
        rows = np.arange(row0, row0 + nrows, dtype=np.float64)
        if gt[2] == 0 and gt[4] == 0:
            top = np.clip((gt[3] + gt[5] * rows) * unit, -math.pi / 2, math.pi / 2)
            bottom = np.clip((gt[3] + gt[5] * (rows + 1)) * unit, -math.pi / 2, math.pi / 2)
            zone = np.abs(_zone_integral(top, e) - _zone_integral(bottom, e))
            return (b * b / 2.0) * abs(gt[1]) * unit * zone
        # Rotated geographic grid (rare): the cell's area from the surface element at its centre.
        phi = (gt[3] + gt[4] * 0.5 + gt[5] * (rows + 0.5)) * unit
        w = 1.0 - e * e * np.sin(phi) ** 2
        element = a * (1 - e * e) / w ** 1.5 * a / np.sqrt(w) * np.cos(phi)
        return element * abs(gt[1] * gt[5] - gt[2] * gt[4]) * unit * unit
    metres = (srs.GetLinearUnits() or 1.0) if wkt and srs.IsProjected() else 1.0
    return np.full(nrows, abs(gt[1] * gt[5] - gt[2] * gt[4]) * metres * metres)

