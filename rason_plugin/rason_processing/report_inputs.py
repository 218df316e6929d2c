"""Reading the monitoring report's inputs into plain values (rows, times in UTC, zone geometries).

Each reader takes a feature source and returns Python values, so the layout code never touches a
data provider and the figures it prints can be traced to one field of one input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsGeometry,
    QgsProcessingException,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from ..core.report import Credits, SeriesPoint, sha256_file
from ..i18n import tr

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


@dataclass
class ReportData:
    """Everything the report prints, read once from the inputs."""

    title: str = ""
    zones: list = field(default_factory=list)  # (name, kind, QgsGeometry in WGS 84)
    stats: dict | None = None  # zone -> dict of CHANGE_ZONE_STATS fields; None: input not given
    series: dict | None = None  # zone -> [SeriesPoint]
    calls: list | None = None  # dicts: vessel, mmsi, port, arrival, departure, dwell_hours
    detections: list | None = None  # dicts: det_id, lon, lat, length_m, time, status, ...
    missed: list | None = None  # dicts: mmsi, vessel_name, lon, lat
    provenance: list = field(default_factory=list)  # (parameter, layer name, path, checksum)
    parameters: list = field(default_factory=list)  # (parameter, value as text)
    credits: Credits = field(default_factory=Credits)

    def times(self):
        """Yield every time the inputs hold (for the period covered)."""
        for points in (self.series or {}).values():
            for p in points:
                yield p.start
                yield p.end
        for call in self.calls or ():
            yield call["arrival"]
            yield call["departure"]
        for det in self.detections or ():
            yield det["time"]


def to_datetime(value) -> datetime | None:
    """Return a UTC datetime for a QDateTime, an ISO text or a datetime attribute (None if empty)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, QDateTime):
        if not value.isValid():
            return None
        if value.timeSpec() == Qt.TimeSpec.LocalTime:
            # A time read without a zone (GeoPackage text "2026-03-02T06:00:00.000", as QGIS 3.22
            # writes the plugin's UTC outputs) is UTC: the plugin writes UTC times only. Taken as
            # local, it would shift by the machine's offset (9 h in Rason).
            d, t = value.date(), value.time()
            return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), t.msec() * 1000,
                            tzinfo=timezone.utc)
        return datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000.0, tz=timezone.utc)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def to_float(value) -> float | None:
    """Return a float for a numeric attribute, None for NULL or text that is no number."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def to_text(value) -> str:
    """Return the attribute as text, '' for NULL."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value)


def field_index(source, parameter: str, wanted: str, required: bool = True) -> int:
    """Return the index of field ``wanted`` (any case) in ``source``; -1 when optional and absent."""
    names = [f.name() for f in source.fields()]
    lower = [n.lower() for n in names]
    if wanted in lower:
        return lower.index(wanted)
    if required:
        raise QgsProcessingException(
            tr("{param} has no field '{field}' (fields: {fields}); choose the layer written by the "
               "algorithm named in its description").format(param=parameter, field=wanted,
                                                             fields=", ".join(names) or "-"))
    return -1


def _rows(source, parameter, spec, feedback):
    """Yield (feature, {field: raw value}) for the fields in ``spec`` ({name: required})."""
    index = {name: field_index(source, parameter, name, required) for name, required in spec.items()}
    for feature in source.getFeatures():
        if feedback.isCanceled():
            return
        attrs = feature.attributes()
        yield feature, {name: (attrs[i] if i >= 0 else None) for name, i in index.items()}


def read_zones(source, feedback, transform_context) -> list:
    """Return (name, kind, geometry in WGS 84) per zone; the name is the 'name' field (or 1st text)."""
    fields = source.fields()
    lower = [f.name().lower() for f in fields]
    name_i = lower.index("name") if "name" in lower else next(
        (i for i, f in enumerate(fields) if f.typeName().lower() in ("string", "text", "varchar")), -1)
    kind_i = lower.index("kind") if "kind" in lower else -1
    to_wgs = QgsCoordinateTransform(source.sourceCrs(), WGS84, transform_context)
    zones = []
    for n, feature in enumerate(source.getFeatures(), start=1):
        attrs = feature.attributes()
        name = to_text(attrs[name_i]) if name_i >= 0 else ""
        geom = QgsGeometry(feature.geometry())
        if not geom.isEmpty():
            geom.transform(to_wgs)
        zones.append((name or tr("zone {n}").format(n=n), to_text(attrs[kind_i]) if kind_i >= 0 else "",
                      geom))
    return zones


def read_stats(source, feedback) -> dict:
    """Return zone -> CHANGE_ZONE_STATS figures (``rason:changedetection`` OUTPUT_ZONE_STATS)."""
    spec = {"zone": True, "valid_area_m2": False, "changed_area_m2": True, "changed_pct": False,
            "n_regions": False}
    stats = {}
    for _f, row in _rows(source, "CHANGE_ZONE_STATS", spec, feedback):
        stats[to_text(row["zone"])] = {k: to_float(v) for k, v in row.items() if k != "zone"}
    return stats


def read_series(source, feedback) -> dict:
    """Return zone -> [SeriesPoint] sorted by time (``rason:sarchange`` ZONE_SERIES)."""
    spec = {"zone": True, "start": False, "end": False, "changed_area_m2": True,
            "brighter_area_m2": False, "darker_area_m2": False, "valid_area_m2": False,
            "changed_pct": False}
    if not {f.name().lower() for f in source.fields()} & {"start", "end"}:
        field_index(source, "ZONE_SERIES", "end")  # raises: an interval needs a time
    series = {}
    for _f, row in _rows(source, "ZONE_SERIES", spec, feedback):
        point = SeriesPoint(to_datetime(row["start"]), to_datetime(row["end"]),
                            to_float(row["changed_area_m2"]) or 0.0, to_float(row["brighter_area_m2"]),
                            to_float(row["darker_area_m2"]), to_float(row["valid_area_m2"]),
                            to_float(row["changed_pct"]))
        series.setdefault(to_text(row["zone"]), []).append(point)
    far = datetime.max.replace(tzinfo=timezone.utc)
    for points in series.values():
        points.sort(key=lambda p: (p.start or p.end or far, p.end or far))
    return series


