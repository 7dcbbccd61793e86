"""What the nginx configuration adds for HTTPS and for the publishing service.

HTTPS (Tls): every server block listens with ssl, TLS 1.2 and 1.3 only, and
sends Strict-Transport-Security. Plain HTTP is sent to HTTPS with a 301, on
the port HTTPS listens on (nginx's 497) and on a plain-HTTP address of its
own, and only ever to a host of the portal: a server with a host name sends
to that name, whatever the request said. The one server with no name (a
root without base_url: any host) sends to the host the request named, and
only when that is a plain host name (letters, digits, dots, hyphens: no
user part, port, path or query can ride in it), else 400. A browser names
the host it was sent to, so such a redirect takes it nowhere it was not
already going.

The publishing service (Service): SERVICE_PATH on every host goes to the
service, behind a password (auth_basic); nginx names the signed-in user and
adds the service's key (identity), replacing any header of those names the
request carried, and keeps the password itself from the service. Each site's
admin page asks for the same password; the pages stay public.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import identity
from .nginx_syntax import ConfigError, Raw, directive, literal

if TYPE_CHECKING:
    from .nginx import Mount, Options

HSTS = "max-age=31536000"  # a year; not includeSubDomains: other services may live under the portal's host
REALM = "sitegen"
SERVICE_HEADERS = (  # the service's answers: never cached, shown by no page, run as nothing
    # The service answers JSON, and its history page: styled inline, a form posting to itself.
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                "frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
)
_PLAIN_HOST = r"~^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$"


@dataclass(frozen=True)
class Tls:
    cert: str  # absolute paths (nginx_syntax.file_name)
    key: str
    http: str = ""  # plain HTTP's listen address, every request sent to HTTPS ('': none)


@dataclass(frozen=True)
class Service:
    address: str  # the publishing service's ADDR:PORT
    key_file: str  # identity's key file, included as it is: the secret never enters the configuration
    htpasswd: str  # the editors' passwords (htpasswd, or openssl passwd -apr1)


def plain_http(listen: str) -> str:
    """Plain HTTP's address when none is given: port 80 on the address HTTPS listens on."""
    head, colon, _port = listen.rpartition(":")
    return f"{head}:80" if colon else "80"


def intro(options: Options) -> list[str]:
    """The configuration's first comment lines on what it serves."""
    if options.tls is None:
        lines = ["# changes or a site is added. It serves plain HTTP on the address given; put TLS",
                 "# (and Strict-Transport-Security) in front of it, or add them to each server block."]
    else:
        lines = ["# changes or a site is added. It serves HTTPS (TLS 1.2 and 1.3) on the address given",
                 "# and sends plain HTTP there (301)."]
    if options.service is not None:
        lines += [f"# {identity.SERVICE_PATH} goes to the publishing service; it and the admin pages ask for",
                  "# a password. Make it again when the key, password or certificate files move."]
    return lines


def check(served: dict[str, list[Mount]], options: Options) -> None:
    """No site may be served where the service is."""
    if options.service is None:
        return
    for host, found in served.items():
        for mount in found:
            if mount.path.startswith(identity.SERVICE_PATH):
                raise ConfigError("nginx-service-path", slug=mount.site.slug,
                                  address=f"{host or '*'}{mount.path}")


def listen(options: Options) -> tuple[str, ...]:
    return (options.listen, "ssl") if options.tls is not None else (options.listen,)


def _https(host: str, options: Options, tag: str) -> Raw:
    """Where plain HTTP is sent: the same path on HTTPS, on this host."""
    port = options.listen.rpartition(":")[2]
    name = literal(host) if host else f"${tag}_https_host"
    return Raw(f"https://{name}{'' if port == '443' else ':' + port}$request_uri")


def host_map(hosts, options: Options, tag: str) -> list[str]:
    """The request's host when it is a plain host name, for the server with no name."""
    if options.tls is None or "" not in hosts:
        return []
    return ["", "# The host a request to the server with no name named, when it is a plain host name.",
            directive("", "map", Raw("$host"), Raw(f"${tag}_https_host"), block=True),
            directive("    ", "default", ""), directive("    ", Raw(_PLAIN_HOST), Raw("$host")), "}"]


