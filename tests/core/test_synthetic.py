"""The synthetic Rajin demo data: deterministic, georeferenced, labelled SYNTHETIC, with the drawn change."""
from __future__ import annotations

import csv
import hashlib
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from sample_data import synthetic, synthetic_ais

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_synthetic_demo_data.py"
FILES = (synthetic.BEFORE_NAME, synthetic.AFTER_NAME, synthetic.TRUTH_NAME,
         synthetic_ais.NMEA_NAME, synthetic_ais.CSV_NAME)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    subprocess.run([sys.executable, str(SCRIPT), str(out)], check=True, capture_output=True)
    return out


def read(path: Path) -> np.ndarray:
    ds = gdal.Open(str(path))
    return ds.ReadAsArray().astype(np.float64)


def test_generator_is_deterministic_and_rerunnable(demo_dir, tmp_path):
    first = {name: sha256(demo_dir / name) for name in FILES}
    # Twice into the same folder (overwriting), once into another: always the same bytes.
    subprocess.run([sys.executable, str(SCRIPT), str(demo_dir)], check=True, capture_output=True)
    synthetic.write_scene_pair(tmp_path)
    synthetic_ais.write_ais(tmp_path)
    assert {name: sha256(demo_dir / name) for name in FILES} == first
    assert {name: sha256(tmp_path / name) for name in FILES} == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)  # no .part left over


def test_other_seed_gives_other_scene(tmp_path):
    synthetic.write_scene_pair(tmp_path / "a", seed=1)
    synthetic.write_scene_pair(tmp_path / "b", seed=2)
    assert sha256(tmp_path / "a" / synthetic.BEFORE_NAME) != sha256(tmp_path / "b" / synthetic.BEFORE_NAME)


@pytest.mark.parametrize("name,date", [(synthetic.BEFORE_NAME, "2023-06-01"),
                                       (synthetic.AFTER_NAME, "2023-10-15")])
def test_scene_grid_bands_and_metadata(demo_dir, name, date):
    assert "synthetic" in name
    ds = gdal.Open(str(demo_dir / name))
    assert (ds.RasterXSize, ds.RasterYSize, ds.RasterCount) == (300, 300, 4)
    assert ds.GetGeoTransform() == (605760.0, 10.0, 0.0, 4678010.0, 0.0, -10.0)
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    assert srs.GetAuthorityCode(None) == "32652"
    meta = ds.GetMetadata()
    assert meta["SYNTHETIC"] == "YES"
    assert meta["SOURCE"].startswith("SYNTHETIC")
    assert meta["LICENCE"].startswith("CC0")
    assert meta["GENERATOR"] == synthetic.GENERATOR
    assert meta["ACQUISITION_DATE"] == date
    assert meta["TIFFTAG_IMAGEDESCRIPTION"].startswith("SYNTHETIC")
    bands = [ds.GetRasterBand(i + 1) for i in range(4)]
    assert [b.DataType for b in bands] == [gdal.GDT_UInt16] * 4
    assert [b.GetNoDataValue() for b in bands] == [0.0] * 4
    assert [b.GetDescription().split()[0] for b in bands] == ["B2", "B3", "B4", "B8"]
    assert all("synthetic" in b.GetDescription() for b in bands)
    data = ds.ReadAsArray()
    assert data.min() >= 1 and data.max() <= 10000  # 0 is kept for nodata
    # The Rajin WPI point lies inside the scene.
    lon, lat = synthetic.RAJIN_WPI_LONLAT
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y, _ = osr.CoordinateTransformation(wgs, synthetic.utm_srs()).TransformPoint(lon, lat)
    assert 605760 + 1000 < x < 608760 - 1000 and 4675010 + 1000 < y < 4678010 - 1000


def test_sea_is_dark_in_nir_and_land_bright(demo_dir):
    land = synthetic.land_mask(synthetic.default_boundary_path())
    assert 0.4 < land.mean() < 0.6  # the bay and the shore both fill the scene
    for name in (synthetic.BEFORE_NAME, synthetic.AFTER_NAME):
        nir = read(demo_dir / name)[3]
        assert nir[~land].mean() < 250
        assert nir[land].mean() > 1500
        assert np.percentile(nir[~land], 99) < np.percentile(nir[land], 1)


