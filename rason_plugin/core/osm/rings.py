"""Geometry from Overpass "out geom": ways joined into rings, multipolygons, WKT."""
from __future__ import annotations

from .common import OsmError


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
