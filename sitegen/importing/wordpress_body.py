"""A WordPress post's content:encoded as the HTML WordPress showed: [caption] and
[gallery] shortcodes resolved into figures, media shortcodes and lone URLs into
links, unknown shortcodes dropped (noted), paragraphs made the way wpautop makes
them. Used by wordpress.py."""

from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Attachment:
    """A file of the old site's media library (an <item> of type attachment)."""

    number: str
    url: str
    parent: str  # the post it was uploaded to ('0': none)
    order: int
    caption: str  # WordPress keeps an attachment's caption as its excerpt
    alt: str

    @property
    def is_picture(self) -> bool:
        return urlsplit(self.url).path.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp"))


# The body --------------------------------------------------------------------------


def wordpress_html(content: str, notes: list[tuple[str, dict]] | None = None,
                   gallery: Callable[[dict], list[Attachment]] | None = None) -> str:
    """content:encoded as the HTML WordPress showed: shortcodes resolved, paragraphs made.
    notes gets ('import-wp-shortcode', {'name', 'count'}) for each shortcode dropped;
    gallery gives the pictures of a [gallery] from its attributes (none: it is dropped)."""
    notes = notes if notes is not None else []
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    text = _captions(text)
    text, dropped, pictures = _shortcodes(text, gallery or (lambda values: []))
    if pictures:
        notes.append(("import-wp-gallery", {"count": pictures}))
    for name, count in dropped.items():
        notes.append(("import-wp-shortcode", {"name": name, "count": count}))
    text = _autoembed(text)
    if "<!-- wp:" not in text:  # a block-editor body has its own paragraphs (WordPress skips wpautop too)
        text = autop(text)
    return text.strip()


_CAPTION = re.compile(r"\[(?:wp_)?caption(\s[^\]]*)?\](.*?)\[/(?:wp_)?caption\]", re.S | re.I)
_CAPTIONED = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.S | re.I)


def _captions(text: str) -> str:
    """[caption ...]<img ...> The caption.[/caption] as a figure with its caption
    (the caption is either after the picture, or, before WordPress 3.4, an attribute)."""

    def figure(match: re.Match) -> str:
        attributes, inner = shortcode_attributes(match.group(1) or ""), match.group(2)
        caption = attributes.get("caption", "")
        picture = inner
        if not caption:
            found = _CAPTIONED.match(inner.strip())
            if found:
                picture, caption = found.group(1), found.group(2).strip()
        caption = " ".join(caption.split())
        shown = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f"<figure>{' '.join(picture.split())}{shown}</figure>"

    return _CAPTION.sub(figure, text)


# A shortcode: [name], [name attr="v" ...], [name /], [/name]; [[name]] is the literal text '[name]'.
_SHORTCODE = re.compile(r"\[(\[?)(/?)([A-Za-z][A-Za-z0-9_-]*)((?:\s[^\[\]]*?)?)(/?)\](\]?)")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)"""
                        r"""|"([^"]*)"|'([^']*)'|(\S+)""")
KNOWN_SHORTCODES = frozenset({  # WordPress's own, WordPress.com's, and the usual plugins'
    "gallery", "playlist", "audio", "video", "embed", "caption", "wp_caption", "youtube", "vimeo", "dailymotion",
    "googlemaps", "slideshow", "tweet", "soundcloud", "scribd", "polldaddy", "contact-form", "contact-form-7",
    "contact-field", "code", "sourcecode", "pdf-embedder", "pdf", "wpforms", "ninja_form", "gravityform",
})
MEDIA = {"audio": ("src", "mp3", "m4a", "ogg", "wav", "wma"),
         "video": ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"),
         "youtube": (), "vimeo": (), "dailymotion": (), "pdf-embedder": ("url",), "pdf": ("url",)}


def shortcode_attributes(text: str) -> dict:
    """A shortcode's attributes as WordPress reads them (shortcode_parse_atts): named
    ones by name, the others by position (0, 1, ...)."""
    found, position = {}, 0
    for match in _ATTRIBUTE.finditer(html_entities.unescape(text.replace("\u00a0", " "))):
        groups = match.groups()
        if groups[0] is not None:
            found[groups[0].lower()] = groups[1]
        elif groups[2] is not None:
            found[groups[2].lower()] = groups[3]
        elif groups[4] is not None:
            found[groups[4].lower()] = groups[5]
        else:
            found[position] = next(g for g in groups[6:] if g is not None)
            position += 1
    return found


