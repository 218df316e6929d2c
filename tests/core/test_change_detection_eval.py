"""The evaluation behind the default threshold: F1 of each threshold on synthetic pairs with drift.

Pairs: tests/core/change_synthetic.py (known elliptical patches, per-band gain 0.9-1.2 and offset
-90..+120 DN, independent noise). Measured F1 (seeds 7 / 11 / 23) when the default was chosen:
  iMAD chi2 alpha 0.01: 0.80 / 0.81 / 0.84   alpha 0.001: 0.97 / 0.98 / 0.98
       alpha 1e-4: 0.997 / 0.998 / 0.998     Otsu: 0.82 / 0.99 / 0.97   EM: 0.95 / 0.96 / 0.96
  MAD  chi2 1e-4: 0.996 / 0.965 / 0.959      Otsu: 0.67-0.82            EM: 0.75-0.77
  CVA  Otsu: 0.96 / 1.00 / 0.98              EM: 0.999 / 1.00 / 0.999
So: chi-square at alpha 1e-4 for (i)MAD (it is also the only threshold with a meaning, the
false-alarm rate), EM for the magnitudes without a known null distribution.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from change_synthetic import f1_score, read, write_pair  # noqa: E402

from rason_plugin.core.change_detection import (  # noqa: E402
    DEFAULT_ALPHA,
    default_threshold,
    run_change_detection,
)


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("eval")
    before, after, truth = write_pair(folder, name="synthetic_eval", seed=23)
    out = {}
    runs = [("imad", "chi2", 0.01), ("imad", "chi2", 0.001), ("imad", "chi2", 1e-4), ("imad", "otsu", None),
            ("imad", "em", None), ("cva", "otsu", None), ("cva", "em", None)]
    for method, threshold, alpha in runs:
        res = run_change_detection(before, after, method=method, threshold=threshold, alpha=alpha or 1e-4,
                                   out_mask=str(folder / "m.tif"), out_magnitude=str(folder / "g.tif"))
        out[(method, threshold, alpha)] = f1_score(read(res.out_mask), truth)
    return out


def test_default_threshold_is_the_best_measured(scores):
    assert DEFAULT_ALPHA == 1e-4 and default_threshold("imad") == "chi2" and default_threshold("cva") == "em"
    imad = {k: v for k, v in scores.items() if k[0] == "imad"}
    assert max(imad, key=imad.get) == ("imad", "chi2", 1e-4)
    # The issue asks F1 >= 0.9 with the defaults; they do far better on these pairs (see above).
    assert scores[("imad", "chi2", 1e-4)] >= 0.99
    # A looser significance level only adds false alarms on unchanged pixels.
    assert scores[("imad", "chi2", 0.01)] < scores[("imad", "chi2", 0.001)] < scores[("imad", "chi2", 1e-4)]
    assert scores[("cva", "em", None)] > scores[("cva", "otsu", None)]
    assert scores[("cva", "em", None)] >= 0.99
