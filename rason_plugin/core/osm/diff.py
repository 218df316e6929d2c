"""What changed between the shipped (or a previous) GeoPackage and OSM: added, removed, moved."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .common import OSM_LAYERS, OsmError
from .parse import OsmResult


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
