"""Run the sequential omnibus test over a series of radar scenes, strip by strip, into uint8 GeoTIFFs.

Memory is bounded by the strip: the rows per strip shrink as the number of dates grows, so the
working set stays about ``MEMORY_BUDGET`` whatever the series length. Outputs are written beside
their targets and moved into place together at the end (all or none).
"""
from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

from ..raster_blocks import (
    ChangeDetectionError,
    OutputRaster,
    check_writable,
    commit_outputs,
    row_pixel_areas,
)
from .omnibus import SequenceResult, sequential_changes
from .series_io import (
    SarSeriesCancelled,
    SarSeriesError,
    estimate_series_enl,
    has_data,
    open_series,
    read_scene,
    to_intensity,
)

NODATA = 255
PVALUE_NODATA = -1.0
MEMORY_BUDGET = 384 * 1024 * 1024  # bytes of strip arrays; see bench/bench_sar.py
# per pixel, per date and band: the float32 stack plus the float64 prefix sums
_BYTES_PER_SAMPLE = 4 + 8


@dataclass
class SeriesResult:
    dates: list  # datetimes of the dates used, in order
    skipped: List[str]  # labels of the all-nodata scenes left out
    enl: float
    enl_estimated: bool
    notes: List[str]
    outputs: dict  # key -> path
    interval_labels: List[str]
    n_valid: int = 0
    committed: object = None
    zone_rows: list = field(default_factory=list)


