"""rason:importais: raw NMEA AIVDM/AIVDO log -> point layer of position reports with static data."""
from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterVectorDestination,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.ais.decoder import AisDecoderMissingError
from ..core.ais.nmea import NmeaReader, NotAisError, skipped_summary
from .ais_common import WGS84, FileOutput, epoch_to_qdatetime
from .base import RasonAlgorithm, fields_from

STATIC_KEYS = ("vessel_name", "imo", "call_sign", "ship_type", "length", "width", "destination")


def position_fields() -> QgsFields:
    """Return the fields of the imported position layer, in order."""
    return fields_from((
        ("mmsi", QVariant.String), ("time", QVariant.DateTime), ("lon", QVariant.Double),
        ("lat", QVariant.Double), ("sog", QVariant.Double), ("cog", QVariant.Double),
        ("heading", QVariant.Int), ("nav_status", QVariant.Int), ("msg_type", QVariant.Int),
        ("vessel_name", QVariant.String), ("imo", QVariant.Int), ("call_sign", QVariant.String),
        ("ship_type", QVariant.Int), ("length", QVariant.Int), ("width", QVariant.Int),
        ("destination", QVariant.String),
    ))


class ImportAisAlgorithm(RasonAlgorithm):
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    NAME = "importais"
    DISPLAY_NAME = "Import AIS NMEA log"
    GROUP = "Vessels (AIS)"
    GROUP_ID = "ais"
    MENU_TEXT = "Import AIS NMEA log…"
    ICON = "ais_import.svg"
    HELP = (
        "Reads a raw AIS receiver log (NMEA !AIVDM/!AIVDO sentences) line by line and writes one "
        "point per position report (message types 1, 2, 3, 18, 19, 27) with MMSI, receive time, "
        "SOG, COG, heading, navigational status and message type, joined with the vessel's static "
        "data from type 5, 19 and 24 messages (name, IMO, call sign, ship type, length, width, "
        "destination).<br><br>"
        "Receive times come from a leading 'YYYY-MM-DD HH:MM:SS,' prefix, an NMEA 4.10 tag block "
        "(\\c:epoch*hh\\, its checksum verified), or leading or trailing digits (epoch seconds: "
        "9-10 digits, milliseconds: 12-13, YYYYmmddHHMMSS; a line counter is no time). AIS "
        "messages carry no date, "
        "so a log without any of these gives positions without a time: the log says so and the "
        "time field stays empty.<br><br>"
        "Multipart messages are reassembled per source station (tag block s:). Lines that are "
        "not AIS, fail their checksum (or their tag block's), have "
        "an empty payload or cannot be decoded, and positions marked 'not available' (lat 91, "
        "lon 181), are counted and reported, never fatal. Big logs are streamed, never loaded.<br>"
        "Needs the pyais library; if it is missing the error gives the install command."
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, "AIS NMEA log", behavior=QgsProcessingParameterFile.File,
            fileFilter="NMEA logs (*.nmea *.log *.txt *.ais);;All files (*.*)"))
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT, "AIS positions", type=QgsProcessing.TypeVectorPoint))
        self.addOutput(QgsProcessingOutputNumber("POSITIONS_FOUND", "Position reports decoded"))
        self.addOutput(QgsProcessingOutputNumber("POSITIONS_WRITTEN", "Positions written"))
        self.addOutput(QgsProcessingOutputNumber("VESSELS", "Vessels (MMSI)"))
        self.addOutput(QgsProcessingOutputBoolean("HAS_TIMES", "The log carries receive times"))
        self.addOutput(QgsProcessingOutputString("SKIPPED", "Skipped, by reason"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFile(parameters, self.INPUT, context)
        if not path:
            self.fail("Choose an AIS NMEA log file for INPUT.")
        destination = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        try:
            reader = NmeaReader(path, progress=lambda f: feedback.setProgress(100.0 * f),
                                is_cancelled=feedback.isCanceled)
            reader.scan_static()
        except AisDecoderMissingError as err:
            raise QgsProcessingException(str(err)) from err
        except NotAisError as err:
            raise QgsProcessingException(
                f"{path} is not an AIS NMEA log ({err}). INPUT must hold !AIVDM/!AIVDO "
                "sentences; for CSV positions use rason:vesseltracks directly.") from err
        except OSError as err:
            raise QgsProcessingException(f"Cannot read {path}: {err}.") from err
        if feedback.isCanceled():
            raise QgsProcessingException("Cancelled: no output was written.")

        fields = position_fields()
        output = FileOutput(destination, fields, QgsWkbTypes.Point, WGS84, context,
                            "ais_positions")
        vessels = set()
        try:
            feature = QgsFeature(fields)
            for report, static in reader.positions():
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(report.lon, report.lat)))
                feature.setAttributes([
                    f"{report.mmsi:09d}",
                    epoch_to_qdatetime(report.time) if report.time is not None else None,
                    report.lon, report.lat, report.sog, report.cog, report.heading,
                    report.nav_status, report.msg_type,
                ] + [static.get(key) for key in STATIC_KEYS])
                output.add(feature)
                vessels.add(report.mmsi)
            if feedback.isCanceled():
                output.abort()
                raise QgsProcessingException("Cancelled: no output was written.")
            result_path = output.finish()
        except BaseException:
            output.abort()
            raise

        stats = reader.stats
        feedback.pushInfo(
            f"{stats.lines} lines, {stats.sentences} AIS sentences, {stats.messages} messages; "
            f"{stats.positions_found} position reports, {stats.positions_written} written "
            f"for {len(vessels)} vessels; {len(reader.static)} vessels with static data.")
        skipped = skipped_summary(stats)
        for line in skipped:
            feedback.pushInfo(f"Skipped: {line}")
        if stats.positions_written and not stats.has_times:
            feedback.pushWarning(
                "This log carries no receive timestamps (no time prefix or tag block): AIS "
                "position messages hold only the second of the minute, so the 'time' field is "
                "empty and these positions cannot be made into tracks or port calls.")
        elif stats.positions_timed < stats.positions_written:
            feedback.pushWarning(
                f"{stats.positions_written - stats.positions_timed} positions have no receive "
                "time; their 'time' field is empty.")
        return {
            self.OUTPUT: result_path,
            "POSITIONS_FOUND": stats.positions_found,
            "POSITIONS_WRITTEN": stats.positions_written,
            "VESSELS": len(vessels),
            "HAS_TIMES": stats.has_times,
            "SKIPPED": "; ".join(skipped),
        }
