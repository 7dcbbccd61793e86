"""The part of a published page Pagefind needs: its title and its search body.

Pagefind indexes only the element marked data-pagefind-body (and its meta,
filters and first heading, all inside it), so the menu, breadcrumbs and
footer of each page are bytes it would parse for nothing: a third of its
time on a commune's news. The page is cut to that element before it is
sent; the index's fragments are the same bytes as from the whole page.

A page whose mark cannot be cut out plainly (none, more than one, or no
closing tag found) is sent whole: Pagefind then reads it as it always has.
"""

from __future__ import annotations

import re

MARK = "data-pagefind-body"
_MARKED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*\s" + MARK + r"(?=[\s>=/])[^<>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


def search_body(html: str) -> str:
    """html cut to a document holding its title and its one marked element."""
    found = html.find(MARK)  # the attribute as text first: a regular expression over the page is slow
    if found < 0 or html.find(MARK, found + len(MARK)) >= 0:
        return html
    opened = _MARKED.match(html, html.rfind("<", 0, found))
    if opened is None or opened.end() <= found:
        return html  # the words are text, not an attribute
    start, tag = opened.start(), opened.group(1)
    end = _closing(html, opened.end(), tag)
    title = _TITLE.search(html, 0, start)
    if end is None:
        return html
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f'{title.group(0) if title else ""}</head><body>{html[start:end]}</body></html>')


def _closing(html: str, after: int, tag: str) -> int | None:
    """Where the element opened just before `after` ends, nested ones counted."""
    depth = 1
    for found in re.finditer(rf"<(/?){tag}\b[^<>]*>", html[after:], re.I):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return after + found.end()
    return None
