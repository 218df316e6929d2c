"""Windowed GDAL I/O for change detection: input checks, grid alignment, strip reading, safe outputs.

Memory is bounded by the strip (full-width rows), never by the scene. Outputs are written to
temporary files beside their targets and moved into place together, only when everything
succeeded (commit_outputs): all of them or none.

A pixel is valid when every mask GDAL reports for it says so: the band's nodata value, a
per-dataset mask (an internal or .msk mask, as in COGs), an alpha band; float NaN is never valid.
Alpha bands say which pixels are hidden: they are never compared as data.
"""
from __future__ import annotations

import dataclasses
import math
import os
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Sequence
from xml.sax.saxutils import escape

import numpy as np
from osgeo import gdal, osr

# No gdal.UseExceptions() here: it is process-wide and would change GDAL's behaviour for QGIS and
# other plugins. Calls below check for None and also catch RuntimeError (exceptions on).


class ChangeDetectionError(ValueError):
    """A bad input or setting; the message names the input and how to fix it."""


class ChangeDetectionCancelled(ChangeDetectionError):  # noqa: N818 (it is a cancellation, not an error)
    """The caller's ``is_cancelled`` returned True; no output was left behind."""


COMPLEX_TYPES = {gdal.GDT_CInt16, gdal.GDT_CInt32, gdal.GDT_CFloat32, gdal.GDT_CFloat64}
RESAMPLING = ("nearest", "bilinear", "cubic", "cubicspline", "lanczos", "average", "mode")
TARGET_STRIP_PIXELS = 1 << 19  # ~0.5 Mpixel per strip: fastest on a Sentinel-2 tile (bench/)


@dataclass
class SceneInput:
    """One opened input: the dataset to read, the band numbers in it and how validity is decided."""

    role: str
    path: str
    dataset: object
    bands: List[int]
    nodata: List[Optional[float]]
    is_float: bool
    alpha_band: Optional[int] = None  # warped MASK input: band of the warp's alpha (0 = outside)
    mask_bands: List[int] = field(default_factory=list)  # bands whose GDAL mask band must be read
    # warped AFTER: its validity on the grid, 255 where every source pixel drawn on was valid
    validity: object = None
    xoff: int = 0
    yoff: int = 0
    keep: list = field(default_factory=list)  # objects that must outlive the dataset (VRT sources)
    alpha_left_out: List[int] = field(default_factory=list)  # alpha bands not used as data


@dataclass
class Grid:
    """The output grid: BEFORE's grid restricted to the overlap of both scenes."""

    width: int
    height: int
    geotransform: tuple
    wkt: str

    def pixel_area_m2(self) -> Optional[float]:
        """Return the pixel area in m2 when every pixel has the same (projected CRS), else None."""
        if not self.wkt:
            return None
        srs = osr.SpatialReference()
        srs.ImportFromWkt(self.wkt)
        if not srs.IsProjected():
            return None
        return float(row_pixel_areas(self.geotransform, self.wkt, 0, 1)[0])

    def row_areas(self, row0: int, nrows: int) -> np.ndarray:
        """Return the area in m2 of one pixel in each of rows ``row0 .. row0+nrows-1``."""
        return row_pixel_areas(self.geotransform, self.wkt, row0, nrows)


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


def _fail(message: str):
    raise ChangeDetectionError(message)


# "DRIVER:..." dataset names (NETCDF:"f.nc":var, GPKG:f.gpkg:table, SENTINEL2_L2A:...): two or
# more characters before the colon, so a Windows drive letter ("C:\\...") is still a plain path.
_DATASET_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]+:")


def _is_plain_path(path: str) -> bool:
    """True when ``path`` names a file on disk (not /vsi..., a URL, or a driver's dataset name)."""
    return not (path.startswith("/vsi") or "://" in path or _DATASET_NAME.match(path))


def _is_alpha(ds, b: int) -> bool:
    return ds.GetRasterBand(b).GetColorInterpretation() == gdal.GCI_AlphaBand


