"""FileOutput vs Processing's own sink: the case the sink cannot serve, shown, and FileOutput's answer.

Oracle: the user's file holds 3 points written here; after a run that stops halfway it must
still hold exactly those 3 points, and the folder must hold nothing else.
"""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from rason_plugin.compat import FieldType, WkbType
from rason_plugin.rason_processing.base import fields_from
from rason_plugin.rason_processing.vector_output import FileOutput

CRS = QgsCoordinateReferenceSystem("EPSG:4326")


def _fields():
    return fields_from((("n", FieldType.Int),))


def _users_file(path, count=3):
    """Write ``count`` points to a GeoPackage at ``path`` (the file the user already had)."""
    context = QgsProcessingContext()
    sink, _ = QgsProcessingUtils.createFeatureSink(str(path), context, _fields(), WkbType.Point, CRS)
    for i in range(count):
        feature = QgsFeature(_fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(130.0 + i, 42.0)))
        feature.setAttributes([i])
        sink.addFeature(feature)
    del sink


def _count(path):
    layer = QgsVectorLayer(str(path), "check", "ogr")
    return layer.featureCount() if layer.isValid() else None


def test_processing_sink_replaces_the_users_file_as_soon_as_it_is_created(qgis_app, tmp_path):
    target = tmp_path / "out.gpkg"
    _users_file(target)
    assert _count(target) == 3
    sink, _ = QgsProcessingUtils.createFeatureSink(str(target), QgsProcessingContext(), _fields(),
                                                   WkbType.Point, CRS)
    # Nothing written yet, and the run could still fail or be cancelled: the user's 3 points are
    # already gone. This is why plain-file outputs go through FileOutput.
    assert _count(target) != 3
    del sink


def test_file_output_leaves_the_users_file_alone_until_it_finishes(qgis_app, tmp_path):
    target = tmp_path / "out.gpkg"
    _users_file(target)
    output = FileOutput(str(target), _fields(), WkbType.Point, CRS, QgsProcessingContext(), "out")
    feature = QgsFeature(_fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(131.5, 42.5)))
    feature.setAttributes([7])
    output.add(feature)
    assert _count(target) == 3  # still the user's file while the run writes
    output.abort()  # a failure or a cancel
    assert _count(target) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]  # no partial file left
