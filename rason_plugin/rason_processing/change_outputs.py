"""The change-detection algorithm's QGIS side: zones in, report, vector outputs, styles.

Kept apart from the algorithm so its processAlgorithm reads as: parameters, one core call
(core.change.run_change_detection), outputs and styles.
"""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingException,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ..compat import FieldType, WkbType
from ..core.change import ChangeDetectionCancelled, ChangeDetectionError
from ..core.change.zones import count_regions_by_zone, zone_statistics
from ..i18n import tr
from ..paths import resources_dir
from .base import KeptPostProcessor, fields_from
from .projection import transform_between


def _style(name: str) -> str:
    return str(resources_dir() / "styles" / name)


class _RasterStyle(KeptPostProcessor):
    """Loads a change_*.qml style; stretches ramp styles stored on 0..1 (or -1..1) to the data."""

    def __init__(self, qml: str, stretch: str = ""):
        super().__init__()
        self.qml = qml
        self.stretch = stretch

    def process(self, layer, context, feedback):
        if not isinstance(layer, (QgsRasterLayer, QgsVectorLayer)):
            return
        layer.loadNamedStyle(self.qml)
        if self.stretch and isinstance(layer, QgsRasterLayer):
            try:
                _stretch_ramp(layer, self.stretch)
            except Exception as exc:  # a style problem must not fail the run
                if feedback is not None:
                    feedback.reportError(tr("could not stretch the colour ramp: {error}").format(error=exc))
        layer.triggerRepaint()


def _stretch_ramp(layer, mode):
    """Scale the pseudocolour items (saved on 0..1 or -1..1) to the layer's 2-98 % range."""
    renderer = layer.renderer()
    shader = renderer.shader() if hasattr(renderer, "shader") else None
    if shader is None:
        return
    lo, hi = layer.dataProvider().cumulativeCut(1, 0.02, 0.98)
    if mode == "diverging":
        scale = max(abs(lo), abs(hi)) or 1.0
    else:
        scale = hi if hi > 0 else 1.0
    fn = shader.rasterShaderFunction()
    items = fn.colorRampItemList()
    for item in items:
        item.value *= scale
    fn.setColorRampItemList(items)
    fn.setMinimumValue(items[0].value)
    fn.setMaximumValue(items[-1].value)
    renderer.setClassificationMin(items[0].value)
    renderer.setClassificationMax(items[-1].value)


def read_zones(source, raster_crs, context, feedback):
    """Return [(name, WKT in the raster CRS, original geometry)] of the zone layer ``source``.

    A zone is named by its "name" field, else its first text field, else "zone <id>".
    """
    names = [f.name() for f in source.fields()]
    lower = [n.lower() for n in names]
    name_field = names[lower.index("name")] if "name" in lower else None
    if name_field is None:
        for f in source.fields():
            if f.type() == FieldType.String:
                name_field = f.name()
                break
    transform = transform_between(source.sourceCrs(), raster_crs, context.transformContext())
    zones = []
    for feat in source.getFeatures():
        if feedback.isCanceled():
            break
        geom = QgsGeometry(feat.geometry())
        if geom.isNull() or geom.isEmpty():
            continue
        original = QgsGeometry(geom)
        if transform is not None:
            geom.transform(transform)
        name = str(feat[name_field]) if name_field and feat[name_field] not in (None, "") else \
            f"zone {feat.id()}"
        zones.append((name, geom.asWkt(), original))
    return zones


@contextmanager
def undo_on_failure(result):
    """Turn core errors into QgsProcessingException; on any failure remove the rasters of ``result``
    (a one-item list, filled once the rasters exist) and put back the files they replaced."""
    try:
        yield
    except ChangeDetectionCancelled:
        discard_rasters(result[0])
        raise QgsProcessingException(tr("Change detection was cancelled; no output was written")) from None
    except ChangeDetectionError as exc:
        discard_rasters(result[0])
        raise QgsProcessingException(str(exc)) from None
    except BaseException:
        discard_rasters(result[0])
        raise


def discard_rasters(result):
    """Remove the GeoTIFFs a run already moved into place and put back the files they replaced."""
    if result is not None:
        result.restore_previous_outputs()


def report(feedback, method, result):
    """Tell the user what the run found (threshold, changed share, MAD correlations, convergence)."""
    for note in result.notes:
        feedback.pushInfo(note)
    feedback.pushInfo(tr("Method {method}, threshold {threshold} = {value:.6g}; "
                         "{changed} of {valid} valid pixels changed ({percent:.3f} %)")
                      .format(method=method, threshold=result.threshold_method,
                              value=result.threshold_value, changed=result.n_changed,
                              valid=result.n_valid, percent=100 * result.changed_fraction))
    if result.rho is None:
        return
    feedback.pushInfo(tr("Canonical correlations (ascending): ")
                      + " ".join(f"{r:.6f}" for r in result.rho)
                      + (tr("; iMAD iterations {iterations}, converged {converged}")
                         .format(iterations=result.iterations, converged=result.converged)
                         if method == "imad" else ""))
    if method == "imad" and not result.converged:
        feedback.reportError(tr("iMAD did not converge within the iteration cap; raise "
                                "MAX_ITERATIONS (advanced) or use the result with care"), False)


