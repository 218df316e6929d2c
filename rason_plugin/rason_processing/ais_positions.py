"""AIS position inputs: the base class of the algorithms that read them, and the reading itself."""
from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from ..compat import FieldDataType, GeometryType, SourceType
from ..core.ais.positions import (
    clean_positions,
    no_time_message,
    parse_mmsi,
    parse_time,
    skipped_lines,
)
from ..i18n import tr
from .base import RasonAlgorithm
from .projection import WGS84, transform_between

CHUNK = 100_000


def epoch_to_qdatetime(epoch: float) -> QDateTime:
    """Return a UTC QDateTime for epoch seconds (NaN gives a null QDateTime)."""
    if epoch is None or not math.isfinite(epoch):
        return QDateTime()
    return QDateTime.fromMSecsSinceEpoch(int(round(epoch * 1000.0)), Qt.TimeSpec.UTC)


def _time_value(value) -> float:
    """Return epoch seconds UTC for an attribute value of any type QGIS hands out."""
    if isinstance(value, QDateTime):
        if value.isNull() or not value.isValid():
            return math.nan
        if value.timeSpec() == Qt.TimeSpec.LocalTime:  # a naive time: taken as UTC, like text is
            value = QDateTime(value.date(), value.time(), Qt.TimeSpec.UTC)
        return value.toMSecsSinceEpoch() / 1000.0
    if isinstance(value, QDate):
        if value.isNull() or not value.isValid():
            return math.nan
        return QDateTime(value, QTime(0, 0), Qt.TimeSpec.UTC).toMSecsSinceEpoch() / 1000.0
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return math.nan
    return parse_time(value)


def field_index(source, name: str, what: str, required: bool = True) -> int:
    """Return the index of field ``name`` in ``source`` or raise an error naming the fix."""
    if not name:
        if required:
            raise QgsProcessingException(tr("Choose the {what} field of the input layer.").format(what=what))
        return -1
    idx = source.fields().lookupField(name)
    if idx < 0 and required:
        names = ", ".join(source.fields().names())
        raise QgsProcessingException(
            tr("The input layer has no field '{name}' for the {what}; choose one of: {names}.")
            .format(name=name, what=what, names=names))
    return idx


class _Columns:
    """Attribute values gathered row by row and turned into numpy arrays every CHUNK rows, so a
    big layer never sits in memory as millions of Python objects."""

    def __init__(self, i_mmsi: int, i_time: int, i_sog: int, i_name: int, transform):
        self.i_mmsi, self.i_time, self.i_sog, self.i_name = i_mmsi, i_time, i_sog, i_name
        self.transform = transform
        self.parts: dict = {k: [] for k in ("mmsi", "t", "lon", "lat", "sog")}
        self.first_names: dict = {}
        self.rows = {k: [] for k in ("mmsi", "t", "lon", "lat", "sog", "names")}
        self.time_cache: dict = {}
        self.bad_time = []  # the first time value that could not be read, for the messages

    def add(self, feature):
        """Take one feature's MMSI, time, speed, name and lon/lat (NaN without a point)."""
        rows, attributes = self.rows, feature.attributes()
        rows["mmsi"].append(attributes[self.i_mmsi])
        value = attributes[self.i_time]
        if isinstance(value, str):
            t = self.time_cache.get(value)
            if t is None:
                t = self.time_cache[value] = parse_time(value)
        else:
            t = _time_value(value)
        if not self.bad_time and math.isnan(t):
            self.bad_time.append(value)
        rows["t"].append(t)
        if self.i_sog >= 0:
            try:
                rows["sog"].append(float(attributes[self.i_sog]))
            except (TypeError, ValueError):
                rows["sog"].append(math.nan)
        if self.i_name >= 0:
            v = attributes[self.i_name]
            rows["names"].append(v if isinstance(v, str) else None)
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            rows["lon"].append(math.nan)
            rows["lat"].append(math.nan)
            return
        if self.transform is not None:
            geometry.transform(self.transform)
        point = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
        rows["lon"].append(point.x())
        rows["lat"].append(point.y())

    def flush(self):
        """Move the gathered rows into numpy arrays."""
        rows = self.rows
        if not rows["mmsi"]:
            return
        m = parse_mmsi(rows["mmsi"])
        self.parts["mmsi"].append(m)
        for key in ("t", "lon", "lat") + (("sog",) if self.i_sog >= 0 else ()):
            self.parts[key].append(np.asarray(rows[key], dtype=np.float64))
        if self.i_name >= 0:
            for key, name in zip(m.tolist(), rows["names"]):
                if key > 0 and name and key not in self.first_names:
                    self.first_names[key] = name.strip()
        for column in rows.values():
            column.clear()
        self.time_cache.clear()

    def joined(self) -> dict:
        self.flush()
        return {k: np.concatenate(v) if v else None for k, v in self.parts.items()}


