"""What a kind gets without writing its own: a record made from its fields by
name, a page showing every field that has a label for citizens (the theme's
item.html), and a list of its records, 20 a page (items.html).

A new kind can start with these and take its own templates and listings later:

    NOTICES = Kind("notice", "thông báo", "thong-bao", FIELDS, record=Notice,
                   make=record_maker(Notice),
                   publishing=Publishing("thong-bao/", title="Thông báo", item=item_page(),
                                         listings=(item_list,), items_after=1))
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from ..vietnamese import slugify
from .dates import When
from .kind import Crumb, Entry, ItemPage, Kind, Listed, Making
from .listing import paginated
from .types import AssetPath, Boolean, Choice, DateTime, TextList, Url


def record_maker(record_type: type, slug_from: str = "title") -> Callable[[Entry, Making], Any]:
    """Make records of a dataclass whose fields are named as the kind's: `source`,
    `slug` (from its field, else from `slug_from`, else the file name) and `body`
    are filled in; a date becomes its moment."""
    names = [f.name for f in dataclasses.fields(record_type)]

    def make(entry: Entry, making: Making):
        values = entry.values
        data: dict[str, Any] = {}
        for name in names:
            if name == "source":
                data[name] = entry.path
            elif name == "slug":
                data[name] = values.get("slug") or slugify(str(values.get(slug_from) or entry.stem))
            elif name == "body":
                data[name] = entry.body
            elif name in values:
                value = values[name]
                data[name] = value.moment if isinstance(value, When) else value
        return record_type(**data)

    return make


@dataclass(frozen=True)
class Fact:
    """One labelled value of a record, and how the theme shows it."""

    label: str
    value: Any
    form: str  # text, datetime, list, file, url, yes-no, choice
    vocabulary: str = ""  # for a choice: the closed list it comes from


def facts(kind: Kind, record: Any) -> tuple[Fact, ...]:
    """The record's values that have a label for citizens, in the kind's order."""
    found = []
    for field in kind.fields:
        value = getattr(record, field.name, None)
        if field.label and value not in (None, "", ()):
            vocabulary = field.type.vocabulary.name if isinstance(field.type, Choice) else ""
            found.append(Fact(field.label, value, _form(field.type), vocabulary))
    return tuple(found)


def _form(field_type) -> str:
    for kind, form in ((DateTime, "datetime"), (TextList, "list"), (AssetPath, "file"), (Url, "url"),
                       (Boolean, "yes-no"), (Choice, "choice")):
        if isinstance(field_type, kind):
            return form
    return "text"


def item_page(title: Callable[[Any], str] = lambda item: item.title) -> ItemPage:
    """A record's page: its title, its labelled facts and its body (item.html)."""
    return ItemPage("item.html", "item", "item", title=title, context=_item_context)


def _item_context(record: Any, index: int, listed: Listed) -> dict:
    return {"facts": facts(listed.kind, record), "searched": listed.kind.publishing.searched}


def item_list(listed: Listed):
    """The kind's records, in its order, 20 a page, at its section (items.html)."""
    publishing = listed.kind.publishing
    crumb = Crumb(publishing.section, key=publishing.section_key, title=publishing.title)
    yield from paginated(listed.items, publishing.section, page_type="items", template="items.html",
                         title=publishing.title, title_key=publishing.section_key, crumbs=(crumb,))
