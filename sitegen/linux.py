"""The Linux system calls Python's standard library lacks, in one place, each
falling back to nothing (or None) where the system has no such call.

- exchange(): renameat2 RENAME_EXCHANGE, the atomic swap of two folders;
- syncfs(): make one file system's writes durable, not every disk's;
- death_signal(): prctl PR_SET_PDEATHSIG, so a child dies with its parent.

ctypes is imported on first use: a build that finds nothing changed never
needs it.
"""

from __future__ import annotations

import errno
import os
import signal
from typing import Callable

_AT_FDCWD, _RENAME_EXCHANGE, _PR_SET_PDEATHSIG = -100, 2, 1


def _libc():
    """The C library this process already uses, or None."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True)
    except (OSError, ImportError):
        return None


def exchange(new: str | os.PathLike, current: str | os.PathLike) -> bool:
    """Swap two paths in one step; False when the system cannot (the caller
    falls back). Raises OSError for any other failure."""
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None) if libc is not None else None
    if renameat2 is None:
        return False
    import ctypes

    if renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(current), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(current))


def syncfs() -> Callable[[int], int] | None:
    """libc's syncfs(fd), where there is one."""
    libc = _libc()
    return getattr(libc, "syncfs", None) if libc is not None else None


def death_signal() -> Callable[[], None] | None:
    """A call that asks Linux to kill the calling process when its parent dies,
    resolved now: a child between fork and exec may make only that one call."""
    libc = _libc()
    prctl = getattr(libc, "prctl", None) if libc is not None else None
    if prctl is None:
        return None

    def ask() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    return ask
