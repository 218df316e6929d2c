"""Pure numpy/GDAL logic of the plugin; no QGIS or Qt imports here, so it runs and tests anywhere."""