def test_yard_fills_up_and_only_drawn_changes_differ(demo_dir):
    before, after = read(demo_dir / synthetic.BEFORE_NAME), read(demo_dir / synthetic.AFTER_NAME)
    truth_ds = gdal.Open(str(demo_dir / synthetic.TRUTH_NAME))
    truth = truth_ds.GetRasterBand(1).ReadAsArray().astype(bool)
    # 38 new stacks of 4 pixels, a 2 x 16 px ship leaving pier 1 and a 2 x 18 px ship arriving at pier 2.
    assert truth.sum() == 38 * 4 + 2 * 16 + 2 * 18
    r0, r1, c0, c1 = synthetic.box_to_pixels(synthetic.YARD_BOX)
    assert truth[r0:r1, c0:c1].sum() == 38 * 4
    # Undo the illumination drift; what is left is noise except where something was drawn.
    gain = np.asarray(synthetic.AFTER_GAIN)[:, None, None]
    offset = np.asarray(synthetic.AFTER_OFFSET)[:, None, None]
    residual = np.abs((after - offset) / gain - before).max(axis=0)
    noise = synthetic.NOISE_SIGMA * np.sqrt(2.0)
    assert np.percentile(residual[~truth], 99.9) < 6 * noise
    assert np.median(residual[truth]) > 20 * noise
    # The yard is brighter in the after scene: containers on bare concrete.
    yard_truth = truth[r0:r1, c0:c1]
    assert after[0:3, r0:r1, c0:c1][:, yard_truth].mean() > before[0:3, r0:r1, c0:c1][:, yard_truth].mean()


# --- AIS ------------------------------------------------------------------------------------------
def decode_log(path: Path):
    """Return (positions, names, rejected lines) decoded with pyais, an independent decoder."""
    import pyais.messages as messages
    NMEAMessage = messages.NMEAMessage
    positions, names, rejected, pending = [], {}, [], []
    for line in path.read_text(encoding="ascii").splitlines():
        stamp, _, sentence = line.partition(",")
        try:
            msg = NMEAMessage(sentence.encode())
            if not msg.is_valid:
                raise ValueError("checksum")
            if msg.is_multi:
                pending.append(msg)
                if msg.frag_num != msg.frag_cnt:
                    continue
                msg, pending = NMEAMessage.assemble_from_iterable(pending), []
            decoded = msg.decode()
        except Exception:  # noqa: BLE001 - every kind of bad line is counted
            rejected.append(sentence)
            continue
        if decoded.msg_type == 1:
            positions.append((stamp, decoded))
        elif decoded.msg_type == 5:
            names[f"{decoded.mmsi:09d}"] = decoded.shipname
    return positions, names, rejected


def test_nmea_log_decodes_with_pyais(demo_dir):
    info = synthetic_ais.write_ais(demo_dir)  # same bytes; returns the counts
    positions, names, rejected = decode_log(demo_dir / synthetic_ais.NMEA_NAME)
    # Every decoded report is one the generator wrote (pyais as the oracle), and the count is what
    # the tracks and the 5 % loss give: the fixes of all tracks, each kept with probability 0.95,
    # so a binomial count; 4 standard deviations bound it without pinning one seed's output.
    assert len(positions) == info["n_positions"]
    n_fixes = sum(len(fixes) for fixes in synthetic_ais.build_tracks(20231001).values())
    kept, sd = 0.95 * n_fixes, math.sqrt(n_fixes * 0.05 * 0.95)
    assert n_fixes > 500 and abs(len(positions) - kept) <= 4 * sd, (len(positions), n_fixes)
    assert names == info["vessels"]
    assert len(names) == 6 and all(n.startswith("SYNTHETIC ") for n in names.values())
    assert len(rejected) == len(synthetic_ais.GARBAGE) == 5
    with open(demo_dir / synthetic_ais.CSV_NAME, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0].keys()) == synthetic_ais.CSV_FIELDS
    assert len(rows) == len(positions)
    for (stamp, msg), row in zip(positions, rows):
        assert row["time_utc"] == stamp.replace(" ", "T") + "Z"
        assert row["mmsi"] == f"{msg.mmsi:09d}"
        assert abs(float(row["lat"]) - msg.lat) < 1e-6 and abs(float(row["lon"]) - msg.lon) < 1e-6
        assert float(row["sog"]) == pytest.approx(msg.speed)
        assert int(row["nav_status"]) == int(msg.status)


