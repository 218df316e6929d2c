"""Write several outputs as a set: strip by strip into temporary files, then all moved into place
or none (the user's previous files are put back on failure), with nodata and band descriptions.

OutputSet adds writer threads (a strip is written while the next is computed; a strip's outputs
can be written side by side), cancel, and cleanup: a cancelled or failed run leaves no
half-written file.
"""
from __future__ import annotations

import os
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, List, Optional, Sequence

import numpy as np
from osgeo import gdal

from .errors import RasterCancelled
from .errors import fail as _fail
from .grid import Grid


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

class OutputSet:
    """The outputs of one run, written by writer threads and committed together.

    Use as a context manager: leaving it with an exception aborts every output (temporary files
    removed, the user's files untouched). Only the writer threads touch the output datasets
    while strips are queued; at most one strip waits to be written. A strip's writing can be
    split into jobs (``submit_jobs``) that run side by side, each on outputs of its own: GDAL
    datasets are safe to use from several threads as long as no two use one dataset at once.
    """

    WRITERS = 2

    def __init__(self, grid: Grid, is_cancelled: Optional[Callable[[], bool]] = None,
                 cancel_message: str = "cancelled; no output was written"):
        self.grid = grid
        self.is_cancelled = is_cancelled
        self.cancel_message = cancel_message
        self.outputs: List[OutputRaster] = []
        self._writer = ThreadPoolExecutor(max_workers=self.WRITERS)
        self._pending: List[Future] = []

    def add(self, path: str, bands: int, dtype: int, nodata: float, descriptions: Sequence[str],
            label: str) -> OutputRaster:
        """Create one output (a temporary GeoTIFF beside ``path``) and return it."""
        out = OutputRaster(path, self.grid, bands, dtype, nodata, descriptions, label)
        self.outputs.append(out)
        return out

    def check_cancelled(self):
        """Raise RasterCancelled when the caller asked to stop."""
        if self.is_cancelled is not None and self.is_cancelled():
            raise RasterCancelled(self.cancel_message)

    def submit(self, fn, *args):
        """Run ``fn(*args)`` in a writer thread after the strip before it; return what the
        previous strip's first job returned (None if there was none). Raises what a writer raised."""
        return self.submit_jobs([(fn, args)])

    def submit_jobs(self, jobs):
        """Run each ``(fn, args)`` of ``jobs`` (at most WRITERS, each writing outputs no other job
        of the strip writes) in its own writer thread, after the strip before them; return what
        the previous strip's first job returned. Raises what a writer raised."""
        if len(jobs) > self.WRITERS:
            raise ValueError(f"at most {self.WRITERS} jobs per strip")
        previous = self.drain()
        self._pending = [self._writer.submit(fn, *args) for fn, args in jobs]
        return previous

    def drain(self):
        """Wait for the strip being written; return its first job's result, raise what a job raised
        (after every job of the strip has finished)."""
        pending, self._pending = self._pending, []
        results, error = [], None
        for future in pending:
            try:
                results.append(future.result())
            except BaseException as exc:  # noqa: BLE001 (raised below, once all jobs are done)
                error = error or exc
                results.append(None)
        if error is not None:
            try:
                raise error
            finally:
                # No cycle through this frame (the futures hold the exception, whose traceback
                # holds this frame): the caller's objects, GDAL datasets among them, are freed
                # at once instead of by a later garbage collection.
                error = pending = None
        return results[0] if results else None

    def commit(self, metadata: Optional[dict] = None, keep_previous: bool = False
               ) -> Optional[CommittedOutputs]:
        """Move every output into place (all or none) after a last cancel check.

        With ``keep_previous`` the replaced files stay aside in the returned CommittedOutputs
        until its ``release`` (or ``rollback`` to undo the run); otherwise they are deleted.
        """
        self.drain()
        self.check_cancelled()
        committed = commit_outputs(self.outputs, metadata)  # all of them or none
        self.outputs = []
        if not keep_previous:
            committed.release()
            return None
        return committed

    def abort(self):
        """Wait for the writer, then remove every temporary file (the first error is kept)."""
        try:
            self.drain()
        except BaseException:  # noqa: BLE001 (the first error is the one to report)
            pass
        for out in self.outputs:
            out.abort()
        self.outputs = []

    def close(self):
        self._writer.shutdown(wait=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is not None:
                self.abort()
        finally:
            self.close()
        return False
