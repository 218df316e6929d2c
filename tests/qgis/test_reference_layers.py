"""Reference layers in QGIS: metadata and styles from the GeoPackage, rason:referencelayers, portability."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from gpkg_content import differences
from reference_sources import expected_counts

from rason_plugin.layers import loader
from rason_plugin.layers.catalogue import DISPLAY_NAMES, GROUP_NAME, LAYER_ORDER, REFERENCE_GPKG

COUNTS = expected_counts()  # from the source files (tests/reference_sources.py)
TITLES = {
    "events": "Events (dated facts)",
    "ports": "Ports: Rajin (Najin) and Sonbong (Senbong)",
    "rail_stations": "Rail stations and the Friendship Bridge",
    "vessel_tracks": "Vessel tracks",
    "railway": "Khasan–Rajin railway (schematic)",
    "monitoring_areas": "Monitoring areas (approximate)",
    "sez_boundary": "Rason SEZ boundary",
    "land": "Land (Natural Earth, generalised)",
    "railway_generalised": "Railway (Natural Earth, generalised real)",
}
RENDERERS = {"events": "pointDisplacement", "ports": "singleSymbol", "rail_stations": "categorizedSymbol",
             "vessel_tracks": None, "railway": "singleSymbol", "monitoring_areas": "categorizedSymbol",
             "sez_boundary": "singleSymbol", "land": "singleSymbol", "railway_generalised": "singleSymbol"}
COLOURS = {"ports": "#08519c", "railway": "#282828"}

# The provider registered by conftest's rason_provider must outlive the test that created it: once
# its Python wrapper is collected the registry keeps a C++ object whose Python overrides are gone
# (algorithm ids read ":"), and the next test finds no rason:* algorithm.
pytestmark = pytest.mark.usefixtures("rason_provider")

DESCRIBE_PROJECT = textwrap.dedent(
    """
    import importlib.util, json, sys
    from qgis.core import QgsApplication, QgsProject
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    out = {"read": project.read(sys.argv[1]),
           "plugin_importable": bool(importlib.util.find_spec("rason_plugin")), "layers": {}}
    for layer in project.mapLayers().values():
        renderer = layer.renderer()
        symbol = renderer.symbol() if renderer.type() == "singleSymbol" else None
        out["layers"][layer.name()] = {
            "valid": layer.isValid(), "count": layer.featureCount(), "renderer": renderer.type(),
            "colour": symbol.color().name() if symbol else None, "labels": layer.labelsEnabled(),
            "title": layer.metadata().title(), "licences": layer.metadata().licenses(),
            "temporal": layer.temporalProperties().isActive(), "source": layer.source()}
    group = project.layerTreeRoot().findGroup(sys.argv[2])
    out["group"] = [child.name() for child in group.children()] if group else None
    print("RESULT" + json.dumps(out))
    app.exitQgis()
    """
)


def _describe(layer):
    renderer = layer.renderer()
    symbol = renderer.symbol() if renderer.type() == "singleSymbol" else None
    return {"valid": layer.isValid(), "count": layer.featureCount(), "renderer": renderer.type(),
            "colour": symbol.color().name() if symbol else None, "labels": layer.labelsEnabled(),
            "title": layer.metadata().title(), "licences": layer.metadata().licenses(),
            "temporal": layer.temporalProperties().isActive()}


def _run_alg(params):
    import processing

    return processing.run("rason:referencelayers", params)


@pytest.fixture
def project_dir(tmp_path, qgis_new_project):
    from qgis.core import QgsProject

    folder = tmp_path / "analysis"
    folder.mkdir()
    QgsProject.instance().setFileName(str(folder / "rason.qgs"))
    return folder


# ---------------------------------------------------------------------------------------------
# The shipped GeoPackage as QGIS sees it
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def shipped_copy(tmp_path):
    """Return a copy of the shipped GeoPackage: QGIS rewrites the header of any GeoPackage it opens."""
    copy = tmp_path / "shipped_copy.gpkg"
    shutil.copyfile(REFERENCE_GPKG, copy)
    return copy


def same_as_shipped(path: Path) -> bool:
    return loader.content_digest(path) == loader.content_digest(REFERENCE_GPKG, immutable=True)


def test_gpkg_layers_carry_metadata_style_and_temporal_settings(qgis_app, shipped_copy):
    from qgis.core import QgsVectorLayer

    for name in LAYER_ORDER:
        layer = QgsVectorLayer(f"{shipped_copy}|layername={name}", name, "ogr")
        layer.loadDefaultStyle()
        info = _describe(layer)
        assert info["valid"] and info["count"] == COUNTS[name], name
        assert info["title"] == TITLES[name]
        assert info["licences"], name
        if RENDERERS[name]:
            assert info["renderer"] == RENDERERS[name], name
        if name in COLOURS:
            assert info["colour"] == COLOURS[name]
        assert info["temporal"] == (name in ("events", "vessel_tracks")), name
        # events are labelled by their point-displacement renderer, beside each displaced star
        # the land polygon covers the whole map: a label would say nothing the legend does not
        assert info["labels"] == (name not in ("vessel_tracks", "events", "land")), name
        if name == "events":
            assert layer.renderer().labelAttributeName() == "title"
            assert layer.renderer().minimumLabelScale() == 100000
    boundary = QgsVectorLayer(f"{shipped_copy}|layername=sez_boundary", "b", "ogr")
    assert boundary.metadata().rights() == ["© OpenStreetMap contributors; geoBoundaries"]
    assert boundary.metadata().licenses()[0].startswith("Open Database License (ODbL) 1.0")
    tracks = QgsVectorLayer(f"{shipped_copy}|layername=vessel_tracks", "t", "ogr")
    tracks.loadDefaultStyle()
    assert tracks.temporalProperties().startField() == "start_time"
    assert tracks.temporalProperties().endField() == "end_time"


@pytest.mark.parametrize("day, expected", [
    ((2022, 11, 30), []),
    ((2022, 12, 1), ["Russian oil exports through Rason resume"]),
    ((2023, 4, 30), ["Russian oil exports through Rason resume"]),
    ((2023, 5, 1), []),
    ((2023, 11, 22), ["About 2,000 containers shipped from Rajin",
                      "More freight cars at Tumangang after Russian defence minister's visit",
                      "Reconnaissance-satellite launch",
                      "Russian vessels tied to military logistics call at Rajin",
                      "Ships dock at Rajin for the first time since 2018"]),
    ((2023, 11, 23), ["About 2,000 containers shipped from Rajin",
                      "More freight cars at Tumangang after Russian defence minister's visit",
                      "Russian vessels tied to military logistics call at Rajin",
                      "Ships dock at Rajin for the first time since 2018"]),
    ((2024, 6, 1), ["More freight cars at Tumangang after Russian defence minister's visit",
                    "Russian vessels tied to military logistics call at Rajin"]),
])
def test_events_show_on_their_days_in_the_temporal_controller(qgis_app, shipped_copy, day, expected):
    """One-day events show on their day only; month ranges end with their last day; open ends last."""
    from qgis.core import QgsDateTimeRange, QgsFeatureRequest, QgsVectorLayer, QgsVectorLayerTemporalContext
    from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

    layer = QgsVectorLayer(f"{shipped_copy}|layername=events", "events", "ogr")
    layer.loadDefaultStyle()
    start = QDateTime(QDate(*day), QTime(0, 0), Qt.UTC)
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    # one Temporal Controller frame of one day, [start, start + 1 day)
    frame = QgsDateTimeRange(start, start.addDays(1), True, False)
    expression = layer.temporalProperties().createFilterString(context, frame)
    request = QgsFeatureRequest().setFilterExpression(expression)
    assert sorted(f["title"] for f in layer.getFeatures(request)) == expected


def _build(repo_root, target):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QT_HASH_SEED", None)
    script = repo_root / "scripts" / "build_reference_gpkg.py"
    result = subprocess.run([sys.executable, str(script), str(target)], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return target


def test_build_script_rebuilds_the_shipped_content(tmp_path, repo_root):
    """Features, styles and metadata, not bytes: GDAL 3.13 / QGIS 3.44 write the same content otherwise.

    See tests/qgis/gpkg_content.py for what is compared and what is left out, and why.
    """
    first = _build(repo_root, tmp_path / "build1.gpkg")
    second = _build(repo_root, tmp_path / "build2.gpkg")
    scratch = tmp_path / "scratch.gpkg"  # QGIS reads the styles through a layer of this copy
    shutil.copyfile(first, scratch)
    assert differences(first, second, scratch) == []
    stale = differences(first, REFERENCE_GPKG, scratch)
    assert stale == [], "shipped GeoPackage is stale: run scripts/build_reference_gpkg.py"


def _edited_copy(tmp_path, name, sql=None, ogr_edit=None):
    copy = tmp_path / f"{name}.gpkg"
    shutil.copyfile(REFERENCE_GPKG, copy)
    if sql:
        con = sqlite3.connect(copy)
        con.execute(*sql)
        con.commit()
        con.close()
    if ogr_edit:
        from osgeo import ogr

        ds = ogr.Open(str(copy), 1)
        ogr_edit(ds)
        ds = None
    return copy


def _move_rajin_station(ds):
    layer = ds.GetLayerByName("rail_stations")
    feature = layer.GetFeature(1)
    geometry = feature.GetGeometryRef()
    geometry.SetPoint_2D(0, geometry.GetX() + 1e-6, geometry.GetY())  # about 8 cm
    feature.SetGeometry(geometry)
    layer.SetFeature(feature)


def _rename_a_port(ds):
    layer = ds.GetLayerByName("ports")
    feature = layer.GetFeature(2)
    feature.SetField("name", "Sonbong port")
    layer.SetFeature(feature)


@pytest.mark.parametrize("edit, expected", [
    (dict(ogr_edit=_move_rajin_station), "rail_stations fid 1: geometry differs"),
    (dict(ogr_edit=_rename_a_port), "ports fid 2: attributes name="),
    (dict(sql=("UPDATE layer_styles SET styleQML = replace(styleQML, '8,81,156,255', '8,81,157,255') "
               "WHERE f_table_name = 'ports'",)), "style of ports: "),
    (dict(sql=("UPDATE gpkg_metadata SET metadata = replace(metadata, '<title>Rason SEZ boundary</title>', "
               "'<title>Rason boundary</title>')",)), "metadata of sez_boundary, title: "),
    (dict(sql=("UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = 'events'",)),
     "style row of events"),
])
def test_content_comparison_sees_each_kind_of_change(qgis_app, tmp_path, edit, expected):
    """The rebuild check is real: one moved point, one renamed port, one colour or title is a difference."""
    edited = _edited_copy(tmp_path, "edited", **edit)
    scratch = _edited_copy(tmp_path, "scratch")
    found = differences(edited, REFERENCE_GPKG, scratch)
    # (an edit through OGR also stamps the table's last_change in gpkg_contents: a second difference)
    assert any(line.startswith(expected) for line in found), found


# ---------------------------------------------------------------------------------------------
# Copy policy
# ---------------------------------------------------------------------------------------------
def test_prepare_gpkg_never_overwrites(tmp_path):
    target = tmp_path / "rason_reference.gpkg"
    assert loader.prepare_gpkg(target) == (target, loader.COPIED)
    assert target.read_bytes() == REFERENCE_GPKG.read_bytes()
    assert loader.prepare_gpkg(target) == (target, loader.REUSED)

    from osgeo import ogr

    ds = ogr.Open(str(target), 1)
    ds.ExecuteSQL("UPDATE monitoring_areas SET note = 'redrawn by me' WHERE fid = 1")
    ds = None
    edited = target.read_bytes()
    assert loader.prepare_gpkg(target) == (target, loader.KEPT_EDITED)
    assert target.read_bytes() == edited
    second = tmp_path / "rason_reference_2.gpkg"
    assert loader.prepare_gpkg(target, fresh_copy=True) == (second, loader.VERSIONED)
    assert second.read_bytes() == REFERENCE_GPKG.read_bytes() and target.read_bytes() == edited
    assert loader.prepare_gpkg(target, fresh_copy=True) == (second, loader.REUSED)

    other = tmp_path / "other" / "rason_reference.gpkg"
    other.parent.mkdir()
    other.write_text("not a geopackage")
    assert loader.prepare_gpkg(other) == (other.parent / "rason_reference_2.gpkg", loader.VERSIONED)
    assert other.read_text() == "not a geopackage"
    assert not list(tmp_path.rglob("*.partial"))


def test_default_target_is_beside_the_project_or_in_documents(qgis_new_project, tmp_path):
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QStandardPaths

    project = QgsProject.instance()
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert loader.default_target(project) == documents / "Rason SEZ" / "rason_reference.gpkg"
    project.setFileName(str(tmp_path / "work" / "p.qgz"))
    assert loader.default_target(project) == tmp_path / "work" / "rason_reference.gpkg"


def test_prepare_gpkg_refuses_the_plugin_folder():
    with pytest.raises(ValueError, match="inside the plugin folder"):
        loader.prepare_gpkg(REFERENCE_GPKG.parent / "copy.gpkg")


def test_algorithm_refuses_the_plugin_folder(rason_provider):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="inside the plugin folder"):
        _run_alg({"OUTPUT": str(REFERENCE_GPKG), "LOAD": False})


# ---------------------------------------------------------------------------------------------
# rason:referencelayers in a project
# ---------------------------------------------------------------------------------------------
def _group_layers(project):
    group = project.layerTreeRoot().findGroup(GROUP_NAME)
    return [child.layer() for child in group.children()]


def test_algorithm_defaults_next_to_project_and_loads_group(rason_provider, project_dir):
    from qgis.core import Qgis, QgsProject

    project = QgsProject.instance()
    assert project.filePathStorage() == Qgis.FilePathType.Relative
    result = _run_alg({})
    gpkg = project_dir / "rason_reference.gpkg"
    assert result["OUTPUT"] == str(gpkg) and result["STATUS"] == loader.COPIED
    assert same_as_shipped(gpkg)
    layers = _group_layers(project)
    assert [layer.name() for layer in layers] == [DISPLAY_NAMES[name] for name in LAYER_ORDER]
    assert result["LAYERS"].split(",") == [layer.id() for layer in layers]
    assert {layer.name(): layer.featureCount() for layer in layers} == {
        DISPLAY_NAMES[name]: count for name, count in COUNTS.items()}
    assert all(str(REFERENCE_GPKG.parent) not in layer.source() for layer in layers)
    events = [layer for layer in layers if layer.name() == "Events"][0]
    assert events.temporalProperties().isActive()


def test_running_twice_keeps_layers_and_edits(rason_provider, project_dir):
    from qgis.core import QgsProject

    project = QgsProject.instance()
    _run_alg({})
    first = _group_layers(project)
    areas = [layer for layer in first if layer.name() == "Monitoring areas"][0]
    assert areas.startEditing()
    field = areas.fields().indexOf("note")
    assert areas.changeAttributeValue(1, field, "outline redrawn from imagery")
    assert areas.commitChanges()

    result = _run_alg({})
    assert result["STATUS"] == loader.KEPT_EDITED
    second = _group_layers(project)
    assert [layer.id() for layer in second] == [layer.id() for layer in first]
    assert len(project.mapLayers()) == len(LAYER_ORDER)
    assert areas.getFeature(1)["note"] == "outline redrawn from imagery"
    from qgis.core import QgsVectorLayer

    gpkg = project_dir / "rason_reference.gpkg"
    reopened = QgsVectorLayer(f"{gpkg}|layername=monitoring_areas", "m", "ogr")
    assert reopened.getFeature(1)["note"] == "outline redrawn from imagery"


def test_no_load_leaves_the_project_alone(rason_provider, project_dir, tmp_path):
    from qgis.core import QgsProject

    result = _run_alg({"OUTPUT": str(tmp_path / "elsewhere" / "ref.gpkg"), "LOAD": False})
    assert result["STATUS"] == loader.COPIED
    assert (tmp_path / "elsewhere" / "ref.gpkg").is_file()
    assert QgsProject.instance().mapLayers() == {}


def _describe_in_fresh_qgis(project_file: Path, tmp_path: Path, label: str) -> dict:
    from qgis_tools import clean_qgis_env

    script = tmp_path / "describe.py"
    script.write_text(DESCRIBE_PROJECT)
    env = clean_qgis_env(tmp_path / f"home-{label}")  # fresh profile, no plugin path
    env.pop("PYTHONPATH", None)
    result = subprocess.run([sys.executable, str(script), str(project_file), GROUP_NAME], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    line = [row for row in result.stdout.splitlines() if row.startswith("RESULT")][0]
    return json.loads(line[len("RESULT"):])


def test_saved_project_opens_in_fresh_qgis_without_plugin(rason_provider, project_dir, tmp_path):
    from qgis.core import QgsProject

    project = QgsProject.instance()
    _run_alg({})
    expected = {layer.name(): _describe(layer) for layer in _group_layers(project)}
    assert project.write()
    text = (project_dir / "rason.qgs").read_text(encoding="utf-8")
    assert "./rason_reference.gpkg|layername=sez_boundary" in text
    assert str(project_dir) not in text

    moved = tmp_path / "colleague" / "copy-of-analysis"
    moved.parent.mkdir()
    shutil.copytree(project_dir, moved)
    project.clear()
    shutil.rmtree(project_dir)  # the colleague has only the copy
    for label, folder in (("moved", moved),):
        seen = _describe_in_fresh_qgis(folder / "rason.qgs", tmp_path, label)
        assert seen["read"] is True and seen["plugin_importable"] is False
        assert seen["group"] == [DISPLAY_NAMES[name] for name in LAYER_ORDER]
        for info in seen["layers"].values():
            assert info.pop("source").startswith(str(folder / "rason_reference.gpkg"))
        assert seen["layers"] == expected
    assert expected["SEZ boundary"]["licences"][0].startswith("Open Database License")
    assert expected["Events"]["temporal"] is True and expected["Vessel tracks"]["temporal"] is True


def test_saved_project_opens_in_place(rason_provider, project_dir, tmp_path):
    from qgis.core import QgsProject

    project = QgsProject.instance()
    _run_alg({})
    expected = {layer.name(): _describe(layer) for layer in _group_layers(project)}
    assert project.write()
    seen = _describe_in_fresh_qgis(project_dir / "rason.qgs", tmp_path, "inplace")
    for info in seen["layers"].values():
        info.pop("source")
    assert seen["layers"] == expected


# ---------------------------------------------------------------------------------------------
# qgis_process and the Graphical Modeler
# ---------------------------------------------------------------------------------------------
def test_qgis_process_runs_referencelayers(installed_plugin, tmp_path):
    from qgis_tools import clean_qgis_env, qgis_process_executable

    env = clean_qgis_env(tmp_path / "home", plugin_path=installed_plugin[0])
    target = tmp_path / "batch" / "rason_reference.gpkg"
    statuses = []
    for _ in range(2):
        result = subprocess.run([qgis_process_executable(), "run", "rason:referencelayers", "--",
                                 f"OUTPUT={target}"], capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        statuses.append([line.split(":", 1)[1].strip() for line in result.stdout.splitlines()
                         if line.startswith("STATUS:")])
    assert statuses == [[loader.COPIED], [loader.REUSED]]
    assert same_as_shipped(target)
    # (qgis_process opens the output once, which may leave SQLite -wal/-shm files beside it)
    assert sorted(p.name for p in target.parent.glob("*.gpkg")) == ["rason_reference.gpkg"]


def test_model_with_referencelayers_child(rason_provider, qgis_new_project, tmp_path):
    from qgis.core import (
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProject,
    )

    model = QgsProcessingModelAlgorithm("Reference layers model", "Rason")
    child = QgsProcessingModelChildAlgorithm("rason:referencelayers")
    child.setChildId("reference")
    target = tmp_path / "model-out" / "rason_reference.gpkg"
    child.addParameterSources("OUTPUT", [QgsProcessingModelChildParameterSource.fromStaticValue(str(target))])
    child.addParameterSources("LOAD", [QgsProcessingModelChildParameterSource.fromStaticValue(False)])
    child.addParameterSources("FRESH_COPY", [QgsProcessingModelChildParameterSource.fromStaticValue(False)])
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    ok, errors = model.validate()
    assert ok, errors
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    results, ok = model.run({}, context, feedback)
    assert ok
    assert target.read_bytes() == REFERENCE_GPKG.read_bytes()  # a plain copy, never opened
    assert results["CHILD_RESULTS"]["reference"]["STATUS"] == loader.COPIED
    assert QgsProject.instance().mapLayers() == {}


READ_COPY_SESSION = """
from rason_plugin.layers.loader import reference_for_reading
copy = reference_for_reading()
assert copy.is_file()
print(copy)
"""


def test_reading_copy_leaves_no_temporary_folder_after_the_session(tmp_path, repo_root):
    """A session that used the reading copy leaves its temporary folder empty when Python exits."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(private_tmp), PYTHONPATH=str(repo_root))
    run = subprocess.run([sys.executable, "-c", READ_COPY_SESSION], capture_output=True, text=True,
                         env=env, cwd=str(tmp_path), timeout=120)
    assert run.returncode == 0, run.stderr
    copy = Path(run.stdout.strip().splitlines()[-1])
    assert copy.parent.parent == private_tmp  # the session did make its copy there
    # Counted by hand: the session made one folder and must have removed it; nothing else uses TMPDIR.
    assert sorted(p.name for p in private_tmp.iterdir()) == []


def test_release_reading_copy_removes_the_folder_and_a_new_copy_follows(tmp_path):
    first = loader.reference_for_reading()
    assert first.is_file()
    loader.release_reading_copy()
    assert not first.parent.exists()
    second = loader.reference_for_reading()
    assert second.is_file() and second.parent != first.parent