def read_positions(source, mmsi_field: str, time_field: str, feedback, sog_field: str = "",
                   name_field: str = "", transform_context=None):
    """Return cleaned ``Positions`` from a point source, fetching only the needed attributes.

    Geometries are transformed to EPSG:4326 with ``transform_context`` (the algorithm's
    ``context.transformContext()``). Rows without a point geometry count as ``coord_missing``.
    No readable time at all is an error naming the field and the forms.
    """
    i_mmsi = field_index(source, mmsi_field, "MMSI")
    i_time = field_index(source, time_field, tr("time"))
    i_sog = source.fields().lookupField(sog_field) if sog_field else -1
    i_name = source.fields().lookupField(name_field) if name_field else -1
    if QgsWkbTypes.geometryType(source.wkbType()) != GeometryType.Point:
        raise QgsProcessingException(
            tr("The input layer has no point geometry. Load a CSV as a point layer (Layer > Add "
               "Delimited Text Layer with its lon/lat columns as X/Y) or run rason:importais first."))
    wanted = [i for i in (i_mmsi, i_time, i_sog, i_name) if i >= 0]
    request = QgsFeatureRequest().setSubsetOfAttributes(wanted)
    columns = _Columns(i_mmsi, i_time, i_sog, i_name,
                       transform_between(source.sourceCrs(), WGS84, transform_context))
    total = source.featureCount() or 0
    n = 0
    for n, feature in enumerate(source.getFeatures(request), start=1):
        if n % CHUNK == 0:
            columns.flush()
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled."))
            if total:
                feedback.setProgress(40.0 * n / total)
        columns.add(feature)
    joined = columns.joined()
    if feedback.isCanceled():
        raise QgsProcessingException(tr("Cancelled."))
    if n == 0:
        raise QgsProcessingException(tr("The input layer has no features; choose a layer with "
                                        "AIS positions."))
    example = _shown(columns.bad_time[0]) if columns.bad_time else None
    if not np.isfinite(joined["t"]).any():
        raise QgsProcessingException(no_time_message(time_field, example))
    positions = clean_positions(joined["mmsi"], joined["t"], joined["lon"], joined["lat"],
                                joined["sog"])
    kept = set(np.unique(positions.mmsi).tolist())
    positions.names = {m: name for m, name in columns.first_names.items() if m in kept and name}
    positions.bad_time_example = example
    return positions


def _shown(value) -> str:
    """Return an attribute value as the user would see it in the attribute table."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return "NULL"
    if isinstance(value, QDateTime):
        return value.toString("yyyy-MM-dd HH:mm:ss") if value.isValid() else "NULL"
    if isinstance(value, QDate):
        return value.toString("yyyy-MM-dd") if value.isValid() else "NULL"
    return str(value)


def report_cleaning(positions, feedback) -> None:
    """Tell the user how many rows were skipped and why."""
    lines = skipped_lines(positions.skipped, positions.bad_time_example)
    kept = len(positions)
    feedback.pushInfo(tr("{rows} input rows, {kept} kept after cleaning.").format(rows=positions.rows_in,
                                                                                  kept=kept))
    for line in lines:
        feedback.pushInfo(tr("Skipped: {reason}").format(reason=line))
    if not positions.was_sorted:
        feedback.pushInfo(tr("The input was not in (MMSI, time) order; it was sorted."))


class AisPositionsAlgorithm(RasonAlgorithm):
    """Base of the algorithms that read AIS positions: the INPUT layer, its MMSI/time fields and
    the optional speed and name fields, read and cleaned in one place."""

    INPUT = "INPUT"
    MMSI_FIELD = "MMSI_FIELD"
    TIME_FIELD = "TIME_FIELD"
    SOG_FIELD = "SOG_FIELD"
    NAME_FIELD = "NAME_FIELD"

    def add_position_input(self) -> None:
        """Add the INPUT layer and its MMSI/time field parameters every position algorithm takes."""
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, tr("AIS positions"), [SourceType.VectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            self.MMSI_FIELD, tr("MMSI field"), defaultValue="mmsi", parentLayerParameterName=self.INPUT))
        self.addParameter(QgsProcessingParameterField(
            self.TIME_FIELD, tr("Time field"), defaultValue="time", parentLayerParameterName=self.INPUT))

    def add_position_extras(self) -> None:
        """Add the optional speed and vessel-name field parameters."""
        self.addParameter(QgsProcessingParameterField(
            self.SOG_FIELD, tr("Speed over ground field (optional)"), defaultValue="sog",
            parentLayerParameterName=self.INPUT, type=FieldDataType.Numeric,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.NAME_FIELD, tr("Vessel name field (optional)"), defaultValue="vessel_name",
            parentLayerParameterName=self.INPUT, optional=True))

    def input_source(self, parameters, context):
        """Return the INPUT source, or fail naming the fix."""
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            self.fail(tr("Choose a point layer of AIS positions for INPUT."))
        return source

    def positions(self, parameters, context, feedback, source=None):
        """Return the cleaned positions of INPUT (fields as chosen), with the cleaning reported.

        ``source``: INPUT already opened by the caller (to check it before other inputs).
        """
        if source is None:
            source = self.input_source(parameters, context)
        text = lambda key: self.parameterAsString(parameters, key, context)  # noqa: E731
        positions = read_positions(source, text(self.MMSI_FIELD), text(self.TIME_FIELD), feedback,
                                   text(self.SOG_FIELD), text(self.NAME_FIELD),
                                   context.transformContext())
        report_cleaning(positions, feedback)
        return positions
