"""rason:packageproject: a package opens in a fresh QGIS with every layer, style, metadata, value intact."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsLayerMetadata,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QThread, QTime
from qgis.PyQt.QtGui import QColor

from rason_plugin.layers import package_source, packaging
from rason_plugin.layers.catalogue import REFERENCE_GPKG

sys.path.insert(0, str(Path(__file__).resolve().parent))
import package_checker  # noqa: E402

XYZ_URI = "type=xyz&url=https://tile.openstreetmap.org/%7Bz%7D/%7Bx%7D/%7By%7D.png&zmax=19&zmin=0"
CHECKER = Path(__file__).resolve().parent / "package_checker.py"


def digest_tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_tracks_gpkg(path: Path) -> None:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("tracks", srs, ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("mmsi", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("start_time", ogr.OFTDateTime))
    layer.CreateField(ogr.FieldDefn("end_time", ogr.OFTDateTime))
    for i in range(3):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("mmsi", f"44599000{i}")
        feature.SetField("start_time", f"2023-10-0{i + 1}T06:00:00Z")
        feature.SetField("end_time", f"2023-10-0{i + 2}T06:00:00Z")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            f"LINESTRING (130.36 42.10, 130.30 {42.16 + i * 0.01}, 130.2975 42.2378)"))
        layer.CreateFeature(feature)
    ds = None


def make_change_raster(path: Path) -> None:
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 20, 15, 1, gdal.GDT_Byte)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32652)
    ds.SetProjection(srs.ExportToWkt())
    ds.SetGeoTransform((607100.0, 10.0, 0.0, 4677600.0, 0.0, -10.0))
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(255)
    import numpy as np

    values = (np.arange(300).reshape(15, 20) % 3).astype("uint8")  # 0 unchanged, 1 gain, 2 loss
    values[0, :5] = 255
    band.WriteArray(values)
    ds.SetMetadataItem("SOURCE", "SYNTHETIC change mask for the packaging test")
    ds = None


def set_single_colour(layer, colour: str) -> None:
    symbol = QgsSymbol.defaultSymbol(layer.geometryType())
    symbol.setColor(QColor(colour))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def build_project(src: Path, project: QgsProject) -> dict:
    """Fill ``project`` with the test layers (sources under ``src``); return the layers by role."""
    (src / "data").mkdir(parents=True)
    (src / "rasters").mkdir()
    reference = src / "data" / "rason_reference.gpkg"
    shutil.copyfile(REFERENCE_GPKG, reference)
    make_tracks_gpkg(src / "data" / "tracks.gpkg")
    make_change_raster(src / "rasters" / "change.tif")

    areas = QgsVectorLayer(f"{reference}|layername=monitoring_areas", "Monitoring areas", "ogr")
    set_single_colour(areas, "#12ab34")
    metadata = QgsLayerMetadata(areas.metadata())
    metadata.setTitle("Monitoring areas (packaging test)")
    areas.setMetadata(metadata)
    ports = QgsVectorLayer(f"{reference}|layername=ports", "Ports", "ogr")
    tracks = QgsVectorLayer(f"{src / 'data' / 'tracks.gpkg'}|layername=tracks", "Vessel tracks", "ogr")
    temporal = tracks.temporalProperties()
    temporal.setIsActive(True)
    temporal.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields)
    temporal.setStartField("start_time")
    temporal.setEndField("end_time")
    memory = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string(20)&field=value:integer",
                            "Synthetic notes (memory)", "memory")
    features = []
    for i, (lon, lat) in enumerate([(130.30, 42.24), (130.31, 42.23), (130.29, 42.235), (130.40, 42.33)]):
        feature = QgsFeature(memory.fields())
        feature.setAttributes([f"note {i}", i * 10])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        features.append(feature)
    memory.dataProvider().addFeatures(features)
    memory.updateExtents()
    set_single_colour(memory, "#ff0000")
    change = QgsRasterLayer(str(src / "rasters" / "change.tif"), "Synthetic change mask", "gdal")
    tiles = QgsRasterLayer(XYZ_URI, "OpenStreetMap tiles", "wms")
    layers = {"areas": areas, "ports": ports, "tracks": tracks, "memory": memory, "change": change,
              "tiles": tiles}
    assert all(layer.isValid() for layer in layers.values())

    root = project.layerTreeRoot()
    reference_group = root.addGroup("Rason SEZ")
    analysis = root.addGroup("Analysis")
    for group, members in ((reference_group, (ports, areas)), (analysis, (tracks, memory, change))):
        for layer in members:
            project.addMapLayer(layer, False)
            group.addLayer(layer)
    project.addMapLayer(tiles, True)
    root.findLayer(memory.id()).setItemVisibilityChecked(False)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:32652"))
    project.setTitle("Packaging test")
    return layers




@pytest.fixture
def live_project(qgis_new_project, tmp_path):
    project = QgsProject.instance()
    layers = build_project(tmp_path / "src", project)
    yield project, layers
    project.clear()


def open_in_fresh_qgis(project_file: Path, home: Path) -> dict:
    """Return package_checker's description of ``project_file`` read by a fresh QGIS process."""
    from qgis_tools import clean_qgis_env

    env = clean_qgis_env(home)
    env.pop("PYTHONPATH", None)
    run = subprocess.run([sys.executable, str(CHECKER), QgsApplication.prefixPath(), str(project_file)],
                         capture_output=True, text=True, env=env, cwd=str(home), timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def run_package(parameters: dict, feedback=None) -> dict:
    import processing

    return processing.run("rason:packageproject", parameters, feedback=feedback)


def test_zip_opens_in_fresh_qgis_with_everything_intact(live_project, rason_provider, tmp_path):
    project, layers = live_project
    project.write(str(tmp_path / "src" / "analysis.qgz"))
    before = package_checker.describe(project)
    src_digest = digest_tree(tmp_path / "src")
    sources = {i: lyr.source() for i, lyr in project.mapLayers().items()}
    state = (project.fileName(), project.isDirty(), sources)

    out = tmp_path / "share" / "rason_analysis.zip"
    result = run_package({"OUTPUT": str(out)})

    # The user's project and files are untouched.
    assert (project.fileName(), project.isDirty(),
            {i: lyr.source() for i, lyr in project.mapLayers().items()}) == state
    assert digest_tree(tmp_path / "src") == src_digest
    assert sorted(os.listdir(out.parent)) == ["rason_analysis.zip"]  # no partial folder left
    assert result["PACKAGED"] == 5
    assert result["NOT_PACKAGED"].startswith("OpenStreetMap tiles: wms source")
    assert result["PROJECT_FILE"] == "analysis/analysis.qgz"

    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        assert names == ["analysis/analysis.qgz", "analysis/layers.gpkg", "analysis/package_report.txt",
                         "analysis/rasters/synthetic_change_mask.tif"]
        elsewhere = tmp_path / "colleague" / "unzipped"
        archive.extractall(elsewhere)
    report = (elsewhere / "analysis" / "package_report.txt").read_text()
    assert "OpenStreetMap tiles: wms source is a service or database: kept as it is" in report
    assert "Synthetic notes (memory): layers.gpkg table synthetic_notes_memory (4 features)" in report
    assert "Vessel tracks: layers.gpkg table vessel_tracks (3 features)" in report

    # Paths are relative: the project XML names neither the sources nor the package's folders.
    with zipfile.ZipFile(elsewhere / "analysis" / "analysis.qgz") as qgz:
        xml = qgz.read("analysis.qgs").decode("utf-8")
    assert str(tmp_path) not in xml
    assert "./layers.gpkg|layername=monitoring_areas" in xml
    assert "./rasters/synthetic_change_mask.tif" in xml
    assert '<Absolute type="bool">false</Absolute>' in xml

    # The styles are stored in the GeoPackage too, as each table's default.
    con = sqlite3.connect(elsewhere / "analysis" / "layers.gpkg")
    try:
        styled = sorted(con.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault = 1"))
        tables = sorted(con.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"))
    finally:
        con.close()
    assert tables == styled == [("monitoring_areas",), ("ports",), ("synthetic_notes_memory",),
                                ("vessel_tracks",)]

    after = open_in_fresh_qgis(elsewhere / "analysis" / "analysis.qgz", tmp_path / "home")
    assert after["read_ok"] is True
    assert after["plugin_loaded"] is False
    assert after["tree"] == before["tree"]  # groups, order, visibility
    assert (after["crs"], after["title"]) == ("EPSG:32652", "Packaging test")
    assert set(after["layers"]) == set(before["layers"])
    for layer_id, old in before["layers"].items():
        new = after["layers"][layer_id]
        assert new["valid"] is True, new
        if layer_id == layers["tiles"].id():
            # Kept as it is (QGIS writes the XYZ URI with its defaults spelled out).
            assert new["provider"] == "wms"
            assert set(old["source"].split("&")) <= set(new["source"].split("&"))
            continue
        assert new["provider"] == ("gdal" if layer_id == layers["change"].id() else "ogr")
        assert new["source"].startswith(str(elsewhere / "analysis")), new["source"]
        compared = ("name", "metadata_title", "crs", "features", "renderer", "colour", "fields",
                    "temporal", "checksums", "nodata")
        assert {k: new.get(k) for k in compared} == {k: old.get(k) for k in compared}
    # The values checked above, spelled out, so "equal" cannot mean "both empty".
    assert after["layers"][layers["memory"].id()]["features"] == 4
    assert after["layers"][layers["memory"].id()]["colour"] == "#ff0000"
    assert after["layers"][layers["areas"].id()]["colour"] == "#12ab34"
    assert after["layers"][layers["areas"].id()]["metadata_title"] == "Monitoring areas (packaging test)"
    assert after["layers"][layers["tracks"].id()]["temporal"] == [
        True, int(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields),
        "start_time", "end_time"]
    assert after["layers"][layers["change"].id()]["checksums"] == package_checker.band_checksums(
        str(tmp_path / "src" / "rasters" / "change.tif"))
    assert after["layers"][layers["change"].id()]["nodata"] == [255.0]


def test_unsaved_project_to_a_folder(live_project, rason_provider, tmp_path):
    project, layers = live_project
    assert project.fileName() == ""
    assert project.isDirty()
    out = tmp_path / "share" / "folder_package"
    result = run_package({"OUTPUT": str(out)})
    assert (project.fileName(), project.isDirty()) == ("", True)
    assert layers["memory"].source().startswith("Point?")
    assert result["PROJECT_FILE"] == "packaging_test.qgz"  # named after the title
    assert sorted(p.name for p in out.iterdir()) == ["layers.gpkg", "package_report.txt",
                                                     "packaging_test.qgz", "rasters"]
    copy = QgsProject()
    assert copy.read(str(out / "packaging_test.qgz"))
    memory = copy.mapLayer(layers["memory"].id())
    assert (memory.providerType(), memory.featureCount()) == ("ogr", 4)
    assert sorted(f["value"] for f in memory.getFeatures()) == [0, 10, 20, 30]
    tracks = copy.mapLayer(layers["tracks"].id())
    first = next(tracks.getFeatures())
    assert first["start_time"] == QDateTime(QDate(2023, 10, 1), QTime(6, 0), Qt.TimeSpec.UTC)
    copy.clear()


def test_package_from_a_project_file_given_as_project(live_project, rason_provider, tmp_path):
    project, layers = live_project
    saved = tmp_path / "src" / "analysis.qgs"
    project.write(str(saved))
    project.clear()  # as in qgis_process: no open project, only the file
    out = tmp_path / "share" / "from_file.zip"
    feedback = QgsProcessingFeedback()
    result = run_package({"PROJECT": str(saved), "OUTPUT": str(out)}, feedback)
    assert result["PACKAGED"] == 5
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp_path / "x")
    copy = QgsProject()
    assert copy.read(str(tmp_path / "x" / "analysis" / "analysis.qgz"))
    counts = {layer.name(): (layer.isValid(), layer.featureCount() if isinstance(layer, QgsVectorLayer)
                             else None) for layer in copy.mapLayers().values()}
    # The memory layer's features lived only in the closed session: packaged empty, with a warning.
    assert counts["Synthetic notes (memory)"] == (True, 0)
    assert counts["Vessel tracks"] == (True, 3)
    assert counts["Synthetic change mask"] == (True, None)
    report = (tmp_path / "x" / "analysis" / "package_report.txt").read_text()
    assert "memory layer 'Synthetic notes (memory)': the project file holds no features" in report
    copy.clear()


def test_existing_non_empty_folder_is_refused(live_project, rason_provider, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep.txt").write_text("precious")
    with pytest.raises(QgsProcessingException, match=f"OUTPUT folder {out} is not empty"):
        run_package({"OUTPUT": str(out)})
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert (out / "keep.txt").read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "src"]


def test_existing_empty_folder_is_filled(live_project, rason_provider, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    run_package({"OUTPUT": str(out)})
    assert sorted(p.name for p in out.iterdir()) == ["layers.gpkg", "package_report.txt",
                                                     "packaging_test.qgz", "rasters"]


def test_existing_zip_is_replaced_only_when_complete(live_project, rason_provider, tmp_path):
    out = tmp_path / "old.zip"
    out.write_bytes(b"old")
    run_package({"OUTPUT": str(out)})
    with zipfile.ZipFile(out) as archive:
        assert "packaging_test/layers.gpkg" in archive.namelist()


def test_unwritable_output_is_refused(live_project, rason_provider, tmp_path):
    blocker = tmp_path / "a_file.txt"
    blocker.write_text("x")
    out = blocker / "package.zip"  # a file's "subfolder": unwritable for everyone, root included
    with pytest.raises(QgsProcessingException,
                       match=r"cannot be written: .*a_file.txt is not a writable folder"):
        run_package({"OUTPUT": str(out)})
    assert blocker.read_text() == "x"


def test_nothing_open_is_refused_and_empty_project_file_is_packaged(qgis_new_project, rason_provider,
                                                                    tmp_path):
    with pytest.raises(QgsProcessingException, match="There is no open project to package"):
        run_package({"OUTPUT": str(tmp_path / "nothing.zip")})
    assert not (tmp_path / "nothing.zip").exists()
    empty = QgsProject()
    empty.setTitle("Empty")
    empty.write(str(tmp_path / "empty.qgz"))
    result = run_package({"PROJECT": str(tmp_path / "empty.qgz"), "OUTPUT": str(tmp_path / "e.zip")})
    assert (result["PACKAGED"], result["NOT_PACKAGED"]) == (0, "")
    with zipfile.ZipFile(tmp_path / "e.zip") as archive:
        assert sorted(archive.namelist()) == ["empty/empty.qgz", "empty/package_report.txt"]
        report = archive.read("empty/package_report.txt").decode()
    assert "the project has no layers; only the project file is packaged" in report


def test_wrong_project_file_type_is_refused(qgis_new_project, rason_provider, tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a project")
    # Processing itself checks the file filter before the algorithm runs.
    with pytest.raises(QgsProcessingException, match="Incorrect parameter value for PROJECT"):
        run_package({"PROJECT": str(bogus), "OUTPUT": str(tmp_path / "x.zip")})
    assert not (tmp_path / "x.zip").exists()


class CancelAfterFirstLayer(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        if progress > 0:
            self.cancel()


def test_cancel_leaves_nothing(live_project, rason_provider, tmp_path):
    out = tmp_path / "share" / "cancelled.zip"
    out.parent.mkdir()
    result = packaging  # the module, for the exception type
    feedback = CancelAfterFirstLayer()
    with pytest.raises(result.PackagingCancelled):
        package_source.package_project(QgsProject.instance(), out, feedback)
    assert list(out.parent.iterdir()) == []


def test_same_names_get_unique_tables_and_a_missing_source_is_kept(live_project, rason_provider, tmp_path):
    project, layers = live_project
    src = tmp_path / "src"
    twin = QgsVectorLayer(f"{src / 'data' / 'rason_reference.gpkg'}|layername=rail_stations", "Ports", "ogr")
    make_tracks_gpkg(src / "data" / "doomed.gpkg")
    doomed = QgsVectorLayer(f"{src / 'data' / 'doomed.gpkg'}|layername=tracks", "Doomed", "ogr")
    assert twin.isValid() and doomed.isValid()
    project.addMapLayers([twin, doomed])
    (src / "data" / "doomed.gpkg").unlink()  # the file goes away while the project is open
    project.write(str(src / "with_missing.qgs"))
    project.clear()
    out = tmp_path / "pkg"
    result = run_package({"PROJECT": str(src / "with_missing.qgs"), "OUTPUT": str(out)})
    assert result["PACKAGED"] == 6
    kept = sorted(result["NOT_PACKAGED"].splitlines())
    assert kept == ["Doomed: source not found or invalid: kept as it is",
                    "OpenStreetMap tiles: wms source is a service or database: kept as it is"]
    con = sqlite3.connect(out / "layers.gpkg")
    try:
        tables = sorted(r[0] for r in con.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"))
        counts = sorted(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("ports", "ports_2"))
    finally:
        con.close()
    assert tables == ["monitoring_areas", "ports", "ports_2", "synthetic_notes_memory", "vessel_tracks"]
    con = sqlite3.connect(REFERENCE_GPKG)
    try:
        expected = sorted(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                          for t in ("ports", "rail_stations"))
    finally:
        con.close()
    assert counts == expected


def test_safe_and_unique_names():
    used = set()
    assert packaging.safe_name("Rajin port — 2023/10 (synthetic)") == "rajin_port_2023_10_synthetic"
    assert packaging.safe_name("2023 scene") == "layer_2023_scene"
    assert packaging.safe_name("layer_styles") == "layer_layer_styles"
    assert packaging.safe_name("gpkg_contents") == "layer_gpkg_contents"
    assert packaging.safe_name("Сонбонг") == "layer"
    assert [packaging.unique_name("ports", used) for _ in range(3)] == ["ports", "ports_2", "ports_3"]


# --- Layers kept outside the package: relative paths from where the package ends up -------------

MESH_2DM = "MESH2D\nND 1 0.0 0.0 0.0\nND 2 1.0 0.0 0.0\nND 3 0.0 1.0 0.0\nE3T 1 1 2 3 1\n"


def kept_layers_project(src: Path) -> tuple:
    """Save ``src/kept.qgs`` with a mesh and a GeoPackage layer, then delete the GeoPackage.

    Return (project file, {layer id: the source as the user gave it}).
    """
    (src / "data").mkdir(parents=True)
    (src / "mesh").mkdir()
    mesh_file = src / "mesh" / "triangle.2dm"
    mesh_file.write_text(MESH_2DM)
    make_tracks_gpkg(src / "data" / "gone.gpkg")
    from qgis.core import QgsMeshLayer

    project = QgsProject()
    mesh = QgsMeshLayer(str(mesh_file), "Triangle mesh", "mdal")
    gone = QgsVectorLayer(f"{src / 'data' / 'gone.gpkg'}|layername=tracks", "Gone", "ogr")
    assert mesh.isValid() and gone.isValid()
    project.addMapLayers([mesh, gone])
    expected = {mesh.id(): str(mesh_file), gone.id(): f"{src / 'data' / 'gone.gpkg'}|layername=tracks"}
    assert project.write(str(src / "kept.qgs"))
    project.clear()
    (src / "data" / "gone.gpkg").unlink()
    return src / "kept.qgs", expected


def test_kept_layers_resolve_from_the_final_folder(qgis_new_project, rason_provider, tmp_path):
    project_file, expected = kept_layers_project(tmp_path / "src")
    out = tmp_path / "share" / "pkg"
    result = run_package({"PROJECT": str(project_file), "OUTPUT": str(out)})
    assert result["PACKAGED"] == 0
    assert len(result["NOT_PACKAGED"].splitlines()) == 2
    # By hand: from tmp/share/pkg/ the mesh at tmp/src/mesh/triangle.2dm is two folders up
    # (pkg -> share -> tmp), then down into src/mesh.
    with zipfile.ZipFile(out / "kept.qgz") as qgz:
        xml = qgz.read("kept.qgs").decode("utf-8")
    assert "../../src/mesh/triangle.2dm" in xml
    assert "../../../src/" not in xml
    # Opened from its final place by a separate project, each kept layer points at its original file.
    copy = QgsProject()
    copy.read(str(out / "kept.qgz"))
    try:
        assert {i: copy.mapLayer(i).source() for i in expected} == expected
        assert copy.mapLayer(next(i for i, s in expected.items() if s.endswith(".2dm"))).isValid()
    finally:
        copy.clear()


def test_kept_layers_resolve_from_the_zip_unpacked_beside_it(qgis_new_project, rason_provider, tmp_path):
    project_file, expected = kept_layers_project(tmp_path / "src")
    out = tmp_path / "share" / "kept.zip"
    run_package({"PROJECT": str(project_file), "OUTPUT": str(out)})
    with zipfile.ZipFile(out) as archive:
        archive.extractall(out.parent)  # "extract here": tmp/share/kept/kept.qgz
    copy = QgsProject()
    copy.read(str(out.parent / "kept" / "kept.qgz"))
    try:
        assert {i: copy.mapLayer(i).source() for i in expected} == expected
    finally:
        copy.clear()


# --- The user's open project is only read ---------------------------------------------------------

PROJECT_SIGNALS = ("writeProject", "projectSaved", "cleared", "isDirtyChanged", "fileNameChanged",
                   "homePathChanged", "readProject", "layersAdded", "layersRemoved", "writeMapLayer",
                   "crsChanged", "metadataChanged", "customVariablesChanged", "transformContextChanged")


class SignalRecorder:
    """Record every emission of the named signals of ``project``."""

    def __init__(self, project):
        self.fired = []
        self.connections = []
        for name in PROJECT_SIGNALS:
            signal = getattr(project, name, None)
            if signal is None:
                continue
            def slot(*_args, n=name):
                self.fired.append(n)

            signal.connect(slot)
            self.connections.append((signal, slot))

    def disconnect(self):
        for signal, slot in self.connections:
            signal.disconnect(slot)


def test_unsaved_project_is_not_touched_and_comes_through_whole(live_project, rason_provider, tmp_path):
    from qgis.core import QgsMapThemeCollection, QgsPrintLayout

    project, layers = live_project
    project.mapThemeCollection().insert("Overview", QgsMapThemeCollection.MapThemeRecord())
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("A4 map")
    project.layoutManager().addLayout(layout)
    before = package_checker.describe(project)
    state = (project.fileName(), project.isDirty(), project.title(),
             {i: lyr.source() for i, lyr in project.mapLayers().items()})
    assert state[:2] == ("", True)
    recorder = SignalRecorder(project)
    try:
        result = run_package({"OUTPUT": str(tmp_path / "share" / "unsaved")})
    finally:
        recorder.disconnect()
    assert recorder.fired == []
    assert (project.fileName(), project.isDirty(), project.title(),
            {i: lyr.source() for i, lyr in project.mapLayers().items()}) == state
    assert result["PACKAGED"] == 5
    copy = QgsProject()
    assert copy.read(str(tmp_path / "share" / "unsaved" / "packaging_test.qgz"))
    try:
        after = package_checker.describe(copy)
        assert after["tree"] == before["tree"]
        assert (after["crs"], after["title"]) == ("EPSG:32652", "Packaging test")
        assert set(after["layers"]) == set(before["layers"])
        assert copy.mapThemeCollection().mapThemes() == ["Overview"]
        assert [lay.name() for lay in copy.layoutManager().layouts()] == ["A4 map"]
        assert after["layers"][layers["memory"].id()]["features"] == 4
        assert after["layers"][layers["areas"].id()]["colour"] == "#12ab34"
    finally:
        copy.clear()


def test_saved_project_with_unsaved_changes_is_not_touched(live_project, rason_provider, tmp_path):
    project, layers = live_project
    saved = tmp_path / "src" / "analysis.qgz"
    assert project.write(str(saved))
    saved_bytes = saved.read_bytes()
    project.setTitle("Renamed, not saved")
    assert project.isDirty()
    recorder = SignalRecorder(project)
    try:
        run_package({"OUTPUT": str(tmp_path / "share" / "p.zip")})
    finally:
        recorder.disconnect()
    assert recorder.fired == []
    assert (project.fileName(), project.isDirty(), project.title()) == (str(saved), True,
                                                                        "Renamed, not saved")
    assert saved.read_bytes() == saved_bytes
    with zipfile.ZipFile(tmp_path / "share" / "p.zip") as archive:
        report = archive.read("analysis/package_report.txt").decode()
    assert f"the open project has unsaved changes; the package holds it as last saved to {saved}" in report


# --- Threading and process-wide state ---------------------------------------------------------------

class ThreadNotingFeedback(QgsProcessingFeedback):
    """Note the thread of every pushInfo call."""

    def __init__(self):
        super().__init__()
        self.threads = set()

    def pushInfo(self, info):  # noqa: N802
        self.threads.add(QThread.currentThread())
        super().pushInfo(info)


def test_heavy_part_runs_off_the_main_thread(live_project, rason_provider, qgis_app, tmp_path):
    """The algorithm may run in a background task: prepare on the main thread, copying on a worker."""
    from qgis.core import QgsProcessingAlgRunnerTask, QgsProcessingContext, QgsTask

    from rason_plugin.compat import AlgorithmFlag

    alg = QgsApplication.processingRegistry().algorithmById("rason:packageproject")
    assert not alg.flags() & AlgorithmFlag.NoThreading
    project, layers = live_project
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = ThreadNotingFeedback()
    out = tmp_path / "share" / "threaded.zip"
    task = QgsProcessingAlgRunnerTask(alg, {"OUTPUT": str(out)}, context, feedback)
    outcome = {}
    task.executed.connect(lambda ok, results: outcome.update(ok=ok, results=results))
    QgsApplication.taskManager().addTask(task)
    # Wait for the task by its state: the event loop delivers its result. The clock only guards
    # against a hang (a generous bound, not a speed check).
    import time

    give_up = time.monotonic() + 300
    while task.status() not in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated) or not outcome:
        assert time.monotonic() < give_up, "the packaging task did not finish"
        qgis_app.processEvents()
    assert outcome["ok"] is True, feedback.textLog()
    assert outcome["results"]["PACKAGED"] == 5
    # processAlgorithm's messages ("packaged: ...", "Wrote ...") came from another thread.
    assert feedback.threads and QThread.currentThread() not in feedback.threads
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp_path / "x")
    copy = QgsProject()
    assert copy.read(str(tmp_path / "x" / "packaging_test" / "packaging_test.qgz"))
    try:
        assert copy.mapLayer(layers["memory"].id()).featureCount() == 4
    finally:
        copy.clear()


IMPORT_ALL = """
import importlib, pkgutil
from osgeo import gdal
import rason_plugin
before = gdal.GetUseExceptions()
for module in pkgutil.walk_packages(rason_plugin.__path__, "rason_plugin."):
    importlib.import_module(module.name)
print(before, gdal.GetUseExceptions())
"""


def test_gdal_exception_mode_is_left_as_it_was(live_project, rason_provider, tmp_path):
    """GDAL's exception mode is process-wide: importing or running the plugin must not change it."""
    from qgis_tools import clean_qgis_env

    # A fresh interpreter, so every module really runs its import-time code.
    env = clean_qgis_env(tmp_path / "home")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    run = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, env=env,
                         cwd=str(tmp_path), timeout=300)
    assert run.returncode == 0, run.stderr
    before, after = run.stdout.split()[-2:]
    assert after == before

    previous = gdal.GetUseExceptions()
    gdal.DontUseExceptions()  # the mode QGIS runs GDAL in
    try:
        run_package({"OUTPUT": str(tmp_path / "p.zip")})  # writes a GeoTIFF with gdal.Translate
        assert gdal.GetUseExceptions() == 0
    finally:
        if previous:
            gdal.UseExceptions()
