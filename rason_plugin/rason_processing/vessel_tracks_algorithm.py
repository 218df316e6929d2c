"""rason:vesseltracks: AIS positions -> one LineStringM per vessel segment, Temporal-Controller ready."""
from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorDestination,
)

from ..compat import FieldType, NumberType, SourceType, WkbType
from ..core.ais.tracks import segment_tracks
from ..i18n import tr, tr_noop
from .ais_positions import AisPositionsAlgorithm, epoch_to_qdatetime
from .base import fields_from
from .projection import WGS84
from .track_style import TrackLayerPostProcessor, store_track_style
from .vector_output import FileOutput


def track_fields() -> QgsFields:
    """Return the vessel-tracks fields exactly as notes/schema.md lists them."""
    return fields_from((
        ("mmsi", FieldType.String), ("vessel_name", FieldType.String),
        ("segment_id", FieldType.Int), ("start_time", FieldType.DateTime),
        ("end_time", FieldType.DateTime), ("n_points", FieldType.Int),
        ("length_km", FieldType.Double), ("mean_sog", FieldType.Double),
        ("max_sog", FieldType.Double),
    ))


def _float_or_none(value):
    value = float(value)
    return value if value == value and abs(value) != float("inf") else None


class VesselTracksAlgorithm(AisPositionsAlgorithm):
    MAX_GAP = "MAX_GAP"
    MAX_SPEED = "MAX_SPEED"
    OUTPUT = "OUTPUT"

    NAME = "vesseltracks"
    DISPLAY_NAME = tr_noop("Vessel tracks from AIS positions")
    GROUP = tr_noop("Vessels (AIS)")
    GROUP_ID = "ais"
    MENU_TEXT = tr_noop("Vessel tracks from AIS positions…")
    ICON = "vessel.svg"
    HELP_ANCHOR = "vessel-tracks-and-port-calls-from-ais-vessels-ais-group"
    HELP = tr_noop(
        "Turns AIS positions (the output of 'Import AIS NMEA log', or any point layer from a CSV "
        "or GeoPackage) into one line per vessel segment, with M values holding epoch seconds. "
        "Times may be DateTime fields, ISO 8601 text with or without a time zone (all converted "
        "to UTC; text without a zone is taken as UTC), dd/mm/yyyy HH:MM:SS, or digits: "
        "YYYYmmddHHMMSS, YYYYmmddHHMM, YYYYmmdd, epoch seconds (9-10 digits) or milliseconds "
        "(12-13 digits).<br><br>"
        "A segment ends when the gap between two reports exceeds MAX_GAP minutes. Reports that "
        "imply a speed above MAX_SPEED knots are dropped as outliers, one per impossible jump "
        "and never its neighbours (of two lone reports with one fast link, the later). Rows "
        "with lat 91 / lon 181 (AIS 'not available'), coordinates out of range, missing or "
        "unparseable times, MMSIs that are not 9 digits, and duplicates (same MMSI and time) "
        "are skipped and counted in the log; a segment of a single report is left out.<br><br>"
        "Fields: mmsi, vessel_name, segment_id (1, 2, … per vessel), start_time, end_time "
        "(UTC DateTime), n_points, length_km, mean_sog, max_sog (knots; from the SOG field when "
        "there is one, else from the positions). The layer is styled and its temporal "
        "properties are set, so the Temporal Controller animates it."
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_position_input()
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_GAP, tr("Maximum gap between reports (minutes)"),
            NumberType.Double, defaultValue=30.0, minValue=0.01))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_SPEED, tr("Maximum plausible speed (knots; 0 keeps every report)"),
            NumberType.Double, defaultValue=50.0, minValue=0.0))
        self.add_position_extras()
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT, tr("Vessel tracks"), type=SourceType.VectorLine))
        self.addOutput(QgsProcessingOutputNumber("SEGMENTS", tr("Segments")))
        self.addOutput(QgsProcessingOutputNumber("POSITIONS_USED", tr("Positions in segments")))
        self.addOutput(QgsProcessingOutputNumber("ROWS_SKIPPED", tr("Input rows skipped")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        mmsi_field = self.parameterAsString(parameters, self.MMSI_FIELD, context)
        time_field = self.parameterAsString(parameters, self.TIME_FIELD, context)
        max_gap = self.parameterAsDouble(parameters, self.MAX_GAP, context)
        max_speed = self.parameterAsDouble(parameters, self.MAX_SPEED, context)
        destination = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)

        positions = self.positions(parameters, context, feedback)
        if len(positions) == 0:
            raise QgsProcessingException(
                tr("No usable position is left after cleaning (see the log for the reasons). "
                   "Check that '{time_field}' holds times and '{mmsi_field}' 9-digit MMSIs.")
                .format(time_field=time_field, mmsi_field=mmsi_field))
        try:
            segments = segment_tracks(positions, max_gap, max_speed,
                                      progress=lambda f: feedback.setProgress(40 + 20 * f),
                                      is_cancelled=feedback.isCanceled)
        except InterruptedError as err:
            raise QgsProcessingException(tr("Cancelled: no output was written.")) from err
        feedback.pushInfo(
            tr("{segments} segments; {outliers} reports dropped as speed "
               "outliers (> {max_speed:g} kn); {single} single-report "
               "segments and {stationary} stationary segments (every report "
               "at one position, so no line) left out.")
            .format(segments=len(segments), outliers=segments.speed_outliers, max_speed=max_speed,
                    single=segments.single_point_segments, stationary=segments.stationary_segments))

        with FileOutput(destination, track_fields(), WkbType.LineStringM, WGS84, context,
                        "vessel_tracks") as output:
            self._write_tracks(output, segments, feedback)
            result_path = output.finish()
        if output.tmp is not None:
            store_track_style(result_path)
        if context.willLoadLayerOnCompletion(result_path):
            details = context.layerToLoadOnCompletionDetails(result_path)
            details.setPostProcessor(TrackLayerPostProcessor.create())
        return {
            self.OUTPUT: result_path,
            "SEGMENTS": len(segments),
            "POSITIONS_USED": int(segments.n_points.sum()) if len(segments) else 0,
            "ROWS_SKIPPED": int(sum(positions.skipped.values())),
        }

    @staticmethod
    def _write_tracks(output, segments, feedback):
        """Write one LineStringM per segment (M = epoch seconds) with its attributes."""
        pts = segments.points
        feature = QgsFeature(track_fields())
        for k in range(len(segments)):
            if k % 500 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException(tr("Cancelled: no output was written."))
                feedback.setProgress(60 + 40 * k / max(len(segments), 1))
            a, b = int(segments.start[k]), int(segments.stop[k])
            line = QgsLineString(pts.lon[a:b].tolist(), pts.lat[a:b].tolist(), [],
                                 pts.t[a:b].tolist())
            feature.setGeometry(QgsGeometry(line))
            mmsi = int(segments.mmsi[k])
            feature.setAttributes([
                f"{mmsi:09d}", pts.names.get(mmsi), int(segments.segment_id[k]),
                epoch_to_qdatetime(float(segments.start_time[k])),
                epoch_to_qdatetime(float(segments.end_time[k])),
                int(segments.n_points[k]), float(segments.length_km[k]),
                _float_or_none(segments.mean_sog[k]), _float_or_none(segments.max_sog[k]),
            ])
            output.add(feature)
