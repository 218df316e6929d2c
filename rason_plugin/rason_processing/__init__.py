"""The plugin's Processing provider and algorithms (QGIS glue; the work lives in ``core``)."""
