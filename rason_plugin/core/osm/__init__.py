"""OpenStreetMap refresh of the reference layers: Overpass query, JSON parsing, rings, diff, GeoPackage.

Pure Python (json, sqlite3) + numpy + GDAL/OGR; no QGIS. The Processing algorithm
``rason:refreshfromosm`` is a thin wrapper around :func:`refresh` and passes it a ``post`` function
built on QGIS's network stack (so QGIS's proxy, SSL and authentication settings apply); the plain
urllib :func:`post_urllib` is only the fallback for scripts run without QGIS.

OSM data is © OpenStreetMap contributors, available under the Open Database License (ODbL) 1.0.

    common.py  the zone, the layers, the licence, OsmError
    fetch.py   the Overpass query and the HTTP request
    parse.py   Overpass JSON -> features of the reference layers (rings.py: ways -> rings -> WKT)
    diff.py    the Hausdorff diff against a GeoPackage
    gpkg.py    the GeoPackage writer and its QGIS metadata
"""
from __future__ import annotations

import math

from .common import ATTRIBUTION, ISO_CODE, LICENCE, OSM_LAYERS, OsmError
from .diff import (
    MATCH_WITHIN_M,
    Change,
    Comparable,
    diff_against,
    diff_layer,
    hausdorff_m,
    read_comparables,
    summarise,
)
from .fetch import (
    DEFAULT_URL,
    FALLBACK_URL,
    MAX_BYTES,
    USER_AGENT,
    build_query,
    decode_answer,
    encode_query,
    fetch,
    parse_json,
    post_urllib,
)
from .gpkg import FIELDS, GEOMETRY_TYPES, QGIS_METADATA_URI, store_qgis_metadata, write_gpkg
from .parse import OsmFeature, OsmResult, parse_elements
from .rings import assemble_rings, multipolygon_from_relation, to_wkt

__all__ = [
    "ATTRIBUTION", "DEFAULT_URL", "FALLBACK_URL", "FIELDS", "GEOMETRY_TYPES", "ISO_CODE", "LICENCE",
    "MATCH_WITHIN_M", "MAX_BYTES", "OSM_LAYERS", "QGIS_METADATA_URI", "USER_AGENT", "Change",
    "Comparable", "OsmError", "OsmFeature", "OsmResult", "assemble_rings", "build_query",
    "decode_answer", "diff_against", "diff_layer", "encode_query", "fetch", "hausdorff_m",
    "multipolygon_from_relation", "parse_elements", "parse_json", "post_urllib", "read_comparables",
    "refresh", "store_qgis_metadata", "summarise", "to_wkt", "write_gpkg",
]


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
