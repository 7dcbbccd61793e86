"""Markdown bodies to safe HTML, with the site's own links made portable.

Python-Markdown renders (tables, heading anchors with ASCII ids, a picture
alone in its paragraph becomes a figure with its caption); links and
pictures that point into the site folder are checked and rewritten to start
with SITE_ROOT_MARK, so one stored body serves every page and feed that
shows it; then nh3 (the Ammonia sanitizer) removes script, event handlers
and unsafe URLs unless the site allows raw HTML.
"""

from __future__ import annotations

import html as htmlmod
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
import nh3
from markdown import inlinepatterns, util
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from ..problems import Problem, Severity, Words, problem
from .html_links import links_and_pictures
from .records import Body, Heading
from .source import SITE_ROOT_MARK, clean_characters
from ..vietnamese import slugify
from .types import SAFE_SCHEMES, clean_relative_path

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
}
# Python-Markdown's time grows with the square of some shapes of text (an
# unclosed '[' or '<' is looked for to the end of its paragraph, a long run
# of lines is split one line at a time) and it recurses once per nested
# list: bodies beyond these limits are published as plain text instead.
# Real articles stay far below them (the sample portal's longest is 4 kB).
MAX_BODY_CHARS = 200_000
MAX_BLOCKS = 10_000  # paragraphs, separated by blank lines
MAX_LINES_COST = 4_000 ** 2  # the sum of (lines in a paragraph)²
MAX_NESTING = 32  # lists and quotes inside each other
MAX_MARKS_COST = 2_000_000  # marks × length of one paragraph, list item or table row ...
MAX_BODY_MARKS_COST = 10_000_000  # ... and their sum over the body
_MARKS = "[<`"  # each counts; a run of '*' or '_' (a line to fill in) counts once
_RUNS = re.compile(r"\*+|_+")
_NESTED = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>[ \t]*)")
_OWN_LINE = re.compile(r"[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]|#|\|)")  # an item, heading, row

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")  # as Markdown reads one


@dataclass
class _Findings:
    """What the tree pass learns about one body."""

    site_files: frozenset[str]
    allow_html: bool
    broken: list[tuple[str, str]] = field(default_factory=list)  # (code, target)
    links: list[str] = field(default_factory=list)  # every link's href, as published
    pictures: list[tuple[str, str | None]] = field(default_factory=list)  # (src, alt)
    first_paragraph: str = ""