def open_scene(path, role: str, bands: Optional[Sequence[int]]) -> SceneInput:
    """Open ``path`` (any GDAL raster name) read-only and check it can take part in change detection.

    With no ``bands``, every band but the alpha band(s) is used; an alpha band asked for is an error.
    """
    path = os.fspath(path) if path is not None else ""
    if not path:
        _fail(f"{role}: no raster given; choose a raster layer or file")
    if _is_plain_path(path) and not os.path.exists(path):
        _fail(f"{role} raster '{path}' does not exist; check the path or choose another file")
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
        err = gdal.GetLastErrorMsg()
    except RuntimeError as exc:
        ds, err = None, str(exc)
    finally:
        gdal.PopErrorHandler()
    if ds is None:
        detail = f" ({err})" if err else ""
        _fail(f"{role} '{path}' is not a raster GDAL can read{detail}; choose a GeoTIFF or another "
              "GDAL raster")
    if ds.RasterCount == 0:
        _fail(f"{role} '{path}' has no raster bands (is it a vector file?); choose a raster")
    alpha = [b for b in range(1, ds.RasterCount + 1) if _is_alpha(ds, b)]
    if bands is None or len(bands) == 0:
        bands = [b for b in range(1, ds.RasterCount + 1) if b not in alpha]
        if not bands:
            _fail(f"{role} '{path}' has only an alpha (transparency) band, no data band; choose a scene "
                  "with data bands")
    bands = [int(b) for b in bands]
    bad = [b for b in bands if not 1 <= b <= ds.RasterCount]
    if bad:
        _fail(f"{role}: band(s) {bad} do not exist; '{path}' has bands 1..{ds.RasterCount}")
    if len(set(bands)) != len(bands):
        _fail(f"{role}: band list {bands} repeats a band; list each band once")
    for b in bands:
        if b in alpha:
            _fail(f"{role} band {b} is an alpha (transparency) band: it tells which pixels are hidden "
                  "(those are nodata), it is not data; leave it out of the band list")
    nodata, is_float = [], False
    mask_bands, per_dataset = [], False
    for b in bands:
        band = ds.GetRasterBand(b)
        dtype = band.DataType
        if dtype in COMPLEX_TYPES or dtype == gdal.GDT_Unknown:
            _fail(f"{role} band {b} has data type {gdal.GetDataTypeName(dtype)}; change detection needs "
                  "real numbers (convert complex data to amplitude first, e.g. with gdal_calc.py)")
        if dtype in (gdal.GDT_Float32, gdal.GDT_Float64):
            is_float = True
        nodata.append(band.GetNoDataValue())
        flags = band.GetMaskFlags()
        # A plain nodata mask is compared with the value directly (cheaper than reading the mask);
        # any other mask (per-dataset, alpha, .msk) is read. One per-dataset mask serves every band.
        if flags & gdal.GMF_ALL_VALID or flags == gdal.GMF_NODATA:
            continue
        if flags & gdal.GMF_PER_DATASET:
            if not per_dataset:
                mask_bands.append(b)
            per_dataset = True
        else:
            mask_bands.append(b)
    if ds.RasterXSize < 2 or ds.RasterYSize < 2:
        _fail(f"{role} '{path}' is {ds.RasterXSize}x{ds.RasterYSize} pixels; change detection needs a "
              "raster of at least 2x2 pixels")
    left_out = [b for b in alpha if b not in bands]
    return SceneInput(role, path, ds, bands, nodata, is_float, mask_bands=mask_bands, alpha_left_out=left_out)


def input_files(scene: SceneInput) -> List[str]:
    """Return the real paths of the files on disk that ``scene`` reads (for overwrite checks)."""
    files = []
    for f in [scene.path] + list(scene.dataset.GetFileList() or []):
        if f and os.path.exists(f):
            files.append(os.path.realpath(f))
    return files


def _is_vrt(scene: SceneInput) -> bool:
    driver = scene.dataset.GetDriver()
    return driver is not None and driver.ShortName == "VRT"


def reopen_scene(scene: SceneInput) -> Optional[SceneInput]:
    """Return ``scene`` on a GDAL handle of its own (for another thread), or None if it cannot be
    reopened: a warped input lives in an in-memory VRT, and a .vrt file's sources come from a
    pool GDAL shares between its handles, so a second handle would not be independent."""
    if scene.keep or _is_vrt(scene):
        return None
    try:
        ds = gdal.OpenEx(scene.path, gdal.OF_RASTER | gdal.OF_READONLY)
    except RuntimeError:
        return None
    old = scene.dataset
    if ds is None or (ds.RasterXSize, ds.RasterYSize, ds.RasterCount) != (
            old.RasterXSize, old.RasterYSize, old.RasterCount):
        return None
    return dataclasses.replace(scene, dataset=ds, keep=[])


