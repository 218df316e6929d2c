"""Sample data for the demo, the tests and the benchmarks: seeded synthetic scenes and AIS logs.

Not part of the plugin (the zip QGIS installs leaves it out): the plugin never makes up data.
synthetic.py writes a before/after pair of the Rajin port with a known change mask;
synthetic_ais.py writes an AIS week (NMEA log + CSV) with known port calls.
"""