def test_ships_call_at_rajin_and_stay_at_sea(demo_dir):
    with open(demo_dir / synthetic_ais.CSV_NAME, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    moored = {r["mmsi"] for r in rows if r["nav_status"] == "5"}
    assert len(moored) == synthetic_ais.EXPECTED_PORT_CALLS == 5
    assert "412990006" not in moored  # the passing ship
    anchored = {r["vessel_name"] for r in rows if r["nav_status"] == "1"}
    assert anchored == {"SYNTHETIC CORAL"}
    # Moored fixes are within 100 m of a berth, and no fix lies on land.
    berths = np.asarray(list(synthetic_ais.BERTHS.values()))
    for r in rows:
        if r["nav_status"] == "5":
            d = np.hypot((berths[:, 0] - float(r["lon"])) * 82500, (berths[:, 1] - float(r["lat"])) * 111000)
            assert d.min() < 100
    src = ogr.Open(str(synthetic.default_boundary_path()))
    feature = src.GetLayer(0).GetNextFeature()
    land = feature.GetGeometryRef().Clone()
    on_land = []
    for r in rows:
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(r["lon"]), float(r["lat"]))
        if land.Contains(point):
            on_land.append(r)
    assert on_land == []
    times = [int(r["epoch"]) for r in rows]
    assert times == sorted(times)
    assert synthetic_ais.START.timestamp() <= times[0] and times[-1] < synthetic_ais.END.timestamp()


def test_encoder_matches_pyais():
    import pyais
    bits = synthetic_ais.position_report_bits(445990001, 130.2975, 42.2378, 10.3, 321.4, 321, 5, 42)
    ours = pyais.decode(*synthetic_ais.sentences(bits, "B")).asdict()
    assert (ours["mmsi"], ours["lon"], ours["lat"], ours["speed"], ours["course"], ours["heading"],
            ours["status"], ours["second"]) == (445990001, 130.2975, 42.2378, 10.3, 321.4, 321, 5, 42)
    theirs = pyais.encode_dict({"type": 1, "mmsi": 445990001, "status": 5, "turn": -128, "speed": 10.3,
                                "lon": 130.2975, "lat": 42.2378, "course": 321.4, "heading": 321,
                                "second": 42, "accuracy": 0, "maneuver": 0, "raim": 0, "radio": 0},
                               talker_id="AI", sentence_type="VDM", radio_channel="B")
    assert synthetic_ais.sentences(bits, "B") == theirs
    bits5 = synthetic_ais.static_voyage_bits(445990001, 9990001, "SYN0001", "SYNTHETIC AURORA", 70,
                                             (90, 20, 10, 10), "RAJIN", 7.2, (10, 2, 12, 0))
    parts = synthetic_ais.sentences(bits5, "A", seq_id=3)
    assert [p.split(",")[1:4] for p in parts] == [["2", "1", "3"], ["2", "2", "3"]]
    static = pyais.decode(*parts).asdict()
    assert (static["shipname"], static["callsign"], static["destination"], static["draught"],
            static["imo"], static["to_bow"], static["ship_type"]) == (
        "SYNTHETIC AURORA", "SYN0001", "RAJIN", 7.2, 9990001, 90, 70)


def test_cancel_leaves_no_files(tmp_path):
    calls = []

    def cancel_on_second_check():
        calls.append(1)
        return len(calls) >= 3  # after the first scene is written

    with pytest.raises(synthetic.GenerationCancelledError):
        synthetic.write_scene_pair(tmp_path, is_cancelled=cancel_on_second_check)
    assert list(tmp_path.iterdir()) == []