def _is_north_up(gt) -> bool:
    return gt[2] == 0 and gt[4] == 0 and gt[1] > 0 and gt[5] < 0


def _same_srs(wkt_a: str, wkt_b: str) -> bool:
    if not wkt_a or not wkt_b:
        return not wkt_a and not wkt_b
    a, b = osr.SpatialReference(), osr.SpatialReference()
    a.ImportFromWkt(wkt_a)
    b.ImportFromWkt(wkt_b)
    return bool(a.IsSame(b))


def _same_grid(ds_a, ds_b) -> bool:
    if (ds_a.RasterXSize, ds_a.RasterYSize) != (ds_b.RasterXSize, ds_b.RasterYSize):
        return False
    ga, gb = ds_a.GetGeoTransform(), ds_b.GetGeoTransform()
    tol = 1e-6 * max(abs(ga[1]), abs(ga[5]))
    if any(abs(x - y) > tol for x, y in zip(ga, gb)):
        return False
    return _same_srs(ds_a.GetProjection(), ds_b.GetProjection())


def align(before: SceneInput, after: SceneInput, resampling: str) -> Grid:
    """Put AFTER on BEFORE's grid over their overlap (warping AFTER if needed); return that grid."""
    bds, ads = before.dataset, after.dataset
    if resampling not in RESAMPLING:
        _fail(f"resampling '{resampling}' is unknown; use one of {', '.join(RESAMPLING)}")
    if _same_grid(bds, ads):
        return Grid(bds.RasterXSize, bds.RasterYSize, bds.GetGeoTransform(), bds.GetProjection())
    bgt, agt = bds.GetGeoTransform(), ads.GetGeoTransform()
    if not _is_north_up(bgt):
        _fail(f"BEFORE '{before.path}' has a rotated or south-up geotransform; warp it to a north-up "
              "grid first (gdalwarp) so AFTER can be aligned to it")
    bwkt, awkt = bds.GetProjection(), ads.GetProjection()
    if bool(bwkt) != bool(awkt):
        missing = "BEFORE" if not bwkt else "AFTER"
        _fail(f"{missing} has no coordinate reference system while the other has one and the grids "
              "differ; assign the CRS (gdal_edit.py -a_srs or layer Properties) and run again")
    # AFTER's footprint in BEFORE's CRS (edges densified), intersected with BEFORE's extent.
    ax0, ay1 = agt[0], agt[3]
    ax1 = agt[0] + agt[1] * ads.RasterXSize + agt[2] * ads.RasterYSize
    ay0 = agt[3] + agt[4] * ads.RasterXSize + agt[5] * ads.RasterYSize
    axmin, axmax, aymin, aymax = min(ax0, ax1), max(ax0, ax1), min(ay0, ay1), max(ay0, ay1)
    if bwkt and not _same_srs(bwkt, awkt):
        src, dst = osr.SpatialReference(), osr.SpatialReference()
        src.ImportFromWkt(awkt)
        dst.ImportFromWkt(bwkt)
        for s in (src, dst):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        try:
            ct = osr.CoordinateTransformation(src, dst)
            axmin, aymin, axmax, aymax = ct.TransformBounds(axmin, aymin, axmax, aymax, 21)
        except RuntimeError as exc:
            _fail(f"AFTER's extent cannot be transformed into BEFORE's CRS ({exc}); check both CRSs")
        if not all(math.isfinite(v) for v in (axmin, aymin, axmax, aymax)):
            _fail("AFTER's extent cannot be transformed into BEFORE's CRS; check both CRSs")
    bxmin, bymax = bgt[0], bgt[3]
    bxmax, bymin = bxmin + bgt[1] * bds.RasterXSize, bymax + bgt[5] * bds.RasterYSize
    eps = 1e-6
    col0 = max(0, math.floor((max(axmin, bxmin) - bxmin) / bgt[1] + eps))
    col1 = min(bds.RasterXSize, math.ceil((min(axmax, bxmax) - bxmin) / bgt[1] - eps))
    row0 = max(0, math.floor((bymax - min(aymax, bymax)) / -bgt[5] + eps))
    row1 = min(bds.RasterYSize, math.ceil((bymax - max(aymin, bymin)) / -bgt[5] - eps))
    if col1 - col0 < 1 or row1 - row0 < 1:
        _fail(f"BEFORE '{before.path}' and AFTER '{after.path}' do not overlap; choose two scenes of "
              "the same place (check their CRS and extent)")
    if col1 - col0 < 2 or row1 - row0 < 2:
        _fail(f"BEFORE and AFTER overlap on only {col1 - col0}x{row1 - row0} pixels; change detection "
              "needs at least 2x2 pixels in common")
    gt = (bgt[0] + col0 * bgt[1], bgt[1], 0.0, bgt[3] + row0 * bgt[5], 0.0, bgt[5])
    width, height = col1 - col0, row1 - row0
    bounds = (gt[0], gt[3] + height * gt[5], gt[0] + width * gt[1], gt[3])
    warp = dict(format="VRT", outputBounds=bounds, width=width, height=height, resampleAlg=resampling,
                multithread=False)
    if bwkt:
        warp["dstSRS"] = bwkt
    # Only the chosen data bands are warped (no alpha, no mask): which destination pixels are
    # valid is worked out on its own, below.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        data = gdal.Translate("", ads, format="VRT", bandList=after.bands, maskBand="none")
        warped = gdal.Warp("", data, **warp) if data is not None else None
        validity = gdal.Warp("", _validity_source(after), outputType=gdal.GDT_Float32,
                             srcNodata="None", dstNodata="None", warpOptions=["INIT_DEST=0"], **warp) \
            if warped is not None else None
        err = gdal.GetLastErrorMsg()
    except RuntimeError as exc:
        warped, validity, err = None, None, str(exc)
    finally:
        gdal.PopErrorHandler()
    if warped is None or validity is None:
        _fail(f"AFTER '{after.path}' could not be warped onto BEFORE's grid ({err})")
    after.keep.extend([ads, data])
    after.dataset = warped
    after.bands = list(range(1, len(after.bands) + 1))
    after.nodata = [None] * len(after.bands)  # the validity below holds the source nodata too
    after.mask_bands = []
    after.validity = validity
    before.xoff, before.yoff = col0, row0
    return Grid(width, height, gt, bwkt)


