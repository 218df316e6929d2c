"""rason:portcalls: AIS positions + port polygons -> port calls and per-port weekly/monthly summary."""
from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorDestination,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate

from ..compat import FieldType, GeometryType, NumberType, SourceType, WkbType
from ..core.ais.portcalls import Port, port_calls, summarise_calls
from ..i18n import tr, tr_noop
from .ais_positions import AisPositionsAlgorithm, epoch_to_qdatetime
from .base import fields_from
from .projection import WGS84, transform_between
from .vector_output import FileOutput


def call_fields() -> QgsFields:
    """Return the fields of the port-calls table."""
    return fields_from((
        ("mmsi", FieldType.String), ("vessel_name", FieldType.String), ("port", FieldType.String),
        ("arrival", FieldType.DateTime), ("departure", FieldType.DateTime),
        ("dwell_hours", FieldType.Double), ("min_sog", FieldType.Double),
        ("n_positions", FieldType.Int),
    ))


def summary_fields() -> QgsFields:
    """Return the fields of the per-port, per-period summary table."""
    return fields_from((
        ("port", FieldType.String), ("period", FieldType.String), ("period_start", FieldType.Date),
        ("calls", FieldType.Int), ("vessels", FieldType.Int), ("dwell_hours", FieldType.Double),
    ))


def default_ports_layer() -> QgsVectorLayer:
    """Return the plugin's port monitoring areas (kind='port'), resolved when the run starts."""
    from ..layers.catalogue import REFERENCE_GPKG

    if not REFERENCE_GPKG.exists():
        raise QgsProcessingException(
            tr("The plugin's reference GeoPackage {path} is missing, so there are no "
               "default port areas. Reinstall the plugin, or choose a polygon layer for PORTS.")
            .format(path=REFERENCE_GPKG))
    from ..layers.loader import reference_for_reading

    layer = QgsVectorLayer(f"{reference_for_reading()}|layername=monitoring_areas", "ports", "ogr")
    if not layer.isValid():
        raise QgsProcessingException(
            tr("{path} has no readable 'monitoring_areas' layer. Reinstall the plugin, "
               "or choose a polygon layer for PORTS.").format(path=REFERENCE_GPKG))
    layer.setSubsetString("\"kind\" = 'port'")
    return layer


def ports_from_source(source, name_field: str, feedback, transform_context=None) -> list:
    """Return core ``Port`` objects (lon/lat rings) from a polygon source.

    ``transform_context``: the run's ``context.transformContext()``; the project singleton
    belongs to the main thread and may hold other datum transformations than the run's.
    """
    if QgsWkbTypes.geometryType(source.wkbType()) != GeometryType.Polygon:
        raise QgsProcessingException(tr("PORTS must be a polygon layer of port areas."))
    i_name = source.fields().lookupField(name_field) if name_field else -1
    transform = transform_between(source.sourceCrs(), WGS84, transform_context)
    request = QgsFeatureRequest().setSubsetOfAttributes([i_name] if i_name >= 0 else [])
    # Features sharing a name are one port (a harbour drawn in pieces, maybe overlapping): its
    # polygons are joined, so a vessel in an overlap or moving between pieces makes one call.
    by_name: dict = {}
    for feature in source.getFeatures(request):
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        if transform is not None:
            geometry.transform(transform)
        polygons = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
        rings = [[np.array([[p.x(), p.y()] for p in ring]) for ring in poly] for poly in polygons]
        name = feature.attributes()[i_name] if i_name >= 0 else None
        name = str(name) if name not in (None, "") else f"port {feature.id()}"
        by_name.setdefault(name, []).extend(rings)
    ports = [Port(name, polygons) for name, polygons in by_name.items()]
    if not ports:
        raise QgsProcessingException(tr("PORTS holds no polygon; choose a layer of port areas."))
    feedback.pushInfo(tr("{count} port areas: {names}").format(count=len(ports),
                                                               names=", ".join(p.name for p in ports)))
    return ports


