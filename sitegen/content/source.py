"""Reading an editor's file: bytes to text, front matter to values with lines.

Editors write from Notepad, Word, phones and macOS: a BOM, CRLF line ends and
NFD Vietnamese are all normal and read the same as clean UTF-8/LF/NFC. YAML is
read with a loader that turns only true/false and empty values into non-text:
'code: 1.001190' stays '1.001190', 'title: No' stays 'No'. Each field's own
type (content/types.py) converts the text, so one place decides what a value means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..problems import Problem, Words, problem
from . import MAX_FILE_BYTES

# Limits against hostile or broken files: plenty for any real page.
MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 20
MAX_COMBINING = 30  # combining marks on one letter

# Marks a link to the site's own root inside stored HTML (see markdown.py).
# Editors' text can never contain it: normalise_text() removes it.
SITE_ROOT_MARK = "\ue000"

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextLoader(_BaseLoader):
    """Resolves only booleans and nulls; every other scalar stays text."""


_TextLoader.yaml_implicit_resolvers = {}
_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


@dataclass(frozen=True)
class Value:
    """A front-matter value with the line and column it was written on."""

    data: Any
    line: int
    column: int


@dataclass
class Document:
    """One file read: its fields (each a Value), its body and where the body starts."""

    path: str
    fields: dict[str, Value] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    ok: bool = True


def normalise_text(text: str) -> str:
    """NFC, LF line ends, no BOM, no control characters but tab and newline.

    The other line breaks YAML knows (NEL, U+2028, U+2029) become newlines, so
    YAML and the editor count the same lines; C1 controls and U+FFFE/U+FFFF,
    which YAML refuses and XML (the feeds) cannot hold, are removed.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean_characters(text.replace(SITE_ROOT_MARK, ""))
    return unicodedata.normalize("NFC", _cap_combining(text))


def clean_characters(text: str) -> str:
    """Without the control characters and line breaks normalise_text removes
    (for text that escapes or entities made after the file was read)."""
    return _CONTROL_CHARS.sub("", _OTHER_BREAKS.sub("\n", text))


def _cap_combining(text: str) -> str:
    """At most MAX_COMBINING marks on one letter (Unicode's stream-safe limit;
    Vietnamese needs two): a longer pile is junk, and Python's normalisation
    takes time growing with the square of its length."""
    if not _LONG_RUN.search(text):
        return text

    def cap(match: re.Match) -> str:
        kept, marks = [], 0
        for char in match.group():
            marks = marks + 1 if unicodedata.combining(char) else 0
            if marks <= MAX_COMBINING:
                kept.append(char)
        return "".join(kept)

    return _LONG_RUN.sub(cap, text)


_LONG_RUN = re.compile("[^\x00-\u02ff]{%d,}" % (MAX_COMBINING + 1))  # where piles can be
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [problem(path, None, "too-large", size=len(raw), limit=MAX_FILE_BYTES)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [problem(path, line, "not-utf8")]
    return normalise_text(text), []


_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def read_document(raw: bytes, path: str, front_matter_required: bool = True) -> Document:
    """Split a Markdown file into front matter and body and read the front matter."""
    text, problems = decode(raw, path)
    document = Document(path, problems=problems)
    if text is None:
        document.ok = False
        return document
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        if front_matter_required:
            document.problems.append(problem(path, 1, "no-front-matter"))
            document.ok = False
        document.body = text
        return document
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index]):
            yaml_text = "\n".join(lines[1:index])
            document.body = "\n".join(lines[index + 1 :])
            document.body_line = index + 2
            break
    else:
        document.problems.append(problem(path, 1, "front-matter-unclosed"))
        document.ok = False
        return document
    mapping, yaml_problems = read_mapping(yaml_text, path, first_line=2)
    document.problems.extend(yaml_problems)
    if mapping is None:
        document.ok = False
    else:
        document.fields = mapping
    return document


def read_yaml_file(raw: bytes, path: str) -> tuple[dict[str, Value] | None, list[Problem]]:
    """Read a whole YAML file (site.yaml, a week's schedule) as a mapping."""
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    mapping, yaml_problems = read_mapping(text, path, first_line=1)
    return mapping, problems + yaml_problems


