"""An old site's HTML as the Markdown our editors write (markdownify does the
conversion): headings, lists, tables, links, pictures with their captions.

What a body must not carry never comes through: scripts, styles, forms,
frames and objects are dropped with their content (a frame of a video site
becomes a link to it), every attribute but a link's address and a picture's
source, text and title is dropped (so no event handler), and a link keeps
only the schemes the build allows. The build sanitises the Markdown again,
as it does every body.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from ..content.attachments import FAMILIES

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
DROPPED = ("script", "style", "noscript", "form", "input", "button", "select", "textarea", "object", "embed",
           "applet", "svg", "math", "template", "head", "title", "meta", "link", "base")


def references(html: str) -> list[str]:
    """The pictures and attachments a body uses, as written in it (img src, links to files)."""
    soup = BeautifulSoup(html or "", "html.parser")
    found = [img.get("src", "") for img in soup.find_all("img")]
    found += [a.get("href", "") for a in soup.find_all("a") if is_file(a.get("href", ""))]
    return list(dict.fromkeys(f.strip() for f in found if f and f.strip()))


def is_file(address: str) -> bool:
    """A link to a file the portal may publish (a PDF, a document, a picture ...)."""
    path = urlsplit(address or "").path
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return suffix in FAMILIES


class _Converter(MarkdownConverter):
    def __init__(self, renamed: dict[str, str], **options):
        super().__init__(**options)
        self.renamed = renamed

    def _address(self, address: str) -> str:
        address = (address or "").strip()
        if address in self.renamed:
            return self.renamed[address]
        scheme = urlsplit(address).scheme.lower()
        if scheme and scheme not in SAFE_SCHEMES:
            return ""
        return address

    def convert_a(self, el, text, *args, **kwargs):
        href = self._address(el.get("href", ""))
        if not href:
            return text
        el["href"] = href
        for name in list(el.attrs):
            if name not in ("href", "title"):
                del el[name]
        return super().convert_a(el, text, *args, **kwargs)

    def convert_img(self, el, text, *args, **kwargs):
        src = self._address(el.get("src", ""))
        if not src:
            return ""
        alt = (el.get("alt") or el.get("title") or "").strip()
        title = (el.get("title") or "").strip()
        alt = alt.replace("[", "(").replace("]", ")")
        shown = f' "{title.replace(chr(34), chr(39))}"' if title and title != alt else ""
        return f"![{alt}]({src.replace(' ', '%20')}{shown})"

    def convert_figure(self, el, text, *args, **kwargs):
        """A picture and its caption: the picture alone in its paragraph, the caption its title
        (the build makes it a figure with that caption)."""
        image, caption = el.find("img"), el.find("figcaption")
        if image is None:
            return f"\n\n{text}\n\n"
        words = " ".join(caption.get_text(" ").split()) if caption else ""
        if words:
            image["title"] = words
            image["alt"] = image.get("alt") or words
        return "\n\n" + self.convert_img(image, "") + "\n\n"

    def convert_pre(self, el, text, *args, **kwargs):
        """Preformatted text indented by four spaces: the build's Markdown has no fenced code."""
        lines = el.get_text().strip("\n").split("\n")
        return "\n\n" + "\n".join("    " + line for line in lines) + "\n\n"

    def convert_iframe(self, el, text, *args, **kwargs):
        src = self._address(el.get("src", ""))
        return f"\n\n[Xem video]({src})\n\n" if src.startswith(("http://", "https://")) else ""


def to_markdown(html: str, renamed: dict[str, str] | None = None) -> str:
    """The body in Markdown; renamed: an old address of a picture or file -> its new
    path in the site ('images/a.jpg'), for those the import brought in."""
    soup = BeautifulSoup(html or "", "html.parser")
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    for tag in soup.find_all(True):  # no attribute but those a link and a picture need
        for name in list(tag.attrs):
            if name not in ("href", "src", "alt", "title", "colspan", "rowspan"):
                del tag[name]
    for node in soup.find_all(string=True):  # text that reads '<script>' stays text, never a tag
        if "<" in node or "&" in node:
            node.replace_with(node.replace("&", "&amp;").replace("<", "&lt;"))
    converter = _Converter(renamed or {}, heading_style="ATX", bullets="-", strong_em_symbol="*",
                           escape_underscores=False, escape_asterisks=True)
    text = converter.convert_soup(soup)
    text = re.sub(r"[ \t]+\n", lambda m: m.group(0) if m.group(0) == "  \n" else "\n", text)  # '  ': a line break
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def plain(html: str) -> str:
    """An HTML fragment's text, on one line (titles, summaries, captions)."""
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())
