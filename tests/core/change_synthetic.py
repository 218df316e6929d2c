"""Synthetic before/after pairs with known change, for the change-detection tests (not a test module).

The scene is a smooth random "land cover" (a few blurred random fields mixed into 4 bands) plus
independent sensor noise per date. AFTER = per-band gain * scene + per-band offset (radiometric
drift that is not change), except inside elliptical patches where the land cover really changed.
Everything is seeded, so files are identical on every run.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from osgeo import gdal, osr

GAIN = np.array([1.15, 0.90, 1.05, 1.20])
OFFSET = np.array([60.0, -90.0, 40.0, 120.0])
NOISE = 15.0
UTM52N = 32652  # Rason lies in UTM zone 52N


def _smooth_field(rng, shape, scale):
    """Return a zero-mean, unit-variance random field with features about ``scale`` pixels wide."""
    h, w = shape
    noise = rng.standard_normal(shape)
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    kernel = np.exp(-2 * (np.pi * scale) ** 2 * (fx ** 2 + fy ** 2))
    field = np.fft.irfft2(np.fft.rfft2(noise) * kernel, s=shape)
    field -= field.mean()
    return field / field.std()


def make_pair(size=(300, 400), seed=7, n_patches=8, bands=4, drift=True):
    """Return (before, after, truth) arrays: uint16 (bands, h, w) twice and the bool change truth."""
    rng = np.random.default_rng(seed)
    h, w = size
    fields = np.stack([_smooth_field(rng, size, s) for s in (3.0, 8.0, 20.0)])
    mix = rng.uniform(-1, 1, size=(bands, 3))
    scene = 1500.0 + 250.0 * np.einsum("bk,khw->bhw", mix, fields)
    truth = np.zeros(size, dtype=bool)
    yy, xx = np.mgrid[0:h, 0:w]
    for _ in range(n_patches):
        cy, cx = rng.uniform(0.1, 0.9) * h, rng.uniform(0.1, 0.9) * w
        ry, rx = rng.uniform(6, 16), rng.uniform(6, 16)
        truth |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0
    # Changed land cover: another spectral signature with its own texture.
    new_cover = 1500.0 + np.array([450.0, -350.0, 500.0, -250.0])[:bands, None, None] + 120.0 * fields[:1]
    after_scene = np.where(truth[None], new_cover, scene)
    before = scene + NOISE * rng.standard_normal(scene.shape)
    after = after_scene + NOISE * rng.standard_normal(scene.shape)
    if drift:
        after = GAIN[:bands, None, None] * after + OFFSET[:bands, None, None]
    return (np.clip(np.rint(before), 0, 65535).astype(np.uint16),
            np.clip(np.rint(after), 0, 65535).astype(np.uint16), truth)


def write_tif(path, array, origin=(500000.0, 4700000.0), pixel=10.0, epsg=UTM52N, nodata=None,
              dtype=gdal.GDT_UInt16, block=None):
    """Write ``array`` (bands, h, w) as a GeoTIFF named like ``path``; return the path as str."""
    array = np.asarray(array)
    if array.ndim == 2:
        array = array[None]
    b, h, w = array.shape
    options = []
    if block:
        options = ["TILED=YES", f"BLOCKXSIZE={block}", f"BLOCKYSIZE={block}"]
    ds = gdal.GetDriverByName("GTiff").Create(str(path), w, h, b, dtype, options=options)
    ds.SetGeoTransform((origin[0], pixel, 0.0, origin[1], 0.0, -pixel))
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        ds.SetProjection(srs.ExportToWkt())
    for i in range(b):
        band = ds.GetRasterBand(i + 1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        band.WriteArray(array[i])
    ds = None
    return str(path)


def write_pair(folder, name="synthetic", **kwargs):
    """Write a synthetic pair into ``folder``; return (before_path, after_path, truth)."""
    folder = Path(folder)
    before, after, truth = make_pair(**kwargs)
    return (write_tif(folder / f"{name}_before.tif", before),
            write_tif(folder / f"{name}_after.tif", after), truth)


def read(path, band=None):
    ds = gdal.Open(str(path))
    return ds.ReadAsArray() if band is None else ds.GetRasterBand(band).ReadAsArray()


def f1_score(mask, truth):
    """Return F1 of ``mask == 1`` against ``truth`` over pixels where the mask is not nodata (255)."""
    valid = mask != 255
    pred = (mask == 1) & valid
    tp = np.count_nonzero(pred & truth)
    fp = np.count_nonzero(pred & ~truth)
    fn = np.count_nonzero(~pred & truth & valid)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
