"""The value types of front-matter fields: each parses an editor's text.

A type turns a Value (text, list or mapping from YAML, with its line) into
the Python value the rest of the build uses, or raises Invalid with a
problem code from problems.MESSAGES. Types know nothing of content kinds;
the kinds (content/kinds/) put them together.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ..problems import Severity, hint
from ..vietnamese import fold, slugify
from .addresses import origin, web_address
from .dates import NO_SHIFT, DateShift, ImpossibleDate, When, parse_when
from .source import Value

if TYPE_CHECKING:
    from .vocabulary import Vocabulary


class Invalid(Exception):
    """A value the type cannot accept; params fill the message."""

    def __init__(self, code: str, severity: Severity = Severity.ERROR, fixed: Any = None,
                 **params: object):
        super().__init__(code)
        self.code = code
        self.severity = severity
        self.fixed = fixed  # for a warning: the value used instead
        self.params = params
        self.line: int | None = None  # a nested value's own place, when it is not the field's
        self.column: int | None = None
        self.also: list["Invalid"] = []  # more wrong values found in the same field, each reported too


@dataclass(frozen=True)
class Context:
    """What a type may need to know: where the value comes from."""

    path: str
    key: str
    site_files: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()  # files of the site that may not be published
    shift: DateShift = NO_SHIFT  # a sample portal's dates moved to this week (portal.read.root_rules)


class FieldType:
    example: Any = "..."

    def parse(self, value: Value, context: Context) -> Any:
        raise NotImplementedError

    def scaffold(self, example: Any) -> str:
        """How an example value is written in a new file."""
        return yaml_scalar(example)


def yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    text = str(value)
    if text == "" or re.search(r"^[\[\]{}&*!|>'\"%@`#,?-]|: | #|^(true|false|null|~)$", text, re.I):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _text_of(value: Value, context: Context, example: Any) -> str:
    data = value.data
    if data is None:
        return ""
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, (list, dict)):
        raise Invalid("expected-text", key=context.key, example=yaml_scalar(example))
    return " ".join(str(data).split()) if "\n" not in str(data) else str(data).strip()


class Text(FieldType):
    def __init__(self, max_length: int = 500, multiline: bool = False):
        self.max_length = max_length
        self.multiline = multiline

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example)
        if not self.multiline:
            text = " ".join(text.split())
        if len(text) > self.max_length:
            raise Invalid("text-too-long", key=context.key, length=len(text), limit=self.max_length)
        return text


class Reference(Text):
    """A text naming a record of another kind of the same site, as `template`
    writes it from that record's fields ('{name} - {position}'): read as any
    text, offered by the admin page as a choice among the site's records."""

    def __init__(self, kind: str, template: str, max_length: int = 300):
        super().__init__(max_length)
        self.kind = kind
        self.template = template

    @property
    def names(self) -> tuple[str, ...]:
        """The fields of the other kind the template uses, in order."""
        return tuple(re.findall(r"{(\w+)}", self.template))


class Integer(FieldType):
    example = 1

    def parse(self, value: Value, context: Context) -> int:
        text = _text_of(value, context, 1).strip()
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise Invalid("expected-integer", key=context.key, value=text, example=1)
        return int(text)


_TRUE_WORDS = {"true", "yes", "có", "co", "1", "x"}
_FALSE_WORDS = {"false", "no", "không", "khong", "0"}


class Boolean(FieldType):
    example = True

    def parse(self, value: Value, context: Context) -> bool:
        if isinstance(value.data, bool):
            return value.data
        text = _text_of(value, context, True).strip().lower()
        if text in _TRUE_WORDS:
            return True
        if text in _FALSE_WORDS:
            return False
        raise Invalid("expected-boolean", key=context.key, value=text)


