"""rason:refreshfromosm: fresh OpenStreetMap boundary, railways, stations and ports, with a diff."""
from __future__ import annotations

import json
import os

from qgis.core import (
    QgsAbstractMetadataBase,
    QgsCoordinateReferenceSystem,
    QgsLayerMetadata,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QDateTime, Qt
from qgis.PyQt.QtXml import QDomDocument

from ..compat import NumberType
from ..core import osm
from ..i18n import tr, tr_noop
from ..layers.catalogue import REFERENCE_GPKG
from ..layers.loader import reference_for_reading
from .base import RasonAlgorithm

LAYER_TITLES = {
    "sez_boundary": "Rason SEZ boundary (OpenStreetMap)",
    "railway": "Railways in the Rason SEZ (OpenStreetMap)",
    "rail_stations": "Rail stations in the Rason SEZ (OpenStreetMap)",
    "ports": "Port features in the Rason SEZ (OpenStreetMap)",
    "osm_changes": "Changes against the compared reference layers",
}


def qgis_post(feedback=None):
    """Return an ``osm.fetch`` poster that sends through QGIS's network access manager.

    So the user's proxy, SSL and authentication settings apply, and the request shows in QGIS's
    network logger. ``feedback`` (a QgsFeedback) cancels a request in flight. QGIS's own network
    timeout (Settings > Options > Network) also applies; the per-request TIMEOUT is a Qt
    transfer timeout, which Qt reports as a cancelled operation.
    """
    from qgis.core import QgsBlockingNetworkRequest
    from qgis.PyQt.QtCore import QByteArray, QUrl
    from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

    def post(url: str, body: bytes, timeout_s: float) -> str:
        request = QNetworkRequest(QUrl(url))
        request.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, "application/x-www-form-urlencoded")
        request.setTransferTimeout(max(1, int(round(timeout_s * 1000))))
        blocking = QgsBlockingNetworkRequest()
        code = blocking.post(request, QByteArray(body), True, feedback)
        reply = blocking.reply()
        if feedback is not None and feedback.isCanceled():
            raise osm.OsmError("cancelled")
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if status is not None and int(status) >= 400:
            reason = reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute) or ""
            raise osm.OsmError(f"HTTP {int(status)} {reason}".rstrip())
        error = reply.error()
        if code == QgsBlockingNetworkRequest.ErrorCode.TimeoutError or error in (
                QNetworkReply.NetworkError.OperationCanceledError, QNetworkReply.NetworkError.TimeoutError):
            raise osm.OsmError(f"no answer within {timeout_s:g} s (timeout)")
        if code != QgsBlockingNetworkRequest.ErrorCode.NoError or error != QNetworkReply.NetworkError.NoError:
            raise osm.OsmError(f"cannot connect ({blocking.errorMessage() or reply.errorString()})")
        return osm.decode_answer(bytes(reply.content()))

    return post


