"""AIS processing core: NMEA reading, position cleaning, track segmentation and port calls.

Pure Python + numpy (no QGIS). pyais is imported only by ``decoder.py`` and only when a raw
NMEA log is read, so everything else works without it.
"""
