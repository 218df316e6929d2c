"""Every algorithm keeps its parameters (keys, order, types, labels, defaults, flags, options);
new ones may only be appended.

tests/data/parameter_definitions.json was recorded by scripts/parameter_definitions.py from main
before the refactor of issue #12 touched any algorithm. Algorithms added later are not in it
and are not compared; an algorithm of the fixture that disappears fails.
"""
from __future__ import annotations

import json
from pathlib import Path

from parameter_definitions import FIXTURE, describe, describe_all


def test_the_fixture_was_recorded_from_the_algorithms(rason_provider):
    recorded = json.loads(Path(FIXTURE).read_text(encoding="utf-8"))
    # The seven algorithms of the plugin before issue #12 (hand count of provider.algorithm_classes).
    assert sorted(recorded) == ["changedetection", "importais", "packageproject", "portcalls",
                                "referencelayers", "refreshfromosm", "vesseltracks"]


def test_no_parameter_definition_changed(rason_provider):
    recorded = json.loads(Path(FIXTURE).read_text(encoding="utf-8"))
    live = describe_all()
    missing = sorted(set(recorded) - set(live))
    assert missing == [], f"algorithms gone: {missing}"
    for name, params in recorded.items():
        # New parameters may be appended (issue #15 added SPATIAL, SPATIAL_SIZE, MRF_BETA to
        # changedetection); the recorded ones keep their keys, order and definitions.
        assert live[name][:len(params)] == params, f"{name}: parameter definitions changed"
        assert len(live[name]) >= len(params)


def test_parameters_added_since_are_at_the_end(rason_provider):
    recorded = json.loads(Path(FIXTURE).read_text(encoding="utf-8"))["changedetection"]
    added = describe_all()["changedetection"][len(recorded):]
    expected = [("SPATIAL", 2), ("SPATIAL_SIZE", 3), ("MRF_BETA", 1.5)]  # MRF, 3 x 3, beta 1.5
    assert [(p["name"], p["default"]) for p in added] == expected


def test_the_comparison_sees_a_changed_default(rason_provider):
    from rason_plugin.rason_processing.change_detection_algorithm import ChangeDetectionAlgorithm

    recorded = json.loads(Path(FIXTURE).read_text(encoding="utf-8"))["changedetection"]
    alg = ChangeDetectionAlgorithm()
    alg.initAlgorithm({})
    alg.parameterDefinition("ALPHA").setDefaultValue(0.5)
    assert describe(alg) != recorded
