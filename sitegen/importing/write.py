"""A Batch written into a site folder as the editors' own files, repeatably.

Each item becomes one Markdown file of its kind's folder (CONTENT.md's keys,
nothing else), its pictures and attachments copied into images/ and files/
through the attachments' allowlist, the addresses in its body rewritten to
them. The site's _nhap/<source>.json (a folder the build skips) remembers,
for each item of the source, the file written and its content's hash:

* an item seen before whose file is as the import wrote it is rewritten only
  when the source changed it (a newer export);
* a file an editor has changed since, or removed, is never touched again:
  reported instead;
* so importing the same export twice adds and changes nothing.

Every file is written whole (a temporary file renamed over it).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from ..content.attachments import refusal
from ..content.kinds import DEFAULT
from ..content.paths import FILES, PICTURES
from ..vietnamese import slugify
from .html import references, to_markdown
from .model import Batch, Item, Upload

LEDGER_FOLDER = "_nhap"  # skipped by the build (its name starts with '_')
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


@dataclass
class Outcome:
    """What the import did, for the summary."""

    added: dict[str, int] = field(default_factory=dict)  # kind -> files written for the first time
    updated: list[str] = field(default_factory=list)  # files rewritten from a newer export
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # files an editor changed since: left as they are
    removed: list[str] = field(default_factory=list)  # files an editor removed: not brought back
    missing: list[tuple[str, str]] = field(default_factory=list)  # (file, upload) not found
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, upload) not of an allowed type
    elsewhere: list[tuple[str, str]] = field(default_factory=list)  # (file, upload) left on another site's address
    new_categories: dict[str, int] = field(default_factory=dict)  # category -> imported articles; the site had none
    site_categories: tuple[str, ...] = ()  # those the site's own articles use
    already: list[tuple[str, str]] = field(default_factory=list)  # (the site's own file, number or code) not imported
    notes: list[tuple[str, str, dict]] = field(default_factory=list)  # (file, code, values)
    files_copied: int = 0
    written: list[str] = field(default_factory=list)  # every file written, relative to the site


def ledger_stem(batch: Batch) -> str:
    """'wordpress-xa-an-lac-gov-vn': one ledger (and summary) per old site, so the exports
    of two former communes merged into one site never take each other's items for theirs."""
    host = urlsplit(batch.uploads_base[0]).hostname if batch.uploads_base else None
    return f"{batch.source}-{slugify(host)}" if host else batch.source


