"""A WordPress export (Tools › Export, a WXR file of version 1.1 or 1.2) read into a Batch.

Read with defusedxml: an export is untrusted, so a document type with entities
(the "billion laughs") or an external entity is refused, never expanded. A
file that is not XML, is cut short, or is XML but not a WordPress export
raises SourceError (messages/importing.py) naming the file and, for XML, the
line; nothing is read at all then.

What becomes what:

* a post (wp:post_type `post`) is a news article (`post-<id>`), a page a
  fixed page (`page-<id>`); an attachment is no item, but gives the address of
  a post's featured picture (`_thumbnail_id`), which becomes its `image`;
  every other type (menu entries, revisions, custom types, blocks, templates)
  is left out, with its type;
* `publish` is published; `future` too, with its date, which the build holds
  back until it comes (as WordPress does);
* `draft`, `pending`, `auto-draft` and `inherit` were never public: one with a
  title and a body is written with `draft: true` (an editor finishes it and
  removes the line; the summary says so), one without (WordPress's empty
  "Auto Draft") is left out;
* `private` and password-protected items were meant for some readers only: a
  portal is public, so they are left out, and said so, for an editor to
  decide; `trash` is left out;
* a sticky post is `featured: true` (pinned on the home page, as WordPress
  pins it on the blog's first page);
* a published item without a title takes its body's first sentence (or first
  words), noted.

Dates are wp:post_date, the site's local time, which for a Vietnamese site is
Vietnam's; a draft never saved with a date has none. Texts (titles, category
and tag names, the author's display name, the excerpt) are HTML in WordPress:
their entities are decoded and tags dropped. Values longer or lists longer
than the kind's declaration allows are cut to it, noted.

The body is content:encoded, which WordPress stores without paragraphs: they
are made the way WordPress's wpautop() makes them (a blank line ends one, a
single newline is a line break; not inside <pre> or between block tags), but
for a block-editor body (`<!-- wp:` comments), which has its own. Shortcodes:
[caption] becomes a figure with its caption; [gallery] its pictures, one
after another, each with its caption (those the export holds: each picture
once, however many galleries show it; noted, as the editor may want fewer);
[audio], [video] and [embed] a link to what they play, and a URL alone on its
line (WordPress's auto-embed) a link; a gallery whose pictures are not in the
export and any other shortcode are dropped, noted with their name. A
bracketed word that is no shortcode ('[simple boat]' in a sentence) stays.

Old addresses (`aliases:`, answered with a 301): '/?p=<id>' (and
'/?page_id=<id>' for a page) under the blog's path, and the permalink's path
as browsers send it (_encoded_paths). Batch.uploads_base is the channel's
base_site_url and base_blog_url, each with either scheme.

The namespaces are matched by pattern: WordPress writes
http://wordpress.org/export/1.1/ or 1.2/, WordPress.com https:// (the theme
unit test data does).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeTree

from ..content.dates import LOCAL_TZ
from ..content.kinds import DEFAULT
from ..content.types import SLUG
from .fields import first_words, fit, fit_list
from .html import plain
from .wordpress_body import Attachment, autop, shortcode_attributes, wordpress_html
from .model import Batch, Item, LeftOut, SourceError, Upload

SOURCE = "wordpress"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
WP_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/")  # 1.1 and 1.2; http or https

PUBLISHED = ("publish", "future")
UNPUBLISHED = ("draft", "pending", "auto-draft", "inherit")
KINDS = {"post": "news", "page": "page"}


def read_wordpress(path: Path) -> Batch:
    """The export at path as a Batch; SourceError when it cannot be read at all."""
    path = Path(path)
    channel, wp = _channel(path)
    export = _Export(channel, wp)
    batch = Batch(SOURCE, uploads_base=export.bases())
    for element in channel.findall("item"):
        export.add(element, batch)
    return batch


# The file --------------------------------------------------------------------------


def _channel(path: Path) -> tuple[Element, str]:
    """The export's rss/channel and its wp namespace (which says the WXR version)."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError("import-wp-unreadable", file=shown, reason=error.strerror or str(error)) from None
    try:
        root = SafeTree.fromstring(data)
    except defusedxml.DefusedXmlException as error:
        raise SourceError("import-wp-unsafe", file=shown, reason=type(error).__name__) from None
    except ParseError as error:
        line, column = error.position
        raise _xml_error(shown, data, line, column + 1, str(error)) from None
    channel = root.find("channel") if root.tag == "rss" else None
    version = None
    if channel is not None:
        version = next((child for child in channel if _namespace(child.tag) and child.tag.endswith("}wxr_version")
                        and WP_NAMESPACE.fullmatch(_namespace(child.tag))), None)
    if version is None:
        raise SourceError("import-wp-not-wxr", file=shown, root=root.tag.rsplit("}", 1)[-1])
    return channel, _namespace(version.tag)


