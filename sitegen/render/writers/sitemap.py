"""sitemap.xml and robots.txt of one site, with absolute URLs."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from ...content import paths

if TYPE_CHECKING:
    from ...outputs.plan import Chrome
    from ..links import Linker


def render_sitemap(site: "Chrome", entries: tuple[tuple[str, datetime | None], ...],
                   linker: "Linker", alternates: dict | None = None) -> bytes:
    """entries: (site-relative path, last change or None) of every page; alternates: the
    (language, path) of each page with a translation and of it, named too (xhtml:link)."""
    alternates = alternates or {}
    translated = any(path in alternates for path, _changed in entries)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
             + (' xmlns:xhtml="http://www.w3.org/1999/xhtml">' if translated else ">")]
    for path, changed in entries:
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" '
                        f'href="{escape(linker.absolute(site.ref, other))}"/>'
                        for lang, other in alternates.get(path, ()))
        lines.append(f"  <url><loc>{escape(linker.absolute(site.ref, path))}</loc>"
                     + (f"<lastmod>{changed.isoformat()}</lastmod>" if changed else "") + links + "</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_robots(site: "Chrome", linker: "Linker", sub_sites: tuple = ()) -> bytes:
    """Every crawler welcome but on the admin pages; the root also names its
    sub-sites' sitemaps, and keeps crawlers off their admin pages at any depth
    (the '*' is understood by the main search engines; the pages also say noindex)."""
    base = urlsplit(linker.absolute(site.ref, "")).path
    lines = ["User-agent: *", "Allow: /", f"Disallow: {base}{paths.ADMIN}"]
    if sub_sites:
        lines.append(f"Disallow: {base}*/{paths.ADMIN}")
    lines.append("")
    lines.append(f"Sitemap: {linker.absolute(site.ref, paths.SITEMAP)}")
    for ref in sub_sites:
        lines.append(f"Sitemap: {linker.absolute(ref, paths.SITEMAP)}")
    return ("\n".join(lines) + "\n").encode("utf-8")