class RefreshFromOsmAlgorithm(RasonAlgorithm):
    """Queries Overpass, writes the OSM features to a GeoPackage, reports what changed."""

    NAME = "refreshfromosm"
    DISPLAY_NAME = tr_noop("Refresh reference layers from OpenStreetMap")
    GROUP = tr_noop("Reference layers")
    GROUP_ID = "referencelayers"
    MENU_TEXT = tr_noop("Refresh from OpenStreetMap…")
    ICON = "osm_refresh.svg"
    HELP_ANCHOR = "refresh-from-openstreetmap-rasonrefreshfromosm"
    HELP = tr_noop(
        "Queries the Overpass API for the Rason boundary relation (ISO3166-2=KP-13), the railway lines "
        "and stations inside it and its port features (harbour, landuse/industrial=port), writes them to "
        "a GeoPackage (layers sez_boundary, railway, rail_stations, ports, and the table osm_changes) "
        "and reports what changed against the shipped reference layers, or against COMPARE_WITH (e.g. "
        "an earlier refresh): features added, removed, and moved with their distance in metres "
        "(Hausdorff distance; features are matched by OSM id when both sides have one, otherwise to "
        "the nearest feature within a few km, which for the schematic shipped railway is crude).\n\n"
        "URL is asked first, FALLBACK_URL if URL fails (HTTP error, timeout, malformed or empty answer). "
        "TIMEOUT (seconds) bounds each request. On any failure the existing OUTPUT is left untouched.\n\n"
        "Data © OpenStreetMap contributors, under the Open Database License (ODbL) 1.0: keep the "
        "attribution (stored in each layer's metadata) wherever you show or share the layers."
    )

    URL = "URL"
    FALLBACK_URL = "FALLBACK_URL"
    TIMEOUT = "TIMEOUT"
    COMPARE_WITH = "COMPARE_WITH"
    OUTPUT = "OUTPUT"
    ADDED = "ADDED"
    REMOVED = "REMOVED"
    MOVED = "MOVED"
    CHANGES = "CHANGES"
    SERVER = "SERVER"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterString(self.URL, tr("Overpass API URL"), osm.DEFAULT_URL))
        self.addParameter(QgsProcessingParameterString(
            self.FALLBACK_URL, tr("Fallback Overpass API URL (empty: none)"), osm.FALLBACK_URL,
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TIMEOUT, tr("Timeout per request (seconds)"), NumberType.Integer, 90,
            minValue=1, maxValue=900))
        self.addParameter(QgsProcessingParameterFile(
            self.COMPARE_WITH, tr("Compare with (GeoPackage; empty: the shipped reference layers)"),
            extension="gpkg", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("OpenStreetMap layers"), tr("GeoPackage (*.gpkg)")))
        for key, text in ((self.ADDED, tr("Features added")), (self.REMOVED, tr("Features removed")),
                          (self.MOVED, tr("Features moved"))):
            self.addOutput(QgsProcessingOutputNumber(key, text))
        self.addOutput(QgsProcessingOutputString(self.CHANGES, tr("Changes (JSON list)")))
        self.addOutput(QgsProcessingOutputString(self.SERVER, tr("Overpass server that answered")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        urls = [self.parameterAsString(parameters, self.URL, context).strip(),
                self.parameterAsString(parameters, self.FALLBACK_URL, context).strip()]
        if not any(urls):
            self.fail(tr("URL is empty: give an Overpass API endpoint such as {url}")
                      .format(url=osm.DEFAULT_URL))
        for url in filter(None, urls):
            if not url.lower().startswith(("http://", "https://")):
                self.fail(tr("URL / FALLBACK_URL: {url} is not an http(s) URL; use e.g. {example}")
                          .format(url=repr(url), example=osm.DEFAULT_URL))
        timeout = self.parameterAsInt(parameters, self.TIMEOUT, context)
        shipped_copy = str(reference_for_reading())
        compare = self.parameterAsFile(parameters, self.COMPARE_WITH, context) or shipped_copy
        if not os.path.isfile(compare):
            self.fail(tr("COMPARE_WITH: {path} does not exist; pick a GeoPackage or leave it empty")
                      .format(path=compare))
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not target.lower().endswith(".gpkg"):
            target += ".gpkg"
        if os.path.realpath(target) == os.path.realpath(compare):
            self.fail(tr("OUTPUT is the GeoPackage being compared with; choose another OUTPUT file"))
        if os.path.realpath(target) == os.path.realpath(REFERENCE_GPKG):
            self.fail(tr("OUTPUT is the shipped reference GeoPackage inside the plugin; "
                         "choose your own file"))
        feedback.pushInfo(tr("Querying {urls} (timeout {timeout} s)")
                          .format(urls=tr(" then ").join(filter(None, urls)), timeout=timeout))
        try:
            result, changes, server = osm.refresh(
                urls, target, compare, timeout_s=timeout, metadata_xml=lambda r: self._metadata(r, urls),
                log=feedback.reportError, progress=lambda f: feedback.setProgress(100 * f),
                is_cancelled=feedback.isCanceled, post=qgis_post(feedback))
        except osm.OsmError as error:
            if feedback.isCanceled():
                self.fail(tr("Cancelled; the existing OUTPUT was left untouched"))
            self.fail(tr("URL / FALLBACK_URL / TIMEOUT: the OpenStreetMap refresh failed ({error}). "
                         "Check the server URLs and your connection, or raise TIMEOUT; the existing "
                         "OUTPUT was left untouched.").format(error=error))
        counts = _report(feedback, result, changes, server, compare, shipped_copy, target)
        return {
            self.OUTPUT: target, self.ADDED: counts["added"], self.REMOVED: counts["removed"],
            self.MOVED: counts["moved"], self.SERVER: server,
            self.CHANGES: json.dumps([change.__dict__ for change in changes], ensure_ascii=False),
        }

    @staticmethod
    def _metadata(result, urls) -> dict:
        """Return {table: QGIS metadata XML} with the ODbL attribution and the query's provenance."""
        now = QDateTime.currentDateTimeUtc().toString(Qt.DateFormat.ISODate)
        out = {}
        for name, title in LAYER_TITLES.items():
            md = QgsLayerMetadata()
            md.setIdentifier(f"rason_osm/{name}")
            md.setTitle(title)
            md.setType("dataset")
            md.setLanguage("en")
            md.setAbstract(
                f"{title}, fetched with the Overpass API by rason:refreshfromosm. Accuracy: as mapped in "
                "OpenStreetMap; port areas are represented by the mean of their vertices. "
                "Data © OpenStreetMap contributors, ODbL 1.0.")
            md.setLicenses([osm.LICENCE])
            md.setRights([osm.ATTRIBUTION])
            md.setHistory([f"Queried {' / '.join(filter(None, urls))} at {now}; OSM data as of "
                           f"{result.timestamp or 'unknown'} ({result.generator or 'Overpass API'})."])
            md.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
            md.addLink(QgsAbstractMetadataBase.Link("OpenStreetMap copyright", "WWW:LINK",
                                                    "https://www.openstreetmap.org/copyright"))
            doc = QDomDocument("qgis")
            root = doc.createElement("qgis")
            doc.appendChild(root)
            md.writeMetadataXml(root, doc)
            out[name] = doc.toString(1)
        return out


def _report(feedback, result, changes, server, compare, shipped_copy, target) -> dict:
    """Tell the user what OSM answered and what changed; return the change counts."""
    counts = osm.summarise(changes)
    feedback.pushInfo(tr("Answer from {server} (OSM data as of {timestamp}): {counts}")
                      .format(server=server, timestamp=result.timestamp or tr("unknown"),
                              counts=", ".join(f"{len(result.layer(n))} {n}" for n in osm.OSM_LAYERS)))
    compared = tr("the shipped reference layers") if compare == shipped_copy else compare
    feedback.pushInfo(tr("Changes against {compared}: {added} added, {removed} removed, {moved} moved, "
                         "{unchanged} unchanged")
                      .format(compared=compared, added=counts["added"], removed=counts["removed"],
                              moved=counts["moved"], unchanged=counts["unchanged"]))
    kinds = {"added": tr("added"), "removed": tr("removed"), "moved": tr("moved")}
    for change in changes:
        if change.change == "unchanged":
            continue
        kind = kinds.get(change.change, change.change)
        if change.distance_m is not None:
            line = tr("{layer}: {change} by {distance:.0f} m: {name}")
        else:
            line = tr("{layer}: {change}: {name}")
        feedback.pushInfo("  " + line.format(layer=change.layer, change=kind, distance=change.distance_m,
                                             name=change.name or change.key))
    feedback.pushInfo(tr("Written to {path}. Data © OpenStreetMap contributors (ODbL 1.0).")
                      .format(path=target))
    return counts
