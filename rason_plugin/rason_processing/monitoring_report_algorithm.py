"""rason:monitoringreport: one PDF a colleague reads without QGIS (zones, change, vessels, provenance)."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ..compat import AlgorithmFlag, SourceType
from ..i18n import tr, tr_noop
from ..paths import read_metadata
from . import report_inputs as inputs
from .base import RasonAlgorithm
from .report_layout import ExportError, ReportLayout


def default_zones():
    """Return (layer, shipped path): the plugin's monitoring areas, read from a private copy."""
    from ..layers.catalogue import REFERENCE_GPKG, layer_uri
    from ..layers.loader import reference_for_reading

    if not REFERENCE_GPKG.exists():
        raise QgsProcessingException(
            tr("The plugin's reference GeoPackage {path} is missing, so there are no default zones. "
               "Reinstall the plugin, or choose a polygon layer for ZONES.").format(path=REFERENCE_GPKG))
    uri = layer_uri(reference_for_reading(), "monitoring_areas")
    layer = QgsVectorLayer(uri, tr("Monitoring areas"), "ogr")
    if not layer.isValid():
        raise QgsProcessingException(
            tr("{path} has no readable 'monitoring_areas' layer. Reinstall the plugin, or choose a "
               "polygon layer for ZONES.").format(path=REFERENCE_GPKG))
    return layer, REFERENCE_GPKG


def software_versions() -> list:
    """Return (name, version) of the plugin, QGIS and GDAL that made the report."""
    from osgeo import gdal

    return [(read_metadata().get("name", "Rason SEZ Monitor"), read_metadata().get("version", "?")),
            ("QGIS", Qgis.QGIS_VERSION), ("GDAL", gdal.__version__)]


