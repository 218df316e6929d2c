"""MAD's two matrix products, called on OpenBLAS directly: the GIL released, and unshadowed in QGIS.

Two reasons to call OpenBLAS through ctypes rather than through numpy's matmul:
  * numpy (1.24, Debian 12's) holds the GIL through a matmul's BLAS call, so the moments' and
    the projection's products of two threads ran one at a time. Measured on the bench machine
    (bench/): two threads each computing 9 x 16384 Gram products took as long as one thread
    doing both halves; through ctypes (which releases the GIL for the call) 1.8x faster.
  * A Linux distribution's numpy calls its BLAS (OpenBLAS) through the plain cblas_* names. QGIS
    links GSL, and GSL's libgslcblas, a plain reference CBLAS exporting the same names, is loaded
    with QGIS before numpy: the dynamic linker then hands numpy GSL's loops. Measured inside
    qgis_process: the moments' Gram product 3.5x slower, the 4 x 8 by 8 x 0.5M float32
    projection 4.7x slower, and the results differ in the last bits from a plain Python run.

When OpenBLAS is mapped into the process (Linux: found in /proc/self/maps), these helpers call it
through its own library handle, which the linker does not redirect, with the arguments numpy
itself passes (cblas_?syrk for a matrix times its transpose, cblas_?gemm otherwise; see numpy's
umath/matmul.c.src), so the results are the same bits as numpy's products in a plain Python run.
They call numpy instead when the plain cblas_dgemm belongs to another BLAS than OpenBLAS or GSL's
(numpy then likely runs on it), for an OpenBLAS with 64-bit integers or older than 0.3.7 (not
safe from several threads), on another OS, and for any layout they do not cover.
"""
from __future__ import annotations

import ctypes
import re
import sys
from typing import Optional

import numpy as np

_ROW_MAJOR, _NO_TRANS, _UPPER = 101, 111, 121
_UNSET = object()
_native = _UNSET


def _mapped(fragment: str):
    """Return the paths of the shared libraries whose path holds ``fragment``, mapped into this
    process (Linux), else []."""
    if not sys.platform.startswith("linux"):
        return []
    try:
        with open("/proc/self/maps") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return []
    paths = set()
    for line in lines:
        parts = line.split(None, 5)
        if len(parts) == 6 and fragment in parts[5].lower() and ".so" in parts[5]:
            paths.add(parts[5].strip())
    return sorted(paths)


def _mapped_openblas():
    """Return the paths of the OpenBLAS libraries mapped into this process (Linux), else []."""
    return _mapped("openblas")


def _usable(lib) -> bool:
    """True for an OpenBLAS with 32-bit integers (the ctypes signatures below) that is safe to call
    from several threads at once (0.3.7 and later, by its release notes)."""
    try:
        get_config = lib.openblas_get_config
    except AttributeError:
        return False
    get_config.restype = ctypes.c_char_p
    config = (get_config() or b"").decode("ascii", "replace")
    match = re.match(r"OpenBLAS (\d+)\.(\d+)\.(\d+)", config)
    return bool(match) and "USE64BITINT" not in config and \
        tuple(int(v) for v in match.groups()) >= (0, 3, 7)


def _address(fn) -> Optional[int]:
    return ctypes.cast(fn, ctypes.c_void_p).value


def _global_dgemm():
    """Return the address a plain cblas_dgemm reference resolves to, or None (no such global)."""
    try:
        return _address(ctypes.CDLL(None).cblas_dgemm)
    except (OSError, AttributeError):
        return None


def _find_native():
    """Return OpenBLAS's (sgemm, dgemm, ssyrk, dsyrk) called through ctypes, or None.

    None when no usable OpenBLAS is mapped, or when the plain cblas_dgemm is another BLAS that
    is not GSL's (numpy then likely runs on that one, e.g. MKL: its bits are the ones to keep).
    """
    plain = _global_dgemm()
    for path in _mapped_openblas():
        try:
            lib = ctypes.CDLL(path)
            fns = (lib.cblas_sgemm, lib.cblas_dgemm, lib.cblas_ssyrk, lib.cblas_dsyrk)
        except (OSError, AttributeError):
            continue
        if not _usable(lib):
            continue
        if plain is not None and plain != _address(fns[1]) and not _mapped("gslcblas"):
            return None
        p, i = ctypes.c_void_p, ctypes.c_int
        for fn, real, is_gemm in zip(fns, (ctypes.c_float, ctypes.c_double) * 2, (True, True, False, False)):
            fn.restype = None
            fn.argtypes = ([i, i, i, i, i, i, real, p, i, p, i, real, p, i] if is_gemm
                           else [i, i, i, i, i, real, p, i, real, p, i])
        return fns
    return None


def shadowed() -> bool:
    """Return True when another library's cblas_dgemm answers the plain name instead of OpenBLAS's
    (GSL's in QGIS): numpy's own products then run on it."""
    fns = native()
    plain = _global_dgemm()
    return fns is not None and plain is not None and plain != _address(fns[1])


def native():
    """Return OpenBLAS's functions (see _find_native), or None: numpy's own products are used."""
    global _native
    if _native is _UNSET:
        _native = _find_native()
    return _native


def _rows(a: np.ndarray) -> Optional[int]:
    """Return the leading dimension of a 2-D row-major array with unit column stride, else None."""
    size = a.itemsize
    if a.ndim != 2 or a.strides[1] != size or a.strides[0] % size or a.strides[0] // size < a.shape[1]:
        return None
    return a.strides[0] // size


def gram(b: np.ndarray) -> np.ndarray:
    """Return ``b @ b.T`` for a 2-D float array ``b`` (k x n) with unit column stride."""
    fns = native()
    lda = _rows(b)
    if fns is None or lda is None or b.dtype not in (np.float32, np.float64) or min(b.shape) < 2:
        return b @ b.T
    k, n = b.shape
    out = np.zeros((k, k), dtype=b.dtype)
    syrk = fns[2] if b.dtype == np.float32 else fns[3]
    syrk(_ROW_MAJOR, _UPPER, _NO_TRANS, k, n, 1.0, b.ctypes.data, lda, 0.0, out.ctypes.data, k)
    lower = np.tril_indices(k, -1)
    out[lower] = out.T[lower]  # numpy copies the upper triangle down too
    return out


def matmul(a: np.ndarray, b: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
    """Return ``a @ b`` (into ``out`` if given) for 2-D row-major arrays of one float dtype."""
    fns = native()
    if out is None:
        if fns is None:
            return a @ b
        out = np.empty((a.shape[0], b.shape[1]), dtype=np.result_type(a, b))
    lda, ldb, ldc = _rows(a), _rows(b), _rows(out)
    ok = (fns is not None and None not in (lda, ldb, ldc) and a.dtype == b.dtype == out.dtype
          and a.dtype in (np.float32, np.float64) and min(a.shape + b.shape) >= 2
          and a.shape[1] == b.shape[0] and out.shape == (a.shape[0], b.shape[1]))
    if not ok:
        return np.matmul(a, b, out=out)
    gemm = fns[0] if a.dtype == np.float32 else fns[1]
    m, k = a.shape
    gemm(_ROW_MAJOR, _NO_TRANS, _NO_TRANS, m, b.shape[1], k, 1.0, a.ctypes.data, lda,
         b.ctypes.data, ldb, 0.0, out.ctypes.data, ldc)
    return out
