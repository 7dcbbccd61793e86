"""What every importer gives the writer: plain data, read whole before anything is written.

An importer (wordpress.py, nukeviet.py, procedures.py) reads its source and
returns a Batch: the items it found, each as the front matter an editor would
write (the keys of CONTENT.md) plus its body as the source's HTML, the files
it uses, and its old addresses; and what it left out, and why. The writer
(write.py) turns a Batch into the site's own Markdown files, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..messages.console import Said


class SourceError(Said):
    """The source cannot be imported at all (a truncated export, not the system named,
    a wrong prefix), worded by the catalogue (messages/importing.py); nothing is written."""


@dataclass
class Upload:
    """A picture or attachment an item uses, as the source names it."""

    source: str  # a URL ('https://xa.gov.vn/uploads/news/2019_06/a.jpg') or a path of the export
    field: str = ""  # the front-matter key it fills ('image', 'photo', 'files'), '' for one in the body
    title: str = ""  # an attachment's name in a document's files list


@dataclass
class Item:
    kind: str  # 'news' | 'page' | 'document' | 'staff' | 'procedure'
    key: str  # the source's own stable id ('post-123', 'news-45'): what makes a re-import find it again
    fields: dict  # front matter in CONTENT.md's keys; dates as 'YYYY-MM-DD HH:MM' (Vietnam's time)
    body_html: str = ""  # the source's HTML (converted to Markdown when written)
    body_markdown: str | None = None  # a body already in Markdown (used instead of body_html)
    name: str = ""  # what the file name is made from ('' : the title)
    old_urls: tuple[str, ...] = ()  # where the old site served it: '/path?query' (no host)
    uploads: list[Upload] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)  # (code, values): needs an editor's look


@dataclass
class LeftOut:
    key: str
    title: str
    code: str  # why: 'import-draft', 'import-private', 'import-password', 'import-trash', ...
    values: dict = field(default_factory=dict)


@dataclass
class Batch:
    source: str  # 'wordpress' | 'nukeviet' | 'procedures'
    items: list[Item] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    uploads_base: tuple[str, ...] = ()  # the old site's addresses ('https://xa.gov.vn/'): URLs under them are local
