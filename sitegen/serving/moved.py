"""Old addresses answered with a 301 to the page that now holds the item.

An item brought in from the old site (python build.py import) keeps where
the old site published it in its `aliases:` ('/?p=123',
'/index.php?language=vi&nv=news&op=tin-tuc/hop-dan-123'): a path, with its
query, relative to the site's own address. Each host of the portal gets one
map from the request's URI, exactly as the browser sends it, to the new page;
an address that is not a plain path (a scheme, a host, a space, a quote, a
control character) is left out and never reaches the configuration.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .nginx_syntax import Raw, directive

# What may be in an alias once non-ASCII letters are percent-encoded: a URI's path and query characters.
_NEVER_SENT = re.compile(r'[\s"<>\\^`{|}$\x00-\x1f\x7f]')
_URI = re.compile(r"/[A-Za-z0-9\-._~!&'()*+,;=:@/%?]*")


def aliases_of(site, kinds) -> tuple[tuple[str, str], ...]:
    """(old address, new page) of one site of the portal model, both from the host's root."""
    base = _site_path(site)
    found = {}
    for kind in kinds:
        if kind.folder is None or not kind.folder:
            continue
        try:
            records = site.of(kind.name)
        except (KeyError, AttributeError):
            continue
        for record in records or ():
            for alias in getattr(record, "aliases", ()) or ():
                old = uri(alias)
                if old is None:
                    continue
                try:
                    new = base + kind.item_path(record)
                except (AttributeError, TypeError):
                    continue
                found.setdefault(base.rstrip("/") + old, new)
    return tuple((old, new) for old, new in sorted(found.items()) if old != new)


def uri(alias: str) -> str | None:
    """The address as a browser sends it (non-ASCII percent-encoded), or None when it is not a path."""
    text = str(alias).strip()
    if not text.startswith("/") or text.startswith("//") or _NEVER_SENT.search(text):
        return None  # what a browser never sends as it is (a space, a quote, a line break), or a '$'
    encoded = quote(text, safe="/-._~!&'()*+,;=:@%?")  # letters with diacritics, as browsers encode them
    return encoded if _URI.fullmatch(encoded) and '"' not in encoded and len(encoded) <= 2000 else None


def _site_path(site) -> str:
    from urllib.parse import urlsplit

    path = urlsplit(site.ref.url).path or "/"
    return path if path.endswith("/") else path + "/"


def moved_map(host_number: int, tag: str, moved: list[tuple[str, str]]) -> tuple[list[str], str]:
    """The map of one host's old addresses, and its variable ('' when it has none)."""
    if not moved:
        return [], ""
    variable = f"${tag}_moved_{host_number}"
    if not re.fullmatch(r"\$[a-z0-9_]+", variable):
        raise ValueError(variable)
    lines = ["", "# Old addresses of items brought in from the sites the portal replaced (aliases:).",
             directive("", "map", Raw("$request_uri"), Raw(variable), block=True), directive("    ", "default", "")]
    lines += [directive("    ", old, new) for old, new in moved]
    return lines + ["}"], variable


def moved_sizes(moved_by_host: dict[str, list]) -> list[str]:
    """The maps' hash sizes: old addresses are long (a NukeViet query runs to 100
    characters) and may number thousands. Set once, at the http level, where the
    file is included; leave them out of the server's own nginx.conf."""
    longest = max((len(old) for moved in moved_by_host.values() for old, _new in moved), default=0)
    count = max((len(moved) for moved in moved_by_host.values()), default=0)
    if not count:
        return []
    bucket = 64
    while bucket < longest + 32:
        bucket *= 2
    size = 2048
    while size < count * 2:
        size *= 2
    return ["", "# Sized for the old addresses below (map_hash_*: once per http {}, before any map).",
            directive("", "map_hash_bucket_size", str(bucket)), directive("", "map_hash_max_size", str(size))]


def moved_lines(variable: str) -> list[str]:
    if not variable:
        return []
    # 'if' takes its condition bare; the variable is this module's own name ($sitegen_<slug>_moved_<n>)
    return ["", "    # An old address: to the page that holds the item now.", f"    if ({variable}) {{",
            directive("        ", "return", "301", Raw(variable)), "    }"]
