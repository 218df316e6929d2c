"""``rason:sarchange``: when and how radar backscatter changed over a Sentinel-1 series, per pixel and zone.

Thin glue: parameters in, ``core.sar`` does the work (sequential omnibus test), outputs out.
"""
from __future__ import annotations

import datetime as dt
import os
import uuid

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QByteArray, QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from ..compat import FieldType, NumberType, SourceType, WkbType
from ..core.raster import RasterCancelled, RasterError
from ..core.sar.chart import html_page, svg_chart
from ..core.sar.series import run_sar_change
from ..core.sar.zones import zone_series
from ..i18n import tr, tr_noop
from ..paths import resources_dir
from .ais_positions import epoch_to_qdatetime
from .base import KeptPostProcessor, RasonAlgorithm, fields_from

UNITS_LABELS = [tr_noop("Linear intensity"), tr_noop("Amplitude (DN, squared to intensity)"),
                tr_noop("Decibels")]

HELP = tr_noop("""<p>Finds, for each pixel of a series of co-registered radar scenes (Sentinel-1 GRD, one \
per date), whether its backscatter changed, between which dates, and in which direction, with the \
changed area per zone over time. Radar sees through cloud, every 12 days or less.</p>
<h3>Method</h3>
<p>The sequential omnibus test of Conradsen, Nielsen &amp; Skriver (IEEE TGRS 54(5), 2016), as in \
Canty's sar_seq.py: for the image at position j since the pixel's last change, the likelihood-ratio \
statistic R_j of "same backscatter as the images before it" has a known law (a chi-square mixture \
with rho_j and omega_2); an interval is a change when its p-value is &lt;= ALPHA, and the next test \
starts from the changed image. Two bands are the dual-pol diagonal case (VV and VH intensities, \
f = 2), one band the single-pol case (f = 1). About one test per pixel and date.</p>
<h3>Parameters</h3>
<ul>
<li><b>INPUT</b>: one scene per date, on one grid (a scene on another grid is warped onto the first \
scene's grid, nearest neighbour, so each pixel stays one speckle sample). The scenes are sorted by date.</li>
<li><b>DATES</b>: optional ISO dates, comma-separated, in INPUT's order. Empty: from each file name \
(Sentinel-1 product name, YYYY-MM-DD or YYYYMMDD), then from the TIFFTAG_DATETIME or \
ACQUISITION_START_TIME metadata.</li>
<li><b>BANDS</b>: optional band numbers, one per polarisation (1,2 for VV,VH); default all bands, \
at most 2.</li>
<li><b>UNITS</b>: linear intensity, amplitude (squared to intensity) or decibels.</li>
<li><b>ENL</b>: equivalent number of looks of the intensities (4.4 for Sentinel-1 IW GRD at 10 m; \
more for multi-looked or filtered data). 0 estimates it: on up to 5 dates spread over the series, \
the ratio mean²/variance of every 7x7 block of valid pixels (which equals the ENL over a \
homogeneous area and is lower over texture and edges), and the mode of those values. A wrong ENL \
makes the test too strict (ENL too low) or too eager (too high).</li>
<li><b>ALPHA</b>: significance level, the expected share of false changes per test (default 0.01).</li>
<li><b>MEDIAN_FILTER</b>: 3x3 median of the p-values before the decision, for noisy data.</li>
<li><b>ZONES</b>: optional polygons; a field called "name" names each zone.</li>
</ul>
<h3>Outputs</h3>
<p>uint8 GeoTIFFs on the first scene's grid, 255 = nodata (a pixel nodata at any date). A scene \
that is nodata everywhere is skipped and reported.</p>
<ul>
<li><b>First / last change</b>: the interval (1..k-1) of the first and the last change, 0 = none.</li>
<li><b>Frequency</b>: the number of changes.</li>
<li><b>Intervals</b>: one band per interval (named with its two dates): 0 no change, 1 brighter \
(every band above the mean of the images since the last change), 2 darker, 3 mixed.</li>
<li><b>p-values</b> (optional): float32, the p-value that decided each interval; nodata -1.</li>
<li><b>Zone series</b> (optional): one row per zone and interval, start and end as date-times \
(Temporal Controller ready), changed, brighter, darker and valid area (m²) and changed %.</li>
<li><b>Chart</b> (optional): changed area per zone over time, an HTML page (with the table) or a \
PNG, chosen by the file extension.</li>
</ul>""")


