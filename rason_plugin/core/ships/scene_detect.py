"""Ship detection over a SAR scene streamed by the raster engine (core/raster), strip by strip.

The engine reads each strip with the halo the detector asks for, in a reader thread while the
previous strip is processed; detect.py's StripPlan gives the windows (cores on whole blocks) and
the halo, so the result is the one detect_ships gives on the same pixels, at any strip size.
"""
from __future__ import annotations

from typing import Callable, List, Optional

from ..raster import Grid, stream_strips
from .detect import DetectionSettings, detect_strip, plan_strips
from .sar_source import SarScene, burn_land
from .strip_pixels import RawPixels
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
        land = burn_land(scene, w0, data.shape[1]) if scene.land is not None else None
        pixels = RawPixels(data, strip.valid[0], scene.units, land)
        found += detect_strip(pixels, w0, strip.row0, strip.row0 + strip.nrows, scene.height, plan,
                              settings, scene.pixel_x_m, scene.pixel_y_m)
    found.sort(key=lambda t: (t.row_min, t.col_min))
    return found
