"""Synthetic Sentinel-2-like before/after scenes of the Rajin port area, for demos and tests.

No real imagery of Rason is available offline, so ``make demo`` draws its own: sea and land come
from the SEZ boundary (which follows the coast coarsely), the land is hills, town and a paved port
apron with two piers, and a container yard on the apron fills up between the two scenes. The
"after" scene also has a different illumination (a per-band gain and offset, which MAD/iMAD are
invariant to), independent sensor noise, and a different ship at berth. Everything is seeded, so
two runs write byte-identical files. Every file says SYNTHETIC in its name and its metadata.

Reflectances (x 10000) are typical Sentinel-2 L2A values for each cover type, picked by eye from
published spectral signatures; they are plausible, not measured.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import numpy as np
from osgeo import gdal, ogr, osr

# No gdal/ogr/osr.UseExceptions() here: it is process-wide and the choice of whoever runs us (QGIS
# for the plugin). Every GDAL call that can fail goes through _gdal, which works in both modes.

GENERATOR = "rason_plugin.core.synthetic (scripts/make_synthetic_demo_data.py)"
LICENCE = "CC0-1.0 (synthetic data, no rights reserved)"

# NGA World Port Index no. 60510, Najin (Rajin): 42.233333 N, 130.3 E (1 arc-minute precision).
RAJIN_WPI_LONLAT = (130.3, 42.233333)
UTM_EPSG = 32652  # WGS 84 / UTM zone 52N
PIXEL_M = 10.0
SIZE_PX = 300  # 3 km x 3 km
BANDS = ("B2", "B3", "B4", "B8")
BAND_LABELS = {
    "B2": "B2 blue 490 nm (synthetic)",
    "B3": "B3 green 560 nm (synthetic)",
    "B4": "B4 red 665 nm (synthetic)",
    "B8": "B8 near infrared 842 nm (synthetic)",
}
BEFORE_DATE = "2023-06-01"
AFTER_DATE = "2023-10-15"
BEFORE_NAME = f"synthetic_rajin_before_{BEFORE_DATE}.tif"
AFTER_NAME = f"synthetic_rajin_after_{AFTER_DATE}.tif"
TRUTH_NAME = "synthetic_rajin_change_truth.tif"
NODATA = 0

# Grid: 300 x 300 pixels of 10 m, snapped to whole 10 m, centred near the WPI point.
ORIGIN_X = 605760.0  # west edge, metres (UTM 52N)
ORIGIN_Y = 4678010.0  # north edge

# Container yard on the apron north of the bay (UTM 52N metres: x0, y0, x1, y1).
# Its centre is at about 130.3003 E, 42.2427 N.
YARD_BOX = (607150.0, 4677350.0, 607450.0, 4677550.0)
# Piers reaching south from the shore into the bay (x0, y0, x1, y1).
PIER_BOXES = ((606960.0, 4676960.0, 607010.0, 4677260.0), (607560.0, 4676900.0, 607610.0, 4677180.0))
# A ship moored beside pier 1 in the before scene, beside pier 2 in the after scene.
SHIP_BEFORE_BOX = (607020.0, 4677000.0, 607040.0, 4677160.0)
SHIP_AFTER_BOX = (607620.0, 4676930.0, 607640.0, 4677110.0)

# Typical reflectance x 10000 for (B2, B3, B4, B8).
SEA = (700.0, 600.0, 350.0, 120.0)
VEGETATION = (300.0, 600.0, 350.0, 3200.0)
TOWN = (900.0, 950.0, 1000.0, 1700.0)
CONCRETE = (1300.0, 1400.0, 1500.0, 1900.0)
SHIP_DECK = (1250.0, 1200.0, 1300.0, 1450.0)
CONTAINER_COLOURS = (
    (3500.0, 3600.0, 3700.0, 3800.0),  # white
    (900.0, 800.0, 2600.0, 3000.0),  # red
    (2200.0, 1400.0, 900.0, 2000.0),  # blue
    (900.0, 1700.0, 1000.0, 2200.0),  # green
    (900.0, 1600.0, 2900.0, 3200.0),  # orange
)
# Illumination of the after scene relative to the before scene, per band (gain, offset).
AFTER_GAIN = (1.08, 1.05, 1.03, 0.94)
AFTER_OFFSET = (120.0, 90.0, 60.0, -40.0)
NOISE_SIGMA = 30.0

ProgressFn = Optional[Callable[[float], None]]
CancelFn = Optional[Callable[[], bool]]


class GenerationCancelledError(RuntimeError):
    """Raised when ``is_cancelled()`` returns True; no output is left behind."""


class SyntheticDataError(RuntimeError):
    """GDAL could not read the boundary or write a scene; the message names the file and the fix."""


def _gdal(what: str, call, *args, **kwargs):
    """Return ``call(*args, **kwargs)``; raise SyntheticDataError starting with ``what`` if GDAL failed.

    Failure is an exception (GDAL exceptions on), None, or a non-zero CPLErr/OGRErr code (off).
    """
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    gdal.ErrorReset()
    try:
        result = call(*args, **kwargs)
        message = gdal.GetLastErrorMsg()
    except RuntimeError as exc:
        result, message = None, str(exc)
    finally:
        gdal.PopErrorHandler()
    failed = result is None or (type(result) is int and result != 0)
    if failed:
        raise SyntheticDataError(f"{what} ({message or 'GDAL gave no reason'})")
    return result


@dataclass
class SyntheticScenes:
    """Paths of the written scenes and what was drawn, for tests and summaries."""

    before: Path
    after: Path
    truth: Path
    n_land: int = 0
    n_sea: int = 0
    n_changed: int = 0
    yard_slots_before: int = 0
    yard_slots_after: int = 0


def default_boundary_path() -> Path:
    """Return the SEZ boundary GeoJSON shipped with the plugin (geoBoundaries / OpenStreetMap, ODbL)."""
    candidate = (Path(__file__).resolve().parent.parent / "rason_plugin" / "data" / "sources"
                 / "rason_boundary.geojson")
    if not candidate.is_file():
        raise FileNotFoundError(f"{candidate} is missing; use the whole repository or pass boundary_path")
    return candidate


def geotransform() -> tuple:
    """Return the GDAL geotransform of the synthetic grid."""
    return (ORIGIN_X, PIXEL_M, 0.0, ORIGIN_Y, 0.0, -PIXEL_M)


def box_to_pixels(box: tuple) -> tuple:
    """Return (row0, row1, col0, col1) slices bounds of a UTM box (x0, y0, x1, y1) on the grid."""
    x0, y0, x1, y1 = box
    col0 = int(round((x0 - ORIGIN_X) / PIXEL_M))
    col1 = int(round((x1 - ORIGIN_X) / PIXEL_M))
    row0 = int(round((ORIGIN_Y - y1) / PIXEL_M))
    row1 = int(round((ORIGIN_Y - y0) / PIXEL_M))
    return row0, row1, col0, col1


def utm_srs() -> osr.SpatialReference:
    srs = osr.SpatialReference()
    _gdal(f"EPSG:{UTM_EPSG} is unknown to this PROJ; check the PROJ database of the GDAL install",
          srs.ImportFromEPSG, UTM_EPSG)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def land_mask(boundary_path: Path) -> np.ndarray:
    """Return a boolean grid, True where the SEZ boundary polygon (land) covers a pixel centre."""
    fix = "pass a GeoJSON or GeoPackage with the SEZ boundary polygon"
    src = _gdal(f"SEZ boundary {boundary_path} cannot be opened as a vector file; {fix}",
                ogr.Open, str(boundary_path))
    layer = _gdal(f"SEZ boundary {boundary_path} has no layer; {fix}", src.GetLayer, 0)
    mem = _memory_raster(gdal.GDT_Byte)
    mem.SetGeoTransform(geotransform())
    mem.SetProjection(utm_srs().ExportToWkt())
    # GDAL reprojects the layer (EPSG:4326) to the raster's CRS while burning.
    _gdal(f"SEZ boundary {boundary_path} could not be drawn on the grid; {fix}",
          gdal.RasterizeLayer, mem, [1], layer, burn_values=[1])
    mask = mem.GetRasterBand(1).ReadAsArray().astype(bool)
    src = None
    return mask


def _memory_raster(data_type) -> gdal.Dataset:
    """Return a one-band in-memory raster of the synthetic grid's size."""
    return _gdal("an in-memory raster could not be made (out of memory?)",
                 gdal.GetDriverByName("MEM").Create, "", SIZE_PX, SIZE_PX, 1, data_type)