# A warped pixel is valid when its validity is 255 within this relative tolerance: a source pixel
# whose weight in the kernel is under a millionth does not count as drawn on.
VALIDITY_TOLERANCE = 1e-6


def _validity_source(scene: SceneInput):
    """Return a VRT on ``scene``'s grid: 255 where every mask of its bands says valid, else 0.

    Warped with AFTER's own resampling and no masking, it gives 255 exactly where every source
    pixel the kernel drew on was valid, and less (or, for cubic's negative lobes, more) where
    the warp mixed in an invalid one, or 0 outside the source. The first source paints 255; each
    mask (per-dataset, alpha, nodata of each band) paints 0 where it hides a pixel (GDAL masks
    are 0 for hidden, 1..255 for partly or fully visible).
    """
    ds = scene.dataset
    w, h = ds.RasterXSize, ds.RasterYSize
    masks, per_dataset = [], False
    for b in scene.bands:
        flags = ds.GetRasterBand(b).GetMaskFlags()
        if flags & gdal.GMF_ALL_VALID:
            continue
        if flags & gdal.GMF_PER_DATASET:  # one mask for every band: read it once
            if per_dataset:
                continue
            per_dataset = True
        masks.append(b)
    name = escape(scene.path)
    rect = (f'<SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>'
            f'<DstRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>')
    source = f'<ComplexSource><SourceFilename relativeToVRT="0">{name}</SourceFilename>'
    sources = [f'{source}<SourceBand>mask,{scene.bands[0]}</SourceBand>{rect}'
               '<ScaleOffset>255</ScaleOffset><ScaleRatio>0</ScaleRatio></ComplexSource>']
    sources += [f'{source}<SourceBand>mask,{b}</SourceBand>{rect}<NODATA>255</NODATA>'
                '<LUT>0:0,1:255</LUT></ComplexSource>' for b in masks]
    gt = ",".join(repr(float(v)) for v in ds.GetGeoTransform())
    srs = f"<SRS>{escape(ds.GetProjection())}</SRS>" if ds.GetProjection() else ""
    xml = (f'<VRTDataset rasterXSize="{w}" rasterYSize="{h}">{srs}<GeoTransform>{gt}</GeoTransform>'
           f'<VRTRasterBand dataType="Byte" band="1">{"".join(sources)}</VRTRasterBand></VRTDataset>')
    vrt = gdal.Open(xml)
    if vrt is None:
        _fail(f"AFTER '{scene.path}': its masks could not be read ({gdal.GetLastErrorMsg()})")
    return vrt