class _SiteLinks(Treeprocessor):
    """Checks and rewrites links and pictures; makes figures; finds the lead paragraph."""

    findings: _Findings

    def run(self, root: etree.Element) -> None:
        self._figures(root)
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    self._link(parent, child)
                elif child.tag == "img":
                    self._picture(parent, child)
        for element in root.iter():
            if element.tag == "a" and element.get("href"):
                self.findings.links.append(element.get("href"))
            elif element.tag == "img":
                self.findings.pictures.append((element.get("src") or "", element.get("alt")))
        for child in root:
            if child.tag == "p":
                # Entities stay written as entities in the tree ('&amp;' in
                # code, '&#x3C;' in text): the summary is plain text.
                text = _ENTITY.sub(lambda m: htmlmod.unescape(m.group()),
                                   _STASH.sub(self._stashed_entity, "".join(child.itertext())))
                text = clean_characters(text).strip()
                if text:
                    self.findings.first_paragraph = " ".join(text.split())
                    break

    def _stashed_entity(self, match: re.Match) -> str:
        """An entity Python-Markdown put aside ('&amp;', '&#x3C;') as the character
        it stands for; raw HTML put aside is left out of the plain text."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        raw = str(blocks[index]) if index < len(blocks) else ""
        return htmlmod.unescape(raw) if _ENTITY.fullmatch(raw) else ""

    def _figures(self, root: etree.Element) -> None:
        for paragraph in root.findall("p"):
            children = list(paragraph)
            if len(children) == 1 and children[0].tag == "img" and not (paragraph.text or "").strip() \
                    and not (children[0].tail or "").strip():
                image = children[0]
                caption = image.get("title") or image.get("alt") or ""
                paragraph.tag = "figure"
                image.tail = None
                if image.attrib.pop("title", None) is not None and not image.get("alt"):
                    image.set("alt", caption)
                if caption:
                    etree.SubElement(paragraph, "figcaption").text = caption

    def _link(self, parent: etree.Element, link: etree.Element) -> None:
        target = link.get("href", "")
        resolved, code = self._resolve(target, is_picture=False)
        if code:
            self.findings.broken.append((code, target))
            _unwrap(parent, link)
        elif resolved is not None:
            link.set("href", resolved)

    def _picture(self, parent: etree.Element, image: etree.Element) -> None:
        target = image.get("src", "")
        resolved, code = self._resolve(target, is_picture=True)
        if code:
            self.findings.broken.append((code, target))
            _remove_keep_tail(parent, image)
        elif resolved is not None:
            image.set("src", resolved)

    def _resolve(self, target: str, is_picture: bool) -> tuple[str | None, str | None]:
        """(new URL or None to keep, problem code or None)."""
        target = target.strip()
        if not target or target.startswith("#"):
            return None, None
        scheme = _SCHEME.match(target)
        if scheme:
            if scheme.group(1).lower() in SAFE_SCHEMES or self.findings.allow_html:
                return None, None
            return None, "link-outside-site"
        if target.startswith("//"):
            return None, None
        path, _, fragment = target.partition("#")
        path = path.split("?")[0]
        candidates = [clean_relative_path(path.lstrip("/"))]
        if path.startswith("../"):
            candidates.append(clean_relative_path(path[3:]))
        found = next((c for c in candidates if c and c in self.findings.site_files), None)
        if found:
            return SITE_ROOT_MARK + found + (f"#{fragment}" if fragment else ""), None
        clean = next((c for c in candidates if c), None)
        if clean is None:
            return None, "link-outside-site"
        if is_picture:
            return None, "missing-image"
        if clean.startswith(("files/", "images/")) or re.search(r"\.(pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|gif|webp|odt|ods)$", clean, re.I):
            return None, "missing-link-target"
        # A page of this site ('/gioi-thieu/'): made relative when rendered.
        return SITE_ROOT_MARK + clean + ("/" if path.endswith("/") else "") + (f"#{fragment}" if fragment else ""), None


def _unwrap(parent: etree.Element, link: etree.Element) -> None:
    """Replace a link by its text, so the words stay but the broken link goes."""
    link.tag = "span"
    link.attrib.clear()


def _remove_keep_tail(parent: etree.Element, child: etree.Element) -> None:
    index = list(parent).index(child)
    tail = child.tail or ""
    if index > 0:
        before = parent[index - 1]
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


class _QuickInline(InlineProcessor):
    """Python-Markdown's inline pass, without its cost for patterns that cannot match.

    The stock pass tries every inline pattern (links, emphasis, code, entities
    ... fourteen of them) on every piece of text through a Python method call
    each, although most text holds none of their marks; that was about a
    third of all the time Markdown took. Here a pattern whose regular
    expression finds nothing from the current position is skipped directly,
    which is exactly what the stock method concludes for it (no match: the
    text unchanged, the next pattern, from the start); anything else goes
    through the stock method. Two expressions have no fixed first character
    for the regex engine to look for and are slow to search: the character
    each match must contain ('`', '[') is looked for first. Byte for byte the
    same output, checked in tests/test_render_speed_equivalence.py against a
    stock instance.
    """

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self._patterns = list(md.inlinePatterns)
        # Only new-style patterns search with their own compiled expression;
        # any other kind always takes the stock path.
        self._searches = [p.compiled_re.search if type(p).getCompiledRegExp is inlinepatterns.Pattern.getCompiledRegExp
                          and isinstance(p, inlinepatterns.InlineProcessor) else None
                          for p in self._patterns]
        self._marks = [_MUST_CONTAIN.get(p.compiled_re.pattern) if search else None
                       for p, search in zip(self._patterns, self._searches)]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        patterns, searches, marks = self._patterns, self._searches, self._marks
        apply = self._InlineProcessor__applyPattern
        start = 0
        count = len(patterns)
        while patternIndex < count:
            search = searches[patternIndex]
            if search is not None:
                mark = marks[patternIndex]
                if (mark is not None and data.find(mark, start) < 0) or search(data, start) is None:
                    patternIndex += 1
                    start = 0
                    continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


# An inline expression -> a character every match of it contains, at or after
# where the search starts.
_MUST_CONTAIN = {
    getattr(inlinepatterns, "BACKTICK_RE", None): "`",  # a backtick, maybe after backslashes
    getattr(inlinepatterns, "LINK_RE", None): "[",  # '[' not after '!'
    getattr(inlinepatterns, "REFERENCE_RE", None): "[",
}
_MUST_CONTAIN.pop(None, None)


def _quick_inline(md: markdown.Markdown) -> None:
    """Put _QuickInline in place of the stock inline pass, if this
    Python-Markdown has the stock pass's shape it relies on."""
    if type(md.treeprocessors["inline"]) is InlineProcessor \
            and hasattr(InlineProcessor, "_InlineProcessor__handleInline") \
            and hasattr(InlineProcessor, "_InlineProcessor__applyPattern"):
        md.treeprocessors.register(_QuickInline(md), "inline", 20)


