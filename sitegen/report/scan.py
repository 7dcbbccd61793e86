"""What the report looks for in what a site publishes: links that lead
nowhere, pictures without a description, pictures too heavy for a phone.
Also where in an editor's file a piece of text is (for path:line)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..content.source import SITE_ROOT_MARK
from ..problems import Words
from ..vietnamese import format_number


def links_and_pictures(analysis, sources: list[tuple[str, object]]) -> None:
    """Broken site links and pictures without alt text in the bodies (source, Body)."""
    seen_links: set[tuple[str, str]] = set()
    lines = analysis.lines
    for source, body in sources:
        for href in body.links:
            if href.startswith(SITE_ROOT_MARK):
                target = href[len(SITE_ROOT_MARK):]
                if not analysis.exists(target) and (source, target) not in seen_links:
                    seen_links.add((source, target))
                    analysis.add("broken-link", "report-broken-link", path=source,
                                 line=lines.find(source, needle(target)), target="/" + target)
        for src, alt in body.pictures:
            if alt is None or not alt.strip():
                shown = src[len(SITE_ROOT_MARK):] if src.startswith(SITE_ROOT_MARK) else src
                analysis.add("image-no-alt", "report-image-no-alt", path=source,
                             line=lines.find(source, shown), image=shown)


def menu_links(analysis, site) -> None:
    """Entries of site.yaml's menu that lead to no page."""
    for link in site.menu:
        if link.path is None or link.key:
            continue
        if not analysis.exists(link.path):
            path = f"{site.folder}/site.yaml"
            analysis.add("broken-link", "report-broken-menu", path=path,
                         line=analysis.lines.find(path, needle(link.path)), title=link.title,
                         target="/" + link.path)


def heavy_pictures(analysis, site, limit: int) -> None:
    for name in site.files:
        if not name.startswith("images/"):
            continue
        try:
            size = (Path(site.folder) / name).stat().st_size
        except OSError:
            continue
        if size > limit:
            analysis.add("image-too-heavy", "report-image-too-heavy", path=f"{site.folder}/{name}", image=name,
                         size=Words(_size(size, "vi"), _size(size, "en")),
                         limit=Words(_size(limit, "vi"), _size(limit, "en")))


def needle(target: str) -> str:
    """What an editor most likely wrote for a site link: the path without the end slash."""
    return target.split("#", 1)[0].split("?", 1)[0].rstrip("/") or target


def _size(size: int, lang: str) -> str:
    if size >= 1024 * 1024:
        value = round(size / (1024 * 1024), 1)
        return f"{format_number(value) if lang == 'vi' else value} MB"
    return f"{round(size / 1024)} KB"


class LineFinder:
    """The first line of an editor's file that holds a piece of text (for the report's path:line)."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def find(self, path: str, needle: str) -> int | None:
        if not needle:
            return None
        if path not in self._files:
            try:
                text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
                self._files[path] = unicodedata.normalize("NFC", text).splitlines()
            except OSError:
                self._files[path] = None
        lines = self._files[path]
        if lines is None:
            return None
        return next((number for number, line in enumerate(lines, 1) if needle in line), None)
