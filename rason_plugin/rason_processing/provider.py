"""The ``rason`` Processing provider; its algorithms are listed in one place, ``algorithm_classes``."""
from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import icon_path, resources_dir

PROVIDER_ID = "rason"


def algorithm_classes() -> list:
    """Return every algorithm class the provider offers, in the analyst's workflow order.

    This is the one list of algorithms: the toolbox, the plugin menu and the tests read it.
    Imports are local so that loading the plugin stays cheap until Processing asks.
    """
    from .change_detection_algorithm import ChangeDetectionAlgorithm
    from .dark_vessels_algorithm import DarkVesselsAlgorithm
    from .import_ais_algorithm import ImportAisAlgorithm
    from .monitoring_report_algorithm import MonitoringReportAlgorithm
    from .package_project_algorithm import PackageProjectAlgorithm
    from .port_calls_algorithm import PortCallsAlgorithm
    from .radiometric_normalisation_algorithm import RadiometricNormalisationAlgorithm
    from .reference_layers_algorithm import ReferenceLayersAlgorithm
    from .refresh_osm_algorithm import RefreshFromOsmAlgorithm
    from .sar_change_algorithm import SarChangeAlgorithm
    from .ship_detection_algorithm import ShipDetectionAlgorithm
    from .vessel_tracks_algorithm import VesselTracksAlgorithm

    return [
        ReferenceLayersAlgorithm,
        ChangeDetectionAlgorithm,
        RadiometricNormalisationAlgorithm,
        SarChangeAlgorithm,
        ImportAisAlgorithm,
        VesselTracksAlgorithm,
        PortCallsAlgorithm,
        ShipDetectionAlgorithm,
        DarkVesselsAlgorithm,
        MonitoringReportAlgorithm,
        PackageProjectAlgorithm,
        RefreshFromOsmAlgorithm,
    ]


def shipped_models() -> list:
    """Return the Graphical Modeler models in resources/models, ready to add to the provider."""
    models = []
    for path in sorted((resources_dir() / "models").glob("*.model3")):
        model = QgsProcessingModelAlgorithm()
        if not model.fromFile(str(path)):
            QgsMessageLog.logMessage(tr("Could not read the model {path}").format(path=path), "Rason SEZ",
                                     Qgis.MessageLevel.Warning)
            continue
        models.append(model)
    return models


class RasonProvider(QgsProcessingProvider):
    """Registers the plugin's algorithms under the "Rason SEZ" toolbox group."""

    def id(self):
        return PROVIDER_ID

    def name(self):
        return tr("Rason SEZ")

    def longName(self):  # noqa: N802
        return tr("Rason SEZ Monitor")

    def icon(self):
        return QIcon(icon_path("rason.svg"))

    def svgIconPath(self):  # noqa: N802
        return icon_path("rason.svg")

    def loadAlgorithms(self):  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        for model in shipped_models():
            self.addAlgorithm(model)
