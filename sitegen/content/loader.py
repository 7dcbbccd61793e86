"""Loading one site folder into a SiteContent and a list of problems.

Reads site.yaml and every content file, validates each against its kind,
turns Markdown into safe HTML, and keeps back drafts and scheduled items.
One bad file is reported and skipped; it never stops the rest of the site.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from ..problems import Problem, Severity, problem
from . import kinds
from .kinds import Kind, validate
from .markdown import MarkdownRenderer
from .records import (
    Article, Body, Event, Form, MenuItem, Notice, Page, Person, Procedure, SiteConfig, SiteContent,
)
from .source import Document, Value, read_document, read_yaml_file
from ..vietnamese import slugify
from .types import SLUG, parse_when

ASSET_FOLDERS = ("images", "files")
FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
NEWS_RESERVED = re.compile(r"trang-\d+")
PAGE_RESERVED = frozenset({
    "tin-tuc", "chuyen-muc", "the", "can-bo", "lich-cong-tac", "thu-tuc", "tim-kiem", "assets",
    "images", "files", "don-vi", "tin-co-so", "trang", "404",
})


@dataclass
class LoadResult:
    content: SiteContent | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _SiteReader:
    """The state of reading one site: where it is and what was found."""

    folder: Path
    slug: str
    display: str  # how paths are shown to the editor, e.g. 'sites/an-binh'
    now: datetime
    renderer: MarkdownRenderer
    files: frozenset[str] = frozenset()
    allow_html: bool = False
    level: str = "commune"  # the procedure level this site works at
    problems: list[Problem] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)

    def shown(self, relative: str) -> str:
        return f"{self.display}/{relative}"

    def body(self, document: Document) -> Body:
        body, problems = self.renderer.render(
            document.body, path=document.path, body_line=document.body_line,
            site_files=self.files, allow_html=self.allow_html)
        self.problems.extend(problems)
        return body


def load_site(folder: Path, display: str, now: datetime, renderer: MarkdownRenderer) -> LoadResult:
    """Read one site folder. display is the folder as the user named it."""
    slug = folder.name if SLUG.fullmatch(folder.name) else slugify(folder.name)
    reader = _SiteReader(folder, slug, display, now, renderer)
    if folder.name != slug:
        reader.problems.append(problem(display, None, "bad-site-folder", folder=folder.name, slug=slug))
    all_files = _list_files(reader)
    reader.files = frozenset(f for f in all_files if f.split("/")[0] in ASSET_FOLDERS)
    config = _read_config(reader)
    if config is None:
        return LoadResult(None, reader.problems)
    reader.allow_html = config.allow_html
    reader.level = config.level
    content = SiteContent(
        slug=slug,
        folder=str(folder),
        config=config,
        articles=tuple(_unique_slugs(reader, _read_kind(reader, kinds.NEWS, all_files, _article),
                                     reserved=NEWS_RESERVED.fullmatch)),
        people=tuple(_unique_slugs(reader, _read_kind(reader, kinds.STAFF, all_files, _person))),
        events=tuple(_unique_slugs(reader, _read_events(reader, all_files))),
        procedures=tuple(_unique_codes(reader, _read_kind(reader, kinds.PROCEDURE, all_files, _procedure))),
        pages=tuple(_unique_slugs(reader, _read_kind(reader, kinds.PAGE, all_files, _page),
                                  reserved=PAGE_RESERVED.__contains__)),
        files=tuple(sorted(reader.files)),
        has_templates=(folder / "templates").is_dir(),
        held_back=tuple(sorted(reader.held_back)),
    )
    return LoadResult(content, reader.problems)


def _list_files(reader: _SiteReader) -> list[str]:
    """Every regular file below the site folder, as relative POSIX paths, sorted.

    Hidden files are skipped; a symbolic link is followed only when it stays
    inside the site folder, so an editor cannot publish the server's files.
    """
    root = reader.folder.resolve()
    found = []
    for directory, subdirs, names in os.walk(reader.folder):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith((".", "_")))
        for name in sorted(names):
            if name.startswith((".", "~")):
                continue
            full = Path(directory) / name
            relative = full.relative_to(reader.folder).as_posix()
            if full.is_symlink():
                target = full.resolve()
                if not target.is_relative_to(root) or not target.is_file():
                    reader.problems.append(problem(reader.shown(relative), None, "symlink-outside",
                                                   Severity.WARNING, name=relative))
                    continue
            found.append(relative)
        for name in list(subdirs):
            if (Path(directory) / name).is_symlink():
                subdirs.remove(name)
                relative = (Path(directory) / name).relative_to(reader.folder).as_posix()
                reader.problems.append(problem(reader.shown(relative), None, "symlink-outside",
                                               Severity.WARNING, name=relative))
    return found


def _read_bytes(reader: _SiteReader, relative: str) -> bytes | None:
    try:
        return (reader.folder / relative).read_bytes()
    except OSError as error:
        reader.problems.append(problem(reader.shown(relative), None, "unreadable", detail=error.strerror))
        return None


def _read_config(reader: _SiteReader) -> SiteConfig | None:
    path = reader.shown("site.yaml")
    if not (reader.folder / "site.yaml").is_file():
        reader.problems.append(problem(reader.display, None, "no-site-yaml", folder=reader.folder.name))
        return None
    raw = _read_bytes(reader, "site.yaml")
    if raw is None:
        return None
    mapping, problems = read_yaml_file(raw, path)
    reader.problems.extend(problems)
    if mapping is None:
        return None
    values, _lines, problems, usable = validate(kinds.SITE, mapping, path, reader.files)
    reader.problems.extend(problems)
    if not usable:
        return None
    notice = values["notice"]
    return SiteConfig(
        slug=reader.slug,
        name=values["name"],
        kind=values["kind"],
        short_name=values["short_name"] or "",
        parent=values["parent"] or None,
        base_url=values["base_url"],
        owner=values["owner"] or "",
        responsible=values["responsible"] or "",
        licence=values["licence"] or "",
        address=values["address"] or "",
        phone=values["phone"] or "",
        email=values["email"] or "",
        menu=tuple(MenuItem(m["title"], m["url"]) for m in values["menu"]),
        allow_html=values["allow_html"],
        feedback_url=values["feedback_url"] or "",
        notice=Notice(notice["text"], _moment(notice.get("from")), _moment(notice.get("until")))
        if notice else None,
    )


def _moment(when) -> datetime | None:
    return when.moment if when else None


Builder = Callable[[_SiteReader, Document, dict[str, Any], dict[str, int]], Any]


def _read_kind(reader: _SiteReader, kind: Kind, all_files: list[str], build: Builder) -> Iterator[Any]:
    for relative in _kind_files(reader, kind, all_files):
        raw = _read_bytes(reader, relative)
        if raw is None:
            continue
        document = read_document(raw, reader.shown(relative))
        reader.problems.extend(document.problems)
        if not document.ok:
            continue
        item = _validated(reader, kind, document, document.fields, build)
        if item is not None:
            yield item


def _validated(reader: _SiteReader, kind: Kind, document: Document, fields: dict[str, Value],
               build: Builder) -> Any:
    values, lines, problems, usable = validate(kind, fields, document.path, reader.files)
    reader.problems.extend(problems)
    if values.get("draft"):
        reader.problems.append(problem(document.path, lines.get("draft"), "draft", Severity.INFO))
        reader.held_back.append(document.path)
        return None
    if not usable:
        return None
    return build(reader, document, values, lines)


def _kind_files(reader: _SiteReader, kind: Kind, all_files: list[str]) -> list[str]:
    chosen = []
    for relative in all_files:
        folder, _, name = relative.partition("/")
        if folder != kind.folder or not name:
            continue
        if "/" not in name and name.lower().endswith(kind.extensions):
            chosen.append(relative)
        else:
            reader.problems.append(problem(reader.shown(relative), None, "ignored-file", Severity.WARNING,
                                           name=name, folder=kind.folder,
                                           extensions=", ".join(kind.extensions)))
    return chosen


def _stem(document: Document) -> str:
    return Path(document.path).stem


def _article(reader: _SiteReader, document: Document, values: dict[str, Any],
             lines: dict[str, int]) -> Article | None:
    when = values["date"]
    stem = _stem(document)
    dated = FILE_DATE.match(stem)
    if when is None and dated:
        try:
            when = parse_when(dated.group(1))
        except ValueError:
            when = None
    if when is None:
        if "date" not in lines:
            field = kinds.NEWS.field("date")
            reader.problems.append(problem(document.path, min(lines.values(), default=1),
                                           "missing-field", key="date",
                                           help=field.help, example=field.example_value()))
        return None
    if when.moment > reader.now:
        reader.problems.append(problem(document.path, lines.get("date"), "scheduled", Severity.INFO,
                                       date=when.moment.strftime("%d/%m/%Y %H:%M")))
        reader.held_back.append(document.path)
        return None
    body = reader.body(document)
    categories = values["categories"] or ((values["category"],) if values["category"] else ())
    return Article(
        source=document.path,
        slug=values["slug"] or slugify(values["title"]),
        title=values["title"],
        date=when.moment,
        categories=categories,
        author=values["author"] or "",
        summary=values["summary"] or body.first_paragraph,
        image=values["image"],
        image_caption=values["image_caption"] or "",
        tags=values["tags"],
        featured=values["featured"],
        to_parent=values["to_parent"],
        body=body,
    )


def _person(reader: _SiteReader, document: Document, values: dict[str, Any],
            lines: dict[str, int]) -> Person:
    body = reader.body(document)
    if values["leader"]:
        if not document.body.strip():
            reader.problems.append(problem(document.path, lines.get("leader"), "leader-no-biography",
                                           Severity.WARNING))
        if not values["duties"]:
            reader.problems.append(problem(document.path, lines.get("leader"), "leader-no-duties",
                                           Severity.WARNING))
    return Person(
        source=document.path,
        slug=values["slug"] or slugify(values["name"]),
        name=values["name"],
        position=values["position"],
        unit=values["unit"] or "",
        order=values["order"],
        leader=values["leader"],
        photo=values["photo"],
        phone=values["phone"] or "",
        email=values["email"] or "",
        duties=values["duties"],
        body=body,
    )


def _read_events(reader: _SiteReader, all_files: list[str]) -> Iterator[Event]:
    for relative in _kind_files(reader, kinds.EVENT, all_files):
        raw = _read_bytes(reader, relative)
        if raw is None:
            continue
        path = reader.shown(relative)
        if relative.lower().endswith((".yaml", ".yml")):
            yield from _events_from_yaml(reader, raw, path)
            continue
        document = read_document(raw, path)
        reader.problems.extend(document.problems)
        if document.ok:
            event = _validated(reader, kinds.EVENT, document, document.fields, _event)
            if event is not None:
                yield event


def _events_from_yaml(reader: _SiteReader, raw: bytes, path: str) -> Iterator[Event]:
    mapping, problems = read_yaml_file(raw, path)
    reader.problems.extend(problems)
    if mapping is None:
        return
    listed = mapping.get("events")
    if listed is None:
        entries = [Value(mapping, 1, 1)] if mapping else []
    elif isinstance(listed.data, list):
        entries = listed.data
    else:
        reader.problems.append(problem(path, listed.line, "expected-list", key="events",
                                       example="\n  - title: ...\n    start: 25/11/2019 08:00"))
        return
    if not entries:
        reader.problems.append(problem(path, 1, "event-list-empty", Severity.WARNING))
    for entry in entries:
        if not isinstance(entry.data, dict):
            reader.problems.append(problem(path, entry.line, "yaml-not-mapping"))
            continue
        document = Document(path, fields=entry.data, body="", body_line=entry.line)
        event = _validated(reader, kinds.EVENT, document, entry.data, _event)
        if event is not None:
            yield event


def _event(reader: _SiteReader, document: Document, values: dict[str, Any],
           lines: dict[str, int]) -> Event:
    start = values["start"]
    end = values["end"]
    if end is not None and end.moment < start.moment:
        reader.problems.append(problem(document.path, lines.get("end"), "end-before-start",
                                       Severity.WARNING, start=start.moment.strftime("%d/%m/%Y %H:%M"),
                                       end=end.moment.strftime("%d/%m/%Y %H:%M")))
        end = None
    slug = values["slug"] or f"{start.moment:%Y-%m-%d}-{slugify(values['title'])}"[:90].rstrip("-")
    return Event(
        source=document.path,
        slug=slug,
        title=values["title"],
        start=start.moment,
        end=end.moment if end else None,
        all_day=start.all_day,
        location=values["location"] or "",
        chair=values["chair"] or "",
        participants=values["participants"],
        kind=values["kind"],
        invitation=values["invitation"],
        cancelled=values["cancelled"],
        body=reader.body(document) if document.body.strip() else Body(""),
    )


def _procedure(reader: _SiteReader, document: Document, values: dict[str, Any],
               lines: dict[str, int]) -> Procedure:
    return Procedure(
        source=document.path,
        slug=values["code"].replace(".", "-"),
        code=values["code"],
        title=values["title"],
        field=values["field"] or "",
        level=values["level"] or reader.level,
        online=values["online"],
        processing_time=values["processing_time"] or "",
        fee=values["fee"] or "",
        agency=values["agency"] or "",
        applicants=values["applicants"] or "",
        result=values["result"] or "",
        forms=tuple(Form(f["title"], f.get("file")) for f in values["forms"]),
        legal_basis=values["legal_basis"],
        online_url=values["online_url"] or "",
        body=reader.body(document),
        origin=reader.slug,
    )


def _page(reader: _SiteReader, document: Document, values: dict[str, Any],
          lines: dict[str, int]) -> Page:
    stem = _stem(document)
    return Page(
        source=document.path,
        slug=values["slug"] or slugify(stem),
        title=values["title"],
        menu=values["menu"],
        topic=values["topic"],
        body=reader.body(document),
    )


def _unique_slugs(reader: _SiteReader, items: Iterator[Any],
                  reserved: Callable[[str], Any] = lambda slug: False) -> list[Any]:
    """Give every item its own URL name; a clash gets '-2', '-3' and a warning."""
    from dataclasses import replace

    taken: dict[str, str] = {}
    result = []
    for item in items:
        slug = item.slug
        clash = taken.get(slug)
        if clash or reserved(slug):
            number = 2
            while f"{slug}-{number}" in taken or reserved(f"{slug}-{number}"):
                number += 1
            new_slug = f"{slug}-{number}"
            if clash:
                reader.problems.append(problem(item.source, None, "duplicate-slug", Severity.WARNING,
                                               slug=slug, other=clash, new_slug=new_slug))
            else:
                reader.problems.append(problem(item.source, None, "reserved-slug", Severity.WARNING,
                                               slug=slug, new_slug=new_slug))
            item = replace(item, slug=new_slug)
        taken[item.slug] = item.source
        result.append(item)
    return result


def _unique_codes(reader: _SiteReader, items: Iterator[Procedure]) -> list[Procedure]:
    seen: dict[str, str] = {}
    result = []
    for item in items:
        if item.code in seen:
            reader.problems.append(problem(item.source, None, "duplicate-code", code=item.code,
                                           other=seen[item.code]))
            continue
        seen[item.code] = item.source
        result.append(item)
    return result