def read_calls(source, feedback) -> list:
    """Return the port calls (``rason:portcalls`` OUTPUT), sorted by arrival then vessel."""
    spec = {"mmsi": False, "vessel_name": False, "port": True, "arrival": True, "departure": True,
            "dwell_hours": False}
    calls = []
    for _f, row in _rows(source, "PORT_CALLS", spec, feedback):
        arrival, departure = to_datetime(row["arrival"]), to_datetime(row["departure"])
        dwell = to_float(row["dwell_hours"])
        if dwell is None and arrival and departure:
            dwell = (departure - arrival).total_seconds() / 3600.0
        mmsi, name = to_text(row["mmsi"]), to_text(row["vessel_name"])
        calls.append({"vessel": name or mmsi or "—", "mmsi": mmsi, "port": to_text(row["port"]),
                      "arrival": arrival, "departure": departure, "dwell_hours": dwell})
    far = datetime.max.replace(tzinfo=timezone.utc)
    calls.sort(key=lambda c: (c["arrival"] or far, c["vessel"], c["port"]))
    return calls


def _lon_lat(feature, to_wgs):
    geom = QgsGeometry(feature.geometry())
    if geom.isEmpty():
        return None, None
    geom.transform(to_wgs)
    point = geom.centroid().asPoint()
    return point.x(), point.y()


def read_detections(source, feedback, transform_context, zones) -> list:
    """Return the ship detections (``rason:darkvessels`` OUTPUT), nearest port area added."""
    spec = {"det_id": False, "length_m": False, "acq_time": False, "status": True, "mmsi": False,
            "vessel_name": False, "score": False}
    to_wgs = QgsCoordinateTransform(source.sourceCrs(), WGS84, transform_context)
    nearest = NearestArea(zones)
    found = []
    for feature, row in _rows(source, "DETECTIONS", spec, feedback):
        lon, lat = _lon_lat(feature, to_wgs)
        area, km = nearest(lon, lat)
        found.append({"det_id": to_text(row["det_id"]) or str(feature.id()), "lon": lon, "lat": lat,
                      "length_m": to_float(row["length_m"]), "time": to_datetime(row["acq_time"]),
                      "status": to_text(row["status"]).lower(), "mmsi": to_text(row["mmsi"]),
                      "vessel_name": to_text(row["vessel_name"]), "area": area, "km": km})
    far = datetime.max.replace(tzinfo=timezone.utc)
    found.sort(key=lambda d: (d["time"] or far, d["det_id"]))
    return found


def read_missed(source, feedback, transform_context) -> list:
    """Return AIS vessels expected in the scene but not detected (``rason:darkvessels`` OUTPUT_MISSED)."""
    to_wgs = QgsCoordinateTransform(source.sourceCrs(), WGS84, transform_context)
    spec = {"mmsi": False, "vessel_name": False}
    missed = []
    for feature, row in _rows(source, "MISSED", spec, feedback):
        lon, lat = _lon_lat(feature, to_wgs)
        missed.append({"mmsi": to_text(row["mmsi"]), "vessel_name": to_text(row["vessel_name"]),
                       "lon": lon, "lat": lat})
    missed.sort(key=lambda m: (m["vessel_name"], m["mmsi"]))
    return missed


class NearestArea:
    """Nearest port area (zones of kind 'port', else every zone) and its distance in km."""

    def __init__(self, zones):
        ports = [(n, g) for n, kind, g in zones if kind.lower() == "port" and not g.isEmpty()]
        self.areas = ports or [(n, g) for n, _k, g in zones if not g.isEmpty()]
        self.distance = QgsDistanceArea()
        self.distance.setEllipsoid("WGS84")

    def __call__(self, lon, lat):
        if lon is None or not self.areas:
            return "", None
        point = QgsGeometry.fromPointXY(_point(lon, lat))
        best = None
        for name, geom in self.areas:
            if geom.contains(point):
                km = 0.0
            else:
                near = geom.nearestPoint(point).asPoint()
                km = self.distance.measureLine(_point(lon, lat), near) / 1000.0
            if best is None or km < best[1]:
                best = (name, km)
        return best


def _point(lon, lat):
    from qgis.core import QgsPointXY

    return QgsPointXY(lon, lat)


def file_of(layer) -> Path | None:
    """Return the file a layer reads (the part of its source before '|'), when it is one."""
    if layer is None or layer.providerType() not in ("ogr", "gdal"):
        return None
    path = Path(layer.source().split("|", 1)[0])
    return path if path.is_file() else None


def provenance_entry(parameter, layer, feedback, path=None):
    """Return (parameter, layer name, path, SHA-256 or why there is none) for one input layer."""
    path = path or file_of(layer)
    if path is None:
        return parameter, layer.name(), tr("not a file ({provider} layer)").format(
            provider=layer.providerType()), "—"
    try:
        return parameter, layer.name(), str(path), sha256_file(path, feedback.isCanceled)
    except InterruptedError:  # cancelled while reading a large file: the run stops after reading
        return parameter, layer.name(), str(path), "—"


def evidence(layer) -> list:
    """Return what a layer says about its sources (name, source, metadata), for the credits."""
    meta = layer.metadata()
    return [layer.name(), layer.source(), meta.title(), meta.abstract(), *meta.rights(), *meta.licenses()]
