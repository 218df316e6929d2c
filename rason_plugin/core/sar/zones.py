"""Changed, brighter, darker and valid area per zone and interval, from the interval raster."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

from ..raster import RasterCancelled, RasterError, row_pixel_areas

NODATA = 255


@dataclass
class ZoneInterval:
    zone: str
    start: object
    end: object
    changed_area_m2: float
    brighter_area_m2: float
    darker_area_m2: float
    valid_area_m2: float

    @property
    def changed_pct(self) -> float:
        return 100.0 * self.changed_area_m2 / self.valid_area_m2 if self.valid_area_m2 > 0 else 0.0


def _zone_window(geom, gt, width, height):
    minx, maxx, miny, maxy = geom.GetEnvelope()
    c0 = max(0, int(math.floor((minx - gt[0]) / gt[1])))
    c1 = min(width, int(math.ceil((maxx - gt[0]) / gt[1])))
    r0 = max(0, int(math.floor((maxy - gt[3]) / gt[5])))
    r1 = min(height, int(math.ceil((miny - gt[3]) / gt[5])))
    return c0, c1, r0, r1


def _rasterise(geom, gt, wkt, c0, r0, w, h) -> np.ndarray:
    """Return the (h, w) mask of pixels whose centre lies in ``geom`` (GDAL's default rule)."""
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
    mem.SetGeoTransform((gt[0] + c0 * gt[1], gt[1], 0.0, gt[3] + r0 * gt[5], 0.0, gt[5]))
    srs = None
    if wkt:
        mem.SetProjection(wkt)
        srs = osr.SpatialReference()
        srs.ImportFromWkt(wkt)
    vds = ogr.GetDriverByName("Memory").CreateDataSource("zone")
    lyr = vds.CreateLayer("zone", srs, ogr.wkbUnknown)
    feat = ogr.Feature(lyr.GetLayerDefn())
    feat.SetGeometry(geom)
    lyr.CreateFeature(feat)
    gdal.RasterizeLayer(mem, [1], lyr, burn_values=[1])
    return mem.GetRasterBand(1).ReadAsArray().astype(bool)


def zone_series(intervals_path: str, dates, zones: Sequence[Tuple[str, str]],
                is_cancelled=None) -> List[ZoneInterval]:
    """Return, per zone (name, WKT in the raster's CRS) and interval, changed/brighter/darker/valid areas."""
    ds = gdal.Open(intervals_path)
    if ds is None:
        raise RasterError(f"cannot open the interval raster '{intervals_path}'")
    gt, wkt = ds.GetGeoTransform(), ds.GetProjection()
    out = []
    for name, zwkt in zones:
        if is_cancelled is not None and is_cancelled():
            raise RasterCancelled("cancelled")
        geom = ogr.CreateGeometryFromWkt(zwkt)
        if geom is None:
            raise RasterError(f"zone '{name}' has an invalid geometry; repair it (Fix geometries)")
        c0, c1, r0, r1 = _zone_window(geom, gt, ds.RasterXSize, ds.RasterYSize)
        inside = None
        if c1 > c0 and r1 > r0:
            inside = _rasterise(geom, gt, wkt, c0, r0, c1 - c0, r1 - r0)
            pix = np.broadcast_to(row_pixel_areas(gt, wkt, r0, r1 - r0)[:, None], inside.shape)
        for i in range(ds.RasterCount):
            areas = [0.0, 0.0, 0.0, 0.0]
            if inside is not None:
                m = ds.GetRasterBand(i + 1).ReadAsArray(c0, r0, c1 - c0, r1 - r0)
                for a, sel in enumerate(((m >= 1) & (m <= 3), m == 1, m == 2, m != NODATA)):
                    areas[a] = float(pix[inside & sel].sum())
            out.append(ZoneInterval(name, dates[i], dates[i + 1], *areas))
    return out
