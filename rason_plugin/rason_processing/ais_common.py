"""QGIS glue shared by the AIS algorithms: reading positions, safe file outputs, the track style."""
from __future__ import annotations

import math
import os
import uuid
from pathlib import Path

import numpy as np
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingUtils,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from ..compat import FieldDataType, GeometryType, SourceType, save_style_to_database
from ..core.ais.positions import (
    clean_positions,
    no_time_message,
    parse_mmsi,
    parse_time,
    skipped_lines,
)
from ..i18n import tr
from ..paths import resources_dir
from .base import KeptPostProcessor

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
TRACK_STYLE = "vessel_tracks.qml"
CHUNK = 100_000


def track_style_path() -> str:
    """Return the path of the vessel-tracks style (resources/styles/vessel_tracks.qml)."""
    return str(resources_dir() / "styles" / TRACK_STYLE)


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


def read_positions(source, mmsi_field: str, time_field: str, feedback, sog_field: str = "",
                   name_field: str = "", transform_context=None):
    """Return cleaned ``Positions`` from a point source, fetching only the needed attributes.

    Geometries are transformed to EPSG:4326 with ``transform_context`` (the algorithm's
    ``context.transformContext()``: the project singleton belongs to the main thread, and a run
    may carry its own datum transformations). Rows without a point geometry count as
    ``coord_missing``. No readable time at all is an error naming the field and the forms.
    """
    i_mmsi = field_index(source, mmsi_field, "MMSI")
    i_time = field_index(source, time_field, tr("time"))
    i_sog = source.fields().lookupField(sog_field) if sog_field else -1
    i_name = source.fields().lookupField(name_field) if name_field else -1
    if QgsWkbTypes.geometryType(source.wkbType()) != GeometryType.Point:
        raise QgsProcessingException(
            tr("The input layer has no point geometry. Load a CSV as a point layer (Layer > Add "
               "Delimited Text Layer with its lon/lat columns as X/Y) or run rason:importais first."))
    attrs = [i for i in (i_mmsi, i_time, i_sog, i_name) if i >= 0]
    request = QgsFeatureRequest().setSubsetOfAttributes(attrs)
    transform = None
    if source.sourceCrs().isValid() and source.sourceCrs() != WGS84:
        if transform_context is None:
            from qgis.core import QgsCoordinateTransformContext

            transform_context = QgsCoordinateTransformContext()
        transform = QgsCoordinateTransform(source.sourceCrs(), WGS84, transform_context)
    total = source.featureCount() or 0
    # Attribute values are turned into numpy arrays every CHUNK features, so a big layer never
    # sits in memory as millions of Python objects.
    parts: dict = {k: [] for k in ("mmsi", "t", "lon", "lat", "sog")}
    first_names: dict = {}
    mmsi, times, lon, lat, sog, names = [], [], [], [], [], []
    time_cache: dict = {}
    bad_time = []  # the first time value that could not be read, for the messages

    def flush():
        if not mmsi:
            return
        m = parse_mmsi(mmsi)
        parts["mmsi"].append(m)
        parts["t"].append(np.asarray(times, dtype=np.float64))
        parts["lon"].append(np.asarray(lon, dtype=np.float64))
        parts["lat"].append(np.asarray(lat, dtype=np.float64))
        if i_sog >= 0:
            parts["sog"].append(np.asarray(sog, dtype=np.float64))
        if i_name >= 0:
            for key, name in zip(m.tolist(), names):
                if key > 0 and name and key not in first_names:
                    first_names[key] = name.strip()
        for column in (mmsi, times, lon, lat, sog, names):
            column.clear()
        time_cache.clear()

    n = 0
    for n, feature in enumerate(source.getFeatures(request), start=1):
        if n % CHUNK == 0:
            flush()
            if feedback.isCanceled():
                raise QgsProcessingException(tr("Cancelled."))
            if total:
                feedback.setProgress(40.0 * n / total)
        attributes = feature.attributes()
        mmsi.append(attributes[i_mmsi])
        value = attributes[i_time]
        if isinstance(value, str):
            t = time_cache.get(value)
            if t is None:
                t = time_cache[value] = parse_time(value)
        else:
            t = _time_value(value)
        if not bad_time and math.isnan(t):
            bad_time.append(value)
        times.append(t)
        if i_sog >= 0:
            v = attributes[i_sog]
            try:
                sog.append(float(v))
            except (TypeError, ValueError):
                sog.append(math.nan)
        if i_name >= 0:
            v = attributes[i_name]
            names.append(v if isinstance(v, str) else None)
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            lon.append(math.nan)
            lat.append(math.nan)
            continue
        if transform is not None:
            geometry.transform(transform)
        point = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
        lon.append(point.x())
        lat.append(point.y())
    flush()
    if feedback.isCanceled():
        raise QgsProcessingException(tr("Cancelled."))
    if n == 0:
        raise QgsProcessingException(tr("The input layer has no features; choose a layer with "
                                        "AIS positions."))
    joined = {k: np.concatenate(v) if v else None for k, v in parts.items()}
    example = _shown(bad_time[0]) if bad_time else None
    if not np.isfinite(joined["t"]).any():
        raise QgsProcessingException(no_time_message(time_field, example))
    positions = clean_positions(joined["mmsi"], joined["t"], joined["lon"], joined["lat"],
                                joined["sog"])
    kept = set(np.unique(positions.mmsi).tolist())
    positions.names = {m: name for m, name in first_names.items() if m in kept and name}
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


