"""Accuracy benchmark: every change-detection method x threshold x spatial option, scored on real
labelled data and on synthetic pairs. `make bench-accuracy`.

Real data: the Nanjing Landsat 5 TM pair (2000-05-03, 2002-07-12; 800 x 800, 6 bands, 30 m) with
its reference pixels, 2,363 changed and 12,393 unchanged (Wu, Du & Zhang 2014, IEEE TGRS 52(5);
tests/data/imagery/landsat_nanjing, MIT). Overall accuracy, Cohen's kappa and F1 of the change
class are computed on the labelled pixels only.
Synthetic data: tests/core/change_synthetic.py, seeds 7, 11, 23: `drift` (per-band gain/offset
plus noise) and `realistic` (misregistration, gamma radiometry, season), scored with F1 against
the generator's truth (cloud-free, so every pixel is scored). Mean F1 over the seeds. And the
demo's synthetic Rajin pair (sample_data/synthetic.py): a container yard and ships of a few
pixels each, the small objects a spatial prior can erase or grow.

Writes bench/results-accuracy.md and prints the table. Accuracy is reported, never asserted
(tests/core/test_spatial.py and test_change_detection_eval.py hold the claims).
The synthetic pairs are scored for iMAD, MAD and CVA (Difference gives CVA's magnitude; Log-ratio
suits radar); --all scores every method on them too (slower).
Usage: bench_accuracy.py [--all]
"""
from __future__ import annotations

import argparse
import datetime as _dt
import sys
import tempfile
from pathlib import Path

import numpy as np
from osgeo import gdal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "core"))
from change_synthetic import f1_score, make_pair, make_realistic_pair, write_tif  # noqa: E402

from rason_plugin.core.change import DEFAULT_ALPHA, run_change_detection  # noqa: E402
from rason_plugin.core.change.spatial import (  # noqa: E402
    DEFAULT_MRF_BETA,
    DEFAULT_SPATIAL,
    DEFAULT_SPATIAL_SIZE,
)
from sample_data import synthetic  # noqa: E402

NANJING = ROOT / "tests" / "data" / "imagery" / "landsat_nanjing"
NJ_BEFORE = NANJING / "LT51200382000124BJC00_Nanjing.tif"
NJ_AFTER = NANJING / "LT51200382002193BJC00_Nanjing.tif"
OUT = ROOT / "bench" / "results-accuracy.md"
SEEDS = (7, 11, 23)

THRESHOLDS = {
    "imad": [("chi2", 1e-2), ("chi2", 1e-3), ("chi2", 1e-4), ("chi2", 1e-6), ("otsu", None), ("em", None)],
    "mad": [("chi2", 1e-3), ("chi2", 1e-4), ("chi2", 1e-6), ("otsu", None), ("em", None)],
    "cva": [("otsu", None), ("em", None)],
    "difference": [("otsu", None), ("em", None)],
    "logratio": [("otsu", None), ("em", None)],
}
SPATIAL = [("none", 3, 0.0), ("majority", 3, 0.0), ("majority", 5, 0.0),
           ("mrf", 3, 1.0), ("mrf", 3, 1.5), ("mrf", 3, 2.0), ("mrf", 3, 3.0)]


def scores(mask: np.ndarray, labels: np.ndarray):
    """Return (OA, kappa, F1) of ``mask`` (1 change) on the pixels labelled 0 or 1."""
    sel = labels != 255
    t = labels[sel] == 1
    p = mask[sel] == 1
    tp = np.count_nonzero(t & p)
    fp = np.count_nonzero(~t & p)
    fn = np.count_nonzero(t & ~p)
    tn = np.count_nonzero(~t & ~p)
    n = tp + fp + fn + tn
    oa = (tp + tn) / n
    pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n)
    return oa, (oa - pe) / (1 - pe), 2 * tp / max(1, 2 * tp + fp + fn)


def _run(before, after, folder, method, threshold, alpha, spatial):
    name, size, beta = spatial
    res = run_change_detection(str(before), str(after), method=method, threshold=threshold,
                               alpha=alpha or 1e-4, spatial=name, spatial_size=size,
                               mrf_beta=beta or DEFAULT_MRF_BETA,
                               out_mask=str(folder / "m.tif"), out_magnitude=str(folder / "g.tif"))
    return gdal.Open(res.out_mask).ReadAsArray()


