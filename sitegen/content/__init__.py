"""Reading and validating the editors' content: site folders to records."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..problems import Problem, problem
from .loader import load_site
from .markdown import MarkdownRenderer
from .records import SiteContent


def site_folders(sites_dir: Path) -> list[Path]:
    """Every folder of the portal tree that may be a site, in a stable order."""
    return sorted(p for p in sites_dir.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")) and not p.is_symlink())


def load_sites(sites_dir: Path, now: datetime) -> tuple[list[SiteContent], list[Problem]]:
    """Read every site folder; a broken site is reported and the others still load."""
    renderer = MarkdownRenderer()
    contents: list[SiteContent] = []
    problems: list[Problem] = []
    folders = site_folders(sites_dir)
    for folder in folders:
        result = load_site(folder, str(sites_dir / folder.name), now, renderer)
        problems.extend(result.problems)
        if result.content is not None:
            contents.append(result.content)
    if not folders:
        problems.append(problem(str(sites_dir), None, "no-sites", folder=str(sites_dir)))
    return contents, problems