def _anchor(value: str, separator: str) -> str:
    return slugify(value, fallback="muc")


class MarkdownRenderer:
    """One reusable Python-Markdown instance per build process and html setting."""

    def __init__(self) -> None:
        self._instances: dict[bool, tuple[markdown.Markdown, _SiteLinks]] = {}

    def _instance(self, allow_html: bool) -> tuple[markdown.Markdown, _SiteLinks]:
        if allow_html not in self._instances:
            # Instances, not names: naming them makes Markdown scan every installed
            # package's entry points, which costs more than rendering an article.
            md = markdown.Markdown(
                extensions=[TableExtension(), SaneListExtension(), TocExtension(slugify=_anchor, toc_depth="2-4")],
                output_format="html",
            )
            links = _SiteLinks(md)
            md.treeprocessors.register(links, "site_links", 15)
            _quick_inline(md)
            self._instances[allow_html] = (md, links)
        return self._instances[allow_html]

    def render(self, text: str, *, path: str, body_line: int, site_files: frozenset[str],
               allow_html: bool) -> tuple[Body, list[Problem]]:
        md, links = self._instance(allow_html)
        links.findings = _Findings(site_files, allow_html)
        md.reset()
        refused = too_complex(text)
        if refused is None:
            try:
                html = md.convert(text)
            except RecursionError:
                refused = Words(f"lồng nhau quá {MAX_NESTING} cấp", f"nested over {MAX_NESTING} levels"), 0
        if refused is not None:
            detail, offset = refused
            return plain_body(text), [problem(path, body_line + offset, "body-too-complex", detail=detail)]
        headings = tuple(_flatten(getattr(md, "toc_tokens", [])))
        if not allow_html:
            html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                             url_schemes=set(SAFE_SCHEMES), link_rel=None, strip_comments=True)
            # The sanitizer decodes entities: '&#x1;' or '&#xFFFF;' would give
            # characters no feed (XML) can hold.
            html = clean_characters(html)
        findings = links.findings
        problems = [
            problem(path, _line_of(text, target, body_line), code, Severity.ERROR, value=target)
            for code, target in findings.broken
        ]
        if any(not _ENTITY.fullmatch(str(block)) for block in md.htmlStash.rawHtmlBlocks):
            # The editor's own HTML: its links are read as the browser will.
            hrefs, pictures = links_and_pictures(html)
        else:
            hrefs, pictures = tuple(findings.links), tuple(findings.pictures)
        body = Body(html=html, first_paragraph=findings.first_paragraph, headings=headings, links=hrefs,
                    pictures=pictures)
        return body, problems


def _flatten(tokens: list[dict]) -> list[Heading]:
    result = []
    for token in tokens:
        name = clean_characters(htmlmod.unescape(_STASH.sub("", re.sub(r"<[^>]+>", "", token["name"]))))
        result.append(Heading(token["level"], token["id"], " ".join(name.split())))
        result.extend(_flatten(token.get("children", [])))
    return result


