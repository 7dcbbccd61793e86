"""Reading and validating the editors' content: site folders to records.

A portal's sites are gathered from one folder of site folders or several
(`--sites`, repeatable: the district's repository and one repository per
commune); a site folder's name is its name everywhere, so a name met in two
of them is refused by the command line (duplicate_sites).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Union

MAX_FILE_BYTES = 2 * 1024 * 1024  # a larger text file is refused, named in the message

Trees = Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]  # one folder of sites, or several


def portal_trees(sites: Trees) -> tuple[Path, ...]:
    """The folders the portal's site folders are gathered from."""
    if isinstance(sites, (str, os.PathLike)):
        return (Path(sites),)
    return tuple(Path(tree) for tree in sites)


def _candidates(sites: Trees) -> Iterable[Path]:
    for tree in portal_trees(sites):
        try:
            children = sorted(tree.iterdir())
        except OSError:
            continue
        yield from (p for p in children
                    if p.is_dir() and not p.name.startswith((".", "_")) and not p.is_symlink())


def site_folders(sites: Trees) -> list[Path]:
    """Every folder of the portal's trees that may be a site, in a stable order
    (by name); of two folders with one name, the first tree's."""
    found: dict[str, Path] = {}
    for folder in _candidates(sites):
        found.setdefault(folder.name, folder)
    return [found[name] for name in sorted(found)]


def duplicate_sites(sites: Trees) -> list[tuple[Path, Path]]:
    """Site folders of the same name in two trees: (the first, the other)."""
    first: dict[str, Path] = {}
    clashes = []
    for folder in _candidates(sites):
        if folder.name in first:
            clashes.append((first[folder.name], folder))
        else:
            first[folder.name] = folder
    return clashes


def find_site(sites: Trees, name: str) -> Path | None:
    """The folder of the site named `name` (its folder name), if it has a site.yaml."""
    for tree in portal_trees(sites):
        folder = tree / name
        if name and "/" not in name and name not in (".", "..") and (folder / "site.yaml").is_file():
            return folder
    return None


def site_names(sites: Trees) -> list[str]:
    """The names of the folders that hold a site.yaml, for messages."""
    return [f.name for f in site_folders(sites) if (f / "site.yaml").is_file()]