def add_position_input(alg) -> None:
    """Add the INPUT layer and its MMSI/time field parameters every position algorithm takes."""
    alg.addParameter(QgsProcessingParameterFeatureSource(
        alg.INPUT, tr("AIS positions"), [SourceType.VectorPoint]))
    alg.addParameter(QgsProcessingParameterField(
        alg.MMSI_FIELD, tr("MMSI field"), defaultValue="mmsi", parentLayerParameterName=alg.INPUT))
    alg.addParameter(QgsProcessingParameterField(
        alg.TIME_FIELD, tr("Time field"), defaultValue="time", parentLayerParameterName=alg.INPUT))


def add_position_extras(alg) -> None:
    """Add the optional speed and vessel-name field parameters."""
    alg.addParameter(QgsProcessingParameterField(
        alg.SOG_FIELD, tr("Speed over ground field (optional)"), defaultValue="sog",
        parentLayerParameterName=alg.INPUT, type=FieldDataType.Numeric,
        optional=True))
    alg.addParameter(QgsProcessingParameterField(
        alg.NAME_FIELD, tr("Vessel name field (optional)"), defaultValue="vessel_name",
        parentLayerParameterName=alg.INPUT, optional=True))


def positions_from_parameters(alg, parameters, context, feedback, source=None):
    """Return the cleaned positions of INPUT (fields as chosen), with the cleaning reported.

    ``source``: INPUT already opened by the caller (to check it before other inputs).
    """
    if source is None:
        source = alg.parameterAsSource(parameters, alg.INPUT, context)
    if source is None:
        alg.fail(tr("Choose a point layer of AIS positions for INPUT."))
    text = lambda key: alg.parameterAsString(parameters, key, context)  # noqa: E731
    positions = read_positions(source, text(alg.MMSI_FIELD), text(alg.TIME_FIELD), feedback,
                               text(alg.SOG_FIELD), text(alg.NAME_FIELD),
                               context.transformContext())
    report_cleaning(positions, feedback)
    return positions


