#!/usr/bin/env python3
"""The main job on bundled data, headless: `make demo`.

Builds a Rason SEZ project with the reference layers, imports a synthetic AIS log around Rajin,
builds vessel tracks and port calls, runs change detection on a synthetic before/after pair of the
port area with areas per monitoring zone, saves the project, packages it for sharing, renders a map
with a legend, and prints a summary. Everything is written under OUTPUT (default demo-output/),
which the demo owns: a re-run replaces it whole, and a failed run leaves the previous one in place.

Usage: demo.py [--output DIR]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".rason-demo-output"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def start_qgis():
    """Start a headless QGIS with Processing and the rason provider; return the application."""
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    plugins_dir = Path(QgsApplication.pkgDataPath()) / "python" / "plugins"
    sys.path.append(str(plugins_dir))
    from processing.core.Processing import Processing

    Processing.initialize()
    from rason_plugin.rason_processing.provider import RasonProvider

    # The registry does not keep the Python wrapper alive: hold it, or its algorithms lose their ids.
    app.rason_provider = RasonProvider()
    QgsApplication.processingRegistry().addProvider(app.rason_provider)
    return app


def run(alg, params, feedback):
    """Run ``rason:alg`` and return its results, failing loudly with the algorithm's message."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    started = time.perf_counter()
    results = processing.run(f"rason:{alg}", params, context=context, feedback=feedback)
    print(f"  rason:{alg} done in {time.perf_counter() - started:.1f} s")
    return results


def add_vector(path_or_uri, name, style=None):
    from qgis.core import QgsProject, QgsVectorLayer

    layer = QgsVectorLayer(str(path_or_uri), name, "ogr")
    if not layer.isValid():
        raise RuntimeError(f"demo: could not open {path_or_uri}")
    if style:
        layer.loadNamedStyle(str(style))
    QgsProject.instance().addMapLayer(layer)
    return layer


def add_raster(path, name, style=None, bottom=False):
    """Add a raster on top of the layer tree, or at its bottom (a backdrop scene)."""
    from qgis.core import QgsProject, QgsRasterLayer

    layer = QgsRasterLayer(str(path), name)
    if not layer.isValid():
        raise RuntimeError(f"demo: could not open {path}")
    if style:
        layer.loadNamedStyle(str(style))
    project = QgsProject.instance()
    project.addMapLayer(layer, not bottom)
    if bottom:
        project.layerTreeRoot().addLayer(layer)
    return layer


def show_true_colour(layer):
    """Draw a 4-band B2,B3,B4,B8 scene as true colour (red=B4, green=B3, blue=B2), 2-98 % stretch."""
    from qgis.core import QgsContrastEnhancement, QgsMultiBandColorRenderer

    renderer = QgsMultiBandColorRenderer(layer.dataProvider(), 3, 2, 1)
    for band, setter in ((3, renderer.setRedContrastEnhancement), (2, renderer.setGreenContrastEnhancement),
                         (1, renderer.setBlueContrastEnhancement)):
        low, high = layer.dataProvider().cumulativeCut(band, 0.02, 0.98, layer.extent(), 250000)
        enhancement = QgsContrastEnhancement(layer.dataProvider().dataType(band))
        enhancement.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
        enhancement.setMinimumValue(low)
        enhancement.setMaximumValue(high)
        setter(enhancement)
    layer.setRenderer(renderer)


def tidy_map(project) -> None:
    """Make the demo map readable: one 'Vessel tracks' entry, a plain mask legend, labels that fit."""
    from qgis.core import QgsMapLayerLegendUtils

    root = project.layerTreeRoot()
    for layer in project.mapLayers().values():
        node = root.findLayer(layer.id())
        if layer.name() == "Vessel tracks" and layer.featureCount() == 0:
            # The reference layer holds no tracks in the demo: the synthetic tracks stand for it.
            node.setItemVisibilityChecked(False)
        elif layer.name().startswith("Change mask"):
            # Paletted legends start with the band's name and colour interpretation ("Band 1: change
            # (1) / no change (0) (Gray)"), and 'no change' is transparent: show only 'change'.
            QgsMapLayerLegendUtils.setLegendNodeOrder(node, [2])
        elif layer.name() == "Events":
            label_events(layer)
        elif layer.name().startswith("Synthetic after scene"):
            # A true-colour backdrop: its three band entries ("... (Gray)") explain nothing.
            QgsMapLayerLegendUtils.setLegendNodeOrder(node, [])


