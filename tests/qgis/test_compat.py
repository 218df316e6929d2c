"""rason_plugin.compat: the enum each name stands for, and the choice made by QGIS version."""
from __future__ import annotations

import importlib
import sys

import pytest
from qgis.core import Qgis

from rason_plugin import compat

# Expected integers are the C++ enum values in the QGIS API documentation (qgsprocessing.h,
# qgsprocessingalgorithm.h, qgsprocessingparameters.h, qgswkbtypes.h / qgis.h) and Qt's
# QMetaType::Type table (QVariant::Type has the same numbers). They are the same before and after
# the move into ``Qgis``, so one table holds on every QGIS version.
EXPECTED = {
    "SourceType.VectorPoint": 0, "SourceType.VectorLine": 1,
    "SourceType.VectorPolygon": 2, "SourceType.Vector": 5,
    "AlgorithmFlag.NoThreading": 1 << 6,
    "ParameterFlag.Advanced": 1 << 1,
    "NumberType.Integer": 0, "NumberType.Double": 1,
    "FileBehavior.File": 0, "FieldDataType.Numeric": 0,
    "WkbType.NoGeometry": 100, "WkbType.Point": 1, "WkbType.Polygon": 3,
    "WkbType.LineStringM": 2002,
    "GeometryType.Point": 0, "GeometryType.Polygon": 2,
    "LayoutUnit.Millimeters": 0, "RenderUnit.Millimeters": 0,
    "LayerType.Vector": 0, "LayerType.Raster": 1,
    "LabelPlacement.Line": 2,
    "FieldType.Int": 2, "FieldType.Double": 6,
    "FieldType.String": 10, "FieldType.Date": 14, "FieldType.DateTime": 16,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_compat_name_is_the_documented_enum_value(name):
    group, member = name.split(".")
    assert int(getattr(getattr(compat, group), member)) == EXPECTED[name]


def test_field_type_builds_the_field_type_qgis_reports():
    from qgis.core import QgsField

    for member in ("String", "Int", "Double", "Date", "DateTime"):
        kind = getattr(compat.FieldType, member)
        assert QgsField("x", kind).type() == kind
        # QVariant.Type before 3.38, QMetaType.Type from 3.38: the kind QgsField itself uses, so
        # no comparison mixes the two (PyQt6 enums of different types never compare equal).
        assert type(kind) is type(QgsField("x", kind).type())


def test_choice_is_made_by_qgis_version(monkeypatch):
    """On a QGIS before 3.36, tell compat it runs on 3.38: it must reach for names that QGIS
    lacks, and fail. Were the choice made by trying imports, the pretend version would change
    nothing. From 3.36 on, the names must be QGIS's own new enums.
    """
    real = Qgis.versionInt()
    if real >= compat.PROCESSING_IN_QGIS:
        assert compat.SourceType.VectorPoint is Qgis.ProcessingSourceType.VectorPoint
        assert compat.NumberType.Double is Qgis.ProcessingNumberParameterType.Double
    else:
        monkeypatch.setattr(Qgis, "versionInt", staticmethod(lambda: 33800))
        try:
            with pytest.raises(AttributeError, match="Qgis"):
                importlib.reload(compat)
        finally:
            monkeypatch.undo()
            sys.modules["rason_plugin.compat"] = compat
            importlib.reload(compat)
        assert compat.QGIS_VERSION_INT == real
