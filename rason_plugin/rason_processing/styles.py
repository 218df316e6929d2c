"""Styles of the plugin's vector outputs: stored in a GeoPackage output, and applied when loaded."""
from __future__ import annotations

from qgis.core import QgsVectorLayer

from ..compat import save_style_to_database
from ..paths import resources_dir
from .base import KeptPostProcessor


def style_path(name: str) -> str:
    """Return the path of the style ``name`` in resources/styles."""
    return str(resources_dir() / "styles" / name)


def store_default_style(path: str, layer_name: str, qml: str, description: str = "Rason SEZ Monitor") -> None:
    """Save ``qml`` into a GeoPackage output as its default style (other formats: left unstyled on disk)."""
    if not path.lower().endswith(".gpkg"):
        return
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    if not layer.isValid():
        layer = QgsVectorLayer(path, layer_name, "ogr")
    if not layer.isValid():
        return
    layer.loadNamedStyle(style_path(qml))
    save_style_to_database(layer, layer_name, description)


class StylePostProcessor(KeptPostProcessor):
    """Applies a style to a vector output when Processing loads it."""

    def __init__(self, qml: str):
        super().__init__()
        self.qml = qml

    def process(self, layer, context, feedback):
        if isinstance(layer, QgsVectorLayer):
            layer.loadNamedStyle(style_path(self.qml))
            layer.triggerRepaint()


def apply_style_on_load(context, result_path: str, qml: str) -> None:
    """Style ``result_path`` with ``qml`` when Processing loads it into the project."""
    if context.willLoadLayerOnCompletion(result_path):
        context.layerToLoadOnCompletionDetails(result_path).setPostProcessor(StylePostProcessor.create(qml))


def style_output(context, path: str, layer_name: str, qml: str) -> None:
    """Store ``qml`` in the output at ``path`` as its default style and apply it when loaded."""
    store_default_style(path, layer_name, qml)
    apply_style_on_load(context, path, qml)
