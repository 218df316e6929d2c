"""Change-detection benchmark: our core against its peers, side by side in one run, ratios printed.

Data: a seeded synthetic before/after pair (cached under bench-data/, regenerated when missing) at
Sentinel-2 tile size (10980 x 10980, 4 bands B02 B03 B04 B08, uint16 L2A-like reflectance x 10000)
and a quick size (2048 x 2048). The files look like what `gdal_translate` writes by default from a
VRT stacking the 10 m L2A JP2 bands (`gdalbuildvrt -separate` + `gdal_translate`): GeoTIFF,
uncompressed, pixel-interleaved, strips of one row, ~0.96 GB per full-size scene.
Structure: parcels of land-cover classes with jittered edges, a smooth illumination field and
sensor noise; the after scene has a per-band gain/offset drift and disks where the class changed.

Peers (each in its own process; wall seconds, and peak RSS of that process tree through GNU
time, else os.wait4): an I/O floor (GDAL reads every block of both scenes and writes one float32
band, as fast as plain GDAL goes), our CVA / Difference / MAD / iMAD through
`run_change_detection` with default settings (and MAD writing its variates too, as OTB does),
`gdal_calc.py` and QGIS's raster calculator computing the CVA magnitude (their outputs are checked
against ours), and Orfeo ToolBox's MultivariateAlterationDetector (its printed Rho is compared with
our MAD canonical correlations). Peers run with their defaults, on a warm page cache.

Performance is reported, never asserted: the script exits 0 unless a peer crashes. Writes the
tables to bench/results-change-detection.md. BENCH_SIZE=quick|full|both sets the default --size.
Usage: bench_change_detection.py [--size quick|full|both] [--only PEER,...] [--repeat N] [--keep]
       [--profile PEER,...] (cProfile summary of those peers)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "bench-data" / "change-detection"
RESULTS_MD = ROOT / "bench" / "results-change-detection.md"

GENERATOR_VERSION = "4"
SEED = 20260528
SIZES = {"quick": 2048, "full": 10980}
BANDS = ("B02 blue", "B03 green", "B04 red", "B08 NIR")
# Class spectra, L2A reflectance x 10000 for B02, B03, B04, B08 (typical values, rounded).
SPECTRA = (
    (600, 500, 300, 300),  # water
    (300, 500, 300, 3000),  # forest
    (500, 800, 600, 3500),  # crop
    (450, 700, 550, 2500),  # grass
    (1200, 1500, 1800, 2300),  # bare soil
    (1400, 1400, 1500, 1900),  # built-up
)
GAIN = (1.08, 1.05, 1.10, 0.95)  # per-band drift before -> after (atmosphere, phenology)
OFFSET = (60.0, 40.0, 80.0, -40.0)  # small enough that nothing clips at 0
NOISE_DN = 40.0
PARCEL_PX = 48
GEN_ROWS = 256
PIXEL_M = 10.0
ORIGIN = (600000.0, 4700040.0)  # UTM 52N (EPSG:32652), a tile origin near Rason

OUR_METHODS = {"cva": "CVA", "difference": "Difference", "mad": "MAD", "imad": "iMAD"}
PEERS = (
    "io_floor",
    "ours_cva",
    "ours_difference",
    "ours_mad",
    "ours_mad_var",
    "ours_imad",
    "gdal_calc",
    "qgis_calc",
    "otb_mad",
    "qgis_process_bare",
    "qgis_process_mad_var",
    "qgis_process_defaults",
)
PEER_LABELS = {
    "io_floor": "I/O floor (GDAL reads both, writes 1 float32 band)",
    "ours_cva": "ours: CVA",
    "ours_difference": "ours: Difference",
    "ours_mad": "ours: MAD",
    "ours_mad_var": "ours: MAD + variates (the work OTB does)",
    "ours_imad": "ours: iMAD (converged)",
    "gdal_calc": "gdal_calc.py (CVA magnitude)",
    "qgis_calc": "QGIS raster calculator (CVA magnitude)",
    "otb_mad": "OTB MultivariateAlterationDetector (variates)",
    "qgis_process_bare": "bare qgis_process (plugin loaded, reads BEFORE's properties)",
    "qgis_process_mad_var": "ours through qgis_process: MAD + variates, as a batch user runs it",
    "qgis_process_defaults": "ours through qgis_process with every default (iMAD, MRF spatial step)",
}
FLOOR_STRIP_PIXELS = 1 << 19
REPEAT_BUDGET_S = 40.0
TIME_BIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
GIB = 1024**3


# ---------------------------------------------------------------------------------------------
# Data generation (block-wise: memory is bounded by GEN_ROWS x width x 4 bands, not the scene)
# ---------------------------------------------------------------------------------------------
def _patches(n: int):
    """Return the changed disks (row, col, radius, new class) for an n x n scene."""
    import numpy as np

    rng = np.random.default_rng([SEED, n, 1])
    count = max(8, n * n // 90000)
    rows = rng.integers(0, n, count)
    cols = rng.integers(0, n, count)
    radii = rng.integers(6, 60, count)
    new_class = rng.choice([4, 5], count)  # to bare soil (clearing) or built-up (construction)
    return list(zip(rows.tolist(), cols.tolist(), radii.tolist(), new_class.tolist()))


def _scene_blocks(n: int):
    """Yield (row0, n_changed, before, after): uint16 arrays (4, h, n), GEN_ROWS rows at a time."""
    import numpy as np

    spectra = np.asarray(SPECTRA, dtype=np.float32)  # (classes, bands)
    gain = np.asarray(GAIN, dtype=np.float32)[:, None, None]
    offset = np.asarray(OFFSET, dtype=np.float32)[:, None, None]
    grid = n // PARCEL_PX + 3
    rng = np.random.default_rng([SEED, n, 0])
    parcel_class = rng.choice(len(SPECTRA), size=(grid, grid), p=(0.08, 0.3, 0.25, 0.2, 0.1, 0.07))
    parcel_gain = rng.uniform(0.85, 1.15, size=(grid, grid)).astype(np.float32)
    patches = _patches(n)
    cols = np.arange(n)
    col_jitter = 6.0 * np.sin(2 * np.pi * cols / 700.0)
    col_light = np.cos(2 * np.pi * cols / 2500.0).astype(np.float32)
    for row0 in range(0, n, GEN_ROWS):
        h = min(GEN_ROWS, n - row0)
        rows = np.arange(row0, row0 + h)
        r = ((rows[:, None] + col_jitter[None, :]) // PARCEL_PX + 1).astype(np.intp)
        c = ((cols[None, :] + 6.0 * np.sin(2 * np.pi * rows[:, None] / 900.0)) // PARCEL_PX + 1).astype(
            np.intp
        )
        cls_before = parcel_class[r, c]
        cls_after = cls_before.copy()
        for pr, pc, rad, new in patches:
            if pr + rad < row0 or pr - rad >= row0 + h:
                continue
            c0, c1 = max(pc - rad, 0), min(pc + rad + 1, n)
            yy = rows[:, None] - pr
            xx = cols[None, c0:c1] - pc
            disk = yy * yy + xx * xx <= rad * rad
            cls_after[:, c0:c1][disk] = new
        light = 1.0 + 0.05 * np.sin(2 * np.pi * rows / 3000.0).astype(np.float32)[:, None] * col_light
        light = light * parcel_gain[r, c]
        noise = np.random.default_rng([SEED, n, 2, row0])
        before = spectra[cls_before].transpose(2, 0, 1) * light
        before += noise.standard_normal(before.shape, dtype=np.float32) * NOISE_DN
        after = spectra[cls_after].transpose(2, 0, 1) * light * gain + offset
        after += noise.standard_normal(after.shape, dtype=np.float32) * NOISE_DN
        yield (
            row0,
            int(np.count_nonzero(cls_after != cls_before)),
            np.clip(np.rint(before), 1, 65535).astype(np.uint16),
            np.clip(np.rint(after), 1, 65535).astype(np.uint16),
        )


def scene_paths(size: str) -> tuple[Path, Path]:
    n = SIZES[size]
    return (
        DATA_DIR / f"synthetic_s2_{n}_before.tif",
        DATA_DIR / f"synthetic_s2_{n}_after.tif",
    )


def _is_current(path: Path) -> bool:
    from osgeo import gdal

    if not path.exists():
        return False
    ds = gdal.Open(str(path))
    return ds is not None and ds.GetMetadataItem("RASON_BENCH_GENERATOR") == GENERATOR_VERSION


def ensure_scenes(size: str, regenerate: bool = False) -> tuple[Path, Path]:
    """Return the (before, after) paths for a size, generating them when missing or stale."""
    from osgeo import gdal, osr

    gdal.UseExceptions()
    before, after = scene_paths(size)
    if not regenerate and _is_current(before) and _is_current(after):
        return before, after
    n = SIZES[size]
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    print(f"generating synthetic {n}x{n} pair in {DATA_DIR} ...", flush=True)
    t0 = time.perf_counter()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32652)
    driver = gdal.GetDriverByName("GTiff")
    tmp = [p.with_suffix(".partial.tif") for p in (before, after)]
    datasets = []
    for path, label in zip(tmp, ("before", "after")):
        # Default creation options, like gdal_translate: uncompressed, PIXEL interleave, 1-row strips.
        ds = driver.Create(str(path), n, n, len(BANDS), gdal.GDT_UInt16)
        ds.SetGeoTransform((ORIGIN[0], PIXEL_M, 0.0, ORIGIN[1], 0.0, -PIXEL_M))
        ds.SetProjection(srs.ExportToWkt())
        ds.SetMetadata(
            {
                "RASON_BENCH_GENERATOR": GENERATOR_VERSION,
                "SEED": str(SEED),
                "TIFFTAG_IMAGEDESCRIPTION": f"synthetic Sentinel-2-like L2A scene ({label}), benchmark only",
            }
        )
        for i, name in enumerate(BANDS, start=1):
            ds.GetRasterBand(i).SetDescription(f"synthetic {name}")
        datasets.append(ds)
    try:
        n_changed = 0
        for row0, changed, b_arr, a_arr in _scene_blocks(n):
            n_changed += changed
            for ds, arr in zip(datasets, (b_arr, a_arr)):
                ds.WriteRaster(0, row0, n, arr.shape[1], arr.tobytes(), buf_type=gdal.GDT_UInt16)
        for ds in datasets:
            ds.SetMetadataItem("TRUE_CHANGED_FRACTION", f"{n_changed / (n * n):.6f}")
            ds.FlushCache()
    except BaseException:
        datasets.clear()
        for p in tmp:
            p.unlink(missing_ok=True)
        raise
    datasets.clear()
    for src, dst in zip(tmp, (before, after)):
        os.replace(src, dst)
    print(f"generated in {time.perf_counter() - t0:.1f} s", flush=True)
    return before, after


# ---------------------------------------------------------------------------------------------
# Peer children (run as `python bench_change_detection.py _child PEER before after outdir`)
# ---------------------------------------------------------------------------------------------
def child_io_floor(before: str, after: str, outdir: str) -> dict:
    """Read every block of both scenes and write one float32 band, as fast as plain GDAL goes.

    A floor has to be a lower bound, so it uses every I/O trick a careful script would (measured
    here at full size: 2.2 s for plain 512-row windows, 0.8 s like this): ~0.5 Mpixel strips (its
    fastest: 1.05 s with 1 Mpixel, 0.9 s with 0.25 Mpixel), the next strip read in a thread while
    this one is written (GDAL releases the GIL), and the cached blocks dropped after each strip
    (GDAL's default cache, 5% of RAM, only costs time and RSS).
    """
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np
    from osgeo import gdal

    gdal.UseExceptions()
    gdal.SetCacheMax(64 * 2**20)
    src_b, src_a = gdal.Open(before), gdal.Open(after)
    n_cols, n_rows = src_b.RasterXSize, src_b.RasterYSize
    out = gdal.GetDriverByName("GTiff").Create(
        os.path.join(outdir, "io_floor.tif"), n_cols, n_rows, 1, gdal.GDT_Float32
    )
    out.SetGeoTransform(src_b.GetGeoTransform())
    out.SetProjection(src_b.GetProjection())
    band = out.GetRasterBand(1)
    rows = max(1, FLOOR_STRIP_PIXELS // n_cols)
    starts = list(range(0, n_rows, rows))

    def read(row0):
        h = min(rows, n_rows - row0)
        arrays = []
        for ds in (src_b, src_a):
            arrays.append(ds.ReadAsArray(0, row0, n_cols, h))
            ds.FlushCache()
        return arrays

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(read, starts[0])
        for i, row0 in enumerate(starts):
            b, a = future.result()
            if i + 1 < len(starts):
                future = pool.submit(read, starts[i + 1])
            band.WriteArray(a[0].astype(np.float32), 0, row0)
            out.FlushCache()
    out = None
    return {}


def child_ours(method: str, before: str, after: str, outdir: str, variates: bool = False) -> dict:
    sys.path.insert(0, str(ROOT))
    from rason_plugin.core.change import run_change_detection

    res = run_change_detection(
        before,
        after,
        method=method,
        out_mask=os.path.join(outdir, f"ours_{method}_mask.tif"),
        out_magnitude=os.path.join(outdir, f"ours_{method}_magnitude.tif"),
        out_variates=os.path.join(outdir, f"ours_{method}_variates.tif") if variates else None,
    )
    rho = getattr(res, "rho", None)
    return {
        "rho": None if rho is None else [float(x) for x in rho],
        "iterations": getattr(res, "iterations", None),
        "converged": getattr(res, "converged", None),
        "threshold_value": _num(getattr(res, "threshold_value", None)),
        "n_valid": _num(getattr(res, "n_valid", None)),
        "n_changed": _num(getattr(res, "n_changed", None)),
    }


def _num(value):
    return None if value is None else float(value)


def child_qgis_calc(before: str, after: str, outdir: str) -> dict:
    from qgis.analysis import QgsRasterCalculator, QgsRasterCalculatorEntry
    from qgis.core import QgsApplication, QgsProject, QgsRasterLayer

    app = QgsApplication([], False)
    app.initQgis()
    layers = {"b": QgsRasterLayer(before, "b"), "a": QgsRasterLayer(after, "a")}
    entries = []
    for key, layer in layers.items():
        if not layer.isValid():
            raise RuntimeError(f"QGIS could not open {layer.source()}")
        for i in range(1, layer.bandCount() + 1):
            entry = QgsRasterCalculatorEntry()
            entry.ref = f"{key}@{i}"
            entry.raster = layer
            entry.bandNumber = i
            entries.append(entry)
    n_bands = layers["b"].bandCount()
    formula = "sqrt(" + " + ".join(f'("a@{i}" - "b@{i}")^2' for i in range(1, n_bands + 1)) + ")"
    ref = layers["b"]
    calc = QgsRasterCalculator(
        formula,
        os.path.join(outdir, "qgis_calc.tif"),
        "GTiff",
        ref.extent(),
        ref.width(),
        ref.height(),
        entries,
        QgsProject.instance().transformContext(),
    )
    code = calc.processCalculation()
    if code != 0:
        raise RuntimeError(f"QgsRasterCalculator failed with code {code}: {calc.lastError()}")
    return {}


def run_child(argv: list[str]) -> int:
    peer, before, after, outdir = argv
    if peer == "io_floor":
        info = child_io_floor(before, after, outdir)
    elif peer == "ours_mad_var":
        # OTB writes the MAD variates (its only output), so this run writes them too.
        info = child_ours("mad", before, after, outdir, variates=True)
    elif peer.startswith("ours_"):
        info = child_ours(peer[len("ours_") :], before, after, outdir)
    elif peer == "qgis_calc":
        info = child_qgis_calc(before, after, outdir)
    else:
        raise SystemExit(f"unknown child peer {peer}")
    print("RESULT " + json.dumps(info), flush=True)
    if peer == "qgis_calc":
        # Tearing down QgsApplication from a script segfaults in 3.22; the output is closed already.
        os._exit(0)
    return 0


# ---------------------------------------------------------------------------------------------
# Harness
# ---------------------------------------------------------------------------------------------
def peer_command(peer: str, before: Path, after: Path, outdir: Path, profile: bool) -> list[str]:
    py = [sys.executable]
    if profile:
        py += ["-m", "cProfile", "-s", "cumulative"]
    if peer in ("io_floor", "qgis_calc") or peer.startswith("ours_"):
        return py + [str(Path(__file__).resolve()), "_child", peer, str(before), str(after), str(outdir)]
    if peer == "gdal_calc":
        n_bands = len(BANDS)
        letters = [chr(ord("A") + i) for i in range(2 * n_bands)]
        cmd = [shutil.which("gdal_calc.py") or "gdal_calc.py"]
        for i, letter in enumerate(letters):
            path = before if i < n_bands else after
            cmd += [f"-{letter}", str(path), f"--{letter}_band={i % n_bands + 1}"]
        # float32() first: uint16 differences would wrap around in numpy.
        terms = [f"(float32({letters[n_bands + i]})-{letters[i]})**2" for i in range(n_bands)]
        cmd += [
            "--calc=sqrt(" + "+".join(terms) + ")",
            "--type=Float32",
            f"--outfile={outdir / 'gdal_calc.tif'}",
            "--overwrite",
            "--quiet",
        ]
        return cmd
    if peer.startswith("qgis_process"):
        sys.path.insert(0, str(ROOT / "scripts"))
        from qgis_tools import qgis_process_executable

        exe = qgis_process_executable()
        if peer == "qgis_process_bare":
            return [exe, "run", "native:rasterlayerproperties", "--", f"INPUT={before}"]
        if peer == "qgis_process_defaults":
            return [exe, "run", "rason:changedetection", "--", f"BEFORE={before}", f"AFTER={after}",
                    f"OUTPUT_MASK={outdir / 'qpd_mask.tif'}", f"OUTPUT_MAGNITUDE={outdir / 'qpd_stat.tif'}"]
        return [exe, "run", "rason:changedetection", "--", f"BEFORE={before}", f"AFTER={after}", "METHOD=1",
                f"OUTPUT_MASK={outdir / 'qp_mask.tif'}", f"OUTPUT_MAGNITUDE={outdir / 'qp_stat.tif'}",
                f"OUTPUT_VARIATES={outdir / 'qp_variates.tif'}",
                # OTB's MAD has no spatial step; SPATIAL (default: the MRF post-pass) is left out so
                # both do the same work.
                "SPATIAL=0"]
    if peer == "otb_mad":
        return [
            shutil.which("otbcli_MultivariateAlterationDetector") or "otbcli_MultivariateAlterationDetector",
            "-in1",
            str(before),
            "-in2",
            str(after),
            "-out",
            str(outdir / "otb_mad.tif"),
            "float",
        ]
    raise ValueError(peer)


def run_peer(peer: str, before: Path, after: Path, outdir: Path, profile: bool = False) -> dict:
    """Run one peer in its own process; return seconds, peak RSS (bytes), parsed info, error."""
    cmd = peer_command(peer, before, after, outdir, profile)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if peer.startswith("qgis_process"):
        env = _qgis_process_env(outdir)
    log = outdir / f"{peer}.log"
    rss_file = outdir / f"{peer}.maxrss"
    # A child started by vfork/exec inherits the parent's RSS high-water mark in ru_maxrss (Linux
    # records the old mm's peak at exec), so measure through GNU time, a tiny process of its own.
    if TIME_BIN:
        cmd = [TIME_BIN, "-f", "%M", "-o", str(rss_file)] + cmd
    with open(log, "w") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=outdir)
        # wait4: rusage of this child (and the descendants it waited for), not of every child so far.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(errors="replace")
    peak_kb = usage.ru_maxrss
    if TIME_BIN:
        try:
            peak_kb = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    result = {"peer": peer, "seconds": seconds, "peak_bytes": peak_kb * 1024, "info": {}}
    if proc.returncode != 0:
        result["error"] = f"exit code {proc.returncode}; last output:\n" + "\n".join(text.splitlines()[-15:])
        return result
    for line in text.splitlines():
        if line.startswith("RESULT "):
            result["info"] = json.loads(line[len("RESULT ") :])
    if peer in ("qgis_process_mad_var", "qgis_process_defaults"):
        match = re.search(r"^RHO:\s*\[?([-0-9.eE+, ]+)\]?\s*$", text, re.MULTILINE)
        if match:
            result["info"]["rho"] = [float(x) for x in match.group(1).split(",") if x.strip()]
    if peer == "otb_mad":
        match = re.search(r"Rho:\s*([-0-9.eE+ ]+)", text)
        if match:
            result["info"]["rho"] = [float(x) for x in match.group(1).split()]
        else:
            result["error"] = "OTB printed no Rho line"
    if profile:
        result["profile"] = _profile_summary(text)
    return result


def _qgis_process_env(outdir: Path) -> dict:
    """Return an environment where qgis_process finds the plugin as QGIS installs it (the zip
    built from this checkout, unpacked), with a fresh profile of its own."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from qgis_tools import clean_qgis_env

    plugins = outdir / "qgis-plugins"
    if not (plugins / "rason_plugin").is_dir():
        import zipfile

        from package import build

        with zipfile.ZipFile(build(outdir / "rason_plugin.zip", ROOT)) as zipped:
            zipped.extractall(plugins)
    return clean_qgis_env(outdir / "qgis-home", plugin_path=plugins)


def _profile_summary(text: str, lines: int = 25) -> str:
    out = text.splitlines()
    for i, line in enumerate(out):
        if "ncalls" in line and "cumtime" in line:
            return "\n".join(out[i : i + lines + 1])
    return "\n".join(out[-lines:])


def max_abs_diff(path_a: Path, path_b: Path) -> float | None:
    """Return the largest |a - b| over two single-band rasters, read in strips (None if missing)."""
    import numpy as np
    from osgeo import gdal

    if not (path_a.exists() and path_b.exists()):
        return None
    ds_a, ds_b = gdal.Open(str(path_a)), gdal.Open(str(path_b))
    worst = 0.0
    for row0 in range(0, ds_a.RasterYSize, 1024):
        h = min(1024, ds_a.RasterYSize - row0)
        a = ds_a.GetRasterBand(1).ReadAsArray(0, row0, ds_a.RasterXSize, h).astype(np.float64)
        b = ds_b.GetRasterBand(1).ReadAsArray(0, row0, ds_a.RasterXSize, h).astype(np.float64)
        worst = max(worst, float(np.nanmax(np.abs(a - b))))
    return worst


def bench_size(size: str, peers: list[str], repeat: int, keep: bool, profile: set[str], regenerate: bool):
    # Generate in a child process: the parent stays small (its peak would leak into wait4's figures).
    gen = [sys.executable, str(Path(__file__).resolve()), "_generate", size] + (
        ["--regenerate"] if regenerate else []
    )
    subprocess.run(gen, check=True)
    before, after = scene_paths(size)
    outdir = DATA_DIR / f"out-{size}"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    _warm(before, after)
    # Round robin: round k runs every peer once, so all peers meet the same machine state
    # (page cache, writeback, other load) and drift over the run hits none of them alone.
    runs: dict[str, list] = {peer: [] for peer in peers}
    made: dict[str, set] = {peer: set() for peer in peers}
    for _ in range(repeat):
        for peer in peers:
            done = runs[peer]
            if done and ("error" in done[-1] or sum(r["seconds"] for r in done) > REPEAT_BUDGET_S):
                continue  # slow peers run once: their run-to-run noise is small next to their time
            _drop_aux(before, after)  # QGIS leaves statistics beside the inputs; every peer starts clean
            # A repeat would replace its previous outputs, and freeing their blocks (ext4 discards
            # them) would land inside the timed run; remove them first. The last run's stay for the checks.
            for path in made[peer]:
                path.unlink(missing_ok=True)
            os.sync()  # and no peer pays for writing back the previous one's dirty pages
            existing = set(outdir.glob("*.tif"))
            done.append(run_peer(peer, before, after, outdir, profile=peer in profile))
            made[peer] = set(outdir.glob("*.tif")) - existing
    results = {}
    for peer in peers:
        best = min(runs[peer], key=lambda r: r["seconds"])
        best["peak_bytes"] = max(r["peak_bytes"] for r in runs[peer])
        best["all_seconds"] = [r["seconds"] for r in runs[peer]]
        err = next((r["error"] for r in runs[peer] if "error" in r), None)
        if err:
            best["error"] = err
        results[peer] = best
        status = "CRASH" if err else f"{best['seconds']:8.2f} s  {best['peak_bytes'] / 2**20:8.0f} MiB"
        print(f"  [{size}] {peer:<16} {status}", flush=True)
        if err:
            print("    " + err.replace("\n", "\n    "), flush=True)
        if "profile" in best:
            print(best["profile"], flush=True)
    # The CVA magnitudes must agree, or the timings compare different work.
    checks = {}
    magnitudes = [
        (p, outdir / f)
        for p, f in (
            ("ours_cva", "ours_cva_magnitude.tif"),
            ("gdal_calc", "gdal_calc.tif"),
            ("qgis_calc", "qgis_calc.tif"),
        )
        if _ok(results.get(p)) and (outdir / f).exists()
    ]
    for peer, path in magnitudes[1:]:
        checks[f"CVA magnitude max |{peer} - {magnitudes[0][0]}|"] = max_abs_diff(magnitudes[0][1], path)
    if not keep:
        shutil.rmtree(outdir, ignore_errors=True)
    return {
        "size": size,
        "pixels": SIZES[size],
        "scene_bytes": before.stat().st_size,
        "true_changed": _true_changed(before),
        "results": results,
        "checks": checks,
        "when": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load": _loadavg(),
    }


def _true_changed(path: Path) -> float | None:
    from osgeo import gdal

    value = gdal.Open(str(path)).GetMetadataItem("TRUE_CHANGED_FRACTION")
    return None if value is None else float(value)


def _drop_aux(*paths: Path) -> None:
    for path in paths:
        Path(str(path) + ".aux.xml").unlink(missing_ok=True)


def _warm(*paths: Path) -> None:
    """Read the scenes once so every peer starts with the same (warm) page cache."""
    for path in paths:
        with open(path, "rb") as fh:
            while fh.read(8 * 2**20):
                pass


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------
def _ok(r: dict | None) -> bool:
    return r is not None and "error" not in r


def _ratio(a: dict | None, b: dict | None) -> float | None:
    if _ok(a) and _ok(b) and b["seconds"] > 0:
        return a["seconds"] / b["seconds"]
    return None


def size_table(run: dict) -> list[str]:
    res = run["results"]
    floor, gcalc = res.get("io_floor"), res.get("gdal_calc")
    n = run["pixels"]
    lines = [
        f"**{run['size']}** ({n}x{n}, 4 bands uint16, {run['scene_bytes'] / 2**20:.0f} MiB per scene; "
        f"{run['when']}, load average at end {run['load']}; truly changed: "
        f"{100 * (run['true_changed'] or float('nan')):.2f}% of pixels)",
        "",
        "| peer | seconds | peak RSS (MiB) | x I/O floor | gdal_calc / this | notes |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for peer in PEERS:
        r = res.get(peer)
        if r is None:
            continue
        if not _ok(r):
            lines.append(f"| {PEER_LABELS[peer]} | crashed | | | | {r['error'].splitlines()[0]} |")
            continue
        x_floor = _ratio(r, floor)
        x_calc = _ratio(gcalc, r)
        notes = []
        info = r.get("info", {})
        if info.get("rho"):
            notes.append("rho " + ", ".join(f"{x:.6f}" for x in sorted(info["rho"])))
        if peer == "ours_imad" and info.get("iterations") is not None:
            notes.append(
                f"{info['iterations']} iterations" + ("" if info.get("converged") else ", NOT converged")
            )
        if info.get("n_changed") is not None and info.get("n_valid"):
            notes.append(f"changed {100 * info['n_changed'] / info['n_valid']:.2f}%")
        if len(r.get("all_seconds", [])) > 1:
            notes.append("best of " + "/".join(f"{s:.2f}" for s in r["all_seconds"]))
        lines.append(
            f"| {PEER_LABELS[peer]} | {r['seconds']:.2f} | {r['peak_bytes'] / 2**20:.0f} | "
            f"{_fmt(x_floor)} | {_fmt(x_calc)} | {'; '.join(notes)} |"
        )
    for key, value in run["checks"].items():
        if value is not None:
            lines.append(f"\nCheck: {key} = {value:.3g}")
    return lines


def _fmt(x: float | None, digits: int = 2) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def targets(runs: dict) -> list[tuple[str, str, str]]:
    """Return (target, measured, PASS/MISS/n.a.) rows; timing targets use the full size."""
    rows = []
    main = runs.get("full") or runs.get("quick")
    if main is None:
        return rows
    tag = "" if "full" in runs else " (quick size only)"
    res = main["results"]
    floor, gcalc, otb = res.get("io_floor"), res.get("gdal_calc"), res.get("otb_mad")

    def row(name, value, ok):
        rows.append((name + tag, value, "n.a." if ok is None else ("PASS" if ok else "MISS")))

    for m in ("cva", "difference"):
        r = res.get(f"ours_{m}")
        x = _ratio(r, floor)
        row(
            f"{OUR_METHODS[m]} <= 1.5x I/O floor",
            _fmt(x) + "x" if x else "not run",
            None if x is None else x <= 1.5,
        )
        x = _ratio(gcalc, r)
        row(
            f"{OUR_METHODS[m]} >= 2x faster than gdal_calc.py",
            _fmt(x) + "x" if x else "not run",
            None if x is None else x >= 2.0,
        )
    mad, imad, mad_var = res.get("ours_mad"), res.get("ours_imad"), res.get("ours_mad_var")
    # Like for like: OTB writes the variates, so the target is judged on our MAD writing them too.
    x_var, x_def = _ratio(otb, mad_var), _ratio(otb, mad)
    x = x_var if x_var is not None else x_def
    measured = "; ".join(
        f"{_fmt(v)}x {label}" for v, label in ((x_var, "with variates"), (x_def, "default outputs")) if v
    )
    row("MAD >= 4x faster than OTB", measured or "not run", None if x is None else x >= 4.0)
    # Issue #12: as a batch user runs it, through qgis_process, against OTB; memory above a bare
    # qgis_process that loads the same plugin and opens the same scene.
    qp, bare = res.get("qgis_process_mad_var"), res.get("qgis_process_bare")
    x = _ratio(qp, otb)
    row("MAD + variates through qgis_process <= 0.25x OTB's time", _fmt(x) + "x" if x else "not run",
        None if x is None else x <= 0.25)
    above = qp["peak_bytes"] - bare["peak_bytes"] if _ok(qp) and _ok(bare) else None
    row("peak memory above a bare qgis_process <= 512 MiB",
        f"{above / 2**20:.0f} MiB" if above is not None else "not run",
        None if above is None else above <= 512 * 2**20)
    # The same bound for a run with every default (iMAD, then the MRF post-pass, which reads the
    # statistic back): what most users run.
    qpd = res.get("qgis_process_defaults")
    above = qpd["peak_bytes"] - bare["peak_bytes"] if _ok(qpd) and _ok(bare) else None
    row("peak memory above a bare qgis_process <= 512 MiB, every default",
        f"{above / 2**20:.0f} MiB" if above is not None else "not run",
        None if above is None else above <= 512 * 2**20)
    if _ok(mad) and _ok(otb) and mad["info"].get("rho") and otb["info"].get("rho"):
        ours_rho, otb_rho = sorted(mad["info"]["rho"]), sorted(otb["info"]["rho"])
        if len(ours_rho) == len(otb_rho):
            d = max(abs(a - b) for a, b in zip(ours_rho, otb_rho))
            row("MAD rho equal to OTB's within 1e-4 (sorted)", f"max |diff| {d:.2g}", d <= 1e-4)
        else:
            row(
                "MAD rho equal to OTB's within 1e-4 (sorted)",
                f"{len(ours_rho)} vs {len(otb_rho)} values",
                False,
            )
    else:
        row("MAD rho equal to OTB's within 1e-4 (sorted)", "not run", None)
    x = _ratio(imad, mad)
    iters = imad["info"].get("iterations") if _ok(imad) else None
    converged = _ok(imad) and imad["info"].get("converged") is not False  # the target is for a converged run
    row(
        "iMAD (converged) <= 2x our MAD",
        (_fmt(x) + "x" if x else "not run")
        + (f", {iters} iterations" if iters is not None else "")
        + ("" if converged or x is None else ", NOT converged"),
        None if x is None else (x <= 2.0 and converged),
    )
    full, quick = runs.get("full"), runs.get("quick")
    for peer in (p for p in PEERS if p.startswith("ours_")):
        label = OUR_METHODS.get(peer[len("ours_") :], "MAD + variates")
        rf = full["results"].get(peer) if full else None
        rq = quick["results"].get(peer) if quick else None
        if _ok(rf):
            row(
                f"{label} peak memory < 1 GiB at full size",
                f"{rf['peak_bytes'] / 2**20:.0f} MiB",
                rf["peak_bytes"] < GIB,
            )
        if _ok(rf) and _ok(rq):
            growth = rf["peak_bytes"] / rq["peak_bytes"]
            row(f"{label} full peak within 20% of quick peak", f"{100 * (growth - 1):+.0f}%", growth <= 1.2)
    return rows


def environment_lines() -> list[str]:
    from osgeo import gdal

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import numpy

    otb = "?"
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "otb-bin"], capture_output=True, text=True)
        otb = out.stdout.strip() or "?"
    except OSError:
        pass
    return [
        f"Machine: {os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.platform()}; "
        f"Python {platform.python_version()}, numpy {numpy.__version__}, GDAL {gdal.__version__}, "
        f"OTB {otb}. Warm page cache (each scene read once before the peers run).",
    ]


