"""Loading one site folder into a SiteContent and a list of problems.

Reads site.yaml and every content file, validates each against its kind,
turns Markdown into safe HTML, and keeps back drafts and scheduled items.
One bad file is reported and skipped; it never stops the rest of the site.
"""

from __future__ import annotations

import hashlib
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
from .pictures import is_picture, measure
from .records import (
    Article, Body, Event, Form, MenuItem, Notice, Page, Person, Procedure, SiteConfig, SiteContent,
)
from .source import MAX_FILE_BYTES, Document, Value, read_document, read_yaml_file
from ..vietnamese import slugify
from .dates import parse_when
from .types import SLUG

ASSET_FOLDERS = ("images", "files")
CONTENT_KINDS = (kinds.NEWS, kinds.STAFF, kinds.EVENT, kinds.PROCEDURE, kinds.PAGE)
FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
NEWS_RESERVED = re.compile(r"trang-\d+")
PAGE_RESERVED = frozenset({
    "tin-tuc", "chuyen-muc", "the", "can-bo", "lich-cong-tac", "thu-tuc", "tim-kiem", "assets",
    "images", "files", "don-vi", "tin-co-so", "trang", "404", "pagefind",
})


@dataclass(frozen=True)
class Entry:
    """One item read from a file, before the build's clock is applied."""

    kind: str
    path: str  # as shown to the editor
    stem: str  # the file name without its extension
    values: dict[str, Any]
    lines: dict[str, int]
    body: Body


@dataclass(frozen=True)
class FileResult:
    """What one content file gave: its items, its problems, its drafts.

    It depends only on the file's bytes and the site's context (its files,
    allow_html, level), so it can be kept between builds.
    """

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    drafts: tuple[str, ...] = ()


FileKey = tuple  # (site context, relative path, digest of the file's bytes)


@dataclass
class LoadResult:
    content: SiteContent | None
    problems: list[Problem] = field(default_factory=list)
    cache: dict[FileKey, FileResult] = field(default_factory=dict)  # what this build read


@dataclass
class _SiteReader:
    """The state of reading one site: where it is and what was found."""

    folder: Path
    slug: str
    display: str  # how paths are shown to the editor, e.g. 'sites/an-binh'
    renderer: MarkdownRenderer
    files: frozenset[str] = frozenset()
    allow_html: bool = False
    level: str = "commune"  # the procedure level this site works at
    problems: list[Problem] = field(default_factory=list)

    def shown(self, relative: str) -> str:
        return f"{self.display}/{relative}"

    def body(self, document: Document, problems: list[Problem]) -> Body:
        if not document.body.strip():
            return Body("")
        body, found = self.renderer.render(
            document.body, path=document.path, body_line=document.body_line,
            site_files=self.files, allow_html=self.allow_html)
        problems.extend(found)
        return body

    def context_key(self) -> str:
        digest = hashlib.blake2b(digest_size=16)
        for part in (self.display, self.slug, str(self.allow_html), self.level, *sorted(self.files)):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        return digest.hexdigest()


