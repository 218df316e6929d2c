"""Package a QGIS project and the data of its layers into one folder or zip that opens anywhere.

How it works, and why:
- The user's project is never modified, written or saved, so none of its signals fire (plugins and
  QGIS itself react to ``writeProject``/``projectSaved``). Everything that must read the open
  project happens first, on the main thread (package_source.prepare): a saved project is packaged from its
  file (unsaved changes to it are left out, with a warning that says so); an unsaved one is copied
  layer by layer into a separate ``QgsProject`` (layers with their ids and styles, layer tree,
  CRS, title, metadata, map themes, layouts) and that copy is written to a scratch file. Memory
  layers' features are taken as a thread-safe snapshot of the live layers (the project file does
  not hold them).
- The heavy part (:func:`package_prepared`) runs on any thread: it reads the project file into a
  separate ``QgsProject`` and works on that copy, whose layers keep their ids, so the layer tree
  (groups, order, visibility), map themes, layouts and project metadata come along unchanged.
- Vector layers are written into ONE GeoPackage, ``layers.gpkg``, a table per layer (unique,
  SQL-safe names), with the layer metadata. Each layer of the copy is then pointed at its table
  with ``setDataSource``; its style (renderer, labels, forms, temporal settings...) is exported
  before and imported after, since QGIS 3.22 resets the temporal settings from the new provider,
  and is also saved as the table's default style in the GeoPackage's ``layer_styles``.
- Memory (temporary) layers are written the same way, so they become permanent.
- Rasters on local files are written as GeoTIFF (``rasters/<name>.tif``, GDAL Translate: values,
  nodata and metadata kept).
- Databases and web services (PostGIS, WMS/WMTS/XYZ, WFS...), meshes and other layer types, and
  layers whose source is missing, are kept as they are and listed in the result.
- The project is saved as ``<name>.qgz`` with relative paths, so the folder can be moved. It is
  written in a staging folder that is a sibling of the target (``.<target>.partial-XXXX`` beside
  it), i.e. at the same depth, so the relative paths of layers kept outside the package
  (``../data/x.gpkg``) are still right once the folder is renamed into place, or when the zip
  is unpacked beside itself.
- The staging folder is renamed (folder target) or zipped (``.zip``) at the end; a failure or
  cancel leaves nothing behind.

Output policy: a ``.zip`` target that exists is replaced (the file dialog has already asked, and
the new zip only replaces it once complete); a folder target must not exist or be empty, so
nothing the user keeps there is overwritten or mixed in.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from ..compat import save_style_to_database
from ..i18n import tr

if TYPE_CHECKING:
    from .package_source import PreparedSource

GPKG_NAME = "layers.gpkg"
RASTER_DIR = "rasters"
REPORT_NAME = "package_report.txt"
PACKABLE_VECTOR_PROVIDERS = {"ogr", "memory", "delimitedtext", "spatialite", "gpx", "virtual"}
RESERVED_TABLE_PREFIXES = ("gpkg_", "rtree_", "sqlite_")
RESERVED_TABLES = {"layer_styles"}


class PackagingError(RuntimeError):
    """A problem the user can fix; the message names the input and the fix."""


class PackagingCancelled(RuntimeError):  # noqa: N818 - reads as what happened, like KeyboardInterrupt
    """The user cancelled; nothing was left behind."""


@dataclass
class LayerResult:
    name: str
    layer_id: str
    kind: str  # 'vector', 'raster', 'kept'
    target: str = ""  # table name or raster path inside the package
    features: Optional[int] = None
    reason: str = ""


@dataclass
class PackageResult:
    output: Path
    project_file: str  # path of the project inside the folder / zip
    layers: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def packaged(self) -> list:
        return [r for r in self.layers if r.kind in ("vector", "raster")]

    @property
    def kept(self) -> list:
        return [r for r in self.layers if r.kind == "kept"]


def safe_name(text: str, fallback: str = "layer") -> str:
    """Return ``text`` as a lower-case ASCII identifier usable as a table or file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^0-9A-Za-z_]+", "_", ascii_text).strip("_").lower()[:50] or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in RESERVED_TABLES or name.startswith(RESERVED_TABLE_PREFIXES):
        name = f"{fallback}_{name}"
    return name


