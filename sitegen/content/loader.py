"""Loading one site folder into a SiteContent and a list of problems.

Reads site.yaml and every content file, validates each against its kind,
turns Markdown into safe HTML, and keeps back drafts and scheduled items.
One bad file is reported and skipped; it never stops the rest of the site.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from ..problems import Problem, Severity, problem
from ..vietnamese import slugify
from . import paths
from .dates import NO_SHIFT, DateShift
from .kind import Entry, Kind, Making, Registry
from .kinds import DEFAULT
from .kinds.site import site_config
from .attachments import NAMES, allowed_types, refusal
from .extract import extract
from .markdown import MarkdownRenderer
from .pictures import is_picture, measure
from .records import Body, SiteConfig, SiteContent
from .scaffold import placeholders_left
from .source import MAX_FILE_BYTES, Document, Value, read_document, read_yaml_file
from .types import SLUG
from .validate import validate

ASSET_FOLDERS = ("images", "files")


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
    texts: dict = field(default_factory=dict)  # the attachments' texts this build used, by TextKey


TextKey = tuple  # (relative path, size, modification time): a file's extracted text


class _Texts:
    """The text of a site's files, each extracted once while the file stays as it is."""

    def __init__(self, folder: Path, known: dict):
        self.folder = folder
        self.known = known
        self.used: dict = {}

    def __call__(self, relative: str):
        try:
            info = (self.folder / relative).stat()
        except OSError:
            return extract(self.folder / relative)
        key = (relative, info.st_size, info.st_mtime_ns)
        found = self.known.get(key) or self.used.get(key) or extract(self.folder / relative)
        self.used[key] = found
        return found


@dataclass
class _SiteReader:
    """The state of reading one site: where it is and what was found."""

    folder: Path
    slug: str
    display: str  # how paths are shown to the editor, e.g. 'sites/an-binh'
    renderer: MarkdownRenderer
    kinds: Registry
    files: frozenset[str] = frozenset()  # images/ and files/ that may be published
    refused: frozenset[str] = frozenset()  # those that may not (attachments.py)
    allow_html: bool = False
    level: str = "commune"  # the procedure level this site works at
    problems: list[Problem] = field(default_factory=list)
    shift: DateShift = NO_SHIFT  # a sample portal's dates moved to this week (portal.read.root_rules)

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
        for part in (self.display, self.slug, str(self.allow_html), self.level, self.kinds.signature(), str(self.shift),
                     *sorted(self.files), "refused", *sorted(self.refused)):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        return digest.hexdigest()


def load_site(folder: Path, display: str, now: datetime, renderer: MarkdownRenderer,
              cache: dict[FileKey, FileResult] | None = None, kinds: Registry = DEFAULT,
              html_allowed: bool = False, texts: dict | None = None,
              shift: DateShift = NO_SHIFT) -> LoadResult:
    """Read one site folder. display is the folder as the user named it;
    cache holds what an earlier build read (FileResults by file key), texts the
    attachments' texts it extracted; html_allowed: the root portal lets this site
    write raw HTML (allow_html_sites); shift: a sample portal's dates moved (DateShift)."""
    cache = cache or {}
    slug = folder.name if SLUG.fullmatch(folder.name) else slugify(folder.name)
    reader = _SiteReader(folder, slug, display, renderer, kinds, shift=shift)
    if folder.name != slug:
        reader.problems.append(problem(display, None, "bad-site-folder", folder=folder.name, slug=slug))
    all_files = _list_files(reader)
    _sort_attachments(reader, [f for f in all_files if f.split("/")[0] in ASSET_FOLDERS])
    config, lines = _read_config(reader)
    if config is None:
        return LoadResult(None, reader.problems)
    if config.allow_html and not html_allowed:
        reader.problems.append(problem(reader.shown("site.yaml"), lines.get("allow_html"), "allow-html-not-granted",
                                       Severity.WARNING, slug=slug))
    reader.allow_html = html_allowed
    reader.level = config.level
    context = reader.context_key()
    used: dict[FileKey, FileResult] = {}
    entries: dict[str, list[Entry]] = {kind.name: [] for kind in kinds}
    held_back: list[str] = []
    for kind in kinds:
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
    extracted = _Texts(folder, texts or {})
    making = Making(now, slug, config.level, reader.problems, held_back, [], folder, config.owner, extracted,
                    display, shift)
    items = {kind.name: tuple(_unique(reader, kind, _made(kind, entries[kind.name], making)))
             for kind in kinds}
    content = SiteContent(
        slug=slug,
        folder=str(folder),
        config=config,
        items=items,
        files=tuple(sorted(reader.files)),
        pictures=tuple(p for p in (measure(folder, f) for f in sorted(reader.files) if is_picture(f)) if p),
        has_templates=(folder / "templates").is_dir(),
        html_allowed=html_allowed,
        held_back=tuple(sorted(held_back)),
        scheduled=tuple(sorted(making.scheduled)),
    )
    return LoadResult(content, reader.problems, used, extracted.used)


def _made(kind: Kind, entries: list[Entry], making: Making) -> Iterator:
    """The kind's records from its entries; an entry held back (scheduled) gives none."""
    for entry in entries:
        record = kind.make(entry, making)
        if record is not None and entry.values.get("aliases") and hasattr(record, "aliases"):
            record = replace(record, aliases=tuple(entry.values["aliases"]))
        if record is not None:
            yield record


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