def load_site(folder: Path, display: str, now: datetime, renderer: MarkdownRenderer,
              cache: dict[FileKey, FileResult] | None = None) -> LoadResult:
    """Read one site folder. display is the folder as the user named it;
    cache holds what an earlier build read (FileResults by file key)."""
    cache = cache or {}
    slug = folder.name if SLUG.fullmatch(folder.name) else slugify(folder.name)
    reader = _SiteReader(folder, slug, display, renderer)
    if folder.name != slug:
        reader.problems.append(problem(display, None, "bad-site-folder", folder=folder.name, slug=slug))
    all_files = _list_files(reader)
    reader.files = frozenset(f for f in all_files if f.split("/")[0] in ASSET_FOLDERS)
    config = _read_config(reader)
    if config is None:
        return LoadResult(None, reader.problems)
    reader.allow_html = config.allow_html
    reader.level = config.level
    context = reader.context_key()
    used: dict[FileKey, FileResult] = {}
    entries: dict[str, list[Entry]] = {k.name: [] for k in CONTENT_KINDS}
    held_back: list[str] = []
    for kind in CONTENT_KINDS:
        for relative in _kind_files(reader, kind, all_files):
            problems: list[Problem] = []
            raw = _read_bytes(reader, relative, problems)
            if raw is None:
                reader.problems.extend(problems)
                continue
            key = (context, relative, hashlib.blake2b(raw, digest_size=20).digest())
            result = cache.get(key) or read_file(reader, kind, relative, raw)
            used[key] = result
            reader.problems.extend(result.problems)
            held_back.extend(result.drafts)
            entries[kind.name].extend(result.entries)
    finisher = _Finisher(reader, now, held_back)
    content = SiteContent(
        slug=slug,
        folder=str(folder),
        config=config,
        articles=tuple(_unique_slugs(reader, finisher.articles(entries["news"]),
                                     reserved=NEWS_RESERVED.fullmatch)),
        people=tuple(_unique_slugs(reader, (_person(e) for e in entries["staff"]))),
        events=tuple(_unique_slugs(reader, (_event(e) for e in entries["event"]))),
        procedures=tuple(_unique_codes(reader, (_procedure(e, reader) for e in entries["procedure"]))),
        pages=tuple(_unique_slugs(reader, (_page(e) for e in entries["page"]),
                                  reserved=PAGE_RESERVED.__contains__)),
        files=tuple(sorted(reader.files)),
        pictures=tuple(p for p in (measure(folder, f) for f in sorted(reader.files) if is_picture(f)) if p),
        has_templates=(folder / "templates").is_dir(),
        held_back=tuple(sorted(held_back)),
        scheduled=tuple(sorted(finisher.scheduled)),
    )
    return LoadResult(content, reader.problems, used)


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
            if not full.is_file():
                continue  # a named pipe or a device: reading it would wait for ever
            found.append(relative)
        for name in list(subdirs):
            if (Path(directory) / name).is_symlink():
                subdirs.remove(name)
                relative = (Path(directory) / name).relative_to(reader.folder).as_posix()
                reader.problems.append(problem(reader.shown(relative), None, "symlink-outside",
                                               Severity.WARNING, name=relative))
    return found