def _label(method, threshold, alpha, spatial):
    name, size, beta = spatial
    thr = f"chi-square {alpha:g}" if threshold == "chi2" else {"otsu": "Otsu", "em": "EM"}[threshold]
    sp = {"none": "none", "majority": f"majority {size}x{size}", "mrf": f"MRF beta {beta:g}"}[name]
    default = (method == "imad" and threshold == "chi2" and alpha == DEFAULT_ALPHA and name == DEFAULT_SPATIAL
               and (name != "mrf" or beta == DEFAULT_MRF_BETA)
               and (name != "majority" or size == DEFAULT_SPATIAL_SIZE))
    return {"imad": "iMAD", "mad": "MAD", "cva": "CVA", "difference": "Difference",
            "logratio": "Log-ratio"}[method], thr, sp + (" **(default)**" if default else "")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="score every method on the synthetic pairs")
    args = ap.parse_args(argv)
    labels = gdal.Open(str(NANJING / "labels.tif")).ReadAsArray()
    rows = []
    with tempfile.TemporaryDirectory(prefix="rason_bench_acc_") as tmp:
        folder = Path(tmp)
        pairs = {}
        for scenario in ("drift", "realistic"):
            for seed in SEEDS:
                if scenario == "drift":
                    b, a, truth = make_pair(seed=seed)
                else:
                    b, a, truth, _ = make_realistic_pair(seed=seed, n_clouds=0)
                pairs[(scenario, seed)] = (write_tif(folder / f"{scenario}{seed}_b.tif", b),
                                           write_tif(folder / f"{scenario}{seed}_a.tif", a), truth)
        demo = synthetic.write_scene_pair(folder / "demo", None)
        pairs[("demo", 0)] = (str(demo.before), str(demo.after),
                              gdal.Open(str(demo.truth)).ReadAsArray() == 1)
        for method, thresholds in THRESHOLDS.items():
            for threshold, alpha in thresholds:
                for spatial in SPATIAL:
                    mask = _run(NJ_BEFORE, NJ_AFTER, folder, method, threshold, alpha, spatial)
                    oa, kappa, f1 = scores(mask, labels)
                    synth = {}
                    if args.all or method in ("imad", "mad", "cva"):
                        for (scenario, _seed), (b, a, truth) in pairs.items():
                            m = _run(b, a, folder, method, threshold, alpha, spatial)
                            synth.setdefault(scenario, []).append(f1_score(m == 1, truth))
                    rows.append((*_label(method, threshold, alpha, spatial), oa, kappa, f1,
                                 *(np.mean(synth[k]) if synth else None
                                   for k in ("drift", "realistic", "demo"))))
                    print(" | ".join(str(c) if not isinstance(c, float) else f"{c:.3f}" for c in rows[-1]),
                          flush=True)
    table = _table(rows)
    OUT.write_text(_document(table), encoding="utf-8")
    print(table)
    print(f"written to {OUT.relative_to(ROOT)}")
    return 0


def _table(rows):
    lines = ["| Method | Threshold | Spatial | Nanjing OA | Nanjing κ | Nanjing F1 | drift F1 "
             "| realistic F1 | demo F1 |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = list(r[:3]) + [f"{v:.3f}" if v is not None else "–" for v in r[3:]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _document(table):
    return f"""# Change detection accuracy (`make bench-accuracy`)

Generated by bench/bench_accuracy.py on {_dt.date.today().isoformat()}.

**Real data**: Nanjing, Landsat 5 TM, 2000-05-03 and 2002-07-12, 800 x 800 pixels, 6 bands; scored
on its 2,363 changed and 12,393 unchanged reference pixels only (Wu, Du & Zhang 2014, IEEE TGRS
52(5):2367-2383; data via ChenHongruixuan/ChangeDetectionRepository, MIT).
**Synthetic data**: tests/core/change_synthetic.py, mean F1 over seeds 7, 11, 23 against the
generator's truth: *drift* (gain/offset per band plus noise), *realistic* (half-pixel
misregistration, gamma radiometry, seasonal vegetation change); *demo*: F1 on the demo's synthetic
Rajin pair (sample_data/synthetic.py), a yard and ships of a few pixels each.
Spatial options: `none` decides each pixel alone; `majority NxN` takes the majority label of the
window; `MRF beta b` is the Potts MRF by ICM of rason:changedetection (core/change/spatial.py), which
needs MAD/iMAD's chi-square statistic and leaves other methods' masks as they are.

{table}
"""


if __name__ == "__main__":
    sys.exit(main())
