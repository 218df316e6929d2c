"""Overpass over HTTP: the query, the request (QGIS's network stack or urllib), the JSON answer."""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request

from .common import ISO_CODE, OsmError

DEFAULT_URL = "https://overpass-api.de/api/interpreter"
FALLBACK_URL = "https://overpass.kumi.systems/api/interpreter"
USER_AGENT = "RasonSEZMonitor/0.1 (QGIS plugin; reference-layer refresh)"
MAX_BYTES = 200 * 1024 * 1024


def build_query(timeout_s: int, iso_code: str = ISO_CODE) -> str:
    """Return the Overpass QL query for the zone's boundary, railways, stations and port features."""
    return (
        f"[out:json][timeout:{int(timeout_s)}];\n"
        f'relation["boundary"="administrative"]["ISO3166-2"="{iso_code}"]->.zone_rel;\n'
        ".zone_rel map_to_area->.zone;\n"
        "(\n"
        '  way["railway"~"^(rail|narrow_gauge|disused|construction)$"](area.zone);\n'
        '  node["railway"~"^(station|halt|stop)$"](area.zone);\n'
        '  nwr["harbour"="yes"](area.zone);\n'
        '  nwr["landuse"="port"](area.zone);\n'
        '  nwr["industrial"="port"](area.zone);\n'
        '  nwr["seamark:type"="harbour"](area.zone);\n'
        ")->.features;\n"
        ".zone_rel out geom;\n"
        ".features out geom;\n"
    )


def fetch(urls, query: str, timeout_s: float, is_cancelled=None, log=None, post=None) -> tuple:
    """POST ``query`` to each Overpass URL in turn; return (url, parsed JSON) of the first good answer.

    A server that fails (HTTP error, timeout, refused, not JSON, Overpass runtime error) is
    reported and the next URL is tried; if all fail, OsmError lists every failure.
    ``post(url, body, timeout_s) -> str`` sends the request (default :func:`post_urllib`); it
    raises OsmError with a short reason when the server cannot answer.
    """
    post = post or post_urllib
    failures = []
    for url in [u for u in urls if u]:
        if is_cancelled is not None and is_cancelled():
            raise OsmError("cancelled")
        try:
            text = post(url, encode_query(query), timeout_s)
            data = parse_json(text)
            return url, data
        except OsmError as error:
            failures.append(f"{url}: {error}")
            if log is not None:
                log(f"Overpass server {url} failed: {error}")
    if not failures:
        raise OsmError("no Overpass URL given")
    raise OsmError("; ".join(failures))


def encode_query(query: str) -> bytes:
    """Return the form-encoded POST body Overpass expects (``data=<query>``)."""
    return urllib.parse.urlencode({"data": query}).encode("utf-8")


def decode_answer(raw: bytes) -> str:
    """Return the answer as text; OsmError when it is larger than MAX_BYTES."""
    if len(raw) > MAX_BYTES:
        raise OsmError(f"answer larger than {MAX_BYTES // (1024 * 1024)} MB")
    return raw.decode("utf-8", errors="replace")


def post_urllib(url: str, body: bytes, timeout_s: float) -> str:
    """POST ``body`` with urllib (scripts without QGIS); return the answer's text or raise OsmError."""
    request = urllib.request.Request(url, data=body, headers={
        "User-Agent": USER_AGENT, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            raw = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise OsmError(f"HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, (socket.timeout, TimeoutError)):
            raise OsmError(f"no answer within {timeout_s:g} s (timeout)") from error
        raise OsmError(f"cannot connect ({error.reason})") from error
    except (socket.timeout, TimeoutError) as error:
        raise OsmError(f"no answer within {timeout_s:g} s (timeout)") from error
    except OSError as error:  # connection reset and similar
        raise OsmError(f"connection failed ({error})") from error
    return decode_answer(raw)


def parse_json(text: str) -> dict:
    """Return the Overpass JSON answer as a dict; OsmError if it is not Overpass JSON."""
    try:
        data = json.loads(text)
    except ValueError as error:
        snippet = " ".join(text[:80].split())
        raise OsmError(f"answer is not JSON ({error.msg} at char {error.pos}; starts with {snippet!r})") \
            from error
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise OsmError("answer is JSON but not Overpass JSON (no 'elements' list)")
    remark = str(data.get("remark") or "")
    if "error" in remark.lower():
        raise OsmError(f"Overpass reported: {remark.strip()}")
    return data
