"""``rason:changedetection``: where, how much and how significantly the ground changed between two scenes.

Thin glue: parameters in, ``core.change`` do the work, outputs out.
"""
from __future__ import annotations

from itertools import chain

from qgis.core import (
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsRasterLayer,
)

from ..compat import NumberType, ParameterFlag, SourceType
from ..core.change import (
    DEFAULT_ALPHA,
    DEFAULT_MAX_ITERATIONS,
    run_change_detection,
)
from ..core.change.regions import change_regions
from ..core.change.spatial import DEFAULT_MRF_BETA, DEFAULT_SPATIAL, DEFAULT_SPATIAL_SIZE, SPATIAL_METHODS
from ..i18n import tr, tr_noop
from .base import RasonAlgorithm
from .change_outputs import read_zones, report, run_outputs, style_rasters, undo_on_failure, write_vectors

METHOD_KEYS = ["imad", "mad", "cva", "difference", "logratio"]
METHOD_LABELS = ["iMAD", "MAD", "CVA", tr_noop("Difference"), tr_noop("Log-ratio")]
THRESHOLD_KEYS = ["auto", "chi2", "otsu", "em", "manual"]
THRESHOLD_LABELS = [
    tr_noop("Automatic (chi-square for MAD/iMAD, EM otherwise)"),
    tr_noop("Chi-square significance (MAD/iMAD)"),
    "Otsu",
    tr_noop("Two-class EM (Bayes)"),
    tr_noop("Manual value"),
]
SPATIAL_LABELS = [tr_noop("None (each pixel alone)"), tr_noop("Majority filter"),
                  tr_noop("Markov random field (Potts prior, ICM)")]
# Shown as the option labels too (translated there).
RESAMPLING_KEYS = [tr_noop("nearest"), tr_noop("bilinear"), tr_noop("cubic"), tr_noop("average")]

