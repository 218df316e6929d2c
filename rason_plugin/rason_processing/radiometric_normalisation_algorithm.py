"""``rason:radiometricnormalisation``: make a TARGET scene radiometrically comparable to a REFERENCE.

Thin glue: parameters in, ``core.radiometric_run`` does the work, the raster and the report table out.
"""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingParameterBand,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..compat import FieldType, NumberType, ParameterFlag, SourceType, WkbType
from ..core.change import ChangeDetectionCancelled, ChangeDetectionError
from ..core.radiometric import DEFAULT_NOCHANGE_PROB, DEFAULT_SEED
from ..core.radiometric_run import run_radiometric_normalisation
from ..i18n import tr, tr_noop
from .base import RasonAlgorithm, fields_from
from .change_detection_algorithm import ChangeDetectionAlgorithm

HELP = tr_noop("""<p>Makes a TARGET scene radiometrically comparable to a REFERENCE scene (relative \
radiometric normalisation), as in Canty, Nielsen &amp; Schmidt (Remote Sensing of Environment 91, \
2004) and Canty's radcal: a time series of optical scenes normalised to one reference can be compared \
before change statistics per zone.</p>
<ul>
<li>iMAD (see Change detection) finds the pixels that did not change: those whose no-change \
probability is at least NOCHANGE_PROB (default 0.95).</li>
<li>A third of them, drawn at random (SEED), is held out. On the other two thirds each reference \
band is fitted on the target band by orthogonal regression (the principal axis, which allows for \
noise in both scenes, unlike least squares).</li>
<li>OUTPUT: the target, normalised band by band (intercept + slope x target), float32 on the \
reference's grid; nodata where either scene is nodata.</li>
<li>OUTPUT_REPORT: one row per band: slope, intercept, correlation, and on the held-out pixels the \
means and the p-values of a t-test of equal means and an F-test of equal variances. p &gt; 0.05 on \
both says the normalised target and the reference agree on no-change pixels.</li>
</ul>
<p>The two scenes need the same number of bands (BANDS_REFERENCE / BANDS_TARGET choose them).</p>""")


class RadiometricNormalisationAlgorithm(RasonAlgorithm):
    NAME = "radiometricnormalisation"
    DISPLAY_NAME = tr_noop("Relative radiometric normalisation (iMAD)")
    GROUP = tr_noop("Imagery")
    GROUP_ID = "imagery"
    MENU_TEXT = tr_noop("Relative radiometric normalisation (iMAD)…")
    ICON = "radiometric_normalisation.svg"
    HELP_ANCHOR = ("relative-radiometric-normalisation-rason-sez--relative-radiometric-normalisation-"
                   "imad-rasonradiometricnormalisation")
    HELP = HELP

    REFERENCE = "REFERENCE"
    TARGET = "TARGET"
    BANDS_REFERENCE = "BANDS_REFERENCE"
    BANDS_TARGET = "BANDS_TARGET"
    NOCHANGE_PROB = "NOCHANGE_PROB"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterRasterLayer(self.REFERENCE, tr("Reference scene")))
        self.addParameter(QgsProcessingParameterRasterLayer(self.TARGET, tr("Target scene (to normalise)")))
        for key, label, parent in ((self.BANDS_REFERENCE, tr("Bands of the reference (default all)"),
                                    self.REFERENCE),
                                   (self.BANDS_TARGET, tr("Bands of the target (default all)"), self.TARGET)):
            self.addParameter(QgsProcessingParameterBand(key, label, None, parent, optional=True,
                                                         allowMultiple=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.NOCHANGE_PROB, tr("No-change probability at least"), NumberType.Double,
            DEFAULT_NOCHANGE_PROB, minValue=0.5, maxValue=0.9999))
        seed = QgsProcessingParameterNumber(self.SEED, tr("Random seed of the held-out third"),
                                            NumberType.Integer, DEFAULT_SEED, minValue=0)
        seed.setFlags(seed.flags() | ParameterFlag.Advanced)
        self.addParameter(seed)
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Normalised target")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_REPORT, tr("Normalisation report"), SourceType.Vector))

    def _raster(self, parameters, key, context):
        layer = self.parameterAsRasterLayer(parameters, key, context)
        if layer is None:
            layer = ChangeDetectionAlgorithm._gdal_layer(parameters.get(key))
        if layer is None or layer.providerType() != "gdal":
            self.fail(tr("{label}: choose a raster file or GDAL dataset (save other layers as GeoTIFF first)")
                      .format(label=key))
        return layer.source()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        out = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        result = None
        try:
            result = run_radiometric_normalisation(
                self._raster(parameters, self.REFERENCE, context),
                self._raster(parameters, self.TARGET, context), out_normalised=out,
                bands_reference=self.parameterAsInts(parameters, self.BANDS_REFERENCE, context) or None,
                bands_target=self.parameterAsInts(parameters, self.BANDS_TARGET, context) or None,
                nochange_prob=self.parameterAsDouble(parameters, self.NOCHANGE_PROB, context),
                seed=self.parameterAsInt(parameters, self.SEED, context),
                progress=lambda f: feedback.setProgress(100.0 * f), is_cancelled=feedback.isCanceled,
                keep_previous=True)
            report = self._write_report(parameters, context, result)
        except ChangeDetectionCancelled:
            self._undo(result)
            raise QgsProcessingException(tr("Normalisation was cancelled; no output was written")) from None
        except ChangeDetectionError as exc:
            self._undo(result)
            raise QgsProcessingException(str(exc)) from None
        except BaseException:
            self._undo(result)
            raise
        result.discard_previous_outputs()
        for note in result.notes:
            feedback.pushInfo(note)
        passed = sum(f.p_ttest > 0.05 and f.p_ftest > 0.05 for f in result.fits)
        feedback.pushInfo(tr("{used} no-change pixels used; {passed} of {bands} bands pass both held-out "
                             "tests (p > 0.05)").format(used=result.n_used, passed=passed,
                                                        bands=len(result.fits)))
        return {self.OUTPUT: out, self.OUTPUT_REPORT: report, "N_NOCHANGE": result.n_nochange,
                "BANDS_PASSING": passed}

    @staticmethod
    def _undo(result):
        if result is not None:
            result.restore_previous_outputs()

    def _write_report(self, parameters, context, result):
        fields = fields_from([("band", FieldType.Int)] + [(name, FieldType.Double) for name in (
            "slope", "intercept", "correlation", "mean_reference", "mean_normalised", "p_ttest", "p_ftest")]
            + [("n_train", FieldType.Int), ("n_test", FieldType.Int)])
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_REPORT, context, fields,
                                          WkbType.NoGeometry, QgsCoordinateReferenceSystem())
        if sink is None:
            self.fail(tr("OUTPUT_REPORT: the table could not be created; choose another file"))
        for f in result.fits:
            feat = QgsFeature(fields)
            feat.setAttributes([int(f.band)] + [float(v) for v in (
                f.slope, f.intercept, f.correlation, f.mean_reference, f.mean_normalised, f.p_ttest,
                f.p_ftest)] + [int(f.n_train), int(f.n_test)])
            if not sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert):
                self.fail(tr("OUTPUT_REPORT: a row could not be written ({error}); choose another file")
                          .format(error=sink.lastError()))
        return dest
