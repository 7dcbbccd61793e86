"""What the last build read and wrote, kept beside the output for the next.

  .<out>.cache/
    sites/<folder>.pickle      each content file's result, by its bytes and site context
    texts/<folder>.pickle      the text extracted from each attachment, by its path and stat
    snapshots/<slug>.pickle    each site's content as last published, for --site builds
    built.pickle               each site's published files with their fingerprints
    hashes.pickle              each input text file's digest by its stat
    state.pickle               the whole input's fingerprint, for "nothing changed"
    problems.pickle            what the last build reported, to report again when nothing changed

Everything here can be deleted at any time: the next build is then a full
one. A cache from another version of sitegen or its libraries is ignored.
The folder belongs to the webmaster's build, like the output: editors, who
only write in their site folders, never reach it.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import importlib.util
from pathlib import Path
from typing import Any

from ..parallel import collector_paused


SHAPING_MODULES = ("sitegen", "markdown", "nh3", "jinja2", "feedgen", "icalendar", "yaml", "babel",
                   "slugify", "markupsafe")


def program_version() -> str:
    """Changes when sitegen or a library that shapes the output changes.

    Each module's files are found without importing it and stood for by their
    size and time: an upgrade or an edit replaces them. (Reading the packages'
    metadata instead costs more than a whole unchanged build.) A library's
    upgrade replaces its top folder's files too; sitegen's own files are all
    looked at, since a working copy may change any one of them.
    """
    parts = [sys.version]
    for name in SHAPING_MODULES:
        spec = importlib.util.find_spec(name)
        folder = Path(spec.origin).parent if spec and spec.origin else None
        stamp = _files_stamp(folder, every_level=name == "sitegen") if folder else "?"
        parts.append(f"{name}:{stamp}")
    return ";".join(parts)


def _files_stamp(folder: Path, every_level: bool = False) -> str:
    """Size and modification time of every Python file of a package (of its
    top folder only, unless every_level)."""
    stamp = []
    for directory, subdirs, names in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if every_level and d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".so", ".pyd")):
                info = os.stat(os.path.join(directory, name))
                stamp.append(f"{os.path.relpath(directory, folder)}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return str(hash_text("|".join(stamp)))


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


class BuildCache:
    def __init__(self, out: Path, version: str):
        out = Path(os.path.abspath(out))
        self.folder = out.parent / f".{out.name}.cache"
        self.version = version

    def site_files(self, slug: str) -> dict:
        return self._load(self.folder / "sites" / f"{slug}.pickle", {})

    def save_site_files(self, slug: str, results: dict) -> None:
        self._save(self.folder / "sites" / f"{slug}.pickle", results)

    def site_texts(self, slug: str) -> dict:
        """The text extracted from each of a site's attachments, by path and stat."""
        return self._load(self.folder / "texts" / f"{slug}.pickle", {})

    def save_site_texts(self, slug: str, texts: dict) -> None:
        self._save(self.folder / "texts" / f"{slug}.pickle", texts)

    def file_hashes(self) -> dict[str, Any]:
        return self._load(self.folder / "hashes.pickle", {})

    def save_file_hashes(self, hashes: dict[str, Any]) -> None:
        self._save(self.folder / "hashes.pickle", hashes)

    def snapshot(self, slug: str) -> Any:
        return self._load(self.folder / "snapshots" / f"{slug}.pickle", None)

    def save_snapshot(self, slug: str, value: Any) -> None:
        self._save(self.folder / "snapshots" / f"{slug}.pickle", value)

    def built(self) -> dict[str, Any]:
        return self._load(self.folder / "built.pickle", {})

    def save_built(self, built: dict[str, Any]) -> None:
        self._save(self.folder / "built.pickle", built)

    def problems(self) -> list:
        return self._load(self.folder / "problems.pickle", [])

    def save_problems(self, problems: list) -> None:
        self._save(self.folder / "problems.pickle", list(problems))

    def state(self) -> dict[str, Any]:
        return self._load(self.folder / "state.pickle", {})

    def save_state(self, state: dict[str, Any]) -> None:
        self._save(self.folder / "state.pickle", state)

    def forget_state(self) -> None:
        try:
            (self.folder / "state.pickle").unlink()
        except OSError:
            pass

    def _load(self, path: Path, empty: Any) -> Any:
        try:
            with open(path, "rb") as handle, collector_paused():
                version, value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
                ImportError, IndexError):
            return empty
        return value if version == self.version else empty

    def _save(self, path: Path, value: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False)
        try:
            with handle:
                pickle.dump((self.version, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, path)
        except BaseException:
            os.unlink(handle.name)
            raise
