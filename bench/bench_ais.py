"""Benchmark: AIS import + vessel tracks + port calls, against MovingPandas, on one synthetic file.

One million synthetic AIS positions (seeded) over 300 vessels: a third of them start moored in
the Rajin or Sonbong port area and then sail out, the rest sail around off the coast; reports come
every 6-60 s with AIS silences of 10-29 min (no split) and 31 min to 6 h (split). The rows are
written in receive-time order (vessels interleaved), as a receiver or a CSV export has them.

Peers, each in its own subprocess so its peak resident memory (VmHWM) is its own:
  ours        rason_plugin.core.ais: read the CSV, clean, segment (MAX_GAP 30 min, MAX_SPEED 50 kn),
              port calls on the plugin's two port areas (entry 0 m, exit 500 m)
  plugin      the same through QGIS: processing.run("rason:vesseltracks") on the CSV loaded as a
              delimited-text point layer, written to a GeoPackage (what a user waits for)
  movingpandas  pandas.read_csv + to_datetime + GeoDataFrame, TrajectoryCollection, and
              ObservationGapSplitter(gap=30 min): the same segments (MovingPandas also splits on a gap
              strictly greater than the limit and drops one-report pieces). It has no port calls.

Usage: .venv/bin/python bench/bench_ais.py [--quick] [--positions N] [--vessels N] [--no-plugin]
(BENCH_SIZE=quick does the same as --quick). Prints times, the ratio and the segment counts.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench-data" / "ais"
RESULTS_MD = ROOT / "bench" / "results-ais.md"
BENCH_VENV_PY = ROOT / ".venv-bench" / "bin" / "python"
MAX_GAP_MIN = 30.0
MAX_SPEED_KN = 50.0
ENTRY_M, EXIT_M = 0.0, 500.0
SEED = 20240101


# --------------------------------------------------------------------------- synthetic data
def port_centres():
    """Return [(name, lon, lat)] of the plugin's port areas (polygon centroids), via OGR."""
    from osgeo import ogr

    ds = ogr.Open(str(ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"))
    layer = ds.GetLayerByName("monitoring_areas")
    layer.SetAttributeFilter("kind = 'port'")
    out = []
    for feature in layer:
        c = feature.GetGeometryRef().Centroid()
        out.append((feature.GetField("name"), c.GetX(), c.GetY()))
    return out


def generate(path: Path, n_positions: int, n_vessels: int, seed: int = SEED) -> None:
    """Write the synthetic positions CSV (mmsi,time,lon,lat,sog), rows in time order."""
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = port_centres()
    counts = np.full(n_vessels, n_positions // n_vessels)
    counts[: n_positions % n_vessels] += 1
    k_per_deg = 111_195.0  # metres per degree of latitude (mean Earth radius)
    cols = {"mmsi": [], "t": [], "lon": [], "lat": [], "sog": []}
    t_base = np.datetime64("2024-01-01T00:00:00", "s").astype(np.int64)
    for v in range(n_vessels):
        k = int(counts[v])
        dt = rng.integers(6, 61, size=k).astype(np.float64)
        short = rng.random(k) < 0.002
        dt[short] = rng.integers(600, 1740, size=int(short.sum()))      # 10-29 min: no split
        long_ = rng.random(k) < 0.0015
        dt[long_] = rng.integers(31 * 60, 6 * 3600, size=int(long_.sum()))  # splits
        dt[0] = rng.integers(0, 3 * 86400)
        t = t_base + np.cumsum(dt)
        caller = v % 3 == 0
        name, lon0, lat0 = centres[v % len(centres)]
        if caller:
            moored = int(k * rng.uniform(0.2, 0.4))
        else:
            moored = 0
            lon0 += rng.uniform(0.3, 0.9) * rng.choice([-1, 1])
            lat0 -= rng.uniform(0.3, 0.9)  # off the coast, south
        speed_kn = rng.uniform(8, 14)
        heading = np.radians(rng.uniform(100, 260)) + np.cumsum(rng.normal(0, 0.01, size=k))
        step_m = speed_kn * 1852 / 3600 * dt
        step_m[:moored] = 0.0
        dx = np.cumsum(step_m * np.sin(heading))
        dy = np.cumsum(step_m * np.cos(heading))
        jitter = rng.normal(0, 4.0, size=(2, k))  # a few metres of GNSS noise
        lat = lat0 + (dy + jitter[1]) / k_per_deg
        lon = lon0 + (dx + jitter[0]) / (k_per_deg * np.cos(np.radians(lat0)))
        sog = np.where(np.arange(k) < moored, np.abs(rng.normal(0, 0.1, size=k)),
                       speed_kn + rng.normal(0, 0.3, size=k))
        cols["mmsi"].append(np.full(k, 440_100_000 + v * 37))
        cols["t"].append(t)
        cols["lon"].append(lon)
        cols["lat"].append(lat)
        cols["sog"].append(sog)
    data = {key: np.concatenate(value) for key, value in cols.items()}
    order = np.argsort(data["t"], kind="stable")
    times = np.datetime_as_string(data["t"][order].astype("datetime64[s]"), unit="s")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    with open(tmp, "w", encoding="ascii") as handle:
        handle.write("mmsi,time,lon,lat,sog\n")
        m, x, y, s = (data[c][order] for c in ("mmsi", "lon", "lat", "sog"))
        for i in range(0, len(order), 100_000):
            sl = slice(i, i + 100_000)
            handle.write("".join(
                f"{a},{b}Z,{c:.6f},{d:.6f},{e:.1f}\n"
                for a, b, c, d, e in zip(m[sl].tolist(), times[sl].tolist(), x[sl].tolist(),
                                         y[sl].tolist(), s[sl].tolist())))
    os.replace(tmp, path)


# --------------------------------------------------------------------------- peers
def peer_ours(csv_path: str) -> dict:
    sys.path.insert(0, str(ROOT))
    import numpy as np
    from osgeo import ogr

    from rason_plugin.core.ais.portcalls import Port, port_calls, summarise_calls
    from rason_plugin.core.ais.positions import read_positions_csv
    from rason_plugin.core.ais.tracks import segment_tracks

    t0 = time.perf_counter()
    pos = read_positions_csv(csv_path, mmsi_field="mmsi", time_field="time", lon_field="lon",
                             lat_field="lat", sog_field="sog")
    t1 = time.perf_counter()
    seg = segment_tracks(pos, MAX_GAP_MIN, MAX_SPEED_KN)
    t2 = time.perf_counter()
    ds = ogr.Open(str(ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"))
    layer = ds.GetLayerByName("monitoring_areas")
    layer.SetAttributeFilter("kind = 'port'")
    ports = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        rings = [np.array(geometry.GetGeometryRef(i).GetPoints())[:, :2]
                 for i in range(geometry.GetGeometryCount())]
        ports.append(Port(feature.GetField("name"), [rings]))
    calls = port_calls(pos, ports, ENTRY_M, EXIT_M)
    summary = summarise_calls(calls)
    t3 = time.perf_counter()
    return {"rows": pos.rows_in, "kept": len(pos), "skipped": dict(pos.skipped),
            "segments": len(seg), "speed_outliers": seg.speed_outliers,
            "single_point": seg.single_point_segments, "stationary": seg.stationary_segments,
            "calls": len(calls), "summary_rows": len(summary),
            "t_import": t1 - t0, "t_tracks": t2 - t1, "t_portcalls": t3 - t2}


def peer_plugin(csv_path: str, out_dir: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    Processing.initialize()
    from rason_plugin.rason_processing.provider import RasonProvider

    provider = RasonProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    t0 = time.perf_counter()
    uri = f"file://{csv_path}?delimiter=,&xField=lon&yField=lat&crs=EPSG:4326&spatialIndex=no"
    layer = QgsVectorLayer(uri, "synthetic AIS", "delimitedtext")
    assert layer.isValid()
    out = str(Path(out_dir) / "synthetic_tracks.gpkg")
    result = processing.run("rason:vesseltracks", {
        "INPUT": layer, "MMSI_FIELD": "mmsi", "TIME_FIELD": "time", "SOG_FIELD": "sog",
        "MAX_GAP": MAX_GAP_MIN, "MAX_SPEED": MAX_SPEED_KN, "OUTPUT": out})
    t1 = time.perf_counter()
    return {"segments": result["SEGMENTS"], "t_total": t1 - t0}


def peer_movingpandas(csv_path: str) -> dict:
    from datetime import timedelta

    import geopandas as gpd
    import movingpandas as mpd
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_csv(csv_path)
    df["time"] = pd.to_datetime(df["time"], utc=True).dt.tz_localize(None)
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
    t1 = time.perf_counter()
    tc = mpd.TrajectoryCollection(gdf, "mmsi", t="time")
    t2 = time.perf_counter()
    split = mpd.ObservationGapSplitter(tc).split(gap=timedelta(minutes=MAX_GAP_MIN))
    t3 = time.perf_counter()
    return {"rows": len(df), "trajectories": len(tc.trajectories),
            "segments": len(split.trajectories), "t_import": t1 - t0, "t_collection": t2 - t1,
            "t_split": t3 - t2, "version": mpd.__version__}


def run_peer(python: Path, peer: str, *args: str) -> dict:
    """Run one peer in a subprocess; return its JSON result plus its peak RSS in MiB."""
    cmd = [str(python), __file__, "--peer", peer, *args]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=str(ROOT))
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"peer {peer} failed:\n{err.decode(errors='replace')[-3000:]}")
    line = [x for x in out.decode().splitlines() if x.startswith("{")][-1]
    return json.loads(line)


def _peer_main(peer: str, args: list[str]) -> None:
    import resource

    if peer == "ours":
        result = peer_ours(args[0])
    elif peer == "plugin":
        result = peer_plugin(args[0], args[1])
    else:
        result = peer_movingpandas(args[0])
    # VmHWM is the high-water mark of this process's own address space; ru_maxrss is not
    # enough: a child spawned with vfork inherits its parent's mark at exec.
    try:
        status = Path("/proc/self/status").read_text()
        kib = int(status.split("VmHWM:")[1].split()[0])
    except (OSError, IndexError, ValueError):
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["peak_rss_mib"] = kib / 1024.0
    print(json.dumps(result), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50,000 positions, 30 vessels")
    parser.add_argument("--positions", type=int, default=1_000_000)
    parser.add_argument("--vessels", type=int, default=300)
    parser.add_argument("--no-plugin", action="store_true", help="skip the QGIS peer")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.peer:
        _peer_main(args.peer, rest)
        return 0
    if args.quick or os.environ.get("BENCH_SIZE") == "quick":
        args.positions, args.vessels = 50_000, 30
    csv_path = DATA_DIR / f"synthetic_ais_{args.positions}_{args.vessels}v_seed{SEED}.csv"
    if not csv_path.exists():
        t = time.perf_counter()
        generate(csv_path, args.positions, args.vessels)
        print(f"generated {csv_path.relative_to(ROOT)} in {time.perf_counter() - t:.1f} s")
    size_mb = csv_path.stat().st_size / 1e6
    print(f"AIS benchmark: {args.positions:,} synthetic positions, {args.vessels} vessels, "
          f"{size_mb:.0f} MB CSV; MAX_GAP {MAX_GAP_MIN:g} min, MAX_SPEED {MAX_SPEED_KN:g} kn")

    ours = run_peer(Path(sys.executable), "ours", str(csv_path))
    ours_tracks = ours["t_import"] + ours["t_tracks"]
    ours_total = ours_tracks + ours["t_portcalls"]
    print(f"  ours (core)      import {ours['t_import']:6.2f} s  tracks {ours['t_tracks']:6.2f} s"
          f"  port calls {ours['t_portcalls']:6.2f} s  total {ours_total:6.2f} s  "
          f"peak RSS {ours['peak_rss_mib']:6.0f} MiB  segments {ours['segments']}  "
          f"calls {ours['calls']}")
    print(f"                   cleaning skipped {ours['skipped'] or 'nothing'}; "
          f"{ours['speed_outliers']} speed outliers, {ours['single_point']} one-report and "
          f"{ours['stationary']} stationary pieces left out")
    plugin = None
    if not args.no_plugin:
        out_dir = DATA_DIR / "out"
        out_dir.mkdir(parents=True, exist_ok=True)
        plugin = run_peer(Path(sys.executable), "plugin", str(csv_path), str(out_dir))
        print(f"  plugin (QGIS)    rason:vesseltracks CSV layer -> GeoPackage "
              f"{plugin['t_total']:6.2f} s  peak RSS {plugin['peak_rss_mib']:6.0f} MiB  "
              f"segments {plugin['segments']}")
    if not BENCH_VENV_PY.exists():
        print("  movingpandas     not run: .venv-bench is missing (run bash bench/setup.sh)")
        return 0
    mp = run_peer(BENCH_VENV_PY, "movingpandas", str(csv_path))
    mp_total = mp["t_import"] + mp["t_collection"] + mp["t_split"]
    print(f"  movingpandas {mp['version']} import {mp['t_import']:6.2f} s  collection "
          f"{mp['t_collection']:6.2f} s  split {mp['t_split']:6.2f} s  total {mp_total:6.2f} s  "
          f"peak RSS {mp['peak_rss_mib']:6.0f} MiB  segments {mp['segments']}")
    print(f"  ratio MovingPandas / ours: {mp_total / ours_tracks:5.1f}x for import+tracks, "
          f"{mp_total / ours_total:5.1f}x counting our port calls too"
          + (f"; {mp_total / plugin['t_total']:5.1f}x against the whole QGIS algorithm"
             if plugin else ""))
    same = ours["segments"] == mp["segments"] and (plugin is None
                                                    or plugin["segments"] == ours["segments"])
    print(f"  segment counts {'identical' if same else 'DIFFER'}: ours {ours['segments']}, "
          f"movingpandas {mp['segments']}" + (f", plugin {plugin['segments']}" if plugin else ""))
    if not same:
        print("  (they differ where our cleaning drops rows MovingPandas keeps: duplicates, "
              "speed outliers, stationary pieces; see the counts above)")
    if args.positions == 1_000_000 and args.vessels == 300 and plugin is not None:
        write_report(args, size_mb, ours, plugin, mp)
        print(f"written {RESULTS_MD.relative_to(ROOT)}")
    return 0


def write_report(args, size_mb, ours, plugin, mp) -> None:
    """Write bench/results-ais.md from this run's figures (only for the full default run)."""
    import platform

    ours_tracks = ours["t_import"] + ours["t_tracks"]
    ours_total = ours_tracks + ours["t_portcalls"]
    mp_total = mp["t_import"] + mp["t_collection"] + mp["t_split"]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"# AIS benchmark (bench/bench_ais.py, {when})",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}.",
        f"Data: {args.positions:,} **synthetic** positions, {args.vessels} vessels, {size_mb:.0f} MB CSV "
        f"(seed {SEED}), MAX_GAP {MAX_GAP_MIN:g} min, MAX_SPEED {MAX_SPEED_KN:g} kn, port calls on the "
        "plugin's two port areas. Each peer runs once, in its own process.",
        "",
        "| peer | import | tracks | port calls | total | peak RSS | segments |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| ours, `rason_plugin.core.ais` | {ours['t_import']:.2f} s | {ours['t_tracks']:.2f} s | "
        f"{ours['t_portcalls']:.2f} s | {ours_total:.2f} s | {ours['peak_rss_mib']:.0f} MiB | "
        f"{ours['segments']} ({ours['calls']} calls) |",
        f"| ours through QGIS, `rason:vesseltracks` (CSV layer → GeoPackage) | | | | "
        f"{plugin['t_total']:.2f} s | {plugin['peak_rss_mib']:.0f} MiB | {plugin['segments']} |",
        f"| MovingPandas {mp['version']} (TrajectoryCollection + ObservationGapSplitter) | "
        f"{mp['t_import']:.2f} s | {mp['t_collection']:.2f} s + {mp['t_split']:.2f} s | — | "
        f"{mp_total:.2f} s | {mp['peak_rss_mib']:.0f} MiB | {mp['segments']} |",
        "",
        f"Ratio MovingPandas / ours: {mp_total / ours_tracks:.1f}× for import + tracks, "
        f"{mp_total / ours_total:.1f}× with our port calls included, {mp_total / plugin['t_total']:.1f}× "
        "against the whole QGIS algorithm (mostly QGIS reading a million features from the CSV layer).",
        f"Segment counts: ours {ours['segments']}, MovingPandas {mp['segments']}, "
        f"plugin {plugin['segments']}.",
        "Peak memory includes each interpreter and its libraries.",
    ]
    RESULTS_MD.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
