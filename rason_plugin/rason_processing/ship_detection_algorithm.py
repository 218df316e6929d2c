"""rason:shipdetection: ships in a SAR image by CFAR, one point per ship at its centroid."""
from __future__ import annotations

import math

from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
)

from ..compat import FieldType, NumberType, ParameterFlag, SourceType, WkbType
from ..core.raster import RasterCancelled, RasterError
from ..core.ships.cfar import CLUTTER_MODELS, K
from ..core.ships.detect import DetectionSettings
from ..core.ships.sar_source import (
    SarInputError,
    acquisition_time,
    open_sar,
    parse_iso_time,
    pixel_to_map,
    set_land,
)
from ..core.ships.scene_detect import detect_scene
from ..i18n import tr, tr_noop
from .ais_positions import epoch_to_qdatetime
from .base import RasonAlgorithm, fields_from
from .ships_common import SHIP_STYLE, warn_if_coarse_land
from .styles import style_output
from .vector_output import FileOutput

# One Sentinel-1 GRD pixel: covers rasterising and coastline placement, yet spares a berthed hull.
LAND_BUFFER_M = 10.0
INTEGER_TYPES = (gdal.GDT_Byte, gdal.GDT_UInt16, gdal.GDT_Int16, gdal.GDT_UInt32, gdal.GDT_Int32)
UNIT_NAMES = (tr_noop("Linear intensity"), tr_noop("Amplitude (DN)"), tr_noop("Decibels"))
CLUTTER_NAMES = (tr_noop("Gaussian (SNAP two-parameter)"), tr_noop("Gamma (speckle only)"),
                 tr_noop("K (textured sea clutter)"), tr_noop("Log-normal"))


def ship_fields():
    return fields_from((
        ("det_id", FieldType.Int), ("length_m", FieldType.Double), ("width_m", FieldType.Double),
        ("heading_deg", FieldType.Double), ("peak_db", FieldType.Double), ("mean_db", FieldType.Double),
        ("n_pixels", FieldType.Int), ("score", FieldType.Double), ("acq_time", FieldType.DateTime),
    ))


