"""`make demo` end to end: run twice into one folder, check its files and the figures it prints."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis_tools import clean_qgis_env


def run_demo(repo_root, output, home):
    result = subprocess.run([sys.executable, str(repo_root / "scripts" / "demo.py"), "--output", str(output)],
                            capture_output=True, text=True, env=clean_qgis_env(home), timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_demo_runs_twice_and_reports_what_its_files_hold(repo_root, tmp_path, qgis_app):
    output = tmp_path / "demo-output"
    run_demo(repo_root, output, tmp_path / "home")
    (output / "marker-from-first-run").write_text("x")
    summary = run_demo(repo_root, output, tmp_path / "home")  # a re-run replaces the folder whole

    assert not (output / "marker-from-first-run").exists()
    assert not output.with_name("demo-output.partial").exists()
    for name in ("rason_demo.qgz", "rason_demo_map.png", "rason_demo_bundle.zip", "rason_reference.gpkg"):
        assert (output / name).is_file(), name
    assert (output / "rason_demo_map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    calls = QgsVectorLayer(str(output / "synthetic_port_calls.gpkg"), "calls", "ogr")
    tracks = QgsVectorLayer(str(output / "synthetic_vessel_tracks.gpkg"), "tracks", "ogr")
    assert f"port calls: {calls.featureCount()}" in summary and calls.featureCount() == 5
    assert f"vessel track segments: {tracks.featureCount()}" in summary
    zones = {f["zone"]: f for f in QgsVectorLayer(str(output / "synthetic_change_zone_stats.gpkg"),
                                                    "z", "ogr").getFeatures()}
    rajin = zones["Rajin port area (approximate)"]
    printed = re.search(r"changed area in Rajin port area \(approximate\): ([\d.]+) ha", summary)
    assert printed and float(printed.group(1)) == round(rajin["changed_area_m2"] / 1e4, 2)
    assert 1.9 <= float(printed.group(1)) <= 2.6  # the synthetic yard and ships: 2.2 ha truly changed
    assert "Tumangang rail yard (approximate): not covered by the scenes" in summary
    check_radar_figures(output, summary)
    check_report(output, summary, calls)

    project = QgsProject()
    assert project.read(str(output / "rason_demo.qgz"))
    layers = list(project.mapLayers().values())
    assert layers and all(layer.isValid() for layer in layers)
    assert any("synthetic" in layer.name().lower() for layer in layers)
    check_map_fixes(project)
    with zipfile.ZipFile(output / "rason_demo_bundle.zip") as bundle:
        assert any(name.endswith(".qgz") for name in bundle.namelist())


def check_map_fixes(project):
    """What the demo map got wrong: a second 'Vessel tracks', the mask's band line, piled-up labels."""
    from qgis.core import QgsMapLayerLegendUtils

    root = project.layerTreeRoot()
    by_name = {layer.name(): layer for layer in project.mapLayers().values()}
    shown = [n.name() for n in root.findLayers() if n.isVisible() and n.name().startswith("Vessel tracks")]
    assert shown == ["Vessel tracks (synthetic AIS)"]
    mask = root.findLayer(by_name["Change mask (synthetic scenes)"].id())
    # Legend nodes of the paletted mask: 0 the band line, 1 'no change' (transparent), 2 'change'.
    assert QgsMapLayerLegendUtils.legendNodeOrder(mask) == [2]
    events = by_name["Events"]
    assert events.renderer().labelAttributeName() == ""  # no renderer labels, which cannot avoid each other
    assert events.labelsEnabled() and not events.labeling().settings().displayAll  # the engine drops overlaps
    regions = by_name["Change regions (synthetic scenes)"].renderer().symbol().symbolLayer(0)
    assert regions.strokeWidth() >= 0.8 and regions.fillColor().alpha() >= 150


def check_radar_figures(output, summary):
    """The radar lines of the summary are the figures of its files; the dark ships are the planted ones."""
    from sample_data import synthetic, synthetic_sar

    day = synthetic_sar.DETECTION_DATE.isoformat()
    series = QgsVectorLayer(str(output / "synthetic_s1_zone_series.gpkg"), "series", "ogr")
    rows = [f for f in series.getFeatures() if f["zone"] == "Rajin port area (approximate)"]
    assert len(rows) == 11  # one row per interval of the 12 dates
    printed = re.search(r"radar change in Rajin port area \(approximate\): ([\d.]+) ha", summary)
    assert printed and float(printed.group(1)) == round(sum(f["changed_area_m2"] for f in rows) / 1e4, 2)
    # The yard gains 38 stacks of 4 pixels (1.52 ha) and ships berth and leave: a few ha in all.
    assert 1.5 <= float(printed.group(1)) <= 10
    assert (output / "synthetic_s1_zone_chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ships = QgsVectorLayer(str(output / f"synthetic_s1_ships_{day}.gpkg"), "ships", "ogr")
    assert f"ships detected on {day}: {ships.featureCount()}" in summary
    layer = QgsVectorLayer(str(output / f"synthetic_dark_vessels_{day}.gpkg"), "d", "ogr")
    dark = [f for f in layer.getFeatures() if f["status"] == "dark"]
    assert f"dark vessels: {len(dark)}" in summary
    # The two ships drawn without AIS (synthetic_sar.DARK_SHIPS), each found within half its length.
    assert len(dark) == len(synthetic_sar.DARK_SHIPS) == 2
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    to_utm = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(f"EPSG:{synthetic.UTM_EPSG}"),
                                    QgsProject.instance())
    for ship in synthetic_sar.DARK_SHIPS:
        nearest = min(dark, key=lambda f: to_utm.transform(f.geometry().asPoint()).distance(ship.x, ship.y))
        assert to_utm.transform(nearest.geometry().asPoint()).distance(ship.x, ship.y) < ship.length / 2
    missed = QgsVectorLayer(str(output / f"synthetic_ais_missed_{day}.gpkg"), "m", "ogr")
    assert f"AIS vessels not seen by the radar: {missed.featureCount()}" in summary


def check_report(output, summary, calls):
    """The report PDF's text (read back by poppler's pdftotext) holds the summary's figures."""
    import shutil

    pdf = output / "rason_monitoring_report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.count("\f")  # pdftotext ends every page with a form feed
    assert f"report pages: {pages}" in summary
    for place in ("Rajin", "Tumangang"):
        assert place in text
    assert "synthetic" in text.lower()
    printed_dark = re.search(r"dark vessels: (\d+)", summary).group(1)
    assert f"Dark vessels: {printed_dark}" in text
    assert f"Port calls: {calls.featureCount()}" in text
    for feature in calls.getFeatures():  # every port call is named in the report
        assert feature["vessel_name"] in text
    printed_ha = re.search(r"changed area in Rajin port area \(approximate\): ([\d.]+) ha", summary).group(1)
    changed_m2 = re.search(r"Changed area: ([\d,]+) m²", text).group(1)  # the Rajin page comes first
    assert round(int(changed_m2.replace(",", "")) / 1e4, 2) == float(printed_ha)


def test_demo_refuses_a_folder_it_did_not_make(repo_root, tmp_path):
    mine = tmp_path / "my-analysis"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    command = [sys.executable, str(repo_root / "scripts" / "demo.py"), "--output", str(mine)]
    result = subprocess.run(command, capture_output=True, text=True,
                            env=clean_qgis_env(tmp_path / "home"), timeout=300)
    assert result.returncode != 0
    assert "was not made by the demo" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    assert (mine / "notes.txt").read_text() == "keep me"
