"""Reading a SAR scene for ship detection: GDAL only (no QGIS), strip by strip, on a metric grid.

A Sentinel-1 GRD measurement TIFF has no geotransform, only ground control points; such a
raster (and one in degrees) is warped through its GCPs onto the UTM zone of its centre, in a
virtual (VRT) dataset read on demand, so memory stays bounded. Nearest-neighbour resampling
keeps each pixel's speckle statistics as the CFAR models assume (bilinear would average them).
Land polygons are burnt into each strip's mask as they are read.

Strips are streamed by the shared raster engine (core/raster, issue #12): scene_detect.py.
``read_strip`` here reads single rows for the footprint test.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import List, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from ..raster import RasterError, SceneInput, open_scene, quiet_open
from .cfar import to_intensity


class SarInputError(ValueError):
    """A bad SAR input; the message names the input and the fix."""


@dataclass
class SarScene:
    path: str
    dataset: object  # the dataset read (the warped VRT when the source needed warping)
    bands: List[int]
    units: int
    width: int
    height: int
    geotransform: tuple
    wkt: str
    pixel_x_m: float
    pixel_y_m: float
    warped: bool
    alpha_band: Optional[int] = None
    land: object = None  # OGR datasource with the (buffered) land polygons, in the scene's CRS
    keep: list = field(default_factory=list)
    engine: object = None  # the raster engine's SceneInput (core/raster) that streams the strips


def _utm_wkt(lon: float, lat: float) -> str:
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    srs = osr.SpatialReference()
    srs.ImportFromEPSG((32600 if lat >= 0 else 32700) + zone)
    return srs.ExportToWkt()


def _centre_lonlat(ds, src_wkt: str, use_gcps: bool):
    """Return (lon, lat) of the raster's centre."""
    if use_gcps:
        gcps = ds.GetGCPs()
        x = float(np.mean([g.GCPX for g in gcps]))
        y = float(np.mean([g.GCPY for g in gcps]))
    else:
        gt = ds.GetGeoTransform()
        x = gt[0] + gt[1] * ds.RasterXSize / 2 + gt[2] * ds.RasterYSize / 2
        y = gt[3] + gt[4] * ds.RasterXSize / 2 + gt[5] * ds.RasterYSize / 2
    src = osr.SpatialReference()
    src.ImportFromWkt(src_wkt)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat, _ = osr.CoordinateTransformation(src, dst).TransformPoint(x, y)
    return lon, lat


