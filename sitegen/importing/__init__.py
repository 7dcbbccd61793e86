"""Bringing an existing portal in: each source's reader gives a Batch (model.py),
read whole before anything is written; write.py makes the site's own files of it,
repeatably; summary.py says what happened, in Vietnamese.

    wordpress.py   a WordPress export (WXR)
    nukeviet.py    a NukeViet 4 database (news, laws, opinions, organisation): nukeviet_db.py
                   the connection, nukeviet_site.py what the site says once, nukeviet_news.py,
                   nukeviet_laws.py, nukeviet_staff.py one module each
    procedures.py  the national public-service portal's procedure list (.xlsx)
    html.py        the old bodies' HTML as our Markdown
    fields.py      values cut to what a kind allows, titles for untitled items (every reader)
"""

from __future__ import annotations

from pathlib import Path

from .model import Batch


def read(source: str, given: str, prefix: str = "nv4", data_lang: str = "vi") -> Batch:
    """The Batch of one source (SourceError when it cannot be read)."""
    if source == "wordpress":
        from .wordpress import read_wordpress

        return read_wordpress(Path(given))
    if source == "nukeviet":
        from .nukeviet import read_nukeviet

        return read_nukeviet(given, prefix, data_lang)
    from .procedures import read_procedures

    return read_procedures(Path(given))
