"""The per-strip output buffers MAD reuses are never handed to two holders at once.

The main pass hands a strip's statistic and variates to a writer thread and computes the next
strip into the other buffer set; the Otsu/EM fit calls the same projection from its own thread
meanwhile. Expected: the main thread's third strip may reuse its first strip's set only once the
writer is done with it, so its second strip must not share memory with the first, whatever the
fitter thread took in between (with one shared pair of sets, the fitter's call took the second
set and the main thread's next call got the first again, which the writer still held).
"""
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from rason_plugin.core.change import passes
from rason_plugin.core.change.mad import MadProjector, Moments, mad_transform
from rason_plugin.core.change.strips import Strip


def _run_for_projection(width):
    rng = np.random.default_rng(3)
    x = rng.integers(100, 3000, (2, 5000)).astype(np.uint16)
    y = (x * 1.1 + rng.integers(0, 200, (2, 5000))).astype(np.uint16)
    mom = Moments(2, 2)
    mom.add(x, y)
    run = passes._Run.__new__(passes._Run)
    run.p = run.q = 2
    run.grid = type("G", (), {"width": width})()
    run.project = MadProjector(mad_transform(*mom.mean_cov(), 2, 2), np.float32)
    run._strip_bufs = {}
    run._pool = ThreadPoolExecutor(max_workers=2)
    return run


def _strip(rows, width, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(100, 3000, (2, rows, width)).astype(np.uint16)
    y = rng.integers(100, 3000, (2, rows, width)).astype(np.uint16)
    return Strip(0, rows, x, y, np.ones((rows, width), bool), rows * width, rows * width, True)


def test_a_fit_in_another_thread_never_takes_the_set_the_writer_holds():
    run = _run_for_projection(width=40)
    try:
        first, first_var = run._mad_strip(_strip(6, 40, 1), True)  # goes to the writer
        fitter = threading.Thread(target=run._mad_strip, args=(_strip(6, 40, 2), False))
        fitter.start()
        fitter.join()
        second, second_var = run._mad_strip(_strip(6, 40, 3), True)  # computed while it is written
        assert not np.shares_memory(first, second) and not np.shares_memory(first_var, second_var)
        third, _ = run._mad_strip(_strip(6, 40, 4), True)  # the first strip is written by now
        assert np.shares_memory(first, third)  # so its set is reused: buffers are not reallocated
    finally:
        run._pool.shutdown(wait=True)