def strip_height(k: int, p: int, width: int, median: bool) -> int:
    per_row = width * ((k + 1) * p * _BYTES_PER_SAMPLE + (9 * 8 + 8) * (2 if median else 1) + 64)
    return max(1, int(MEMORY_BUDGET // per_row))


def interval_labels(dates) -> List[str]:
    pairs = zip(dates, dates[1:])
    return [f"interval {i + 1}: {a:%Y-%m-%d} to {b:%Y-%m-%d}" for i, (a, b) in enumerate(pairs)]


def _check(is_cancelled):
    if is_cancelled is not None and is_cancelled():
        raise SarSeriesCancelled("cancelled")


def _prepare(paths, dates_text, bands, units, enl, alpha, is_cancelled, info):
    if not 0.0 < alpha < 1.0:
        raise SarSeriesError(f"ALPHA is {alpha}; it is a significance level, strictly between 0 and 1 "
                             "(e.g. 0.01)")
    if enl != 0 and enl < 1:
        raise SarSeriesError(f"ENL is {enl}; the equivalent number of looks is at least 1 "
                             "(4.4 for Sentinel-1 IW GRD), or 0 to estimate it from the data")
    grid, scenes, notes = open_series(paths, dates_text, bands)
    probe_rows = max(1, (1 << 20) // max(1, grid.width))
    kept, skipped = [], []
    for s in scenes:
        if has_data(s, grid, probe_rows, is_cancelled):
            kept.append(s)
        else:
            skipped.append(s.label)
            info(f"{s.label} ({s.date:%Y-%m-%d}) is nodata everywhere: skipped")
    if len(kept) < 2:
        raise SarSeriesError(f"only {len(kept)} scene(s) have valid pixels ({len(skipped)} are nodata "
                             "everywhere); the test needs at least 2 dates with data")
    estimated = False
    if enl == 0:
        enl = estimate_series_enl(kept, grid, units, probe_rows)
        if enl is None or enl < 1:
            raise SarSeriesError("ENL could not be estimated (too few valid 7x7 blocks); set ENL "
                                 "by hand, e.g. 4.4 for Sentinel-1 IW GRD")
        estimated = True
    return grid, kept, skipped, notes, enl, estimated


def run_sar_change(paths: Sequence[str], outputs: dict, *, dates_text: str = "",
                   bands: Optional[Sequence[int]] = None, units: int = 0, enl: float = 4.4,
                   alpha: float = 0.01, median: bool = False, rows: Optional[int] = None,
                   progress: Optional[Callable[[float], None]] = None,
                   is_cancelled: Optional[Callable[[], bool]] = None,
                   info: Optional[Callable[[str], None]] = None) -> SeriesResult:
    """Test every pixel's series; write ``outputs`` (first, last, frequency, intervals[, pvalues]).

    ``outputs`` maps "first", "last", "frequency", "intervals" and optionally "pvalues" to paths.
    The files are committed (moved into place) before returning; ``result.committed`` can roll
    them back if the caller fails later.
    """
    info = info or (lambda message: None)
    for key, path in outputs.items():
        check_writable(path, f"OUTPUT_{key.upper()}")
    grid, scenes, skipped, notes, enl, estimated = _prepare(paths, dates_text, bands, units, enl, alpha,
                                                           is_cancelled, info)
    k, p = len(scenes), len(scenes[0].source.bands)
    dates = [s.date for s in scenes]
    labels = interval_labels(dates)
    writers = {}
    try:
        for key in ("first", "last", "frequency"):
            writers[key] = OutputRaster(outputs[key], grid, 1, gdal.GDT_Byte, NODATA, [key],
                                        f"OUTPUT_{key.upper()}")
        writers["intervals"] = OutputRaster(outputs["intervals"], grid, k - 1, gdal.GDT_Byte, NODATA, labels,
                                            "OUTPUT_INTERVALS")
        if outputs.get("pvalues"):
            writers["pvalues"] = OutputRaster(outputs["pvalues"], grid, k - 1, gdal.GDT_Float32,
                                              PVALUE_NODATA, labels, "OUTPUT_PVALUES")
        n_valid = _stream(scenes, grid, writers, units, enl, alpha, median,
                          rows or strip_height(k, p, grid.width, median), progress, is_cancelled)
        metadata = {"ENL": f"{enl:.4g}", "ALPHA": alpha, "MEDIAN_FILTER": median,
                    "DATES": ",".join(f"{d:%Y-%m-%dT%H:%M:%S}" for d in dates),
                    "METHOD": "sequential omnibus test, Conradsen et al. 2016 (diagonal case)"}
        committed = commit_outputs(list(writers.values()), metadata)
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    return SeriesResult(dates, skipped, enl, estimated, notes, dict(outputs), labels, n_valid, committed)


def _stream(scenes, grid, writers, units, enl, alpha, median, rows, progress, is_cancelled) -> int:
    """Read, test and write every strip; return the number of valid pixels."""
    halo = 1 if median else 0
    n_valid = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for row0 in range(0, grid.height, rows):
            n_valid += _one_strip(scenes, grid, writers, units, enl, alpha, median, rows, row0, halo,
                                  is_cancelled, pool)
            if progress is not None:
                progress(min(row0 + rows, grid.height) / grid.height)
    return n_valid


def _test_strip(stack, valid, enl, alpha, median, halo, is_cancelled, pool):
    """Return the strip's SequenceResult (None if cancelled); two threads share the plain test.

    Pixels are independent in the plain test, so the two row halves run at once (numpy releases
    the GIL in its loops); the median's halo makes the whole strip one task.
    """
    n = stack.shape[2]
    if median or n < 4:
        return sequential_changes(stack, valid, enl, alpha, median=median, halo=halo,
                                  is_cancelled=is_cancelled)
    cut = n // 2
    parts = [pool.submit(sequential_changes, stack[:, :, sl], valid[sl], enl, alpha, False, (0, 0),
                         is_cancelled) for sl in (slice(0, cut), slice(cut, n))]
    a, b = (part.result() for part in parts)
    if a is None or b is None:
        return None
    return SequenceResult(*(np.concatenate([x, y], axis=-2) for x, y in
                            ((a.first, b.first), (a.last, b.last), (a.frequency, b.frequency),
                             (a.intervals, b.intervals), (a.pvalues, b.pvalues))))


def _one_strip(scenes, grid, writers, units, enl, alpha, median, rows, row0, halo, is_cancelled, pool) -> int:
    """Read, test and write the strip starting at ``row0``; return its number of valid pixels."""
    k, p = len(scenes), len(scenes[0].source.bands)
    nrows = min(rows, grid.height - row0)
    top = min(halo, row0)
    bottom = min(halo, grid.height - row0 - nrows)
    r0, n = row0 - top, nrows + top + bottom
    stack = np.empty((k, p, n, grid.width), dtype=np.float32)
    valid = np.ones((n, grid.width), dtype=bool)
    for d, s in enumerate(scenes):
        _check(is_cancelled)
        arr, ok = read_scene(s, r0, n, grid.width)
        valid &= ok
        stack[d] = to_intensity(arr, ok, units, s.label)
    stack[:, :, ~valid] = 1.0  # keeps nodata out of the logs; those pixels are masked below
    res = _test_strip(stack, valid, enl, alpha, median, (top, bottom), is_cancelled, pool)
    if res is None:
        raise SarSeriesCancelled("cancelled")
    bad = ~valid[top:top + nrows]
    for key, arr in (("first", res.first), ("last", res.last), ("frequency", res.frequency)):
        arr[bad] = NODATA
        writers[key].write(row0, arr)
    res.intervals[:, bad] = NODATA
    writers["intervals"].write(row0, res.intervals)
    if "pvalues" in writers:
        res.pvalues[:, bad] = PVALUE_NODATA
        writers["pvalues"].write(row0, res.pvalues)
    return int((~bad).sum())


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
        raise ChangeDetectionError(f"cannot open the interval raster '{intervals_path}'")
    gt, wkt = ds.GetGeoTransform(), ds.GetProjection()
    out = []
    for name, zwkt in zones:
        _check(is_cancelled)
        geom = ogr.CreateGeometryFromWkt(zwkt)
        if geom is None:
            raise SarSeriesError(f"zone '{name}' has an invalid geometry; repair it (Fix geometries)")
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