def _distance_to(mask: np.ndarray) -> np.ndarray:
    """Return the distance in pixels from each pixel to the nearest True pixel of ``mask``."""
    mem = _memory_raster(gdal.GDT_Byte)
    _gdal("the land/sea mask could not be written in memory", mem.GetRasterBand(1).WriteArray,
          mask.astype(np.uint8))
    out = _memory_raster(gdal.GDT_Float32)
    _gdal("the distance to the shore could not be computed", gdal.ComputeProximity,
          mem.GetRasterBand(1), out.GetRasterBand(1), ["VALUES=1", "DISTUNITS=PIXEL"])
    return out.GetRasterBand(1).ReadAsArray()


def _smooth_noise(rng: np.random.Generator, cell: int) -> np.ndarray:
    """Return value noise in [-1, 1]: a random coarse grid of ``cell``-pixel cells, bilinearly upsampled."""
    n = SIZE_PX // cell + 2
    coarse = rng.uniform(-1.0, 1.0, size=(n, n))
    pos = (np.arange(SIZE_PX) + 0.5) / cell
    i0 = np.floor(pos).astype(int)
    t = pos - i0
    rows = coarse[i0, :] * (1 - t)[:, None] + coarse[i0 + 1, :] * t[:, None]
    return rows[:, i0] * (1 - t)[None, :] + rows[:, i0 + 1] * t[None, :]