def tls_lines(host: str, options: Options, tag: str) -> list[str]:
    """A server block's HTTPS, and plain HTTP sent to its port turned into a redirect."""
    if options.tls is None:
        return []
    lines = [directive("    ", "ssl_certificate", options.tls.cert),
             directive("    ", "ssl_certificate_key", options.tls.key),
             *(directive("    ", *words) for words in (
                 ("ssl_protocols", "TLSv1.2", "TLSv1.3"), ("ssl_prefer_server_ciphers", "off"),
                 ("ssl_session_timeout", "1d"), ("ssl_session_cache", f"shared:{tag}_tls:10m"))),
             "    # Plain HTTP sent to this port (nginx's 497) goes to HTTPS on this host."]
    if host:
        return lines + [directive("    ", "error_page", "497", "=301", _https(host, options, tag))]
    return lines + [directive("    ", "error_page", "497", "=", f"@{tag}_https"),
                    directive("    ", "location", f"@{tag}_https", block=True),
                    *_redirect(host, options, tag, "        "), "    }"]


def _redirect(host: str, options: Options, tag: str, indent: str) -> list[str]:
    refuse = [f'{indent}if (${tag}_https_host = "") {{', directive(indent + "    ", "return", "400"),
              indent + "}"] if not host else []
    return refuse + [directive(indent, "return", "301", _https(host, options, tag))]


def redirect_servers(hosts, options: Options, tag: str) -> list[str]:
    """Plain HTTP on its own address: every request sent to the same path on HTTPS."""
    if options.tls is None or not options.tls.http:
        return []
    lines = []
    for host in hosts:
        lines += ["", "server {", directive("    ", "listen", options.tls.http),
                  directive("    ", "server_name", host or "_"), directive("    ", "server_tokens", "off"),
                  *_redirect(host, options, tag, "    "), "}"]
    return lines


def service_location(options: Options) -> list[str]:
    """The publishing service, behind the password; the user and the key set by nginx alone."""
    service = options.service
    if service is None:
        return []
    lines = ["", "    # The publishing service. nginx names the signed-in user and adds the service's key",
             "    # itself (proxy_set_header replaces any such header the request sent); the password",
             "    # stays here.",
             directive("    ", "location", "^~", identity.SERVICE_PATH, block=True),
             *auth_lines(options, "        "),
             directive("        ", "proxy_pass", "http://" + service.address),
             directive("        ", "proxy_http_version", "1.1")]
    headers = (("Host", Raw("$host")), ("X-Forwarded-Proto", Raw("$scheme")),
               ("X-Forwarded-For", Raw("$remote_addr")), (identity.USER_HEADER, Raw("$remote_user")),
               ("Authorization", ""))
    lines += [directive("        ", "proxy_set_header", name, value) for name, value in headers]
    lines += [directive("        ", "include", service.key_file),
              *(directive("        ", *words) for words in (
                  ("client_max_body_size", "60m"), ("proxy_read_timeout", "120s"),
                  ("proxy_buffering", "off"), ("proxy_cache", "off"))),
              *headers_lines("        ", SERVICE_HEADERS, options.tls is not None), "    }"]
    return lines


def auth_lines(options: Options, indent: str) -> list[str]:
    """The editors' password, where the service is served (the admin pages, the service)."""
    if options.service is None:
        return []
    return [directive(indent, "auth_basic", REALM),
            directive(indent, "auth_basic_user_file", options.service.htpasswd)]


def headers_lines(indent: str, pairs, tls: bool) -> list[str]:
    """add_header lines, on every response; with HTTPS, Strict-Transport-Security among them."""
    pairs = (*pairs, ("Strict-Transport-Security", HSTS)) if tls else pairs
    return [directive(indent, "add_header", name, value, "always") for name, value in pairs]


_ADDRESS = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})")


def service_address(text: str) -> bool:
    """ADDR:PORT where the publishing service listens (a host name, IPv4 or [IPv6])."""
    found = _ADDRESS.fullmatch(text)
    return bool(found) and 0 < int(found.group(2)) < 65536
