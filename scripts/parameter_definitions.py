"""Record every algorithm's parameter definitions, so a refactor can prove it changed none.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/parameter_definitions.py [out.json]

writes tests/data/parameter_definitions.json (by default); tests/qgis/test_parameter_definitions.py
compares the live definitions with it.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "parameter_definitions.json"


def _plain(value):
    """Return ``value`` as JSON-able data (QGIS defaults can be QVariants, enums or Qt objects)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(getattr(value, "value", None), int):  # a scoped enum (Qt 6, newer QGIS)
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def describe(algorithm) -> list:
    """Return one dict per parameter of ``algorithm`` (initialised), in definition order."""
    params = []
    for p in algorithm.parameterDefinitions():
        flags = _plain(p.flags())
        flags = flags if isinstance(flags, int) else int(p.flags())
        entry = {"name": p.name(), "type": p.type(), "description": p.description(),
                 "default": _plain(p.defaultValue()), "flags": flags,
                 "optional": bool(flags & 8)}  # FlagOptional = 8 in every QGIS 3 and 4
        if p.type() == "enum":
            entry["options"] = list(p.options())
            entry["allow_multiple"] = bool(p.allowMultiple())
        # What else constrains the value a user or a model may pass, where the type has it.
        for key, getter in (("minimum", "minimum"), ("maximum", "maximum"),
                            ("parent", "parentLayerParameterName"), ("file_filter", "fileFilter"),
                            ("extension", "extension")):
            if hasattr(p, getter):
                entry[key] = _plain(getattr(p, getter)())
        if p.type() in ("number", "distance", "field", "band"):
            for key, getter in (("data_type", "dataType"), ("allow_multiple", "allowMultiple")):
                if hasattr(p, getter):
                    entry[key] = _plain(getattr(p, getter)())
        params.append(entry)
    return params


def describe_all() -> dict:
    """Return {algorithm name: its parameters} for every algorithm of the provider."""
    from rason_plugin.rason_processing.provider import algorithm_classes

    result = {}
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm({})
        result[alg.name()] = describe(alg)
    return result


def main(argv) -> int:
    from qgis.core import QgsApplication

    sys.path.insert(0, str(ROOT))
    app = QgsApplication([], False)
    app.initQgis()
    out = Path(argv[1]) if len(argv) > 1 else FIXTURE
    out.write_text(json.dumps(describe_all(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
