"""QGIS glue shared by the ship algorithms: styles, the loaded-layer post-processor, image times."""
from __future__ import annotations

from qgis.core import QgsVectorLayer

from ..compat import save_style_to_database
from ..i18n import tr
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


# The reference layer 'land' (Natural Earth 1:10m) states this in its accuracy field.
COARSE_LAND_MARK = "coarse near the quays"


def warn_if_coarse_land(source, feedback) -> None:
    """Warn when LAND is the generalised Natural Earth land, whose coast misses the quays."""
    if source is None or source.fields().lookupField("accuracy") < 0:
        return
    for feature in source.getFeatures():
        if COARSE_LAND_MARK in str(feature["accuracy"] or ""):
            feedback.pushWarning(tr(
                "LAND is generalised (Natural Earth 1:10m): its coast lies a median ~180 m and up to "
                "~1.5 km near Rajin from the real one. Ships at the quays may be cut off as land, and "
                "land near the quays may give false ships: check them by eye."))
            return
