"""An nginx configuration that serves the portal as it was built.

One server block per host: the root portal on its base_url's host, each
sub-site with its own base_url on its own host, the other sub-sites under
the root's path. Each site answers a missing page with its own 404.html.
The root (and any parent) also serves its sub-sites' search indexes at the
place its search page merges them from; a sub-site with a host of its own is
otherwise sent there (301), so each page has one address.

Every response carries the security headers; pages carry a
Content-Security-Policy made from what they use (see content_security_policy).
Text is sent from the build's precompressed copies (gzip_static, and
brotli_static with --brotli); files named by a hash of their content are
cached for a year, pages and feeds revalidated, pictures and attachments
cached for a while and then revalidated.

Nothing an editor writes reaches the file unchecked: hosts and paths come
from addresses that passed content.addresses (and are checked again here),
and every argument of every directive goes through nginx_syntax.arg(), which
quotes it or refuses it (a '$', a control character), so no field can add a
directive, a variable or a header. The editors' own folders (images/,
files/) are served with only the allowed types of content.attachments and no
precompressed copies: a file they drop there is never sent as a page, an
SVG, XML or a script, whatever its name or the request's Accept-Encoding.

With Options.tls and Options.service, nginx_service adds HTTPS and the
publishing service behind the editors' password; without them the file is
plain HTTP, as it always was.

served_sites() is the one place that reads the portal's model.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..content import paths
from ..content.addresses import host_name, origin, site_path
from ..content.attachments import FAMILIES
from ..content.kinds import DEFAULT
from ..outputs.cms import admin_policy
from ..outputs.opendata import FOLDER as OPEN_DATA
from .moved import aliases_of, moved_lines, moved_map, moved_sizes
from . import nginx_service
from .nginx_service import Service, Tls
from .nginx_syntax import ConfigError, Raw, comment, directive, literal

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
PICTURES = "public, max-age=86400, must-revalidate"  # a day: heavy on slow mobile data, seldom replaced
ATTACHMENTS = "public, max-age=3600, must-revalidate"  # an hour: a corrected decision must reach citizens

PERMISSIONS = ("accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
               "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()")

# What the portal publishes, by extension; anything else is sent as a download.
TYPES = (
    ("text/html", "html htm"), ("text/css", "css"), ("text/javascript", "js mjs"),
    ("application/json", "json"), ("application/manifest+json", "webmanifest"), ("text/xml", "xml"),
    ("text/plain", "txt"), ("text/csv", "csv"), ("text/calendar", "ics"), ("image/svg+xml", "svg"),
    ("image/jpeg", "jpg jpeg"), ("image/png", "png"), ("image/webp", "webp"), ("image/gif", "gif"),
    ("image/x-icon", "ico"), ("application/wasm", "wasm"), ("application/pdf", "pdf"),
    ("application/msword", "doc"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("application/vnd.ms-excel", "xls"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("application/vnd.ms-powerpoint", "ppt"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ("application/vnd.oasis.opendocument.text", "odt"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ("application/vnd.oasis.opendocument.presentation", "odp"), ("application/rtf", "rtf"),
    ("application/zip", "zip"), ("application/vnd.rar", "rar"), ("application/x-7z-compressed", "7z"),
    ("audio/mpeg", "mp3"), ("audio/mp4", "m4a"), ("audio/ogg", "ogg oga"), ("audio/wav", "wav"),
    ("video/mp4", "mp4"), ("video/webm", "webm"), ("video/quicktime", "mov"), ("video/ogg", "ogv"),
    ("video/x-matroska", "mkv"), ("video/x-msvideo", "avi"),
)
_MIME = {extension: kind for kind, extensions in TYPES for extension in extensions.split()}
# The editors' folders: the types of the files content.attachments allows there, and no other.
EDITOR_TYPES = tuple(sorted({(_MIME[suffix[1:]], suffix[1:]) for suffix in FAMILIES}))
EDITOR_FOLDERS = (paths.PICTURES, paths.FILES)
CHARSET_TYPES = ("text/css text/javascript text/xml text/calendar application/json application/manifest+json "
                 "image/svg+xml")  # text/plain and text/csv attachments may be in an older encoding
# Files named by their content (the editors' images/ and files/ never: they keep their names).
# A search index's shards are folders inside it (search.shards).
HASH_NAMED = (r"~/pagefind/(?:[^/]+/)?(?:fragment|index|filter)/[^/]+$",
              r"~/pagefind/(?:[^/]+/)?pagefind\.[^/]+\.pf_meta$",
              r"~\.[0-9a-f]{8,}\.[A-Za-z0-9]+$")
DOCUMENT_TYPES = (r"text/html", r"image/svg\+xml", r"text/xml")  # what a browser may show as a document


@dataclass(frozen=True)
class ServedSite:
    """What the server needs of one site."""

    slug: str
    folder: str  # under the output folder: '' for the root, 'slug/' below it
    host: str  # from its URL; '' when the root has no base_url (any host)
    path: str  # its URL's path: '/' or '/slug/'
    url: str  # its absolute URL, ending in '/'
    children: tuple[str, ...]  # slugs of its sub-sites, whose search indexes its search page merges
    feedback_url: str  # where its 'rate this information' form posts, or ''
    raw_html: bool  # its editors may write raw HTML
    admin_policy: str = ""  # its admin page's content security policy ('' : it has none)
    moved: tuple[tuple[str, str], ...] = ()  # (old address, new page) of items brought in (serving/moved.py)


def served_sites(portal) -> tuple[ServedSite, ...]:
    """Every site of a portal (portal.model.Portal), the root first."""
    root = portal.site(portal.root)
    # The root's list of the sites allowed raw HTML, where it exists; before it, each site's own word.
    granted = getattr(root.config, "allow_html_sites", None)
    sites = []
    for site in portal.sites:
        parts = urlsplit(site.ref.url)
        # Without the root's base_url, the model makes up an address: answer on any host.
        host = _checked_host(parts.hostname or "", site.slug) if root.config.base_url or site.ref.own_domain \
            else ""
        sites.append(ServedSite(
            slug=site.slug, folder=site.ref.prefix, host=host,
            path=_checked_path(parts.path or "/", site.slug), url=site.ref.url,
            children=tuple(c.slug for c in site.children),
            feedback_url=site.config.feedback_url or "",
            raw_html=site.slug in granted if granted is not None else bool(site.config.allow_html),
            admin_policy=admin_policy(site.cms) if getattr(site, "cms", None) else "",
            moved=aliases_of(site, DEFAULT)))
    return tuple(sites)


def _checked_host(text: str, slug: str) -> str:
    """The model's host again through the editors' rule (content.addresses): a
    portal made by other means than the loader cannot slip one through."""
    host = host_name(text)
    if host is None:
        raise ConfigError("nginx-bad-host", host=text, slug=slug)
    return host


def _checked_path(text: str, slug: str) -> str:
    path = site_path(text)
    if path is None:
        raise ConfigError("nginx-bad-path", path=text, slug=slug)
    return path


def content_security_policy(site: ServedSite) -> str:
    """The policy of a site's pages: exactly what they use.

    - default-src 'none': nothing not named below (no plugins, frames, fonts, media, workers from elsewhere)
    - script-src 'self' 'wasm-unsafe-eval': the theme's search.js, Pagefind's pagefind.js and
      its worker, and Pagefind's WebAssembly; no inline script, no other origin
    - style-src 'self': the theme's style sheet; no inline style
    - img-src 'self' https:: the site's pictures, a sub-site's on its own host, and pictures
      editors show from other https sites (allowed by the editors' contract)
    - connect-src 'self': Pagefind fetching the index, the sub-sites' ones included
    - form-action 'self' + the feedback form's origin
    - base-uri 'none', frame-ancestors 'none': no <base> rewriting links, no framing (clickjacking)
    A site whose editors may write raw HTML also gets inline styles and https frames and
    media (pasted tables, embedded maps and videos), but still no script of theirs.
    """
    actions = ["'self'"]
    destination = origin(site.feedback_url) if site.feedback_url else None
    if destination is not None:
        actions.append(destination)
    elif site.feedback_url.lower().startswith("mailto:"):
        actions.append("mailto:")
    directives = [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'" if site.raw_html else "style-src 'self'",
        "img-src 'self' https:",
        "connect-src 'self'",
    ]
    if site.raw_html:
        directives += ["media-src 'self' https:", "frame-src https:"]
    directives += [f"form-action {' '.join(actions)}", "base-uri 'none'", "frame-ancestors 'none'"]
    return "; ".join(directives)


@dataclass(frozen=True)
class Mount:
    """One location of a server: a site's pages, a redirect to its own host, or a search index."""

    path: str  # URL path, ending in '/'
    kind: str  # 'site', 'redirect', 'index', 'admin', 'editors' (its images/ or files/) or 'data' (open data)
    site: ServedSite  # the site whose files (or address) it is
    headers: ServedSite  # the site whose policy the responses carry
    folder: str  # under the output folder, ending in '/' (or '')


def mounts(sites: tuple[ServedSite, ...]) -> dict[str, list[Mount]]:
    """host -> its locations. Raises ConfigError when two sites claim one address."""
    by_slug = {s.slug: s for s in sites}
    hosts: dict[str, dict[str, Mount]] = {}

    def add(host: str, mount: Mount) -> None:
        taken = hosts.setdefault(host, {})
        if mount.path in taken and taken[mount.path].site.slug != mount.site.slug:
            other = taken[mount.path].site.slug
            raise ConfigError("nginx-same-address", other=other, slug=mount.site.slug,
                              address=f"{host or '*'}{mount.path}")
        taken.setdefault(mount.path, mount)

    for site in sites:
        add(site.host, Mount(site.path, "site", site, site, site.folder))
        for folder in EDITOR_FOLDERS:
            add(site.host, Mount(site.path + folder, "editors", site, site, site.folder + folder))
        add(site.host, Mount(site.path + OPEN_DATA, "data", site, site, site.folder + OPEN_DATA))
        if site.admin_policy:  # the admin page: the CMS's own policy (see content_security_policy)
            add(site.host, Mount(site.path + paths.ADMIN, "admin", site, site, site.folder + paths.ADMIN))
    for parent in sites:
        for slug in parent.children:
            child = by_slug[slug]
            # Where the parent's search page merges the child's index from (as outputs.plan
            # writes it): up from the search page to the parent's root, down to the child's folder.
            up = "../" * paths.SEARCH.count("/")
            down = child.folder if not parent.folder else "../" * parent.folder.count("/") + child.folder
            path = posixpath.normpath(parent.path + paths.SEARCH + up + down) + "/"
            if (parent.host, path) == (child.host, child.path):
                continue
            if not child.host or urlsplit(child.url).hostname != child.host:  # never off the portal's hosts
                raise ConfigError("nginx-off-portal", url=child.url)
            add(parent.host, Mount(path, "redirect", child, parent, child.folder))
            index = paths.SEARCH_INDEX
            add(parent.host, Mount(path + index, "index", child, parent, child.folder + index))
    return {host: sorted(found.values(), key=lambda m: m.path) for host, found in hosts.items()}


@dataclass(frozen=True)
class Options:
    out: str  # absolute path of the folder served (the output, or a deploy's 'current' link)
    listen: str = "80"
    brotli: bool = False  # the server has ngx_brotli's static module
    tls: Tls | None = None  # serve HTTPS, plain HTTP sent there (nginx_service)
    service: Service | None = None  # pass the publishing service on, behind a password (nginx_service)


def configuration(sites: tuple[ServedSite, ...], options: Options) -> str:
    """The server blocks (and the maps they use), to include inside nginx's http {}."""
    served = mounts(sites)
    nginx_service.check(served, options)
    root = sites[0]
    tag = "sitegen_" + re.sub(r"[^a-z0-9]", "_", root.slug)
    policies = sorted({content_security_policy(s) for s in sites})
    csp_var = {policy: Raw(f"${tag}_csp_{number}") for number, policy in enumerate(policies, 1)}
    out = options.out.rstrip("/")
    hosts = sorted(served, key=lambda h: (h != root.host, h))
    moved_by_host = {host: sorted({pair for m in served[host] if m.kind == "site" for pair in m.site.moved})
                     for host in hosts}
    lines = [
        f"# nginx configuration for the portal '{comment(root.slug)}', made by `python build.py nginx`.",
        "# Include it inside http { }; make it again when a site's base_url or feedback_url",
        *nginx_service.intro(options),
        f"# Folder served: {comment(out)}/",
        *moved_sizes(moved_by_host),
        "",
        "# Cache-Control by path: hash-named files for a year, pictures a day, attachments an hour,",
        "# everything else (pages, feeds, the search's entry files) revalidated each time.",
        directive("", "map", Raw("$uri"), Raw(f"${tag}_cache"), block=True),
        directive("    ", "default", REVALIDATE),
    ]
    site_paths = sorted({m.path for found in served.values() for m in found if m.kind == "site"})
    alternatives = "|".join(re.escape(p) for p in site_paths)
    rules = ((f"~^(?:{alternatives}){paths.PICTURES}", PICTURES), (f"~^(?:{alternatives}){paths.FILES}", ATTACHMENTS),
             *((pattern, IMMUTABLE) for pattern in HASH_NAMED))
    lines += [directive("    ", Raw(pattern), value) for pattern, value in rules] + ["}"]
    lines += ["", "# Content-Security-Policy of documents (pages, SVG, XML) only: a PDF or a video",
              "# shown by the browser's own viewer must not be held to it."]
    for policy, variable in csp_var.items():
        lines += [directive("", "map", Raw("$sent_http_content_type"), variable, block=True),
                  directive("    ", "default", "")]
        lines += [directive("    ", Raw("~^" + kind), policy) for kind in DOCUMENT_TYPES]
        lines.append("}")
    lines += nginx_service.host_map(hosts, options, tag)
    moved_vars = {}
    for number, host in enumerate(hosts, 1):
        found, moved_vars[host] = moved_map(number, tag, moved_by_host[host])
        lines += found
    for host in hosts:
        lines += _server(host, served[host], options, out, tag, csp_var, moved_vars[host])
    lines += nginx_service.redirect_servers(hosts, options, tag)
    return "\n".join(lines) + "\n"


def _server(host: str, found: list[Mount], options: Options, out: str, tag: str, csp_var: dict,
            moved_var: str = "") -> list[str]:
    home = next((m for m in found if m.path == "/" and m.kind == "site"), None)
    lines = ["", "server {", directive("    ", "listen", *nginx_service.listen(options)),
             directive("    ", "server_name", host or "_"),
             *nginx_service.tls_lines(host, options, tag),
             directive("    ", "root", out + ("/" + home.folder.rstrip("/") if home and home.folder else "")),
             *(directive("    ", *words) for words in (
                 ("index", "index.html"), ("server_tokens", "off"), ("autoindex", "off"),
                 ("absolute_redirect", "off"), ("charset", "utf-8"), ("charset_types", *CHARSET_TYPES.split()))),
             "    # Redirects keep the scheme and host the visitor used; the .gz copies the build",
             "    # wrote beside every text file are sent to browsers that take them.",
             directive("    ", "gzip_static", "on"), directive("    ", "gzip_vary", "on")]
    if options.brotli:
        lines.append(directive("    ", "brotli_static", "on"))
    lines += [directive("    ", "default_type", "application/octet-stream")]
    lines += _types("    ", TYPES)
    if home is not None:
        lines += [directive("    ", "error_page", "404", "/" + paths.NOT_FOUND)]
        lines += _headers(home.headers, tag, csp_var, "    ", tls=options.tls is not None)
    lines += ["", "    # Hidden files (the output's .sitegen-output marker) are never served.",
              directive("    ", "location", "~", Raw(r"/\."), block=True),
              directive("        ", "return", "404"), "    }"]
    lines += moved_lines(moved_var)
    lines += nginx_service.service_location(options)
    for mount in found:
        lines += [""] + _location(mount, options, out, tag, csp_var)
    lines.append("}")
    return lines


def _location(mount: Mount, options: Options, out: str, tag: str, csp_var: dict) -> list[str]:
    lines = [directive("    ", "location", mount.path, block=True)]
    if mount.kind == "redirect":
        pattern = Raw("^" + re.escape(mount.path) + "(.*)$")
        return lines + [directive("        ", "rewrite", pattern, Raw(literal(mount.site.url) + "$1"),
                                   "permanent"), "    }"]
    if mount.path == "/" + mount.folder:
        lines.append(directive("        ", "root", out))
    elif mount.path == "/":
        lines.append(directive("        ", "root", out + "/" + mount.folder.rstrip("/")))
    else:
        lines.append(directive("        ", "alias", out + "/" + mount.folder))
    if mount.kind in ("site", "editors"):
        lines.append(directive("        ", "error_page", "404", mount.site.path + paths.NOT_FOUND))
    if mount.kind == "editors":
        lines += ["        # What editors dropped here: sent as it is, only as the allowed types."]
        lines += [directive("        ", "gzip_static", "off")]
        lines += [directive("        ", "brotli_static", "off")] if options.brotli else []
        lines += _types("        ", EDITOR_TYPES)
    tls = options.tls is not None
    if mount.kind == "admin":  # the CMS's policy; its editors' password when they publish through the service
        lines += nginx_service.auth_lines(options, "        ")
        lines += _headers(mount.headers, tag, csp_var, "        ",
                          policy=mount.site.admin_policy + "; frame-ancestors 'none'", tls=tls)
    else:
        lines += _headers(mount.headers, tag, csp_var, "        ", tls=tls, shared=mount.kind == "data")
    return lines + ["    }"]


def _types(indent: str, types) -> list[str]:
    return [directive(indent, "types", block=True),
            *(directive(indent + "    ", kind, *extensions.split()) for kind, extensions in types),
            indent + "}"]


def _headers(site: ServedSite, tag: str, csp_var: dict, indent: str, policy: str | None = None,
             tls: bool = False, shared: bool = False) -> list[str]:
    """Every header, on every response (404s included): nginx drops a level's
    add_header lines when a deeper level has any, so each location repeats them.
    policy: the admin page's own, instead of the pages'; tls: Strict-Transport-Security too;
    shared: open data, which any other state system's page may read (CORS)."""
    pairs = [
        ("Content-Security-Policy", policy or csp_var[content_security_policy(site)]),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS),
        ("Cache-Control", Raw(f"${tag}_cache")),
    ]
    if shared:
        pairs.append(("Access-Control-Allow-Origin", "*"))
    return nginx_service.headers_lines(indent, pairs, tls)
