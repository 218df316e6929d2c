"""Put scenes on one grid: a reference scene's grid restricted to the overlap of every input.

A scene already on the reference grid is read through a window of itself; any other is warped
(a VRT, read on demand) with its masks carried over exactly (see _validity_source).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional
from xml.sax.saxutils import escape

import numpy as np
from osgeo import gdal, osr

from .area import row_pixel_areas
from .errors import fail as _fail
from .scene import SceneInput, open_scene

RESAMPLING = ("nearest", "bilinear", "cubic", "cubicspline", "lanczos", "average", "mode")
TARGET_STRIP_PIXELS = 1 << 19  # ~0.5 Mpixel per strip: fastest on a Sentinel-2 tile (bench/)


@dataclass
class Grid:
    """The output grid: the reference scene's grid restricted to the overlap of every input."""

    width: int
    height: int
    geotransform: tuple
    wkt: str

    def pixel_area_m2(self) -> Optional[float]:
        """Return the pixel area in m2 when every pixel has the same (projected CRS), else None."""
        if not self.wkt:
            return None
        srs = osr.SpatialReference()
        srs.ImportFromWkt(self.wkt)
        if not srs.IsProjected():
            return None
        return float(row_pixel_areas(self.geotransform, self.wkt, 0, 1)[0])

    def row_areas(self, row0: int, nrows: int) -> np.ndarray:
        """Return the area in m2 of one pixel in each of rows ``row0 .. row0+nrows-1``."""
        return row_pixel_areas(self.geotransform, self.wkt, row0, nrows)


def _is_north_up(gt) -> bool:
    return gt[2] == 0 and gt[4] == 0 and gt[1] > 0 and gt[5] < 0


def _same_srs(wkt_a: str, wkt_b: str) -> bool:
    if not wkt_a or not wkt_b:
        return not wkt_a and not wkt_b
    a, b = osr.SpatialReference(), osr.SpatialReference()
    a.ImportFromWkt(wkt_a)
    b.ImportFromWkt(wkt_b)
    return bool(a.IsSame(b))


def _same_grid(ds_a, ds_b) -> bool:
    if (ds_a.RasterXSize, ds_a.RasterYSize) != (ds_b.RasterXSize, ds_b.RasterYSize):
        return False
    ga, gb = ds_a.GetGeoTransform(), ds_b.GetGeoTransform()
    tol = 1e-6 * max(abs(ga[1]), abs(ga[5]))
    if any(abs(x - y) > tol for x, y in zip(ga, gb)):
        return False
    return _same_srs(ds_a.GetProjection(), ds_b.GetProjection())


def _footprint_in(scene: SceneInput, ref_wkt: str):
    """Return (xmin, ymin, xmax, ymax) of ``scene`` in the reference CRS (edges densified)."""
    ads = scene.dataset
    agt = ads.GetGeoTransform()
    ax0, ay1 = agt[0], agt[3]
    ax1 = agt[0] + agt[1] * ads.RasterXSize + agt[2] * ads.RasterYSize
    ay0 = agt[3] + agt[4] * ads.RasterXSize + agt[5] * ads.RasterYSize
    box = (min(ax0, ax1), min(ay0, ay1), max(ax0, ax1), max(ay0, ay1))
    awkt = ads.GetProjection()
    if not ref_wkt or _same_srs(ref_wkt, awkt):
        return box
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromWkt(awkt)
    dst.ImportFromWkt(ref_wkt)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    try:
        ct = osr.CoordinateTransformation(src, dst)
        box = ct.TransformBounds(*box, 21)
    except RuntimeError as exc:
        _fail(f"{scene.role}'s extent cannot be transformed into the reference CRS ({exc}); check both CRSs")
    if not all(math.isfinite(v) for v in box):
        _fail(f"{scene.role}'s extent cannot be transformed into the reference CRS; check both CRSs")
    return box


def _window_of(box, gt, width, height):
    """Return (col0, col1, row0, row1) of the reference pixels that ``box`` touches."""
    xmin, bymax = gt[0], gt[3]
    xmax, ymin = xmin + gt[1] * width, bymax + gt[5] * height
    eps = 1e-6
    col0 = max(0, math.floor((max(box[0], xmin) - xmin) / gt[1] + eps))
    col1 = min(width, math.ceil((min(box[2], xmax) - xmin) / gt[1] - eps))
    row0 = max(0, math.floor((bymax - min(box[3], bymax)) / -gt[5] + eps))
    row1 = min(height, math.ceil((bymax - max(box[1], ymin)) / -gt[5] - eps))
    return col0, col1, row0, row1