def _shortcodes(text: str, gallery: Callable[[dict], list[Attachment]]) -> tuple[str, dict[str, int], int]:
    """Shortcodes resolved: a gallery as its pictures one after another (each once), media
    as links to them, the others dropped (their enclosed text kept) and counted. What is no
    shortcode stays: a name WordPress and its usual plugins do not know, with no
    'name=value' attribute, no '/]' and no closing [/name] in the text.
    Gives the text, the shortcodes dropped by name, and the pictures galleries brought."""
    closed = {name.lower() for name in re.findall(r"\[/([A-Za-z][A-Za-z0-9_-]*)\]", text)}
    dropped: dict[str, int] = {}
    shown: set[str] = set()

    def resolve(match: re.Match) -> str:
        escaped_open, closing, name, attributes, self_closing, escaped_close = match.groups()
        lowered = name.lower()
        shortcode = (lowered in KNOWN_SHORTCODES or lowered in closed or bool(self_closing)
                     or re.search(r"(?:^|\s)[\w-]+\s*=", attributes or "") is not None)
        if not shortcode:
            return match.group(0)
        if escaped_open and escaped_close:  # [[gallery]]: WordPress shows '[gallery]'
            return match.group(0)[1:-1]
        if closing:
            return escaped_open + escaped_close
        if lowered in MEDIA:
            values = shortcode_attributes(attributes or "")
            address = next((values[k] for k in MEDIA[lowered] if values.get(k)), None) or values.get(0, "")
            if address.startswith(("http://", "https://", "/")):
                link = html_entities.escape(address, quote=True)
                return f"{escaped_open}\n\n<a href=\"{link}\">{link}</a>\n\n{escaped_close}"
        if lowered == "embed":
            return escaped_open + escaped_close  # its URL, between the tags, becomes a link below
        if lowered == "gallery":
            chosen = gallery(shortcode_attributes(attributes or ""))
            if chosen:  # the same pictures again ('[gallery columns="2"]' after '[gallery]'): once is enough
                pictures = [a for a in chosen if a.url not in shown]
                shown.update(a.url for a in pictures)
                return escaped_open + "".join(_figure(a) for a in pictures) + escaped_close
        dropped[lowered] = dropped.get(lowered, 0) + 1
        return escaped_open + escaped_close

    text = _SHORTCODE.sub(resolve, text)
    return text, dropped, len(shown)


def _figure(picture: Attachment) -> str:
    address, alt = html_entities.escape(picture.url, quote=True), html_entities.escape(picture.alt, quote=True)
    caption = f"<figcaption>{html_entities.escape(picture.caption)}</figcaption>" if picture.caption else ""
    return f"\n\n<figure><img src=\"{address}\" alt=\"{alt}\" />{caption}</figure>\n\n"


_LONE_URL = re.compile(r"^([ \t]*)(https?://[^\s<>\"']+)([ \t]*)$", re.M)


def _autoembed(text: str) -> str:
    """A URL alone on its line: WordPress showed what it points at (a video, a post);
    the portal links to it."""

    def link(match: re.Match) -> str:
        shown = html_entities.escape(match.group(2), quote=True)
        return f"{match.group(1)}<a href=\"{shown}\">{shown}</a>{match.group(3)}"

    return _LONE_URL.sub(link, text)


# wpautop(), as WordPress 6 has it (wp-includes/formatting.php) -----------------------

_BLOCKS = (r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
           r"blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|"
           r"figure|figcaption|details|menu|summary)")
_IN_TAGS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>", re.S)
_NEWLINE = " <!-- wpnl --> "


def autop(text: str) -> str:
    """Paragraphs where the editor left a blank line, line breaks where a single newline."""
    if not text.strip():
        return ""
    pre_tags: dict[str, str] = {}
    text += "\n"
    if "<pre" in text:  # kept aside as they are
        parts = text.split("</pre>")
        last = parts.pop()
        text = ""
        for number, part in enumerate(parts):
            start = part.find("<pre")
            if start == -1:
                text += part
                continue
            name = f"<pre wp-pre-tag-{number}></pre>"
            pre_tags[name] = part[start:] + "</pre>"
            text += part[:start] + name
        text += last
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + _BLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + _BLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = _IN_TAGS.sub(lambda m: m.group(0).replace("\n", _NEWLINE), text)  # newlines inside a tag stay
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^>]*>)\s*", r"\1", text)
        text = re.sub(r"\s*</object>", "</object>", text)
        text = re.sub(r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    text = "".join(f"<p>{block.strip(chr(10))}</p>\n" for block in re.split(r"\n\s*\n", text) if block)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + _BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<(script|style|svg|math).*?</\1>", lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"),
                  text, flags=re.S)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + _BLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    return text.replace(_NEWLINE, "\n").replace(_NEWLINE.strip(), "\n")
