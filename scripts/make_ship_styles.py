#!/usr/bin/env python3
"""Write the ship styles: ship_detections.qml, dark_vessels.qml (by status) and ais_missed.qml.

Hollow circles, so the ship under each mark stays visible on the radar image.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_ship_styles.py [resources/styles]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ring(color: str, width: str = "0.6"):
    from qgis.core import QgsMarkerSymbol

    return QgsMarkerSymbol.createSimple({"name": "circle", "color": "0,0,0,0", "outline_color": color,
                                         "size": "4.5", "outline_width": width})


def point_layer(fields):
    from qgis.core import QgsVectorLayer

    return QgsVectorLayer("Point?crs=EPSG:4326&" + "&".join(f"field={f}" for f in fields), "x", "memory")


def main(out: Path) -> None:
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsRendererCategory,
        QgsSingleSymbolRenderer,
    )

    app = QgsApplication([], False)
    app.initQgis()
    ships = point_layer(["det_id:integer", "length_m:double", "score:double"])
    ships.setRenderer(QgsSingleSymbolRenderer(ring("255,200,0,255")))
    ships.saveNamedStyle(str(out / "ship_detections.qml"))
    dark = point_layer(["status:string", "mmsi:string"])
    categories = [QgsRendererCategory("dark", ring("220,30,30,230", "0.8"), "dark (no AIS)"),
                  QgsRendererCategory("matched", ring("40,160,60,230"), "matched to AIS")]
    dark.setRenderer(QgsCategorizedSymbolRenderer("status", categories))
    dark.saveNamedStyle(str(out / "dark_vessels.qml"))
    missed = point_layer(["mmsi:string"])
    missed.setRenderer(QgsSingleSymbolRenderer(ring("30,90,200,255")))
    missed.saveNamedStyle(str(out / "ais_missed.qml"))
    app.exitQgis()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "styles")
