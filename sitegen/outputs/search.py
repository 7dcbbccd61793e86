"""The search index of a site, written by Pagefind after its pages.

Each site gets its own index in <site>/pagefind/, so a sub-site served alone
on its own domain can still be searched; a parent's search page merges its
sub-sites' indexes in the browser. Only item pages (articles, procedures,
fixed pages, people, events) mark their content with data-pagefind-body, so
lists and the home page do not crowd the results.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..parallel import die_with_parent
from ..portal import paths


def pagefind_executable() -> str | None:
    """The binary the 'pagefind[bin]' package ships, else one on PATH."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except Exception:  # the package is missing or has no binary for this platform
        return shutil.which("pagefind")


def index_site(site_folder: Path, own_folders: tuple[str, ...] | None) -> str | None:
    """Index the pages under site_folder (the site's folder in the staging tree).

    own_folders: for a parent, the top folders that are its own (its sub-sites
    live in folders beside them and have their own index); None: everything.
    Returns an error text, or None when the index was written.
    """
    executable = pagefind_executable()
    if executable is None:
        return "pagefind not found"
    if own_folders is not None and not own_folders:
        return None
    glob = "**/*.html" if own_folders is None else "{" + ",".join(sorted(own_folders)) + "}/**/*.html"
    result = subprocess.run(
        [executable, "--site", str(site_folder), "--output-subdir", paths.SEARCH_INDEX.rstrip("/"),
         "--force-language", "vi", "--glob", glob, "--silent"],
        capture_output=True, text=True, preexec_fn=die_with_parent)
    if result.returncode != 0:
        return (result.stderr or result.stdout).strip()[-500:]
    return None
