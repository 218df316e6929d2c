"""rason:referencelayers: copy the reference GeoPackage next to the project and load its layers."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..i18n import tr, tr_noop
from ..layers import loader
from ..layers.catalogue import LAYER_ORDER, REFERENCE_GPKG
from .base import RasonAlgorithm


class ReferenceLayersAlgorithm(RasonAlgorithm):
    """Copies the shipped GeoPackage to OUTPUT (never over an edited one) and loads its layers."""

    NAME = "referencelayers"
    DISPLAY_NAME = tr_noop("Add reference layers")
    GROUP = tr_noop("Reference layers")
    GROUP_ID = "referencelayers"
    MENU_TEXT = tr_noop("Add reference layers…")
    ICON = "reference_layers.svg"
    HELP_ANCHOR = "reference-layers-rason-sez--add-reference-layers-rasonreferencelayers"
    HELP = tr_noop(
        "Copies the Rason SEZ reference GeoPackage (SEZ boundary, Rajin and Sonbong ports, monitoring "
        "areas, the schematic Khasan–Rajin railway and its stations, dated events, an empty vessel-tracks "
        "layer; each with its metadata, licence and default style inside) to OUTPUT and, with LOAD, adds "
        "its layers to a \"Rason SEZ\" group of the current project.\n\n"
        "OUTPUT defaults to rason_reference.gpkg in the saved project's folder (so the project and its "
        "data travel together with relative paths), or to Documents/Rason SEZ for an unsaved project. "
        "An existing GeoPackage there is never overwritten: an unchanged copy is reused; an edited "
        "reference GeoPackage is kept and reused (your edits stay), or, with FRESH_COPY, the shipped "
        "edition is written beside it as rason_reference_2.gpkg. Layers already in the project from "
        "the same file are reused, not added twice.\n\n"
        "Credits: boundary © OpenStreetMap contributors; geoBoundaries (ODbL 1.0); ports: NGA World "
        "Port Index (public domain); stations: Wikipedia coordinates; events: Reuters, November 2023."
    )

    OUTPUT = "OUTPUT"
    LOAD = "LOAD"
    FRESH_COPY = "FRESH_COPY"
    STATUS = "STATUS"
    LAYERS = "LAYERS"

    def __init__(self):
        super().__init__()
        self._gpkg = None
        self._load = False
        self._results = {}

    def initAlgorithm(self, config=None):  # noqa: N802
        # Optional so that qgis_process and processing.run may leave it out (QGIS 3.22 rejects a
        # missing destination value even when it has a default); empty means the default below.
        default = str(loader.default_target(QgsProject.instance()))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Reference GeoPackage"), tr("GeoPackage (*.gpkg)"), defaultValue=default,
            optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.LOAD, tr("Add the layers to the current project (\"Rason SEZ\" group)"), defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.FRESH_COPY, tr("If the GeoPackage exists and was edited, write the shipped edition "
                                "beside it (rason_reference_2.gpkg) instead of reusing it"),
            defaultValue=False))
        self.addOutput(QgsProcessingOutputString(
            self.STATUS, tr("What was done: copied, reused, kept_edited or versioned")))
        self.addOutput(QgsProcessingOutputString(self.LAYERS, tr("Layer ids loaded (comma-separated)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not target:
            target = str(loader.default_target(context.project()))
        if not REFERENCE_GPKG.is_file():
            self.fail(tr("The shipped reference GeoPackage is missing ({path}); reinstall the plugin "
                         "or run scripts/build_reference_gpkg.py in the repository")
                      .format(path=REFERENCE_GPKG))
        try:
            gpkg, status = loader.prepare_gpkg(Path(target), fresh_copy=self.parameterAsBoolean(
                parameters, self.FRESH_COPY, context))
        except ValueError as error:
            self.fail(tr("OUTPUT: {error}").format(error=error))
        except OSError as error:
            self.fail(tr("OUTPUT: cannot write {path} ({error}); choose a writable folder")
                      .format(path=target, error=error))
        messages = {
            loader.COPIED: tr("Copied the reference GeoPackage to {gpkg}"),
            loader.REUSED: tr("Reusing {gpkg}: it is identical to the shipped edition"),
            loader.KEPT_EDITED: tr("Kept {gpkg}: it differs from the shipped edition (edited or older), "
                                   "so it was not overwritten; its layers are used. Set FRESH_COPY for the "
                                   "shipped edition beside it."),
            loader.VERSIONED: tr("{target} exists and was not overwritten; the shipped edition is at {gpkg}"),
        }
        feedback.pushInfo(messages[status].format(gpkg=gpkg, target=target))
        feedback.setProgress(100)
        self._gpkg = gpkg
        self._load = self.parameterAsBoolean(parameters, self.LOAD, context)
        self._results = {self.OUTPUT: str(gpkg), self.STATUS: status, self.LAYERS: ""}
        return dict(self._results)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        """Load the layers on the main thread (the project must not be touched from a worker thread)."""
        results = dict(self._results)
        project = context.project()
        app = QCoreApplication.instance()
        on_main_thread = app is not None and QThread.currentThread() == app.thread()
        # qgis_process has no project to save the layers into: it only copies the GeoPackage.
        batch = QgsApplication.platform() == "qgis_process"
        if batch or not (self._load and self._gpkg and project is not None and on_main_thread):
            return results
        try:
            layers = loader.load_into_project(self._gpkg, project)
        except RuntimeError as error:
            self.fail(tr("OUTPUT: {error}").format(error=error))
        from qgis.core import Qgis

        if project.filePathStorage() != Qgis.FilePathType.Relative:
            feedback.reportError(tr("The project stores absolute paths (Project Properties → General → "
                                    "Save paths): set it to relative so the project and GeoPackage can "
                                    "move together."))
        feedback.pushInfo(tr("Loaded {count} layers ({names}) into the \"Rason SEZ\" group")
                          .format(count=len(layers), names=", ".join(LAYER_ORDER)))
        results[self.LAYERS] = ",".join(layer.id() for layer in layers)
        return results