def label_events(layer) -> None:
    """Label events with the labelling engine, which drops labels that would overlap.

    The reference style lets the point-displacement renderer write each title beside its star; at
    the demo's 1:10,000 the five Rajin titles pile up. Here the engine places short, wrapped labels
    around the stars, avoiding each other and the other layers' labels, and leaves out what does
    not fit (the titles stay in the attribute table and the report).
    """
    from qgis.core import (
        QgsLabelObstacleSettings,
        QgsPalLayerSettings,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    from rason_plugin.compat import LabelPlacement

    renderer = layer.renderer()
    if hasattr(renderer, "setLabelAttributeName"):
        renderer.setLabelAttributeName("")
    settings = QgsPalLayerSettings()
    settings.fieldName = "format_date(\"event_date\", 'yyyy-MM') || ': ' || \"title\""
    settings.isExpression = True
    settings.placement = LabelPlacement.AroundPoint
    settings.dist = 1.5
    settings.autoWrapLength = 30
    settings.priority = 8
    settings.obstacleSettings().setType(QgsLabelObstacleSettings.ObstacleType.PolygonWhole)
    fmt = QgsTextFormat()
    fmt.setFont(QFont("DejaVu Sans"))
    fmt.setSize(7.5)
    fmt.setColor(QColor("#99000d"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor("white"))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def render_map(out_png: Path, extent_layer, title: str):
    """Render the project's visible layers over ``extent_layer`` to a PNG with a legend."""
    from qgis.core import (
        QgsLayoutExporter,
        QgsLayoutItemLabel,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemScaleBar,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsPrintLayout,
        QgsProject,
    )
    from qgis.PyQt.QtGui import QFont

    from rason_plugin.compat import LayoutUnit

    project = QgsProject.instance()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(297, 210, LayoutUnit.Millimeters))

    label = QgsLayoutItemLabel(layout)
    label.setText(title)
    label.setFont(QFont("DejaVu Sans", 14))
    label.attemptMove(QgsLayoutPoint(8, 5, LayoutUnit.Millimeters))
    label.attemptResize(QgsLayoutSize(280, 10, LayoutUnit.Millimeters))
    layout.addLayoutItem(label)

    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)  # sized and zoomed only once it belongs to the layout
    map_item.attemptMove(QgsLayoutPoint(8, 17, LayoutUnit.Millimeters))
    extent = extent_layer.extent()
    height = 185.0
    width = min(185.0, height * extent.width() / extent.height())
    map_item.attemptResize(QgsLayoutSize(width, height, LayoutUnit.Millimeters))
    map_item.setCrs(extent_layer.crs())
    map_item.setLayers(project.layerTreeRoot().checkedLayers())
    # setExtent, not zoomToExtent: on 3.22 a new item has an empty extent, so zoomToExtent gives NaN.
    map_item.setExtent(extent)
    map_item.setFrameEnabled(True)

    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(map_item)
    legend.setTitle("Legend")
    legend.attemptMove(QgsLayoutPoint(12 + width, 17, LayoutUnit.Millimeters))
    layout.addLayoutItem(legend)
    # The legend lists what the map shows: layers switched off (the empty reference 'Vessel tracks')
    # are left out, so no entry appears twice.
    legend.setAutoUpdateModel(False)
    hidden = [node for node in legend.model().rootGroup().findLayers() if not node.isVisible()]
    for node in hidden:
        node.parent().removeChildNode(node)

    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(map_item)
    scalebar.applyDefaultSize()
    scalebar.attemptMove(QgsLayoutPoint(12, 190, LayoutUnit.Millimeters))
    layout.addLayoutItem(scalebar)

    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 110
    result = QgsLayoutExporter(layout).exportToImage(str(out_png), settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"demo: rendering {out_png} failed (code {result})")
    return out_png


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "demo-output")
    args = parser.parse_args(argv)
    final = args.output.resolve()
    # The demo replaces only a folder it made itself (marked), never a user's folder.
    if final.exists() and any(final.iterdir()) and not (final / MARKER).exists():
        sys.exit(f"demo: {final} exists and was not made by the demo; choose a new or empty --output")
    work = final.with_name(final.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / MARKER).write_text("made by scripts/demo.py; a re-run replaces this folder\n")
    try:
        return build(final, work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def build(final: Path, work: Path) -> int:
    """Run the chain into ``work``, then swap it in for ``final``; return the exit code."""
    started = time.perf_counter()
    app = start_qgis()
    from qgis.core import QgsProcessingFeedback, QgsProject

    from rason_plugin.layers.catalogue import REFERENCE_FILENAME
    from rason_plugin.paths import resources_dir

    feedback = QgsProcessingFeedback()
    project = QgsProject.instance()
    project_path = final / "rason_demo.qgz"
    styles = resources_dir() / "styles"

    print("1. Reference layers")
    run("referencelayers", {"OUTPUT": str(work / REFERENCE_FILENAME), "LOAD": True}, feedback)

    print("2. Synthetic sample data (scenes and AIS) over Rajin")
    from make_synthetic_demo_data import main as make_data

    data_dir = work / "synthetic_data"
    make_data([str(data_dir)])
    before = next(data_dir.glob("synthetic_rajin_before_*.tif"))
    after = next(data_dir.glob("synthetic_rajin_after_*.tif"))
    nmea = data_dir / "synthetic_rajin_ais.nmea"

    print("3. AIS: import, vessel tracks, port calls")
    positions = run("importais", {"INPUT": str(nmea), "OUTPUT": str(work / "synthetic_ais_positions.gpkg")},
                    feedback)["OUTPUT"]
    tracks = run("vesseltracks", {"INPUT": positions, "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
                                  "MAX_GAP": 60, "MAX_SPEED": 50,
                                  "OUTPUT": str(work / "synthetic_vessel_tracks.gpkg")}, feedback)["OUTPUT"]
    calls = run("portcalls", {"INPUT": positions, "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
                              "OUTPUT": str(work / "synthetic_port_calls.gpkg"),
                              "OUTPUT_SUMMARY": str(work / "synthetic_port_call_summary.gpkg")}, feedback)

    print("4. Change detection on the synthetic port scenes")
    zones = f"{work / REFERENCE_FILENAME}|layername=monitoring_areas"
    change = run("changedetection", {
        "BEFORE": str(before), "AFTER": str(after), "ZONES": zones, "MIN_AREA": 200,
        "OUTPUT_MASK": str(work / "synthetic_change_mask.tif"),
        "OUTPUT_MAGNITUDE": str(work / "synthetic_change_statistic.tif"),
        "OUTPUT_POLYGONS": str(work / "synthetic_change_regions.gpkg"),
        "OUTPUT_ZONE_STATS": str(work / "synthetic_change_zone_stats.gpkg"),
    }, feedback)

    print("5. Radar: synthetic Sentinel-1 series, ships and dark vessels")
    radar = run_radar(work, data_dir, zones, positions, feedback)

    print("6. Project, map and shareable bundle")
    after_layer = add_raster(after, "Synthetic after scene (2023-10-15)", bottom=True)
    add_raster(change["OUTPUT_MASK"], "Change mask (synthetic scenes)", styles / "change_mask.qml")
    add_vector(change["OUTPUT_POLYGONS"], "Change regions (synthetic scenes)", styles / "change_polygons.qml")
    add_vector(tracks, "Vessel tracks (synthetic AIS)", styles / "vessel_tracks.qml")
    add_vector(radar["dark"]["OUTPUT"], f"Radar ships {radar['date']} (synthetic)",
               styles / "dark_vessels.qml")
    tidy_map(project)
    show_true_colour(after_layer)
    project.setCrs(after_layer.crs())
    # Whoever opens the project (or its bundle) starts on the port, not at 1:1 on nothing.
    from qgis.core import QgsReferencedRectangle

    view = QgsReferencedRectangle(after_layer.extent(), after_layer.crs())
    project.viewSettings().setDefaultViewExtent(view)
    # The project is saved inside the work folder first, so its relative paths are right once
    # the folder is renamed.
    project.write(str(work / project_path.name))
    map_png = render_map(work / "rason_demo_map.png", after_layer,
                         "Rason SEZ Monitor: Rajin port, synthetic optical pair, radar and AIS")
    bundle = run("packageproject", {"PROJECT": str(work / project_path.name),
                                    "OUTPUT": str(work / "rason_demo_bundle.zip")}, feedback)["OUTPUT"]

    print("7. Monitoring report (PDF)")
    report = run_report(work, zones, calls, change, radar, after, feedback)

    summary = summarise(project, calls, change, radar) + f"\n  report pages: {int(report['PAGES'])}"
    app.exitQgis()
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    work.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    print("\nSummary")
    print(summary)
    print(f"\nFiles in {final}:")
    for name in (project_path.name, Path(map_png).name, Path(bundle).name, Path(report["OUTPUT"]).name):
        print(f"  {final / name}")
    print(f"Done in {time.perf_counter() - started:.0f} s")
    return 0


def run_report(work: Path, zones: str, calls, change, radar, after: Path, feedback) -> dict:
    """Write the monitoring report PDF from the outputs of every step (the figures come from them)."""
    return run("monitoringreport", {
        "TITLE": "Rason SEZ monitoring report: Rajin port and Tumangang rail yard (synthetic demo data)",
        "ZONES": zones, "CHANGE_ZONE_STATS": change["OUTPUT_ZONE_STATS"],
        "ZONE_SERIES": radar["series"]["OUTPUT_ZONE_SERIES"], "PORT_CALLS": calls["OUTPUT"],
        "DETECTIONS": radar["dark"]["OUTPUT"], "MISSED": radar["dark"]["OUTPUT_MISSED"],
        "LAYERS": [str(after), change["OUTPUT_MASK"], change["OUTPUT_POLYGONS"], radar["dark"]["OUTPUT"]],
        "OUTPUT": str(work / "rason_monitoring_report.pdf"),
    }, feedback)


def run_radar(work: Path, data_dir: Path, zones: str, positions: str, feedback) -> dict:
    """Run rason:sarchange on the synthetic series, then ship detection and dark vessels on one date."""
    from rason_plugin.layers.catalogue import REFERENCE_FILENAME
    from sample_data import synthetic_sar

    scenes = sorted((data_dir / "synthetic_s1").glob("synthetic_s1_rajin_*.tif"))
    series = run("sarchange", {
        # The 3x3 median of the p-values: single-pixel speckle false alarms (ALPHA of the pixels per
        # interval) would otherwise add up over the 11 intervals to more than the port truly changed.
        "INPUT": [str(p) for p in scenes], "ZONES": zones, "MEDIAN_FILTER": True,
        "OUTPUT_FIRST": str(work / "synthetic_s1_first_change.tif"),
        "OUTPUT_LAST": str(work / "synthetic_s1_last_change.tif"),
        "OUTPUT_FREQUENCY": str(work / "synthetic_s1_change_frequency.tif"),
        "OUTPUT_INTERVALS": str(work / "synthetic_s1_change_intervals.tif"),
        "OUTPUT_ZONE_SERIES": str(work / "synthetic_s1_zone_series.gpkg"),
        "OUTPUT_CHART": str(work / "synthetic_s1_zone_chart.png"),
    }, feedback)
    day = synthetic_sar.DETECTION_DATE.isoformat()
    scene = str(data_dir / "synthetic_s1" / synthetic_sar.NAME_PATTERN.format(date=day))
    # The coarse Natural Earth land of the reference layers: the documented ready LAND mask.
    land = f"{work / REFERENCE_FILENAME}|layername=land"
    ships = run("shipdetection", {"INPUT": scene, "LAND": land,
                                  "OUTPUT": str(work / f"synthetic_s1_ships_{day}.gpkg")}, feedback)
    dark = run("darkvessels", {"DETECTIONS": ships["OUTPUT"], "INPUT": positions, "MMSI_FIELD": "mmsi",
                               "TIME_FIELD": "time", "SCENE": scene, "LAND": land,
                               "OUTPUT": str(work / f"synthetic_dark_vessels_{day}.gpkg"),
                               "OUTPUT_MISSED": str(work / f"synthetic_ais_missed_{day}.gpkg")}, feedback)
    return {"series": series, "ships": ships, "dark": dark, "date": day, "scene": scene}


def summarise(project, calls, change, radar) -> str:
    from qgis.core import QgsVectorLayer

    lines = [f"  layers in the project: {len(project.mapLayers())}"]
    tracks = [layer for layer in project.mapLayers().values() if layer.name().startswith("Vessel tracks (")]
    if tracks:
        lines.append(f"  vessel track segments: {tracks[0].featureCount()}")
    call_layer = QgsVectorLayer(calls["OUTPUT"], "calls", "ogr")
    lines.append(f"  port calls: {call_layer.featureCount()}")
    zone_layer = QgsVectorLayer(change["OUTPUT_ZONE_STATS"], "zones", "ogr")
    for feature in zone_layer.getFeatures():
        if feature["valid_area_m2"] > 0:
            lines.append(f"  changed area in {feature['zone']}: {feature['changed_area_m2'] / 1e4:.2f} ha "
                         f"({feature['changed_pct']:.2f} % of {feature['valid_area_m2'] / 1e4:.0f} ha "
                         f"seen, {feature['n_regions']} regions)")
        else:
            lines.append(f"  {feature['zone']}: not covered by the scenes")
    lines += summarise_radar(radar)
    return "\n".join(lines)


def summarise_radar(radar) -> list:
    """Return the summary lines of the radar steps, every figure read back from their files."""
    from qgis.core import QgsVectorLayer

    lines = []
    series = QgsVectorLayer(radar["series"]["OUTPUT_ZONE_SERIES"], "series", "ogr")
    totals, seen = {}, {}
    for feature in series.getFeatures():
        totals[feature["zone"]] = totals.get(feature["zone"], 0.0) + feature["changed_area_m2"]
        seen[feature["zone"]] = max(seen.get(feature["zone"], 0.0), feature["valid_area_m2"])
    for zone in sorted(totals):
        if seen[zone] > 0:
            lines.append(f"  radar change in {zone}: {totals[zone] / 1e4:.2f} ha summed over the intervals")
        else:
            lines.append(f"  radar, {zone}: not covered by the scenes")
    ships = QgsVectorLayer(radar["ships"]["OUTPUT"], "ships", "ogr")
    lines.append(f"  ships detected on {radar['date']}: {ships.featureCount()}")
    dark = QgsVectorLayer(radar["dark"]["OUTPUT"], "dark", "ogr")
    n_dark = sum(1 for f in dark.getFeatures() if f["status"] == "dark")
    lines.append(f"  dark vessels: {n_dark}")
    missed = QgsVectorLayer(radar["dark"]["OUTPUT_MISSED"], "missed", "ogr")
    lines.append(f"  AIS vessels not seen by the radar: {missed.featureCount()}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
