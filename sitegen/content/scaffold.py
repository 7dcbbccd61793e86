"""Ready-to-edit files for `new`, written from the kinds' declarations.

Every field of the kind is present with a short Vietnamese comment, so an
editor sees all that can be written; the file is valid as it stands and
builds into a page at once. What a kind fills in is its Scaffold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..vietnamese import slugify
from .kind import Field, Kind
from .types import yaml_scalar


@dataclass(frozen=True)
class Scaffolded:
    folder: str  # the kind's folder inside the site
    name: str  # the file name
    text: str


def scaffold(kind: Kind, title: str, now: datetime, taken: frozenset[str] = frozenset()) -> Scaffolded:
    """A new file of the kind; taken: the values already used of the field that
    must not repeat (the procedure code)."""
    slug = slugify(title)
    plan = kind.scaffold
    values = plan.values(title, now, slug, taken)
    lines = ["---", *(_line(field, values, plan.comments) for field in kind.fields), "---"]
    name = f"{now:%Y-%m-%d}-{slug}.md" if plan.dated else f"{slug}.md"
    return Scaffolded(kind.folder, name, "\n".join(lines) + "\n" + plan.body)


def taken_values(kind: Kind, folder: Path) -> frozenset[str]:
    """The values a site's files already give the kind's field that must not repeat."""
    name = kind.scaffold.taken
    if name is None:
        return frozenset()
    found = set()
    for path in (folder / kind.folder).glob("*.md"):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(rf"^{re.escape(name)}:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", text, re.M)
        if match:
            found.add(match.group(1))
    return frozenset(found)


def _line(field: Field, values: dict, comments: dict[str, str]) -> str:
    comment = comments.get(field.name) or field.help + (" (bắt buộc)" if field.required else "")
    if field.name in values:
        value = values[field.name]
        written = yaml_scalar(value) if value != "" else ""
    elif field.default not in (None, (), ""):
        written = yaml_scalar(field.default)
    else:
        written = ""
    return f"{field.name}: {written}".rstrip() + f"  # {comment}"


def placeholders_left(kind: Kind, body: str, first_line: int) -> list[tuple[int, str]]:
    """Lines of `new`'s sample body still in a file, as (line, text): an editor
    who published the scaffold without writing over them. Headings are the
    body's structure (a procedure's sections) and stay; the text lines are
    the placeholders ('Viết nội dung bài ở đây.', '...', '- Bước 1: ...')."""
    if kind.scaffold is None or not kind.scaffold.body:
        return []
    sample = {line.strip() for line in kind.scaffold.body.splitlines()
              if line.strip() and not line.lstrip().startswith("#")}
    return [(first_line + index, line.strip()) for index, line in enumerate(body.splitlines())
            if line.strip() in sample]
