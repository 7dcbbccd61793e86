"""A site's own web address (base_url, a feedback form's host): one strict rule.

These addresses go beyond pages: the web server's configuration is made from
them (server_name, locations, redirects, the security policy). So a host is
a host name and nothing else: letters, digits and hyphens in dot-separated
labels, a Vietnamese domain in its IDNA form ('xn--...', converted here from
the Unicode an editor types); a path is '/' or '/segment/...' of letters,
digits and '.-_~'. No user, query, fragment, space, '$', '*', '_', ';' or
quote can pass, so nothing an editor writes can become an nginx directive,
variable, wildcard host or redirect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
_ADDRESS = re.compile(r"(https?)://([^/?#@\\\s]+?)(?::(\d{1,5}))?(/[^?#]*)?", re.I)


@dataclass(frozen=True)
class Address:
    scheme: str  # 'http' or 'https'
    host: str  # lowercase ASCII, IDNA form
    port: int | None
    path: str  # '/' or '/a/b/'

    @property
    def url(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{self.host}{port}{self.path}"

    @property
    def origin(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{self.host}{port}"


def host_name(text: str) -> str | None:
    """The host in lowercase ASCII (IDNA), or None when it is not a plain host name."""
    text = text.strip().rstrip(".")
    if not text or len(text) > 253:
        return None
    try:
        ascii_host = text.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        return None
    labels = ascii_host.split(".")
    if not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return ascii_host


def site_path(text: str) -> str | None:
    """'/' or '/a/b/' (a final '/' added), or None when a segment is not plain."""
    segments = [s for s in text.split("/") if s]
    if not text.startswith("/") or "//" in text:
        return None
    if not all(_SEGMENT.fullmatch(s) and s not in (".", "..") for s in segments):
        return None
    return "/" + "".join(s + "/" for s in segments)


def web_address(text: str) -> Address | None:
    """An http(s) address with a plain host and path and nothing else, or None."""
    match = _ADDRESS.fullmatch(text.strip())
    if match is None:
        return None
    scheme, host, port, path = match.groups()
    host = host_name(host)
    path = site_path(path or "/")
    number = int(port) if port else None
    if host is None or path is None or (number is not None and not 0 < number < 65536):
        return None
    return Address(scheme.lower(), host, number, path)


def origin(url: str) -> str | None:
    """'https://host[:port]' of an http(s) address whose host is plain, else None
    (a form's destination, a forge: what a security policy names)."""
    match = re.match(r"(https?)://([^/?#@\\\s]+?)(?::(\d{1,5}))?(?=[/?#]|$)", url.strip(), re.I)
    if match is None:
        return None
    scheme, host, port = match.groups()
    host = host_name(host)
    if host is None or (port and not 0 < int(port) < 65536):
        return None
    return f"{scheme.lower()}://{host}" + (f":{int(port)}" if port else "")
