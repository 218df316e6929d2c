"""The ``rason`` Processing provider; its algorithms are listed in one place, ``algorithm_classes``."""
from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..paths import icon_path, resources_dir

PROVIDER_ID = "rason"


def algorithm_classes() -> list:
    """Return every algorithm class the provider offers, in toolbox order."""
    classes = []
    # Each algorithm module is imported here so a new one is registered by adding one line.
    from .reference_layers_algorithm import ReferenceLayersAlgorithm

    classes.append(ReferenceLayersAlgorithm)
    from .refresh_osm_algorithm import RefreshFromOsmAlgorithm

    classes.append(RefreshFromOsmAlgorithm)
    from .import_ais_algorithm import ImportAisAlgorithm
    from .port_calls_algorithm import PortCallsAlgorithm
    from .vessel_tracks_algorithm import VesselTracksAlgorithm

    classes += [ImportAisAlgorithm, VesselTracksAlgorithm, PortCallsAlgorithm]
    from .change_detection_algorithm import ChangeDetectionAlgorithm

    classes.append(ChangeDetectionAlgorithm)
    from .package_project_algorithm import PackageProjectAlgorithm

    classes.append(PackageProjectAlgorithm)
    return classes


def shipped_models() -> list:
    """Return the Graphical Modeler models in resources/models, ready to add to the provider."""
    models = []
    for path in sorted((resources_dir() / "models").glob("*.model3")):
        model = QgsProcessingModelAlgorithm()
        if not model.fromFile(str(path)):
            QgsMessageLog.logMessage(f"Could not read the model {path}", "Rason SEZ", Qgis.Warning)
            continue
        models.append(model)
    return models


class RasonProvider(QgsProcessingProvider):
    """Registers the plugin's algorithms under the "Rason SEZ" toolbox group."""

    def id(self):
        return PROVIDER_ID

    def name(self):
        return "Rason SEZ"

    def longName(self):  # noqa: N802
        return "Rason SEZ Monitor"

    def icon(self):
        return QIcon(icon_path("rason.svg"))

    def svgIconPath(self):  # noqa: N802
        return icon_path("rason.svg")

    def loadAlgorithms(self):  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        for model in shipped_models():
            self.addAlgorithm(model)