def _paint(image: np.ndarray, where: np.ndarray, colour: tuple) -> None:
    for b, value in enumerate(colour):
        image[b][where] = value


def _yard_slots() -> list:
    """Return the container stack slots of the yard as (row0, row1, col0, col1), 10 rows x 6 stacks."""
    r0, _, c0, _ = box_to_pixels(YARD_BOX)
    slots = []
    for row in range(1, 20, 2):  # one-pixel stacks with one-pixel driving lanes between them
        for col in range(1, 30, 5):  # four pixels (about three 40 ft containers) per stack
            slots.append((r0 + row, r0 + row + 1, c0 + col, c0 + col + 4))
    return slots


def draw_scenes(boundary_path: Path, seed: int = 20231015) -> dict:
    """Return the before/after reflectance cubes (float, bands first), the truth mask and counts."""
    rng = np.random.default_rng(seed)
    land = land_mask(boundary_path)
    sea = ~land
    shore_distance = _distance_to(sea)  # pixels from the nearest sea pixel (0 at sea)

    base = np.zeros((len(BANDS), SIZE_PX, SIZE_PX), dtype=np.float64)
    _paint(base, sea, SEA)
    # Turbid water near the shore: brighter in the visible, still dark in NIR.
    sea_distance = _distance_to(land)
    turbid = np.clip(1.0 - sea_distance / 40.0, 0.0, 1.0) * (0.6 + 0.4 * _smooth_noise(rng, 25))
    for b, extra in enumerate((250.0, 300.0, 200.0, 60.0)):
        base[b][sea] += (turbid * extra)[sea]

    # Land: hills of vegetation, the edge of Rajin town in the north-west, the apron along the bay.
    hills = _smooth_noise(rng, 30) * 0.6 + _smooth_noise(rng, 8) * 0.4
    rows, cols = np.mgrid[0:SIZE_PX, 0:SIZE_PX]
    town_bias = 1.0 - np.hypot(rows, cols) / 200.0  # strongest in the north-west corner
    town = land & (town_bias + 0.3 * _smooth_noise(rng, 12) > 0.45)
    vegetation = land & ~town
    _paint(base, vegetation, VEGETATION)
    for b, amp in enumerate((60.0, 120.0, 80.0, 700.0)):
        base[b][vegetation] += (hills * amp)[vegetation]
    _paint(base, town, TOWN)
    block_texture = rng.uniform(-1.0, 1.0, size=(SIZE_PX // 3 + 1, SIZE_PX // 3 + 1))
    block_texture = np.kron(block_texture, np.ones((3, 3)))[:SIZE_PX, :SIZE_PX]
    for b, amp in enumerate((150.0, 150.0, 150.0, 200.0)):
        base[b][town] += (block_texture * amp)[town]

    apron = land & (shore_distance <= 25) & (cols >= 95) & (cols <= 215) & (rows >= 40)
    yard_r0, yard_r1, yard_c0, yard_c1 = box_to_pixels(YARD_BOX)
    apron[yard_r0:yard_r1, yard_c0:yard_c1] = True
    for pier in PIER_BOXES:
        r0, r1, c0, c1 = box_to_pixels(pier)
        apron[r0:r1, c0:c1] = True
    _paint(base, apron, CONCRETE)
    # A road from the apron up to the town, two pixels wide.
    road = land & (np.abs(cols - 150 + rows * 0.6) <= 1.0) & (rows < yard_r0)
    _paint(base, road, CONCRETE)

    # Static pixel texture (surfaces are not uniform), identical in both scenes.
    for b in range(len(BANDS)):
        base[b] += rng.normal(0.0, 40.0, size=(SIZE_PX, SIZE_PX)) * np.where(sea, 0.3, 1.0)

    before = base.copy()
    after = base.copy()
    slots = _yard_slots()
    order = rng.permutation(len(slots))
    n_before, n_after = 10, 48
    colours = rng.integers(0, len(CONTAINER_COLOURS), size=len(slots))
    for rank, index in enumerate(order[:n_after]):
        r0, r1, c0, c1 = slots[index]
        colour = np.asarray(CONTAINER_COLOURS[colours[index]])[:, None, None]
        texture = rng.normal(1.0, 0.04, size=(1, r1 - r0, c1 - c0))
        after[:, r0:r1, c0:c1] = colour * texture
        if rank < n_before:  # these stacks were already there in June
            before[:, r0:r1, c0:c1] = colour * texture

    for cube, ship in ((before, SHIP_BEFORE_BOX), (after, SHIP_AFTER_BOX)):
        r0, r1, c0, c1 = box_to_pixels(ship)
        cube[:, r0:r1, c0:c1] = np.asarray(SHIP_DECK)[:, None, None]
        cube[:, r0 + 2:r1 - 2, c0:c1] += np.asarray((600.0, 600.0, 600.0, 500.0))[:, None, None]

    truth = np.any(np.abs(after - before) > 1.0, axis=0)
    # Illumination drift and independent sensor noise per scene.
    gain = np.asarray(AFTER_GAIN)[:, None, None]
    offset = np.asarray(AFTER_OFFSET)[:, None, None]
    after = after * gain + offset
    before = before + rng.normal(0.0, NOISE_SIGMA, size=before.shape)
    after = after + rng.normal(0.0, NOISE_SIGMA, size=after.shape)
    return {
        "before": before, "after": after, "truth": truth, "land": land,
        "n_before": n_before, "n_after": n_after,
    }


def _to_uint16(cube: np.ndarray) -> np.ndarray:
    # 0 is nodata, so valid reflectances start at 1.
    return np.clip(np.rint(cube), 1, 10000).astype(np.uint16)


def _write_tif(path: Path, array: np.ndarray, metadata: dict, band_names, data_type, nodata) -> None:
    tmp = path.with_name(path.name + ".part")
    driver = gdal.GetDriverByName("GTiff")
    bands = array.shape[0]
    cannot = f"{path} cannot be written; check that its folder exists, is writable and has free space"
    ds = _gdal(cannot, driver.Create, str(tmp), SIZE_PX, SIZE_PX, bands, data_type,
               options=["COMPRESS=DEFLATE", "PREDICTOR=2", "INTERLEAVE=PIXEL"])
    try:
        _gdal(cannot, ds.SetGeoTransform, geotransform())
        _gdal(cannot, ds.SetProjection, utm_srs().ExportToWkt())
        _gdal(cannot, ds.SetMetadata, metadata)
        for index in range(bands):
            band = ds.GetRasterBand(index + 1)
            _gdal(cannot, band.WriteArray, array[index])
            band.SetDescription(band_names[index])
            if nodata is not None:
                _gdal(cannot, band.SetNoDataValue, nodata)
        ds.FlushCache()
        # Closing writes the last blocks; its errors surface only as the last error message.
        gdal.ErrorReset()
        ds = None
        if gdal.GetLastErrorType() >= gdal.CE_Failure:
            raise SyntheticDataError(f"{cannot} ({gdal.GetLastErrorMsg()})")
    except BaseException:
        ds = None
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)


def scene_metadata(date: str, role: str) -> dict:
    """Return the GDAL metadata items stamped on a synthetic scene."""
    return {
        "TIFFTAG_IMAGEDESCRIPTION": f"SYNTHETIC Sentinel-2-like {role} scene of Rajin port, {date}",
        "SYNTHETIC": "YES",
        "SOURCE": "SYNTHETIC: generated, not observed; no real imagery of Rason was used",
        "LICENCE": LICENCE,
        "GENERATOR": GENERATOR,
        "ACQUISITION_DATE": date,
        "BANDS": ",".join(BANDS),
        "SCALE": "reflectance x 10000",
    }


def write_scene_pair(out_dir, boundary_path=None, seed: int = 20231015,
                     progress: ProgressFn = None, is_cancelled: CancelFn = None) -> SyntheticScenes:
    """Write the before/after scenes and the true change mask into ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    boundary_path = Path(boundary_path) if boundary_path else default_boundary_path()

    def step(fraction):
        if is_cancelled is not None and is_cancelled():
            raise GenerationCancelledError("synthetic scene generation cancelled")
        if progress is not None:
            progress(fraction)

    step(0.0)
    drawn = draw_scenes(boundary_path, seed)
    result = SyntheticScenes(before=out_dir / BEFORE_NAME, after=out_dir / AFTER_NAME,
                             truth=out_dir / TRUTH_NAME)
    written = []
    try:
        step(0.5)
        names = [BAND_LABELS[b] for b in BANDS]
        _write_tif(result.before, _to_uint16(drawn["before"]), scene_metadata(BEFORE_DATE, "before"),
                   names, gdal.GDT_UInt16, NODATA)
        written.append(result.before)
        step(0.7)
        _write_tif(result.after, _to_uint16(drawn["after"]), scene_metadata(AFTER_DATE, "after"),
                   names, gdal.GDT_UInt16, NODATA)
        written.append(result.after)
        step(0.9)
        truth_meta = dict(scene_metadata(f"{BEFORE_DATE}/{AFTER_DATE}", "true change mask"))
        truth_meta["TIFFTAG_IMAGEDESCRIPTION"] = (
            "SYNTHETIC true change mask (1 = changed) between the synthetic Rajin scenes")
        del truth_meta["BANDS"], truth_meta["SCALE"]
        _write_tif(result.truth, drawn["truth"][None].astype(np.uint8), truth_meta,
                   ["true change (synthetic)"], gdal.GDT_Byte, None)
        written.append(result.truth)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    step(1.0)
    result.n_land = int(drawn["land"].sum())
    result.n_sea = int((~drawn["land"]).sum())
    result.n_changed = int(drawn["truth"].sum())
    result.yard_slots_before = drawn["n_before"]
    result.yard_slots_after = drawn["n_after"]
    return result
