"""Machine-readable pages: schema.org JSON-LD for search engines and apps.

Every page says which body publishes it (GovernmentOrganization) and where
it sits (BreadcrumbList); item pages add what they are: NewsArticle, Event
(cancelled ones say so), Person, GovernmentService. The data is built here
from the page's context, never in a template, and written so that nothing an
editor types can end the script block: '<', '>', '&' and the line
separators are escaped inside the JSON strings.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..portal import paths
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
    if meta.kind == "home":
        graph.append({"@type": "WebSite", "name": site.config.name, "url": link.absolute(site.ref, ""),
                      "inLanguage": "vi", "publisher": {"@id": organisation["@id"]}})
    crumbs = _breadcrumbs(meta, site, link, wording)
    if crumbs:
        graph.append(crumbs)
    maker = _ITEMS.get(meta.kind)
    if maker:
        graph.extend(maker(context, link, organisation, wording))
    return script(graph)


def _organisation(site, link: Linker) -> dict[str, Any]:
    config = site.config
    url = link.absolute(site.ref, "")
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "@id": url + "#to-chuc",
                            "name": config.owner or config.name, "url": url}
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
    if meta.kind in ("home", "not-found") or not meta.crumbs:
        return None
    items = []
    for position, crumb in enumerate(meta.crumbs, 1):
        items.append({"@type": "ListItem", "position": position,
                      "name": crumb.title or wording.get(crumb.key, crumb.key),
                      "item": link.absolute(site.ref, crumb.path)})
    return {"@type": "BreadcrumbList", "itemListElement": items}


def _article(context, link: Linker, organisation, wording) -> list[dict[str, Any]]:
    article = context["article"]
    site = context["site"]
    url = link.absolute(site.ref, paths.article(article.slug))
    data: dict[str, Any] = {
        "@type": "NewsArticle", "headline": article.title, "url": url, "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(), "dateModified": article.date.isoformat(),
        "inLanguage": "vi", "publisher": {"@id": organisation["@id"]},
    }
    if article.summary:
        data["description"] = article.summary
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    if article.image:
        data["image"] = link.absolute(site.ref, article.image)
    if article.categories:
        data["articleSection"] = list(article.categories)
    if article.tags:
        data["keywords"] = ", ".join(article.tags)
    return [data]


def _event_data(event, site, link: Linker, organisation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Event", "name": event.title, "url": link.absolute(site.ref, paths.event(event.slug)),
        "startDate": event.start.date().isoformat() if event.all_day else event.start.isoformat(),
        "eventStatus": CONTEXT + ("/EventCancelled" if event.cancelled else "/EventScheduled"),
        "eventAttendanceMode": CONTEXT + "/OfflineEventAttendanceMode",
        "organizer": {"@id": organisation["@id"]},
        "location": {"@type": "Place", "name": event.location or site.config.address or site.config.name,
                     "address": site.config.address or site.config.name},
    }
    if event.end:
        data["endDate"] = event.end.isoformat()
    if event.chair or event.participants:
        data["description"] = "; ".join(filter(None, [event.chair, *event.participants]))
    return data


def _event(context, link: Linker, organisation, wording) -> list[dict[str, Any]]:
    return [_event_data(context["event"], context["site"], link, organisation)]


def _week(context, link: Linker, organisation, wording) -> list[dict[str, Any]]:
    return [_event_data(e, context["site"], link, organisation) for e in context["week"].events]


def _person(context, link: Linker, organisation, wording) -> list[dict[str, Any]]:
    person = context["person"]
    site = context["site"]
    data: dict[str, Any] = {"@type": "Person", "name": person.name, "jobTitle": person.position,
                            "worksFor": {"@id": organisation["@id"]},
                            "url": link.absolute(site.ref, paths.person(person.slug))}
    if person.phone:
        data["telephone"] = person.phone
    if person.email:
        data["email"] = person.email
    if person.photo:
        data["image"] = link.absolute(site.ref, person.photo)
    return [data]


def _procedure(context, link: Linker, organisation, wording) -> list[dict[str, Any]]:
    procedure = context["procedure"]
    site = context["site"]
    data: dict[str, Any] = {
        "@type": "GovernmentService", "name": procedure.title, "identifier": procedure.code,
        "url": link.absolute(site.ref, paths.procedure(procedure.slug)),
        "provider": {"@id": organisation["@id"]},
        "areaServed": {"@type": "AdministrativeArea", "name": site.config.short_name or site.config.name},
    }
    if procedure.field:
        data["serviceType"] = procedure.field
    if procedure.agency:
        data["serviceOperator"] = {"@type": "GovernmentOrganization", "name": procedure.agency}
    if procedure.applicants:
        data["audience"] = {"@type": "Audience", "audienceType": procedure.applicants}
    if procedure.result:
        data["serviceOutput"] = {"@type": "Thing", "name": procedure.result}
    if procedure.online_url:
        data["availableChannel"] = {"@type": "ServiceChannel", "serviceUrl": procedure.online_url,
                                    "name": wording["online_submit"]}
    description = [f"{wording['processing_time']}: {procedure.processing_time}" if procedure.processing_time else "",
                   f"{wording['fee']}: {procedure.fee}" if procedure.fee else ""]
    if any(description):
        data["description"] = ". ".join(d for d in description if d)
    return [data]


_ITEMS = {"article": _article, "event": _event, "week": _week, "person": _person,
          "procedure": _procedure}
