"""numba-compiled functions as facereel makes them (issue #9's speed): `kernel` compiles on first call, releases
the GIL inside (`nogil`) and caches the machine code on disk (`cache=True`) where NUMBA_CACHE_DIR points, else in
the package's `__pycache__`, else (the package folder not writable) in the user's cache folder (~/.cache/numba);
with none of them writable they are compiled again in every process. Used by `engines.mesh.geometry.map_kernels`,
`engines.mesh.draw_kernels` and `face.turn_kernels`; docs/benchmarks.md "Compiled map kernels" has the cold and
warm costs.
"""

from __future__ import annotations

from collections.abc import Callable

from numba import njit


def kernel(function: Callable) -> Callable:
    """`function` compiled on first call (nogil), its machine code cached on disk where numba finds a writable
    folder; where it finds none (numba raises at decoration), compiled in each process instead of failing."""
    try:
        return njit(cache=True, nogil=True)(function)
    except RuntimeError:
        return njit(nogil=True)(function)
