"""The site in English (Decree 42/2022, Art. 7): its pages under en/.

A site publishes in English once its site.yaml names it in English (name_en)
or a page of it is written in English (Registry.languages). Its English pages
are the records whose page is in English (pages/gioi-thieu.en.md at
en/gioi-thieu/, planned with their kind's other pages) and three of its own:
the English home (en/), the organisation and its officials' contacts made
from the staff files (en/organisation/) and the English search (en/search/),
which reads the index of the English pages alone. The kinds fill them
(Publishing.english). They show the site's English name, an English menu and
the theme's English wording; a page and its translation link to each other
(hreflang), and the header's language switch leads to the translation, else
to the other language's home.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from ..content import paths
from ..content.kind import Registry
from ..portal.model import MenuLink, Site
from ..search.shards import SearchShards

# The pages that are one another's translation whatever the site writes.
BUILT_IN = ((paths.ENGLISH, "", paths.EN), (paths.ENGLISH, paths.SEARCH, paths.EN_SEARCH))


@dataclass(frozen=True)
class EnglishPage:
    """One of the site's own English pages, as the planner makes it a page."""

    path: str
    page_type: str
    template: str
    title: str = ""
    title_key: str = ""
    dc_type: str = "Text"
    context: dict[str, Any] = field(default_factory=dict)


def in_english(chrome, site: Site, kinds: Registry):
    """The chrome of the site's English pages, from its Vietnamese pages' (outputs.plan.Chrome)."""
    return replace(chrome, lang=paths.ENGLISH, name=site.config.name_en or site.config.name, home=paths.EN,
                   search=paths.EN_SEARCH, menu=menu(site, kinds))


def menu(site: Site, kinds: Registry) -> tuple[MenuLink, ...]:
    """The English menu: the organisation, and the English pages with a place in the menu
    (after the home, which the theme puts first, and before the search, which it puts last)."""
    links = [MenuLink("", paths.EN_ORGANISATION, key="organisation")]
    for kind in kinds:
        entries = kind.publishing.menu_entries if kind.publishing else None
        for place, title, path in (entries(site.of(kind.name)) if entries else ()):
            if paths.language_of(path) == paths.ENGLISH and all(link.path != path for link in links):
                links.insert(min(max(place - 1, 0), len(links)), MenuLink(title, path))
    return tuple(links)


def alternates(site: Site, kinds: Registry) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each page with a translation, by path: (language, path) of both, Vietnamese first."""
    pairs: list[tuple[str, str, str]] = list(BUILT_IN)
    for kind in kinds:
        item_page = kind.publishing.item if kind.publishing else None
        if item_page is not None and item_page.twins is not None:
            pairs.extend((kind.language(other), kind.item_path(original), kind.item_path(other))
                         for original, other in item_page.twins(site.of(kind.name)))
    found: dict[str, tuple[tuple[str, str], ...]] = {}
    for lang, original, other in pairs:
        found[original] = found[other] = ((paths.VIETNAMESE, original), (lang, other))
    return found


def placed(meta, found: dict[str, tuple[tuple[str, str], ...]], languages: tuple[str, ...]):
    """A page (outputs.plan.Meta) with its translation: the hreflang links, and where
    the language switch leads (the translation, else the other language's home)."""
    if len(languages) < 2 or meta.not_found:
        return meta
    own = found.get(meta.path, ())
    other_lang = next(lang for lang in languages if lang != meta.lang)
    other = next((path for lang, path in own if lang == other_lang), paths.language_root(other_lang))
    return replace(meta, alternates=own, other=(other_lang, other))


def own_pages(site: Site, kinds: Registry, listed: dict) -> Iterable[EnglishPage]:
    """The English home, the organisation and contacts, the English search."""
    context: dict[str, Any] = {}
    for kind in kinds:
        if kind.publishing and kind.publishing.english:
            context.update(kind.publishing.english(listed[kind.name]))
    yield EnglishPage(paths.EN, "home", "en_home.html", title=site.config.name_en or site.config.name,
                      dc_type="Collection", context=context)
    yield EnglishPage(paths.EN_ORGANISATION, "organisation", "organisation.html", title_key="organisation",
                      context=context)
    yield EnglishPage(paths.EN_SEARCH, "search", "en_search.html", title_key="search",
                      dc_type="InteractiveResource", context={**context, "merge": search_merge(site)})


def search_merge(site: Site) -> tuple[dict, ...]:
    """The sub-sites' English indexes the English search merges, numbered as the
    search page names the sites (0: this one; see the theme's search.js)."""
    up = "../" * paths.EN_SEARCH.count("/")
    down = "" if site.ref.prefix == "" else "../" * site.ref.prefix.count("/")
    merge = []
    for number, child in enumerate(site.children, 1):
        folder = site.search.get(child.slug, SearchShards()).english
        if folder:
            root = up + down + child.prefix
            merge.append({"bundle": root + folder, "root": root, "site": number})
    return tuple(merge)