def align(reference: SceneInput, scenes, resampling: str, purpose: str = "this method", *,
          crop: bool = True) -> Grid:
    """Put ``scenes`` (one SceneInput or several) on ``reference``'s grid over the overlap of all.

    Returns that grid. Scenes on another grid are warped with ``resampling``; each scene's
    ``xoff``/``yoff`` say where the grid starts in it. Their pixels' validity comes with them.
    ``crop=False`` keeps the reference's whole grid instead: where a scene has no data the
    pixels are invalid in it, and a scene may even miss the grid altogether (all invalid). For
    a method that masks a pixel invalid at any input and can drop an empty input (a time series
    skips an empty date), so that its outputs stay on the reference's own grid.
    """
    scenes = [scenes] if isinstance(scenes, SceneInput) else list(scenes)
    bds = reference.dataset
    if resampling not in RESAMPLING:
        _fail(f"resampling '{resampling}' is unknown; use one of {', '.join(RESAMPLING)}")
    if all(_same_grid(bds, sc.dataset) for sc in scenes):
        return Grid(bds.RasterXSize, bds.RasterYSize, bds.GetGeoTransform(), bds.GetProjection())
    bgt = bds.GetGeoTransform()
    ref, first = reference.role, scenes[0].role
    if not _is_north_up(bgt):
        _fail(f"{ref} '{reference.path}' has a rotated or south-up geotransform; warp it to a north-up "
              f"grid first (gdalwarp) so {first} can be aligned to it")
    bwkt = bds.GetProjection()
    for sc in scenes:
        if not _same_grid(bds, sc.dataset) and bool(bwkt) != bool(sc.dataset.GetProjection()):
            missing = ref if not bwkt else sc.role
            _fail(f"{missing} has no coordinate reference system while the other has one and the grids "
                  "differ; assign the CRS (gdal_edit.py -a_srs or layer Properties) and run again")
    if not crop:
        grid = Grid(bds.RasterXSize, bds.RasterYSize, bgt, bwkt)
        for sc in scenes:
            if not _same_grid(bds, sc.dataset):
                _warp_onto(sc, grid, resampling, ref)
        return grid
    col0, col1, row0, row1 = 0, bds.RasterXSize, 0, bds.RasterYSize
    for sc in scenes:
        if _same_grid(bds, sc.dataset):
            continue
        c0, c1, r0, r1 = _window_of(_footprint_in(sc, bwkt), bgt, bds.RasterXSize, bds.RasterYSize)
        if c1 - c0 < 1 or r1 - r0 < 1:
            _fail(f"{ref} '{reference.path}' and {sc.role} '{sc.path}' do not overlap; choose scenes of "
                  "the same place (check their CRS and extent)")
        col0, col1, row0, row1 = max(col0, c0), min(col1, c1), max(row0, r0), min(row1, r1)
    roles = " and ".join([ref] + [sc.role for sc in scenes])
    if col1 - col0 < 1 or row1 - row0 < 1:
        _fail(f"{roles} have no area in common; choose scenes of the same place")
    if col1 - col0 < 2 or row1 - row0 < 2:
        _fail(f"{roles} overlap on only {col1 - col0}x{row1 - row0} pixels; {purpose} "
              "needs at least 2x2 pixels in common")
    gt = (bgt[0] + col0 * bgt[1], bgt[1], 0.0, bgt[3] + row0 * bgt[5], 0.0, bgt[5])
    grid = Grid(col1 - col0, row1 - row0, gt, bwkt)
    for sc in scenes:
        if _same_grid(bds, sc.dataset):
            sc.xoff, sc.yoff = col0, row0
        else:
            _warp_onto(sc, grid, resampling, ref)
    reference.xoff, reference.yoff = col0, row0
    return grid


def _warp_onto(scene: SceneInput, grid: Grid, resampling: str, ref_role: str):
    """Replace ``scene``'s dataset with a warped VRT of its data bands on ``grid``, and its masks
    with the warped validity (_validity_source)."""
    gt = grid.geotransform
    bounds = (gt[0], gt[3] + grid.height * gt[5], gt[0] + grid.width * gt[1], gt[3])
    warp = dict(format="VRT", outputBounds=bounds, width=grid.width, height=grid.height,
                resampleAlg=resampling, multithread=False)
    if grid.wkt:
        warp["dstSRS"] = grid.wkt
    ads = scene.dataset
    # Only the chosen data bands are warped (no alpha, no mask): which destination pixels are
    # valid is worked out on its own, below.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        data = gdal.Translate("", ads, format="VRT", bandList=scene.bands, maskBand="none")
        warped = gdal.Warp("", data, **warp) if data is not None else None
        validity = gdal.Warp("", _validity_source(scene), outputType=gdal.GDT_Float32,
                             srcNodata="None", dstNodata="None", warpOptions=["INIT_DEST=0"], **warp) \
            if warped is not None else None
        err = gdal.GetLastErrorMsg()
    except RuntimeError as exc:
        warped, validity, err = None, None, str(exc)
    finally:
        gdal.PopErrorHandler()
    if warped is None or validity is None:
        _fail(f"{scene.role} '{scene.path}' could not be warped onto {ref_role}'s grid ({err})")
    scene.keep.extend([ads, data])
    scene.dataset = warped
    scene.bands = list(range(1, len(scene.bands) + 1))
    scene.nodata = [None] * len(scene.bands)  # the validity below holds the source nodata too
    scene.mask_bands = []
    scene.validity = validity


