"""The records every kind shares: a site's identity, a text's body, and
everything read from one site folder. Each kind's own record (Article,
Person ...) is declared with the kind in content/kinds/.

Paths to pictures and attachments are relative to the site folder
('images/x.jpg'); body_html is sanitised HTML in which links to the site's
own files start with SITE_ROOT_MARK (resolved per page when rendering).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime

from .national import Services
from .vocabulary import forge_api, site_level


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str


@dataclass(frozen=True)
class Notice:
    text: str
    start: datetime | None
    until: datetime | None


@dataclass(frozen=True)
class CmsRepository:
    """One site's own repository or branch, in the root's `cms:` block."""

    site: str  # the site's folder name
    repo: str = ""
    branch: str = ""


@dataclass(frozen=True)
class CmsTarget:
    """Where one site's admin page saves its editors' files: a repository and
    branch of a Git forge, in which the site's folder is sites/<folder>/; or,
    with no forge (backend ''), only the preview's local back end (serve --edit)."""

    folder: str  # the site's folder name (a slug)
    backend: str = ""  # a FORGES key (Decap's back end), '' for none
    repo: str = ""
    branch: str = "main"
    base_url: str = ""  # the forge's address, without a final '/'
    api_root: str = ""
    app_id: str = ""  # the forge's OAuth application the editors sign in with
    review: bool = True  # the service's editorial workflow: editors send for review, approvers publish


@dataclass(frozen=True)
class CmsConfig:
    """The root portal's `cms:` block: the Git forge every site's admin page
    saves into. '{site}' in repo or branch stands for each site's folder name
    (one repository or one branch per site); `sites` names exceptions."""

    backend: str
    repo: str = ""
    app_id: str = ""
    branch: str = "main"
    base_url: str = ""
    api_root: str = ""
    sites: tuple[CmsRepository, ...] = ()
    review: bool = True  # with the service: entries go through an approver

    @property
    def complete(self) -> bool:
        """A forge needs its repository and OAuth application; the service needs nothing more."""
        return self.backend == "service" or bool(self.repo and self.app_id)

    def target(self, folder: str) -> CmsTarget:
        if self.backend == "service":
            return CmsTarget(folder, self.backend, review=self.review)
        own = next((s for s in self.sites if s.site == folder), None)
        repo = (own.repo if own and own.repo else self.repo).replace("{site}", folder)
        branch = (own.branch if own and own.branch else self.branch or "main").replace("{site}", folder)
        base = self.base_url.rstrip("/")
        api = self.api_root.rstrip("/") or (base + forge_api(self.backend) if base else "")
        return CmsTarget(folder, self.backend, repo, branch, base, api, self.app_id)


@dataclass(frozen=True)
class SiteConfig:
    slug: str
    name: str
    kind: str
    short_name: str = ""
    name_en: str = ""  # its name on its English pages (en/)
    parent: str | None = None
    base_url: str | None = None
    owner: str = ""
    responsible: str = ""
    licence: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    menu: tuple[MenuItem, ...] = ()
    categories: tuple[str, ...] = ()  # the news categories its admin page offers (besides those in use)
    allow_html: bool = False  # asked for; granted only by the root portal's allow_html_sites
    allow_html_sites: tuple[str, ...] = ()  # on the root portal: the sites that may write raw HTML
    sample_dated: datetime | None = None  # on a sample portal's root: the day its dates were written as of
    feedback_url: str = ""
    notice: Notice | None = None
    cms: CmsConfig | None = None  # on the root portal: where the admin pages save
    services: Services = Services()  # its own `services:` addresses (the portal adds its parent's)

    @property
    def level(self) -> str:
        """The procedure level (cấp thực hiện) this site works at."""
        return site_level(self.kind)


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True, init=False)
class Body:
    """A text's HTML, kept compressed.

    Bodies are most of a portal's memory (a long Vietnamese article is some
    25 KB as a Python string); a province of 40,000 articles holds them all
    until every site is rendered. Compressed they take about a sixth of
    that, and each is unpacked only while a page that shows it is rendered.
    """

    packed: bytes
    first_paragraph: str = ""
    headings: tuple[Heading, ...] = ()
    # What the report checks, found once when the text is made (then cached
    # with it): every link's href and every picture's (src, alt), as published.
    links: tuple[str, ...] = ()
    pictures: tuple[tuple[str, str | None], ...] = ()

    def __init__(self, html: str, first_paragraph: str = "", headings: tuple[Heading, ...] = (),
                 links: tuple[str, ...] = (), pictures: tuple[tuple[str, str | None], ...] = ()):
        object.__setattr__(self, "packed", zlib.compress(html.encode("utf-8", "surrogatepass"), 1))
        object.__setattr__(self, "first_paragraph", first_paragraph)
        object.__setattr__(self, "headings", headings)
        object.__setattr__(self, "links", links)
        object.__setattr__(self, "pictures", pictures)

    @property
    def html(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class SiteContent:
    """Everything read from one site folder, published items only."""

    slug: str
    folder: str
    config: SiteConfig
    items: dict[str, tuple] = field(default_factory=dict)  # kind name -> its records, as read
    files: tuple[str, ...] = ()  # images/ and files/, copied as they are
    pictures: tuple = ()  # content.pictures.Picture of each picture in images/
    has_templates: bool = False
    html_allowed: bool = False  # the root portal lets its editors write raw HTML
    held_back: tuple[str, ...] = field(default=())  # drafts and scheduled items' sources
    scheduled: tuple[datetime, ...] = ()  # when scheduled news becomes due

    def of(self, kind: str) -> tuple:
        return self.items.get(kind, ())