def unique_name(base: str, used: set) -> str:
    """Return ``base``, or ``base_2``, ``base_3``... whichever is not in ``used``; add it to ``used``."""
    candidate, number = base, 2
    while candidate.lower() in used:
        candidate = f"{base}_{number}"
        number += 1
    used.add(candidate.lower())
    return candidate


def is_zip_target(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def check_output(output: Path) -> None:
    """Raise PackagingError when ``output`` cannot or must not be written (see the module policy)."""
    if is_zip_target(output):
        if output.exists() and not output.is_file():
            raise PackagingError(tr("OUTPUT {path} exists and is not a file; choose another .zip name")
                                 .format(path=output))
    elif output.exists():
        if not output.is_dir():
            raise PackagingError(tr("OUTPUT {path} is an existing file; give a new folder name "
                                    "or a path ending in .zip").format(path=output))
        if any(output.iterdir()):
            raise PackagingError(tr("OUTPUT folder {path} is not empty; choose a new or empty folder "
                                    "(nothing in it is overwritten)").format(path=output))
    parent = output.parent
    probe = parent
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise PackagingError(tr("OUTPUT {path} cannot be written: {folder} is not a writable folder; "
                                "choose a folder you can write to").format(path=output, folder=probe))


def _local_file(provider: str, source: str) -> Optional[Path]:
    """Return the local file behind a layer source, or None for databases and services."""
    from qgis.core import QgsProviderRegistry

    try:
        parts = QgsProviderRegistry.instance().decodeUri(provider, source)
    except Exception:  # noqa: BLE001 - a provider without decodeUri is treated as not a file
        parts = {}
    path = parts.get("path") or ""
    if not path and provider == "delimitedtext":
        from qgis.PyQt.QtCore import QUrl

        path = QUrl(source).toLocalFile()
    if path and not path.startswith("/vsi") and Path(path).is_file():
        return Path(path)
    return None


def _export_style(layer):
    from qgis.core import QgsMapLayer
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument("qgis")
    layer.exportNamedStyle(doc, categories=QgsMapLayer.StyleCategory.AllStyleCategories)
    return doc


def _import_style(layer, doc) -> None:
    from qgis.core import QgsMapLayer

    layer.importNamedStyle(doc, QgsMapLayer.StyleCategory.AllStyleCategories)


def _gdal_progress(is_cancelled):
    def callback(_complete, _message, _data):
        return 0 if is_cancelled() else 1

    return callback


class _Packager:
    def __init__(self, source: PreparedSource, output: Path, feedback=None, log: Callable = print):
        self.source = source
        self.output = Path(output)
        self.feedback = feedback
        self.log = log
        self.used_tables: set = set()
        self.used_files: set = set()
        self.warnings: list = []

    # --- helpers ---------------------------------------------------------------------------------
    def cancelled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def check_cancel(self) -> None:
        if self.cancelled():
            raise PackagingCancelled("packaging cancelled")

    def progress(self, fraction: float) -> None:
        if self.feedback is not None:
            self.feedback.setProgress(100.0 * fraction)

    # --- the copy --------------------------------------------------------------------------------
    def read_copy(self):
        """Return a separate QgsProject read from the prepared project file, in this thread."""
        from qgis.core import QgsProject

        copy = QgsProject()
        if not copy.read(str(self.source.project_file)):
            raise PackagingError(tr("{label} could not be read ({error}); open it in QGIS and save it again")
                                 .format(label=self.source.label, error=copy.error()))
        return copy

    def memory_layer(self, layer):
        """Return a memory layer, made in this thread, holding the live layer's features; or None."""
        snapshot = self.source.memory.get(layer.id())
        if snapshot is None:
            return None
        from qgis.core import QgsFeatureRequest, QgsMemoryProviderUtils

        data = QgsMemoryProviderUtils.createMemoryLayer(layer.name(), snapshot.fields, snapshot.wkb_type,
                                                         snapshot.crs)
        features = []
        for feature in snapshot.source.getFeatures(QgsFeatureRequest()):
            features.append(feature)
            if len(features) % 1000 == 0:
                self.check_cancel()
        data.dataProvider().addFeatures(features)
        data.updateExtents()
        return data

    # --- layers ----------------------------------------------------------------------------------
    def package_vector(self, layer, gpkg: Path, transform_context) -> LayerResult:
        from qgis.core import QgsDataProvider, QgsVectorFileWriter

        provider = layer.providerType()
        memory_data = self.memory_layer(layer) if provider == "memory" else None
        data_layer = memory_data if memory_data is not None else layer
        if not data_layer.isValid():
            return LayerResult(layer.name(), layer.id(), "kept",
                               reason=tr("source not found or invalid: kept as it is"))
        if provider not in PACKABLE_VECTOR_PROVIDERS or (
                provider in ("ogr", "spatialite", "gpx") and _local_file(provider, layer.source()) is None):
            return LayerResult(layer.name(), layer.id(), "kept",
                               reason=tr("{provider} source is a database or service: kept as it is")
                               .format(provider=provider))
        if provider == "memory" and memory_data is None:
            self.warn(tr("memory layer '{layer}': the project file holds no features; packaged empty")
                      .format(layer=layer.name()))
        subset = layer.subsetString() or data_layer.subsetString()
        if subset:
            self.warn(tr("layer '{layer}': only the features matching its filter "
                         "'{filter}' are packaged")
                      .format(layer=layer.name(), filter=subset))
        table = unique_name(safe_name(layer.name()), self.used_tables)
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = table
        options.fileEncoding = "UTF-8"
        options.actionOnExistingFile = (
            QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer if gpkg.exists()
            else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
        options.saveMetadata = True
        options.layerMetadata = layer.metadata()
        if self.feedback is not None:
            # The writer's own 0-100 % would make the overall progress bar jump back; it only
            # needs to hear about a cancel.
            from qgis.core import QgsFeedback

            writer_feedback = QgsFeedback()
            self.feedback.canceled.connect(writer_feedback.cancel)
            options.feedback = writer_feedback
        error, message, _new_file, _new_layer = QgsVectorFileWriter.writeAsVectorFormatV3(
            data_layer, str(gpkg), transform_context, options)
        self.check_cancel()
        if error != QgsVectorFileWriter.WriterError.NoError:
            raise PackagingError(tr("layer '{layer}' could not be written to {gpkg}: {error}")
                                 .format(layer=layer.name(), gpkg=GPKG_NAME, error=message))
        style = _export_style(layer)
        metadata = layer.metadata()
        layer.setDataSource(f"{gpkg}|layername={table}", layer.name(), "ogr",
                            QgsDataProvider.ProviderOptions())
        if not layer.isValid():
            raise PackagingError(tr("layer '{layer}' did not open from {gpkg} after writing")
                                 .format(layer=layer.name(), gpkg=GPKG_NAME))
        _import_style(layer, style)
        layer.setMetadata(metadata)
        features = layer.featureCount()
        # Only now, with the layer on the package's GeoPackage, is the style stored in a database.
        error_message = save_style_to_database(layer, table, "style packaged by Rason SEZ Monitor")
        if error_message:
            self.warn(tr("layer '{layer}': style not stored in {gpkg} ({error}); it is still in the project")
                      .format(layer=layer.name(), gpkg=GPKG_NAME, error=error_message))
        return LayerResult(layer.name(), layer.id(), "vector", target=table, features=features)

    def package_raster(self, layer, folder: Path) -> LayerResult:
        from osgeo import gdal
        from qgis.core import QgsDataProvider

        if not layer.isValid():
            return LayerResult(layer.name(), layer.id(), "kept",
                               reason=tr("source not found or invalid: kept as it is"))
        if layer.providerType() != "gdal" or _local_file("gdal", layer.source()) is None:
            return LayerResult(layer.name(), layer.id(), "kept",
                               reason=tr("{provider} source is a service or database: kept as it is")
                               .format(provider=layer.providerType()))
        name = unique_name(safe_name(layer.name(), "raster"), self.used_files)
        target = folder / RASTER_DIR / f"{name}.tif"
        target.parent.mkdir(exist_ok=True)
        # GDAL's exception mode is process-wide and belongs to QGIS: it is left as it is, so a
        # failure is a None result (or, if someone else turned exceptions on, a RuntimeError).
        gdal.ErrorReset()
        try:
            result = gdal.Translate(str(target), layer.source(), format="GTiff",
                                    creationOptions=["COMPRESS=DEFLATE", "TILED=YES", "BIGTIFF=IF_SAFER"],
                                    callback=_gdal_progress(self.cancelled))
        except RuntimeError as error:
            self.check_cancel()
            raise PackagingError(
                tr("raster '{layer}' could not be written as GeoTIFF: {error}")
                .format(layer=layer.name(), error=error)) from error
        if result is None:
            self.check_cancel()
            raise PackagingError(tr("raster '{layer}' could not be written as GeoTIFF: {reason}")
                                 .format(layer=layer.name(),
                                         reason=gdal.GetLastErrorMsg() or tr("GDAL gave no reason")))
        result = None  # closes the file
        self.check_cancel()
        style = _export_style(layer)
        metadata = layer.metadata()
        layer.setDataSource(str(target), layer.name(), "gdal", QgsDataProvider.ProviderOptions())
        if not layer.isValid():
            raise PackagingError(tr("raster '{layer}' did not open from {file} after writing")
                                 .format(layer=layer.name(), file=target.name))
        _import_style(layer, style)
        layer.setMetadata(metadata)
        return LayerResult(layer.name(), layer.id(), "raster", target=f"{RASTER_DIR}/{target.name}")

    def warn(self, text: str) -> None:
        self.warnings.append(text)
        if self.feedback is not None:
            self.feedback.pushWarning(text)
        else:
            self.log(tr("warning: {text}").format(text=text))

    # --- main ------------------------------------------------------------------------------------
    def run(self) -> PackageResult:
        try:
            return self._run()
        finally:
            self.source.cleanup()

    def _run(self) -> PackageResult:
        from qgis.core import Qgis

        from ..compat import LayerType

        check_output(self.output)  # again: the disk may have changed since prepare()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.warnings = []
        for text in self.source.warnings:
            self.warn(text)
        # The package is assembled in a sibling of the target, at the same depth, so relative
        # paths to layers kept outside the package stay right once it is renamed into place.
        stage = Path(tempfile.mkdtemp(prefix=f".{self.output.stem}.partial-", dir=self.output.parent))
        partial_zip = stage.with_name(stage.name + ".zip")
        try:
            copy = self.read_copy()
            name = safe_name(self.source.name, "project")
            gpkg = stage / GPKG_NAME
            layers = list(copy.mapLayers().values())
            if not layers:
                self.warn(tr("the project has no layers; only the project file is packaged"))
            results = []
            context = copy.transformContext()
            # Tree order first (what the user sees), then any layer not in the tree.
            order = {lid: i for i, lid in enumerate(copy.layerTreeRoot().findLayerIds())}
            layers.sort(key=lambda lyr: (order.get(lyr.id(), len(order)), lyr.name()))
            for index, layer in enumerate(layers):
                self.check_cancel()
                if layer.type() == LayerType.Vector:
                    result = self.package_vector(layer, gpkg, context)
                elif layer.type() == LayerType.Raster:
                    result = self.package_raster(layer, stage)
                else:
                    result = LayerResult(layer.name(), layer.id(), "kept",
                                         reason=tr("this layer type is not packaged: kept as it is"))
                if result.kind == "kept":
                    self.log(tr("not packaged: '{layer}' ({reason})").format(layer=result.name,
                                                                             reason=result.reason))
                results.append(result)
                self.progress(0.9 * (index + 1) / len(layers))
            copy.setFilePathStorage(Qgis.FilePathType.Relative)
            copy.writeEntryBool("Paths", "/Absolute", False)
            project_file = stage / f"{name}.qgz"
            for layer in layers:
                if not layer.isValid():
                    _rebase_invalid_layer(layer, project_file)
            if not copy.write(str(project_file)):
                raise PackagingError(tr("the packaged project could not be written ({error})")
                                     .format(error=copy.error()))
            copy.clear()
            (stage / REPORT_NAME).write_text(_report_text(name, results, self.warnings), encoding="utf-8")
            self.check_cancel()
            if is_zip_target(self.output):
                _zip_folder(stage, name, partial_zip, self.check_cancel)
                os.replace(partial_zip, self.output)
                inside = f"{name}/{project_file.name}"
            else:
                if self.output.exists():  # an empty folder (checked above): fill it
                    for item in stage.iterdir():
                        shutil.move(str(item), str(self.output / item.name))
                else:
                    os.replace(stage, self.output)
                inside = project_file.name
            self.progress(1.0)
            return PackageResult(self.output, inside, results, list(self.warnings))
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            if partial_zip.exists():
                partial_zip.unlink()


def _rebase_invalid_layer(layer, project_file: Path) -> None:
    """Point a layer whose source is missing at that source relative to ``project_file``.

    QGIS writes such a layer back exactly as it read it (``originalXmlProperties``, to keep its
    style), so its path would stay relative to the ORIGINAL project's folder. The source it
    resolved on reading is absolute; it is rewritten the way QGIS writes paths for this project.
    """
    from qgis.core import QgsPathResolver, QgsProviderRegistry
    from qgis.PyQt.QtXml import QDomDocument

    xml = layer.originalXmlProperties()
    if not xml:
        return
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
        path = parts.get("path") or ""
    except Exception:  # noqa: BLE001 - a provider without decodeUri has no file path to rebase
        path = ""
    if not path or not os.path.isabs(path) or path not in layer.source():
        return
    source = layer.source().replace(path, QgsPathResolver(str(project_file)).writePath(path), 1)
    doc = QDomDocument()
    if not doc.setContent(xml)[0]:
        return
    element = doc.documentElement()
    if element.tagName() != "maplayer":
        element = element.firstChildElement("maplayer")
    datasource = element.firstChildElement("datasource")
    if datasource.isNull():
        return
    while datasource.hasChildNodes():
        datasource.removeChild(datasource.firstChild())
    datasource.appendChild(doc.createTextNode(source))
    layer.setOriginalXmlProperties(doc.toString())


def _zip_folder(folder: Path, name: str, target: Path, check_cancel: Callable) -> None:
    """Zip the files of ``folder`` into ``target`` under one top folder ``name``."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            check_cancel()
            archive.write(path, f"{name}/{path.relative_to(folder).as_posix()}")


def _report_text(name: str, results: list, warnings: list) -> str:
    lines = [f"Project package '{name}' written by Rason SEZ Monitor (rason:packageproject).", ""]
    lines.append("Packaged layers:")
    for r in results:
        if r.kind == "vector":
            lines.append(f"  {r.name}: {GPKG_NAME} table {r.target} ({r.features} features)")
        elif r.kind == "raster":
            lines.append(f"  {r.name}: {r.target}")
    kept = [r for r in results if r.kind == "kept"]
    lines.append("")
    lines.append("Kept as they are (databases, web services, missing sources):" if kept
                 else "Every layer is packaged.")
    lines.extend(f"  {r.name}: {r.reason}" for r in kept)
    if warnings:
        lines.append("")
        lines.append("Warnings:")
        lines.extend(f"  {w}" for w in warnings)
    return "\n".join(lines) + "\n"


def package_prepared(source: PreparedSource, output, feedback=None, log: Callable = print) -> PackageResult:
    """Package what :func:`prepare` read into ``output``; safe on a worker thread.

    Raises PackagingError (bad input) or PackagingCancelled; ``source``'s scratch files are removed.
    """
    return _Packager(source, Path(output), feedback, log).run()
