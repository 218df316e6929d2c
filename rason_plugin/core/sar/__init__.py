"""Radar (SAR) time-series maths: no qgis, no Qt."""
