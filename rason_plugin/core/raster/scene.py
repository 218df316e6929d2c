"""Open any GDAL raster with its masks, and read a window of it with the mask of its valid pixels.

A pixel is valid when every mask GDAL reports for it says so: the band's nodata value, a
per-dataset mask (an internal or .msk mask, as in COGs), an alpha band; float NaN is never valid.
Alpha bands say which pixels are hidden: they are never compared as data.
"""
from __future__ import annotations

import dataclasses
import math
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np
from osgeo import gdal

from .errors import fail as _fail

# No gdal.UseExceptions() here: it is process-wide and would change GDAL's behaviour for QGIS and
# other plugins. Calls below check for None and also catch RuntimeError (exceptions on).

COMPLEX_TYPES = {gdal.GDT_CInt16, gdal.GDT_CInt32, gdal.GDT_CFloat32, gdal.GDT_CFloat64}
# A warped pixel is valid when its validity is 255 within this relative tolerance: a source pixel
# whose weight in the kernel is under a millionth does not count as drawn on.
VALIDITY_TOLERANCE = 1e-6

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


# "DRIVER:..." dataset names (NETCDF:"f.nc":var, GPKG:f.gpkg:table, SENTINEL2_L2A:...): two or
# more characters before the colon, so a Windows drive letter ("C:\\...") is still a plain path.
_DATASET_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]+:")


def quiet_open(path: str):
    """Return (dataset or None, GDAL's error text) for a raster, in either GDAL exception mode, silently."""
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
        err = gdal.GetLastErrorMsg()
    except RuntimeError as exc:
        ds, err = None, str(exc)
    finally:
        gdal.PopErrorHandler()
    return ds, err


def _is_plain_path(path: str) -> bool:
    """True when ``path`` names a file on disk (not /vsi..., a URL, or a driver's dataset name)."""
    return not (path.startswith("/vsi") or "://" in path or _DATASET_NAME.match(path))


def _is_alpha(ds, b: int) -> bool:
    return ds.GetRasterBand(b).GetColorInterpretation() == gdal.GCI_AlphaBand


def open_scene(path, role: str, bands: Optional[Sequence[int]], purpose: str = "this method") -> SceneInput:
    """Open ``path`` (any GDAL raster name) read-only and check it can take part in ``purpose``.

    With no ``bands``, every band but the alpha band(s) is used; an alpha band asked for is an error.
    """
    path = os.fspath(path) if path is not None else ""
    if not path:
        _fail(f"{role}: no raster given; choose a raster layer or file")
    if _is_plain_path(path) and not os.path.exists(path):
        _fail(f"{role} raster '{path}' does not exist; check the path or choose another file")
    ds, err = quiet_open(path)
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
            _fail(f"{role} band {b} has data type {gdal.GetDataTypeName(dtype)}; {purpose} needs "
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
        _fail(f"{role} '{path}' is {ds.RasterXSize}x{ds.RasterYSize} pixels; {purpose} needs a "
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


def is_vrt(scene: SceneInput) -> bool:
    driver = scene.dataset.GetDriver()
    return driver is not None and driver.ShortName == "VRT"


def reopen_scene(scene: SceneInput) -> Optional[SceneInput]:
    """Return ``scene`` on a GDAL handle of its own (for another thread), or None if it cannot be
    reopened: a warped input lives in an in-memory VRT, and a .vrt file's sources come from a
    pool GDAL shares between its handles, so a second handle would not be independent."""
    if scene.keep or is_vrt(scene):
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


