#!/usr/bin/env python3
"""Render docs/images/ships_dunkirk.png: rason:shipdetection on the real Sentinel-1 crop off Dunkirk.

Runs the algorithm through processing.run, loads the image (warped through its GCPs, as the
algorithm does) and the styled output, and renders the map as QGIS would draw it in the canvas.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_ships_figure.py [OUT.png]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VRT = ROOT / "tests/data/sar/s1_northsea_ships/s1a-iw-grd-20220612t173329-subset-1000x1000_gcps.vrt"


def main(out: Path) -> None:
    from osgeo import gdal
    from qgis.core import (
        QgsApplication,
        QgsContrastEnhancement,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsRasterLayer,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    from rason_plugin.rason_processing.provider import RasonProvider

    provider = RasonProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    tmp = Path(tempfile.mkdtemp())
    result = processing.run("rason:shipdetection",
                            {"INPUT": str(VRT), "UNITS": 1, "OUTPUT": str(tmp / "ships.gpkg")})
    warped = str(tmp / "scene_utm.vrt")
    gdal.Warp(warped, str(VRT), format="VRT", dstSRS="EPSG:32631", resampleAlg="near")
    raster = QgsRasterLayer(warped, "Sentinel-1 (DN)")
    raster.setContrastEnhancement(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
    renderer = raster.renderer()
    ce = QgsContrastEnhancement(raster.dataProvider().dataType(1))
    ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
    ce.setMinimumValue(20)
    ce.setMaximumValue(250)
    renderer.setContrastEnhancement(ce)
    ships = QgsVectorLayer(result["OUTPUT"], "ships", "ogr")
    settings = QgsMapSettings()
    settings.setLayers([ships, raster])
    settings.setDestinationCrs(ships.crs())
    settings.setExtent(raster.extent())
    settings.setOutputSize(QSize(900, 900))
    settings.setBackgroundColor(QColor("black"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(out))
    print(f"{out}: {result['SHIPS']} ships")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/images/ships_dunkirk.png")
