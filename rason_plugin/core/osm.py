"""OpenStreetMap refresh of the reference layers: Overpass query, JSON parsing, rings, diff, GeoPackage.

Pure Python (json, sqlite3) + numpy + GDAL/OGR; no QGIS. The Processing algorithm
``rason:refreshfromosm`` is a thin wrapper around :func:`refresh` and passes it a ``post`` function
built on QGIS's network stack (so QGIS's proxy, SSL and authentication settings apply); the plain
urllib :func:`post_urllib` is only the fallback for scripts run without QGIS.

OSM data is © OpenStreetMap contributors, available under the Open Database License (ODbL) 1.0.
"""
from __future__ import annotations

import json
import math
import os
import socket
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import numpy as np

DEFAULT_URL = "https://overpass-api.de/api/interpreter"
FALLBACK_URL = "https://overpass.kumi.systems/api/interpreter"
ATTRIBUTION = "© OpenStreetMap contributors"
LICENCE = "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/"
USER_AGENT = "RasonSEZMonitor/0.1 (QGIS plugin; reference-layer refresh)"
MAX_BYTES = 200 * 1024 * 1024
# Rason Special City's ISO 3166-2 code, the tag the boundary relation carries in OSM and geoBoundaries.
ISO_CODE = "KP-13"

OSM_LAYERS = ["sez_boundary", "railway", "rail_stations", "ports"]


class OsmError(Exception):
    """A refresh failed: network, HTTP, timeout, malformed or empty answer, unusable geometry."""


def build_query(timeout_s: int, iso_code: str = ISO_CODE) -> str:
    """Return the Overpass QL query for the zone's boundary, railways, stations and port features."""
    return (
        f"[out:json][timeout:{int(timeout_s)}];\n"
        f'relation["boundary"="administrative"]["ISO3166-2"="{iso_code}"]->.zone_rel;\n'
        ".zone_rel map_to_area->.zone;\n"
        "(\n"
        '  way["railway"~"^(rail|narrow_gauge|disused|construction)$"](area.zone);\n'
        '  node["railway"~"^(station|halt|stop)$"](area.zone);\n'
        '  nwr["harbour"="yes"](area.zone);\n'
        '  nwr["landuse"="port"](area.zone);\n'
        '  nwr["industrial"="port"](area.zone);\n'
        '  nwr["seamark:type"="harbour"](area.zone);\n'
        ")->.features;\n"
        ".zone_rel out geom;\n"
        ".features out geom;\n"
    )


# ------------------------------------------------------------------------------------------------
# Network
# ------------------------------------------------------------------------------------------------
def fetch(urls, query: str, timeout_s: float, is_cancelled=None, log=None, post=None) -> tuple:
    """POST ``query`` to each Overpass URL in turn; return (url, parsed JSON) of the first good answer.

    A server that fails (HTTP error, timeout, refused, not JSON, Overpass runtime error) is
    reported and the next URL is tried; if all fail, OsmError lists every failure.
    ``post(url, body, timeout_s) -> str`` sends the request (default :func:`post_urllib`); it
    raises OsmError with a short reason when the server cannot answer.
    """
    post = post or post_urllib
    failures = []
    for url in [u for u in urls if u]:
        if is_cancelled is not None and is_cancelled():
            raise OsmError("cancelled")
        try:
            text = post(url, encode_query(query), timeout_s)
            data = parse_json(text)
            return url, data
        except OsmError as error:
            failures.append(f"{url}: {error}")
            if log is not None:
                log(f"Overpass server {url} failed: {error}")
    if not failures:
        raise OsmError("no Overpass URL given")
    raise OsmError("; ".join(failures))


def encode_query(query: str) -> bytes:
    """Return the form-encoded POST body Overpass expects (``data=<query>``)."""
    return urllib.parse.urlencode({"data": query}).encode("utf-8")


