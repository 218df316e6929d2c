"""Per-zone change statistics: valid and changed area, share, and change regions per zone."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

from ..raster import RasterError as ChangeDetectionError
from ..raster import row_pixel_areas
from .regions import ChangeRegion, _check


@dataclass
class ZoneStats:
    """One zone's figures: areas in m2, the changed share in %, the regions touching it."""

    zone: str
    valid_area_m2: float
    changed_area_m2: float
    changed_pct: float
    n_regions: int


def count_regions_by_zone(regions: Iterable[ChangeRegion]) -> Counter:
    """Return how many of ``regions`` touch each zone (one pass: regions may be a stream)."""
    counts = Counter()
    for r in regions:
        counts.update(set(r.zones))
    return counts


def zone_statistics(mask_path: str, zones: Sequence[Tuple[str, str]],
                    regions: Optional[Iterable[ChangeRegion]] = None,
                    is_cancelled: Optional[Callable[[], bool]] = None,
                    region_counts: Optional[Mapping[str, int]] = None) -> List[ZoneStats]:
    """Return valid and changed area (m2, %) and the number of change regions for each zone.

    A pixel belongs to a zone when its centre lies inside the zone polygon (WKT, raster CRS).
    Each zone is rasterised over its own bounding window only. ``regions`` (from change_regions,
    already filtered by minimum area) are counted when they intersect the zone; a caller that
    has already walked through them passes ``region_counts`` (zone name -> regions) instead.
    """
    ds = gdal.Open(mask_path)
    if ds is None:
        raise ChangeDetectionError(f"cannot open the change mask '{mask_path}'")
    gt, wkt = ds.GetGeoTransform(), ds.GetProjection()
    width, height = ds.RasterXSize, ds.RasterYSize
    band = ds.GetRasterBand(1)
    if region_counts is None:
        region_counts = count_regions_by_zone(regions or [])
    out = []
    for name, zwkt in zones:
        _check(is_cancelled)
        geom = ogr.CreateGeometryFromWkt(zwkt)
        if geom is None:
            raise ChangeDetectionError(f"zone '{name}' has an invalid geometry; repair it (Fix geometries)")
        minx, maxx, miny, maxy = geom.GetEnvelope()
        c0 = max(0, int(math.floor((minx - gt[0]) / gt[1])))
        c1 = min(width, int(math.ceil((maxx - gt[0]) / gt[1])))
        r0 = max(0, int(math.floor((maxy - gt[3]) / gt[5])))
        r1 = min(height, int(math.ceil((miny - gt[3]) / gt[5])))
        valid_area = changed_area = 0.0
        if c1 > c0 and r1 > r0:
            w, h = c1 - c0, r1 - r0
            mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
            mem.SetGeoTransform((gt[0] + c0 * gt[1], gt[1], 0.0, gt[3] + r0 * gt[5], 0.0, gt[5]))
            if wkt:
                mem.SetProjection(wkt)
            vds = ogr.GetDriverByName("Memory").CreateDataSource("zone")
            srs = None
            if wkt:
                srs = osr.SpatialReference()
                srs.ImportFromWkt(wkt)
            lyr = vds.CreateLayer("zone", srs, ogr.wkbUnknown)
            feat = ogr.Feature(lyr.GetLayerDefn())
            feat.SetGeometry(geom)
            lyr.CreateFeature(feat)
            gdal.RasterizeLayer(mem, [1], lyr, burn_values=[1])
            inside = mem.GetRasterBand(1).ReadAsArray().astype(bool)
            m = band.ReadAsArray(c0, r0, w, h)
            pix = np.broadcast_to(row_pixel_areas(gt, wkt, r0, h)[:, None], m.shape)
            valid = inside & (m != 255)
            valid_area = float(pix[valid].sum())
            changed_area = float(pix[inside & (m == 1)].sum())
        n_regions = int(region_counts.get(name, 0))
        pct = 100.0 * changed_area / valid_area if valid_area > 0 else 0.0
        out.append(ZoneStats(name, valid_area, changed_area, pct, n_regions))
    return out
