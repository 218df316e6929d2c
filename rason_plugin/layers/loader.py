"""Put the reference GeoPackage beside a project and load its layers into a "Rason SEZ" group.

Policy for an existing GeoPackage at the target path (the user may have edited it, e.g. redrawn a
port area): it is never overwritten.
- identical to the shipped file: reused as it is;
- a reference GeoPackage that differs (edited, or an older edition): kept and reused, so the
  user's edits stay what the project shows; with ``fresh_copy=True`` the shipped edition is written
  beside it under the next free versioned name (``rason_reference_2.gpkg``, ``_3``...);
- any other file of that name: left alone, the shipped file goes to the next versioned name.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from ..i18n import tr
from ..paths import PLUGIN_DIR
from .catalogue import (
    GROUP_NAME,
    LAYER_ORDER,
    REFERENCE_FILENAME,
    REFERENCE_GPKG,
    display_name,
    layer_uri,
)

COPIED, REUSED, KEPT_EDITED, VERSIONED = "copied", "reused", "kept_edited", "versioned"


_READ_COPY = {}


def reference_for_reading() -> Path:
    """Return a private copy of the shipped GeoPackage for algorithms that only read it.

    Opening a GeoPackage in QGIS switches its journal mode, which rewrites the file; the shipped
    copy in the plugin folder must stay byte-for-byte as built (and may be read-only), so readers
    get a copy made once per session in a temporary folder. The folder is removed when the plugin
    unloads (:func:`release_reading_copy`) or, at the latest, when Python exits.
    """
    cached = _READ_COPY.get("path")
    if cached is not None and cached.is_file():
        return cached
    import atexit
    import tempfile

    release_reading_copy()  # a folder whose file went away
    folder = Path(tempfile.mkdtemp(prefix="rason_reference_"))
    copy = folder / REFERENCE_FILENAME
    try:
        shutil.copyfile(REFERENCE_GPKG, copy)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _READ_COPY["path"] = copy
    if not _READ_COPY.get("atexit"):
        atexit.register(release_reading_copy)
        _READ_COPY["atexit"] = True
    return copy


def release_reading_copy() -> None:
    """Remove the temporary folder of :func:`reference_for_reading`, if there is one."""
    cached = _READ_COPY.pop("path", None)
    if cached is not None:
        shutil.rmtree(cached.parent, ignore_errors=True)


def content_digest(path: Path, immutable: bool = False) -> str:
    """Return a SHA-256 of the SQL content of a GeoPackage (schema and rows, not the file bytes).

    Opening a GeoPackage in QGIS rewrites its header (journal mode, change counter) without
    changing any data, so an unedited copy is recognised by its content, not its bytes.
    ``immutable`` reads without creating -wal/-shm files (for the shipped file in the plugin folder).
    """
    sha = hashlib.sha256()
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    con = sqlite3.connect(f"file:{path}?{flags}", uri=True)
    try:
        for statement in con.iterdump():
            sha.update(statement.encode("utf-8"))
            sha.update(b"\n")
    finally:
        con.close()
    return sha.hexdigest()


def same_content(a: Path, b: Path) -> bool:
    """Return True when GeoPackage ``a`` holds the same schema and rows as the shipped ``b``."""
    try:
        return content_digest(a) == content_digest(b, immutable=True)
    except sqlite3.Error:  # not an SQLite file
        return False


def is_reference_gpkg(path: Path) -> bool:
    """Return True when ``path`` is a GeoPackage holding every reference layer."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in con.execute("SELECT table_name FROM gpkg_contents")}
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return set(LAYER_ORDER) <= tables