def _read_bytes(reader: _SiteReader, relative: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes; a file over the limit is refused before it is read."""
    try:
        with open(reader.folder / relative, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                problems.append(problem(reader.shown(relative), None, "too-large", size=size,
                                        limit=MAX_FILE_BYTES))
                return None
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        problems.append(problem(reader.shown(relative), None, "unreadable", detail=error.strerror))
        return None


def _read_config(reader: _SiteReader) -> SiteConfig | None:
    path = reader.shown("site.yaml")
    if not (reader.folder / "site.yaml").is_file():
        reader.problems.append(problem(reader.display, None, "no-site-yaml", folder=reader.folder.name))
        return None
    raw = _read_bytes(reader, "site.yaml", reader.problems)
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


def read_file(reader: _SiteReader, kind: Kind, relative: str, raw: bytes) -> FileResult:
    """Validate and render one content file's bytes (no clock involved)."""
    problems: list[Problem] = []
    path = reader.shown(relative)
    if kind is kinds.EVENT and relative.lower().endswith((".yaml", ".yml")):
        documents = _event_documents(raw, path, problems)
    else:
        document = read_document(raw, path)
        problems.extend(document.problems)
        documents = [document] if document.ok else []
    entries, drafts = [], []
    for document in documents:
        values, lines, found, usable = validate(kind, document.fields, document.path, reader.files)
        problems.extend(found)
        if values.get("draft"):
            problems.append(problem(document.path, lines.get("draft"), "draft", Severity.INFO))
            drafts.append(document.path)
            continue
        if not usable:
            continue
        if kind is kinds.STAFF:
            _check_leader(document, values, lines, problems)
        if kind is kinds.EVENT:
            _check_end(document, values, lines, problems)
        entries.append(Entry(kind.name, document.path, Path(relative).stem, values, lines,
                             reader.body(document, problems)))
    return FileResult(tuple(entries), tuple(problems), tuple(drafts))


def _event_documents(raw: bytes, path: str, problems: list[Problem]) -> list[Document]:
    """A week's schedule in one YAML file: each item under 'events:' is an event."""
    mapping, found = read_yaml_file(raw, path)
    problems.extend(found)
    if mapping is None:
        return []
    listed = mapping.get("events")
    if listed is None:
        items = [Value(mapping, 1, 1)] if mapping else []
    elif isinstance(listed.data, list):
        items = listed.data
    else:
        problems.append(problem(path, listed.line, "expected-list", key="events",
                                example="\n  - title: ...\n    start: 25/11/2019 08:00"))
        return []
    if not items:
        problems.append(problem(path, 1, "event-list-empty", Severity.WARNING))
    documents = []
    for item in items:
        if isinstance(item.data, dict):
            documents.append(Document(path, fields=item.data, body="", body_line=item.line))
        else:
            problems.append(problem(path, item.line, "yaml-not-mapping"))
    return documents


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


def _check_leader(document: Document, values: dict[str, Any], lines: dict[str, int],
                  problems: list[Problem]) -> None:
    """The rules ask a short biography and assigned duties of every leader."""
    if not values["leader"]:
        return
    if not document.body.strip():
        problems.append(problem(document.path, lines.get("leader"), "leader-no-biography", Severity.WARNING))
    if not values["duties"]:
        problems.append(problem(document.path, lines.get("leader"), "leader-no-duties", Severity.WARNING))


def _check_end(document: Document, values: dict[str, Any], lines: dict[str, int],
               problems: list[Problem]) -> None:
    start, end = values["start"], values["end"]
    if end is not None and end.moment < start.moment:
        problems.append(problem(document.path, lines.get("end"), "end-before-start", Severity.WARNING,
                                start=start.moment.strftime("%d/%m/%Y %H:%M"),
                                end=end.moment.strftime("%d/%m/%Y %H:%M")))
        values["end"] = None


class _Finisher:
    """Applies the build's clock: news dated later is scheduled, not published."""

    def __init__(self, reader: _SiteReader, now: datetime, held_back: list[str]):
        self.reader = reader
        self.now = now
        self.held_back = held_back
        self.scheduled: list[datetime] = []

    def articles(self, entries: list[Entry]) -> Iterator[Article]:
        for entry in entries:
            article = self._article(entry)
            if article is not None:
                yield article

    def _article(self, entry: Entry) -> Article | None:
        values = entry.values
        when = values["date"]
        dated = FILE_DATE.match(entry.stem)
        if when is None and dated:
            try:
                when = parse_when(dated.group(1))
            except ValueError:
                when = None
        if when is None and "date" in entry.lines:
            return None  # written but not a date: reported as such already
        if when is None:
            date_field = kinds.NEWS.field("date")
            self.reader.problems.append(problem(entry.path, min(entry.lines.values(), default=1),
                                                "missing-field", key="date", help=date_field.help,
                                                example=date_field.example_value()))
            return None
        if when.moment > self.now:
            self.reader.problems.append(problem(entry.path, entry.lines.get("date"), "scheduled",
                                                Severity.INFO,
                                                date=when.moment.strftime("%d/%m/%Y %H:%M")))
            self.held_back.append(entry.path)
            self.scheduled.append(when.moment)
            return None
        body = entry.body
        categories = values["categories"] or ((values["category"],) if values["category"] else ())
        return Article(
            source=entry.path,
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
            has_time=not when.all_day,
            lead=values["summary"] or "",
        )


def _person(entry: Entry) -> Person:
    values = entry.values
    return Person(
        source=entry.path,
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
        body=entry.body,
    )


def _event(entry: Entry) -> Event:
    values = entry.values
    start, end = values["start"], values["end"]
    slug = values["slug"] or f"{start.moment:%Y-%m-%d}-{slugify(values['title'])}"[:90].rstrip("-")
    return Event(
        source=entry.path,
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
        body=entry.body,
    )


def _procedure(entry: Entry, reader: _SiteReader) -> Procedure:
    values = entry.values
    return Procedure(
        source=entry.path,
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
        body=entry.body,
        origin=reader.slug,
    )


def _page(entry: Entry) -> Page:
    values = entry.values
    return Page(
        source=entry.path,
        slug=values["slug"] or slugify(entry.stem),
        title=values["title"],
        menu=values["menu"],
        topic=values["topic"],
        body=entry.body,
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