# --- the demo chain on this data (the change-detection and AIS cores, per notes/schema.md) ---------
def test_imad_finds_the_drawn_change(demo_dir, tmp_path):
    from rason_plugin.core.change import run as cd
    result = cd.run_change_detection(
        str(demo_dir / synthetic.BEFORE_NAME), str(demo_dir / synthetic.AFTER_NAME), method="imad",
        out_mask=str(tmp_path / "mask.tif"), out_magnitude=str(tmp_path / "magnitude.tif"))
    mask_ds = gdal.Open(str(tmp_path / "mask.tif"))
    detected = mask_ds.GetRasterBand(1).ReadAsArray() == 1
    truth_ds = gdal.Open(str(demo_dir / synthetic.TRUTH_NAME))
    truth = truth_ds.GetRasterBand(1).ReadAsArray().astype(bool)
    assert (detected & truth).sum() >= 0.95 * truth.sum()  # the yard and the ships are found
    assert (detected & ~truth).sum() <= 0.001 * truth.size  # illumination drift is not change
    assert result.pixel_area_m2 == 100.0


def test_ais_core_finds_the_five_calls_at_rajin(demo_dir):
    from rason_plugin.core.ais import portcalls, positions
    gpkg = ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"
    assert gpkg.is_file(), "the shipped reference GeoPackage is missing"
    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayerByName("monitoring_areas")
    ports = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        polygon = geometry.GetGeometryRef(0) if geometry.GetGeometryName() == "MULTIPOLYGON" else geometry
        ring = np.asarray(polygon.GetGeometryRef(0).GetPoints())[:, :2]
        ports.append(portcalls.Port(feature.GetField("name"), [[ring]]))
    pos = positions.read_positions_csv(demo_dir / synthetic_ais.CSV_NAME)
    calls = portcalls.port_calls(pos, ports, 0.0, 500.0)
    assert len(calls) == synthetic_ais.EXPECTED_PORT_CALLS == 5
    assert set(calls.port) == {"Rajin port area (approximate)"}
    expected_hours = {f"{synthetic_ais.VESSELS[i].mmsi}": h for i, _, _, _, h in synthetic_ais.CALLS}
    for mmsi, hours in zip(calls.mmsi, calls.dwell_hours):
        # the berth stay plus the last slow approach and first minutes of departure
        assert expected_hours[str(mmsi)] <= hours <= expected_hours[str(mmsi)] + 1.0


def test_scenes_follow_the_natural_earth_coast_not_the_sez_boundary(demo_dir):
    """Oracle: OGR point-in-polygon on pixel centres (not GDAL's rasteriser the generator uses)."""
    import json

    sources = Path(synthetic.__file__).resolve().parent.parent / "rason_plugin" / "data" / "sources"

    def polygon(name):
        data = json.loads((sources / name).read_text(encoding="utf-8"))
        geometry = data["features"][0]["geometry"] if "features" in data else data["geometry"]
        return ogr.CreateGeometryFromJson(json.dumps(geometry))

    natural_earth, boundary = polygon("ne10m_land_rason.geojson"), polygon("rason_boundary.geojson")
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_lonlat = osr.CoordinateTransformation(synthetic.utm_srs(), wgs84)
    scene = gdal.Open(str(demo_dir / synthetic.BEFORE_NAME))
    nir = scene.GetRasterBand(4).ReadAsArray()
    scene = None
    agree_ne = agree_boundary = n = 0
    for row in range(5, synthetic.SIZE_PX, 10):
        for col in range(5, synthetic.SIZE_PX, 10):
            x = synthetic.ORIGIN_X + (col + 0.5) * synthetic.PIXEL_M
            y = synthetic.ORIGIN_Y - (row + 0.5) * synthetic.PIXEL_M
            lon, lat, _ = to_lonlat.TransformPoint(x, y)
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(lon, lat)
            bright = nir[row, col] > 900  # land (NIR > 1000 even for concrete) versus sea (< 300)
            agree_ne += bright == natural_earth.Contains(point)
            agree_boundary += bright == boundary.Contains(point)
            n += 1
    # Pixels on the coast may go either way; the SEZ boundary's coast lies ~400 m off in the bay,
    # so it disagrees on a whole band of pixels.
    assert agree_ne >= n - 3
    assert agree_boundary < n - 20
