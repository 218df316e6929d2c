"""The one projection helper of the algorithms: a transform between two CRSs, or None when none is needed."""
from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCoordinateTransformContext

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def transform_between(source_crs, target_crs, transform_context=None):
    """Return a QgsCoordinateTransform from ``source_crs`` to ``target_crs``, or None when both
    are the same or either is unknown (coordinates are then taken as they are).

    ``transform_context``: the run's ``context.transformContext()``. The project singleton belongs
    to the main thread, and a run may carry its own datum transformations.
    """
    if not source_crs.isValid() or not target_crs.isValid() or source_crs == target_crs:
        return None
    if transform_context is None:
        transform_context = QgsCoordinateTransformContext()
    return QgsCoordinateTransform(source_crs, target_crs, transform_context)
