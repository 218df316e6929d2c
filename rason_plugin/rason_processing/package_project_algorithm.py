"""rason:packageproject: the project and every layer it uses in one folder or zip, for colleagues."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ..compat import FileBehavior
from ..i18n import tr, tr_noop
from ..layers import package_source, packaging
from .base import RasonAlgorithm


class PackageProjectAlgorithm(RasonAlgorithm):
    """Writes a copy of the project with its data (GeoPackage + GeoTIFFs) and relative paths."""

    NAME = "packageproject"
    DISPLAY_NAME = tr_noop("Package project for sharing")
    GROUP = tr_noop("Project")
    GROUP_ID = "project"
    MENU_TEXT = tr_noop("Package project for sharing…")
    ICON = "package_project.svg"
    HELP = tr_noop(
        "Writes the current project (or the .qgs/.qgz given as PROJECT) and the data of every layer "
        "it uses into one folder or zip that a colleague can open anywhere:\n"
        "- vector layers, including memory (temporary) layers, go into one GeoPackage, layers.gpkg, "
        "a table per layer, with their style stored as the table's default style and their metadata;\n"
        "- rasters are written as GeoTIFFs in rasters/ (values, nodata and metadata kept);\n"
        "- the project is saved as <name>.qgz with relative paths; groups, layer order, visibility, "
        "styles, layer metadata and temporal settings come along.\n"
        "Layers from databases or web services (PostGIS, WMS/WMTS/XYZ tiles, WFS...) and layers whose "
        "source is missing are kept as they are and listed in the log, in NOT_PACKAGED and in "
        "package_report.txt.\n\n"
        "OUTPUT: a path ending in .zip gives a zip holding one folder; any other path (type it in the "
        "box) is a folder, "
        "which must be new or empty (nothing in an existing folder is overwritten). An existing zip "
        "is replaced only once the new one is complete. A cancelled or failed run leaves nothing.\n\n"
        "Your open project and its files are never changed: the work is done on a copy. A saved "
        "project is packaged as last saved, so save unsaved changes and edits of file layers first "
        "(the log warns about them); memory layers are packaged as they are."
    )

    PROJECT = "PROJECT"
    OUTPUT = "OUTPUT"
    PACKAGED = "PACKAGED"
    NOT_PACKAGED = "NOT_PACKAGED"
    PROJECT_FILE = "PROJECT_FILE"

    def __init__(self):
        super().__init__()
        self._prepared = None
        self._prepare_error = None

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.PROJECT, tr("Project to package (empty: the current project)"),
            behavior=FileBehavior.File, optional=True,
            fileFilter=tr("QGIS projects (*.qgz *.qgs *.QGZ *.QGS)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Package (.zip, or a new folder)"), tr("Zip archive (*.zip)")))
        self.addOutput(QgsProcessingOutputNumber(self.PACKAGED, tr("Number of layers packaged")))
        self.addOutput(QgsProcessingOutputString(
            self.NOT_PACKAGED, tr("Layers kept as they are (databases, web services), one per line")))
        self.addOutput(QgsProcessingOutputString(
            self.PROJECT_FILE, tr("Path of the project file inside the package")))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Read the open project here, on the main thread; the copying runs in processAlgorithm.

        Errors found here are raised from processAlgorithm: Processing replaces an exception
        raised in prepareAlgorithm by a generic "errors executing the algorithm" message.
        """
        self._prepared, self._prepare_error = None, None
        try:
            self._prepared = self._prepare(parameters, context)
        except QgsProcessingException as error:
            self._prepare_error = str(error)
        return True

    def _prepare(self, parameters, context):
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output:
            self.fail(tr("OUTPUT is empty: give a .zip path or a new folder"))
        project_path = self.parameterAsFile(parameters, self.PROJECT, context)
        if project_path:
            source = Path(project_path)
            if source.suffix.lower() not in (".qgs", ".qgz"):
                self.fail(tr("PROJECT {path} is not a .qgs or .qgz file; give a QGIS project file")
                          .format(path=project_path))
        else:
            source = context.project()
            if source is None or (not source.fileName() and not source.mapLayers()):
                self.fail(tr("There is no open project to package: open one, or give its file as PROJECT"))
        try:
            return output, package_source.prepare(source, output)
        except packaging.PackagingError as error:
            self.fail(str(error))
        except OSError as error:
            self.fail(tr("OUTPUT {path} could not be prepared ({error}); choose a writable folder with space")
                      .format(path=output, error=error))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        if self._prepare_error is not None:
            self.fail(self._prepare_error)
        output, prepared = self._prepared
        self._prepared = None
        try:
            result = packaging.package_prepared(prepared, output, feedback, log=feedback.pushInfo)
        except packaging.PackagingError as error:
            self.fail(str(error))
        except packaging.PackagingCancelled:
            feedback.pushInfo(tr("Cancelled: nothing was written"))
            return {}
        except OSError as error:
            self.fail(tr("OUTPUT {path} could not be written ({error}); choose a writable folder with space")
                      .format(path=output, error=error))
        for line in (f"{r.name} -> {r.target}" for r in result.packaged):
            feedback.pushInfo(tr("packaged: {layer}").format(layer=line))
        kept = "\n".join(f"{r.name}: {r.reason}" for r in result.kept)
        feedback.pushInfo(tr("Wrote {path} ({packaged} layers packaged, {kept} kept)")
                          .format(path=output, packaged=len(result.packaged), kept=len(result.kept)))
        return {
            self.OUTPUT: str(output),
            self.PACKAGED: len(result.packaged),
            self.NOT_PACKAGED: kept,
            self.PROJECT_FILE: result.project_file,
        }
