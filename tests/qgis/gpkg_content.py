"""What a GeoPackage holds, compared as content, not bytes: for the reference-GeoPackage rebuild test.

GDAL and QGIS releases write the same data differently (R-tree triggers, float formatting of
extents, CRS WKT in metadata, new QML elements and random symbol-layer ids), so a rebuilt
GeoPackage is compared with the shipped one by what a user gets from it:
  * tables: the feature tables of gpkg_contents (identifier, description, CRS, last change,
    extent within EPSILON), the registered extensions and which tables have a spatial index;
  * features (read with OGR): geometry type, CRS, fields (name, type, width), and per feature, in
    fid order, the attributes and the geometry (type, structure, coordinates within EPSILON);
  * metadata (gpkg_metadata, as QGIS reads it): every field of the QgsLayerMetadata parsed from the
    XML, the CRS by its authority id (the WKT text changes with the PROJ database);
  * styles (layer_styles): the bookkeeping columns, and the QML as the running QGIS reads it: both
    QML documents are loaded into the same layer and written back, so the differences between QGIS
    versions in how a style is serialised cancel out, and any difference in the style itself stays
    (a colour, a symbol, a label, a scale, a temporal setting). The SLD column is derived by QGIS
    from the same style and is not compared.
differences() returns a readable list of what differs (empty when the content is the same).
"""
from __future__ import annotations

import math
import re
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

ISO = "yyyy-MM-ddTHH:mm:ssZ"
EPSILON = 1e-9  # degrees: far below the 1e-7° the sources are rounded to
UUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")


def _connect(path: Path):
    # immutable: never create -wal/-shm files or touch the header (the shipped file stays as it is)
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _close(a, b, eps=EPSILON):
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= eps


def _tables(path):
    con = _connect(path)
    try:
        contents = {row[0]: row[1:] for row in con.execute(
            "SELECT table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, "
            "srs_id FROM gpkg_contents")}
        extensions = set(con.execute("SELECT table_name, column_name, extension_name FROM gpkg_extensions"))
        rtrees = {row[0] for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rtree_%' "
            "AND sql LIKE '%VIRTUAL%'")}
        metadata = {row[0]: row[1:] for row in con.execute(
            "SELECT r.table_name, r.reference_scope, r.timestamp, m.md_scope, m.md_standard_uri, "
            "m.mime_type, m.metadata FROM gpkg_metadata m "
            "JOIN gpkg_metadata_reference r ON r.md_file_id = m.id")}
        styles = {row[0]: row[1:] for row in con.execute(
            "SELECT f_table_name, f_geometry_column, styleName, description, useAsDefault, owner, ui, "
            "update_time, styleQML FROM layer_styles")}
    finally:
        con.close()
    return contents, extensions, rtrees, metadata, styles


def _coordinates(geometry):
    """Return a nested list of the coordinates of an OGR geometry (its structure kept)."""
    if geometry.GetGeometryCount():
        return [_coordinates(geometry.GetGeometryRef(i)) for i in range(geometry.GetGeometryCount())]
    return [tuple(p) for p in (geometry.GetPoints() or [])]


def _same_coordinates(a, b):
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_coordinates(x, y) for x, y in zip(a, b))
    return False


def _layer(path, name):
    from osgeo import ogr

    ds = ogr.Open(str(path), 0)
    try:
        layer = ds.GetLayerByName(name)
        defn = layer.GetLayerDefn()
        srs = layer.GetSpatialRef()
        schema = {
            "geometry type": ogr.GeometryTypeToName(layer.GetGeomType()),
            "crs": None if srs is None else (srs.GetAuthorityName(None), srs.GetAuthorityCode(None)),
            "fields": [(defn.GetFieldDefn(i).GetName(), defn.GetFieldDefn(i).GetTypeName(),
                        defn.GetFieldDefn(i).GetSubType(), defn.GetFieldDefn(i).GetWidth())
                       for i in range(defn.GetFieldCount())],
        }
        features = []
        for feature in layer:
            geometry = feature.GetGeometryRef()
            shape = None if geometry is None else (geometry.GetGeometryName(), _coordinates(geometry))
            features.append((feature.GetFID(), feature.items(), shape))
    finally:
        ds = None
    return schema, sorted(features, key=lambda f: f[0])


