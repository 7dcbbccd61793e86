"""Machine-readable pages: schema.org JSON-LD for search engines and apps.

Every page says which body publishes it (GovernmentOrganization) and where
it sits (BreadcrumbList); a page about records adds what each record is, as
its kind declares it (NewsArticle, Event, Person, GovernmentService ...).
The data is built here and in the kinds' declarations from the page's
context, never in a template, and written so that nothing an editor types
can end the script block: '<', '>', '&' and the line separators are escaped
inside the JSON strings.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .links import Linker

CONTEXT = "https://schema.org"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script(data: list[dict[str, Any]]) -> Markup:
    """The <script type="application/ld+json"> block, safe whatever the data holds."""
    text = json.dumps({"@context": CONTEXT, "@graph": data}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def for_page(context: dict[str, Any], link: Linker, wording: dict[str, str]) -> Markup:
    site = context["site"]
    meta = context["meta"]
    organisation = _organisation(site, link)
    graph: list[dict[str, Any]] = [organisation]
    if meta.page_type == "home":
        graph.append({"@type": "WebSite", "name": site.name or site.config.name,
                      "url": link.absolute(site.ref, meta.path), "inLanguage": meta.lang,
                      "publisher": {"@id": organisation["@id"]}})
    crumbs = _breadcrumbs(meta, site, link, wording)
    if crumbs:
        graph.append(crumbs)
    described = _Described(site, link, organisation, wording, context)
    for record in context.get("schema_items", ()):
        schema = link.kinds.of(record).publishing.schema
        if schema is not None:
            graph.extend(schema(record, described))
    return script(graph)


class _Described:
    """What a kind's schema function may use to describe a record of this site."""

    CONTEXT = CONTEXT

    def __init__(self, site, link: Linker, organisation: dict[str, Any], wording: dict[str, str],
                 context: dict[str, Any]):
        self.site = site
        self.organisation = organisation
        self.wording = wording
        self.context = context  # the page's (a document's state ...)
        self._link = link

    def url(self, record) -> str:
        """The absolute address of the record's page on this site."""
        return self._link.absolute(self.site.ref, self._link.item_path(record))

    def file(self, path: str) -> str:
        """The absolute address of one of this site's files."""
        return self._link.absolute(self.site.ref, path)


def _organisation(site, link: Linker) -> dict[str, Any]:
    config = site.config
    url = link.absolute(site.ref, "")
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "@id": url + "#to-chuc",
                            "name": config.owner or config.name, "url": url}
    if config.name_en:
        data["alternateName"] = config.name_en
    if config.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": config.address, "addressCountry": "VN"}
    if config.phone:
        data["telephone"] = config.phone
    if config.email:
        data["email"] = config.email
    if site.parent:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": site.parent.name,
                                      "url": link.absolute(site.parent, "")}
    return data


def _breadcrumbs(meta, site, link: Linker, wording: dict[str, str]) -> dict[str, Any] | None:
    if meta.page_type == "home" or meta.not_found or not meta.crumbs:
        return None
    items = []
    for position, crumb in enumerate(meta.crumbs, 1):
        items.append({"@type": "ListItem", "position": position,
                      "name": crumb.title or wording.get(crumb.key, crumb.key),
                      "item": link.absolute(site.ref, crumb.path)})
    return {"@type": "BreadcrumbList", "itemListElement": items}
