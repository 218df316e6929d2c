"""The raster engine every per-pixel method stands on: open, align, stream, write.

    scene = open_scene(path, "BEFORE", bands)          # any GDAL raster name, with its masks
    grid = align(reference, [scene, ...], "bilinear")  # one grid: the overlap of every input
    for strip in stream_strips([reference, scene], grid, rows, halo=h):
        ...                                            # strip.data[i], strip.valid[i]
    with OutputSet(grid, is_cancelled) as outs:        # all outputs or none
        out = outs.add(path, bands, gdal.GDT_Float32, nodata, descriptions, "OUTPUT")
        ...; outs.commit(metadata)

A method (change detection, a SAR time series, ship detection) is array maths on the strips;
it never opens, warps or writes a file itself. Errors are RasterError (RasterCancelled on cancel).
"""
from .area import row_pixel_areas
from .errors import RasterCancelled, RasterError
from .grid import (
    RESAMPLING,
    TARGET_STRIP_PIXELS,
    Grid,
    align,
    grid_sample_index,
    open_mask,
    rows_for_budget,
    strip_rows,
)
from .output import CommittedOutputs, OutputRaster, OutputSet, check_writable, commit_outputs
from .scene import SceneInput, input_files, is_vrt, open_scene, quiet_open, read_strip, reopen_scene
from .stream import StripSet, regular_windows, stream_strips

__all__ = [
    "RESAMPLING", "TARGET_STRIP_PIXELS", "CommittedOutputs", "Grid", "OutputRaster", "OutputSet",
    "RasterCancelled", "RasterError", "SceneInput", "StripSet", "align", "check_writable", "commit_outputs",
    "grid_sample_index", "input_files", "is_vrt", "open_mask", "open_scene", "quiet_open", "read_strip",
    "regular_windows",
    "reopen_scene", "row_pixel_areas", "rows_for_budget", "stream_strips", "strip_rows",
]
