"""Enum names that QGIS moved between 3.22 and 4, picked once from the running QGIS version.

QGIS 3.26 to 3.38 moved many enums into the ``Qgis`` namespace as scoped enums: labels in 3.26;
WKB, geometry, layer and unit types in 3.30; the Processing enums in 3.36; and from 3.38 QgsField
takes a ``QMetaType.Type`` instead of a ``QVariant.Type``. The old names live on in 3.x as
deprecated aliases, and QGIS 4 (PyQt6) drops them; the new names do not exist before their
release. So each group below is chosen by ``Qgis.versionInt()``, never by whether a name happens
to import: an alias that still resolves says nothing about which form QGIS wants.

On a QGIS that has the new enum, a name here *is* that enum (all its members work). Before it, the
name is a small class holding only the members the plugin uses, under the new member names, so
calling code reads the same on every version: ``SourceType.VectorPolygon``, ``WkbType.Point``.

Versions from the QGIS API documentation (``\\since`` notes in qgis.h) and the 3.40 bindings.
"""
from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsPalLayerSettings,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

QGIS_VERSION_INT = Qgis.versionInt()

LABELS_IN_QGIS = 32600  # Qgis.LabelPlacement
GEOMETRY_IN_QGIS = 33000  # Qgis.WkbType, Qgis.GeometryType, Qgis.LayerType, Qgis.LayoutUnit, Qgis.RenderUnit
PROCESSING_IN_QGIS = 33600  # Qgis.Processing* enums
FIELDS_USE_QMETATYPE = 33800  # QgsField(name, QMetaType.Type)

# The old enums are spelt out as QgsX.EnumName.Value: PyQt5 >= 5.11 accepts that scoped form,
# and these branches never run on QGIS 4 (Qt6), where the old names are gone.

if QGIS_VERSION_INT >= PROCESSING_IN_QGIS:
    SourceType = Qgis.ProcessingSourceType
    AlgorithmFlag = Qgis.ProcessingAlgorithmFlag
    ParameterFlag = Qgis.ProcessingParameterFlag
    NumberType = Qgis.ProcessingNumberParameterType
    FileBehavior = Qgis.ProcessingFileParameterBehavior
    FieldDataType = Qgis.ProcessingFieldParameterDataType
else:
    class SourceType:
        """Processing layer types (``Qgis.ProcessingSourceType`` from 3.36)."""

        VectorPoint = QgsProcessing.SourceType.TypeVectorPoint
        VectorLine = QgsProcessing.SourceType.TypeVectorLine
        VectorPolygon = QgsProcessing.SourceType.TypeVectorPolygon
        Vector = QgsProcessing.SourceType.TypeVector
        MapLayer = QgsProcessing.SourceType.TypeMapLayer
        Raster = QgsProcessing.SourceType.TypeRaster

    class AlgorithmFlag:
        """Algorithm flags (``Qgis.ProcessingAlgorithmFlag`` from 3.36)."""

        NoThreading = QgsProcessingAlgorithm.Flag.FlagNoThreading

    class ParameterFlag:
        """Parameter flags (``Qgis.ProcessingParameterFlag`` from 3.36)."""

        Advanced = QgsProcessingParameterDefinition.Flag.FlagAdvanced

    class NumberType:
        """Number parameter types (``Qgis.ProcessingNumberParameterType`` from 3.36)."""

        Integer = QgsProcessingParameterNumber.Type.Integer
        Double = QgsProcessingParameterNumber.Type.Double

    class FileBehavior:
        """File parameter behaviour (``Qgis.ProcessingFileParameterBehavior`` from 3.36)."""

        File = QgsProcessingParameterFile.Behavior.File

    class FieldDataType:
        """Field parameter data types (``Qgis.ProcessingFieldParameterDataType`` from 3.36)."""

        Numeric = QgsProcessingParameterField.DataType.Numeric


if QGIS_VERSION_INT >= GEOMETRY_IN_QGIS:
    WkbType = Qgis.WkbType
    GeometryType = Qgis.GeometryType
    LayoutUnit = Qgis.LayoutUnit
    RenderUnit = Qgis.RenderUnit
    LayerType = Qgis.LayerType
else:
    class WkbType:
        """WKB geometry types (``Qgis.WkbType`` from 3.30)."""

        NoGeometry = QgsWkbTypes.Type.NoGeometry
        Point = QgsWkbTypes.Type.Point
        LineStringM = QgsWkbTypes.Type.LineStringM
        Polygon = QgsWkbTypes.Type.Polygon

    class GeometryType:
        """Coarse geometry types (``Qgis.GeometryType`` from 3.30)."""

        Point = QgsWkbTypes.GeometryType.PointGeometry
        Polygon = QgsWkbTypes.GeometryType.PolygonGeometry

    class LayoutUnit:
        """Print layout units (``Qgis.LayoutUnit`` from 3.30)."""

        Millimeters = QgsUnitTypes.LayoutUnit.LayoutMillimeters

    class RenderUnit:
        """Symbol units (``Qgis.RenderUnit`` from 3.30)."""

        Millimeters = QgsUnitTypes.RenderUnit.RenderMillimeters

    # Imported here only: QgsMapLayerType is an alias QGIS may drop once Qgis.LayerType exists.
    from qgis.core import QgsMapLayerType

    class LayerType:
        """Map layer types (``Qgis.LayerType`` from 3.30, ``QgsMapLayerType`` before)."""

        Vector = QgsMapLayerType.VectorLayer
        Raster = QgsMapLayerType.RasterLayer


if QGIS_VERSION_INT >= LABELS_IN_QGIS:
    LabelPlacement = Qgis.LabelPlacement
else:
    class LabelPlacement:
        """Label placement modes (``Qgis.LabelPlacement`` from 3.26)."""

        Line = QgsPalLayerSettings.Placement.Line
        AroundPoint = QgsPalLayerSettings.Placement.AroundPoint


class FieldType:
    """Attribute types to build a QgsField with: ``QMetaType.Type`` from 3.38, ``QVariant.Type`` before.

    QgsField.type() returns the same kind, so ``field.type() == FieldType.String`` holds on both.
    """

    if QGIS_VERSION_INT >= FIELDS_USE_QMETATYPE:
        String = QMetaType.Type.QString
        Int = QMetaType.Type.Int
        Double = QMetaType.Type.Double
        Date = QMetaType.Type.QDate
        DateTime = QMetaType.Type.QDateTime
    else:
        String = QVariant.String
        Int = QVariant.Int
        Double = QVariant.Double
        Date = QVariant.Date
        DateTime = QVariant.DateTime


STYLE_DB_V2_IN_QGIS = 34200  # QgsMapLayer.saveStyleToDatabaseV2; the old call warns from then on


def save_style_to_database(layer, name: str, description: str, use_as_default: bool = True) -> str:
    """Store ``layer``'s style in its data source's style table; return QGIS's error message ('' = stored)."""
    if QGIS_VERSION_INT >= STYLE_DB_V2_IN_QGIS:
        _results, message = layer.saveStyleToDatabaseV2(name, description, use_as_default, "")
        return message
    return layer.saveStyleToDatabase(name, description, use_as_default, "")


__all__ = [
    "QGIS_VERSION_INT", "SourceType", "AlgorithmFlag", "ParameterFlag", "NumberType", "FileBehavior",
    "FieldDataType", "WkbType", "GeometryType", "LayoutUnit", "RenderUnit", "LayerType", "LabelPlacement",
    "FieldType", "save_style_to_database",
]
