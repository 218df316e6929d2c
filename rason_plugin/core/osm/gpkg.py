"""The refreshed layers and the change table written to a GeoPackage, with QGIS layer metadata."""
from __future__ import annotations

import json
import os
import sqlite3

from .common import OSM_LAYERS, OsmError
from .parse import OsmResult

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
