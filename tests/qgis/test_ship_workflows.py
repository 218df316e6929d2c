"""The ship algorithms from batch mode, a Graphical Modeler model and qgis_process give what a single
processing.run gives."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_batch import batch_dialog  # noqa: E402,F401 (the fixture)
from test_ship_algorithms import S1_VRT, write_ais, write_scene  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import ships_synthetic as ss  # noqa: E402

T_ISO = "2023-11-14T22:13:20Z"  # ss.T_IMAGE


def single(alg, params):
    import processing

    return processing.run(alg, params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback())


def rows_of(path, *fields):
    lyr = QgsVectorLayer(str(path), "x", "ogr")
    assert lyr.isValid(), path
    return sorted(tuple(round(f[n], 6) if isinstance(f[n], float) else f[n] for n in fields)
                  for f in lyr.getFeatures())


@pytest.fixture(scope="module")
def small_scene(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ships_wf")
    scene = ss.make_scene(7, size=700, n_open=12, n_pier=1)
    vessels = ss.add_ais(scene, seed=8, n_ais_only=2, n_outside=2)
    tif, land = write_scene(scene, folder)
    write_ais(vessels, folder / "ais.gpkg")
    return folder, tif, land, folder / "ais.gpkg"


def test_batch_over_two_images(rason_provider, qgis_iface, small_scene, tmp_path, batch_dialog):  # noqa: F811
    folder, tif, land, _ = small_scene
    rows = [{"INPUT": str(S1_VRT), "UNITS": 1, "OUTPUT": str(tmp_path / "b0.gpkg")},
            {"INPUT": str(tif), "LAND": str(land), "ACQUISITION_TIME": T_ISO,
             "OUTPUT": str(tmp_path / "b1.gpkg")}]
    _, parameters = batch_dialog("rason:shipdetection", rows)
    assert all(ok for _, ok in parameters)
    for i, row in enumerate(rows):
        alone = single("rason:shipdetection", dict(row, OUTPUT=str(tmp_path / f"s{i}.gpkg")))["OUTPUT"]
        fields = ("det_id", "length_m", "n_pixels")
        assert rows_of(tmp_path / f"b{i}.gpkg", *fields) == rows_of(alone, *fields)
        assert len(rows_of(alone, *fields)) >= 10  # each row really found ships in its own image


def build_chain():
    """A model: ship detection, then dark vessels on its output (built as a user would draw it)."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterRasterLayer,
    )
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    from rason_plugin.compat import SourceType

    model = QgsProcessingModelAlgorithm("ships chain", "tests")
    for definition in (QgsProcessingParameterRasterLayer("SCENE", "Scene"),
                       QgsProcessingParameterFeatureSource("LAND", "Land", [SourceType.VectorPolygon]),
                       QgsProcessingParameterFeatureSource("AIS", "AIS", [SourceType.VectorPoint])):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
    det = QgsProcessingModelChildAlgorithm("rason:shipdetection")
    det.setChildId("det")
    det.addParameterSources("INPUT", [Source.fromModelParameter("SCENE")])
    det.addParameterSources("LAND", [Source.fromModelParameter("LAND")])
    det.addParameterSources("ACQUISITION_TIME", [Source.fromStaticValue(T_ISO)])
    model.addChildAlgorithm(det)
    dark = QgsProcessingModelChildAlgorithm("rason:darkvessels")
    dark.setChildId("dark")
    dark.addParameterSources("DETECTIONS", [Source.fromChildOutput("det", "OUTPUT")])
    for name, value in (("MMSI_FIELD", "mmsi"), ("TIME_FIELD", "time"), ("PLATFORM_HEADING", ss.HEADING),
                        ("MATCH_DISTANCE", 300.0), ("MAX_TIME_GAP", 30.0), ("INCIDENCE_ANGLE", ss.INCIDENCE),
                        ("RANGE_VELOCITY_RATIO", ss.R_OVER_V)):
        dark.addParameterSources(name, [Source.fromStaticValue(value)])
    dark.addParameterSources("INPUT", [Source.fromModelParameter("AIS")])
    dark.addParameterSources("SCENE", [Source.fromModelParameter("SCENE")])
    dark.addParameterSources("LAND", [Source.fromModelParameter("LAND")])
    outputs = {}
    for key in ("OUTPUT", "OUTPUT_MISSED"):
        out = QgsProcessingModelOutput(key.lower())
        out.setChildId("dark")
        out.setChildOutputName(key)
        outputs[key.lower()] = out
    dark.setModelOutputs(outputs)
    model.addChildAlgorithm(dark)
    return model


def test_model_chain_gives_what_the_steps_give(rason_provider, small_scene, tmp_path):
    import processing

    folder, tif, land, ais = small_scene
    model = build_chain()
    names = {p.name() for p in model.parameterDefinitions() if p.isDestination()}
    dest = {n: str(tmp_path / f"model_{i}.gpkg") for i, n in enumerate(sorted(names))}
    result = processing.run(model, {"SCENE": str(tif), "LAND": str(land), "AIS": str(ais), **dest})
    ships = single("rason:shipdetection", {"INPUT": str(tif), "LAND": str(land), "ACQUISITION_TIME": T_ISO,
                                           "OUTPUT": str(tmp_path / "ships.gpkg")})["OUTPUT"]
    steps = single("rason:darkvessels", {
        "DETECTIONS": ships, "INPUT": str(ais), "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
        "SCENE": str(tif), "LAND": str(land), "PLATFORM_HEADING": ss.HEADING, "MATCH_DISTANCE": 300.0,
        "INCIDENCE_ANGLE": ss.INCIDENCE, "RANGE_VELOCITY_RATIO": ss.R_OVER_V,
        "OUTPUT": str(tmp_path / "dark.gpkg"), "OUTPUT_MISSED": str(tmp_path / "missed.gpkg")})
    out_key = next(k for k in result if k.endswith("output") and "missed" not in k)
    missed_key = next(k for k in result if "missed" in k)
    fields = ("det_id", "status", "mmsi")
    assert rows_of(result[out_key], *fields) == rows_of(steps["OUTPUT"], *fields)
    assert rows_of(result[missed_key], "mmsi") == rows_of(steps["OUTPUT_MISSED"], "mmsi")
    assert {r[1] for r in rows_of(steps["OUTPUT"], "det_id", "status", "mmsi")} == {"dark", "matched"}


def test_qgis_process_runs_ship_detection(installed_plugin, tmp_path):
    from qgis_tools import clean_qgis_env, qgis_process_executable

    plugins, _ = installed_plugin
    env = clean_qgis_env(tmp_path / "home", plugin_path=plugins)
    out = tmp_path / "qp.gpkg"
    result = subprocess.run([qgis_process_executable(), "--json", "run", "rason:shipdetection", "--",
                             f"INPUT={S1_VRT}", "UNITS=1", f"OUTPUT={out}"],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout[result.stdout.index("{"):])
    alone = single("rason:shipdetection", {"INPUT": str(S1_VRT), "UNITS": 1,
                                           "OUTPUT": str(tmp_path / "pr.gpkg")})
    assert payload["results"]["SHIPS"] == alone["SHIPS"] >= 16
    assert rows_of(out, "det_id", "length_m") == rows_of(alone["OUTPUT"], "det_id", "length_m")