class DateTime(FieldType):
    """A local (Asia/Ho_Chi_Minh) moment; gives a When."""

    example = "27/06/2019 17:00"

    def parse(self, value: Value, context: Context) -> When:
        text = _text_of(value, context, self.example)
        try:
            when = parse_when(text)
        except ImpossibleDate as error:
            raise Invalid("impossible-date", key=context.key, value=text, detail=error.words)
        except ValueError:
            raise Invalid("bad-date", key=context.key, value=text)
        return context.shift.apply(when)


class Choice(FieldType):
    """One word of a closed list; its Vietnamese aliases (with or without diacritics) accepted."""

    def __init__(self, vocabulary: "Vocabulary", code: str = "bad-choice"):
        """code: the message of a word not in the list (one saying more of this list's words)."""
        self.vocabulary = vocabulary
        self.code = code
        self.choices = vocabulary.keys
        self.example = self.choices[0]
        self._lookup = {}
        for word in vocabulary:
            for spelling in (word.key, *word.aliases):
                self._lookup[fold(spelling)] = word.key

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example)
        found = self._lookup.get(fold(text))
        if found:
            return found
        suggestion = closest(fold(text), list(self._lookup))
        spelled = self.vocabulary.spelled
        extra = hint("did-you-mean", suggestion=spelled(self._lookup[suggestion])) if suggestion else ""
        raise Invalid(self.code, key=context.key, value=text,
                      choices=" | ".join(spelled(key) for key in self.choices), hint=extra)


def closest(word: str, candidates: list[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


class TextList(FieldType):
    """A list of short texts; a single text is split at commas when split=True."""

    def __init__(self, example: tuple[str, ...], split: bool = True, max_items: int = 50,
                 max_length: int = 300):
        self.example = list(example)
        self.split = split
        self.max_items = max_items
        self.item = Text(max_length)

    def parse(self, value: Value, context: Context) -> tuple[str, ...]:
        data = value.data
        if data is None:
            return ()
        if isinstance(data, dict):
            raise Invalid("expected-list", key=context.key, example=yaml_scalar(self.example))
        if isinstance(data, list):
            items = [self.item.parse(item, context) for item in data]
        else:
            text = _text_of(value, context, self.example)
            items = text.split(",") if self.split else [text]
        cleaned = []
        for item in (" ".join(i.split()) for i in items):
            if item and item not in cleaned:
                cleaned.append(item)
        if len(cleaned) > self.max_items:
            raise Invalid("too-many-items", key=context.key, count=len(cleaned), limit=self.max_items)
        return tuple(cleaned)


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


def clean_relative_path(text: str) -> str | None:
    """A safe relative POSIX path inside a site folder, or None.

    Refuses absolute, Windows-drive, scheme, '..' and URL-encoded escapes.
    """
    text = text.strip()
    if not text or _DRIVE.match(text) or text.startswith(("/", "\\", "~")) or _SCHEME.match(text):
        return None
    decoded = text
    for _ in range(3):  # '%252e' decodes twice; stop when stable
        once = unquote(decoded)
        if once == decoded:
            break
        decoded = once
    decoded = decoded.replace("\\", "/")
    if decoded.startswith("/") or _DRIVE.match(decoded) or "\x00" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or p.startswith("..") and set(p) == {"."} for p in parts):
        return None
    return posixpath.join(*parts)


class AssetPath(FieldType):
    """A file in the site folder (images/, files/): must exist and stay inside."""

    def __init__(self, folder: str, example: str):
        self.folder = folder
        self.example = example

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example)
        path = clean_relative_path(text)
        if path is None:
            raise Invalid("bad-path", key=context.key, value=text, example=self.example)
        if path in context.refused:
            raise Invalid("refused-file-used", key=context.key, value=text)
        if path not in context.site_files:
            raise Invalid("missing-file", key=context.key, value=text, folder=self.folder,
                          hint=_similar_file(path, context.site_files))
        return path