class Writer:
    def __init__(self, site: Path, batch: Batch, uploads: Path | None):
        self.site = Path(site)
        self.batch = batch
        self.uploads = Path(uploads) if uploads else None
        self.ledger_path = self.site / LEDGER_FOLDER / f"{ledger_stem(batch)}.json"
        self.ledger = _read_json(self.ledger_path)
        self.ledger.setdefault("items", {})
        self.ledger.setdefault("uploads", {})
        self.outcome = Outcome()
        self._own_values: dict[str, dict[str, str]] = {}  # kind -> its unique field's values in the site's own files

    def write(self) -> Outcome:
        for item in self.batch.items:
            self._item(item)
        self.outcome.new_categories = self._new_categories()
        _write_atomically(self.ledger_path, json.dumps(self.ledger, ensure_ascii=False, indent=1,
                                                       sort_keys=True).encode("utf-8"))
        return self.outcome

    # One item ----------------------------------------------------------------------

    def _item(self, item: Item) -> None:
        known = self.ledger["items"].get(item.key)
        if not known and self._already(item):
            return
        relative = known["path"] if known else self._free_name(item)
        text = self._text(item, relative)
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        path = self.site / relative
        for code, values in item.notes:
            self.outcome.notes.append((relative, code, values))
        if known:
            if not path.exists():
                self.outcome.removed.append(relative)
                return
            if hashlib.sha256(path.read_bytes()).hexdigest() != known["sha256"]:
                self.outcome.kept.append(relative)
                return
            if known["sha256"] == digest:
                self.outcome.unchanged += 1
                return
            self.outcome.updated.append(relative)
        else:
            self.outcome.added[item.kind] = self.outcome.added.get(item.kind, 0) + 1
        _write_atomically(path, data)
        self.outcome.written.append(relative)
        self.ledger["items"][item.key] = {"path": relative, "sha256": digest}

    def _free_name(self, item: Item) -> str:
        kind = DEFAULT.get(item.kind)
        name = slugify(item.name or str(item.fields.get("title") or item.fields.get("name") or item.key))[:80]
        date = str(item.fields.get("date") or "")[:10]
        stem = f"{date}-{name}" if item.kind == "news" and len(date) == 10 else name
        taken = {entry["path"] for entry in self.ledger["items"].values()}
        candidate, number = f"{kind.folder}/{stem}.md", 2
        while (self.site / candidate).exists() or candidate in taken:
            candidate, number = f"{kind.folder}/{stem}-{number}.md", number + 1
        return candidate

    def _text(self, item: Item, relative: str) -> str:
        """The file's text: front matter, then the body in Markdown with its files' new addresses."""
        fields = dict(item.fields)
        renamed = {}
        for upload in item.uploads:
            new = self._upload(upload, relative)
            if upload.field == "files":
                if new:
                    fields.setdefault("files", []).append({"title": upload.title or posixpath.basename(new),
                                                           "file": new})
            elif upload.field:
                if new:
                    fields[upload.field] = new
                else:  # not found, or not allowed: reported; nor its caption then
                    fields.pop(upload.field, None)
                    fields.pop(f"{upload.field}_caption", None)
        body = item.body_markdown
        if body is None:
            for address in references(item.body_html):
                new = self._upload(Upload(address), relative)
                parts = urlsplit(address)
                if new or not (parts.scheme or parts.netloc):  # a path of the old site not brought in (listed):
                    renamed[address] = new  # the picture dropped, the link's words kept, never a broken link
            body = to_markdown(item.body_html, renamed)
        if item.old_urls:
            fields["aliases"] = sorted(set(item.old_urls))
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
        return f"---\n{front}---\n{body}"

    def _already(self, item: Item) -> bool:
        """The site's own file (not an import's) already has this document's number or this
        procedure's code: the editor's stays, the old site's is not brought in (said)."""
        kind = DEFAULT.get(item.kind)
        if kind is None or kind.unique == "slug" or not item.fields.get(kind.unique):
            return False
        if kind.name not in self._own_values:
            imported = {entry["path"] for entry in self.ledger["items"].values()}
            self._own_values[kind.name] = {
                str(_front_matter(path).get(kind.unique, "")).strip(): path.relative_to(self.site).as_posix()
                for path in sorted((self.site / kind.folder).glob("*.md"))
                if path.relative_to(self.site).as_posix() not in imported}
        found = self._own_values[kind.name].get(str(item.fields[kind.unique]).strip())
        if found:
            self.outcome.already.append((found, str(item.fields[kind.unique])))
        return bool(found)

    def _new_categories(self) -> dict[str, int]:
        """The old site's categories the site's own articles (those not imported) never use:
        an editor decides whether each is one of the site's or a typo of the old one."""
        imported = {entry["path"] for entry in self.ledger["items"].values()}
        own = set()
        for path in sorted((self.site / DEFAULT["news"].folder).glob("*.md")):
            if path.relative_to(self.site).as_posix() not in imported:
                own.update(_categories(_front_matter(path)))
        self.outcome.site_categories = tuple(sorted(own))
        counted: dict[str, int] = {}
        for item in self.batch.items:
            if item.kind == "news":
                for name in _categories(item.fields):
                    if name not in own:
                        counted[name] = counted.get(name, 0) + 1
        return dict(sorted(counted.items()))

    # Pictures and attachments ---------------------------------------------------------

    def _upload(self, upload: Upload, relative: str) -> str:
        """The upload's path in the site ('images/a.jpg'), copied there once; '' when it
        cannot be found or may not be published (reported)."""
        source = upload.source.strip()
        if source in self.ledger["uploads"]:
            return self.ledger["uploads"][source]
        if not self._local(source):  # another site's: a body keeps the link, said (that site may close)
            (self.outcome.elsewhere if upload.field == "" else self.outcome.missing).append((relative, source))
            return source if upload.field == "" else ""
        found = self._find(source)
        if found is None:
            self.outcome.missing.append((relative, source))
            return ""
        folder = PICTURES if found.suffix.lower() in PICTURE_SUFFIXES else FILES
        stem = slugify(found.stem)[:80] or "tep"
        name = f"{stem}{found.suffix.lower()}"
        with tempfile.TemporaryDirectory() as scratch:
            shutil.copyfile(found, Path(scratch) / name)
            if refusal(Path(scratch), name) is not None:
                self.outcome.refused.append((relative, source))
                return ""
        target, number = self.site / folder / name, 2
        data = found.read_bytes()
        while target.exists() and target.read_bytes() != data:
            target, number = self.site / folder / f"{stem}-{number}{found.suffix.lower()}", number + 1
        if not target.exists():
            _write_atomically(target, data)
            self.outcome.files_copied += 1
        new = f"{folder}{target.name}"
        self.ledger["uploads"][source] = new
        return new

    def _local(self, source: str) -> bool:
        """An address of the old site itself (or a path): a file to bring in."""
        parts = urlsplit(source)
        if not parts.scheme and not parts.netloc:
            return True
        return any(source.startswith(base) for base in self.batch.uploads_base)

    def _find(self, source: str) -> Path | None:
        """The file under --uploads whose path ends as the address's path does
        ('.../wp-content/uploads/2019/06/a.jpg' -> uploads/2019/06/a.jpg)."""
        if self.uploads is None:
            return None
        parts = [p for p in unquote(urlsplit(source).path).split("/") if p and p not in (".", "..")]
        for start in range(len(parts)):
            candidate = self.uploads.joinpath(*parts[start:])
            if candidate.is_file() and candidate.resolve().is_relative_to(self.uploads.resolve()):
                return candidate
        return None


def _front_matter(path: Path) -> dict:
    """A file's front matter as YAML gives it ({} when it has none or it is broken: check says why)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        if text.startswith("---"):
            found = yaml.safe_load(text[3:].split("\n---", 1)[0])
            return found if isinstance(found, dict) else {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass
    return {}


def _categories(fields: dict) -> set[str]:
    names = fields.get("categories") or []
    names = [names] if isinstance(names, str) else names
    return {str(n).strip() for n in [fields.get("category"), *names] if n and str(n).strip()}


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