class FileOutput:
    """A vector output written to a hidden temporary file beside the target, renamed at the end.

    Destinations that are not plain files (``memory:``, ``ogr:`` URIs, PostGIS) go through
    Processing's own sink instead, which cannot leave a half-written file behind us.
    """

    def __init__(self, destination: str, fields, wkb_type, crs, context, layer_name: str):
        self.destination = destination
        self.tmp = None
        self.sink = None
        self.dest_id = destination
        plain = destination and not destination.startswith(("memory:", "ogr:", "postgres"))
        plain = plain and "|" not in destination
        if plain:
            path = Path(destination)
            if not path.suffix:
                path = path.with_suffix(".gpkg")
                self.destination = self.dest_id = str(path)
            # A unique hidden stem beside the target: two outputs (or batch rows) aimed at one file
            # never share a partial file, and multi-file formats (Shapefile) keep their siblings.
            self._tmp_stem = f".{path.stem}.{uuid.uuid4().hex[:8]}.partial"
            self.tmp = str(path.with_name(self._tmp_stem + path.suffix))
            options = QgsVectorFileWriter.SaveVectorOptions()
            options.driverName = QgsVectorFileWriter.driverForExtension(path.suffix) or "GPKG"
            options.fileEncoding = "UTF-8"
            options.layerName = layer_name
            self.sink = QgsVectorFileWriter.create(self.tmp, fields, wkb_type, crs,
                                                   context.transformContext(), options)
            if self.sink.hasError() != QgsVectorFileWriter.WriterError.NoError:
                message = self.sink.errorMessage()
                self.sink = None
                self._remove_partials()
                raise QgsProcessingException(
                    tr("Cannot write {path}: {error}. Choose another output file.")
                    .format(path=destination, error=message))
        else:
            self.sink, self.dest_id = QgsProcessingUtils.createFeatureSink(
                destination, context, fields, wkb_type, crs)

    def _partials(self):
        folder = Path(self.tmp).parent
        return [p for p in folder.iterdir() if p.name.startswith(self._tmp_stem + ".")]

    def _remove_partials(self):
        for partial in self._partials():
            partial.unlink()

    def add(self, feature) -> None:
        if not self.sink.addFeature(feature):
            raise QgsProcessingException(
                tr("Could not write a feature to {path}.").format(path=self.destination))

    def finish(self) -> str:
        """Close the file and move it into place; return the output id for the results."""
        if self.tmp is None:
            return self.dest_id
        del self.sink
        self.sink = None
        target = Path(self.destination)
        for journal in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            if journal.exists():  # a stale journal would be replayed into the new file
                journal.unlink()
        for partial in self._partials():
            ending = partial.name[len(self._tmp_stem):]
            if ending in (f"{target.suffix}-wal", f"{target.suffix}-shm", f"{target.suffix}-journal"):
                partial.unlink()
                continue
            os.replace(partial, target.with_name(target.stem + ending))
        return self.destination

    def abort(self) -> None:
        """Drop a partial file (on error or cancel)."""
        if self.tmp is None:
            return
        self.sink = None
        self._remove_partials()


def store_track_style(path: str) -> None:
    """Save the vessel-tracks style into a GeoPackage output as its default style."""
    if not path.lower().endswith(".gpkg"):
        return
    layer = QgsVectorLayer(path, "vessel_tracks", "ogr")
    if not layer.isValid():
        return
    layer.loadNamedStyle(track_style_path())
    save_style_to_database(layer, "vessel_tracks", "Rason SEZ Monitor vessel tracks")


def set_track_temporal(layer) -> None:
    """Set the start/end-field temporal mode so the Temporal Controller animates tracks."""
    props = layer.temporalProperties()
    props.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields)
    props.setStartField("start_time")
    props.setEndField("end_time")
    props.setIsActive(True)


class TrackLayerPostProcessor(KeptPostProcessor):
    """Styles a loaded vessel-tracks output and switches its temporal properties on."""

    def process(self, layer, context, feedback):
        if not isinstance(layer, QgsVectorLayer):
            return
        layer.loadNamedStyle(track_style_path())
        set_track_temporal(layer)
        layer.triggerRepaint()
