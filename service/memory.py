"""Memory of the serving process: memory freed inside glibc's malloc arenas is
given back to the system (a no-op where the C library is not glibc)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

__all__ = ["release_free_memory"]


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 - only glibc has it
        return libc
    except (OSError, AttributeError):
        return None


def release_free_memory() -> bool:
    """Give memory freed inside malloc arenas back to the system (``malloc_trim``)."""
    libc = _glibc()
    return bool(libc is not None and libc.malloc_trim(0))
