"""Synthetic before/after pairs with known change, for the change-detection tests (not a test module).

The scene is a smooth random "land cover" (a few blurred random fields mixed into 4 bands) plus
independent sensor noise per date. AFTER = per-band gain * scene + per-band offset (radiometric
drift that is not change), except inside elliptical patches where the land cover really changed.
Everything is seeded, so files are identical on every run. make_realistic_pair adds what MAD's
null model leaves out (misregistration, non-linear radiometry, season, clouds) for the evaluation.
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


# Bands of the realistic pairs are blue, green, red, near infrared (Sentinel-2 B2, B3, B4, B8 like).
SEASON = np.array([-40.0, 60.0, -150.0, 700.0])  # full-vegetation phenology change, DN per band
CLOUD_DN = 5200.0  # a cloud top: bright and spectrally flat (about equal in every band)


def _shift_bilinear(image, dy, dx):
    """Return ``image`` (..., h, w) resampled at (y + dy, x + dx) by bilinear interpolation, edges clamped."""
    h, w = image.shape[-2:]
    y = np.clip(np.arange(h) + dy, 0, h - 1)
    x = np.clip(np.arange(w) + dx, 0, w - 1)
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
    fy, fx = (y - y0)[:, None], (x - x0)[None, :]
    top = image[..., y0, :][..., x0] * (1 - fx) + image[..., y0, :][..., x1] * fx
    bottom = image[..., y1, :][..., x0] * (1 - fx) + image[..., y1, :][..., x1] * fx
    return top * (1 - fy) + bottom * fy


def make_realistic_pair(size=(300, 400), seed=7, n_patches=8, n_clouds=3):
    """Return (before, after, truth, scored) for the threshold evaluation: the nuisances MAD does not model.

    MAD's own null model is "AFTER is a linear function of BEFORE plus Gaussian noise" (make_pair's
    gain/offset drift is exactly that). Real pairs break it; each departure here is not change:
      * misregistration: AFTER sees the ground shifted by (dy, dx), each uniform in [-0.5, 0.5] px
        (bilinear resampling, which also smooths AFTER a little, as a real resampling does);
      * non-linear radiometry: per band a gamma curve, exponent uniform in [0.8, 1.25], then the
        gain/offset drift (sensor response, atmosphere and sun differ non-linearly);
      * seasonal vegetation: a vegetation fraction (partly tied to the land cover, partly its own
        field) changes the spectrum by SEASON times that fraction (leaf-on/leaf-off);
      * clouds, in AFTER only: smooth blobs, bright and spectrally flat (CLOUD_DN in every band),
        with semi-transparent edges.
    ``truth`` is the land-cover change (the elliptical patches, on BEFORE's grid). ``scored`` is False
    where any cloud (even a thin edge) covers AFTER: the ground is not seen there, so those pixels
    are neither change nor no-change and are left out of the score (a user would set them to nodata).
    They do stay in the scenes, so they do weigh on each method's statistics and thresholds.
    """
    rng = np.random.default_rng(seed)
    h, w = size
    bands = 4
    fields = np.stack([_smooth_field(rng, size, s) for s in (3.0, 8.0, 20.0)])
    mix = rng.uniform(-1, 1, size=(bands, 3))
    scene = 1500.0 + 250.0 * np.einsum("bk,khw->bhw", mix, fields)
    veg = np.clip(0.5 + 0.25 * fields[2] + 0.25 * _smooth_field(rng, size, 10.0), 0.0, 1.0)
    truth = np.zeros(size, dtype=bool)
    yy, xx = np.mgrid[0:h, 0:w]
    for _ in range(n_patches):
        cy, cx = rng.uniform(0.1, 0.9) * h, rng.uniform(0.1, 0.9) * w
        ry, rx = rng.uniform(6, 16), rng.uniform(6, 16)
        truth |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0
    new_cover = 1500.0 + np.array([450.0, -350.0, 500.0, -250.0])[:, None, None] + 120.0 * fields[:1]
    ground_after = np.where(truth[None], new_cover, scene + SEASON[:, None, None] * veg[None])
    dy, dx = rng.uniform(-0.5, 0.5, size=2)
    ground_after = _shift_bilinear(ground_after, dy, dx)
    gamma = rng.uniform(0.8, 1.25, size=bands)[:, None, None]
    radiance = 3000.0 * (np.clip(ground_after, 1.0, None) / 3000.0) ** gamma
    after = GAIN[:, None, None] * radiance + OFFSET[:, None, None] + NOISE * rng.standard_normal(scene.shape)
    before = scene + NOISE * rng.standard_normal(scene.shape)
    opacity = np.zeros(size)
    for _ in range(n_clouds):
        opacity = np.maximum(opacity, np.clip(_cloud_blob(rng, size, yy, xx), 0.0, 1.0))
    after = (1 - opacity) * after + opacity * (CLOUD_DN + 30.0 * rng.standard_normal(scene.shape))
    scored = opacity <= 0.0
    return (np.clip(np.rint(before), 0, 65535).astype(np.uint16),
            np.clip(np.rint(after), 0, 65535).astype(np.uint16), truth, scored)


def _cloud_blob(rng, size, yy, xx):
    """Return a cloud's opacity-to-be: > 1 in its core, falling through 0 over a ragged edge."""
    h, w = size
    cy, cx = rng.uniform(0.0, 1.0) * h, rng.uniform(0.0, 1.0) * w
    radius = rng.uniform(12, 30)
    r = np.hypot(yy - cy, xx - cx) / radius
    return 3.0 * (1.0 - r) + 0.6 * _smooth_field(rng, size, 4.0)


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


def f1_score(mask, truth, scored=None):
    """Return F1 of ``mask == 1`` against ``truth`` over pixels where the mask is not nodata (255).

    ``scored`` (bool array) further limits the score to those pixels (e.g. cloud-free ones).
    """
    valid = mask != 255
    if scored is not None:
        valid &= scored
    pred = (mask == 1) & valid
    tp = np.count_nonzero(pred & truth)
    fp = np.count_nonzero(pred & ~truth)
    fn = np.count_nonzero(~pred & truth & valid)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
