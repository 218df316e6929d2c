"""The vessel-tracks style and temporal settings, applied when the layer is loaded or stored in it."""
from __future__ import annotations

from qgis.core import Qgis, QgsVectorLayer

from .base import KeptPostProcessor
from .styles import store_default_style, style_path

TRACK_STYLE = "vessel_tracks.qml"


def track_style_path() -> str:
    """Return the path of the vessel-tracks style (resources/styles/vessel_tracks.qml)."""
    return style_path(TRACK_STYLE)


def store_track_style(path: str) -> None:
    """Save the vessel-tracks style into a GeoPackage output as its default style."""
    store_default_style(path, "vessel_tracks", TRACK_STYLE, "Rason SEZ Monitor vessel tracks")


def set_track_temporal(layer) -> None:
    """Set the start/end-field temporal mode so the Temporal Controller animates tracks."""
    props = layer.temporalProperties()
    props.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields)
    props.setStartField("start_time")
    props.setEndField("end_time")
    props.setIsActive(True)


class TrackLayerPostProcessor(KeptPostProcessor):
    """Styles a loaded vessel-tracks output and switches its temporal properties on."""

    def process(self, layer, context, feedback):
        if not isinstance(layer, QgsVectorLayer):
            return
        layer.loadNamedStyle(track_style_path())
        set_track_temporal(layer)
        layer.triggerRepaint()