def _bounds(box):
    """Return (xmin, ymin, xmax, ymax) rounded to 1e-9, or 'empty' (an empty layer's extent is
    written as NaN by some QGIS releases and as +-DBL_MAX by others)."""
    values = (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
    if not all(math.isfinite(v) and abs(v) < 1e300 for v in values) or values[0] > values[2]:
        return "empty"
    return tuple(round(v, 9) for v in values)


def _metadata_fields(xml_text):
    """Return the QgsLayerMetadata in ``xml_text`` as a dict of plain values."""
    from qgis.core import QgsLayerMetadata
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument()
    doc.setContent(xml_text)
    md = QgsLayerMetadata()
    md.readMetadataXml(doc.documentElement())
    extent = md.extent()
    return {
        "identifier": md.identifier(), "parent identifier": md.parentIdentifier(), "title": md.title(),
        "abstract": md.abstract(), "type": md.type(), "language": md.language(), "licences": md.licenses(),
        "rights": md.rights(), "history": md.history(), "keywords": md.keywords(),
        "categories": md.categories(), "encoding": md.encoding(), "crs": md.crs().authid(),
        "fees": md.fees(), "constraints": [(c.type, c.constraint) for c in md.constraints()],
        "contacts": [(c.name, c.organization, c.email, c.role) for c in md.contacts()],
        "links": [(link.name, link.type, link.url, link.description) for link in md.links()],
        "spatial extents": [(e.extentCrs.authid(), _bounds(e.bounds)) for e in extent.spatialExtents()],
        "temporal extents": [(r.begin().toString(ISO), r.end().toString(ISO))
                             for r in extent.temporalExtents()],
    }


# Attributes that are not part of how a style looks:
#  * uuid (renderer categories and rules) and UUID-valued ids (symbol layers): identities, which
#    QGIS >= 3.30 makes up at random when a style is created or read;
#  * settings added to QGIS after 3.22 that the build does not set, which a newer QGIS reads from
#    an older style with another default than a new style gets: tabStopDistance/-Unit (text
#    formats, 3.38; our labels hold no tab character) and lineAnchorTextPoint (line labels, 3.26).
IGNORED_ATTRIBUTES = {"uuid", "tabStopDistance", "tabStopDistanceUnit", "lineAnchorTextPoint"}
# Elements that are not part of the style the build makes: the symbols of the elevation profile
# tool, to which QGIS >= 3.26 gives every new layer a random colour.
IGNORED_ELEMENTS = {"profileLineSymbol", "profileFillSymbol", "profileMarkerSymbol"}


def _value(text):
    """Return an attribute value; XML held in a value (a callout's symbol) in canonical form too."""
    if text.startswith("<"):
        try:
            return repr(_canonical(ET.fromstring(text)))
        except ET.ParseError:
            pass
    return text


def _canonical(element):
    """Return an XML element as nested tuples: attributes sorted, identities and whitespace dropped."""
    attributes = tuple(sorted((k, _value(v)) for k, v in element.attrib.items()
                              if k not in IGNORED_ATTRIBUTES and not UUID.match(v)))
    text = (element.text or "").strip()
    return (element.tag, attributes, text,
            tuple(_canonical(child) for child in element if child.tag not in IGNORED_ELEMENTS))


def _style_as_read(layer, qml):
    """Return the canonical form of the style QGIS gets from ``qml`` on ``layer`` (written back out)."""
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument()
    ok = doc.setContent(qml)
    ok = ok[0] if isinstance(ok, tuple) else ok
    if not ok:
        raise ValueError("the style is not XML")
    ok, message = layer.importNamedStyle(doc)
    if not ok:
        raise ValueError(f"QGIS cannot read the style: {message}")
    out = QDomDocument()
    message = layer.exportNamedStyle(out)
    if message:
        raise ValueError(f"QGIS cannot write the style back: {message}")
    return _canonical(ET.fromstring(out.toString()))


def _first_difference(a, b, path="qgis"):
    if a[0] != b[0]:
        return f"{path}: element {a[0]} vs {b[0]}"
    path = f"{path}/{a[0]}" if path != "qgis" or a[0] != "qgis" else path
    if a[1] != b[1]:
        left, right = dict(a[1]), dict(b[1])
        keys = sorted(k for k in set(left) | set(right) if left.get(k) != right.get(k))
        return f"{path}: attributes {', '.join(f'{k}={left.get(k)!r} vs {right.get(k)!r}' for k in keys)}"
    if a[2] != b[2]:
        return f"{path}: text {a[2]!r} vs {b[2]!r}"
    if len(a[3]) != len(b[3]):
        return f"{path}: {len(a[3])} vs {len(b[3])} child elements"
    for x, y in zip(a[3], b[3]):
        found = _first_difference(x, y, path)
        if found:
            return found
    return None


def differences(a: Path, b: Path, style_layer_source: Path | None = None) -> list:
    """Return what differs between GeoPackages ``a`` and ``b`` (content, see module doc).

    Styles are read through QGIS layers opened on ``style_layer_source`` (default ``a``), which QGIS
    may touch (it rewrites a GeoPackage's header): pass a scratch file, never the shipped one.
    """
    from qgis.core import QgsVectorLayer

    out = []
    ca, ea, ra, ma, sa = _tables(a)
    cb, eb, rb, mb, sb = _tables(b)
    if set(ca) != set(cb):
        out.append(f"tables: {sorted(ca)} vs {sorted(cb)}")
    for name in sorted(set(ca) & set(cb)):
        x, y = ca[name], cb[name]
        if x[:4] != y[:4] or x[8] != y[8] or not all(_close(p, q) for p, q in zip(x[4:8], y[4:8])):
            out.append(f"gpkg_contents of {name}: {x} vs {y}")
    if ea != eb:
        out.append(f"extensions: {sorted(ea ^ eb)} differ")
    if ra != rb:
        out.append(f"spatial indexes: {sorted(ra)} vs {sorted(rb)}")
    features = sorted(n for n in set(ca) & set(cb) if ca[n][0] == "features")
    for name in features:
        (schema_a, feats_a), (schema_b, feats_b) = _layer(a, name), _layer(b, name)
        if schema_a != schema_b:
            out.append(f"{name}: schema {schema_a} vs {schema_b}")
        if [f[0] for f in feats_a] != [f[0] for f in feats_b]:
            out.append(f"{name}: feature ids {[f[0] for f in feats_a]} vs {[f[0] for f in feats_b]}")
        for fa, fb in zip(feats_a, feats_b):
            if fa[1] != fb[1]:
                keys = sorted(k for k in set(fa[1]) | set(fb[1]) if fa[1].get(k) != fb[1].get(k))
                out.append(f"{name} fid {fa[0]}: attributes " + ", ".join(
                    f"{k}={fa[1].get(k)!r} vs {fb[1].get(k)!r}" for k in keys))
            if (fa[2] is None) != (fb[2] is None) or (fa[2] and (
                    fa[2][0] != fb[2][0] or not _same_coordinates(fa[2][1], fb[2][1]))):
                out.append(f"{name} fid {fa[0]}: geometry differs")
    if set(ma) != set(mb):
        out.append(f"metadata for tables {sorted(ma)} vs {sorted(mb)}")
    for name in sorted(set(ma) & set(mb)):
        if ma[name][:5] != mb[name][:5]:
            out.append(f"metadata reference of {name}: {ma[name][:5]} vs {mb[name][:5]}")
        fa, fb = _metadata_fields(ma[name][5]), _metadata_fields(mb[name][5])
        for key in fa:
            if fa[key] != fb[key]:
                out.append(f"metadata of {name}, {key}: {fa[key]!r} vs {fb[key]!r}")
    if set(sa) != set(sb):
        out.append(f"styles for tables {sorted(sa)} vs {sorted(sb)}")
    source = style_layer_source or a
    for name in sorted(set(sa) & set(sb)):
        if sa[name][:7] != sb[name][:7]:
            out.append(f"style row of {name}: {sa[name][:7]} vs {sb[name][:7]}")
        layer = QgsVectorLayer(f"{source}|layername={name}", name, "ogr")
        if not layer.isValid():
            out.append(f"{name}: QGIS cannot open the layer to read its style")
            continue
        found = _first_difference(_style_as_read(layer, sa[name][7]), _style_as_read(layer, sb[name][7]))
        if found:
            out.append(f"style of {name}: {found}")
        del layer
    return out
