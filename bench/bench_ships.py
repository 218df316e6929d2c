"""Ship-detection benchmark: rason:shipdetection's core on a full IW GRD-sized scene against the I/O floor.

Data: a seeded synthetic Sentinel-1-like amplitude scene (cached under bench-data/ships/,
regenerated when missing): one band, UInt16 DN (amplitude; intensity = DN^2), K-distributed sea
clutter (texture shape 3, 4.4 looks) with a wind gradient, and a few hundred ships. Sizes: full
25000 x 16700 (an IW GRDH measurement TIFF), quick 4096 x 4096. GeoTIFF, uncompressed, like the
SAFE product's measurement files.

Peers, each in its own process (wall seconds and peak RSS through GNU time, else os.wait4): the
I/O floor (GDAL reads every row of the scene in strips, as fast as plain GDAL goes) and ours
(open, read in strips with the halo, CFAR with the default K model, targets: everything the
algorithm does but writing the handful of points). The ratio ours / floor is printed; it is
reported, never asserted. Results go to bench/results-ships.md.
Usage: bench_ships.py [--size quick|full|both]   (BENCH_SIZE sets the default; full runs once)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "bench-data" / "ships"
RESULTS_MD = ROOT / "bench" / "results-ships.md"
SIZES = {"quick": (4096, 4096), "full": (25000, 16700)}
SEED = 20261129
GEN_ROWS = 512
TIME_BIN = shutil.which("time") if Path("/usr/bin/time").exists() else None


def generate(path: Path, width: int, height: int) -> None:
    """Write the synthetic scene strip by strip (memory stays bounded at any size)."""
    import numpy as np
    from osgeo import gdal, osr

    rng = np.random.default_rng(SEED)
    tmp = path.with_suffix(".partial.tif")
    ds = gdal.GetDriverByName("GTiff").Create(str(tmp), width, height, 1, gdal.GDT_UInt16)
    ds.SetGeoTransform((400000.0, 10.0, 0.0, 4700000.0, 0.0, -10.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32652)
    ds.SetProjection(srs.ExportToWkt())
    ds.SetMetadataItem("ACQUISITION_START_TIME", "2026-01-01T09:00:00Z")
    band = ds.GetRasterBand(1)
    gain = 10 ** ((-3.0 + 6.0 * np.arange(width) / (width - 1)) / 10.0)  # wind gradient, +-3 dB
    for r0 in range(0, height, GEN_ROWS):
        n = min(GEN_ROWS, height - r0)
        intensity = rng.gamma(3.0, 1 / 3.0, (n, width)) * rng.gamma(4.4, 1 / 4.4, (n, width)) * gain
        for _ in range(max(1, width * n // 1_500_000)):  # ~280 ships at full size
            r, c = int(rng.integers(5, n - 5)), int(rng.integers(5, width - 25))
            intensity[r - 1:r + 2, c:c + int(rng.integers(5, 25))] *= 300.0
        band.WriteArray(np.clip(np.sqrt(intensity) * 40.0, 1, 65535).astype(np.uint16), 0, r0)
    ds = None
    os.replace(tmp, path)


def child(peer: str, path: str) -> None:
    from osgeo import gdal

    sys.path.insert(0, str(ROOT))
    if peer == "io_floor":
        ds = gdal.Open(path)
        band = ds.GetRasterBand(1)
        rows = max(512, (1 << 23) // ds.RasterXSize)
        total = 0
        for r0 in range(0, ds.RasterYSize, rows):
            a = band.ReadAsArray(0, r0, ds.RasterXSize, min(rows, ds.RasterYSize - r0))
            total += int(a[0, 0])
        info = {"checksum": total}
    else:
        from rason_plugin.core.ships.detect import DetectionSettings
        from rason_plugin.core.ships.sar_source import open_sar
        from rason_plugin.core.ships.scene_detect import detect_scene

        scene = open_sar(path, None, 1)
        targets = detect_scene(scene, DetectionSettings())
        info = {"ships": len(targets)}
    print("RESULT " + json.dumps(info), flush=True)


def run_peer(peer: str, path: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", peer, str(path)]
    rss_file = DATA_DIR / f"{peer}.rss"
    if TIME_BIN:
        cmd = [TIME_BIN, "-f", "%M", "-o", str(rss_file)] + cmd
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out, _ = proc.communicate()
    seconds = time.perf_counter() - t0
    peak = None
    if TIME_BIN and rss_file.exists():
        try:
            peak = int(rss_file.read_text().split()[-1]) * 1024
        except (ValueError, IndexError):
            peak = None
    info = {}
    for line in out.splitlines():
        if line.startswith("RESULT "):
            info = json.loads(line[len("RESULT "):])
    if proc.returncode != 0:
        print(out[-3000:])
    return {"peer": peer, "seconds": seconds, "peak_bytes": peak, "info": info, "ok": proc.returncode == 0}


def bench(size: str) -> list:
    width, height = SIZES[size]
    path = DATA_DIR / f"s1like_{width}x{height}.tif"
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        generate(path, width, height)
    rows = []
    for peer in ("io_floor", "ours"):
        # One warm-up read so both peers see the same (warm) page cache.
        if peer == "io_floor":
            run_peer("io_floor", path)
        rows.append(run_peer(peer, path))
    floor = rows[0]["seconds"]
    lines = [f"### {size}: {width} x {height} px, one UInt16 band ({path.stat().st_size / 1e9:.2f} GB)", "",
             "| peer | seconds | ratio to I/O floor | peak RSS (MB) | result |", "|---|---|---|---|---|"]
    for r in rows:
        peak = f"{r['peak_bytes'] / 1e6:.0f}" if r["peak_bytes"] else "n/a"
        lines.append(f"| {r['peer']} | {r['seconds']:.1f} | {r['seconds'] / floor:.2f} | {peak} | "
                     f"{json.dumps(r['info']) if r['ok'] else 'FAILED'} |")
    print("\n".join(lines), flush=True)
    print(f"ratio ours / I/O floor ({size}): {rows[1]['seconds'] / floor:.2f}", flush=True)
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("quick", "full", "both"),
                        default=os.environ.get("BENCH_SIZE", "both"))
    args = parser.parse_args()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    sizes = ["quick", "full"] if args.size == "both" else [args.size]
    out = ["# Ship detection benchmark", "", f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
           f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.", ""]
    for size in sizes:
        out += bench(size) + [""]
    RESULTS_MD.write_text("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
