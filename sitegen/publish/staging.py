"""Publishing crash-safely: write a staging folder, then swap it in at once.

The build never writes into the published folder. It writes a complete new
tree beside it (same file system), then exchanges the two in one atomic
rename, so a citizen (or a build killed at any moment) sees either the old
portal or the new one, never a half-written mix. A lock file keeps two
builds off the same output, and a marker file inside the output proves the
folder is ours before anything in it is ever replaced. Files every site
publishes alike (the theme's, the admin page's CMS) are one file on disk,
hard-linked from each site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..linux import exchange, syncfs
from ..messages.console import Said

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None

MARKER = ".sitegen-output"
_DOT_PART = re.compile(r"(?:^|/)\.\.?(?:/|$)")  # a '.' or '..' part of a path


class PublishError(Said):
    """The output folder cannot be used; message(lang) says why, for the user."""


class Staging:
    """with Staging(out) as stage: stage.write(...); stage.commit()"""

    def __init__(self, out: Path, protect: tuple[Path, ...] = ()):
        self.out = Path(os.path.abspath(out))
        self.protect = tuple(Path(os.path.abspath(p)) for p in protect)
        self.parent = self.out.parent
        self.folder = self.parent / f".{self.out.name}.staging"
        self.shared = self.parent / f".{self.out.name}.shared"  # one copy of each file many sites publish
        self._lock_file = None
        self._out_text, self._folder_text = str(self.out), str(self.folder)  # for the hot paths
        self._shared_text = str(self.shared)
        self._made: set[str] = set()  # folders this process has made in the staging tree
        self.committed = False

    # The life of a build ---------------------------------------------------
    def __enter__(self) -> "Staging":
        self._check_out()
        self.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        # A staging folder left by a killed build is ours and unfinished.
        _remove_tree(self.folder)
        _remove_tree(self.shared)
        self._clear_trash()
        self.folder.mkdir()
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if not self.committed:
                _remove_tree(self.folder)
            _remove_tree(self.shared)  # the published files keep their data: they are links to it
        finally:
            self._unlock()

    def write(self, relative: str, data: bytes) -> None:
        target = self._fresh(relative)
        with open(target, "wb") as handle:
            handle.write(data)

    def copy(self, relative: str, source: Path) -> None:
        shutil.copyfile(source, self._fresh(relative))

    def share(self, relative: str, source: Path) -> str | None:
        """Put a file that many sites publish alike: the first time it is copied
        (with its time) beside the staging folder, then each site's file is a
        hard link to that copy, so a portal of a hundred sites holds it once.
        Any process may be first; the copy is named by the source's path, size
        and time. Gives the copy's path, for its compressed copies to be shared
        the same way (share_bytes), or None where the file system has no hard
        links (the file was copied)."""
        info = os.stat(source)
        key = hashlib.blake2b(f"{os.path.abspath(source)}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}"
                              .encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
        stored = os.path.join(self._shared_text, f"{key}-{os.path.basename(source)}")
        if self._link_stored(stored, relative, lambda temporary: shutil.copy2(source, temporary)):
            return stored
        shutil.copyfile(source, self._fresh(relative))
        return None

    def share_bytes(self, stored: str, relative: str, data: bytes, like: str) -> None:
        """Put bytes that many sites publish alike (a shared file's compressed
        copy) at relative, stored once as `stored` with the time of `like`."""
        def make(temporary: str) -> None:
            with open(temporary, "wb") as handle:
                handle.write(data)
            info = os.stat(like)
            os.utime(temporary, ns=(info.st_atime_ns, info.st_mtime_ns))

        if not self._link_stored(stored, relative, make):
            self.write(relative, data)

    def _link_stored(self, stored: str, relative: str, make) -> bool:
        """Link relative to the stored file, made first (by make(temporary)) when
        missing; False where the file system has no hard links."""
        target = self._fresh(relative)
        for attempt in range(2):
            try:
                os.link(stored, target)
                return True
            except FileNotFoundError:
                if attempt == 0:
                    self._store(stored, make)
            except OSError:
                return False
        return False

    def _store(self, stored: str, make) -> None:
        os.makedirs(self._shared_text, exist_ok=True)
        temporary = f"{stored}.{os.getpid()}.tmp"
        make(temporary)
        try:
            os.link(temporary, stored)  # the first process's copy is the one; a later one is dropped
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)

    def _fresh(self, relative: str) -> str:
        """The staging path, with nothing there: a file linked from the published
        tree must be replaced, never written through (that would change the
        published copy too)."""
        target = self._inside(relative)
        self._folder_for(target)
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
        return target

    def reuse(self, relative: str) -> bool:
        """Take an unchanged file from the published tree (a hard link, no copy)."""
        target = self._inside(relative)
        self._folder_for(target)
        try:
            os.link(f"{self._out_text}/{relative}", target)
            return True
        except OSError:
            return False

    def _folder_for(self, target: str) -> None:
        """Make the file's folder once: thousands of pages share a few hundred folders."""
        parent = os.path.dirname(target)
        if parent not in self._made:
            try:
                os.mkdir(parent)  # most often only the last folder is new
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(parent, exist_ok=True)
            self._made.add(parent)

    def reuse_tree(self, relative: str) -> bool:
        """Take a whole unchanged folder from the published tree (e.g. a search index)."""
        old = os.path.join(self._out_text, relative)
        if not os.path.isdir(old):
            return False
        start = len(self._out_text) + 1
        for directory, subdirs, names in os.walk(old):
            subdirs.sort()
            for name in sorted(names):
                if not self.reuse(os.path.join(directory, name)[start:].replace(os.sep, "/")):
                    return False
        return True

    def commit(self, info: dict) -> None:
        """Swap the finished staging folder in as the published output."""
        (self.folder / MARKER).write_text(json.dumps(info, ensure_ascii=False, sort_keys=True) + "\n",
                                          encoding="utf-8")
        _sync_tree(self.folder)
        if self.out.exists():
            _exchange(self.folder, self.out)
            self.committed = True
            self._discard(self.folder)  # now holds the previous publication
        else:
            os.rename(self.folder, self.out)
            self.committed = True
        _sync_dir(self.parent)

    def _discard(self, folder: Path) -> None:
        """Move the previous publication aside and delete it in the background:
        removing thousands of folders can take longer than the build itself."""
        trash = self.parent / f".{self.out.name}.trash-{os.getpid()}-{time.monotonic_ns()}"
        os.rename(folder, trash)
        _delete_in_background(trash)

    def _clear_trash(self) -> None:
        """Trash a killed build or deleter left behind."""
        for old in self.parent.glob(f".{self.out.name}.trash-*"):
            _delete_in_background(old)

    # Safety ----------------------------------------------------------------
    def _inside(self, relative: str) -> str:
        if not relative or relative[0] == "/" or relative[-1] == "/" or "//" in relative \
                or _DOT_PART.search(relative):
            raise ValueError(f"unsafe output path {relative!r}")
        return f"{self._folder_text}/{relative}"  # POSIX: '/' is the separator

    def _check_out(self) -> None:
        out = self.out
        if out == Path(out.anchor) or out == Path.home():
            raise PublishError("output-refused", out=out)
        for kept in self.protect:
            if out == kept or kept.is_relative_to(out) or out.is_relative_to(kept):
                raise PublishError("output-overlaps", out=out, kept=kept)
        if out.exists() and not out.is_dir():
            raise PublishError("output-is-file", out=out)
        if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
            raise PublishError("output-foreign", out=out)

    def _lock(self) -> None:
        self._lock_file = lock_output(self.out)

    def _unlock(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None


def lock_output(out: Path):
    """Hold the output's lock (a file beside it) until the returned file is closed,
    so no build swaps the output meanwhile; PublishError if another holds it."""
    if fcntl is None:
        return None
    out = Path(os.path.abspath(out))
    handle = open(out.parent / f".{out.name}.lock", "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise PublishError("output-busy", out=out) from None
    return handle


def _exchange(new: Path, current: Path) -> None:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); else as
    near as the system allows: two renames a moment apart."""
    if exchange(new, current):
        return
    aside = current.with_name(current.name + ".previous")
    _remove_tree(aside)
    os.rename(current, aside)
    os.rename(new, current)
    os.rename(aside, new)


def _delete_in_background(path: Path) -> None:
    """Delete a folder of ours from a detached process, so the build can return."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                          str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        _remove_tree(path)


def _remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _sync_tree(folder: Path) -> None:
    """Make the staged files durable before they become the publication: the
    file system holding them only (Linux syncfs), not every disk of the machine,
    where other programs' writes would make the build wait for them."""
    call = syncfs()
    if call is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if call(fd) == 0:
                return
        finally:
            os.close(fd)
    os.sync()


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
