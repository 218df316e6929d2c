"""Run the sequential omnibus test over a series of radar scenes, on the raster engine.

The engine (core.raster) opens the scenes and puts them on INPUT 1's grid, streams strips of
every date with reader threads (with a one-row halo for the median filter, so results never
depend on the strip size) and writes the uint8 GeoTIFFs as a set, all or none. This module turns
each strip into linear intensities, runs the test (omnibus.py) and hands the results to the
engine's writer thread. Memory is bounded by the strip: its rows shrink as the number of dates
grows (strip_height), so the working set stays about MEMORY_BUDGET whatever the series length.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

import numpy as np
from osgeo import gdal

from ..raster import OutputSet, RasterCancelled, RasterError, check_writable, stream_strips
from ..raster.stream import RING
from .inputs import CANCELLED, estimate_series_enl, has_data, open_series, to_intensity
from .omnibus import SequenceResult, sequential_changes
from .zones import NODATA

PVALUE_NODATA = -1.0
MEMORY_BUDGET = 384 * 1024 * 1024  # bytes of strip arrays; see bench/bench_sar.py


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
    committed: object = None  # CommittedOutputs: ``release`` when final, ``rollback`` to undo


@dataclass
class _Settings:
    units: int
    enl: float
    alpha: float
    median: bool


def strip_height(k: int, p: int, width: int, median: bool, itemsize: int = 4) -> int:
    """Return the rows per strip that keep a strip's arrays within MEMORY_BUDGET.

    Per pixel and date: the stream's RING buffers of every band (``itemsize`` bytes a value), a
    float32 copy unless the input is float32, and the results (an interval byte and a float32
    p-value) of the strip being tested and of the one being written. Per pixel: the test's
    working arrays (a few float32 per band); with the median, its float64 prefix sums of every
    date and the nine neighbours' p-values.
    """
    per_date = p * (RING * itemsize + (0 if itemsize == 4 else 4)) + 2 * (1 + 4)
    per_pixel = k * per_date + 16 * p * 4 + 64
    if median:
        per_pixel += (k + 1) * p * 8 + 9 * 9 + (6 * p + 10) * 8
    return max(1, int(MEMORY_BUDGET // (max(1, width) * per_pixel)))


def interval_labels(dates) -> List[str]:
    pairs = zip(dates, dates[1:])
    return [f"interval {i + 1}: {a:%Y-%m-%d} to {b:%Y-%m-%d}" for i, (a, b) in enumerate(pairs)]


def _prepare(paths, dates_text, bands, units, enl, alpha, is_cancelled, info):
    if not 0.0 < alpha < 1.0:
        raise RasterError(f"ALPHA is {alpha}; it is a significance level, strictly between 0 and 1 "
                          "(e.g. 0.01)")
    if enl != 0 and enl < 1:
        raise RasterError(f"ENL is {enl}; the equivalent number of looks is at least 1 "
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
        raise RasterError(f"only {len(kept)} scene(s) have valid pixels ({len(skipped)} are nodata "
                          "everywhere); the test needs at least 2 dates with data")
    estimated = False
    if enl == 0:
        enl = estimate_series_enl(kept, grid, units, probe_rows)
        if enl is None or enl < 1:
            raise RasterError("ENL could not be estimated (too few valid 7x7 blocks); set ENL "
                              "by hand, e.g. 4.4 for Sentinel-1 IW GRD")
        estimated = True
    return grid, kept, skipped, notes, enl, estimated


def _itemsize(scenes) -> int:
    return max(gdal.GetDataTypeSize(s.source.dataset.GetRasterBand(b).DataType) // 8
               for s in scenes for b in s.source.bands)


def run_sar_change(paths: Sequence[str], outputs: dict, *, dates_text: str = "",
                   bands: Optional[Sequence[int]] = None, units: int = 0, enl: float = 4.4,
                   alpha: float = 0.01, median: bool = False, rows: Optional[int] = None,
                   progress: Optional[Callable[[float], None]] = None,
                   is_cancelled: Optional[Callable[[], bool]] = None,
                   info: Optional[Callable[[str], None]] = None) -> SeriesResult:
    """Test every pixel's series; write ``outputs`` (first, last, frequency, intervals[, pvalues]).

    ``outputs`` maps "first", "last", "frequency", "intervals" and optionally "pvalues" to paths.
    The files are committed (moved into place) before returning; ``result.committed`` can roll
    them back if the caller fails later. Raises RasterError (RasterCancelled on cancel); then no
    output is left and the user's files are as they were.
    """
    info = info or (lambda message: None)
    outputs = {key: path for key, path in outputs.items() if path}
    for key, path in outputs.items():
        check_writable(path, f"OUTPUT_{key.upper()}")
    grid, scenes, skipped, notes, enl, estimated = _prepare(paths, dates_text, bands, units, enl, alpha,
                                                           is_cancelled, info)
    k, p = len(scenes), len(scenes[0].source.bands)
    dates = [s.date for s in scenes]
    labels = interval_labels(dates)
    rows = rows or strip_height(k, p, grid.width, median, _itemsize(scenes))
    with OutputSet(grid, is_cancelled, CANCELLED) as out_set:
        writers = {key: out_set.add(outputs[key], 1, gdal.GDT_Byte, NODATA, [key], f"OUTPUT_{key.upper()}")
                   for key in ("first", "last", "frequency")}
        writers["intervals"] = out_set.add(outputs["intervals"], k - 1, gdal.GDT_Byte, NODATA, labels,
                                           "OUTPUT_INTERVALS")
        if "pvalues" in outputs:
            writers["pvalues"] = out_set.add(outputs["pvalues"], k - 1, gdal.GDT_Float32, PVALUE_NODATA,
                                             labels, "OUTPUT_PVALUES")
        n_valid = _stream(scenes, grid, out_set, writers, _Settings(units, enl, alpha, median), rows,
                          progress, is_cancelled)
        metadata = {"ENL": f"{enl:.4g}", "ALPHA": alpha, "MEDIAN_FILTER": median,
                    "DATES": ",".join(f"{d:%Y-%m-%dT%H:%M:%S}" for d in dates),
                    "METHOD": "sequential omnibus test, Conradsen et al. 2016 (diagonal case)"}
        committed = out_set.commit(metadata, keep_previous=True)
    return SeriesResult(dates, skipped, enl, estimated, notes, dict(outputs), labels, n_valid, committed)


def _stream(scenes, grid, out_set, writers, settings, rows, progress, is_cancelled) -> int:
    """Test every strip the engine streams and queue its results for writing; return the valid pixels."""
    n_valid = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for strip in stream_strips([s.source for s in scenes], grid, rows, halo=1 if settings.median else 0,
                                   is_cancelled=is_cancelled, progress=progress, cancel_message=CANCELLED):
            res, bad = _test_strip(scenes, strip, settings, is_cancelled, pool)
            n_valid += bad.size - int(np.count_nonzero(bad))
            out_set.submit(_write_strip, writers, strip.row0, res, bad)
    out_set.drain()
    return n_valid


def _test_strip(scenes, strip, settings, is_cancelled, pool):
    """Return (SequenceResult, core-row mask of pixels nodata at some date) of one strip."""
    valid = np.ones(strip.data[0].shape[1:], dtype=bool)
    for v in strip.valid:
        if v is not None:
            valid &= v
    # in place: each strip buffer is the stream's until the strip after next, and read once
    images = [to_intensity(data, v, settings.units, s.label)
              for data, v, s in zip(strip.data, strip.valid, scenes)]
    invalid = ~valid
    if invalid.any():  # keeps nodata out of the logs; those pixels are written as nodata
        for img in images:
            np.copyto(img, np.float32(1.0), where=invalid)
    res = _sequence(images, valid, settings, (strip.top, strip.bottom), is_cancelled, pool)
    if res is None:
        raise RasterCancelled(CANCELLED)
    return res, strip.core(invalid)


def _sequence(images, valid, settings, halo, is_cancelled, pool) -> Optional[SequenceResult]:
    """Return the strip's SequenceResult (None if cancelled); two threads share the plain test.

    Pixels are independent in the plain test, so the two row halves run at once (numpy releases
    the GIL in its loops); the median's halo makes the whole strip one task.
    """
    enl, alpha, median = settings.enl, settings.alpha, settings.median
    n = valid.shape[0]
    if median or n < 4:
        return sequential_changes(images, valid, enl, alpha, median=median, halo=halo,
                                  is_cancelled=is_cancelled)
    cut = n // 2
    parts = [pool.submit(sequential_changes, [img[:, sl] for img in images], valid[sl], enl, alpha, False,
                         (0, 0), is_cancelled) for sl in (slice(0, cut), slice(cut, n))]
    a, b = (part.result() for part in parts)
    if a is None or b is None:
        return None
    return SequenceResult(*(np.concatenate([x, y], axis=-2) for x, y in
                            ((a.first, b.first), (a.last, b.last), (a.frequency, b.frequency),
                             (a.intervals, b.intervals), (a.pvalues, b.pvalues))))


def _write_strip(writers, row0, res: SequenceResult, bad):
    """Write one strip's results, nodata where a date was (runs in the OutputSet's writer thread)."""
    for key, arr in (("first", res.first), ("last", res.last), ("frequency", res.frequency)):
        arr[bad] = NODATA
        writers[key].write(row0, arr)
    res.intervals[:, bad] = NODATA
    writers["intervals"].write(row0, res.intervals)
    if "pvalues" in writers:
        res.pvalues[:, bad] = PVALUE_NODATA
        writers["pvalues"].write(row0, res.pvalues)