def open_mask(path, grid: Grid, before: SceneInput) -> SceneInput:
    """Open the optional validity mask (0 = exclude) and put it on the output grid (nearest)."""
    mask = open_scene(path, "MASK", [1])
    ds = mask.dataset
    bds = before.dataset
    if _same_grid(ds, bds):
        mask.xoff, mask.yoff = before.xoff, before.yoff
        return mask
    bounds = (grid.geotransform[0], grid.geotransform[3] + grid.height * grid.geotransform[5],
              grid.geotransform[0] + grid.width * grid.geotransform[1], grid.geotransform[3])
    opts = dict(format="VRT", outputBounds=bounds, width=grid.width, height=grid.height,
                resampleAlg="nearest", dstAlpha=True)
    if grid.wkt and ds.GetProjection():
        opts["dstSRS"] = grid.wkt
    mask.keep.append(ds)
    mask.dataset = gdal.Warp("", ds, **opts)
    mask.alpha_band = mask.dataset.RasterCount
    return mask


def strip_rows(block_size: Optional[int], width: int, source_block_height: int) -> int:
    """Return the rows per strip: ``block_size`` if given, else ~1 Mpixel aligned to source blocks."""
    if block_size:
        return max(1, int(block_size))
    rows = max(1, TARGET_STRIP_PIXELS // max(1, width))
    if source_block_height > 1:
        rows = max(source_block_height, (rows // source_block_height) * source_block_height)
    return rows


def _nodata_in_dtype(nd: float, dtype: np.dtype):
    """Return ``nd`` in ``dtype`` if a pixel of that type can hold it exactly, else None."""
    if dtype.kind == "f":
        return dtype.type(nd)
    if math.isnan(nd) or nd != math.floor(nd):
        return None
    info = np.iinfo(dtype)
    return dtype.type(nd) if info.min <= nd <= info.max else None


def _valid_of(arr: np.ndarray, nodata: Sequence[Optional[float]], is_float: bool) -> Optional[np.ndarray]:
    """Return the (rows, cols) mask of pixels valid in every band of ``arr``; None means all valid."""
    valid = None
    for i, nd in enumerate(nodata):
        band = arr[i]
        v = None
        if nd is not None:
            if math.isnan(nd):
                v = None  # NaN is caught by the isfinite test below
            else:
                value = _nodata_in_dtype(nd, band.dtype)
                if value is not None:
                    v = band != value
        if band.dtype.kind == "f":
            fin = np.isfinite(band)
            v = fin if v is None else (v & fin)
        if v is not None:
            valid = v if valid is None else (valid & v)
    return valid


def read_strip(scene: SceneInput, row0: int, nrows: int, width: int, out: Optional[np.ndarray] = None):
    """Return (bands x rows x cols array, valid mask or None meaning all valid) for one strip.

    ``out``: an array from an earlier call on this scene to read into, if it has the strip's shape.
    """
    if out is not None and out.shape != (len(scene.bands), nrows, width):
        out = None
    if out is not None and len(scene.bands) == 1:
        out = out[0]  # GDAL takes a 2-D buffer for one band
    try:
        arr = scene.dataset.ReadAsArray(scene.xoff, scene.yoff + row0, width, nrows, band_list=scene.bands,
                                        buf_obj=out)
    except RuntimeError as exc:
        arr, err = None, str(exc)
    else:
        err = gdal.GetLastErrorMsg()
    if arr is None:
        _fail(f"{scene.role} '{scene.path}': reading rows {row0}..{row0 + nrows} failed ({err}); "
              "the file may be truncated or corrupt")
    if arr.ndim == 2:
        arr = arr[None]
    valid = _valid_of(arr, scene.nodata, scene.is_float)
    for b in scene.mask_bands:
        m = scene.dataset.GetRasterBand(b).GetMaskBand().ReadAsArray(
            scene.xoff, scene.yoff + row0, width, nrows)
        if m is None:
            _fail(f"{scene.role} '{scene.path}': reading the mask of rows {row0}..{row0 + nrows} failed "
                  f"({gdal.GetLastErrorMsg()}); the file may be truncated or corrupt")
        valid = m != 0 if valid is None else (valid & (m != 0))
    if scene.validity is not None:
        v = scene.validity.GetRasterBand(1).ReadAsArray(scene.xoff, scene.yoff + row0, width, nrows)
        if v is None:
            _fail(f"{scene.role} '{scene.path}': warping rows {row0}..{row0 + nrows} failed "
                  f"({gdal.GetLastErrorMsg()})")
        ok = np.abs(v - np.float32(255.0)) <= np.float32(255.0 * VALIDITY_TOLERANCE)
        valid = ok if valid is None else (valid & ok)
        scene.validity.FlushCache()
    if scene.alpha_band is not None:
        alpha = scene.dataset.GetRasterBand(scene.alpha_band).ReadAsArray(
            scene.xoff, scene.yoff + row0, width, nrows)
        valid = alpha > 0 if valid is None else (valid & (alpha > 0))
    return arr, valid


@dataclass
class Strip:
    row0: int
    nrows: int
    x: np.ndarray      # BEFORE bands (p, rows, cols), native dtype
    y: np.ndarray      # AFTER bands (q, rows, cols)
    valid: np.ndarray  # (rows, cols) bool; pixels valid in both scenes and the mask
    n_valid_before: int
    n_valid_after: int
    all_valid: bool = False


def iter_strips(before: SceneInput, after: SceneInput, mask: Optional[SceneInput], grid: Grid, rows: int,
                is_cancelled: Optional[Callable[[], bool]] = None,
                progress: Optional[Callable[[float], None]] = None,
                windows: Optional[Sequence[tuple]] = None, threaded: bool = True) -> Iterator[Strip]:
    """Yield the strips of both scenes in order, the next one read while this one is used.

    Two reader threads, one for BEFORE and one for AFTER (and the mask): GDAL and numpy release
    the GIL, and on a Sentinel-2 tile reading is the pipeline's slowest stage, so the two scenes
    are read side by side (bench/); VRT inputs, whose sources GDAL pools, share one. Each dataset
    is only ever touched by one reader while the iteration runs. ``windows`` (row0, nrows)
    replaces the regular strips (used to read a sample of rows); ``threaded=False`` reads them in
    the caller's thread, cheaper for many small windows.

    Threaded, a strip's ``x`` and ``y`` live in reused buffers: they hold that strip's values
    until the caller asks for the strip after next. Copy what must be kept longer.
    """
    width, height = grid.width, grid.height
    if windows is None:
        windows = [(r, min(rows, height - r)) for r in range(0, height, rows)]
    starts = list(windows)
    shared = {}

    def all_true(n):
        """One read-only all-valid mask per strip height, shared by the strips (saves a fill each)."""
        if n not in shared:
            shared[n] = np.ones((n, width), dtype=bool)
            shared[n].flags.writeable = False
        return shared[n]

    # Threaded reads go into a ring of three buffers per scene: strip i is read while the caller
    # holds strip i - 1, and strip i - 2 is done with. Steady memory instead of a fresh array per
    # strip from each reader thread's malloc arena (peaks varied by 100 MB run to run).
    ring_before, ring_after = [None] * 3, [None] * 3

    def read(scene, window, ring=None, slot=None):
        """Read one scene's strip (into ``ring[slot]`` if a slot is given); return (array, valid, n valid)."""
        reuse = ring is not None and slot is not None
        arr, valid = read_strip(scene, window[0], window[1], width, ring[slot] if reuse else None)
        if reuse:
            ring[slot] = arr
        # Drop the blocks GDAL cached for this strip: they are never read again, and the block
        # cache (5 % of RAM by default) would otherwise fill with them.
        scene.dataset.FlushCache()
        return arr, valid, (arr[0].size if valid is None else int(np.count_nonzero(valid)))

    def read_before(window, slot=None):
        return read(before, window, ring_before, slot)

    def read_after(window, slot=None):
        y, vy, nvy = read(after, window, ring_after, slot)
        if mask is not None:
            m, vm, _ = read(mask, window)
            mv = m[0] != 0
            if vm is not None:
                mv &= vm
            vy = mv if vy is None else (vy & mv)
        return y, vy, nvy

    def combine(window, parts_before, parts_after):
        (x, vx, nvx), (y, vy, nvy) = parts_before, parts_after
        valid = vx
        if vy is not None:
            valid = vy if valid is None else (valid & vy)
        all_valid = valid is None or bool(valid.all())
        if valid is None:
            valid = all_true(window[1])
        return Strip(window[0], window[1], x, y, valid, nvx, nvy, all_valid)

    def check_cancelled():
        if is_cancelled is not None and is_cancelled():
            raise ChangeDetectionCancelled("change detection cancelled; no output was written")

    if not threaded:
        for i, window in enumerate(starts):
            check_cancelled()
            yield combine(window, read_before(window), read_after(window))
            if progress is not None:
                progress((i + 1) / len(starts))
        return
    # VRT datasets share GDAL's pool of opened sources: two VRTs on one file could hand the same
    # source to both readers at once. Those are read by one reader thread, as plain files never need.
    split = not any(_is_vrt(sc) for sc in (before, after, mask) if sc is not None)
    with ThreadPoolExecutor(max_workers=1) as pool_b, ThreadPoolExecutor(max_workers=1) as pool_a:
        pool_after = pool_a if split else pool_b

        def submit(i):
            slot = i % 3
            return pool_b.submit(read_before, starts[i], slot), pool_after.submit(read_after, starts[i], slot)

        pending = submit(0)
        for i, window in enumerate(starts):
            strip = combine(window, pending[0].result(), pending[1].result())
            if i + 1 < len(starts):
                pending = submit(i + 1)
            check_cancelled()
            yield strip
            if progress is not None:
                progress((i + 1) / len(starts))


def grid_sample_index(height: int, width: int, budget: int):
    """Return (stride, offset) of a regular pixel grid holding at most ``budget`` pixels.

    The sample depends only on pixel positions, so it does not change with the strip size.
    """
    stride = max(1, math.ceil(math.sqrt(height * width / float(budget))))
    return stride, stride // 2


def check_writable(path, label: str) -> str:
    """Return ``path`` as a string after checking a file can be created there."""
    if path is None or os.fspath(path) == "":
        _fail(f"{label}: no output path given; choose where to save it")
    path = os.fspath(path)
    parent = os.path.dirname(os.path.abspath(path)) or "."
    if os.path.exists(parent) and not os.path.isdir(parent):
        _fail(f"{label}: '{parent}' is a file, not a folder, so nothing can be written under it; "
              "choose a folder")
    if not os.path.isdir(parent):
        _fail(f"{label}: folder '{parent}' does not exist; choose an existing folder")
    if not os.access(parent, os.W_OK):
        _fail(f"{label}: folder '{parent}' is not writable; choose a folder you can write to")
    if os.path.isdir(path):
        _fail(f"{label}: '{path}' is a folder; give a file name ending in .tif")
    return path


class OutputRaster:
    """A GeoTIFF written strip by strip to a temporary file beside ``path`` (see commit_outputs)."""

    def __init__(self, path: str, grid: Grid, bands: int, dtype: int, nodata: float,
                 descriptions: Sequence[str], label: str):
        self.path = path
        self.label = label
        base = os.path.basename(path)
        self.tmp = os.path.join(os.path.dirname(os.path.abspath(path)),
                                f".{base}.{uuid.uuid4().hex[:8]}.partial.tif")
        driver = gdal.GetDriverByName("GTiff")
        try:
            self.ds = driver.Create(self.tmp, grid.width, grid.height, bands, dtype,
                                    options=["BIGTIFF=IF_SAFER", "INTERLEAVE=BAND"])
        except RuntimeError as exc:
            self.ds = None
            err = str(exc)
        else:
            err = gdal.GetLastErrorMsg()
        if self.ds is None:
            _fail(f"{label}: cannot create '{path}' ({err}); choose another location")
        self.ds.SetGeoTransform(grid.geotransform)
        if grid.wkt:
            self.ds.SetProjection(grid.wkt)
        for i in range(bands):
            band = self.ds.GetRasterBand(i + 1)
            band.SetNoDataValue(nodata)
            if i < len(descriptions):
                band.SetDescription(descriptions[i])

    def write(self, row0: int, data: np.ndarray):
        """Write ``data`` (bands x rows x cols or rows x cols) at ``row0`` and flush it to disk.

        Flushing each strip keeps GDAL's block cache from holding the whole output in memory.
        """
        if data.ndim == 2:
            self.ds.GetRasterBand(1).WriteArray(data, 0, row0)
        else:
            for i in range(data.shape[0]):
                self.ds.GetRasterBand(i + 1).WriteArray(data[i], 0, row0)
        self.ds.FlushCache()

    def finish(self, metadata: Optional[dict] = None):
        """Write ``metadata`` and close the temporary file; it is then ready to be moved into place."""
        if self.ds is None:
            return
        if metadata:
            self.ds.SetMetadata({k: str(v) for k, v in metadata.items()})
        self.ds.FlushCache()
        self.ds = None

    def abort(self):
        self.ds = None
        for p in (self.tmp, self.tmp + ".aux.xml"):
            try:
                os.remove(p)
            except OSError:
                pass


def _aside(path: str) -> str:
    """Return a free hidden name beside ``path`` for keeping the file that was there."""
    folder, base = os.path.split(os.path.abspath(path))
    return os.path.join(folder, f".{base}.{uuid.uuid4().hex[:8]}.previous")


class CommittedOutputs:
    """Outputs moved into place, with the files they replaced kept aside until ``release``."""

    def __init__(self):
        self.moved = []  # (final path, temporary path it came from)
        self.kept = []   # (original path, where it was put aside)

    def release(self):
        """Delete the files put aside: the new outputs are final."""
        for _path, aside in self.kept:
            try:
                os.remove(aside)
            except OSError:
                pass
        self.kept = []

    def rollback(self):
        """Remove the new outputs and put every replaced file back where it was."""
        failed = []
        for path, _tmp in reversed(self.moved):
            try:
                os.remove(path)
            except OSError:
                pass
        for path, aside in reversed(self.kept):
            try:
                os.replace(aside, path)
            except OSError as exc:
                failed.append(f"'{path}' (kept as '{aside}': {exc})")
        self.moved, self.kept = [], []
        if failed:
            _fail("could not put back the previous output file(s) " + ", ".join(failed)
                  + "; rename them back by hand")


def commit_outputs(outputs: Sequence[OutputRaster], metadata: Optional[dict] = None) -> CommittedOutputs:
    """Move every finished output into place, or none of them.

    Each output (and any .aux.xml sidecar of the file it replaces, which would describe the old
    file) is first put aside under a hidden name, then the new file is renamed in: a rename in
    the same folder is atomic. If any step fails, the new files are removed and the previous
    ones put back, and the error names the output. The caller releases (deletes) the set-aside
    files when the run is final.
    """
    for out in outputs:
        out.finish(metadata)
    done = CommittedOutputs()
    current = None
    try:
        for out in outputs:
            current = out
            for target in (out.path, out.path + ".aux.xml"):
                if os.path.lexists(target):
                    aside = _aside(target)
                    os.replace(target, aside)
                    done.kept.append((target, aside))
            os.replace(out.tmp, out.path)
            done.moved.append((out.path, out.tmp))
            if os.path.exists(out.tmp + ".aux.xml"):
                os.replace(out.tmp + ".aux.xml", out.path + ".aux.xml")
                done.moved.append((out.path + ".aux.xml", out.tmp + ".aux.xml"))
    except OSError as exc:
        for out in outputs:
            out.abort()
        done.rollback()
        _fail(f"{current.label}: could not move the finished file into place at '{current.path}' ({exc}); "
              "no output was changed: the files that were there are back")
    return done
