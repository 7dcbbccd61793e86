"""The links and pictures of a piece of HTML an editor wrote by hand (raw
HTML in Markdown), found the way a browser reads it."""

from __future__ import annotations

from html.parser import HTMLParser


def links_and_pictures(html: str) -> tuple[tuple[str, ...], tuple[tuple[str, str | None], ...]]:
    """(every link's href, every picture's (src, alt)), in document order."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return tuple(scan.links), tuple(scan.pictures)


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.pictures: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag == "img":
            self.pictures.append((values.get("src") or "", values.get("alt")))

    handle_startendtag = handle_starttag
