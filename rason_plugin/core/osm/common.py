"""What every part of the OSM refresh shares: the zone, the layers, the licence, the error."""
from __future__ import annotations

ATTRIBUTION = "© OpenStreetMap contributors"
LICENCE = "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/"
# Rason Special City's ISO 3166-2 code, the tag the boundary relation carries in OSM and geoBoundaries.
ISO_CODE = "KP-13"

OSM_LAYERS = ["sez_boundary", "railway", "rail_stations", "ports"]


class OsmError(Exception):
    """A refresh failed: network, HTTP, timeout, malformed or empty answer, unusable geometry."""