def _similar_file(path: str, files: frozenset[str]):
    """A file of the same folder whose name is close to the one written (a
    typo, another case, another extension), never one that merely shares the
    folder and the '.jpg' (a leader's portrait for a missing photo)."""
    lowered = {f.lower(): f for f in files}
    if path.lower() in lowered:
        return hint("did-you-mean", suggestion=lowered[path.lower()])
    folder, _slash, name = path.rpartition("/")
    stems = {posixpath.splitext(f.rpartition("/")[2])[0].lower(): f for f in sorted(files)
             if f.rpartition("/")[0] == folder}
    match = closest_name(posixpath.splitext(name)[0].lower(), list(stems))
    return hint("did-you-mean", suggestion=stems[match]) if match else ""


def closest_name(word: str, candidates: list[str]) -> str | None:
    """A close spelling of a file name: most of its letters in order (a stricter cutoff than for keys)."""
    import difflib

    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.8)
    return matches[0] if matches else None


SAFE_SCHEMES = ("http", "https", "mailto", "tel")


# Characters no address may hold as they are (RFC 3986 has them %-encoded):
# with them a URL could close the HTML attribute or XML text it is put in.
_NOT_IN_URLS = re.compile(r'[\s<>"`{}|\\^\x00-\x1f\x7f]')


def clean_url(text: str) -> str | None:
    """An external http(s)/mailto/tel address or a site path starting with '/'."""
    text = text.strip()
    squeezed = re.sub(r"\s", "", text)
    match = _SCHEME.match(squeezed)
    if match:
        if match.group(1).lower() not in SAFE_SCHEMES or _NOT_IN_URLS.search(text):
            return None
        return text
    if _NOT_IN_URLS.search(text):
        return None
    if text.startswith("//"):
        return None
    if text.startswith("/"):
        path = clean_relative_path(text.lstrip("/").split("#")[0].split("?")[0] or "x")
        return text if path is not None else None
    return None


class Url(FieldType):
    """plain_host: an http(s) address must name a plain host (addresses.origin),
    for one that reaches the web server's configuration (a form's destination,
    a forge)."""

    def __init__(self, example: str = "https://dichvucong.gov.vn/", site_paths: bool = True,
                 plain_host: bool = False):
        self.example = example
        self.site_paths = site_paths
        self.plain_host = plain_host

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example)
        url = clean_url(text)
        if url is None or (not self.site_paths and url.startswith("/")):  # a page elsewhere: a full address
            raise Invalid("bad-url" if self.site_paths else "bad-web-url", key=context.key, value=text,
                          example=self.example)
        if self.plain_host and re.match(r"https?:", url, re.I) and origin(url) is None:
            raise Invalid("bad-address", key=context.key, value=text, example=self.example)
        return url


class BaseUrl(Url):
    """A site's own address: a plain host and path (addresses.web_address), in
    IDNA form; pages' addresses are made by adding paths to it."""

    def __init__(self):
        super().__init__("https://phutho.gov.vn/", site_paths=False)

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example)
        address = web_address(text)
        if address is None:
            raise Invalid("bad-base-url", key=context.key, value=text.strip(), example=self.example)
        return address.url


EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")


class Email(FieldType):
    example = "bbt@phutho.gov.vn"

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example).strip()
        if not EMAIL.fullmatch(text):
            raise Invalid("bad-email", key=context.key, value=text, example=self.example)
        return text


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Slug(FieldType):
    example = "ten-bai-viet"

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example).strip()
        if SLUG.fullmatch(text) and len(text) <= 80:
            return text
        suggestion = slugify(text)
        raise Invalid("bad-slug", Severity.WARNING, fixed=suggestion, key=context.key,
                      value=text, suggestion=suggestion)


PROCEDURE_CODE = re.compile(r"\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?")


class ProcedureCode(FieldType):
    example = "1.001193"

    def parse(self, value: Value, context: Context) -> str:
        text = _text_of(value, context, self.example).strip()
        if not PROCEDURE_CODE.fullmatch(text):
            raise Invalid("bad-procedure-code", key=context.key, value=text)
        return text
