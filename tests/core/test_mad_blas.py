"""MAD's matrix products give the same bits when another library's CBLAS shadows numpy's (as in QGIS).

QGIS loads GSL's reference CBLAS (libgslcblas) before numpy, and the dynamic linker then hands
numpy's cblas_* calls to it: slower, and rounded differently. LD_PRELOAD of libgslcblas
reproduces that in a plain Python child. The expected values are numpy's own products in this
process (its BLAS unshadowed), an independent computation of the same products, in
test_products_equal_numpys_on_strided_views. The helpers call OpenBLAS directly in both children
(to release the GIL, see blas.py), so the shadowed-versus-plain test shows that preloading GSL
changes nothing, and the strided-views test that the direct calls give numpy's bits.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rason_plugin.core.change import blas
from rason_plugin.core.change.mad import Moments

ROOT = Path(__file__).resolve().parents[2]
GSL_CBLAS = next((p for p in ("/usr/lib/x86_64-linux-gnu/libgslcblas.so.0", "/usr/lib64/libgslcblas.so.0",
                              "/usr/lib/aarch64-linux-gnu/libgslcblas.so.0") if os.path.exists(p)), None)

CHILD = r"""
import json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from rason_plugin.core.change import blas
from rason_plugin.core.change.mad import MadProjector, Moments, mad_transform
rng = np.random.default_rng(7)
x = rng.integers(200, 4000, (4, 40000)).astype(np.uint16)
y = (x * 1.07 + rng.integers(0, 300, (4, 40000))).astype(np.uint16)
mom = Moments(4, 4)
mom.add(x, y)
mean, cov = mom.mean_cov()
proj = MadProjector(mad_transform(mean, cov, 4, 4), np.float32)
stat = np.empty(x.shape[1], np.float32)
variates = np.empty((5, x.shape[1]), np.float32)
proj.project(x, y, 0, x.shape[1], stat, variates)
print(json.dumps({"native": blas.native() is not None, "shadowed": blas.shadowed(),
                  "openblas": bool(blas._mapped_openblas()),
                  "gram": mom.gram.tobytes().hex(),
                  "stat": stat.tobytes().hex(), "variates": variates.tobytes().hex()}))
"""


def _run_child(preload=None):
    env = dict(os.environ)
    if preload:
        env["LD_PRELOAD"] = preload
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(GSL_CBLAS is None, reason="GSL's CBLAS (libgslcblas) is not installed")
def test_shadowed_cblas_gives_the_same_moments_and_projection():
    plain = _run_child()
    if not plain["openblas"]:
        # Debian trixie and sid roots (minbase) give numpy the reference BLAS: the routing covers OpenBLAS
        # (what numpy uses on Debian 12, sid, and in pip wheels) and otherwise leaves numpy alone.
        pytest.skip("numpy does not use OpenBLAS here; blas.py routes around shadowing of OpenBLAS only")
    shadowed = _run_child(GSL_CBLAS)
    assert plain["native"] and shadowed["native"]  # OpenBLAS is called directly in both
    assert not plain["shadowed"] and shadowed["shadowed"]  # only the child with GSL preloaded is shadowed
    assert shadowed["gram"] == plain["gram"]
    assert shadowed["stat"] == plain["stat"]
    assert shadowed["variates"] == plain["variates"]


def test_products_equal_numpys_on_strided_views():
    # numpy's matmul is the oracle; the helpers must give it bit for bit on the layouts MAD uses:
    # a chunk view of a wider buffer (leading dimension > columns) and an output column slice.
    rng = np.random.default_rng(3)
    buf = rng.normal(size=(9, 300))
    b = buf[:, :250]
    assert np.array_equal(blas.gram(b), b @ b.T)
    a = rng.normal(size=(4, 8)).astype(np.float32)
    z = rng.normal(size=(8, 120)).astype(np.float32)
    out = np.zeros((5, 400), dtype=np.float32)
    blas.matmul(a, z, out=out[:4, 100:220])
    assert np.array_equal(out[:4, 100:220], a @ z)
    assert not out[:, :100].any() and not out[:, 220:].any() and not out[4].any()  # nothing else written
    assert np.array_equal(blas.matmul(a.astype(np.float64), z.astype(np.float64)),
                          a.astype(np.float64) @ z.astype(np.float64))


def test_moments_with_a_thread_pool_sum_to_the_same_bits():
    # Chunks computed side by side but added in chunk order: the same float64 sums as one thread.
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(5)
    x = rng.integers(0, 60000, (3, 5 * Moments.CHUNK + 17)).astype(np.uint16)
    y = rng.integers(0, 60000, (2, x.shape[1])).astype(np.uint16)
    one, two = Moments(3, 2), Moments(3, 2)
    one.add(x, y)
    with ThreadPoolExecutor(max_workers=2) as pool:
        two.add(x, y, pool=pool)
    assert one.gram.tobytes() == two.gram.tobytes()
    # and the count (bottom-right) is the number of pixels, a hand count
    assert one.gram[-1, -1] == x.shape[1]


class _FakeOpenBLAS:
    """Stands for a loaded library whose openblas_get_config returns ``config``."""

    def __init__(self, config):
        def get_config():
            return config
        get_config.restype = None
        self.openblas_get_config = get_config


@pytest.mark.parametrize("config, usable", [
    (b"OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64", True),  # Debian 12's
    (b"OpenBLAS 0.3.7 DYNAMIC_ARCH", True),               # the first release safe from several threads
    (b"OpenBLAS 0.3.6 DYNAMIC_ARCH", False),              # older: concurrent calls could clash
    (b"OpenBLAS 0.3.21 USE64BITINT DYNAMIC_ARCH", False),  # 64-bit integers: our int arguments would be wrong
    (b"", False),
])
def test_only_a_32_bit_integer_thread_safe_openblas_is_called_directly(config, usable):
    assert blas._usable(_FakeOpenBLAS(config)) is usable
    assert blas._usable(object()) is False  # a library without openblas_get_config is not OpenBLAS