def decode_answer(raw: bytes) -> str:
    """Return the answer as text; OsmError when it is larger than MAX_BYTES."""
    if len(raw) > MAX_BYTES:
        raise OsmError(f"answer larger than {MAX_BYTES // (1024 * 1024)} MB")
    return raw.decode("utf-8", errors="replace")


def post_urllib(url: str, body: bytes, timeout_s: float) -> str:
    """POST ``body`` with urllib (scripts without QGIS); return the answer's text or raise OsmError."""
    request = urllib.request.Request(url, data=body, headers={
        "User-Agent": USER_AGENT, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            raw = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise OsmError(f"HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, (socket.timeout, TimeoutError)):
            raise OsmError(f"no answer within {timeout_s:g} s (timeout)") from error
        raise OsmError(f"cannot connect ({error.reason})") from error
    except (socket.timeout, TimeoutError) as error:
        raise OsmError(f"no answer within {timeout_s:g} s (timeout)") from error
    except OSError as error:  # connection reset and similar
        raise OsmError(f"connection failed ({error})") from error
    return decode_answer(raw)


def parse_json(text: str) -> dict:
    """Return the Overpass JSON answer as a dict; OsmError if it is not Overpass JSON."""
    try:
        data = json.loads(text)
    except ValueError as error:
        snippet = " ".join(text[:80].split())
        raise OsmError(f"answer is not JSON ({error.msg} at char {error.pos}; starts with {snippet!r})") \
            from error
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise OsmError("answer is JSON but not Overpass JSON (no 'elements' list)")
    remark = str(data.get("remark") or "")
    if "error" in remark.lower():
        raise OsmError(f"Overpass reported: {remark.strip()}")
    return data


# ------------------------------------------------------------------------------------------------
# Geometry from Overpass "out geom"
# ------------------------------------------------------------------------------------------------
@dataclass
class OsmFeature:
    layer: str
    osm_type: str
    osm_id: int
    tags: dict
    geometry_type: str  # 'Point' | 'LineString' | 'MultiPolygon'
    coords: list  # Point: (lon, lat); LineString: [(lon, lat)...]; MultiPolygon: [[ring, inner...], ...]

    @property
    def key(self) -> str:
        return f"{self.osm_type}/{self.osm_id}"

    @property
    def name(self) -> str:
        return self.tags.get("name:en") or self.tags.get("name") or ""

    def wkt(self) -> str:
        return to_wkt(self.geometry_type, self.coords)


@dataclass
class OsmResult:
    features: list = field(default_factory=list)
    timestamp: str = ""
    generator: str = ""

    def layer(self, name: str) -> list:
        return [f for f in self.features if f.layer == name]


def _coords(geometry) -> list:
    if not isinstance(geometry, list) or not geometry:
        raise OsmError("a way has no geometry: the query must end with 'out geom'")
    try:
        return [(float(p["lon"]), float(p["lat"])) for p in geometry]
    except (TypeError, KeyError, ValueError) as error:
        raise OsmError(f"malformed way geometry ({error})") from error


def assemble_rings(ways: list) -> list:
    """Join way coordinate lists into closed rings (reversing ways as needed); return the rings.

    Raises OsmError when the ways leave a gap.
    """
    remaining = [list(w) for w in ways if len(w) >= 2]
    rings = []
    while remaining:
        ring = remaining.pop(0)
        while ring[0] != ring[-1]:
            for index, way in enumerate(remaining):
                if way[0] == ring[-1]:
                    ring.extend(way[1:])
                elif way[-1] == ring[-1]:
                    ring.extend(reversed(way[:-1]))
                elif way[-1] == ring[0]:
                    ring[:0] = way[:-1]
                elif way[0] == ring[0]:
                    ring[:0] = list(reversed(way))[:-1]
                else:
                    continue
                remaining.pop(index)
                break
            else:
                lon, lat = ring[-1]
                raise OsmError(f"the boundary's ways do not close into a ring (gap at {lon:.5f} {lat:.5f})")
        if len(ring) < 4:
            raise OsmError("the boundary has a ring of fewer than 3 distinct points")
        rings.append(ring)
    return rings


def _point_in_ring(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _ring_area(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def multipolygon_from_relation(relation: dict) -> list:
    """Return [[outer, inner...], ...] from a boundary relation's member ways (outer/inner roles)."""
    outers, inners = [], []
    for member in relation.get("members") or []:
        if member.get("type") != "way":
            continue
        role = member.get("role") or "outer"
        coords = _coords(member.get("geometry"))
        (inners if role == "inner" else outers).append(coords)
    if not outers:
        raise OsmError(f"boundary relation {relation.get('id')} has no outer ways")
    polygons = [[ring] for ring in sorted(assemble_rings(outers), key=_ring_area, reverse=True)]
    for inner in assemble_rings(inners) if inners else []:
        for polygon in polygons:
            if _point_in_ring(inner[0], polygon[0]):
                polygon.append(inner)
                break
    return polygons


def to_wkt(geometry_type: str, coords) -> str:
    """Return WKT for a Point, LineString or MultiPolygon given as coordinate lists."""
    def seq(points):
        return ",".join(f"{x!r} {y!r}" for x, y in points)

    if geometry_type == "Point":
        return f"POINT({coords[0]!r} {coords[1]!r})"
    if geometry_type == "LineString":
        return f"LINESTRING({seq(coords)})"
    if geometry_type == "MultiPolygon":
        return "MULTIPOLYGON(" + ",".join(
            "(" + ",".join(f"({seq(ring)})" for ring in polygon) + ")" for polygon in coords) + ")"
    raise ValueError(geometry_type)


def _classify(tags: dict) -> str | None:
    railway = tags.get("railway")
    if railway in ("station", "halt", "stop"):
        return "rail_stations"
    if railway in ("rail", "narrow_gauge", "disused", "construction"):
        return "railway"
    if (tags.get("harbour") == "yes" or tags.get("landuse") == "port" or tags.get("industrial") == "port"
            or tags.get("seamark:type") == "harbour"):
        return "ports"
    return None


def parse_elements(data: dict, iso_code: str = ISO_CODE) -> OsmResult:
    """Turn Overpass JSON (``out geom``) into features of the four OSM layers.

    Raises OsmError for an empty answer or one without the zone's boundary relation.
    """
    elements = data.get("elements") or []
    if not elements:
        raise OsmError("the answer holds no OSM elements (empty result): check the server and the query")
    result = OsmResult(timestamp=str((data.get("osm3s") or {}).get("timestamp_osm_base", "")),
                       generator=str(data.get("generator", "")))
    boundary_found = False
    seen = set()
    for element in elements:
        if not isinstance(element, dict):
            raise OsmError("malformed element in the answer (not an object)")
        kind, osm_id = element.get("type"), element.get("id")
        tags = element.get("tags") or {}
        if (kind, osm_id) in seen:
            continue
        seen.add((kind, osm_id))
        if kind == "relation" and tags.get("ISO3166-2") == iso_code:
            result.features.append(OsmFeature("sez_boundary", kind, int(osm_id), tags, "MultiPolygon",
                                              multipolygon_from_relation(element)))
            boundary_found = True
            continue
        layer = _classify(tags)
        if layer is None:
            continue
        if kind == "node":
            try:
                point = (float(element["lon"]), float(element["lat"]))
            except (KeyError, TypeError, ValueError) as error:
                raise OsmError(f"node {osm_id} has no valid lat/lon") from error
        elif kind == "way":
            coords = _coords(element.get("geometry"))
            if layer == "railway":
                result.features.append(OsmFeature(layer, kind, int(osm_id), tags, "LineString", coords))
                continue
            point = _centroid(coords)
        elif kind == "relation":
            ways = [_coords(m.get("geometry")) for m in element.get("members") or []
                    if m.get("type") == "way" and m.get("geometry")]
            if not ways:
                continue
            point = _centroid([p for w in ways for p in w])
        else:
            continue
        if layer == "railway":  # a railway node (e.g. a stop position tagged rail) is not a line
            continue
        result.features.append(OsmFeature(layer, kind, int(osm_id), tags, "Point", point))
    if not boundary_found:
        raise OsmError(f"the answer has no boundary relation tagged ISO3166-2={iso_code}")
    return result


def _centroid(coords) -> tuple:
    """Return the mean of the distinct vertices: a label point for a port area, not its true centroid."""
    points = coords[:-1] if len(coords) > 1 and coords[0] == coords[-1] else coords
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


# ------------------------------------------------------------------------------------------------
# Diff against the shipped (or a previous) GeoPackage
# ------------------------------------------------------------------------------------------------
@dataclass
class Change:
    layer: str
    change: str  # 'added' | 'removed' | 'moved' | 'unchanged'
    name: str
    key: str
    distance_m: float | None = None


def _vertices(geometry_type: str, coords) -> list:
    if geometry_type == "Point":
        return [coords]
    if geometry_type == "LineString":
        return list(coords)
    return [p for polygon in coords for ring in polygon for p in ring]


def _segments(geometry_type: str, coords) -> list:
    if geometry_type == "Point":
        return [(coords, coords)]
    if geometry_type == "LineString":
        return list(zip(coords, coords[1:])) or [(coords[0], coords[0])]
    return [seg for polygon in coords for ring in polygon for seg in zip(ring, ring[1:])]


def _to_metres(points, lat0: float):
    """Local equirectangular projection (metres) around latitude ``lat0``: plenty for a 50 km zone."""
    arr = np.asarray(points, dtype=float).reshape(-1, 2)
    r = 6371008.8
    return np.column_stack((np.radians(arr[:, 0]) * r * math.cos(math.radians(lat0)),
                            np.radians(arr[:, 1]) * r))


def _directed(points_m, seg_a, seg_b) -> float:
    """Return the largest distance from a point of ``points_m`` to the nearest of the segments."""
    worst = 0.0
    d = seg_b - seg_a
    length2 = np.einsum("ij,ij->i", d, d)
    length2[length2 == 0] = 1e-12
    for start in range(0, len(points_m), 256):
        p = points_m[start:start + 256, None, :]
        t = np.clip(np.einsum("pij,ij->pi", p - seg_a[None], d) / length2, 0, 1)
        nearest = seg_a[None] + t[..., None] * d[None]
        dist = np.sqrt(((p - nearest) ** 2).sum(axis=2)).min(axis=1)
        worst = max(worst, float(dist.max()))
    return worst


def hausdorff_m(a: tuple, b: tuple) -> float:
    """Return the (vertex-to-segment) Hausdorff distance in metres between two geometries.

    ``a`` and ``b`` are (geometry_type, coords) pairs.
    """
    lat0 = float(np.mean([p[1] for p in _vertices(*a) + _vertices(*b)]))
    out = 0.0
    for (ta, ca), (tb, cb) in ((a, b), (b, a)):
        segments = _segments(tb, cb)
        seg_a = _to_metres([s[0] for s in segments], lat0)
        seg_b = _to_metres([s[1] for s in segments], lat0)
        out = max(out, _directed(_to_metres(_vertices(ta, ca), lat0), seg_a, seg_b))
    return out


@dataclass
class Comparable:
    key: str  # osm type/id, or '' for layers without OSM ids (the shipped reference layers)
    name: str
    geometry: tuple  # (geometry_type, coords)


def diff_layer(layer: str, old: list, new: list, *, match_within_m: float, moved_over_m: float = 1.0) -> list:
    """Return the Changes from ``old`` to ``new`` Comparables of one layer.

    Features with OSM ids on both sides are matched by id; otherwise each old feature is matched
    to the nearest unmatched new one within ``match_within_m`` (Hausdorff distance), nearest first.
    A matched pair further apart than ``moved_over_m`` is 'moved' (with its distance).
    """
    changes = []
    matched_new = set()
    pairs = []
    by_key = {c.key: i for i, c in enumerate(new) if c.key}
    unmatched_old = []
    for item in old:
        if item.key and item.key in by_key:
            j = by_key[item.key]
            pairs.append((item, new[j], hausdorff_m(item.geometry, new[j].geometry)))
            matched_new.add(j)
        else:
            unmatched_old.append(item)
    candidates = []
    for i, item in enumerate(unmatched_old):
        for j, other in enumerate(new):
            if j in matched_new or (item.key and other.key):
                continue
            distance = hausdorff_m(item.geometry, other.geometry)
            if distance <= match_within_m:
                candidates.append((distance, i, j))
    used_old = set()
    for distance, i, j in sorted(candidates):
        if i in used_old or j in matched_new:
            continue
        used_old.add(i)
        matched_new.add(j)
        pairs.append((unmatched_old[i], new[j], distance))
    for old_item, new_item, distance in pairs:
        kind = "moved" if distance > moved_over_m else "unchanged"
        changes.append(Change(layer, kind, new_item.name or old_item.name, new_item.key or old_item.key,
                              round(distance, 1)))
    for i, item in enumerate(unmatched_old):
        if i not in used_old:
            changes.append(Change(layer, "removed", item.name, item.key))
    for j, item in enumerate(new):
        if j not in matched_new:
            changes.append(Change(layer, "added", item.name, item.key))
    order = {"moved": 0, "added": 1, "removed": 2, "unchanged": 3}
    return sorted(changes, key=lambda c: (order[c.change], c.name, c.key))


# Distances within which a feature of the compared GeoPackage and an OSM feature are taken to be the
# same thing when neither has an OSM id: stations and ports a few km (WPI points are 1' coarse), the
# schematic railway and the simplified boundary more.
MATCH_WITHIN_M = {"sez_boundary": 20000.0, "railway": 10000.0, "rail_stations": 3000.0, "ports": 3000.0}


def read_comparables(gpkg_path: str, layer: str) -> list:
    """Return the features of ``layer`` in a GeoPackage as Comparables ([] if the layer is absent)."""
    from osgeo import ogr

    ds = ogr.Open(str(gpkg_path), 0)
    if ds is None:
        raise OsmError(f"cannot open {gpkg_path} to compare with")
    try:
        lyr = ds.GetLayerByName(layer)
        if lyr is None:
            return []
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        out = []
        for feature in lyr:
            geometry = feature.GetGeometryRef()
            if geometry is None:
                continue
            key = ""
            if "osm_type" in names and "osm_id" in names and feature.GetField("osm_id") is not None:
                key = f"{feature.GetField('osm_type')}/{feature.GetField('osm_id')}"
            name = ""
            for candidate in ("name_en", "name"):
                if candidate in names and feature.GetField(candidate):
                    name = feature.GetField(candidate)
                    break
            out.append(Comparable(key, name, _from_ogr(geometry)))
        return out
    finally:
        ds = None


def _from_ogr(geometry) -> tuple:
    from osgeo import ogr

    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    if flat == ogr.wkbPoint:
        return "Point", (geometry.GetX(), geometry.GetY())
    if flat == ogr.wkbLineString:
        return "LineString", [tuple(p[:2]) for p in geometry.GetPoints()]
    if flat == ogr.wkbMultiLineString:
        return "LineString", [tuple(p[:2]) for i in range(geometry.GetGeometryCount())
                              for p in geometry.GetGeometryRef(i).GetPoints()]
    polygons = [geometry] if flat == ogr.wkbPolygon else [geometry.GetGeometryRef(i)
                                                          for i in range(geometry.GetGeometryCount())]
    return "MultiPolygon", [[[tuple(p[:2]) for p in poly.GetGeometryRef(r).GetPoints()]
                             for r in range(poly.GetGeometryCount())] for poly in polygons]


def diff_against(gpkg_path: str, result: OsmResult) -> list:
    """Return the Changes from the layers of ``gpkg_path`` to the refreshed OSM features."""
    changes = []
    for layer in OSM_LAYERS:
        old = read_comparables(gpkg_path, layer)
        new = [Comparable(f.key, f.name, (f.geometry_type, f.coords)) for f in result.layer(layer)]
        changes += diff_layer(layer, old, new, match_within_m=MATCH_WITHIN_M[layer])
    return changes


def summarise(changes: list) -> dict:
    """Return {'added': n, 'removed': n, 'moved': n, 'unchanged': n}."""
    counts = {"added": 0, "removed": 0, "moved": 0, "unchanged": 0}
    for change in changes:
        counts[change.change] += 1
    return counts


# ------------------------------------------------------------------------------------------------
# Output
# ------------------------------------------------------------------------------------------------
FIELDS = ["osm_type", "osm_id", "name", "name_en", "kind", "tags"]
GEOMETRY_TYPES = {"sez_boundary": "MultiPolygon", "railway": "LineString", "rail_stations": "Point",
                  "ports": "Point"}


def _kind(layer: str, tags: dict) -> str:
    if layer == "sez_boundary":
        return "boundary"
    if layer == "railway":
        return tags.get("railway", "")
    if layer == "rail_stations":
        return "bridge" if tags.get("bridge") == "yes" else tags.get("railway", "")
    return tags.get("harbour") and "harbour" or tags.get("landuse") or tags.get("industrial") or "port"


def write_gpkg(result: OsmResult, changes: list, target: str, metadata_xml: dict | None = None,
               progress=None, is_cancelled=None) -> str:
    """Write the OSM layers and the change table to ``target`` atomically; return ``target``.

    ``metadata_xml`` maps layer names to QGIS metadata XML, stored in the GeoPackage metadata
    extension where QGIS reads it. A failed or cancelled write leaves ``target`` as it was.
    """
    from osgeo import ogr, osr

    partial = f"{target}.partial.gpkg"
    for leftover in (partial, partial + "-journal", partial + "-wal", partial + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    geometry_codes = {"MultiPolygon": ogr.wkbMultiPolygon, "LineString": ogr.wkbLineString,
                      "Point": ogr.wkbPoint}
    ds = None
    try:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(partial)
        if ds is None:
            raise OsmError(f"cannot create {partial}")
        for step, layer_name in enumerate(OSM_LAYERS):
            if is_cancelled is not None and is_cancelled():
                raise OsmError("cancelled")
            layer = ds.CreateLayer(layer_name, srs, geometry_codes[GEOMETRY_TYPES[layer_name]],
                                   options=["FID=fid", "GEOMETRY_NAME=geom"])
            for field_name in FIELDS:
                layer.CreateField(ogr.FieldDefn(field_name, ogr.OFTInteger64 if field_name == "osm_id"
                                                else ogr.OFTString))
            ds.StartTransaction()
            for feature in result.layer(layer_name):
                out = ogr.Feature(layer.GetLayerDefn())
                out.SetField("osm_type", feature.osm_type)
                out.SetField("osm_id", feature.osm_id)
                out.SetField("name", feature.tags.get("name", ""))
                out.SetField("name_en", feature.tags.get("name:en", ""))
                out.SetField("kind", _kind(layer_name, feature.tags))
                out.SetField("tags", json.dumps(feature.tags, ensure_ascii=False, sort_keys=True))
                out.SetGeometry(ogr.CreateGeometryFromWkt(feature.wkt()))
                layer.CreateFeature(out)
            ds.CommitTransaction()
            if progress is not None:
                progress((step + 1) / (len(OSM_LAYERS) + 1))
        table = ds.CreateLayer("osm_changes", None, ogr.wkbNone)
        for field_name, field_type in (("layer", ogr.OFTString), ("change", ogr.OFTString),
                                       ("name", ogr.OFTString), ("osm_key", ogr.OFTString),
                                       ("distance_m", ogr.OFTReal)):
            table.CreateField(ogr.FieldDefn(field_name, field_type))
        ds.StartTransaction()
        for change in changes:
            row = ogr.Feature(table.GetLayerDefn())
            row.SetField("layer", change.layer)
            row.SetField("change", change.change)
            row.SetField("name", change.name)
            row.SetField("osm_key", change.key)
            if change.distance_m is not None:
                row.SetField("distance_m", change.distance_m)
            table.CreateFeature(row)
        ds.CommitTransaction()
        ds = None
        if metadata_xml:
            store_qgis_metadata(partial, metadata_xml)
        if is_cancelled is not None and is_cancelled():
            raise OsmError("cancelled")
        os.replace(partial, target)
    except BaseException:
        ds = None
        for leftover in (partial, partial + "-journal", partial + "-wal", partial + "-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)
        raise
    if progress is not None:
        progress(1.0)
    return target


QGIS_METADATA_URI = "http://mrcc.com/qgis.dtd"


def store_qgis_metadata(gpkg_path: str, metadata_xml: dict, timestamp: str | None = None) -> None:
    """Store QGIS layer metadata XML per table in the GeoPackage metadata extension.

    QGIS (3.22 included) reads a ``gpkg_metadata`` row with ``md_standard_uri`` = the QGIS DTD and
    a 'table' reference as the layer's metadata. Existing metadata rows are replaced; ids count
    from 1 and ``timestamp`` (default: now) is written as given, so a rebuild is reproducible.
    """
    con = sqlite3.connect(gpkg_path)
    try:
        con.executescript(
            """
            CREATE TABLE IF NOT EXISTS gpkg_metadata (
              id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL,
              md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL,
              mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '');
            CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (
              reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT, row_id_value INTEGER,
              timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              md_file_id INTEGER NOT NULL, md_parent_id INTEGER,
              CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
              CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id));
            """
        )
        for table in ("gpkg_metadata", "gpkg_metadata_reference"):
            con.execute(
                "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, "
                "scope) VALUES (?, NULL, 'gpkg_metadata', "
                "'http://www.geopackage.org/spec120/#extension_metadata', 'read-write')", (table,))
        con.execute("DELETE FROM gpkg_metadata_reference")
        con.execute("DELETE FROM gpkg_metadata")
        for md_id, (name, text) in enumerate(metadata_xml.items(), start=1):
            con.execute("INSERT INTO gpkg_metadata (id, md_scope, md_standard_uri, mime_type, metadata) "
                        "VALUES (?, 'dataset', ?, 'text/xml', ?)", (md_id, QGIS_METADATA_URI, text))
            if timestamp is None:
                con.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) "
                            "VALUES ('table', ?, ?)", (name, md_id))
            else:
                con.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, timestamp, "
                            "md_file_id) VALUES ('table', ?, ?, ?)", (name, timestamp, md_id))
        con.commit()
    finally:
        con.close()


def refresh(urls, target: str, compare_with: str, *, timeout_s: float = 60, metadata_xml=None,
            log=None, progress=None, is_cancelled=None, post=None) -> tuple:
    """Query Overpass, diff against ``compare_with``, write ``target``; return (result, changes, url).

    ``post`` sends each request (see :func:`fetch`). Any failure raises OsmError before
    ``target`` is touched.
    """
    url, data = fetch(urls, build_query(int(math.ceil(timeout_s))), timeout_s, is_cancelled, log, post)
    if progress is not None:
        progress(0.3)
    result = parse_elements(data)
    changes = diff_against(compare_with, result)
    if progress is not None:
        progress(0.5)
    write_gpkg(result, changes, target, metadata_xml(result) if callable(metadata_xml) else metadata_xml,
               progress=(lambda f: progress(0.5 + 0.5 * f)) if progress else None, is_cancelled=is_cancelled)
    return result, changes, url
