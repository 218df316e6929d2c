"""Radar time-series benchmark: rason:sarchange in qgis_process against the I/O floor and a full-matrix peer.

Data: a seeded **synthetic** dual-pol series (cached under bench-data/sar/), 30 dates of float32
VV/VH intensities with gamma speckle (ENL 4.4) and a few planted changes; full size 2000 x 2000
(about 0.96 GB), quick size 400 x 400. GeoTIFF, uncompressed, as a GRD subset export would be.

Peers, each in its own process (wall seconds and peak RSS through GNU time, else os.wait4):
- io_floor: GDAL reads every strip of every input once and writes one uint8 band;
- bare_qgis_process: `qgis_process help rason:sarchange` (QGIS and the plugin loaded, no work):
  the memory our run is measured above;
- ours: `qgis_process run rason:sarchange` with the defaults, writing the four uint8 outputs;
- full_matrix: a straightforward numpy implementation like Canty's sar_seq.py: every test
  R_j(ell) of the k x k matrix (k(k-1)/2 p-value images), then his change_maps pass. Its
  p-value matrix does not fit in memory at full size (29 x 29 x 4 Mpx float64 = 27 GB, which
  Canty memory-maps to disk), so it runs on row strips; at full size it processes only the first
  FULL_MATRIX_ROWS rows and its time is scaled to the whole image (said in the output).

Performance is printed, never asserted. Usage: bench_sar.py [--size quick|full] (BENCH_SIZE).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
DATA_DIR = ROOT / "bench-data" / "sar"
SIZES = {"quick": 400, "full": 2000}
K = 30
ENL = 4.4
SEED = 20261129
GEN_ROWS = 200
FULL_MATRIX_ROWS = 200
TIME_BIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def scene_paths(size: str):
    n = SIZES[size]
    folder = DATA_DIR / f"{size}_{n}"
    start = _dt.date(2023, 1, 3)
    return [folder / f"S1A_IW_GRDH_1SDV_{start + _dt.timedelta(days=12 * d):%Y%m%d}T093000_bench.tif"
            for d in range(K)]


def ensure_scenes(size: str):
    from osgeo import gdal, osr

    paths = scene_paths(size)
    if all(p.exists() for p in paths):
        return paths
    n = SIZES[size]
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32652)
    rng = np.random.default_rng(SEED)
    for d, path in enumerate(paths):
        ds = gdal.GetDriverByName("GTiff").Create(str(path), n, n, 2, gdal.GDT_Float32)
        ds.SetGeoTransform((500000.0, 10.0, 0.0, 4700000.0, 0.0, -10.0))
        ds.SetProjection(srs.ExportToWkt())
        for row0 in range(0, n, GEN_ROWS):
            h = min(GEN_ROWS, n - row0)
            block = rng.gamma(ENL, 1.0 / ENL, (2, h, n)).astype(np.float32)
            block *= np.array([0.1, 0.02], dtype=np.float32)[:, None, None]  # VV, VH levels
            rows = np.arange(row0, row0 + h)[:, None]
            cols = np.arange(n)[None, :]
            if 10 <= d < 13:  # ships at a quay for three dates
                block[:, ((rows // 50) % 4 == 0) & ((cols // 50) % 4 == 0)] *= 30.0
            if d >= 20:  # construction in one quarter
                block[:, (rows < n // 2) & (cols < n // 2) & ((rows + cols) % 97 < 20)] *= 4.0
            for b in range(2):
                ds.GetRasterBand(b + 1).WriteArray(block[b], 0, row0)
        ds = None
    return paths


# --- children ---------------------------------------------------------------------------------
def child_io_floor(paths, outdir):
    from osgeo import gdal

    dss = [gdal.Open(str(p)) for p in paths]
    n_x, n_y = dss[0].RasterXSize, dss[0].RasterYSize
    out = gdal.GetDriverByName("GTiff").Create(str(Path(outdir) / "io_floor.tif"), n_x, n_y, 1, gdal.GDT_Byte)
    rows = max(1, (1 << 22) // (n_x * 2 * len(paths)) * 8)
    total = 0.0
    for row0 in range(0, n_y, rows):
        h = min(rows, n_y - row0)
        acc = np.zeros((h, n_x), dtype=np.uint8)
        for ds in dss:
            arr = ds.ReadAsArray(0, row0, n_x, h)
            total += float(arr[0, 0, 0])
        out.GetRasterBand(1).WriteArray(acc, 0, row0)
    out = None
    return {"checksum": total}


def child_full_matrix(paths, outdir, max_rows):
    """Canty-style: all k(k-1)/2 tests per strip, then change_maps over the p-value matrix."""
    from osgeo import gdal

    from rason_plugin.core.sar.omnibus import p_value

    dss = [gdal.Open(str(p)) for p in paths]
    n_x, n_y = dss[0].RasterXSize, dss[0].RasterYSize
    k = len(paths)
    n_rows = min(n_y, max_rows) if max_rows else n_y
    strip = 20
    changes = 0
    for row0 in range(0, n_rows, strip):
        h = min(strip, n_rows - row0)
        stack = np.stack([ds.ReadAsArray(0, row0, n_x, h) for ds in dss]).astype(np.float64)
        pv = np.ones((k - 1, k - 1, h, n_x))
        for ell in range(k - 1):
            total = stack[ell].copy()
            for j in range(ell, k - 1):
                pv[ell, j] = p_value(total, stack[j + 1], np.full((h, n_x), j - ell + 2.0), ENL)
                total += stack[j + 1]
        cmap = np.zeros((h, n_x), dtype=np.int32)
        for ell in range(k - 1):
            for j in range(ell, k - 1):
                hit = (pv[ell, j] <= 0.01) & (cmap == ell)
                cmap[hit] = j + 1
                changes += int(hit.sum())
    return {"rows": n_rows, "height": n_y, "changes": changes}


def run_child(argv):
    peer, outdir = argv[0], argv[1]
    size = argv[2]
    paths = scene_paths(size)
    if peer == "io_floor":
        info = child_io_floor(paths, outdir)
    elif peer == "full_matrix":
        info = child_full_matrix(paths, outdir, FULL_MATRIX_ROWS if size == "full" else 0)
    else:
        raise SystemExit(f"unknown child {peer}")
    print("RESULT " + json.dumps(info), flush=True)
    return 0


# --- harness ----------------------------------------------------------------------------------
def plugin_env(work: Path):
    """Return an environment whose fresh QGIS profile loads the plugin built from this checkout."""
    import shutil
    import zipfile

    from package import build
    from qgis_tools import clean_qgis_env

    plugins = work / "plugins"
    shutil.rmtree(plugins, ignore_errors=True)
    with zipfile.ZipFile(build(work / "rason_plugin.zip", ROOT)) as zipped:
        zipped.extractall(plugins)
    return clean_qgis_env(work / "home", plugin_path=plugins)


def command(peer, size, outdir):
    from qgis_tools import qgis_process_executable

    if peer in ("io_floor", "full_matrix"):
        return [sys.executable, str(Path(__file__).resolve()), "_child", peer, str(outdir), size]
    exe = qgis_process_executable()
    if peer == "bare_qgis_process":
        return [exe, "help", "rason:sarchange"]
    args = [exe, "run", "rason:sarchange", "--"]
    args += [f"INPUT={p}" for p in scene_paths(size)]
    args += [f"{key}={outdir / (key.lower() + '.tif')}"
             for key in ("OUTPUT_FIRST", "OUTPUT_LAST", "OUTPUT_FREQUENCY", "OUTPUT_INTERVALS")]
    return args


def run_peer(peer, size, outdir, env):
    cmd = command(peer, size, outdir)
    rss_file = outdir / f"{peer}.maxrss"
    if TIME_BIN:
        cmd = [TIME_BIN, "-f", "%M", "-o", str(rss_file)] + cmd
    log = outdir / f"{peer}.log"
    with open(log, "w") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=outdir)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    peak_kb = usage.ru_maxrss
    if TIME_BIN:
        try:
            peak_kb = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    text = log.read_text(errors="replace")
    result = {"seconds": seconds, "peak_mib": peak_kb / 1024.0, "info": {}}
    if os.waitstatus_to_exitcode(status) != 0:
        result["error"] = "\n".join(text.splitlines()[-10:])
    for line in text.splitlines():
        if line.startswith("RESULT "):
            result["info"] = json.loads(line[len("RESULT "):])
    return result


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_child":
        return run_child(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default=os.environ.get("BENCH_SIZE", "full"))
    parser.add_argument("--quick", action="store_const", const="quick", dest="size")
    args = parser.parse_args(argv)
    size = "quick" if args.size not in SIZES else args.size
    paths = ensure_scenes(size)
    gib = sum(p.stat().st_size for p in paths) / 2 ** 30
    work = DATA_DIR / f"run_{size}"
    work.mkdir(parents=True, exist_ok=True)
    env = plugin_env(work)
    for p in paths:  # warm page cache, as for every peer
        with open(p, "rb") as fh:
            while fh.read(1 << 24):
                pass
    results = {}
    for peer in ("io_floor", "bare_qgis_process", "ours", "full_matrix"):
        results[peer] = run_peer(peer, size, work, env)
        r = results[peer]
        print(f"{peer:18s} {r['seconds']:8.2f} s  peak {r['peak_mib']:8.0f} MiB"
              + (f"  ERROR {r['error']}" if "error" in r else ""), flush=True)
    n = SIZES[size]
    floor, ours, bare, full = (results[p] for p in ("io_floor", "ours", "bare_qgis_process", "full_matrix"))
    print(f"\n{K} dates of {n}x{n}x2 float32 ({gib:.2f} GiB), synthetic")
    if "error" not in ours:
        print(f"ours / I/O floor: {ours['seconds'] / floor['seconds']:.2f}x (target <= 2.5x)")
        print(f"ours memory above bare qgis_process: {ours['peak_mib'] - bare['peak_mib']:.0f} MiB "
              "(target <= 1024 MiB)")
    info = full.get("info") or {}
    if info.get("rows"):
        scale = info["height"] / info["rows"]
        est = full["seconds"] * scale
        note = "" if scale == 1 else \
            f" (ran {info['rows']} of {info['height']} rows, time scaled x{scale:.0f})"
        print(f"full-matrix numpy peer: {est:.1f} s{note}; ours is {est / ours['seconds']:.1f}x faster")
    return 0 if all("error" not in r for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
