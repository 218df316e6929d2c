"""Change regions: the polygons of the change mask, with their area and mean statistic (GDAL/OGR).

Areas are sums of pixel areas (raster.row_pixel_areas, the plugin's one rule): constant on
a projected grid; on a geographic grid each row's cells get their exact area on the CRS's
ellipsoid, so polygons, zone statistics and the change detection's changed area agree.

Regions are streamed: polygons go to a temporary GeoPackage on disk, not into memory, and
change_regions yields them one at a time. Memory: one strip, plus three numbers per region.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Sequence, Tuple
from xml.sax.saxutils import escape

import numpy as np
from osgeo import gdal, ogr, osr

from ..raster import RasterCancelled as ChangeDetectionCancelled
from ..raster import RasterError as ChangeDetectionError
from ..raster import row_pixel_areas

__all__ = ["ChangeRegion", "change_regions"]


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


def _changed_only(mds, mask_path: str):
    """Return a VRT band of the mask that is 1 where the mask is 1 and 0 elsewhere (0, 255 nodata).

    Used as Polygonize's mask, so only change regions are written (no nodata polygons to skip).
    """
    w, h = mds.RasterXSize, mds.RasterYSize
    xml = (f'<VRTDataset rasterXSize="{w}" rasterYSize="{h}"><VRTRasterBand dataType="Byte" band="1">'
           f'<ComplexSource><SourceFilename relativeToVRT="0">{escape(mask_path)}</SourceFilename>'
           f'<SourceBand>1</SourceBand><SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>'
           f'<DstRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/><LUT>0:0,1:1,2:0</LUT>'
           '</ComplexSource></VRTRasterBand></VRTDataset>')
    return gdal.Open(xml)


def change_regions(mask_path: str, stat_path: str, *, min_area_m2: float = 0.0,
                   zones: Optional[Sequence[Tuple[str, str]]] = None, rows: int = 512,
                   progress: Optional[Callable[[float], None]] = None,
                   is_cancelled: Optional[Callable[[], bool]] = None) -> Iterator[ChangeRegion]:
    """Yield the change regions of the mask at least ``min_area_m2`` large, one at a time.

    ``zones`` are (name, WKT in the raster CRS) pairs; a region lists every zone it intersects.
    The mean statistic and area come from the region's own pixels (polygon ids rasterised back
    strip by strip). The polygons live in a temporary GeoPackage, removed when the iteration
    ends (or the generator is closed), so memory stays bounded by the strip and three numbers
    per region, however many regions there are.
    """
    mds = gdal.Open(mask_path)
    sds = gdal.Open(stat_path)
    if mds is None or sds is None:
        raise ChangeDetectionError(f"cannot open the change mask '{mask_path}' or statistic '{stat_path}'")
    wkt = mds.GetProjection()
    gt = mds.GetGeoTransform()
    width, height = mds.RasterXSize, mds.RasterYSize
    srs = None
    if wkt:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(wkt)
    folder = tempfile.mkdtemp(prefix="rason_regions_")
    vds = layer = None
    try:
        vds, layer, n = _polygonize(mds, mask_path, folder, srs, is_cancelled)
        if progress:
            progress(0.3)
        if n == 0:
            if progress:
                progress(1.0)
            return
        count, area, stat_sum = _region_sums(layer, sds, gt, wkt, width, height, rows, n, progress,
                                             is_cancelled)
        layer.SetSpatialFilter(None)
        zone_geoms = [(name, ogr.CreateGeometryFromWkt(z)) for name, z in (zones or [])]
        layer.ResetReading()
        # No cancel from here on: the caller may be writing the regions out, and a layer cut off
        # halfway would be worse than this last, short step running to its end.
        for i, feat in enumerate(layer):
            if progress and i % 4096 == 0:
                progress(0.9 + 0.1 * i / n)
            rid = feat.GetFID()
            if area[rid] < min_area_m2 or count[rid] == 0:
                continue
            geom = feat.GetGeometryRef()
            names = [name for name, zg in zone_geoms if zg is not None and geom.Intersects(zg)]
            yield ChangeRegion(bytes(geom.ExportToWkb()), float(area[rid]),
                               float(stat_sum[rid] / count[rid]), int(count[rid]), names)
        if progress:
            progress(1.0)
    finally:
        vds = layer = None  # noqa: F841 (closes the GeoPackage before its folder is removed)
        shutil.rmtree(folder, ignore_errors=True)


def _polygonize(mds, mask_path: str, folder: str, srs, is_cancelled):
    """Return (GeoPackage, layer, count) of the mask's change regions, numbered in field ``rid``."""
    vds = ogr.GetDriverByName("GPKG").CreateDataSource(os.path.join(folder, "regions.gpkg"))
    if vds is None:
        raise ChangeDetectionError(f"cannot create a temporary GeoPackage in '{folder}'; check the "
                                   "free space of the temporary folder")
    layer = vds.CreateLayer("regions", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("dn", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("rid", ogr.OFTInteger))
    only = _changed_only(mds, mask_path)
    if only is None:
        raise ChangeDetectionError(
            f"cannot read the change mask '{mask_path}' ({gdal.GetLastErrorMsg()})")
    vds.StartTransaction()
    gdal.Polygonize(mds.GetRasterBand(1), only.GetRasterBand(1), layer, 0, ["8CONNECTED=8"],
                    callback=(lambda f, _m, _d: 0 if (is_cancelled and is_cancelled()) else 1))
    vds.CommitTransaction()
    only = None
    mds.FlushCache()  # drop the cached mask blocks: memory stays bounded by the strip
    _check(is_cancelled)
    n = layer.GetFeatureCount()
    if n and layer.GetFeature(n) is None:
        raise ChangeDetectionError("the change regions could not be numbered; run again")
    # Rasterising needs the region number in a field: the feature id, set in one statement.
    vds.ExecuteSQL("UPDATE regions SET rid = fid")
    return vds, layer, n


def _region_sums(layer, sds, gt, wkt, width: int, height: int, rows: int, n: int, progress, is_cancelled):
    """Return (pixels, m2, sum of the statistic) per region id, rasterising the regions strip by strip."""
    count = np.zeros(n + 1, dtype=np.int64)
    area = np.zeros(n + 1)
    stat_sum = np.zeros(n + 1)
    sband = sds.GetRasterBand(1)
    starts = list(range(0, height, rows))
    raster = None
    for k, row0 in enumerate(starts):
        _check(is_cancelled)
        nr = min(rows, height - row0)
        if raster is None or raster.RasterYSize != nr:
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
        sel = labels > 0
        if not sel.any():
            continue
        stat = sband.ReadAsArray(0, row0, width, nr).astype(np.float64)
        sds.FlushCache()
        pix = np.broadcast_to(row_pixel_areas(gt, wkt, row0, nr)[:, None], labels.shape)
        lab = labels[sel]
        # Polygonize numbers regions in scan order, so a strip's labels span a short range:
        # counting over that range keeps the temporaries strip-sized, not region-count-sized.
        lo, hi = int(lab.min()), int(lab.max())
        lab -= lo
        span = hi - lo + 1
        count[lo:hi + 1] += np.bincount(lab, minlength=span)
        area[lo:hi + 1] += np.bincount(lab, weights=pix[sel], minlength=span)
        stat_sum[lo:hi + 1] += np.bincount(lab, weights=stat[sel], minlength=span)
        if progress:
            progress(0.3 + 0.6 * (k + 1) / len(starts))
    raster = None
    return count, area, stat_sum