def inside_plugin(path: Path) -> bool:
    """Return True when ``path`` lies inside the plugin's install folder."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(PLUGIN_DIR))
        return True
    except ValueError:
        return False


def _copy_atomic(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()


def versioned_name(target: Path, number: int) -> Path:
    """Return ``rason_reference_<number>.gpkg`` beside ``target``."""
    return target.with_name(f"{target.stem}_{number}{target.suffix}")


def prepare_gpkg(target: Path, shipped: Path = REFERENCE_GPKG, fresh_copy: bool = False) -> tuple:
    """Make sure a reference GeoPackage is at (or beside) ``target``; return (path to use, status).

    Status is one of COPIED, REUSED, KEPT_EDITED, VERSIONED (see the module docstring).
    Raises ValueError for a target inside the plugin folder (an update would delete it).
    """
    target = Path(target)
    if target.suffix.lower() != ".gpkg":
        target = target.with_suffix(".gpkg")
    if inside_plugin(target):
        raise ValueError(tr("{path} is inside the plugin folder, which plugin updates replace; "
                            "choose a folder of your own (e.g. the project's folder)").format(path=target))
    if not target.exists():
        _copy_atomic(shipped, target)
        return target, COPIED
    if same_content(target, shipped):
        return target, REUSED
    if is_reference_gpkg(target) and not fresh_copy:
        return target, KEPT_EDITED
    number = 2
    while True:
        candidate = versioned_name(target, number)
        if not candidate.exists():
            _copy_atomic(shipped, candidate)
            return candidate, VERSIONED
        if same_content(candidate, shipped):
            return candidate, REUSED
        number += 1


def default_target(project=None) -> Path:
    """Return ``<project folder>/rason_reference.gpkg``, or a file in the user's folder when unsaved."""
    if project is not None and project.absolutePath():
        return Path(project.absolutePath()) / REFERENCE_FILENAME
    from qgis.PyQt.QtCore import QStandardPaths

    location = QStandardPaths.StandardLocation.DocumentsLocation
    documents = QStandardPaths.writableLocation(location) or str(Path.home())
    return Path(documents) / "Rason SEZ" / REFERENCE_FILENAME


def _same_source(layer, gpkg: Path, name: str) -> bool:
    from qgis.core import QgsProviderRegistry

    if layer.providerType() != "ogr":
        return False
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    return (bool(path) and os.path.realpath(path) == os.path.realpath(gpkg)
            and parts.get("layerName") == name)


def load_into_project(gpkg: Path, project) -> list:
    """Add the reference layers of ``gpkg`` to ``project`` in a "Rason SEZ" group; return the layers.

    Layers already in the project from the same file and table are reused, not duplicated.
    Each new layer takes its default style (renderer, labels, temporal settings) from the
    GeoPackage's layer_styles table and its metadata from the GeoPackage metadata tables.
    """
    from qgis.core import QgsVectorLayer

    root = project.layerTreeRoot()
    group = root.findGroup(GROUP_NAME)
    if group is None:
        group = root.insertGroup(0, GROUP_NAME)
    layers = []
    for name in LAYER_ORDER:
        existing = [layer for layer in project.mapLayers().values() if _same_source(layer, gpkg, name)]
        if existing:
            layers.append(existing[0])
            continue
        layer = QgsVectorLayer(layer_uri(gpkg, name), display_name(name), "ogr")
        if not layer.isValid():
            raise RuntimeError(tr("layer {name} of {path} is not valid; delete the file to get a fresh copy")
                               .format(name=name, path=gpkg))
        # The constructor applies the stored style but QGIS 3.22 then resets the temporal
        # settings from the provider; loading the default style again restores them.
        layer.loadDefaultStyle()
        project.addMapLayer(layer, False)
        layers.append(layer)
    # New layers go into the group in LAYER_ORDER (top to bottom), after the group's nodes of the
    # layers above them; layers already in the project stay where the user put them.
    from qgis.core import QgsLayerTreeLayer

    for index, layer in enumerate(layers):
        if root.findLayer(layer.id()) is not None:
            continue
        above = {other.id() for other in layers[:index]}
        position = 0
        for child_index, child in enumerate(group.children()):
            if isinstance(child, QgsLayerTreeLayer) and child.layerId() in above:
                position = child_index + 1
        group.insertLayer(position, layer)
    return layers
