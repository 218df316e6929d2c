"""The monitoring report as a QGIS print layout: pages, maps, text and charts, then one PDF.

Everything is drawn with what QGIS itself is built on: map items for the maps, plain-text labels
for text and tables, and a picture item showing an SVG chart (Qt's SVG renderer, a QGIS dependency
on every platform), so the report needs no plotting library.
"""
from __future__ import annotations

import math
import os
import tempfile
import uuid
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..compat import QGIS_VERSION_INT, LabelPlacement, LayoutUnit
from ..core.report import ChartLabels, series_chart_svg
from ..i18n import tr
from . import report_text as text

PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 10.0
LINES_PER_PAGE = 50  # 7 pt monospace lines in the 180 mm below a page heading
LABEL_TEXT_FORMAT = 32400  # QgsLayoutItemLabel.setTextFormat from 3.24 (setFont deprecated then)


class ExportError(Exception):
    """The PDF could not be written; the message says why."""


def utm_crs(zones) -> QgsCoordinateReferenceSystem:
    """Return the WGS 84 / UTM zone of the zones' centre, so maps keep true shapes and distances."""
    points = [g.centroid().asPoint() for _n, _k, g in zones if not g.isEmpty()]
    if not points:
        return QgsCoordinateReferenceSystem("EPSG:3857")
    lon = sum(p.x() for p in points) / len(points)
    lat = sum(p.y() for p in points) / len(points)
    number = min(60, int(math.floor((lon + 180.0) / 6.0)) + 1)
    return QgsCoordinateReferenceSystem(f"EPSG:{(32600 if lat >= 0 else 32700) + number}")