def _line_of(text: str, needle: str, body_line: int) -> int:
    index = text.find(needle)
    return body_line + (text.count("\n", 0, index) if index >= 0 else 0)


def too_complex(text: str) -> tuple[Words, int] | None:
    """Why a body is beyond the limits above, and the line (from 0) where; else None.

    One pass over the lines, counting what makes Python-Markdown slow.
    """
    if len(text) > MAX_BODY_CHARS:
        return Words(f"dài {len(text)} ký tự, tối đa {MAX_BODY_CHARS}",
                     f"{len(text)} characters, at most {MAX_BODY_CHARS}"), 0
    if _within_every_limit(text):
        return None
    blocks = block_lines = lines_cost = marks_done = 0
    unit_start = unit_length = unit_marks = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            block_lines = 0
            marks_done += unit_marks * unit_length
            unit_length = unit_marks = 0
            continue
        if block_lines == 0:
            blocks += 1
            if blocks > MAX_BLOCKS:
                return Words(f"quá {MAX_BLOCKS} đoạn", f"over {MAX_BLOCKS} paragraphs"), number
        block_lines += 1
        lines_cost += 2 * block_lines - 1  # adds up to the square of the paragraph's lines
        if lines_cost > MAX_LINES_COST:
            return Words("quá nhiều dòng liền nhau, không có dòng trống xen giữa",
                         "too many lines with no blank line between them"), number - block_lines + 1
        if _nesting(line) > MAX_NESTING:
            return Words(f"danh sách hoặc trích dẫn lồng nhau quá {MAX_NESTING} cấp",
                         f"lists or quotes nested over {MAX_NESTING} levels"), number
        if unit_length and _OWN_LINE.match(line):
            marks_done += unit_marks * unit_length
            unit_length = unit_marks = 0
        if not unit_length:
            unit_start = number
        unit_length += len(line) + 1
        unit_marks += sum(line.count(mark) for mark in _MARKS) + len(_RUNS.findall(line))
        cost = unit_marks * unit_length
        if cost > MAX_MARKS_COST or marks_done + cost > MAX_BODY_MARKS_COST:
            return Words("quá nhiều dấu [ < * _ ` trong đoạn này hoặc cả bài",
                         "too many [ < * _ ` marks in this paragraph or the whole body"), unit_start
    return None


# The start of a line that could be nested over MAX_NESTING levels: each
# level takes at least one character of this set (a marker, or four columns
# of indent), so _nesting() never counts more levels than this run is long.
_DEEP_START = re.compile(r"^[ \t*+\-.)>0-9]{%d}" % (MAX_NESTING + 1), re.M)


def _within_every_limit(text: str) -> bool:
    """True when too_complex() cannot find anything, from the body's totals
    alone, so its line by line pass is needed only for the rare long or
    marked-up body. Paragraphs are at most the lines, the sum of squares at
    most the square of the sum; a paragraph's marks at most the body's, and
    the sum of (marks x length) at most all marks x the body's length."""
    lines = text.count("\n") + 1
    if lines > MAX_BLOCKS or lines * lines > MAX_LINES_COST:
        return False
    marks = sum(text.count(mark) for mark in _MARKS + "*_")  # a run of '*' or '_' has one or more
    if marks * (len(text) + 1) > min(MAX_MARKS_COST, MAX_BODY_MARKS_COST):
        return False
    return _DEEP_START.search(text) is None


def _nesting(line: str) -> int:
    """How many lists and quotes a line opens or continues: its markers, plus
    one level per four spaces of indent before them."""
    depth, position = 0, 0
    while True:
        match = _NESTED.match(line, position)
        if not match or match.end() == position:
            break
        depth += 1
        position = match.end()
    if depth:
        indent = line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4)
        depth += len(indent) // 4
    return depth


def plain_body(text: str) -> Body:
    """A body shown as its words only: paragraphs of escaped text."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    html = "".join(f"<p>{htmlmod.escape(p)}</p>\n" for p in paragraphs)
    return Body(html=html, first_paragraph=paragraphs[0] if paragraphs else "")