def read_mapping(text: str, path: str, first_line: int) -> tuple[dict[str, Value] | None, list[Problem]]:
    if not text.strip():
        return {}, []
    refused = _screen(text, path, first_line)
    if refused is not None:
        return None, [refused]
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, path, first_line, text)]
    except yaml.YAMLError as error:
        return None, [problem(path, first_line, "yaml-syntax", detail=str(error))]
    finally:
        loader.dispose()
    if node is None:
        return {}, []
    builder = _Builder(path, first_line)
    try:
        value = builder.build(node, depth=0)
    except _Refused as refused:
        return None, [refused.problem]
    if not isinstance(value.data, dict):
        return None, [problem(path, value.line, "yaml-not-mapping")]
    return value.data, builder.problems


def _screen(text: str, path: str, first_line: int) -> Problem | None:
    """Walk the YAML's events, building nothing, and refuse deep nesting or too
    many items before the composer sees them: libyaml's time grows with the
    square of the nesting depth and its composer recurses in C, so a file of a
    few hundred thousand '[' would stall the build for hours or crash it.
    Syntax errors are left to the composer, which reports them with hints."""
    loader = _TextLoader(text)
    depth = nodes = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_YAML_NODES:
                    return problem(path, event.start_mark.line + first_line, "yaml-too-big",
                                   limit=MAX_YAML_NODES)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH + 1:
                    return problem(path, event.start_mark.line + first_line, "yaml-too-deep",
                                   limit=MAX_YAML_DEPTH)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # PyYAML 6.0.4 has a limit of its own, met while it scans a run of '['
        # ahead, before the first event: the same fault, said our way.
        if "nesting depth" in (error.problem or "") and error.problem_mark is not None:
            return problem(path, error.problem_mark.line + first_line, "yaml-too-deep", limit=MAX_YAML_DEPTH)
        return None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


class _Refused(Exception):
    def __init__(self, found: Problem):
        super().__init__(found.code)
        self.problem = found


class _Builder:
    """Turns composed YAML nodes into Values, refusing aliases and huge trees."""

    def __init__(self, path: str, first_line: int):
        self.path = path
        self.first_line = first_line
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, depth: int) -> Value:
        line = node.start_mark.line + self.first_line
        column = node.start_mark.column + 1
        if id(node) in self.seen:
            raise _Refused(problem(self.path, line, "yaml-alias", column=column))
        self.seen.add(id(node))
        if len(self.seen) > MAX_YAML_NODES:
            raise _Refused(problem(self.path, line, "yaml-too-big", limit=MAX_YAML_NODES))
        if depth > MAX_YAML_DEPTH:
            raise _Refused(problem(self.path, line, "yaml-too-deep", limit=MAX_YAML_DEPTH))
        if isinstance(node, yaml.MappingNode):
            return Value(self._mapping(node, depth), line, column)
        if isinstance(node, yaml.SequenceNode):
            return Value([self.build(item, depth + 1) for item in node.value], line, column)
        return Value(_scalar(node), line, column)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Value]:
        result: dict[str, Value] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, depth + 1)
            name = key.data if isinstance(key.data, str) else _plain(key.data)
            value = self.build(value_node, depth + 1)
            if name in result:
                self.problems.append(
                    problem(self.path, key.line, "duplicate-key", column=key.column,
                            key=name, first_line=result[name].line)
                )
            # The key's own line is where an editor looks for the mistake.
            result[name] = Value(value.data, key.line, key.column)
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() == "true"
    if node.tag == "tag:yaml.org,2002:null":
        return None
    # A quoted value's escapes ("\0", "\x1b", "\uffff") make characters the
    # file's text was cleaned of: clean the value the same way.
    return normalise_text(node.value)