class ShipDetectionAlgorithm(RasonAlgorithm):
    INPUT = "INPUT"
    BANDS = "BANDS"
    UNITS = "UNITS"
    LAND = "LAND"
    ACQUISITION_TIME = "ACQUISITION_TIME"
    PFA = "PFA"
    CLUTTER = "CLUTTER"
    GUARD = "GUARD"
    BACKGROUND = "BACKGROUND"
    MIN_LENGTH = "MIN_LENGTH"
    MAX_LENGTH = "MAX_LENGTH"
    OUTPUT = "OUTPUT"

    NAME = "shipdetection"
    DISPLAY_NAME = tr_noop("Ships in a radar image (CFAR)")
    MENU_TEXT = tr_noop("Ships in a radar image (CFAR)…")
    GROUP = tr_noop("Ships (radar)")
    GROUP_ID = "ships"
    ICON = "ship_detection.svg"
    HELP_ANCHOR = "ships-in-radar-images-and-dark-vessels-ships-radar-group"
    HELP = tr_noop(
        "Finds ships in a SAR image (e.g. a Sentinel-1 GRD measurement TIFF, georeferenced only by "
        "ground control points: it is warped through them onto UTM) with a constant-false-alarm-"
        "rate detector. Each pixel is compared with a threshold fitted to the sea around it: a "
        "square ring between the GUARD and BACKGROUND windows (metres, full sides), leaving out "
        "the guard area (the ship itself) and LAND (buffered by 10 m). A ready LAND mask is the "
        "'Land (Natural Earth, coarse)' layer of rason:referencelayers; its coast is "
        "off by up to ~1.5 km near Rajin, so check ships at the quays by eye. PFA is the chance that a "
        "pixel of sea clutter passes. CLUTTER is the sea model: K (default; textured sea, "
        "chosen by measurement: its false-alarm rate holds on K-distributed clutter where "
        "Gaussian and Gamma let through far more and log-normal far fewer), Gaussian "
        "(ESA SNAP's adaptive threshold), Gamma, Log-normal.<br><br>"
        "Several BANDS (e.g. VV and VH) are summed as linear intensities. UNITS says what the "
        "pixels hold; Sentinel-1 GRD DN are amplitudes (choose 'Amplitude (DN)'). Bright pixels "
        "within 20 m of each other are one ship. Ships shorter than MIN_LENGTH or longer than "
        "MAX_LENGTH are left out.<br><br>"
        "Output: one point per ship at its centroid with det_id, length_m and width_m (from the "
        "second moments of its pixels), heading_deg (axis, 0-180 from grid north), peak_db and "
        "mean_db, n_pixels, score (peak over the mean sea clutter around it, dB) and acq_time "
        "(ACQUISITION_TIME, else the image's metadata or Sentinel-1 file name). The image is "
        "read in strips with a halo: memory stays bounded and results do not depend on the strip size."
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterRasterLayer(self.INPUT, tr("Radar image (SAR)")))
        self.addParameter(QgsProcessingParameterBand(
            self.BANDS, tr("Bands (default all)"), None, self.INPUT, optional=True, allowMultiple=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.UNITS, tr("Pixel values are"), [tr(u) for u in UNIT_NAMES], defaultValue=0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.LAND, tr("Land to exclude (polygons, optional)"), [SourceType.VectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.ACQUISITION_TIME, tr("Acquisition time (ISO 8601, UTC; default from the image)"),
            optional=True))
        pfa = QgsProcessingParameterNumber(
            self.PFA, tr("False-alarm probability per pixel"), NumberType.Double, defaultValue=1e-7,
            minValue=1e-15, maxValue=0.1)
        # The dialog's spin box shows 6 decimals by default, which turns 1e-7 into 0.
        pfa.setMetadata({"widget_wrapper": {"decimals": 15}})
        self.addParameter(pfa)
        self.addParameter(QgsProcessingParameterEnum(
            self.CLUTTER, tr("Sea clutter model"), [tr(c) for c in CLUTTER_NAMES],
            defaultValue=CLUTTER_MODELS.index(K)))
        numbers = ((self.GUARD, tr("Guard window (m, side)"), 500.0),
                   (self.BACKGROUND, tr("Background window (m, side)"), 800.0),
                   (self.MIN_LENGTH, tr("Minimum ship length (m)"), 25.0),
                   (self.MAX_LENGTH, tr("Maximum ship length (m)"), 500.0))
        for key, label, default in numbers:
            p = QgsProcessingParameterNumber(key, label, NumberType.Double, defaultValue=default,
                                             minValue=0.0)
            if key in (self.GUARD, self.BACKGROUND):
                p.setFlags(p.flags() | ParameterFlag.Advanced)
            self.addParameter(p)
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT, tr("Ships"), type=SourceType.VectorPoint))
        self.addOutput(QgsProcessingOutputNumber("SHIPS", tr("Ships found")))

    def _settings(self, parameters, context):
        num = lambda key: self.parameterAsDouble(parameters, key, context)  # noqa: E731
        s = DetectionSettings(pfa=num(self.PFA), clutter=CLUTTER_MODELS[self.parameterAsEnum(
            parameters, self.CLUTTER, context)], guard_m=num(self.GUARD), background_m=num(self.BACKGROUND),
            min_length_m=num(self.MIN_LENGTH), max_length_m=num(self.MAX_LENGTH))
        if s.max_length_m <= s.min_length_m:
            self.fail(tr("MAX_LENGTH ({max:g} m) must be larger than MIN_LENGTH ({min:g} m).")
                      .format(max=s.max_length_m, min=s.min_length_m))
        if s.background_m <= s.guard_m:
            self.fail(tr("BACKGROUND ({b:g} m) must be larger than GUARD ({g:g} m): the clutter is "
                         "measured in the ring between them.").format(b=s.background_m, g=s.guard_m))
        return s

    def _open(self, parameters, context):
        layer = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        if layer is None:
            self.fail(tr("INPUT: the raster could not be opened; choose a SAR image."))
        bands = self.parameterAsInts(parameters, self.BANDS, context) or None
        try:
            return open_sar(layer.source(), bands, self.parameterAsEnum(parameters, self.UNITS, context))
        except SarInputError as err:
            self.fail(str(err))

    def _image_time(self, parameters, context, scene):
        text = self.parameterAsString(parameters, self.ACQUISITION_TIME, context).strip()
        if text:
            t = parse_iso_time(text)
            if t is None:
                self.fail(tr("ACQUISITION_TIME '{text}' is not an ISO 8601 time; write it like "
                             "2022-06-12T17:33:29Z.").format(text=text))
            return t
        t = acquisition_time(scene)
        if t is None:
            self.fail(tr("No acquisition time: the image's metadata and file name hold none. Give "
                         "ACQUISITION_TIME (ISO 8601, e.g. 2022-06-12T17:33:29Z)."))
        return t

    def _land(self, parameters, context, scene, feedback):
        source = self.parameterAsSource(parameters, self.LAND, context)
        if source is None:
            return
        warn_if_coarse_land(source, feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(scene.wkt)
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        polygons = []
        for feature in source.getFeatures():
            geom = QgsGeometry(feature.geometry())
            if geom.isEmpty():
                continue
            geom.transform(transform)
            polygons.append(bytes(geom.buffer(LAND_BUFFER_M, 4).asWkb()))
        set_land(scene, polygons)
        feedback.pushInfo(tr("{n} land polygons excluded (buffered by {b:g} m).")
                          .format(n=len(polygons), b=LAND_BUFFER_M))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        settings = self._settings(parameters, context)
        scene = self._open(parameters, context)
        epoch = self._image_time(parameters, context, scene)
        self._land(parameters, context, scene, feedback)
        if scene.units == 0 and scene.dataset.GetRasterBand(scene.bands[0]).DataType in INTEGER_TYPES:
            feedback.pushWarning(tr("The image holds integers: Sentinel-1 GRD DN are amplitudes. If "
                                    "so, choose 'Amplitude (DN)' for UNITS."))
        template = (tr("Grid {w} x {h} pixels of {px:.2f} m, warped through the image's georeferencing.")
                    if scene.warped else tr("Grid {w} x {h} pixels of {px:.2f} m."))
        feedback.pushInfo(template.format(w=scene.width, h=scene.height, px=scene.pixel_x_m))

        try:
            targets = detect_scene(scene, settings, is_cancelled=feedback.isCanceled,
                                   progress=lambda f: feedback.setProgress(95 * f))
        except RasterCancelled:
            self.fail(tr("Cancelled: no output was written."))
        except (RasterError, SarInputError, ValueError) as err:
            self.fail(str(err))
        if feedback.isCanceled():
            self.fail(tr("Cancelled: no output was written."))
        path = self._write(parameters, context, scene, targets, epoch)
        feedback.pushInfo(tr("{n} ships found.").format(n=len(targets)))
        return {self.OUTPUT: path, "SHIPS": len(targets)}

    def _write(self, parameters, context, scene, targets, epoch):
        destination = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        fields = ship_fields()
        crs = QgsCoordinateReferenceSystem.fromWkt(scene.wkt)
        acq = epoch_to_qdatetime(epoch)
        with FileOutput(destination, fields, WkbType.Point, crs, context, "ships") as output:
            for k, t in enumerate(targets, start=1):
                feature = QgsFeature(fields)
                x, y = pixel_to_map(scene, t.row, t.col)
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
                score = t.score if math.isfinite(t.score) else None
                feature.setAttributes([k, t.length_m, t.width_m, t.heading_deg, t.peak_db, t.mean_db,
                                       t.n_pixels, score, acq])
                output.add(feature)
            path = output.finish()
        style_output(context, path, "ships", SHIP_STYLE)
        return path