def _xml_error(shown: str, data: bytes, line: int, column: int, reason: str) -> SourceError:
    """Not XML at all (a web page, an archive), cut short (the error is at its very end:
    a download that stopped), or broken somewhere."""
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"<") or text[:14].lower().startswith((b"<!doctype html", b"<html")):
        return SourceError("import-wp-not-xml", file=shown)
    reason = re.sub(r": line \d+, column \d+$", "", reason)
    lines = data.rstrip().split(b"\n")
    at_end = line >= len(lines) and column > len(lines[-1].rstrip())
    if at_end or reason.startswith(("no element found", "unclosed token")):
        return SourceError("import-wp-truncated", file=shown, line=line, column=column)
    return SourceError("import-wp-bad-xml", file=shown, line=line, column=column, reason=reason)


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


# The items -------------------------------------------------------------------------


class _Export:
    """What the channel says once (its addresses, authors, attachments), then its items."""

    def __init__(self, channel: Element, wp: str):
        self.channel = channel
        self.wp = wp
        self.excerpt = wp + "excerpt/"
        self.site_url = _with_slash(self._text(channel, "base_site_url"))
        self.blog_url = _with_slash(self._text(channel, "base_blog_url") or (channel.findtext("link") or "").strip())
        self.root = urlsplit(self.blog_url).path or "/"  # where the blog was served: '/' or '/tin-tuc/'
        if not self.root.endswith("/"):
            self.root += "/"
        self.authors = {}
        for author in channel.findall(f"{{{wp}}}author"):
            login = self._text(author, "author_login")
            name = plain(self._text(author, "author_display_name"))
            if login and name:
                self.authors[login] = name
        self.attachments: dict[str, Attachment] = {}
        for item in channel.findall("item"):
            if self._text(item, "post_type") == "attachment" and self._text(item, "attachment_url"):
                number = self._text(item, "post_id")
                order = self._text(item, "menu_order")
                self.attachments[number] = Attachment(
                    number, self._text(item, "attachment_url"), self._text(item, "post_parent"),
                    int(order) if order.isdigit() else 0, plain(item.findtext(f"{{{self.excerpt}}}encoded") or ""),
                    plain(self._meta(item, "_wp_attachment_image_alt")))
        self.news = DEFAULT.get("news")
        self.pages = DEFAULT.get("page")

    def bases(self) -> tuple[str, ...]:
        """The old site's own addresses, with either scheme (a site that moved to https
        still has http:// pictures in its older posts)."""
        found = []
        for url in (self.site_url, self.blog_url):
            if url.startswith(("http://", "https://")):
                rest = url.split("://", 1)[1]
                found += [f"https://{rest}", f"http://{rest}"]
        return tuple(dict.fromkeys(found))

    def _text(self, element: Element, name: str, namespace: str | None = None) -> str:
        return (element.findtext(f"{{{namespace or self.wp}}}{name}") or "").strip()

    def add(self, element: Element, batch: Batch) -> None:
        """One <item>: an Item, a LeftOut, or (an attachment) nothing."""
        post_type, number = self._text(element, "post_type"), self._text(element, "post_id")
        status = self._text(element, "status")
        title = plain(element.findtext("title") or "")
        if post_type == "attachment":
            return
        kind = KINDS.get(post_type)
        key = f"{'page' if kind == 'page' else 'post'}-{number}" if kind else f"{post_type or 'item'}-{number}"

        def leave(code: str, **values) -> None:
            batch.left_out.append(LeftOut(key, title or unquote(self._text(element, "post_name")), code, values))

        refused = self._refusal(element, kind, post_type, status)
        if refused:
            return leave(refused[0], **refused[1])
        notes: list[tuple[str, dict]] = []
        body = wordpress_html(element.findtext(f"{{{CONTENT}}}encoded") or "", notes,
                              lambda values: self._gallery(values, number))
        if status in UNPUBLISHED and not (title and plain(body)):
            return leave("import-wp-draft", status=status)
        if not title:
            title = first_words(plain(body))
            if not title:
                return leave("import-wp-empty")
            notes.append(("import-wp-no-title", {"title": title}))
        fields: dict = {"title": fit(self.news if kind == "news" else self.pages, "title", title, notes, "wp")}
        if kind == "news":
            date = self._date(element)
            if date is None and status in PUBLISHED:
                return leave("import-wp-no-date")
            fields.update({"date": date} if date else {}, **self._news_fields(element, notes))
        elif SLUG.fullmatch(slug := unquote(self._text(element, "post_name"))) and len(slug) <= 80:
            fields["slug"] = slug  # else ('επίπεδο-2', not a slug) the file's name makes it
        if status in UNPUBLISHED:
            fields["draft"] = True
            notes.append(("import-kept-draft", {"status": status}))
        if not plain(body) and "<img" not in body:
            notes.append(("import-empty-body", {}))
        batch.items.append(Item(kind=kind, key=key, fields=fields, body_html=body,
                                name=unquote(self._text(element, "post_name")) or title,
                                old_urls=self._old_urls(element, kind, number),
                                uploads=self._featured(element, notes) if kind == "news" else [], notes=notes))

    def _refusal(self, element: Element, kind: str | None, post_type: str, status: str) -> tuple[str, dict] | None:
        """Why an item is left out before its body is even read; None: it is not."""
        if kind is None:
            return "import-wp-other-type", {"type": post_type}
        if status in ("trash", "private"):
            return f"import-wp-{status}", {}
        if self._text(element, "post_password"):
            return "import-wp-password", {}
        if status not in PUBLISHED + UNPUBLISHED:
            return "import-wp-status", {"status": status}
        return None

    def _news_fields(self, element: Element, notes: list) -> dict:
        """An article's categories, tags, author, summary and pin, as the kind takes them."""
        fields = self._terms(element, notes)
        author = self._text(element, "creator", DC)
        if author:
            fields["author"] = fit(self.news, "author", self.authors.get(author, author), notes, "wp")
        summary = plain(element.findtext(f"{{{self.excerpt}}}encoded") or "")
        if summary:
            fields["summary"] = fit(self.news, "summary", summary, notes, "wp")
        if self._text(element, "is_sticky") == "1":
            fields["featured"] = True
        return fields

    def _featured(self, element: Element, notes: list) -> list[Upload]:
        """The featured picture (_thumbnail_id: an attachment of the export) as the image."""
        picture = self._meta(element, "_thumbnail_id")
        if not picture:
            return []
        if picture in self.attachments:
            return [Upload(self.attachments[picture].url, field="image")]
        notes.append(("import-wp-no-picture", {"id": picture}))
        return []

    def _gallery(self, values: dict, number: str) -> list[Attachment]:
        """The pictures a [gallery] shows, as WordPress chooses them: those its ids (or
        include) name, in that order, else those attached to the post (or to its id=),
        in their menu order; less those it excludes."""
        named = [n.strip() for n in (values.get("ids") or values.get("include") or "").split(",") if n.strip()]
        if named:
            chosen = [self.attachments[n] for n in named if n in self.attachments]
        else:
            parent = str(values.get("id") or number)
            chosen = sorted((a for a in self.attachments.values() if a.parent == parent),
                            key=lambda a: (a.order, int(a.number) if a.number.isdigit() else 0))
        excluded = {n.strip() for n in (values.get("exclude") or "").split(",")}
        return [a for a in chosen if a.number not in excluded and a.is_picture]

    def _date(self, element: Element) -> str | None:
        """'YYYY-MM-DD HH:MM', Vietnam's time; None when the export has no date for it."""
        local = _wordpress_time(self._text(element, "post_date"))
        if local is not None:
            return local.strftime("%Y-%m-%d %H:%M")
        universal = _wordpress_time(self._text(element, "post_date_gmt"))
        if universal is None:
            try:
                universal = parsedate_to_datetime((element.findtext("pubDate") or "").strip())
            except (TypeError, ValueError):
                return None
            if universal.year < 1971:
                return None
        else:
            universal = universal.replace(tzinfo=timezone.utc)
        return universal.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")

    def _terms(self, element: Element, notes: list) -> dict:
        """category or categories, and tags: the names, as the old site showed them."""
        found: dict[str, list[str]] = {"category": [], "post_tag": []}
        for term in element.findall("category"):
            name = plain(term.text or "")
            domain = term.get("domain")
            if domain in found and name and name not in found[domain]:
                found[domain].append(name)
        fields: dict = {}
        categories = fit_list(self.news, "categories", found["category"], notes, "wp")
        if len(categories) == 1:
            fields["category"] = categories[0]
        elif categories:
            fields["categories"] = categories
        tags = fit_list(self.news, "tags", found["post_tag"], notes, "wp")
        if tags:
            fields["tags"] = tags
        return fields

    def _meta(self, element: Element, key: str) -> str:
        for meta in element.findall(f"{{{self.wp}}}postmeta"):
            if self._text(meta, "meta_key") == key:
                return self._text(meta, "meta_value")
        return ""

    def _old_urls(self, element: Element, kind: str, number: str) -> tuple[str, ...]:
        """Where the old site answered for it: its short links and its permalink."""
        urls = [f"{self.root}?p={number}"]
        if kind == "page":
            urls.insert(0, f"{self.root}?page_id={number}")
        link = urlsplit((element.findtext("link") or "").strip())
        for path in _encoded_paths(link.path):
            if path != "/" or link.query:  # never the old home page
                urls.append(path + (f"?{link.query}" if link.query else ""))
        return tuple(dict.fromkeys(urls))


