"""Overpass elements sorted into the reference layers (boundary, railway, stations, ports)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .common import ISO_CODE, OsmError
from .rings import _coords, multipolygon_from_relation, to_wkt


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
