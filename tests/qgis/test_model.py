"""The shipped Graphical Modeler model runs the monitoring chain and gives what its steps give alone."""
from __future__ import annotations

import shutil
import sys

import processing
import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsVectorLayer,
)

from rason_plugin.layers.catalogue import REFERENCE_GPKG, layer_uri
from sample_data import synthetic, synthetic_ais

MODEL_ID = "rason:Monitoring chain"


@pytest.fixture(scope="module")
def demo_inputs(tmp_path_factory):
    """Return the synthetic scenes and AIS log of the demo, generated once for this module."""
    folder = tmp_path_factory.mktemp("synthetic")
    scenes = synthetic.write_scene_pair(folder, None)
    ais = synthetic_ais.write_ais(folder)
    return scenes, ais, folder


def rows(path, *fields):
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return sorted(tuple(f[name] for name in fields) for f in layer.getFeatures())


def test_model_is_listed_in_the_provider(rason_provider):
    model = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    assert model is not None
    assert {c.algorithmId() for c in model.childAlgorithms().values()} == {
        "rason:changedetection", "rason:vesseltracks", "rason:portcalls"}
    assert {p.name() for p in model.parameterDefinitions() if not p.isDestination()} == {
        "BEFORE", "AFTER", "ZONES", "POSITIONS", "MMSI_FIELD", "TIME_FIELD", "MAX_GAP", "PORTS"}


def test_shipped_model_matches_its_builder(rason_provider, repo_root):
    sys.path.insert(0, str(repo_root / "scripts"))
    from build_model import MODEL_PATH, build_model

    shipped = QgsProcessingModelAlgorithm()
    assert shipped.fromFile(str(MODEL_PATH))
    # Compared as wiring, not text: Qt writes XML attributes in a different order each run, a
    # round trip turns empty strings into NULLs, and QGIS releases name the destination parameters
    # of a new model differently (3.22 "change:CHANGE_MASK", 3.44 "change_mask").
    assert wiring(shipped) == wiring(build_model()), \
        "resources/models is stale: run scripts/build_model.py and commit the model"


def wiring(model):
    """Return what a model does: inputs with their defaults, each step's sources and outputs.

    The model's destination parameters are derived by QGIS from the steps' outputs: they are
    compared by type and description, not by the name each QGIS release makes up for them.
    """
    inputs = {d.name(): (d.type(), d.defaultValue()) for d in model.parameterDefinitions()
              if not d.isDestination()}
    destinations = sorted((d.type(), d.description()) for d in model.parameterDefinitions()
                          if d.isDestination())
    steps = {}
    for child_id, child in model.childAlgorithms().items():
        sources = {name: [(s.source(), s.parameterName(), s.staticValue()) for s in values]
                   for name, values in child.parameterSources().items()}
        outputs = {name: (o.childOutputName(), o.description()) for name, o in child.modelOutputs().items()}
        steps[child_id] = (child.algorithmId(), sources, outputs)
    return inputs, destinations, steps


def test_model_runs_the_chain_like_its_steps(rason_provider, demo_inputs, tmp_path):
    scenes, ais, _ = demo_inputs
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    positions = processing.run("rason:importais", {"INPUT": str(ais["nmea"]),
                                                   "OUTPUT": str(tmp_path / "positions.gpkg")},
                               context=context, feedback=feedback)["OUTPUT"]
    # A copy: QGIS rewrites header bytes of any GeoPackage it opens, and the shipped one must stay as built.
    reference = tmp_path / "reference.gpkg"
    shutil.copyfile(REFERENCE_GPKG, reference)
    zones = layer_uri(reference, "monitoring_areas")
    result = processing.run(MODEL_ID, {
        "BEFORE": str(scenes.before), "AFTER": str(scenes.after), "ZONES": zones,
        "POSITIONS": positions, "MMSI_FIELD": "mmsi", "TIME_FIELD": "time", "MAX_GAP": 30,
        "PORTS": zones,
        "change:CHANGE_MASK": str(tmp_path / "mask.tif"),
        "change:CHANGE_STATISTIC": str(tmp_path / "stat.tif"),
        "change:ZONE_STATS": str(tmp_path / "zones.gpkg"),
        "tracks:TRACKS": str(tmp_path / "tracks.gpkg"),
        "calls:PORT_CALLS": str(tmp_path / "calls.gpkg"),
        "calls:PORT_CALL_SUMMARY": str(tmp_path / "summary.gpkg"),
    }, context=context, feedback=feedback)

    alone = processing.run("rason:changedetection", {
        "BEFORE": str(scenes.before), "AFTER": str(scenes.after), "ZONES": zones,
        "OUTPUT_MASK": str(tmp_path / "mask_alone.tif"), "OUTPUT_MAGNITUDE": str(tmp_path / "stat_alone.tif"),
        "OUTPUT_ZONE_STATS": str(tmp_path / "zones_alone.gpkg")}, context=context, feedback=feedback)
    fields = ("zone", "valid_area_m2", "changed_area_m2", "n_regions")
    model_zones = rows(result["change:ZONE_STATS"], *fields)
    assert model_zones == rows(alone["OUTPUT_ZONE_STATS"], *fields)
    by_zone = {row[0]: row for row in model_zones}
    rajin = by_zone["Rajin port area (approximate)"]
    truth_m2 = scenes.n_changed * synthetic.PIXEL_M ** 2
    assert abs(rajin[2] - truth_m2) <= 0.1 * truth_m2  # the drawn yard and ships, within 10 %
    assert by_zone["Tumangang rail yard (approximate)"][1] == 0  # outside the scenes

    tracks_alone = processing.run("rason:vesseltracks", {
        "INPUT": positions, "MMSI_FIELD": "mmsi", "TIME_FIELD": "time", "MAX_GAP": 30,
        "OUTPUT": str(tmp_path / "tracks_alone.gpkg")}, context=context, feedback=feedback)["OUTPUT"]
    track_fields = ("mmsi", "segment_id", "n_points")
    assert rows(result["tracks:TRACKS"], *track_fields) == rows(tracks_alone, *track_fields)

    calls = rows(result["calls:PORT_CALLS"], "mmsi", "port")
    assert len(calls) == 5
    assert {port for _, port in calls} == {"Rajin port area (approximate)"}
