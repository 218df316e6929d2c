"""Ship detection over a SAR scene streamed by the raster engine (core/raster), strip by strip.

The engine reads each strip with the halo the detector asks for, in a reader thread while the
previous strip is processed; detect.py's StripPlan gives the windows (cores on whole blocks) and
the halo, so the result is the one detect_ships gives on the same pixels, at any strip size.
"""
from __future__ import annotations

from typing import Callable, List, Optional

import numpy as np

from ..raster import Grid, stream_strips
from .cfar import to_intensity
from .detect import DetectionSettings, detect_strip, plan_strips
from .sar_source import SarScene, burn_land
from .targets import Target


def default_strip_rows(width: int) -> int:
    """Return the core rows per strip: 1024, or 16 Mpixel for very wide scenes.

    The halo (about 110 rows at 10 m with the defaults) is read twice; a core several times
    taller keeps that overhead small, and memory stays at a few hundred MB for a full IW swath.
    """
    return max(1024, (1 << 24) // max(width, 1))


def detect_scene(scene: SarScene, settings: DetectionSettings, strip_rows: Optional[int] = None,
                 is_cancelled: Optional[Callable[[], bool]] = None,
                 progress: Optional[Callable[[float], None]] = None) -> List[Target]:
    """Return every ship of ``scene`` in scene pixel coordinates; raises RasterCancelled on cancel."""
    rows = strip_rows or default_strip_rows(scene.width)
    plan = plan_strips(settings, scene.pixel_x_m, scene.pixel_y_m, rows)
    grid = Grid(scene.width, scene.height, scene.geotransform, scene.wkt)
    found: List[Target] = []
    for strip in stream_strips([scene.engine], grid, plan.strip_rows, halo=plan.halo,
                               windows=plan.windows(scene.height), is_cancelled=is_cancelled,
                               progress=progress):
        w0 = strip.row0 - strip.top
        data = strip.data[0]
        nrows = data.shape[1]
        valid = strip.valid[0]
        valid = np.ones((nrows, scene.width), dtype=bool) if valid is None else valid.copy()
        bands = [np.where(valid, b, 0) for b in data] if not valid.all() else list(data)
        intensity = to_intensity(bands, scene.units, valid)
        valid &= intensity > 0  # zero DN: no-return padding of Sentinel-1 GRD borders, never sea
        if scene.land is not None:
            valid &= ~burn_land(scene, w0, nrows)
        found += detect_strip(intensity, valid, w0, strip.row0, strip.row0 + strip.nrows, scene.height, plan,
                              settings, scene.pixel_x_m, scene.pixel_y_m)
    found.sort(key=lambda t: (t.row_min, t.col_min))
    return found