def style_rasters(context, result):
    """Give the loaded rasters their names and styles (ramps stretched to the data)."""
    _style_raster(context, result.out_mask, "change_mask.qml", "", tr("Change mask"))
    _style_raster(context, result.out_magnitude, "change_statistic.qml", "sequential", tr("Change statistic"))
    if result.out_variates:
        _style_raster(context, result.out_variates, "change_variates.qml", "diverging", tr("Change variates"))


def _style_raster(context, path, qml, stretch, name):
    if context.willLoadLayerOnCompletion(path):
        details = context.layerToLoadOnCompletionDetails(path)
        details.name = name
        details.setPostProcessor(_RasterStyle.create(_style(qml), stretch))


def style_vector(context, dest, qml, name):
    """Style the vector output ``dest`` with ``qml`` when it is loaded."""
    if context.willLoadLayerOnCompletion(dest):
        details = context.layerToLoadOnCompletionDetails(dest)
        details.setPostProcessor(_RasterStyle.create(_style(qml)))


def write_polygons(alg, parameters, context, regions, raster_crs):
    """Write the change regions to OUTPUT_POLYGONS; return (destination, count, regions per zone)."""
    region_counts = Counter()
    fields = fields_from((("area_m2", FieldType.Double), ("mean_stat", FieldType.Double),
                          ("zone", FieldType.String)))
    sink, dest = alg.parameterAsSink(parameters, alg.OUTPUT_POLYGONS, context, fields, WkbType.Polygon,
                                     raster_crs)
    if sink is None:
        alg.fail(tr("OUTPUT_POLYGONS: the output could not be created; choose another file"))
    n_regions = 0
    for region in regions:
        n_regions += 1
        region_counts.update(set(region.zones))
        feat = QgsFeature(fields)
        geom = QgsGeometry()
        geom.fromWkb(region.wkb)
        feat.setGeometry(geom)
        feat.setAttributes([region.area_m2, region.mean_stat, region.zone or None])
        sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
    style_vector(context, dest, "change_polygons.qml", tr("Change polygons"))
    return dest, n_regions, region_counts


def write_zone_stats(alg, parameters, context, result, zones, zone_source, region_counts, feedback):
    """Write one row per zone to OUTPUT_ZONE_STATS (zone geometry as given); return the destination."""
    stats = zone_statistics(result.out_mask, [(n, w) for n, w, _ in zones],
                            is_cancelled=feedback.isCanceled, region_counts=region_counts)
    fields = fields_from((("zone", FieldType.String), ("valid_area_m2", FieldType.Double),
                          ("changed_area_m2", FieldType.Double),
                          ("changed_pct", FieldType.Double), ("n_regions", FieldType.Int)))
    sink, dest = alg.parameterAsSink(parameters, alg.OUTPUT_ZONE_STATS, context, fields,
                                     zone_source.wkbType(), zone_source.sourceCrs())
    if sink is None:
        alg.fail(tr("OUTPUT_ZONE_STATS: the output could not be created; choose another file"))
    for (_name, _wkt, original), st in zip(zones, stats):
        feat = QgsFeature(fields)
        feat.setGeometry(original)
        feat.setAttributes([st.zone, st.valid_area_m2, st.changed_area_m2, st.changed_pct, st.n_regions])
        sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
    style_vector(context, dest, "change_zone_stats.qml", tr("Zone change statistics"))
    return dest


def write_vectors(alg, parameters, context, settings, result, regions, feedback):
    """Write the asked-for vector outputs (polygons, zone statistics); return their outputs."""
    outputs = {}
    region_counts = Counter()
    if settings["want_polygons"]:
        dest, n_regions, region_counts = write_polygons(alg, parameters, context, regions, settings["crs"])
        outputs.update({alg.OUTPUT_POLYGONS: dest, "N_REGIONS": n_regions})
    elif settings["regions_needed"]:
        region_counts = count_regions_by_zone(regions)
    if settings["want_zone_stats"]:
        outputs[alg.OUTPUT_ZONE_STATS] = write_zone_stats(alg, parameters, context, result, settings["zones"],
                                                          settings["zone_source"], region_counts, feedback)
    return outputs


def run_outputs(alg, method, result):
    """Return the algorithm's outputs that describe the run (paths, threshold, counts, MAD figures)."""
    outputs = {
        alg.OUTPUT_MASK: result.out_mask, alg.OUTPUT_MAGNITUDE: result.out_magnitude,
        "METHOD_USED": method, "THRESHOLD_METHOD": result.threshold_method,
        "THRESHOLD_VALUE": result.threshold_value, "N_VALID": result.n_valid,
        "N_CHANGED": result.n_changed,
        "CHANGED_AREA_M2": result.changed_area_m2,  # on the ellipsoid for a geographic CRS
        "RHO": [float(r) for r in result.rho] if result.rho is not None else None,
        "ITERATIONS": result.iterations,
    }
    if result.out_variates:
        outputs[alg.OUTPUT_VARIATES] = result.out_variates
    return outputs