def zones_layer(zones) -> QgsVectorLayer:
    """Return a memory layer of the zones (WGS 84), outlined in red and labelled with their names."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=name:string", tr("Monitoring areas"), "memory")
    features = []
    for name, _kind, geom in zones:
        feature = QgsFeature(layer.fields())
        g = type(geom)(geom)
        g.convertToMultiType()
        feature.setGeometry(g)
        feature.setAttributes([name])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#d7191c", "outline_width": "0.7"})))
    settings = QgsPalLayerSettings()
    settings.fieldName = "name"
    settings.placement = LabelPlacement.Line  # along the outline, so the name hides nothing inside
    label_format = QgsTextFormat()
    label_format.setSize(8)
    label_format.setColor(QColor("#7a0000"))
    halo = label_format.buffer()
    halo.setEnabled(True)
    halo.setSize(0.8)
    label_format.setBuffer(halo)
    settings.setFormat(label_format)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


class ReportLayout:
    """Builds the pages one after another and exports them as one PDF."""

    def __init__(self, data, layers, feedback):
        self.data, self.feedback = data, feedback
        self.project = QgsProject()  # a private one: the user's project gains no layout
        self.layout = QgsPrintLayout(self.project)
        self.layout.setName(data.title)
        self.zones = zones_layer(data.zones)
        self.layers = [self.zones] + list(layers)
        self.crs = utm_crs(data.zones)
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        self.to_map = QgsCoordinateTransform(wgs84, self.crs, self.project)
        self.tmp = tempfile.TemporaryDirectory(prefix="rason_report_")
        self.pages = 0

    # -- items -------------------------------------------------------------------------------
    def new_page(self, heading: str) -> int:
        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
        self.layout.pageCollection().addPage(page)
        self.pages += 1
        self.label(self.pages - 1, heading, MARGIN, MARGIN, PAGE_W - 2 * MARGIN, 12, size=16, bold=True)
        return self.pages - 1

    def place(self, item, page, x, y, w, h):
        self.layout.addLayoutItem(item)
        item.attemptResize(QgsLayoutSize(w, h, LayoutUnit.Millimeters))
        item.attemptMove(QgsLayoutPoint(x, y, LayoutUnit.Millimeters), True, False, page)

    def label(self, page, words, x, y, w, h, size=9.0, bold=False, mono=False):
        item = QgsLayoutItemLabel(self.layout)
        item.setText(words)
        item.setHAlign(Qt.AlignmentFlag.AlignLeft)
        font = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
        if mono:
            font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setBold(bold)
        font.setPointSizeF(size)
        if QGIS_VERSION_INT >= LABEL_TEXT_FORMAT:
            label_format = QgsTextFormat.fromQFont(font)
            label_format.setSize(size)
            item.setTextFormat(label_format)
        else:
            item.setFont(font)
        self.place(item, page, x, y, w, h)
        return item

    def map(self, page, x, y, w, h, extent):
        item = QgsLayoutItemMap(self.layout)
        self.place(item, page, x, y, w, h)
        item.setCrs(self.crs)
        item.setLayers(self.layers)
        item.setFrameEnabled(True)
        item.zoomToExtent(extent)
        return item

    def map_or_note(self, page, x, y, w, h, extent):
        """Draw a map of ``extent``, or say why there is none (no zone geometry and no LAYERS)."""
        if extent is None or extent.isEmpty():
            self.label(page, tr("No map: the zones have no geometry and no LAYERS were given."), x, y, w, 8)
        else:
            self.map(page, x, y, w, h, extent)

    def chart(self, page, points, x, y, w, h):
        path = Path(self.tmp.name) / f"chart_{page}.svg"
        labels = ChartLabels(legend=(tr("changed"), tr("brighter"), tr("darker")), unit=tr("hectares"),
                             empty=tr("no data"))
        path.write_text(series_chart_svg(points, labels=labels), encoding="utf-8")
        item = QgsLayoutItemPicture(self.layout)
        item.setPicturePath(str(path))
        item.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
        self.place(item, page, x, y, w, h)

    def extent(self, geometries):
        """Return the map extent of WGS 84 geometries with a margin (all zones when none)."""
        geometries = [g for g in geometries if not g.isEmpty()] or \
            [g for _n, _k, g in self.data.zones if not g.isEmpty()]
        rect = None
        for geom in geometries:
            g = type(geom)(geom)
            g.transform(self.to_map)
            box = g.boundingBox()
            if rect is None:
                rect = box
            else:
                rect.combineExtentWith(box)
        if rect is None:
            for layer in self.layers[1:]:
                return QgsCoordinateTransform(layer.crs(), self.crs, self.project).transformBoundingBox(
                    layer.extent())
            return None
        pad = max(rect.width(), rect.height(), 200.0) * 0.25
        rect.grow(pad)
        return rect

    # -- pages -------------------------------------------------------------------------------
    def cover(self):
        page = self.new_page(self.data.title)
        self.label(page, text.cover_text(self.data), MARGIN, 28, 112, 166, size=9)
        self.map_or_note(page, 126, 28, PAGE_W - 126 - MARGIN, PAGE_H - 28 - 16, self.extent([]))
        self.footer(page)

    def zone_page(self, name, geom):
        page = self.new_page(tr("Zone: {name}").format(name=name))
        extent = self.extent([geom] if geom is not None else [])
        if geom is None:
            self.label(page, tr("This zone is not in ZONES: the map shows every zone."), MARGIN, 22, 130, 5,
                       size=8)
        self.map_or_note(page, MARGIN, 28, 130, 168, extent)
        right = MARGIN + 135
        width = PAGE_W - right - MARGIN
        self.label(page, text.change_text(self.data, name), right, 24, width, 26, size=8.5)
        points = text.series_points(self.data, name)
        if points:
            self.chart(page, points, right, 52, width, 50)
        self.label(page, text.series_text(self.data, name), right, 104, width, 46, size=7, mono=True)
        self.label(page, text.zone_calls_text(self.data, name), right, 152, width, 44, size=7, mono=True)
        self.footer(page)

    def text_pages(self, heading, lines):
        for chunk in text.paginate(lines, LINES_PER_PAGE):
            page = self.new_page(heading)
            self.label(page, "\n".join(chunk), MARGIN, 24, PAGE_W - 2 * MARGIN, 172, size=7, mono=True)
            self.footer(page)

    def footer(self, page):
        self.label(page, self.data.title, MARGIN, PAGE_H - 8, PAGE_W - 2 * MARGIN, 5, size=7)

    def build(self, versions, zone_names):
        """Add every page: cover, one per zone, vessels, provenance."""
        geoms = {name: geom for name, _kind, geom in self.data.zones}
        self.cover()
        for name in zone_names:
            if self.feedback.isCanceled():
                return
            self.zone_page(name, geoms.get(name))
        self.text_pages(tr("Vessels"), text.vessels_lines(self.data))
        self.text_pages(tr("Provenance"), text.provenance_lines(self.data, versions))

    def export(self, output: str) -> None:
        """Write the PDF next to ``output`` and move it into place only once it is complete."""
        folder = os.path.dirname(os.path.abspath(output)) or "."
        # A fresh name, created by the exporter itself: the PDF gets the user's usual permissions
        # (mkstemp would make it private to the user).
        partial = os.path.join(folder, f".rason_report_{uuid.uuid4().hex}.pdf")
        try:
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.dpi = 150
            # Real text, not outlines (the default from QGIS 3.24 on): a colleague can search
            # and copy it, and tests read it back. Qgis.TextRenderFormat exists from 3.22.
            settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
            result = QgsLayoutExporter(self.layout).exportToPdf(partial, settings)
            if result != QgsLayoutExporter.ExportResult.Success:
                code = getattr(result, "value", result)
                raise ExportError(tr("QGIS could not export the layout (error {code})").format(code=code))
            if self.feedback.isCanceled():
                return
            os.replace(partial, output)
        finally:
            if os.path.exists(partial):
                os.remove(partial)
            self.tmp.cleanup()
