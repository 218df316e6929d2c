#!/usr/bin/env python3
"""Write resources/models/rason_monitoring_chain.model3, the Graphical Modeler model the provider ships.

The model is built here in code rather than drawn by hand so that its parameter wiring is
reviewable and re-creatable; open the .model3 in the Graphical Modeler to see or extend it.
Usage: build_model.py [OUTPUT.model3]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "resources" / "models" / "rason_monitoring_chain.model3"
MODEL_NAME = "Monitoring chain"


def build_model():
    """Return the monitoring-chain model: change detection with zone statistics, tracks, port calls,
    and the radar change series per zone."""
    from qgis.core import (
        QgsApplication,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterMultipleLayers,
        QgsProcessingParameterNumber,
        QgsProcessingParameterRasterLayer,
    )
    from qgis.core import (
        QgsProcessingModelChildParameterSource as Source,
    )
    from qgis.PyQt.QtCore import QPointF

    from rason_plugin.compat import NumberType, SourceType
    from rason_plugin.core.change import DEFAULT_ALPHA

    model = QgsProcessingModelAlgorithm(MODEL_NAME, "Rason SEZ")
    model.setHelpContent({
        "ALG_DESC": "The whole monitoring chain on your own inputs: change detection between a before "
                    "and an after scene with changed area per monitoring zone, vessel tracks and port "
                    "calls from AIS positions (e.g. the output of 'Import AIS NMEA log'), and the radar "
                    "change series per zone over a Sentinel-1 series (one scene per date).",
        "ALG_CREATOR": "Rason SEZ Monitor",
    })

    def add_input(definition, x, y):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
        model.parameterComponent(definition.name()).setPosition(QPointF(x, y))

    add_input(QgsProcessingParameterRasterLayer("BEFORE", "Before scene"), 120, 60)
    add_input(QgsProcessingParameterRasterLayer("AFTER", "After scene"), 120, 120)
    add_input(QgsProcessingParameterFeatureSource("ZONES", "Monitoring zones (polygons)",
                                                  [SourceType.VectorPolygon]), 120, 180)
    add_input(QgsProcessingParameterFeatureSource("POSITIONS", "AIS positions (points)",
                                                  [SourceType.VectorPoint]), 120, 260)
    add_input(QgsProcessingParameterField("MMSI_FIELD", "MMSI field", "mmsi", "POSITIONS"), 120, 320)
    add_input(QgsProcessingParameterField("TIME_FIELD", "Time field", "time", "POSITIONS"), 120, 380)
    add_input(QgsProcessingParameterNumber("MAX_GAP", "Split tracks at gaps longer than (minutes)",
                                           NumberType.Double, 30.0, False, 0.1), 120, 440)
    add_input(QgsProcessingParameterFeatureSource("PORTS", "Port areas (polygons)",
                                                  [SourceType.VectorPolygon]), 120, 500)
    add_input(QgsProcessingParameterMultipleLayers("RADAR_SCENES", "Radar scenes, one per date (Sentinel-1)",
                                                   SourceType.Raster), 120, 580)

    def add_child(child_id, algorithm_id, description, params, outputs, x, y):
        child = QgsProcessingModelChildAlgorithm(algorithm_id)
        child.setChildId(child_id)
        child.setDescription(description)
        child.setPosition(QPointF(x, y))
        # Parameters the model does not expose keep the algorithm's own defaults, stated explicitly
        # because a model child has no implicit defaults.
        algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        for definition in algorithm.parameterDefinitions():
            if definition.name() not in params and not definition.isDestination() \
                    and definition.defaultValue() is not None:
                params[definition.name()] = Source.fromStaticValue(definition.defaultValue())
        for name, source in params.items():
            child.addParameterSources(name, [source])
        model_outputs = {}
        for child_output, (model_output, label) in outputs.items():
            output = QgsProcessingModelOutput(model_output)
            output.setChildId(child_id)
            output.setChildOutputName(child_output)
            output.setDescription(label)
            model_outputs[model_output] = output
        child.setModelOutputs(model_outputs)
        model.addChildAlgorithm(child)

    param = Source.fromModelParameter
    add_child("change", "rason:changedetection", "Change detection", {
        "BEFORE": param("BEFORE"), "AFTER": param("AFTER"), "ZONES": param("ZONES"),
        "METHOD": Source.fromStaticValue(0), "THRESHOLD": Source.fromStaticValue(0),
        # The chain runs change detection at its defaults; tests/qgis/test_model.py finds the shipped
        # model stale when a default here moves (ALPHA did, to 1e-6, in issue #15).
        "ALPHA": Source.fromStaticValue(DEFAULT_ALPHA), "MIN_AREA": Source.fromStaticValue(0.0),
    }, {
        "OUTPUT_MASK": ("CHANGE_MASK", "Change mask"),
        "OUTPUT_MAGNITUDE": ("CHANGE_STATISTIC", "Change statistic"),
        "OUTPUT_ZONE_STATS": ("ZONE_STATS", "Changed area per zone"),
    }, 450, 120)
    add_child("tracks", "rason:vesseltracks", "Vessel tracks", {
        "INPUT": param("POSITIONS"), "MMSI_FIELD": param("MMSI_FIELD"), "TIME_FIELD": param("TIME_FIELD"),
        "MAX_GAP": param("MAX_GAP"), "MAX_SPEED": Source.fromStaticValue(50.0),
    }, {"OUTPUT": ("TRACKS", "Vessel tracks")}, 450, 320)
    add_child("calls", "rason:portcalls", "Port calls", {
        "INPUT": param("POSITIONS"), "MMSI_FIELD": param("MMSI_FIELD"), "TIME_FIELD": param("TIME_FIELD"),
        "PORTS": param("PORTS"),
    }, {"OUTPUT": ("PORT_CALLS", "Port calls"), "OUTPUT_SUMMARY": ("PORT_CALL_SUMMARY", "Port-call summary")},
        450, 460)
    add_child("radar", "rason:sarchange", "Radar change series", {
        "INPUT": param("RADAR_SCENES"), "ZONES": param("ZONES"),
    }, {
        "OUTPUT_FREQUENCY": ("RADAR_FREQUENCY", "Number of radar changes"),
        "OUTPUT_ZONE_SERIES": ("RADAR_ZONE_SERIES", "Radar change per zone and interval"),
        "OUTPUT_CHART": ("RADAR_CHART", "Radar change chart"),
    }, 450, 600)
    return model


def main(argv) -> int:
    from qgis.core import QgsApplication

    target = Path(argv[1]) if len(argv) > 1 else MODEL_PATH
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    sys.path.insert(0, str(ROOT))
    from processing.core.Processing import Processing

    Processing.initialize()
    from rason_plugin.rason_processing.provider import RasonProvider

    provider = RasonProvider()  # kept referenced: the registry does not own the Python wrapper
    QgsApplication.processingRegistry().addProvider(provider)
    model = build_model()
    ok, errors = model.validate()
    if not ok:
        print("model does not validate:", *errors, sep="\n  ", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(target)):
        print(f"could not write {target}", file=sys.stderr)
        return 1
    print(target)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
