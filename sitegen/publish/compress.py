"""Compressed copies of every text output, for web servers to send as they are.

Beside each page, feed, calendar, sitemap, style sheet, script and Pagefind's
text files (never an editor's attachment) the build writes `x.gz` (gzip) and, when Google's `brotli` package
is installed, `x.br`; nginx's `gzip_static` (and ngx_brotli's `brotli_static`)
then sends them to browsers that accept them, without compressing anything
per request. Pictures, PDFs and Pagefind's index files (already compressed)
are left alone.

The copies are deterministic (no file name or time in the gzip header), so
two builds of the same input are byte-identical. They are made only when the
output itself is made: an unchanged output's copies are linked from the
published tree like the output, never compressed again. A copy that would
not be smaller than its output is not written. An output made again with the
bytes it was published with (a list the edit did not change after all,
Pagefind's scripts written anew) takes the published file and its copies
instead: its time stays, so a deploy (rsync) does not send it again.

Levels: gzip 5 and brotli 5 (of 9 and 11). On the 21 x 100 benchmark's 75 MB
of distinct text, gzip 6 would save 1.3 % more bytes for a quarter more time;
brotli 9 or 11 would save 2 to 9 % more for 14 to 74 times the time.
"""

from __future__ import annotations

import gzip
import hashlib
import os

from ..content import paths

TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".xml", ".json", ".txt", ".ics", ".svg", ".webmanifest")
GZIP_LEVEL = 5
BROTLI_QUALITY = 5
MIN_BYTES = 256  # below this a request is mostly headers: not worth a file
MAX_BYTES = 32 << 20  # a larger text attachment is sent as it is rather than held in memory


def _brotli():
    try:
        import brotli  # Google's; optional (pip install 'sitegen[brotli]')
    except ImportError:
        return None
    return brotli


def encodings() -> tuple[str, ...]:
    """The suffixes of the copies this installation writes: '.gz', and '.br' with brotli."""
    return (".gz", ".br") if _brotli() is not None else (".gz",)


def compressible(path: str) -> bool:
    """A text output of the build's own. The editors' images/ and files/ are sent
    as they are: the web server serves no precompressed copy there (serving/nginx)."""
    if any(f"/{folder}" in "/" + path for folder in (paths.PICTURES, paths.FILES)):
        return False
    return path.lower().endswith(TEXT_SUFFIXES)


class Compressor:
    """Makes the copies; one per process. Identical bytes (each site's copy of
    the theme's files, Pagefind's scripts) are compressed once."""

    def __init__(self) -> None:
        self._brotli = _brotli()
        self.suffixes = (".gz", ".br") if self._brotli is not None else (".gz",)
        self._known: dict[bytes, dict[str, bytes]] = {}
        self._stored: dict[str, dict[str, bytes]] = {}  # a shared file's copies, by its stored path

    def copies(self, data: bytes, shared: bool = False) -> dict[str, bytes]:
        """suffix -> compressed bytes, for the encodings that make data smaller.
        shared: the same bytes are published by other sites too: remember them."""
        if not MIN_BYTES <= len(data) <= MAX_BYTES:
            return {}
        key = hashlib.blake2b(data, digest_size=20).digest() if shared else None
        made = self._known.get(key) if shared else None
        if made is None:
            made = {".gz": gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)}
            if self._brotli is not None:
                made[".br"] = self._brotli.compress(data, quality=BROTLI_QUALITY, mode=self._brotli.MODE_TEXT)
            made = {suffix: packed for suffix, packed in made.items() if len(packed) < len(data)}
            if shared:
                self._known[key] = made
        return made

    def made(self, stage, relative: str, data: bytes | None = None, shared: bool = False) -> bool:
        """The output at relative was just written into the staging tree (data:
        its bytes, when at hand): write its copies. When the published tree has
        the same bytes, its file is taken instead, with its copies: their time
        and inode stay, so a deploy sends nothing for it; then True. shared: as
        in copies()."""
        if not compressible(relative):
            return False
        if data is None:
            data = _read(os.path.join(stage.folder, relative))
            if data is None:
                return False
        if _take_published(stage, relative, data):
            self.kept(stage, relative)
            return True
        for suffix, packed in self.copies(data, shared).items():
            stage.write(relative + suffix, packed)
        return False

    def shared(self, stage, relative: str, stored: str | None) -> None:
        """The output at relative was just linked to `stored`, a file many sites
        publish alike (the theme's files, the admin page's CMS: Staging.share):
        its copies are made once, from that file, and linked the same way, so
        no site reads, compresses or holds its own. stored None: it was copied."""
        if not compressible(relative):
            return
        if stored is None:
            self.made(stage, relative)
            return
        made = self._stored.get(stored)
        if made is None:
            data = _read(stored)
            made = self._stored[stored] = self.copies(data) if data is not None else {}
        for suffix, packed in made.items():
            stage.share_bytes(stored + suffix, relative + suffix, packed, like=stored)

    def kept(self, stage, relative: str) -> None:
        """The output at relative was linked unchanged from the published tree
        (so its path is checked and its folder made): link its copies too; make
        those the published tree lacks."""
        if not compressible(relative):
            return
        published, path = f"{stage.out}/{relative}", f"{stage.folder}/{relative}"
        missing = []
        for suffix in self.suffixes:  # a kept site links thousands: straight to the system
            try:
                os.link(published + suffix, path + suffix)
            except OSError:
                missing.append(suffix)
        if missing:
            try:
                if os.path.getsize(path) < MIN_BYTES:
                    return  # never has copies
            except OSError:
                return
            data = _read(path)
            if data is None:
                return
            made = self.copies(data)
            for suffix in missing:
                if suffix in made:
                    stage.write(relative + suffix, made[suffix])

    def folder(self, stage, relative: str) -> None:
        """Every file directly in a folder of the staging tree (a search index's
        scripts, entry file and WebAssembly) was just written: write the text
        files' copies; take the published file wherever the bytes are the same."""
        top = os.path.join(stage.folder, relative)
        try:
            names = sorted(entry.name for entry in os.scandir(top) if entry.is_file())
        except OSError:
            return
        present = set(names)
        for name in names:
            path = relative.rstrip("/") + "/" + name
            if compressible(name):
                for suffix in self.suffixes:  # written anew: no copy of an older one may stay
                    if name + suffix in present:
                        os.unlink(os.path.join(top, name + suffix))
                self.made(stage, path, shared=True)
            elif not name.endswith(self.suffixes):
                data = _read(os.path.join(top, name))
                if data is not None:
                    _take_published(stage, path, data)


def _take_published(stage, relative: str, data: bytes) -> bool:
    """Replace the staged file by a link to the published one when their bytes
    are the same; whether it was."""
    try:
        if os.path.getsize(os.path.join(stage.out, relative)) != len(data):
            return False
        with open(os.path.join(stage.out, relative), "rb") as handle:
            if handle.read() != data:
                return False
    except OSError:
        return False
    os.unlink(os.path.join(stage.folder, relative))
    if stage.reuse(relative):
        return True
    stage.write(relative, data)  # the published file went away meanwhile
    return False


def _read(path: str) -> bytes | None:
    """The file's bytes, or None when it is missing or too large to hold."""
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