def _style(name: str) -> str:
    return str(resources_dir() / "styles" / name)


class _SarStyle(KeptPostProcessor):
    """Loads a sar_*.qml style; ramp styles saved on 0..1 are scaled to ``scale`` (the largest value)."""

    def __init__(self, qml: str, scale: float = 0.0, name: str = ""):
        super().__init__()
        self.qml, self.scale, self.name = qml, scale, name

    def process(self, layer, context, feedback):
        if not isinstance(layer, QgsRasterLayer):
            return
        layer.loadNamedStyle(self.qml)
        renderer = layer.renderer()
        shader = renderer.shader() if self.scale and hasattr(renderer, "shader") else None
        if shader is not None:
            fn = shader.rasterShaderFunction()
            items = fn.colorRampItemList()
            for item in items:
                item.value *= self.scale
            fn.setColorRampItemList(items)
            fn.setMinimumValue(items[0].value)
            fn.setMaximumValue(items[-1].value)
            renderer.setClassificationMin(items[0].value)
            renderer.setClassificationMax(items[-1].value)
        layer.triggerRepaint()


def _qdatetime(when: dt.datetime):
    return epoch_to_qdatetime(when.replace(tzinfo=dt.timezone.utc).timestamp())


def _write_chart(path: str, rows, title: str) -> None:
    """Write the chart to ``path`` (HTML or PNG by extension) through a temporary file renamed in."""
    folder, base = os.path.split(os.path.abspath(path))
    tmp = os.path.join(folder, f".{base}.{uuid.uuid4().hex[:8]}")
    try:
        if path.lower().endswith(".png"):
            from qgis.PyQt.QtSvg import QSvgRenderer

            svg = svg_chart(rows, title)
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            size = renderer.defaultSize() if renderer.isValid() else QSize(900, 420)
            image = QImage(size.width() * 2, size.height() * 2, QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
            if not image.save(tmp, "PNG"):
                raise OSError(tr("the PNG could not be written"))
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(html_page(rows, title))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


class SarChangeAlgorithm(RasonAlgorithm):
    NAME = "sarchange"
    DISPLAY_NAME = tr_noop("Radar change over time (Sentinel-1)")
    GROUP = tr_noop("Imagery")
    GROUP_ID = "imagery"
    MENU_TEXT = tr_noop("Radar change over time (Sentinel-1)…")
    ICON = "sar_change.svg"
    HELP_ANCHOR = ("radar-change-over-time-sentinel-1-rason-sez--radar-change-over-time-sentinel-1"
                   "-rasonsarchange")
    HELP = HELP

    INPUT = "INPUT"
    DATES = "DATES"
    BANDS = "BANDS"
    UNITS = "UNITS"
    ENL = "ENL"
    ALPHA = "ALPHA"
    MEDIAN_FILTER = "MEDIAN_FILTER"
    ZONES = "ZONES"
    OUTPUT_FIRST = "OUTPUT_FIRST"
    OUTPUT_LAST = "OUTPUT_LAST"
    OUTPUT_FREQUENCY = "OUTPUT_FREQUENCY"
    OUTPUT_INTERVALS = "OUTPUT_INTERVALS"
    OUTPUT_PVALUES = "OUTPUT_PVALUES"
    OUTPUT_ZONE_SERIES = "OUTPUT_ZONE_SERIES"
    OUTPUT_CHART = "OUTPUT_CHART"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.INPUT, tr("Radar scenes, one per date"), SourceType.Raster))
        self.addParameter(QgsProcessingParameterString(
            self.DATES, tr("Dates, comma-separated ISO, in INPUT's order (default: from names or metadata)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BANDS, tr("Bands, one per polarisation, e.g. 1,2 for VV,VH (default: all, at most 2)"),
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.UNITS, tr("Units of the scenes"),
                                                     [tr(label) for label in UNITS_LABELS], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.ENL, tr("Equivalent number of looks (0 = estimate from the data)"), NumberType.Double, 4.4,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.ALPHA, tr("Significance level ALPHA"), NumberType.Double, 0.01))
        self.addParameter(QgsProcessingParameterBoolean(
            self.MEDIAN_FILTER, tr("3x3 median filter on the p-values"), False))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ZONES, tr("Zones (polygons with a name field)"), [SourceType.VectorPolygon], optional=True))
        for key, label in ((self.OUTPUT_FIRST, tr("First change (interval)")),
                           (self.OUTPUT_LAST, tr("Last change (interval)")),
                           (self.OUTPUT_FREQUENCY, tr("Number of changes")),
                           (self.OUTPUT_INTERVALS,
                            tr("Change per interval (1 brighter, 2 darker, 3 mixed)"))):
            self.addParameter(QgsProcessingParameterRasterDestination(key, label))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_PVALUES, tr("p-values per interval"), optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_ZONE_SERIES, tr("Zone change series"), SourceType.Vector, optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_CHART, tr("Zone chart (HTML or PNG)"), tr("HTML files (*.html);;PNG files (*.png)"),
            optional=True, createByDefault=False))

    @staticmethod
    def _wanted(parameters, key, context) -> bool:
        """Return True when the optional output ``key`` was asked for (batch passes empty definitions)."""
        value = parameters.get(key)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.valueAsString(context.expressionContext())[0]
        return value not in (None, "")

    def _inputs(self, parameters, context):
        layers = self.parameterAsLayerList(parameters, self.INPUT, context)
        paths = []
        for i, layer in enumerate(layers):
            if not isinstance(layer, QgsRasterLayer) or layer.providerType() != "gdal":
                self.fail(tr("INPUT {n} ('{name}') is not a GDAL raster; save it as a GeoTIFF first")
                          .format(n=i + 1, name=layer.name() if layer else "?"))
            paths.append(layer.source())
        text = self.parameterAsString(parameters, self.BANDS, context).strip()
        try:
            bands = [int(b) for b in text.replace(";", ",").split(",") if b.strip()] if text else None
        except ValueError:
            self.fail(tr("BANDS '{text}' is not a list of band numbers; write e.g. 1,2").format(text=text))
        crs = layers[0].crs() if layers else None
        return paths, bands, crs

    def _zones(self, parameters, context, crs):
        source = self.parameterAsSource(parameters, self.ZONES, context)
        if source is None:
            return []
        fields = [f.name() for f in source.fields()]
        name_field = next((f for f in fields if f.lower() == "name"), None)
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        zones = []
        for feat in source.getFeatures():
            geom = QgsGeometry(feat.geometry())
            if geom.isNull() or geom.isEmpty():
                continue
            if crs is not None and crs.isValid() and source.sourceCrs().isValid():
                geom.transform(transform)
            value = feat[name_field] if name_field else None
            zones.append((str(value) if value not in (None, "") else tr("zone {id}").format(id=feat.id()),
                          geom.asWkt()))
        return zones

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        paths, bands, crs = self._inputs(parameters, context)
        zones = self._zones(parameters, context, crs)
        want_series = self._wanted(parameters, self.OUTPUT_ZONE_SERIES, context)
        chart = self.parameterAsFileOutput(parameters, self.OUTPUT_CHART, context) \
            if self._wanted(parameters, self.OUTPUT_CHART, context) else ""
        if (want_series or chart) and not zones:
            self.fail(tr("OUTPUT_ZONE_SERIES and OUTPUT_CHART need ZONES: choose a polygon layer of zones, "
                         "or skip those outputs"))
        outputs = {key.lower(): self.parameterAsOutputLayer(parameters, f"OUTPUT_{key}", context)
                   for key in ("FIRST", "LAST", "FREQUENCY", "INTERVALS")}
        if self._wanted(parameters, self.OUTPUT_PVALUES, context):
            outputs["pvalues"] = self.parameterAsOutputLayer(parameters, self.OUTPUT_PVALUES, context)
        result = None
        try:
            result = run_sar_change(
                paths, outputs, dates_text=self.parameterAsString(parameters, self.DATES, context),
                bands=bands, units=self.parameterAsEnum(parameters, self.UNITS, context),
                enl=self.parameterAsDouble(parameters, self.ENL, context),
                alpha=self.parameterAsDouble(parameters, self.ALPHA, context),
                median=self.parameterAsBoolean(parameters, self.MEDIAN_FILTER, context),
                progress=lambda f: feedback.setProgress(95.0 * f), is_cancelled=feedback.isCanceled,
                info=feedback.pushInfo)
            rows = zone_series(result.outputs["intervals"], result.dates, zones, feedback.isCanceled) \
                if want_series or chart else []
            if chart:
                _write_chart(chart, rows, tr("Radar change per zone"))
        except RasterCancelled:
            self._rollback(result)
            raise QgsProcessingException(tr("Radar change was cancelled; no output was written")) from None
        except (RasterError, OSError) as exc:
            self._rollback(result)
            raise QgsProcessingException(str(exc)) from None
        self._report(result, feedback)
        out = {self.OUTPUT_FIRST: outputs["first"], self.OUTPUT_LAST: outputs["last"],
               self.OUTPUT_FREQUENCY: outputs["frequency"], self.OUTPUT_INTERVALS: outputs["intervals"],
               "ENL": result.enl, "N_DATES": len(result.dates), "N_SKIPPED": len(result.skipped),
               "N_VALID": result.n_valid}
        if "pvalues" in outputs:
            out[self.OUTPUT_PVALUES] = outputs["pvalues"]
        if chart:
            out[self.OUTPUT_CHART] = chart
        if want_series:
            out[self.OUTPUT_ZONE_SERIES] = self._write_series(parameters, context, rows)
        result.committed.release()
        self._styles(context, outputs, len(result.dates))
        return out

    @staticmethod
    def _rollback(result):
        if result is not None and result.committed is not None:
            result.committed.rollback()

    @staticmethod
    def _report(result, feedback):
        for note in result.notes:
            feedback.pushInfo(note)
        source = tr("estimated from the data") if result.enl_estimated else tr("given")
        feedback.pushInfo(tr("{k} dates used, {skipped} skipped as nodata everywhere; ENL {enl:.3g} "
                             "({source}); {valid} valid pixels")
                          .format(k=len(result.dates), skipped=len(result.skipped), enl=result.enl,
                                  source=source, valid=result.n_valid))

    def _write_series(self, parameters, context, rows):
        fields = fields_from((("zone", FieldType.String), ("start", FieldType.DateTime),
                              ("end", FieldType.DateTime), ("changed_area_m2", FieldType.Double),
                              ("brighter_area_m2", FieldType.Double), ("darker_area_m2", FieldType.Double),
                              ("valid_area_m2", FieldType.Double), ("changed_pct", FieldType.Double)))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_ZONE_SERIES, context, fields,
                                          WkbType.NoGeometry)
        if sink is None:
            self.fail(tr("OUTPUT_ZONE_SERIES: the output could not be created; choose another file"))
        for r in rows:
            feat = QgsFeature(fields)
            feat.setAttributes([r.zone, _qdatetime(r.start), _qdatetime(r.end), r.changed_area_m2,
                                r.brighter_area_m2, r.darker_area_m2, r.valid_area_m2, r.changed_pct])
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        return dest

    @staticmethod
    def _styles(context, outputs, k):
        styles = {"first": ("sar_change_index.qml", k - 1, tr("First change")),
                  "last": ("sar_change_index.qml", k - 1, tr("Last change")),
                  "frequency": ("sar_change_index.qml", k - 1, tr("Number of changes")),
                  "intervals": ("sar_intervals.qml", 0, tr("Change per interval"))}
        for key, (qml, scale, name) in styles.items():
            path = outputs[key]
            if context.willLoadLayerOnCompletion(path):
                details = context.layerToLoadOnCompletionDetails(path)
                details.name = name
                details.setPostProcessor(_SarStyle.create(_style(qml), scale))
