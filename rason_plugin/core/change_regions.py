"""Change regions (polygons of the change mask) and per-zone change statistics, numpy + GDAL/OGR.

Areas are sums of pixel areas: constant on a projected grid; on a geographic grid each row's
cells get their exact area on the authalic sphere (R = 6371007.2 m), so polygons and zone
statistics agree to the pixel.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

from .raster_blocks import ChangeDetectionCancelled, ChangeDetectionError

AUTHALIC_RADIUS = 6371007.2


def row_pixel_areas(geotransform, wkt: str, row0: int, nrows: int) -> np.ndarray:
    """Return the area in m2 of one pixel in each of rows ``row0 .. row0+nrows-1``."""
    gt = geotransform
    srs = osr.SpatialReference()
    if wkt:
        srs.ImportFromWkt(wkt)
    if wkt and srs.IsGeographic():
        top = gt[3] + gt[5] * np.arange(row0, row0 + nrows)
        bottom = top + gt[5]
        dlon = math.radians(abs(gt[1]))
        return (AUTHALIC_RADIUS ** 2 * dlon
                * np.abs(np.sin(np.radians(top)) - np.sin(np.radians(bottom))))
    metres = srs.GetLinearUnits() if wkt and srs.IsProjected() else 1.0
    return np.full(nrows, abs(gt[1] * gt[5] - gt[2] * gt[4]) * metres * metres)


@dataclass
class ChangeRegion:
    """One connected change region (8-connected pixels of mask value 1)."""

    wkb: bytes
    area_m2: float
    mean_stat: float
    n_pixels: int
    zones: List[str] = field(default_factory=list)

    @property
    def zone(self) -> str:
        return "; ".join(self.zones)


def _check(is_cancelled):
    if is_cancelled is not None and is_cancelled():
        raise ChangeDetectionCancelled("change detection cancelled; no output was written")


def change_regions(mask_path: str, stat_path: str, *, min_area_m2: float = 0.0,
                   zones: Optional[Sequence[Tuple[str, str]]] = None, rows: int = 512,
                   progress: Optional[Callable[[float], None]] = None,
                   is_cancelled: Optional[Callable[[], bool]] = None) -> List[ChangeRegion]:
    """Return the change regions of the mask at least ``min_area_m2`` large.

    ``zones`` are (name, WKT in the raster CRS) pairs; a region lists every zone it intersects.
    The mean statistic and area come from the region's own pixels (polygon ids rasterised back
    strip by strip, so memory stays bounded by the strip).
    """
    mds = gdal.Open(mask_path)
    sds = gdal.Open(stat_path)
    if mds is None or sds is None:
        raise ChangeDetectionError(f"cannot open the change mask '{mask_path}' or statistic '{stat_path}'")
    band = mds.GetRasterBand(1)
    wkt = mds.GetProjection()
    gt = mds.GetGeoTransform()
    width, height = mds.RasterXSize, mds.RasterYSize
    srs = osr.SpatialReference()
    if wkt:
        srs.ImportFromWkt(wkt)
    mem = ogr.GetDriverByName("Memory").CreateDataSource("regions")
    layer = mem.CreateLayer("regions", srs if wkt else None, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("dn", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("rid", ogr.OFTInteger))
    # The band masks itself: value 0 (no change) is skipped; 255 (nodata) is dropped below.
    gdal.Polygonize(band, band, layer, 0, ["8CONNECTED=8"],
                    callback=(lambda f, _m, _d: 0 if (is_cancelled and is_cancelled()) else 1))
    mds.FlushCache()  # drop the cached mask blocks: memory stays bounded by the strip
    _check(is_cancelled)
    if progress:
        progress(0.3)
    layer.SetAttributeFilter("dn = 1")
    ids = []
    for i, feat in enumerate(layer):
        feat.SetField("rid", i + 1)
        layer.SetFeature(feat)
        ids.append(feat.GetFID())
    n = len(ids)
    if n == 0:
        if progress:
            progress(1.0)
        return []
    count = np.zeros(n + 1, dtype=np.int64)
    area = np.zeros(n + 1)
    stat_sum = np.zeros(n + 1)
    raster = gdal.GetDriverByName("MEM").Create("", width, rows, 1, gdal.GDT_Int32)
    if wkt:
        raster.SetProjection(wkt)
    sband = sds.GetRasterBand(1)
    starts = list(range(0, height, rows))
    for k, row0 in enumerate(starts):
        _check(is_cancelled)
        nr = min(rows, height - row0)
        if nr != rows:
            raster = gdal.GetDriverByName("MEM").Create("", width, nr, 1, gdal.GDT_Int32)
            if wkt:
                raster.SetProjection(wkt)
        raster.SetGeoTransform((gt[0], gt[1], 0.0, gt[3] + row0 * gt[5], 0.0, gt[5]))
        rb = raster.GetRasterBand(1)
        rb.Fill(0)
        x0, y1 = gt[0], gt[3] + row0 * gt[5]
        layer.SetSpatialFilterRect(x0, y1 + nr * gt[5], x0 + width * gt[1], y1)
        gdal.RasterizeLayer(raster, [1], layer, options=["ATTRIBUTE=rid"])
        labels = rb.ReadAsArray()
        stat = sband.ReadAsArray(0, row0, width, nr).astype(np.float64)
        sds.FlushCache()
        pix = np.broadcast_to(row_pixel_areas(gt, wkt, row0, nr)[:, None], labels.shape)
        sel = labels > 0
        lab = labels[sel]
        count += np.bincount(lab, minlength=n + 1)
        area += np.bincount(lab, weights=pix[sel], minlength=n + 1)
        stat_sum += np.bincount(lab, weights=stat[sel], minlength=n + 1)
        if progress:
            progress(0.3 + 0.6 * (k + 1) / len(starts))
    layer.SetSpatialFilter(None)
    zone_geoms = [(name, ogr.CreateGeometryFromWkt(z)) for name, z in (zones or [])]
    regions = []
    for feat in layer:
        rid = feat.GetField("rid")
        if area[rid] < min_area_m2 or count[rid] == 0:
            continue
        geom = feat.GetGeometryRef()
        names = [name for name, zg in zone_geoms if zg is not None and geom.Intersects(zg)]
        regions.append(ChangeRegion(bytes(geom.ExportToWkb()), float(area[rid]),
                                    float(stat_sum[rid] / count[rid]), int(count[rid]), names))
    if progress:
        progress(1.0)
    return regions


@dataclass
class ZoneStats:
    zone: str
    valid_area_m2: float
    changed_area_m2: float
    changed_pct: float
    n_regions: int


def zone_statistics(mask_path: str, zones: Sequence[Tuple[str, str]],
                    regions: Optional[Iterable[ChangeRegion]] = None,
                    is_cancelled: Optional[Callable[[], bool]] = None) -> List[ZoneStats]:
    """Return valid and changed area (m2, %) and the number of change regions for each zone.

    A pixel belongs to a zone when its centre lies inside the zone polygon (WKT, raster CRS).
    Each zone is rasterised over its own bounding window only. ``regions`` (from change_regions,
    already filtered by minimum area) are counted when they intersect the zone.
    """
    ds = gdal.Open(mask_path)
    if ds is None:
        raise ChangeDetectionError(f"cannot open the change mask '{mask_path}'")
    gt, wkt = ds.GetGeoTransform(), ds.GetProjection()
    width, height = ds.RasterXSize, ds.RasterYSize
    band = ds.GetRasterBand(1)
    regions = list(regions or [])
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
        n_regions = sum(1 for r in regions if name in r.zones)
        pct = 100.0 * changed_area / valid_area if valid_area > 0 else 0.0
        out.append(ZoneStats(name, valid_area, changed_area, pct, n_regions))
    return out
