"""rason:darkvessels: radar ship detections matched one-to-one to AIS moved to the image time."""
from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
)

from ..compat import FieldType, NumberType, SourceType, WkbType
from ..core.ais.darkvessels import VesselAtImage, match_detections, predict_vessel
from ..core.ships.sar_source import SarInputError, acquisition_time, footprint_valid, open_sar, parse_iso_time
from ..i18n import tr, tr_noop
from .ais_positions import AisPositionsAlgorithm, _time_value
from .base import fields_from
from .projection import WGS84
from .ships_common import DARK_STYLE, MISSED_STYLE, warn_if_coarse_land
from .styles import style_output
from .vector_output import FileOutput

MATCH_FIELDS = (("status", FieldType.String), ("mmsi", FieldType.String), ("vessel_name", FieldType.String),
                ("match_distance_m", FieldType.Double), ("ais_time_gap_s", FieldType.Double))


class DarkVesselsAlgorithm(AisPositionsAlgorithm):
    DETECTIONS = "DETECTIONS"
    INPUT = "INPUT"
    MMSI_FIELD = "MMSI_FIELD"
    TIME_FIELD = "TIME_FIELD"
    SOG_FIELD = "SOG_FIELD"
    NAME_FIELD = "NAME_FIELD"
    ACQUISITION_TIME = "ACQUISITION_TIME"
    SCENE = "SCENE"
    LAND = "LAND"
    MAX_TIME_GAP = "MAX_TIME_GAP"
    MATCH_DISTANCE = "MATCH_DISTANCE"
    PLATFORM_HEADING = "PLATFORM_HEADING"
    INCIDENCE_ANGLE = "INCIDENCE_ANGLE"
    RANGE_VELOCITY_RATIO = "RANGE_VELOCITY_RATIO"
    OUTPUT = "OUTPUT"
    OUTPUT_MISSED = "OUTPUT_MISSED"

    NAME = "darkvessels"
    DISPLAY_NAME = tr_noop("Dark vessels: radar detections without AIS")
    MENU_TEXT = tr_noop("Dark vessels: radar detections without AIS…")
    GROUP = tr_noop("Ships (radar)")
    GROUP_ID = "ships"
    ICON = "dark_vessels.svg"
    HELP_ANCHOR = "ships-in-radar-images-and-dark-vessels-ships-radar-group"
    HELP = tr_noop(
        "Matches ships found in a radar image (the output of 'Ships in a radar image (CFAR)') to AIS "
        "positions moved to the image time; detections left without a partner are 'dark'. Each "
        "vessel is placed by interpolating between its fixes around the image time, or "
        "extrapolated along its track, only from fixes within MAX_TIME_GAP minutes.<br><br>"
        "SAR shows a moving ship off its true position, along the flight direction, by (R/V) "
        "times its speed toward the radar (the velocity along the look direction times "
        "sin(incidence)); at R/V = 115 s a ship at 10 kn heading toward the radar appears about "
        "340 m forward. With PLATFORM_HEADING (the satellite's flight heading, degrees; the radar "
        "looks to the right) this shift is applied to the AIS positions; without it, moving "
        "vessels get a match distance widened by the largest shift their speed allows.<br><br>"
        "Matching is one-to-one and global (Hungarian method): as many pairs as possible within "
        "MATCH_DISTANCE, with the least total distance. OUTPUT: the detections with status "
        "('matched' or 'dark'), mmsi, vessel_name, match_distance_m and ais_time_gap_s. "
        "OUTPUT_MISSED: AIS vessels whose position at the image time lies on valid sea pixels "
        "of SCENE (off LAND) with no detection: switched-off radar visibility, small or "
        "misplaced vessels. Without SCENE it stays empty. A ready LAND mask is the 'Land (Natural "
        "Earth, coarse)' layer of rason:referencelayers; near the quays it is coarse."
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DETECTIONS, tr("Ship detections"), [SourceType.VectorPoint]))
        self.add_position_input()
        self.add_position_extras()
        self.addParameter(QgsProcessingParameterString(
            self.ACQUISITION_TIME, tr("Image time (ISO 8601, UTC; default the detections' acq_time)"),
            optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer(
            self.SCENE, tr("Radar image, for its footprint (optional)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.LAND, tr("Land (polygons, optional)"), [SourceType.VectorPolygon], optional=True))
        for key, label, default, optional in (
                (self.MAX_TIME_GAP, tr("Maximum time between an AIS fix and the image (minutes)"), 30.0,
                 False),
                (self.MATCH_DISTANCE, tr("Match distance (m)"), 500.0, False),
                (self.PLATFORM_HEADING, tr("Satellite flight heading (degrees, optional)"), None, True),
                (self.INCIDENCE_ANGLE, tr("Incidence angle (degrees)"), 35.0, False),
                (self.RANGE_VELOCITY_RATIO, tr("Slant range over platform velocity R/V (s)"), 115.0, False)):
            self.addParameter(QgsProcessingParameterNumber(
                key, label, NumberType.Double, defaultValue=default, optional=optional,
                minValue=-360.0 if key == self.PLATFORM_HEADING else 0.0))
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT, tr("Detections with AIS status"), type=SourceType.VectorPoint))
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT_MISSED, tr("AIS vessels not detected"), type=SourceType.VectorPoint))
        self.addOutput(QgsProcessingOutputNumber("DARK", tr("Dark detections")))
        self.addOutput(QgsProcessingOutputNumber("MATCHED", tr("Matched detections")))
        self.addOutput(QgsProcessingOutputNumber("MISSED", tr("AIS vessels not detected")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        detections = self.parameterAsSource(parameters, self.DETECTIONS, context)
        if detections is None:
            self.fail(tr("Choose the ship detections (output of rason:shipdetection) for DETECTIONS."))
        features = list(detections.getFeatures())
        scene = self._scene(parameters, context)
        t_image = self._image_time(parameters, context, detections, features, scene)
        positions = self.positions(parameters, context, feedback)
        frame = _LocalFrame(detections, features, positions, context)
        vessels = self._place(parameters, context, positions, frame, t_image, feedback)
        heading = self._heading(parameters, context, feedback)
        incidence = self.parameterAsDouble(parameters, self.INCIDENCE_ANGLE, context)
        r_over_v = self.parameterAsDouble(parameters, self.RANGE_VELOCITY_RATIO, context)
        det_xy = np.array([frame.to_local(f.geometry()) for f in features]).reshape(-1, 2)
        distance = self.parameterAsDouble(parameters, self.MATCH_DISTANCE, context)
        result = match_detections(det_xy, vessels, distance, heading, incidence, r_over_v)
        out = self._write_detections(parameters, context, detections, features, vessels, result, positions)
        missed = self._missed(parameters, context, scene, vessels, result, frame, feedback)
        missed_path = self._write_missed(parameters, context, missed, positions)
        dark = int(np.sum(result.ais_index < 0))
        feedback.pushInfo(tr("{dark} dark and {matched} matched detections; {missed} AIS vessels in the "
                             "footprint not detected.").format(dark=dark, matched=len(features) - dark,
                                                               missed=len(missed)))
        return {self.OUTPUT: out, self.OUTPUT_MISSED: missed_path, "DARK": dark,
                "MATCHED": len(features) - dark, "MISSED": len(missed)}

    def _scene(self, parameters, context):
        layer = self.parameterAsRasterLayer(parameters, self.SCENE, context)
        if layer is None:
            return None
        try:
            return open_sar(layer.source(), [1], 0)
        except SarInputError as err:
            message = str(err).replace("INPUT", "SCENE")  # the core names its raster INPUT
            self.fail(message)

    def _image_time(self, parameters, context, detections, features, scene):
        text = self.parameterAsString(parameters, self.ACQUISITION_TIME, context).strip()
        if text:
            t = parse_iso_time(text)
            if t is None:
                self.fail(tr("ACQUISITION_TIME '{text}' is not an ISO 8601 time; write it like "
                             "2022-06-12T17:33:29Z.").format(text=text))
            return t
        i = detections.fields().lookupField("acq_time")
        for f in features if i >= 0 else []:
            t = _time_value(f.attributes()[i])
            if t == t:
                return t
        t = acquisition_time(scene) if scene is not None else None
        if t is None:
            self.fail(tr("No image time: the detections have no acq_time and no SCENE gives one. "
                         "Give ACQUISITION_TIME (ISO 8601, e.g. 2022-06-12T17:33:29Z)."))
        return t

    def _heading(self, parameters, context, feedback):
        raw = parameters.get(self.PLATFORM_HEADING)
        if raw is None or raw == "":
            feedback.pushInfo(tr("No PLATFORM_HEADING: the azimuth shift of moving vessels cannot be "
                                 "applied, so their match distance is widened by the largest shift "
                                 "their speed allows (R/V x speed x sin(incidence))."))
            return None
        return self.parameterAsDouble(parameters, self.PLATFORM_HEADING, context)

    def _place(self, parameters, context, positions, frame, t_image, feedback):
        max_gap = self.parameterAsDouble(parameters, self.MAX_TIME_GAP, context) * 60.0
        near = np.abs(positions.t - t_image) <= max_gap
        # Fixes just outside the gap still give the direction to interpolate toward; keep 2 gaps.
        keep = np.abs(positions.t - t_image) <= 2 * max_gap
        vessels = []
        for m in np.unique(positions.mmsi[near]):
            sel = keep & (positions.mmsi == m)
            xy = np.array([frame.lonlat_to_local(lo, la) for lo, la in
                           zip(positions.lon[sel], positions.lat[sel])]).reshape(-1, 2)
            sog = positions.sog[sel] if positions.sog is not None else None
            p = predict_vessel(positions.t[sel], xy[:, 0], xy[:, 1], sog, None, t_image, max_gap)
            if p is not None:
                vessels.append(VesselAtImage(int(m), *p, name=positions.names.get(int(m)) or ""))
        if not vessels:
            feedback.pushWarning(tr("No AIS fix lies within MAX_TIME_GAP of the image time: every "
                                    "detection is dark. Check the AIS time range or widen MAX_TIME_GAP."))
        else:
            feedback.pushInfo(tr("{n} AIS vessels placed at the image time.").format(n=len(vessels)))
        return vessels

    def _missed(self, parameters, context, scene, vessels, result, frame, feedback):
        if scene is None:
            feedback.pushInfo(tr("No SCENE: AIS vessels not detected are not listed (the footprint is "
                                 "unknown)."))
            return []
        land = self.parameterAsSource(parameters, self.LAND, context)
        land_geoms = []
        warn_if_coarse_land(land, feedback)
        if land is not None:
            tr_land = QgsCoordinateTransform(land.sourceCrs(), WGS84, context.transformContext())
            for f in land.getFeatures():
                g = QgsGeometry(f.geometry())
                g.transform(tr_land)
                land_geoms.append(g)
        to_scene = QgsCoordinateTransform(WGS84, QgsCoordinateReferenceSystem.fromWkt(scene.wkt),
                                          context.transformContext())
        out = []
        for i in result.unmatched:
            lon, lat = frame.local_to_lonlat(*result.apparent_xy[i])
            if any(g.contains(QgsGeometry.fromPointXY(QgsPointXY(lon, lat))) for g in land_geoms):
                continue
            p = to_scene.transform(QgsPointXY(lon, lat))
            if footprint_valid(scene, np.array([p.x()]), np.array([p.y()]))[0]:
                out.append((vessels[i], lon, lat))
        return out

    def _write_detections(self, parameters, context, detections, features, vessels, result, positions):
        fields = QgsFields(detections.fields())
        for f in fields_from(MATCH_FIELDS):
            if fields.lookupField(f.name()) < 0:
                fields.append(f)
        idx = [fields.lookupField(name) for name, _ in MATCH_FIELDS]
        with FileOutput(self.parameterAsOutputLayer(parameters, self.OUTPUT, context), fields,
                        WkbType.Point, detections.sourceCrs(), context, "dark_vessels") as output:
            for k, src in enumerate(features):
                feature = QgsFeature(fields)
                feature.setGeometry(src.geometry())
                attrs = list(src.attributes()) + [None] * (fields.count() - len(src.attributes()))
                a = int(result.ais_index[k])
                v = vessels[a] if a >= 0 else None
                values = ("dark", None, None, None, None)
                if v is not None:
                    values = ("matched", f"{v.mmsi:09d}", v.name or None, float(result.distance_m[k]),
                              v.time_gap_s)
                for j, value in zip(idx, values):
                    attrs[j] = value
                feature.setAttributes(attrs)
                output.add(feature)
            path = output.finish()
        style_output(context, path, "dark_vessels", DARK_STYLE)
        return path

    def _write_missed(self, parameters, context, missed, positions):
        fields = fields_from((("mmsi", FieldType.String), ("vessel_name", FieldType.String),
                              ("ais_time_gap_s", FieldType.Double)))
        with FileOutput(self.parameterAsOutputLayer(parameters, self.OUTPUT_MISSED, context), fields,
                        WkbType.Point, WGS84, context, "ais_missed") as output:
            for v, lon, lat in missed:
                feature = QgsFeature(fields)
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
                feature.setAttributes([f"{v.mmsi:09d}", v.name or None, v.time_gap_s])
                output.add(feature)
            path = output.finish()
        style_output(context, path, "ais_missed", MISSED_STYLE)
        return path


class _LocalFrame:
    """An azimuthal equidistant frame (metres, true north up) centred on the data."""

    def __init__(self, detections, features, positions, context):
        self.to_wgs = QgsCoordinateTransform(detections.sourceCrs(), WGS84, context.transformContext())
        pts = [self.to_wgs.transform(f.geometry().asPoint()) for f in features]
        if pts:
            lon0, lat0 = float(np.mean([p.x() for p in pts])), float(np.mean([p.y() for p in pts]))
        elif len(positions):
            lon0, lat0 = float(np.median(positions.lon)), float(np.median(positions.lat))
        else:
            lon0, lat0 = 0.0, 0.0
        local = QgsCoordinateReferenceSystem.fromProj(
            f"+proj=aeqd +lat_0={lat0:.8f} +lon_0={lon0:.8f} +datum=WGS84 +units=m +no_defs")
        self.fwd = QgsCoordinateTransform(WGS84, local, context.transformContext())
        self.inv = QgsCoordinateTransform(local, WGS84, context.transformContext())

    def to_local(self, geometry):
        p = self.fwd.transform(self.to_wgs.transform(geometry.asPoint()))
        return p.x(), p.y()

    def lonlat_to_local(self, lon, lat):
        p = self.fwd.transform(QgsPointXY(float(lon), float(lat)))
        return p.x(), p.y()

    def local_to_lonlat(self, x, y):
        p = self.inv.transform(QgsPointXY(float(x), float(y)))
        return p.x(), p.y()