def open_sar(path: str, bands: Optional[Sequence[int]], units: int) -> SarScene:
    """Open ``path`` on a metric grid (warping through GCPs or from degrees when needed)."""
    path = os.fspath(path) if path else ""
    if not path:
        raise SarInputError("INPUT: no raster given; choose a SAR image (e.g. a Sentinel-1 GRD "
                            "measurement TIFF)")
    ds, err = quiet_open(path)
    if ds is None:
        detail = f" ({err})" if err else ""
        raise SarInputError(f"INPUT '{path}' is not a raster GDAL can read{detail}; choose a SAR image")
    n = ds.RasterCount
    use = [int(b) for b in bands] if bands else list(range(1, n + 1))
    bad = [b for b in use if not 1 <= b <= n]
    if bad:
        raise SarInputError(f"BANDS: band(s) {bad} do not exist; '{path}' has bands 1..{n}")
    for b in use:
        if ds.GetRasterBand(b).DataType in (gdal.GDT_CInt16, gdal.GDT_CInt32, gdal.GDT_CFloat32,
                                            gdal.GDT_CFloat64):
            raise SarInputError(f"INPUT band {b} is complex (SLC); detect ships on a detected (GRD) "
                                "image, or convert to intensity first")
    srs_wkt = ds.GetProjection()
    has_gt = ds.GetGeoTransform(can_return_null=True) is not None
    gcps = ds.GetGCPs() or []
    gcp_wkt = ds.GetGCPProjection()
    if srs_wkt and has_gt:
        srs = osr.SpatialReference(wkt=srs_wkt)
        needs_warp = srs.IsGeographic()
        src_wkt, use_gcps = srs_wkt, False
    elif len(gcps) >= 3 and gcp_wkt:
        needs_warp, src_wkt, use_gcps = True, gcp_wkt, True
    else:
        raise SarInputError(
            f"INPUT '{path}' has no coordinate reference system and no ground control points, so "
            "ships cannot be placed on the map; open the product's annotated file (for Sentinel-1 "
            "the SAFE folder or its manifest.safe) or georeference the image first")
    keep = []
    warped = False
    if needs_warp:
        lon, lat = _centre_lonlat(ds, src_wkt, use_gcps)
        dst_wkt = _utm_wkt(lon, lat)
        source = ds
        if use != list(range(1, n + 1)):
            # WarpOptions has no band list before GDAL 3.7: pick the bands in a VRT first.
            source = gdal.Translate("", ds, options=gdal.TranslateOptions(format="VRT", bandList=use))
            keep.append(source)
        options = gdal.WarpOptions(format="VRT", dstSRS=dst_wkt, resampleAlg="near", dstAlpha=True)
        vrt = gdal.Warp("", source, options=options)
        if vrt is None:
            raise SarInputError(f"INPUT '{path}': GDAL could not warp it through its georeferencing "
                                f"({gdal.GetLastErrorMsg()}); check its GCPs or CRS")
        keep.append(ds)
        ds, use, warped = vrt, list(range(1, len(use) + 1)), True
    gt = ds.GetGeoTransform()
    wkt = ds.GetProjection()
    srs = osr.SpatialReference(wkt=wkt)
    unit = srs.GetLinearUnits() or 1.0
    px = math.hypot(gt[1], gt[4]) * unit
    py = math.hypot(gt[2], gt[5]) * unit
    alpha = ds.RasterCount if warped else None
    scene = SarScene(path, ds, use, units, ds.RasterXSize, ds.RasterYSize, tuple(gt), wkt, px, py,
                     warped, alpha, keep=keep)
    scene.engine = _engine_input(scene)
    return scene


def _engine_input(scene: SarScene):
    """Return the raster engine's view of the scene (the warped VRT when there is one)."""
    if not scene.warped:
        try:
            return open_scene(scene.path, "INPUT", scene.bands, "ship detection")
        except RasterError as err:
            raise SarInputError(str(err)) from err
    # The warp's alpha band says where the image is; GDAL's warper already turned the source's
    # nodata into alpha 0.
    return SceneInput("INPUT", scene.path, scene.dataset, list(scene.bands), [None] * len(scene.bands),
                      False, alpha_band=scene.alpha_band, keep=list(scene.keep))


def set_land(scene: SarScene, wkb_polygons: Sequence[bytes]) -> None:
    """Keep land polygons (WKB, in the scene's CRS, already buffered) to burn into each strip."""
    if not wkb_polygons:
        scene.land = None
        return
    drv = ogr.GetDriverByName("Memory")
    src = drv.CreateDataSource("land")
    srs = osr.SpatialReference(wkt=scene.wkt)
    layer = src.CreateLayer("land", srs, ogr.wkbMultiPolygon)
    for wkb in wkb_polygons:
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetGeometry(ogr.CreateGeometryFromWkb(bytes(wkb)))
        layer.CreateFeature(feat)
    scene.land = src


def read_strip(scene: SarScene, row0: int, nrows: int):
    """Return (intensity, valid) for full rows ``row0 .. row0 + nrows`` of the scene."""
    ds = scene.dataset
    arrays = []
    valid = np.ones((nrows, scene.width), dtype=bool)
    for b in scene.bands:
        band = ds.GetRasterBand(b)
        # GDAL converts to float32 as it reads: no second pass over the strip.
        a = band.ReadAsArray(0, row0, scene.width, nrows, buf_type=gdal.GDT_Float32)
        if a is None:
            raise SarInputError(f"INPUT: GDAL could not read rows {row0}..{row0 + nrows} of band {b}")
        flags = band.GetMaskFlags()
        if not flags & gdal.GMF_ALL_VALID:
            m = band.GetMaskBand().ReadAsArray(0, row0, scene.width, nrows)
            if m is not None:
                valid &= m > 0
        if band.DataType in (gdal.GDT_Float32, gdal.GDT_Float64):
            valid &= np.isfinite(a)
        arrays.append(a)
    if scene.alpha_band:
        alpha = ds.GetRasterBand(scene.alpha_band).ReadAsArray(0, row0, scene.width, nrows)
        valid &= alpha > 0
    if not valid.all():
        for a in arrays:
            a[~valid] = 0.0  # NaN or masked values must not reach the sums
    intensity = to_intensity(arrays, scene.units, valid, in_place=True)
    # Zero DN is no-return padding in Sentinel-1 GRD borders, never sea.
    valid &= intensity > 0
    if scene.land is not None:
        valid &= ~burn_land(scene, row0, nrows)
    return intensity, valid


