"""Open a project in this (fresh) process and print what a colleague would see, as JSON.

Run by tests/qgis/test_package_project.py in a subprocess with a fresh HOME and no plugin path:
    python package_checker.py PREFIX_PATH PROJECT_FILE
It is also imported by the test to describe the original project the same way (``describe``).
"""
from __future__ import annotations

import json
import sys


def band_checksums(path: str) -> list:
    from osgeo import gdal

    ds = gdal.Open(path)
    try:
        return [ds.GetRasterBand(i + 1).Checksum() for i in range(ds.RasterCount)]
    finally:
        ds = None


def symbol_colour(layer):
    """Return the single symbol's colour, or [value, colour] of each category of a categorised style."""
    renderer = layer.renderer()
    if hasattr(renderer, "categories"):
        return [[str(c.value()), c.symbol().color().name()] for c in renderer.categories()]
    symbol = getattr(renderer, "symbol", lambda: None)()
    return symbol.color().name() if symbol is not None else None


def describe_layer(layer) -> dict:
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    info = {
        "id": layer.id(), "name": layer.name(), "valid": layer.isValid(),
        "provider": layer.providerType(), "source": layer.source(),
        "metadata_title": layer.metadata().title(), "crs": layer.crs().authid(),
    }
    if isinstance(layer, QgsVectorLayer):
        temporal = layer.temporalProperties()
        info.update({
            "features": layer.featureCount(),
            "renderer": layer.renderer().type() if layer.renderer() else None,
            "colour": symbol_colour(layer),
            "fields": [f.name() for f in layer.fields() if f.name() != "fid"],
            "temporal": [temporal.isActive(), int(temporal.mode()), temporal.startField(),
                         temporal.endField()],
        })
    elif isinstance(layer, QgsRasterLayer):
        info["renderer"] = layer.renderer().type() if layer.renderer() else None
        if layer.providerType() == "gdal" and layer.isValid():
            info["checksums"] = band_checksums(layer.source())
            info["nodata"] = [layer.dataProvider().sourceNoDataValue(b + 1)
                              for b in range(layer.bandCount())]
    return info


def describe_tree(group) -> list:
    from qgis.core import QgsLayerTreeGroup

    out = []
    for child in group.children():
        if isinstance(child, QgsLayerTreeGroup):
            out.append({"group": child.name(), "visible": child.itemVisibilityChecked(),
                        "children": describe_tree(child)})
        else:
            out.append({"layer": child.layerId(), "visible": child.itemVisibilityChecked()})
    return out


def describe(project) -> dict:
    return {
        "layers": {layer.id(): describe_layer(layer) for layer in project.mapLayers().values()},
        "tree": describe_tree(project.layerTreeRoot()),
        "crs": project.crs().authid(),
        "title": project.title(),
    }


def main(prefix: str, project_file: str) -> int:
    from qgis.core import QgsApplication, QgsProject

    QgsApplication.setPrefixPath(prefix, True)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    ok = project.read(project_file)
    result = describe(project)
    result["read_ok"] = ok
    result["plugin_loaded"] = any(name.startswith("rason_plugin") for name in sys.modules)
    print(json.dumps(result))
    project.clear()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
