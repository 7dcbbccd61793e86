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

from markupsafe import Markup, escape

from ..content import paths
from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..content.records import Body
from ..content.source import SITE_ROOT_MARK
from ..portal.model import SiteRef
from ..vietnamese import slugify

_MARKED = re.compile(SITE_ROOT_MARK + r'([^"\s<>]*)')
_IMG = re.compile(r"<img\b[^>]*>")
BODY_SIZES = "(min-width: 56em) 52em, 100vw"  # the text column's width


def relative_url(here: str, target: str) -> str:
    """The URL of target (a path under <out>; '/' ends a folder) from a page in folder here."""
    from_parts = here.split("/") if here else []
    folder = target == "" or target.endswith("/")
    to_parts = [p for p in target.split("/") if p]
    common = 0
    for mine, theirs in zip(from_parts, to_parts):
        if mine != theirs:
            break
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

    def __init__(self, site: SiteRef, page_path: str, mode: str = "relative", pictures: tuple = (),
                 kinds: Registry = DEFAULT):
        self.site_ref = site
        self.page_path = page_path
        self.mode = mode
        self.kinds = kinds
        self.pictures = {picture.path: picture for picture in pictures}
        self._here = posixpath.dirname(site.prefix + paths.output_file(page_path))
        self._relatives: dict[str, str] = {}  # target -> its URL from this page

    def to(self, path: str) -> str:
        """A path of this site ('' is its home)."""
        return self.site(self.site_ref, path)

    __call__ = to

    def site(self, ref: SiteRef, path: str = "") -> str:
        """A path of any site of the portal."""
        if self.mode == "absolute" or (ref.slug != self.site_ref.slug
                                       and (ref.own_domain or self.site_ref.own_domain)):
            return self.absolute(ref, path)
        if self.mode == "rooted":
            return urlsplit(ref.url).path + path
        return self._relative(ref.prefix + path)

    def _relative(self, target: str) -> str:
        made = self._relatives.get(target)
        if made is None:
            path, anchor = target, ""
            if "#" in path:
                path, anchor = path.split("#", 1)
                anchor = "#" + anchor
            made = self._relatives[target] = relative_url(self._here, path) + anchor
        return made

    @staticmethod
    def absolute(ref: SiteRef, path: str) -> str:
        return ref.url + path

    def body(self, body: Body, owner: SiteRef | None = None) -> Markup:
        """Stored body HTML with its site links made right for this page, and
        its own site's pictures given their sizes and smaller copies."""
        owner = owner or self.site_ref
        html = body.html
        if owner.slug == self.site_ref.slug and self.pictures:
            html = _IMG.sub(self._body_picture, html)
        return Markup(_MARKED.sub(lambda m: escape(self.site(owner, m.group(1))), html))

    def _body_picture(self, match: re.Match) -> str:
        tag = match.group(0)
        found = re.search(r'\bsrc="' + SITE_ROOT_MARK + r'([^"]+)"', tag)
        if not found or found.group(1) not in self.pictures:
            return tag
        alt = re.search(r'\balt="([^"]*)"', tag)
        return str(self.picture(found.group(1), Markup(alt.group(1)) if alt else "", sizes=BODY_SIZES))

    def picture(self, path: str | None, alt: str, sizes: str = BODY_SIZES, lazy: bool = True,
                owner: SiteRef | None = None, css_class: str = "") -> Markup:
        """<picture> with WebP and JPEG/PNG copies in several widths, width and height
        set (no layout jump), lazy below the fold; a plain <img> for other files."""
        if not path:
            return Markup("")
        picture = self.pictures.get(path) if owner is None or owner.slug == self.site_ref.slug else None
        loading = Markup(' loading="lazy"' if lazy else "")
        if css_class:
            loading += Markup(' class="{}"').format(css_class)
        if picture is None:
            return Markup('<img src="{}" alt="{}"{}>').format(self.file(path, owner), alt, loading)
        widths = (*picture.widths, picture.width)

        def srcset(kind: str) -> str:
            return ", ".join(f"{self.to(picture.variant(w, kind) if (w, kind) != (picture.width, picture.fallback) else picture.path)} {w}w"
                             for w in widths)

        return Markup('<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
                      '<img src="{src}" srcset="{fallback}" sizes="{sizes}" width="{width}" height="{height}" '
                      'alt="{alt}"{loading} decoding="async"></picture>').format(
            webp=srcset("webp"), fallback=srcset(picture.fallback), sizes=sizes, src=self.to(picture.path),
            width=picture.width, height=picture.height, alt=alt, loading=loading)

    def absolute_body(self, body: Body, owner: SiteRef) -> str:
        return _MARKED.sub(lambda m: escape(self.absolute(owner, m.group(1))), body.html)

    def item_path(self, record) -> str:
        """Where a record's page is in its site."""
        return self.kinds.of(record).item_path(record)

    def item(self, record, owner: SiteRef | None = None) -> str:
        """The page of a record (of this site, or of `owner`)."""
        return self.site(owner or self.site_ref, self.item_path(record))

    def term(self, taxonomy: str, name: str) -> str:
        """The page of a category, a tag ... of this site."""
        return self.to(f"{self.kinds.taxonomy(taxonomy).base}{slugify(name)}/")

    def file(self, path: str | None, owner: SiteRef | None = None) -> str:
        return self.site(owner or self.site_ref, path) if path else ""

    def canonical(self) -> str:
        return self.absolute(self.site_ref, self.page_path)