def _sort_attachments(reader: _SiteReader, assets: list[str]) -> None:
    """The files of images/ and files/ that may be published; the others are named."""
    allowed, refused = set(), set()
    for relative in assets:
        found = refusal(reader.folder, relative)
        if found is None:
            allowed.add(relative)
            continue
        refused.add(relative)
        reader.problems.append(problem(reader.shown(relative), None, found.code, name=relative,
                                       extension=Path(relative).suffix.lower() or "(không có)",
                                       expected=NAMES.get(found.family, ""), allowed=allowed_types()))
    reader.files, reader.refused = frozenset(allowed), frozenset(refused)


def _read_config(reader: _SiteReader) -> tuple[SiteConfig | None, dict[str, int]]:
    """The site's identity and the line of each key of its site.yaml."""
    path = reader.shown("site.yaml")
    if not (reader.folder / "site.yaml").is_file():
        reader.problems.append(problem(reader.display, None, "no-site-yaml", folder=reader.folder.name))
        return None, {}
    raw = _read_bytes(reader, "site.yaml", reader.problems)
    if raw is None:
        return None, {}
    mapping, problems = read_yaml_file(raw, path)
    reader.problems.extend(problems)
    if mapping is None:
        return None, {}
    values, lines, problems, usable = validate(reader.kinds.site, mapping, path, reader.files, reader.refused,
                                               reader.shift.for_item(mapping))
    reader.problems.extend(problems)
    if not usable:
        return None, lines
    return site_config(reader.slug, values), lines


def read_site_config(folder: Path, kinds: Registry = DEFAULT) -> SiteConfig | None:
    """A site's identity alone, its problems left to load_site (to find the root
    portal and what it allows before any site is read)."""
    slug = folder.name if SLUG.fullmatch(folder.name) else slugify(folder.name)
    return _read_config(_SiteReader(folder, slug, str(folder), None, kinds))[0]


def read_file(reader: _SiteReader, kind: Kind, relative: str, raw: bytes) -> FileResult:
    """Validate and render one content file's bytes (no clock involved)."""
    problems: list[Problem] = []
    path = reader.shown(relative)
    if kind.yaml_list and relative.lower().endswith((".yaml", ".yml")):
        documents = _listed_documents(raw, path, kind.yaml_list, problems)
    else:
        document = read_document(raw, path)
        problems.extend(document.problems)
        documents = [document] if document.ok else []
    entries, drafts = [], []
    for document in documents:
        shift = reader.shift.for_item(document.fields, Path(relative).name)
        values, lines, found, usable = validate(kind, document.fields, document.path, reader.files,
                                                reader.refused, shift)
        problems.extend(found)
        if values.get("draft"):
            problems.append(problem(document.path, lines.get("draft"), "draft", Severity.INFO))
            drafts.append(document.path)
            continue
        if not usable:
            continue
        for check in kind.checks:
            check(document, values, lines, problems)
        for line, text in placeholders_left(kind, document.body, document.body_line)[:3]:
            problems.append(problem(document.path, line, "scaffold-placeholder", Severity.WARNING, text=text))
        entries.append(Entry(kind.name, document.path, Path(relative).stem, values, lines,
                             reader.body(document, problems)))
    return FileResult(tuple(entries), tuple(problems), tuple(drafts))


def _listed_documents(raw: bytes, path: str, key: str, problems: list[Problem]) -> list[Document]:
    """Many items in one YAML file (a week's schedule under 'events:'), or one."""
    mapping, found = read_yaml_file(raw, path)
    problems.extend(found)
    if mapping is None:
        return []
    listed = mapping.get(key)
    if listed is None:
        items = [Value(mapping, 1, 1)] if mapping else []
    elif isinstance(listed.data, list):
        items = listed.data
    else:
        problems.append(problem(path, listed.line, "expected-list", key=key,
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


def _unique(reader: _SiteReader, kind: Kind, items: Iterator[Any]) -> list[Any]:
    """Every record its own URL name: a clash gets '-2', '-3' and a warning. A kind
    unique by a field of its own (a procedure's code, a document's number) first
    refuses repeats of it, with the message 'duplicate-<field>'."""
    if kind.unique != "slug":
        items = iter(_unique_values(reader, kind.unique, items))
    by_language: dict[str, list[Any]] = {}  # each language's pages have a folder of their own (en/)
    for item in items:
        by_language.setdefault(kind.language(item), []).append(item)
    made = []
    for lang, listed in by_language.items():
        made.extend(_unique_slugs(reader, iter(listed), _reserved(reader, kind, lang)))
    return made


def _reserved(reader: _SiteReader, kind: Kind, lang: str) -> Callable[[str], Any]:
    """The slugs a built-in page takes from a kind's records in a language."""
    reserved = kind.reserved or (lambda slug: False)
    if kind.publishing is None or kind.publishing.item_folder() != "":
        return reserved
    # Pages at the site's root: not over the built-in folders (in English: en/'s own pages).
    top = reader.kinds.top_folders() if lang == paths.VIETNAMESE else paths.EN_FOLDERS
    return lambda slug: reserved(slug) or slug in top


def _unique_slugs(reader: _SiteReader, items: Iterator[Any], reserved: Callable[[str], Any]) -> list[Any]:
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


def _unique_values(reader: _SiteReader, name: str, items: Iterator[Any]) -> list[Any]:
    seen: dict[str, str] = {}
    result = []
    for item in items:
        value = getattr(item, name)
        if value in seen:
            reader.problems.append(problem(item.source, None, f"duplicate-{name}", code=value, other=seen[value]))
            continue
        seen[value] = item.source
        result.append(item)
    return result
