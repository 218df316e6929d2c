"""What packaging needs from the open project, read on the main thread (see packaging.py).

A saved project is packaged from its file; an unsaved one is copied into a scratch project file;
memory layers' features are taken as thread-safe snapshots. package_project runs both halves.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..i18n import tr
from .packaging import PackageResult, PackagingError, check_output, package_prepared


@dataclass
class MemorySnapshot:
    """The features of a live memory layer, readable from any thread (taken on the main thread)."""

    source: object  # QgsVectorLayerFeatureSource
    fields: object
    wkb_type: object
    crs: object


@dataclass
class PreparedSource:
    """What the worker needs from the open project: a project file to read and memory-layer data."""

    project_file: Path
    name: str
    label: str  # how error messages name the source
    memory: dict = field(default_factory=dict)  # layer id -> MemorySnapshot
    warnings: list = field(default_factory=list)
    scratch: Optional[Path] = None  # a temporary folder of ours, removed when packaging ends

    def cleanup(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None


def _clone_unsaved(live, target: Path) -> list:
    """Write a separate copy of the unsaved project ``live`` to ``target``; return warnings.

    ``live`` is only read: each layer is rebuilt from its own XML (same id, source, style,
    metadata), the layer tree is cloned, and the project-wide settings a colleague sees (CRS,
    title, metadata, variables, map themes, layouts) are copied. Nothing is written to ``live``.
    """
    from qgis.core import QgsPathResolver, QgsProject, QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    warnings = []
    copy = QgsProject()
    copy.setTitle(live.title())
    copy.setCrs(live.crs())
    copy.setEllipsoid(live.ellipsoid())
    copy.setTransformContext(live.transformContext())
    copy.setMetadata(live.metadata())
    copy.setCustomVariables(live.customVariables())
    doc = QDomDocument("qgis")
    doc.appendChild(doc.createElement("qgis"))
    context = QgsReadWriteContext()
    context.setPathResolver(QgsPathResolver())  # absolute paths: the copy is read back from here
    clones = []
    for layer in live.mapLayers().values():
        element = doc.createElement("maplayer")
        try:
            clone = type(layer)()  # an empty layer of the same kind, filled from the XML below
        except TypeError:  # a layer type without a default constructor (e.g. annotation layers)
            clone = None
        if clone is None or not layer.writeLayerXml(element, doc, context) \
                or not clone.readLayerXml(element, context) or clone.id() != layer.id():
            warnings.append(tr("layer '{layer}' ({kind}) could not be copied from the unsaved project; "
                               "save the project and run again to include it")
                            .format(layer=layer.name(), kind=type(layer).__name__))
            continue
        clones.append(clone)
    copy.addMapLayers(clones, False)
    root = live.layerTreeRoot()
    for child in root.children():
        copy.layerTreeRoot().addChildNode(child.clone())
    if root.hasCustomLayerOrder():
        order = [copy.mapLayer(layer.id()) for layer in root.customLayerOrder()]
        copy.layerTreeRoot().setCustomLayerOrder([layer for layer in order if layer is not None])
        copy.layerTreeRoot().setHasCustomLayerOrder(True)
    live.mapThemeCollection().writeXml(doc)
    copy.mapThemeCollection().readXml(doc)
    layouts = live.layoutManager().writeXml(doc)
    copy.layoutManager().readXml(layouts, doc)
    from qgis.core import Qgis

    copy.setFilePathStorage(Qgis.FilePathType.Absolute)
    if not copy.write(str(target)):
        raise PackagingError(tr("the open (unsaved) project could not be copied ({error})")
                             .format(error=copy.error()))
    copy.clear()
    return warnings


def prepare(project, output) -> PreparedSource:
    """Read what packaging needs from ``project`` (main thread); return it for :func:`package_prepared`.

    ``project`` is a QgsProject (only read: never written, saved or changed, so none of its
    signals fire) or the path of a .qgs/.qgz file. Raises PackagingError for bad input.
    """
    output = Path(output)
    check_output(output)
    if isinstance(project, (str, Path)):
        path = Path(project)
        if not path.is_file():
            raise PackagingError(tr("PROJECT {path} does not exist; give the path of a .qgs or .qgz file")
                                 .format(path=path))
        return PreparedSource(path, path.stem, tr("PROJECT {path}").format(path=path))
    from qgis.core import QgsVectorLayer, QgsVectorLayerFeatureSource

    live = project
    name = Path(live.fileName()).stem if live.fileName() else (live.title() or "project")
    warnings = []
    if live.fileName() and Path(live.fileName()).is_file():
        prepared = PreparedSource(Path(live.fileName()), name,
                                  tr("the project file {path}").format(path=live.fileName()))
        if live.isDirty():
            warnings.append(tr("the open project has unsaved changes; the package holds it as last saved "
                               "to {path} (save the project and run again to include them)")
                            .format(path=live.fileName()))
    else:
        scratch = Path(tempfile.mkdtemp(prefix="rason_package_"))
        prepared = PreparedSource(scratch / "unsaved_project.qgs", name, tr("the copy of the open project"),
                                  scratch=scratch)
        try:
            warnings.extend(_clone_unsaved(live, prepared.project_file))
        except BaseException:
            prepared.cleanup()
            raise
    for layer in live.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer):
            continue
        if layer.providerType() == "memory":
            prepared.memory[layer.id()] = MemorySnapshot(
                QgsVectorLayerFeatureSource(layer), layer.fields(), layer.wkbType(), layer.crs())
            if layer.featureCount() == 0:
                warnings.append(tr("memory layer '{layer}' is empty (memory layers lose their "
                                   "features when their project is closed); packaged empty")
                                .format(layer=layer.name()))
        elif layer.isEditable() and layer.isModified():
            warnings.append(tr("layer '{layer}' has unsaved edits; the saved data is packaged")
                            .format(layer=layer.name()))
    prepared.warnings = warnings
    return prepared


def package_project(project, output, feedback=None, log: Callable = print) -> PackageResult:
    """Package ``project`` (a QgsProject, left untouched, or a .qgs/.qgz path) into ``output``.

    ``output`` ending in ``.zip`` gives a zip holding one folder; any other path is a folder that
    must not exist yet or be empty. Raises PackagingError (bad input) or PackagingCancelled.
    Call it on the main thread when ``project`` is an open project (see :func:`prepare`).
    """
    return package_prepared(prepare(project, output), output, feedback, log)