class MonitoringReportAlgorithm(RasonAlgorithm):
    """Writes the monitoring report PDF from the outputs of the change, radar and vessel algorithms."""

    TITLE = "TITLE"
    ZONES = "ZONES"
    CHANGE_ZONE_STATS = "CHANGE_ZONE_STATS"
    ZONE_SERIES = "ZONE_SERIES"
    PORT_CALLS = "PORT_CALLS"
    DETECTIONS = "DETECTIONS"
    LAYERS = "LAYERS"
    OUTPUT = "OUTPUT"
    MISSED = "MISSED"
    PAGES = "PAGES"

    NAME = "monitoringreport"
    DISPLAY_NAME = tr_noop("Monitoring report (PDF)")
    GROUP = tr_noop("Project")
    GROUP_ID = "project"
    MENU_TEXT = tr_noop("Monitoring report (PDF)…")
    ICON = "monitoring_report.svg"
    HELP_ANCHOR = "monitoring-report-pdf-rason-sez--monitoring-report-pdf-rasonmonitoringreport"
    HELP = tr_noop(
        "Writes one PDF that a colleague can read without QGIS:\n"
        "1. a cover: the title, a map of the monitoring areas and the period the inputs cover;\n"
        "2. one page per zone: a map with LAYERS, its change figures (CHANGE_ZONE_STATS from "
        "Change detection), its radar activity chart over time (ZONE_SERIES from SAR change), and its "
        "port calls (PORT_CALLS from Port calls, matched by port name = zone name);\n"
        "3. vessels: every port call, the dark vessels (DETECTIONS from Dark vessels, status 'dark') "
        "with their nearest port area, and the AIS vessels expected but not seen (MISSED);\n"
        "4. provenance: every input with its path and SHA-256 checksum, every parameter, the plugin, "
        "QGIS and GDAL versions, and the data credits the inputs call for.\n\n"
        "All inputs are optional; a section whose input is missing says so. ZONES defaults to the "
        "plugin's monitoring areas. The text comes only from the inputs, so the same inputs give the "
        "same text. The PDF is written only once complete; a cancelled run leaves nothing."
    )

    def flags(self):
        # Layout export renders map items, labels and pictures, which QGIS requires on the main
        # thread; QGIS's own "Export print layout as PDF" is NoThreading for the same reason.
        return super().flags() | AlgorithmFlag.NoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterString(self.TITLE, tr("Title (empty: from the zones)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ZONES, tr("Zones (empty: the plugin's monitoring areas)"), [SourceType.VectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.CHANGE_ZONE_STATS, tr("Zone change statistics (from Change detection)"), [SourceType.Vector],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ZONE_SERIES, tr("Zone change series (from SAR change)"), [SourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.PORT_CALLS, tr("Port calls (from Port calls)"), [SourceType.Vector], optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.DETECTIONS, tr("Ship detections (from Dark vessels)"), [SourceType.VectorPoint],
            optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.LAYERS, tr("Layers to draw in the maps"), SourceType.MapLayer, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Report"), tr("PDF files (*.pdf)")))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.MISSED, tr("AIS vessels expected but not seen (from Dark vessels)"), [SourceType.Vector],
            optional=True))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, tr("Number of pages")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output:
            self.fail(tr("OUTPUT is empty: give the path of the PDF to write"))
        if not output.lower().endswith(".pdf"):
            output += ".pdf"
        if not Path(output).parent.is_dir():
            self.fail(tr("OUTPUT {path}: its folder does not exist; choose an existing folder")
                      .format(path=output))
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context) or []
        data = self._read(parameters, context, feedback, layers, output)
        if feedback.isCanceled():
            return {}
        feedback.setProgress(40)
        report = ReportLayout(data, layers, feedback)
        report.build(software_versions(), self._zone_names(data))
        feedback.pushInfo(tr("{pages} pages laid out; exporting the PDF").format(pages=report.pages))
        feedback.setProgress(60)
        try:
            report.export(output)
        except ExportError as error:
            self.fail(tr("OUTPUT {path} could not be written: {error}; choose a writable folder")
                      .format(path=output, error=error))
        except OSError as error:
            self.fail(tr("OUTPUT {path} could not be written ({error}); choose a writable folder with space")
                      .format(path=output, error=error))
        if feedback.isCanceled():
            feedback.pushInfo(tr("Cancelled: nothing was written"))
            return {}
        feedback.pushInfo(tr("Wrote {path} ({pages} pages)").format(path=output, pages=report.pages))
        return {self.OUTPUT: output, self.PAGES: report.pages}

    @staticmethod
    def _zone_names(data) -> list:
        """Return the zones in ZONES order, then zones only named by the change inputs (sorted)."""
        names = [name for name, _kind, _geom in data.zones]
        extra = set(data.stats or {}) | set(data.series or {})
        return names + sorted(extra - set(names))

    def _read(self, parameters, context, feedback, layers, output):
        """Return the ReportData of every input, with provenance and parameters."""
        data = inputs.ReportData()
        tc = context.transformContext()
        zones_layer = self.parameterAsVectorLayer(parameters, self.ZONES, context)
        zones_source = self.parameterAsSource(parameters, self.ZONES, context)
        shipped = None
        if zones_source is None:
            zones_layer, shipped = default_zones()
            # Owned by the run's context from here: a Python-owned layer kept alive by an error's
            # traceback would be deleted after QGIS itself, which crashes the interpreter at exit.
            context.temporaryLayerStore().addMapLayer(zones_layer)
            zones_source = zones_layer
        data.zones = inputs.read_zones(zones_source, feedback, tc)
        self._note(data, self.ZONES, zones_layer, feedback, shipped)
        readers = (
            (self.CHANGE_ZONE_STATS, "stats", lambda s: inputs.read_stats(s, feedback)),
            (self.ZONE_SERIES, "series", lambda s: inputs.read_series(s, feedback)),
            (self.PORT_CALLS, "calls", lambda s: inputs.read_calls(s, feedback)),
            (self.DETECTIONS, "detections", lambda s: inputs.read_detections(s, feedback, tc, data.zones)),
            (self.MISSED, "missed", lambda s: inputs.read_missed(s, feedback, tc)),
        )
        for parameter, attribute, read in readers:
            source = self.parameterAsSource(parameters, parameter, context)
            if source is not None and not feedback.isCanceled():
                setattr(data, attribute, read(source))
                self._note(data, parameter, self.parameterAsVectorLayer(parameters, parameter, context),
                           feedback)
        for layer in layers:
            self._note(data, self.LAYERS, layer, feedback)
        self._credits_and_parameters(data, parameters, context, output, shipped)
        return data

    @staticmethod
    def _note(data, parameter, layer, feedback, path=None):
        if layer is None:
            return
        data.provenance.append(inputs.provenance_entry(parameter, layer, feedback, path))
        data.credits.evidence.extend(inputs.evidence(layer))

    def _credits_and_parameters(self, data, parameters, context, output, shipped):
        sar_times = [p.start or p.end for pts in (data.series or {}).values() for p in pts]
        sar_times += [d["time"] for d in data.detections or ()]
        data.credits.sar_present = data.series is not None or data.detections is not None
        data.credits.sar_years = {t.year for t in sar_times if t is not None}
        names = [name for name, _k, _g in data.zones]
        data.title = self.parameterAsString(parameters, self.TITLE, context).strip() or (
            tr("Monitoring report: {zones}").format(zones=", ".join(names)) if len(names) <= 3
            else tr("Monitoring report: {n} zones").format(n=len(names)))
        by_parameter = {}
        for parameter, name, _path, _sum in data.provenance:
            by_parameter.setdefault(parameter, []).append(name)
        for definition in self.parameterDefinitions():
            key = definition.name()
            if key == self.TITLE:
                value = data.title
            elif key == self.OUTPUT:
                value = output
            elif key == self.ZONES and shipped is not None:
                value = tr("(not given: the plugin's monitoring areas)")
            else:
                value = "; ".join(by_parameter.get(key, [])) or tr("(not given)")
            data.parameters.append((key, value))
