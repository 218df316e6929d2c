"""A local stand-in for the Overpass API: synthetic Overpass JSON for Rason and a threaded HTTP server.

The boundary ways are cut from the shipped geoBoundaries/OSM polygon (ODbL, © OpenStreetMap
contributors; geoBoundaries); stations, railways and the port are synthetic, placed near the
Wikipedia/WPI points of rason_plugin/data/sources/places.csv. Nothing here touches the internet.
"""
from __future__ import annotations

import csv
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "rason_plugin" / "data" / "sources"
RELATION_ID = 9000001


def _places():
    with (SOURCES / "places.csv").open(encoding="utf-8", newline="") as handle:
        return {row["name"]: (float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)}


def _geom(points):
    return [{"lat": lat, "lon": lon} for lon, lat in points]


def boundary_outer_ring():
    """Return the largest outer ring of the shipped boundary as [(lon, lat), ...]."""
    data = json.loads((SOURCES / "rason_boundary.geojson").read_text(encoding="utf-8"))
    polygons = data["geometry"]["coordinates"]
    ring = max((polygon[0] for polygon in polygons), key=len)
    return [tuple(p) for p in ring]


def boundary_relation(n_ways: int = 4):
    """Return an Overpass relation: the outer ring split into ``n_ways`` ways, shuffled, one reversed."""
    ring = boundary_outer_ring()
    step = (len(ring) - 1) // n_ways
    cuts = [i * step for i in range(n_ways)] + [len(ring) - 1]
    ways = [ring[a:b + 1] for a, b in zip(cuts, cuts[1:])]
    ways[1] = list(reversed(ways[1]))  # OSM ways of a relation need not run the same way round
    order = [2, 0, 3, 1] if n_ways == 4 else list(range(n_ways))
    members = [{"type": "way", "ref": 100 + i, "role": "outer", "geometry": _geom(ways[i])} for i in order]
    return {"type": "relation", "id": RELATION_ID, "members": members,
            "tags": {"boundary": "administrative", "admin_level": "4", "ISO3166-2": "KP-13",
                     "name": "라선특별시", "name:en": "Rason", "type": "boundary"}}


def offset(point, d_lon=0.0, d_lat=0.0):
    return (round(point[0] + d_lon, 7), round(point[1] + d_lat, 7))


def answer(changed_railway: bool = False) -> dict:
    """Return a synthetic Overpass answer; ``changed_railway`` moves one way and adds another."""
    p = _places()
    rajin, hongui, tumangang = p["Rajin station"], p["Hongŭi station"], p["Tumangang station"]
    bridge, sonbong = p["Korea–Russia Friendship Bridge"], p["Sŏnbong"]
    # Stations a little off the Wikipedia points: Rajin 0.001° north (about 111 m), the others exact.
    stations = [
        {"type": "node", "id": 501, "lat": offset(rajin, d_lat=0.001)[1], "lon": rajin[0],
         "tags": {"railway": "station", "name": "라진", "name:en": "Rajin"}},
        {"type": "node", "id": 502, "lat": hongui[1], "lon": hongui[0],
         "tags": {"railway": "station", "name": "홍의", "name:en": "Hongui"}},
        {"type": "node", "id": 503, "lat": tumangang[1], "lon": tumangang[0],
         "tags": {"railway": "station", "name": "두만강", "name:en": "Tumangang"}},
    ]
    mid = offset(sonbong, d_lon=0.01) if not changed_railway else offset(sonbong, d_lon=0.02)
    railways = [
        {"type": "way", "id": 601, "nodes": [1, 2, 3], "geometry": _geom([rajin, mid, hongui]),
         "tags": {"railway": "rail", "name": "함북선", "name:en": "Hambuk Line", "gauge": "1435;1520"}},
        {"type": "way", "id": 602, "nodes": [3, 4], "geometry": _geom([hongui, tumangang, bridge]),
         "tags": {"railway": "rail", "name": "홍의선", "name:en": "Hongui Line"}},
    ]
    if changed_railway:
        railways.append({"type": "way", "id": 603, "nodes": [5, 6],
                         "geometry": _geom([tumangang, offset(tumangang, d_lon=0.005, d_lat=-0.004)]),
                         "tags": {"railway": "rail", "service": "yard", "name:en": "Tumangang yard"}})
    port = {"type": "way", "id": 701, "nodes": [7, 8, 9, 10, 7],
            "geometry": _geom([(130.295, 42.235), (130.305, 42.235), (130.305, 42.243), (130.295, 42.243),
                               (130.295, 42.235)]),
            "tags": {"landuse": "port", "name": "라진항", "name:en": "Rajin Port"}}
    return {"version": 0.6, "generator": "Overpass API (synthetic test answer)",
            "osm3s": {"timestamp_osm_base": "2024-01-01T00:00:00Z",
                      "copyright": "The data included in this document is from www.openstreetmap.org. "
                                   "The data is made available under ODbL."},
            "elements": [boundary_relation()] + stations + railways + [port]}


class OverpassStub:
    """A threaded HTTP server on 127.0.0.1 answering POSTs like Overpass, by path.

    Paths: /ok, /changed, /error500, /slow (sleeps ``slow_s`` then answers), /garbage, /empty,
    /notoverpass. ``queries`` records every query received, ``user_agents`` its User-Agent header.
    """

    def __init__(self, slow_s: float = 3.0):
        self.slow_s = slow_s
        self.queries = []
        self.user_agents = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                stub.queries.append(self.rfile.read(length).decode("utf-8"))
                stub.user_agents.append(self.headers.get("User-Agent") or "")
                path = self.path.split("?")[0]
                if path == "/error500":
                    self._send(500, b"<html>Internal Server Error</html>", "text/html")
                elif path == "/slow":
                    time.sleep(stub.slow_s)
                    self._send(200, json.dumps(answer()).encode(), "application/json")
                elif path == "/garbage":
                    self._send(200, b"<?xml version='1.0'?><osm><node id='1'/></osm>\x00\xff", "text/plain")
                elif path == "/empty":
                    self._send(200, json.dumps({"version": 0.6, "elements": []}).encode(), "application/json")
                elif path == "/notoverpass":
                    self._send(200, b'{"hello": "world"}', "application/json")
                elif path in ("/ok", "/changed"):
                    body = json.dumps(answer(changed_railway=path == "/changed")).encode()
                    self._send(200, body, "application/json")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, code, body, content_type):
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
        return False