def _validity_source(scene: SceneInput):
    """Return a VRT on ``scene``'s grid: 255 where every mask of its bands says valid, else 0.

    Warped with AFTER's own resampling and no masking, it gives 255 exactly where every source
    pixel the kernel drew on was valid, and less (or, for cubic's negative lobes, more) where
    the warp mixed in an invalid one, or 0 outside the source. The first source paints 255; each
    mask (per-dataset, alpha, nodata of each band) paints 0 where it hides a pixel (GDAL masks
    are 0 for hidden, 1..255 for partly or fully visible).
    """
    ds = scene.dataset
    w, h = ds.RasterXSize, ds.RasterYSize
    masks, per_dataset = [], False
    for b in scene.bands:
        flags = ds.GetRasterBand(b).GetMaskFlags()
        if flags & gdal.GMF_ALL_VALID:
            continue
        if flags & gdal.GMF_PER_DATASET:  # one mask for every band: read it once
            if per_dataset:
                continue
            per_dataset = True
        masks.append(b)
    name = escape(scene.path)
    rect = (f'<SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>'
            f'<DstRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>')
    source = f'<ComplexSource><SourceFilename relativeToVRT="0">{name}</SourceFilename>'
    sources = [f'{source}<SourceBand>mask,{scene.bands[0]}</SourceBand>{rect}'
               '<ScaleOffset>255</ScaleOffset><ScaleRatio>0</ScaleRatio></ComplexSource>']
    sources += [f'{source}<SourceBand>mask,{b}</SourceBand>{rect}<NODATA>255</NODATA>'
                '<LUT>0:0,1:255</LUT></ComplexSource>' for b in masks]
    gt = ",".join(repr(float(v)) for v in ds.GetGeoTransform())
    srs = f"<SRS>{escape(ds.GetProjection())}</SRS>" if ds.GetProjection() else ""
    xml = (f'<VRTDataset rasterXSize="{w}" rasterYSize="{h}">{srs}<GeoTransform>{gt}</GeoTransform>'
           f'<VRTRasterBand dataType="Byte" band="1">{"".join(sources)}</VRTRasterBand></VRTDataset>')
    vrt = gdal.Open(xml)
    if vrt is None:
        _fail(f"{scene.role} '{scene.path}': its masks could not be read ({gdal.GetLastErrorMsg()})")
    return vrt


def open_mask(path, grid: Grid, before: SceneInput, purpose: str = "this method") -> SceneInput:
    """Open a validity mask (0 = exclude) and put it on the output grid (nearest); ``before`` is
    the reference scene the grid was cut from."""
    mask = open_scene(path, "MASK", [1], purpose)
    ds = mask.dataset
    bds = before.dataset
    if _same_grid(ds, bds):
        mask.xoff, mask.yoff = before.xoff, before.yoff
        return mask
    bounds = (grid.geotransform[0], grid.geotransform[3] + grid.height * grid.geotransform[5],
              grid.geotransform[0] + grid.width * grid.geotransform[1], grid.geotransform[3])
    opts = dict(format="VRT", outputBounds=bounds, width=grid.width, height=grid.height,
                resampleAlg="nearest", dstAlpha=True)
    if grid.wkt and ds.GetProjection():
        opts["dstSRS"] = grid.wkt
    mask.keep.append(ds)
    mask.dataset = gdal.Warp("", ds, **opts)
    mask.alpha_band = mask.dataset.RasterCount
    return mask


def strip_rows(block_size: Optional[int], width: int, source_block_height: int) -> int:
    """Return the rows per strip: ``block_size`` if given, else ~1 Mpixel aligned to source blocks."""
    if block_size:
        return max(1, int(block_size))
    rows = max(1, TARGET_STRIP_PIXELS // max(1, width))
    if source_block_height > 1:
        rows = max(source_block_height, (rows // source_block_height) * source_block_height)
    return rows


def rows_for_budget(width: int, values_per_pixel: int, itemsize: int, budget_bytes: int,
                    source_block_height: int = 1) -> int:
    """Return the rows per strip that keep stream_strips' buffers within ``budget_bytes``.

    The stream holds three strips per input (stream.RING): 3 x values_per_pixel (bands summed
    over every input) x rows x width x itemsize bytes. Rows are rounded down to whole source
    blocks when a block holds several rows, never below one block (or one row).
    """
    per_row = 3 * max(1, values_per_pixel) * max(1, width) * max(1, itemsize)
    rows = max(1, int(budget_bytes) // per_row)
    if source_block_height > 1:
        rows = max(source_block_height, (rows // source_block_height) * source_block_height)
    return rows


def grid_sample_index(height: int, width: int, budget: int):
    """Return (stride, offset) of a regular pixel grid holding at most ``budget`` pixels.

    The sample depends only on pixel positions, so it does not change with the strip size.
    """
    stride = max(1, math.ceil(math.sqrt(height * width / float(budget))))
    return stride, stride // 2