def write_report(runs: dict, argv_text: str) -> list[str]:
    lines = [
        "# Change-detection benchmark results",
        "",
        f"Written by `bench/bench_change_detection.py` (`make bench`; arguments: `{argv_text or '(none)'}`).",
        "Data: synthetic Sentinel-2-like L2A pair (seeded, see the script's docstring), stored as "
        "`gdal_translate` writes by default: uncompressed, pixel-interleaved, one-row strips.",
        "Each peer runs in its own process; seconds are wall time, peak RSS is that process tree's "
        "`ru_maxrss`.",
        "",
        *environment_lines(),
        "",
    ]
    for size in ("full", "quick"):
        if size in runs:
            lines += size_table(runs[size]) + [""]
    rows = targets(runs)
    if rows:
        lines += ["| target | measured | result |", "|---|---|---|"]
        lines += [f"| {t} | {m} | {s} |" for t, m, s in rows]
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_child":
        return run_child(argv[1:])
    if argv and argv[0] == "_generate":
        ensure_scenes(argv[1], regenerate="--regenerate" in argv)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    env_size = os.environ.get("BENCH_SIZE", "both")
    parser.add_argument("--size", choices=("quick", "full", "both"), default=env_size)
    parser.add_argument("--only", help="comma-separated peers: " + ",".join(PEERS))
    parser.add_argument("--skip", help="comma-separated peers to leave out")
    parser.add_argument("--repeat", type=int, default=None, help="runs per peer, best time kept (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs under bench-data/")
    parser.add_argument("--regenerate", action="store_true", help="regenerate the synthetic scenes")
    parser.add_argument("--profile", default="", help="comma-separated peers to run under cProfile")
    parser.add_argument(
        "--no-report",
        action="store_true",
        help="write no markdown (default: bench/"
        + RESULTS_MD.name
        + " after a whole run, both sizes and every peer; else bench-data/change-detection/"
        + "results-partial.md)",
    )
    args = parser.parse_args(argv)

    peers = list(PEERS)
    if args.only:
        wanted = [p.strip() for p in args.only.split(",") if p.strip()]
        unknown = set(wanted) - set(PEERS)
        if unknown:
            parser.error(f"unknown peer(s) {sorted(unknown)}; choose from {','.join(PEERS)}")
        peers = [p for p in PEERS if p in wanted]
    if args.skip:
        peers = [p for p in peers if p not in args.skip.split(",")]
    core = ROOT / "rason_plugin" / "core" / "change" / "run.py"
    if not core.exists():
        print("note: rason_plugin/core/change/run.py not found; skipping our peers", flush=True)
        peers = [p for p in peers if not p.startswith(("ours_", "qgis_process"))]
    if shutil.which("otbcli_MultivariateAlterationDetector") is None and "otb_mad" in peers:
        print("note: otbcli_MultivariateAlterationDetector not found (bash bench/setup.sh installs it)")
        peers.remove("otb_mad")

    sizes = ("quick", "full") if args.size == "both" else (args.size,)
    runs = {}
    for size in sizes:
        repeat = args.repeat or 5
        print(
            f"== change detection, {size} size ({SIZES[size]}x{SIZES[size]}), best of up to {repeat} runs "
            f"per peer (one more run only while a peer's runs total < {REPEAT_BUDGET_S:.0f} s)",
            flush=True,
        )
        runs[size] = bench_size(size, peers, repeat, args.keep, set(args.profile.split(",")), args.regenerate)
    lines = write_report(runs, " ".join(argv))
    print()
    print("\n".join(lines))
    if not args.no_report:
        # The committed results (quoted by the README) hold a whole run: both sizes, every peer.
        # A partial run (--size, --only, --skip) goes beside the data and never replaces them.
        whole = args.size == "both" and not args.only and not args.skip
        target = RESULTS_MD if whole else DATA_DIR / "results-partial.md"
        target.write_text("\n".join(lines) + "\n")
        print(f"\nwritten {target.relative_to(ROOT)}")
    crashed = [f"{s}:{p}" for s, run in runs.items() for p, r in run["results"].items() if not _ok(r)]
    if crashed:
        print("crashed peers: " + ", ".join(crashed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
