"""QGIS glue shared by the ship algorithms: styles, the loaded-layer post-processor, image times."""
from __future__ import annotations

from qgis.core import QgsVectorLayer

from ..compat import save_style_to_database
from ..paths import resources_dir
from .base import KeptPostProcessor

SHIP_STYLE = "ship_detections.qml"
DARK_STYLE = "dark_vessels.qml"
MISSED_STYLE = "ais_missed.qml"


def style_path(name: str) -> str:
    return str(resources_dir() / "styles" / name)


def store_style(path: str, layer_name: str, qml: str) -> None:
    """Save ``qml`` into a GeoPackage output as its default style (other formats: left unstyled on disk)."""
    if not path.lower().endswith(".gpkg"):
        return
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    if not layer.isValid():
        layer = QgsVectorLayer(path, layer_name, "ogr")
    if not layer.isValid():
        return
    layer.loadNamedStyle(style_path(qml))
    save_style_to_database(layer, layer_name, "Rason SEZ Monitor")


class StylePostProcessor(KeptPostProcessor):
    """Applies a ship style to an output when Processing loads it."""

    def __init__(self, qml: str):
        super().__init__()
        self.qml = qml

    def process(self, layer, context, feedback):
        if isinstance(layer, QgsVectorLayer):
            layer.loadNamedStyle(style_path(self.qml))
            layer.triggerRepaint()


def apply_style_on_load(context, result_path: str, qml: str) -> None:
    if context.willLoadLayerOnCompletion(result_path):
        context.layerToLoadOnCompletionDetails(result_path).setPostProcessor(StylePostProcessor.create(qml))
