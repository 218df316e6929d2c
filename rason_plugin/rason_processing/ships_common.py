"""QGIS glue shared by the ship algorithms: their style names and the coarse-land warning."""
from __future__ import annotations

from ..i18n import tr

SHIP_STYLE = "ship_detections.qml"
DARK_STYLE = "dark_vessels.qml"
MISSED_STYLE = "ais_missed.qml"


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