# What stays as it is in a path: RFC 3986's unreserved characters and the path's own delimiters.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _encoded_paths(path: str) -> list[str]:
    """A permalink's path as browsers send it, percent-encoded: nginx matches an old
    address against the request's URI byte for byte, before any decoding
    (serving/moved.py maps $request_uri), so the encoded form is what is kept.

    A Vietnamese or Greek permalink has two spellings a browser sends: the one
    WordPress wrote in its own links, with lowercase hex ('/t%c3%acnh-h%c3%acnh/',
    what search engines and shared links hold), and the one a browser makes from
    the letters when the address is typed or pasted, with uppercase hex
    ('/t%C3%ACnh-h%C3%ACnh/', RFC 3986's normal form). Both are kept when they
    differ, each made the same way whatever the export wrote: decoded, then every
    byte but the unreserved and the delimiters encoded. A doubled slash (WordPress
    writes '//greek/' when a page's parent link ends with '/') is merged: a '//'
    address would be read as a host and is never served (serving/moved.py), and
    WordPress answered the single-slash one.
    """
    if not path:
        return []
    decoded = re.sub(r"/{2,}", "/", unquote(path))
    normal = quote(decoded, safe=_PATH_SAFE)
    lowercase = re.search(r"%(?:[0-9a-f][a-f]|[a-f][0-9a-f])", path) is not None  # as WordPress writes it
    as_written = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), normal) if lowercase else normal
    return list(dict.fromkeys((as_written, normal)))


def _wordpress_time(text: str) -> datetime | None:
    """'2019-06-27 17:00:49' as written (no zone); None for WordPress's '0000-00-00 00:00:00'."""
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _with_slash(url: str) -> str:
    url = url.strip()
    return url if not url or url.endswith("/") else url + "/"


__all__ = ["read_wordpress", "wordpress_html", "autop", "shortcode_attributes"]
