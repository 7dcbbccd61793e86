"""Links from one page to another, written so the output works anywhere.

Inside a site, links are relative: the site works when <out> is served as
one web root, when its folder is served alone on its own domain, and from a
plain copy on disk. A link to another site is relative too, unless one of
the two sites has its own domain (then it may be served apart: absolute).
Feeds, sitemaps, canonical links and the 404 page use absolute URLs.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit
from functools import lru_cache

from markupsafe import Markup

from ..content.records import Body
from ..content.source import SITE_ROOT_MARK
from ..portal import paths
from ..portal.model import SiteRef
from ..vietnamese import slugify

_MARKED = re.compile(SITE_ROOT_MARK + r'([^"\s<>]*)')


@lru_cache(maxsize=65536)
def relative_url(here: str, target: str) -> str:
    """The URL of target (a path under <out>; '/' ends a folder) from a page in folder here."""
    from_parts = here.split("/") if here else []
    folder = target == "" or target.endswith("/")
    to_parts = [p for p in target.split("/") if p]
    common = 0
    while common < min(len(from_parts), len(to_parts)) and from_parts[common] == to_parts[common]:
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    if not parts:
        return "./" if folder else "."
    return "/".join(parts) + ("/" if folder else "")


class Linker:
    """Makes URLs for the page at `page_path` of `site`.

    mode 'relative' (pages), 'absolute' (feeds, sitemaps) or 'rooted' (the 404
    page, served at any depth: its links start at the server's root, '/an-binh/...').
    """

    def __init__(self, site: SiteRef, page_path: str, mode: str = "relative"):
        self.site_ref = site
        self.page_path = page_path
        self.mode = mode
        self._here = posixpath.dirname(site.prefix + paths.output_file(page_path))

    def __call__(self, path: str) -> str:
        return self.to(path)

    def to(self, path: str) -> str:
        """A path of this site ('' is its home)."""
        return self.site(self.site_ref, path)

    def site(self, ref: SiteRef, path: str = "") -> str:
        """A path of any site of the portal."""
        if self.mode == "absolute" or (ref.slug != self.site_ref.slug
                                       and (ref.own_domain or self.site_ref.own_domain)):
            return self.absolute(ref, path)
        if self.mode == "rooted":
            return urlsplit(ref.url).path + path
        return self._relative(ref.prefix + path)

    def _relative(self, target: str) -> str:
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        return relative_url(self._here, target) + anchor

    @staticmethod
    def absolute(ref: SiteRef, path: str) -> str:
        return ref.url + path

    def body(self, body: Body, owner: SiteRef | None = None) -> Markup:
        """Stored body HTML with its site links made right for this page."""
        owner = owner or self.site_ref
        return Markup(_MARKED.sub(lambda m: self.site(owner, m.group(1)), body.html))

    def absolute_body(self, body: Body, owner: SiteRef) -> str:
        return _MARKED.sub(lambda m: self.absolute(owner, m.group(1)), body.html)

    # Shorthands for templates.
    def article(self, article, owner: SiteRef | None = None) -> str:
        return self.site(owner or self.site_ref, paths.article(article.slug))

    def person(self, person) -> str:
        return self.to(paths.person(person.slug))

    def event(self, event) -> str:
        return self.to(paths.event(event.slug))

    def procedure(self, procedure) -> str:
        return self.to(paths.procedure(procedure.slug))

    def page(self, page) -> str:
        return self.to(paths.page(page.slug))

    def category(self, name: str) -> str:
        return self.to(paths.category(slugify(name)))

    def tag(self, name: str) -> str:
        return self.to(paths.tag(slugify(name)))

    def file(self, path: str | None, owner: SiteRef | None = None) -> str:
        return self.site(owner or self.site_ref, path) if path else ""

    def canonical(self) -> str:
        return self.absolute(self.site_ref, self.page_path)