def _plain(value: Any) -> str:
    """A key as the editor wrote it, also when it is a list or a mapping."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Value):
        return _plain(value.data)
    if isinstance(value, list):
        return "[" + ", ".join(_plain(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return str(value)


_SYNTAX_HINTS = (
    ("mapping values are not allowed", (
        "có dấu hai chấm ': ' nằm trong giá trị. Hãy đặt cả giá trị trong ngoặc kép, "
        "ví dụ: title: \"Hội nghị: tổng kết năm\"",
        "a ': ' inside a value. Put the whole value in double quotes, e.g. "
        "title: \"Meeting: year review\"",
    )),
    ("found character '\\t'", (
        "có ký tự Tab. Hãy dùng dấu cách để thụt dòng.",
        "a Tab character. Indent with spaces.",
    )),
    ("could not find expected ':'", (
        "một dòng thiếu dấu hai chấm. Mỗi dòng phải có dạng 'khóa: giá trị'.",
        "a line without a colon. Each line must read 'key: value'.",
    )),
    ("found undefined alias", (
        "dấu '*' ở đầu giá trị. Hãy đặt giá trị trong ngoặc kép.",
        "a '*' at the start of a value. Put the value in double quotes.",
    )),
    ("expected <block end>, but found", (
        "thụt lề không đều hoặc giá trị bắt đầu bằng ký tự đặc biệt ('[', '{', '\"'). "
        "Hãy đặt giá trị trong ngoặc kép và thụt lề các dòng con bằng cùng số dấu cách.",
        "uneven indentation or a value starting with a special character. Quote the value "
        "and indent nested lines alike.",
    )),
    ("cannot start any token", (
        "một giá trị bắt đầu bằng ký tự đặc biệt ('@', '`', '%' hoặc dấu Tab). "
        "Hãy đặt giá trị trong ngoặc kép.",
        "a value starting with a special character ('@', '`', '%' or a Tab). "
        "Put the value in double quotes.",
    )),
    ("unknown escape character", (
        "dấu '\\' trong ngoặc kép. Hãy viết '\\\\' hoặc đặt giá trị trong ngoặc đơn ' '.",
        "a '\\' inside double quotes. Write '\\\\' or use single quotes ' ' instead.",
    )),
    ("expected alphabetic or numeric character", (
        "dấu '&' hoặc '*' ở đầu giá trị. Hãy đặt giá trị trong ngoặc kép.",
        "a '&' or '*' at the start of a value. Put the value in double quotes.",
    )),
    ("found unexpected end of stream", (
        "một dấu ngoặc kép hoặc ngoặc vuông chưa được đóng.",
        "a quote or bracket that is never closed.",
    )),
    ("did not find expected", (
        "một dấu ngoặc hoặc dấu phẩy không đúng chỗ. Hãy đặt giá trị trong ngoặc kép.",
        "a bracket or comma out of place. Put the value in double quotes.",
    )),
)


_INDENTED = re.compile(r"[ \t]+([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s|$)")
_OPENS_BLOCK = re.compile(r"\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*\s*:\s*(?:[|>][-+]?)?\s*(?:#.*)?$")


def _indented_key(lines: list[str], index: int) -> str | None:
    """The key of a line indented by mistake ('  date: ...' under 'title: Tin'): YAML
    reads it as the line above's value going on, then stops at its ': '."""
    if not 0 <= index < len(lines):
        return None
    found = _INDENTED.match(lines[index])
    above = next((line for line in reversed(lines[:index]) if line.strip()), "")
    if found is None or not above or above[0].isspace() or _OPENS_BLOCK.fullmatch(above):
        return None  # a nested block ('notice:' then '  text: ...') is indented on purpose
    return found.group(1)


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, first_line: int, source: str = "") -> Problem:
    # An unclosed bracket or quote is reported where the file ends; the editor
    # must fix the line where it opens.
    opened = error.context and ("flow" in error.context or "quoted" in error.context)
    mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
    line = mark.line + first_line if mark else first_line
    column = mark.column + 1 if mark else None
    text = " ".join(filter(None, [error.context, error.problem]))
    indented = _indented_key(source.split("\n"), mark.line) if mark and source else None
    if indented is not None:
        return problem(path, line, "indented-line", column=1, key=indented)
    for needle, (vi, en) in _SYNTAX_HINTS:
        if needle in text:
            return problem(path, line, "yaml-syntax", column=column, detail=Words(vi, en))
    return problem(path, line, "yaml-syntax", column=column, detail=text)
