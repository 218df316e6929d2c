"""Vector outputs written to a hidden file beside the target and moved into place when complete.

Why not Processing's own sinks (parameterAsSink): QgsProcessingUtils.createFeatureSink opens the
destination file itself, so the user's previous file at that path is replaced the moment the
sink is created, and a run that fails or is cancelled halfway leaves a half-written file there
(tests/qgis/test_vector_output.py shows both). The house rule is that nothing the user had is
overwritten and a cancelled run leaves no half-written output, so plain files go through
FileOutput; every other destination (memory:, ogr:, PostGIS) still uses Processing's sink.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingUtils, QgsVectorFileWriter

from ..i18n import tr


class FileOutput:
    """A vector output written to a hidden temporary file beside the target, renamed at the end.

    Use as a context manager and call ``finish()`` last inside it: leaving it with an exception
    drops the partial file.

    Destinations that are not plain files (``memory:``, ``ogr:`` URIs, PostGIS) go through
    Processing's own sink instead, which cannot leave a half-written file behind us.
    """

    def __init__(self, destination: str, fields, wkb_type, crs, context, layer_name: str):
        self.destination = destination
        self.tmp = None
        self.sink = None
        self.dest_id = destination
        plain = destination and not destination.startswith(("memory:", "ogr:", "postgres"))
        plain = plain and "|" not in destination
        if plain:
            path = Path(destination)
            if not path.suffix:
                path = path.with_suffix(".gpkg")
                self.destination = self.dest_id = str(path)
            # A unique hidden stem beside the target: two outputs (or batch rows) aimed at one file
            # never share a partial file, and multi-file formats (Shapefile) keep their siblings.
            self._tmp_stem = f".{path.stem}.{uuid.uuid4().hex[:8]}.partial"
            self.tmp = str(path.with_name(self._tmp_stem + path.suffix))
            options = QgsVectorFileWriter.SaveVectorOptions()
            options.driverName = QgsVectorFileWriter.driverForExtension(path.suffix) or "GPKG"
            options.fileEncoding = "UTF-8"
            options.layerName = layer_name
            self.sink = QgsVectorFileWriter.create(self.tmp, fields, wkb_type, crs,
                                                   context.transformContext(), options)
            if self.sink.hasError() != QgsVectorFileWriter.WriterError.NoError:
                message = self.sink.errorMessage()
                self.sink = None
                self._remove_partials()
                raise QgsProcessingException(
                    tr("Cannot write {path}: {error}. Choose another output file.")
                    .format(path=destination, error=message))
        else:
            self.sink, self.dest_id = QgsProcessingUtils.createFeatureSink(
                destination, context, fields, wkb_type, crs)

    def _partials(self):
        folder = Path(self.tmp).parent
        return [p for p in folder.iterdir() if p.name.startswith(self._tmp_stem + ".")]

    def _remove_partials(self):
        for partial in self._partials():
            partial.unlink()

    def add(self, feature) -> None:
        if not self.sink.addFeature(feature):
            raise QgsProcessingException(
                tr("Could not write a feature to {path}.").format(path=self.destination))

    def finish(self) -> str:
        """Close the file and move it into place; return the output id for the results."""
        if self.tmp is None:
            return self.dest_id
        del self.sink
        self.sink = None
        target = Path(self.destination)
        for journal in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            if journal.exists():  # a stale journal would be replayed into the new file
                journal.unlink()
        for partial in self._partials():
            ending = partial.name[len(self._tmp_stem):]
            if ending in (f"{target.suffix}-wal", f"{target.suffix}-shm", f"{target.suffix}-journal"):
                partial.unlink()
                continue
            os.replace(partial, target.with_name(target.stem + ending))
        return self.destination

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:  # an error or cancel before finish(): drop the partial file
            self.abort()
        return False

    def abort(self) -> None:
        """Drop a partial file (on error or cancel)."""
        if self.tmp is None:
            return
        self.sink = None
        self._remove_partials()