class PortCallsAlgorithm(AisPositionsAlgorithm):
    PORTS = "PORTS"
    PORT_NAME_FIELD = "PORT_NAME_FIELD"
    ENTRY_DISTANCE = "ENTRY_DISTANCE"
    EXIT_DISTANCE = "EXIT_DISTANCE"
    MAX_SILENCE = "MAX_SILENCE"
    OUTPUT = "OUTPUT"
    OUTPUT_SUMMARY = "OUTPUT_SUMMARY"

    NAME = "portcalls"
    DISPLAY_NAME = tr_noop("Port calls from AIS positions")
    GROUP = tr_noop("Vessels (AIS)")
    GROUP_ID = "ais"
    MENU_TEXT = tr_noop("Port calls from AIS positions…")
    ICON = "port_calls.svg"
    HELP_ANCHOR = "vessel-tracks-and-port-calls-from-ais-vessels-ais-group"
    HELP = tr_noop(
        "Finds port calls in AIS positions: one row per call with mmsi, vessel name, port, "
        "arrival, departure (UTC), dwell hours, minimum SOG and the number of positions.<br><br>"
        "Entry and exit use hysteresis: a vessel arrives at its first report within "
        "ENTRY_DISTANCE metres of a port polygon (0 = inside it) and the call lasts while its "
        "reports stay within the larger EXIT_DISTANCE; departure is the last report inside "
        "EXIT_DISTANCE. A call ends only when the vessel stays out: two reports in a row beyond "
        "EXIT_DISTANCE, or no further report; one stray fix beyond it does not split a call. "
        "AIS silence inside the port does not split a call unless it lasts longer "
        "than MAX_SILENCE hours. Distances use a local equirectangular projection around each "
        "port, accurate to well under a metre at port scale.<br><br>"
        "PORTS defaults to the plugin's port monitoring areas (Rajin and Sonbong, approximate). "
        "Features sharing a name are one port, overlaps included. "
        "OUTPUT_SUMMARY gets, per port and per ISO week (starting Monday) and calendar month of "
        "arrival: calls, distinct vessels and total dwell hours."
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_position_input()
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PORTS, tr("Port areas (default: the plugin's port monitoring areas)"),
            [SourceType.VectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.PORT_NAME_FIELD, tr("Port name field"), defaultValue="name",
            parentLayerParameterName=self.PORTS, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.ENTRY_DISTANCE, tr("Entry distance from the port area (m)"),
            NumberType.Double, defaultValue=0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.EXIT_DISTANCE, tr("Exit distance from the port area (m)"),
            NumberType.Double, defaultValue=500.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_SILENCE, tr("Longest AIS silence inside a call (hours)"),
            NumberType.Double, defaultValue=48.0, minValue=0.0))
        self.add_position_extras()
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT, tr("Port calls"), type=SourceType.Vector))
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT_SUMMARY, tr("Port call summary (weekly/monthly)"),
            type=SourceType.Vector))
        self.addOutput(QgsProcessingOutputNumber("CALLS", tr("Port calls")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.input_source(parameters, context)
        entry = self.parameterAsDouble(parameters, self.ENTRY_DISTANCE, context)
        exit_ = self.parameterAsDouble(parameters, self.EXIT_DISTANCE, context)
        if exit_ < entry:
            self.fail(tr("EXIT_DISTANCE ({exit:g} m) must be at least ENTRY_DISTANCE "
                         "({entry:g} m): the exit ring is the wider one.").format(exit=exit_, entry=entry))
        silence_h = self.parameterAsDouble(parameters, self.MAX_SILENCE, context)
        ports_source = self.parameterAsSource(parameters, self.PORTS, context)
        if ports_source is None:
            ports_source = default_ports_layer()
        ports = ports_from_source(
            ports_source, self.parameterAsString(parameters, self.PORT_NAME_FIELD, context)
            or "name", feedback, context.transformContext())

        positions = self.positions(parameters, context, feedback, source)
        try:
            calls = port_calls(positions, ports, entry, exit_, silence_h * 3600.0,
                               progress=lambda f: feedback.setProgress(40 + 40 * f),
                               is_cancelled=feedback.isCanceled)
        except InterruptedError as err:
            raise QgsProcessingException(tr("Cancelled: no output was written.")) from err
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled: no output was written."))
        feedback.pushInfo(tr("{count} port calls.").format(count=len(calls)))
        summary = summarise_calls(calls)

        with FileOutput(self.parameterAsOutputLayer(parameters, self.OUTPUT, context),
                        call_fields(), WkbType.NoGeometry, WGS84, context, "port_calls") as out_calls:
            _write_calls(out_calls, calls, positions)
            with FileOutput(self.parameterAsOutputLayer(parameters, self.OUTPUT_SUMMARY, context),
                            summary_fields(), WkbType.NoGeometry, WGS84, context,
                            "port_call_summary") as out_summary:
                _write_summary(out_summary, summary)
                calls_path = out_calls.finish()
                summary_path = out_summary.finish()
        return {self.OUTPUT: calls_path, self.OUTPUT_SUMMARY: summary_path, "CALLS": len(calls)}


def _write_calls(output, calls, positions):
    """Write one row per port call."""
    feature = QgsFeature(call_fields())
    for i in range(len(calls)):
        mmsi = int(calls.mmsi[i])
        min_sog = float(calls.min_sog[i])
        feature.setAttributes([
            f"{mmsi:09d}", positions.names.get(mmsi), calls.port[i],
            epoch_to_qdatetime(float(calls.arrival[i])),
            epoch_to_qdatetime(float(calls.departure[i])),
            round(float(calls.dwell_hours[i]), 6),
            None if math.isnan(min_sog) else min_sog, int(calls.n_positions[i]),
        ])
        output.add(feature)


def _write_summary(output, summary):
    """Write one row per port and period (ISO week, calendar month)."""
    feature = QgsFeature(summary_fields())
    for row in summary:
        start = row["period_start"]
        feature.setAttributes([
            row["port"], row["period"], QDate(start.year, start.month, start.day),
            row["calls"], row["vessels"], round(row["dwell_hours"], 6),
        ])
        output.add(feature)
