"""rason:importais: raw NMEA AIVDM/AIVDO log -> point layer of position reports with static data."""
from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterVectorDestination,
)

from ..compat import FieldType, FileBehavior, SourceType, WkbType
from ..core.ais.decoder import AisDecoderMissingError
from ..core.ais.nmea import NmeaReader, NotAisError, skipped_summary
from ..i18n import tr, tr_noop
from .ais_positions import epoch_to_qdatetime
from .base import RasonAlgorithm, fields_from
from .projection import WGS84
from .vector_output import FileOutput

STATIC_KEYS = ("vessel_name", "imo", "call_sign", "ship_type", "length", "width", "destination")


def position_fields() -> QgsFields:
    """Return the fields of the imported position layer, in order."""
    return fields_from((
        ("mmsi", FieldType.String), ("time", FieldType.DateTime), ("lon", FieldType.Double),
        ("lat", FieldType.Double), ("sog", FieldType.Double), ("cog", FieldType.Double),
        ("heading", FieldType.Int), ("nav_status", FieldType.Int), ("msg_type", FieldType.Int),
        ("vessel_name", FieldType.String), ("imo", FieldType.Int), ("call_sign", FieldType.String),
        ("ship_type", FieldType.Int), ("length", FieldType.Int), ("width", FieldType.Int),
        ("destination", FieldType.String),
    ))


class ImportAisAlgorithm(RasonAlgorithm):
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    NAME = "importais"
    DISPLAY_NAME = tr_noop("Import AIS NMEA log")
    GROUP = tr_noop("Vessels (AIS)")
    GROUP_ID = "ais"
    MENU_TEXT = tr_noop("Import AIS NMEA log…")
    ICON = "ais_import.svg"
    HELP_ANCHOR = "vessel-tracks-and-port-calls-from-ais-vessels-ais-group"
    HELP = tr_noop(
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
            self.INPUT, tr("AIS NMEA log"), behavior=FileBehavior.File,
            fileFilter=tr("NMEA logs (*.nmea *.log *.txt *.ais);;All files (*.*)")))
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT, tr("AIS positions"), type=SourceType.VectorPoint))
        self.addOutput(QgsProcessingOutputNumber("POSITIONS_FOUND", tr("Position reports decoded")))
        self.addOutput(QgsProcessingOutputNumber("POSITIONS_WRITTEN", tr("Positions written")))
        self.addOutput(QgsProcessingOutputNumber("VESSELS", tr("Vessels (MMSI)")))
        self.addOutput(QgsProcessingOutputBoolean("HAS_TIMES", tr("The log carries receive times")))
        self.addOutput(QgsProcessingOutputString("SKIPPED", tr("Skipped, by reason")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFile(parameters, self.INPUT, context)
        if not path:
            self.fail(tr("Choose an AIS NMEA log file for INPUT."))
        destination = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        reader = _open_log(path, feedback)
        with FileOutput(destination, position_fields(), WkbType.Point, WGS84, context,
                        "ais_positions") as output:
            vessels = _write_positions(output, reader)
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled: no output was written."))
            result_path = output.finish()
        stats = reader.stats
        skipped = _report(feedback, reader, vessels)
        return {
            self.OUTPUT: result_path,
            "POSITIONS_FOUND": stats.positions_found,
            "POSITIONS_WRITTEN": stats.positions_written,
            "VESSELS": len(vessels),
            "HAS_TIMES": stats.has_times,
            "SKIPPED": "; ".join(skipped),
        }


def _open_log(path, feedback):
    """Return an NmeaReader on ``path`` with its static data scanned, or fail naming the fix."""
    try:
        reader = NmeaReader(path, progress=lambda f: feedback.setProgress(100.0 * f),
                            is_cancelled=feedback.isCanceled)
        reader.scan_static()
    except AisDecoderMissingError as err:
        raise QgsProcessingException(str(err)) from err
    except NotAisError as err:
        raise QgsProcessingException(
            tr("{path} is not an AIS NMEA log ({error}). INPUT must hold !AIVDM/!AIVDO "
               "sentences; for CSV positions use rason:vesseltracks directly.")
            .format(path=path, error=err)) from err
    except OSError as err:
        raise QgsProcessingException(
            tr("Cannot read {path}: {error}.").format(path=path, error=err)) from err
    if feedback.isCanceled():
        raise QgsProcessingException(tr("Cancelled: no output was written."))
    return reader


def _write_positions(output, reader) -> set:
    """Write every position report (with its vessel's static data); return the MMSIs seen."""
    vessels = set()
    feature = QgsFeature(position_fields())
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
    return vessels


def _report(feedback, reader, vessels) -> list:
    """Tell the user what the log held and what was skipped; return the skipped reasons."""
    stats = reader.stats
    feedback.pushInfo(
        tr("{lines} lines, {sentences} AIS sentences, {messages} messages; "
           "{found} position reports, {written} written "
           "for {vessels} vessels; {static} vessels with static data.")
        .format(lines=stats.lines, sentences=stats.sentences, messages=stats.messages,
                found=stats.positions_found, written=stats.positions_written,
                vessels=len(vessels), static=len(reader.static)))
    skipped = skipped_summary(stats)
    for line in skipped:
        feedback.pushInfo(tr("Skipped: {reason}").format(reason=line))
    if stats.positions_written and not stats.has_times:
        feedback.pushWarning(
            tr("This log carries no receive timestamps (no time prefix or tag block): AIS "
               "position messages hold only the second of the minute, so the 'time' field is "
               "empty and these positions cannot be made into tracks or port calls."))
    elif stats.positions_timed < stats.positions_written:
        feedback.pushWarning(
            tr("{count} positions have no receive time; their 'time' field is empty.")
            .format(count=stats.positions_written - stats.positions_timed))
    return skipped