def burn_land(scene: SarScene, row0: int, nrows: int) -> np.ndarray:
    gt = scene.geotransform
    mem = gdal.GetDriverByName("MEM").Create("", scene.width, nrows, 1, gdal.GDT_Byte)
    mem.SetGeoTransform((gt[0] + gt[2] * row0, gt[1], gt[2], gt[3] + gt[5] * row0, gt[4], gt[5]))
    mem.SetProjection(scene.wkt)
    gdal.RasterizeLayer(mem, [1], scene.land.GetLayer(0), burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    return mem.GetRasterBand(1).ReadAsArray() > 0


def pixel_to_map(scene: SarScene, row: float, col: float):
    """Return the map (x, y) of a fractional (row, col) pixel position (0.5 = a pixel's centre)."""
    gt = scene.geotransform
    return gt[0] + gt[1] * col + gt[2] * row, gt[3] + gt[4] * col + gt[5] * row


_S1_NAME = re.compile(r"s1[abcd][-_].*?(\d{8})t(\d{6})", re.IGNORECASE)
_METADATA_KEYS = ("ACQUISITION_START_TIME", "ACQUISITION_TIME", "FIRST_LINE_TIME", "START_TIME",
                  "TIFFTAG_DATETIME", "DATETIME")


def parse_iso_time(text: str) -> Optional[float]:
    """Return epoch seconds for an ISO 8601 (or TIFF "YYYY:MM:DD HH:MM:SS") time; UTC if no zone."""
    text = (text or "").strip()
    if not text:
        return None
    m = re.match(r"^(\d{4}):(\d{2}):(\d{2}) (\d{2}:\d{2}:\d{2})$", text)
    if m:
        text = f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}"
    text = text.replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def acquisition_time(scene: SarScene) -> Optional[float]:
    """Return the image time (epoch s) from the raster's metadata or a Sentinel-1 file name, or None."""
    sources = [scene.dataset] + list(scene.keep)
    for ds in sources:
        md = ds.GetMetadata() or {}
        for key in _METADATA_KEYS:
            if key in md:
                t = parse_iso_time(md[key])
                if t is not None:
                    return t
    for name in [scene.path] + [f for ds in sources for f in (ds.GetFileList() or [])]:
        m = _S1_NAME.search(os.path.basename(str(name)))
        if m:
            d, t = m.group(1), m.group(2)
            return datetime(int(d[:4]), int(d[4:6]), int(d[6:]), int(t[:2]), int(t[2:4]), int(t[4:]),
                            tzinfo=timezone.utc).timestamp()
    return None


def footprint_valid(scene: SarScene, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Return, per map point, whether it falls on a valid (data, not land) pixel of the scene."""
    gt = scene.geotransform
    inv = gdal.InvGeoTransform(gt)
    if inv is not None and len(inv) == 2:  # GDAL before 3.x's new-style return: (ok, transform)
        inv = inv[1]
    if inv is None:
        raise SarInputError("SCENE: its geotransform cannot be inverted; choose a georeferenced raster")
    out = np.zeros(len(xs), dtype=bool)
    for k, (x, y) in enumerate(zip(xs, ys)):
        col = inv[0] + inv[1] * x + inv[2] * y
        row = inv[3] + inv[4] * x + inv[5] * y
        r, c = int(math.floor(row)), int(math.floor(col))
        if 0 <= r < scene.height and 0 <= c < scene.width:
            _, valid = read_strip(scene, r, 1)
            out[k] = bool(valid[0, c])
    return out
