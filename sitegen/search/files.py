"""The files of a Pagefind index folder, as a build keeps, seeds and prunes them.

An index folder holds Pagefind's scripts and WebAssembly, its entry file
(pagefind-entry.json), its metadata (pagefind.<hash>.pf_meta) and the
folders of files named by their content's hash (fragment/, index/, filter/).
A site's shards live in folders inside its main index folder, so "an index's
files" never means the folders below it other than those three.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Iterator

HASHED_FOLDERS = ("fragment", "index", "filter")  # inside an index: files named by their content's hash
ENTRY = "pagefind-entry.json"
_META_PREFIX = b"pagefind_dcd"  # before the CBOR of a decompressed .pf_meta file


def seed_files(index: Path) -> Iterator[str]:
    """The hash-named files of a published index, relative to it: Pagefind will
    not write them again if they are there, and they cannot change."""
    for folder in HASHED_FOLDERS:
        try:
            names = sorted(entry.name for entry in os.scandir(index / folder) if entry.is_file())
        except OSError:
            continue
        yield from (f"{folder}/{name}" for name in names)
    yield from sorted(path.name for path in index.glob("pagefind.*.pf_meta"))


def index_files(index: Path) -> Iterator[str]:
    """Every file of an index, relative to it (not those of the shards inside it)."""
    try:
        entries = sorted(os.scandir(index), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_file():
            yield entry.name
    yield from (name for name in seed_files(index) if "/" in name)


def reuse_index(stage, index: str) -> bool:
    """Take a published index's files as they are into the staging folder (hard
    links); False if it has none or one could not be taken."""
    files = list(index_files(stage.out / index))
    return bool(files) and all(stage.reuse(index + name) for name in files)


def store_index(index: Path, files: list[tuple[str, bytes]]) -> None:
    """Write an index's files into its folder as Pagefind would: a hash-named
    file already there (seeded from the published index) has these bytes and
    stays; every other file is written anew, into a new inode, never through
    a link to the published tree."""
    for name, data in files:
        target = index / name
        if _hash_named(name) and target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = target.with_name(target.name + ".new")
        fresh.write_bytes(data)
        os.replace(fresh, target)


def _hash_named(name: str) -> bool:
    return name.split("/", 1)[0] in HASHED_FOLDERS or (name.startswith("pagefind.") and name.endswith(".pf_meta"))


def clear_index(index: Path) -> None:
    """Delete an index's files, leaving the shards inside its folder."""
    for folder in HASHED_FOLDERS:
        shutil.rmtree(index / folder, ignore_errors=True)
    for name in index_files(index):
        (index / name).unlink(missing_ok=True)


def strip_scripts(index: Path) -> None:
    """Keep only what a merged index is read from: its entry, its metadata and
    its hash-named folders (the main index's scripts and WebAssembly serve all)."""
    for entry in os.scandir(index):
        if entry.is_file() and entry.name != ENTRY and not entry.name.endswith(".pf_meta"):
            os.unlink(entry.path)


def prune_index(index: Path) -> bool:
    """Delete the hash-named files the index just written does not name (seeds
    of pages since changed or gone). False if the index could not be read."""
    import cbor2  # Pagefind's own format for its metadata

    try:
        entry = json.loads((index / ENTRY).read_text(encoding="utf-8"))
        metas = {f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()}
        named: set[str] = set()
        for meta in metas:
            data = gzip.decompress((index / meta).read_bytes())
            if not data.startswith(_META_PREFIX):
                return False
            named.update(_strings(cbor2.loads(data[len(_META_PREFIX):])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError, cbor2.CBORDecodeError):
        return False
    for folder in HASHED_FOLDERS:
        for path in (index / folder).glob("*"):
            if path.stem not in named:
                path.unlink()
    for path in index.glob("pagefind.*.pf_meta"):
        if path.name not in metas:
            path.unlink()
    return True


def _strings(value) -> Iterator[str]:
    """Every text in a decoded .pf_meta: among them, the hash of every file it uses."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.items():
            yield from _strings(item)