HELP = tr_noop("""<p>Finds where the ground changed between a BEFORE and an AFTER scene (any GDAL raster: \
Sentinel-2, Landsat, Planet...), how much, and how significantly, with areas per monitoring zone.</p>
<h3>Methods</h3>
<ul>
<li><b>iMAD</b> (default): iteratively re-weighted Multivariate Alteration Detection (Nielsen 2007). \
MAD finds the linear combinations of the two band sets that are most correlated (canonical \
correlation) and takes their differences, the MAD variates; it is blind to any per-band gain and \
offset (season, sun, sensor calibration), so only real change stands out. iMAD repeats the \
analysis weighting each pixel by its probability of no change, so the change itself does not \
distort the statistics. The statistic is chi-square: sum over i of (MAD_i / sigma_i)^2.</li>
<li><b>MAD</b>: one pass of the above (Nielsen, Conradsen &amp; Simpson 1998); the band counts may \
differ (as in Orfeo ToolBox). Canonical correlations equal OTB's.</li>
<li><b>CVA</b>: change vector analysis; the statistic is the length of the per-band difference \
vector; the variates output adds the direction (angle to the all-bands-brighter direction).</li>
<li><b>Difference</b>: per-band AFTER - BEFORE; statistic = Euclidean norm of the differences.</li>
<li><b>Log-ratio</b>: per-band ln(AFTER / BEFORE) (suits radar intensities); pixels with values \
&lt;= 0 are nodata. CVA, Difference and Log-ratio need the same number of bands in both scenes and \
are sensitive to radiometric drift.</li>
</ul>
<h3>Parameters</h3>
<ul>
<li><b>BEFORE / AFTER</b>: the two scenes, any GDAL raster (also /vsizip/, /vsicurl/ COGs, GPKG:..., \
NETCDF:..., VRTs). If their CRS, extent or resolution differ, AFTER is warped onto BEFORE's grid over \
the overlap (Resampling, advanced); a pixel whose warp drew on a nodata pixel is nodata; no overlap is \
an error.</li>
<li><b>Bands</b>: optional band lists (default all bands but an alpha band, which only says which \
pixels are hidden), e.g. leave out a cirrus or QA band.</li>
<li><b>Threshold</b>: how the change mask is cut from the statistic. <i>Automatic</i> is the \
chi-square test for MAD/iMAD and EM otherwise: on synthetic pairs with known change and a \
per-band gain/offset drift, iMAD with the chi-square test at alpha 1e-6 gave F1 1.00-1.00 \
(Otsu 0.81-0.99, EM 0.95-0.97), and for CVA EM beat Otsu (F1 0.99-1.00 vs 0.96-1.00). \
<i>Chi-square significance</i>: a pixel is change when the probability of its statistic under \
no change is below ALPHA (expected false-alarm rate). <i>Otsu</i>: the histogram split with the \
largest between-class variance. <i>EM</i>: a two-Gaussian mixture fitted by expectation-maximisation, \
cut where both classes are equally likely. <i>Manual</i>: change where the statistic exceeds \
MANUAL_THRESHOLD.</li>
<li><b>ALPHA</b>: significance level of the chi-square test (default 0.000001, i.e. 1e-6). On the \
labelled Nanjing Landsat pair, 1e-6 with the MRF reached kappa 0.816, against 0.778 at 0.0001: real \
unchanged pixels have heavier tails than the chi-square law. With MAD, whose test is conservative, \
0.001 does better.</li>
<li><b>Zones</b>: optional polygons (e.g. the Rason monitoring areas); a field called "name" names \
each zone. Zone statistics give, per zone, the valid and changed area (m2 and %) and the number of \
change regions touching it.</li>
<li><b>Spatial context</b> (SPATIAL, advanced): <i>Markov random field</i> (default) re-labels \
each pixel from the chi-square likelihood of no change, a gamma law fitted to the flagged pixels, \
and a Potts prior on its 8 neighbours (MRF_BETA, default 1.5), by iterated conditional modes (Besag \
1986); alone, a pixel keeps the threshold's decision. <i>Majority filter</i>: the majority label of \
a SPATIAL_SIZE x SPATIAL_SIZE window (it erases objects of a few pixels). On the labelled Nanjing \
Landsat pair the MRF raised iMAD's kappa from 0.794 to 0.816 at the default ALPHA (README, make \
bench-accuracy). The MRF needs MAD/iMAD's chi-square statistic: for CVA, Difference and Log-ratio \
it leaves the mask as the threshold made it.</li>
<li><b>Minimum region area</b> (m2): change regions smaller than this are left out of the \
polygons and of the region counts (the mask keeps every pixel).</li>
</ul>
<h3>Outputs</h3>
<ul>
<li><b>Change mask</b>: GeoTIFF, 1 change, 0 no change, 255 nodata (nodata in either scene, hidden \
by a GDAL mask or alpha band, or masked; never counted as change). CHANGED_AREA_M2 sums the changed \
pixels' areas (on the ellipsoid for a geographic CRS), as the polygons and zone statistics do.</li>
<li><b>Change statistic</b>: float32, chi-square for MAD/iMAD, magnitude otherwise; nodata -1 \
(every statistic is &gt;= 0).</li>
<li><b>Variates</b> (optional): MAD variates plus the chi-square p-value band, or per-band \
differences / log-ratios (plus the CVA direction); nodata NaN, since variates take every real value.</li>
<li><b>Change polygons</b> (optional): area_m2, mean_stat, zone.</li>
<li><b>Zone statistics</b> (optional): one row per zone.</li>
</ul>
<p>Streams the scenes in strips: memory does not grow with the scene size. Note: iMAD's chi-square \
uses a consistency factor so unchanged pixels follow the chi-square law (see README).</p>""")


class ChangeDetectionAlgorithm(RasonAlgorithm):
    NAME = "changedetection"
    DISPLAY_NAME = tr_noop("Change detection")
    GROUP = tr_noop("Imagery")
    GROUP_ID = "imagery"
    MENU_TEXT = tr_noop("Change detection…")
    ICON = "change_detection.svg"
    HELP_ANCHOR = "change-detection-rason-sez--change-detection-rasonchangedetection"
    HELP = HELP

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    BANDS_BEFORE = "BANDS_BEFORE"
    BANDS_AFTER = "BANDS_AFTER"
    METHOD = "METHOD"
    THRESHOLD = "THRESHOLD"
    ALPHA = "ALPHA"
    MANUAL_THRESHOLD = "MANUAL_THRESHOLD"
    ZONES = "ZONES"
    MIN_AREA = "MIN_AREA"
    RESAMPLING = "RESAMPLING"
    MAX_ITERATIONS = "MAX_ITERATIONS"
    REGULARISATION = "REGULARISATION"
    OUTPUT_MASK = "OUTPUT_MASK"
    OUTPUT_MAGNITUDE = "OUTPUT_MAGNITUDE"
    OUTPUT_VARIATES = "OUTPUT_VARIATES"
    OUTPUT_POLYGONS = "OUTPUT_POLYGONS"
    OUTPUT_ZONE_STATS = "OUTPUT_ZONE_STATS"
    SPATIAL = "SPATIAL"
    SPATIAL_SIZE = "SPATIAL_SIZE"
    MRF_BETA = "MRF_BETA"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterRasterLayer(self.BEFORE, tr("Before scene")))
        self.addParameter(QgsProcessingParameterRasterLayer(self.AFTER, tr("After scene")))
        self.addParameter(QgsProcessingParameterBand(
            self.BANDS_BEFORE, tr("Bands of the before scene (default all)"), None, self.BEFORE,
            optional=True, allowMultiple=True))
        self.addParameter(QgsProcessingParameterBand(
            self.BANDS_AFTER, tr("Bands of the after scene (default all)"), None, self.AFTER,
            optional=True, allowMultiple=True))
        self.addParameter(QgsProcessingParameterEnum(self.METHOD, tr("Method"),
                                                     [tr(label) for label in METHOD_LABELS], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(self.THRESHOLD, tr("Threshold"),
                                                     [tr(label) for label in THRESHOLD_LABELS],
                                                     defaultValue=0))
        alpha = QgsProcessingParameterNumber(
            self.ALPHA, tr("Significance level ALPHA (chi-square threshold)"),
            NumberType.Double, DEFAULT_ALPHA, minValue=1e-12, maxValue=0.5)
        # The dialog's box shows 6 decimals unless told otherwise: with the default at 1e-6, any
        # stricter level typed in would become 0. 12 decimals reach the minimum.
        alpha.setMetadata({"widget_wrapper": {"decimals": 12}})
        self.addParameter(alpha)
        self.addParameter(QgsProcessingParameterNumber(
            self.MANUAL_THRESHOLD, tr("Manual threshold on the change statistic"),
            NumberType.Double, None, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ZONES, tr("Zones (e.g. monitoring areas)"),
            [SourceType.VectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_AREA, tr("Minimum change region area (m²)"), NumberType.Double, 0.0,
            minValue=0.0))
        advanced = [
            QgsProcessingParameterEnum(self.RESAMPLING,
                                       tr("Resampling when AFTER is warped onto BEFORE's grid"),
                                       [tr(key) for key in RESAMPLING_KEYS], defaultValue=1),
            QgsProcessingParameterNumber(self.MAX_ITERATIONS, tr("iMAD: maximum iterations"),
                                         NumberType.Integer, DEFAULT_MAX_ITERATIONS,
                                         minValue=1, maxValue=1000),
            QgsProcessingParameterNumber(self.REGULARISATION, tr("MAD/iMAD: regularisation (0 = none, < 1)"),
                                         NumberType.Double, 0.0, minValue=0.0,
                                         maxValue=0.99),
        ]
        for p in advanced:
            p.setFlags(p.flags() | ParameterFlag.Advanced)
            self.addParameter(p)
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT_MASK, tr("Change mask")))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT_MAGNITUDE,
                                                                  tr("Change statistic")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_VARIATES, tr("Variates (MAD variates / band differences)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_POLYGONS, tr("Change polygons"), SourceType.VectorPolygon, optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_ZONE_STATS, tr("Zone change statistics"), SourceType.VectorPolygon,
            optional=True, createByDefault=False))
        for p in (  # added last so that earlier keys keep their positions
            QgsProcessingParameterEnum(self.SPATIAL, tr("Spatial context of the change mask"),
                                       [tr(label) for label in SPATIAL_LABELS],
                                       defaultValue=SPATIAL_METHODS.index(DEFAULT_SPATIAL)),
            QgsProcessingParameterNumber(self.SPATIAL_SIZE, tr("Majority filter: window size (pixels, odd)"),
                                         NumberType.Integer, DEFAULT_SPATIAL_SIZE, minValue=3, maxValue=51),
            QgsProcessingParameterNumber(self.MRF_BETA, tr("MRF: neighbour weight (Potts beta)"),
                                         NumberType.Double, DEFAULT_MRF_BETA, minValue=0.0, maxValue=20.0),
        ):
            p.setFlags(p.flags() | ParameterFlag.Advanced)
            self.addParameter(p)

    # ------------------------------------------------------------------------------------------
    @staticmethod
    def _gdal_layer(value):
        """Return a GDAL raster layer for a dataset name that is not a file, or None.

        Processing loads a string as a layer only when it is a file on disk, so /vsicurl/...,
        /vsizip/..., NETCDF:"f.nc":var, GPKG:f.gpkg:table or SENTINEL2_L2A:... would be refused,
        although GDAL reads them all.
        """
        if not isinstance(value, str) or not value.strip():
            return None
        options = QgsRasterLayer.LayerOptions()
        options.loadDefaultStyle = False
        options.skipCrsValidation = True
        layer = QgsRasterLayer(value.strip(), "raster", "gdal", options)
        return layer if layer.isValid() else None

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            return ok, message
        retry = dict(parameters)
        for key in (self.BEFORE, self.AFTER):
            if self.parameterAsRasterLayer(parameters, key, context) is None:
                layer = self._gdal_layer(parameters.get(key))
                if layer is not None:
                    retry[key] = layer
        if all(retry[k] is parameters[k] for k in parameters):
            return ok, message
        return super().checkParameterValues(retry, context)

    def _raster_path(self, parameters, key, context, label):
        layer = self.parameterAsRasterLayer(parameters, key, context)
        if layer is None:
            layer = self._gdal_layer(parameters.get(key))
        if layer is None:
            self.fail(tr("{label}: the raster layer or file could not be opened; choose an existing raster")
                      .format(label=label))
        if layer.providerType() != "gdal":
            self.fail(tr("{label}: '{layer}' is a {provider} layer; change detection reads "
                         "files through GDAL, save it as a GeoTIFF first (Export > Save As)")
                      .format(label=label, layer=layer.name(), provider=layer.providerType()))
        return layer.source(), layer

    @staticmethod
    def _wanted(parameters, key, context) -> bool:
        """Return True when the optional output ``key`` was asked for.

        The batch dialog passes a QgsProcessingOutputLayerDefinition with an empty sink for an
        output left blank, so a non-None value is not enough.
        """
        value = parameters.get(key)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.valueAsString(context.expressionContext())[0]
        return value not in (None, "")

    def _settings(self, parameters, context, feedback) -> dict:
        """Return the run's settings read from ``parameters`` (core names), checked."""
        before, before_layer = self._raster_path(parameters, self.BEFORE, context, "BEFORE")
        after, _after_layer = self._raster_path(parameters, self.AFTER, context, "AFTER")
        manual = None
        if parameters.get(self.MANUAL_THRESHOLD) not in (None, ""):
            manual = self.parameterAsDouble(parameters, self.MANUAL_THRESHOLD, context)
        out_var = None
        if self._wanted(parameters, self.OUTPUT_VARIATES, context):
            out_var = self.parameterAsOutputLayer(parameters, self.OUTPUT_VARIATES, context) or None
        core = dict(
            bands_before=self.parameterAsInts(parameters, self.BANDS_BEFORE, context) or None,
            bands_after=self.parameterAsInts(parameters, self.BANDS_AFTER, context) or None,
            method=METHOD_KEYS[self.parameterAsEnum(parameters, self.METHOD, context)],
            threshold=THRESHOLD_KEYS[self.parameterAsEnum(parameters, self.THRESHOLD, context)],
            alpha=self.parameterAsDouble(parameters, self.ALPHA, context), manual_threshold=manual,
            out_mask=self.parameterAsOutputLayer(parameters, self.OUTPUT_MASK, context),
            out_magnitude=self.parameterAsOutputLayer(parameters, self.OUTPUT_MAGNITUDE, context),
            out_variates=out_var,
            resampling=RESAMPLING_KEYS[self.parameterAsEnum(parameters, self.RESAMPLING, context)],
            max_iterations=self.parameterAsInt(parameters, self.MAX_ITERATIONS, context),
            regularisation=self.parameterAsDouble(parameters, self.REGULARISATION, context),
            spatial=SPATIAL_METHODS[self.parameterAsEnum(parameters, self.SPATIAL, context)],
            spatial_size=self.parameterAsInt(parameters, self.SPATIAL_SIZE, context),
            mrf_beta=self.parameterAsDouble(parameters, self.MRF_BETA, context))
        want_polygons = self._wanted(parameters, self.OUTPUT_POLYGONS, context)
        want_zone_stats = self._wanted(parameters, self.OUTPUT_ZONE_STATS, context)
        raster_crs = before_layer.crs()
        zone_source = self.parameterAsSource(parameters, self.ZONES, context)
        zones = read_zones(zone_source, raster_crs, context, feedback) if zone_source is not None else []
        if want_zone_stats and zone_source is None:
            self.fail(tr("OUTPUT_ZONE_STATS needs ZONES: choose a polygon layer of zones, "
                         "or skip that output"))
        return dict(before=before, after=after, core=core, crs=raster_crs, zones=zones,
                    zone_source=zone_source,
                    min_area=self.parameterAsDouble(parameters, self.MIN_AREA, context),
                    want_polygons=want_polygons, want_zone_stats=want_zone_stats,
                    regions_needed=want_polygons or (want_zone_stats and bool(zones)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        settings = self._settings(parameters, context, feedback)
        share = 0.8 if settings["regions_needed"] else 1.0
        result = [None]
        with undo_on_failure(result):
            # keep_previous: files at the raster paths are kept aside until the vectors below are
            # written too, so a failure or cancel there can put them back.
            result[0] = run_change_detection(
                settings["before"], settings["after"], **settings["core"], keep_previous=True,
                progress=lambda f: feedback.setProgress(100.0 * share * f), is_cancelled=feedback.isCanceled)
            regions = self._regions(settings, result[0], share, feedback)
        method = settings["core"]["method"]
        report(feedback, method, result[0])
        outputs = run_outputs(self, method, result[0])
        style_rasters(context, result[0])
        # The rasters are in place by now; a failure or cancel while writing the vectors must not
        # leave them behind either, and puts back the files they replaced.
        with undo_on_failure(result):
            outputs.update(write_vectors(self, parameters, context, settings, result[0], regions, feedback))
        result[0].discard_previous_outputs()  # the run is final: the files it replaced can go
        feedback.setProgress(100)
        return outputs

    @staticmethod
    def _regions(settings, result, share, feedback):
        """Return the change regions as an iterator (empty when no output needs them)."""
        if not settings["regions_needed"]:
            return iter(())
        regions = change_regions(
            result.out_mask, result.out_magnitude, min_area_m2=settings["min_area"],
            zones=[(n, w) for n, w, _ in settings["zones"]],
            progress=lambda f: feedback.setProgress(100.0 * (share + (1 - share) * f)),
            is_cancelled=feedback.isCanceled)
        # The regions are polygonised and measured before the first one comes out (they are
        # streamed after that), so a cancel in that long step comes before any vector.
        first = [r for r in (next(regions, None),) if r is not None]
        return chain(first, regions)
