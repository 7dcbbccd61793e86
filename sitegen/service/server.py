"""The service's HTTP side, behind the portal's nginx (serving/identity.py).

    POST /__sitegen/service/<site>          Decap's proxy protocol (desk.Desk)
    GET  /__sitegen/service/<site>/status   what is live, or why not (the admin page's status bar)
    GET  /__sitegen/service/<site>/history  the site's publications; an approver's "undo" buttons
    POST /__sitegen/service/<site>/undo     undo one (a form: works without script)

Before anything: the request carries nginx's key (else it did not come
through nginx: refused), names a user of the editors file who may edit that
site, and, when it writes, comes from a page of the same host (no other site's
page can make an editor's browser save). Every refusal changes nothing and
says why in the editor's language.
"""

from __future__ import annotations

import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ..content.types import SLUG
from ..editing.backend import BackendError
from ..messages.console import say
from ..serving.identity import KEY_HEADER, SERVICE_PATH, USER_HEADER
from .editors import Editors, User
from .repository import GitError

MAX_REQUEST = 60 * 1024 * 1024  # bytes: a picture or an attachment comes base64 (nginx allows 60m)


class Refused(Exception):
    def __init__(self, status: int, code: str, **values: object):
        super().__init__(code)
        self.status, self.code, self.values = status, code, values


class Service:
    """What every request needs: the key, the editors, the store, the builder, the history."""

    def __init__(self, key: str, editors: Editors, store, builder, history, review: bool, log, lang: str = "vi"):
        self.key, self.editors, self.store, self.builder = key, editors, store, builder
        self.history, self.review, self.log, self.lang = history, review, log, lang
        self.sites_lock = threading.Lock()

    def site_exists(self, site: str) -> bool:
        tip = self.store.repo.resolve(self.store.main)
        return bool(tip) and self.store.repo.blob(tip, f"{self.store.folder(site)}/site.yaml") is not None


class Handler(BaseHTTPRequestHandler):
    service: Service  # set on the class the server makes
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        pass

    # Routing -----------------------------------------------------------------------

    def do_GET(self) -> None:
        self._answer(write=False)

    def do_POST(self) -> None:
        self._answer(write=True)

    def _answer(self, write: bool) -> None:
        route = urlsplit(self.path).path
        try:
            if not route.startswith(SERVICE_PATH):
                raise Refused(404, "service-no-site", site=route)
            site, _, page = route[len(SERVICE_PATH):].partition("/")
            user = self._user(site)
            if write:
                self._same_site()
            if page == "" and write:
                return self._protocol(site, user)
            if page == "status" and not write:
                return self._json(200, self.service.builder.status(site))
            if page == "history" and not write:
                return self._html(200, self.service.history.page(site, user, self._query("done"), self._back()))
            if page == "undo" and write:
                done = self.service.history.undo(site, user, self._form().get("commit", ""))
                return self._redirect(f"{SERVICE_PATH}{site}/history?done={done}")
            raise Refused(404, "service-no-site", site=route)
        except Refused as refused:
            self._refuse(refused.status, say(refused.code, self._lang(), **refused.values))
        except BackendError as error:
            self._refuse(error.status, error.message(self._lang()))

    # Who is asking -----------------------------------------------------------------

    def _user(self, site: str) -> User:
        sent = self.headers.get(KEY_HEADER, "")
        if not SLUG.fullmatch(site):
            raise Refused(404, "service-no-site", site=site)
        if not hmac.compare_digest(sent.encode("utf-8", "replace"), self.service.key.encode()):
            raise Refused(403, "service-no-key")
        name = self.headers.get(USER_HEADER, "")
        user = self.service.editors.user(name)
        if user is None:
            raise Refused(403, "service-unknown-user", user=name)
        if not user.of(site):
            raise Refused(403, "service-not-your-site", user=name, site=site, sites=", ".join(user.sites))
        if not self.service.site_exists(site):
            raise Refused(404, "service-no-site", site=site)
        return user

    def _same_site(self) -> None:
        """A write comes from a page of the host it is sent to (Origin, Sec-Fetch-Site)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        origin = self.headers.get("Origin")
        if origin is None or urlsplit(origin).hostname != host or \
                self.headers.get("Sec-Fetch-Site") not in (None, "same-origin"):
            raise Refused(403, "service-cross-site")

    def _back(self) -> str:
        """The admin page the editor came from (a page of this host), for the history's link back."""
        referer = self.headers.get("Referer") or ""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        parts = urlsplit(referer)
        return referer if parts.hostname == host and parts.scheme in ("http", "https") and \
            parts.path.endswith("/quan-tri/") else ""

    def _lang(self) -> str:
        return "en" if (self.headers.get("Accept-Language") or "").lower().startswith("en") else self.service.lang

    # The protocol ------------------------------------------------------------------

    def _protocol(self, site: str, user: User) -> None:
        from .desk import Desk

        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            raise Refused(415, "service-json-only")
        body = self._body()
        try:
            request = json.loads(body or b"{}")
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except ValueError as error:
            raise Refused(400, "service-bad-request", error=error)
        action = request.get("action")
        desk = Desk(self.service.store, site, user, self.service.review)
        try:
            answer = desk.call(action, request.get("params"))
        except BackendError as error:
            self.service.log(say("service-refused-log", "vi", user=user.name, site=site, action=action,
                                 reason=error.message("vi")))
            raise
        except (GitError, OSError) as error:
            self.service.log(f"{site} {action}: {error}")
            raise Refused(500, "service-cannot-write", reason=error)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise Refused(400, "service-bad-request", error=error)
        self._json(200, answer)

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_REQUEST:
            self.close_connection = True
            raise Refused(413, "service-too-large", limit=MAX_REQUEST // 1024 // 1024)
        return self.rfile.read(length)

    def _form(self) -> dict[str, str]:
        fields = parse_qs(self._body().decode("utf-8", "replace"))
        return {name: values[0] for name, values in fields.items()}

    def _query(self, name: str) -> str:
        return (parse_qs(urlsplit(self.path).query).get(name) or [""])[0]

    # Answers -----------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: object) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _refuse(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _html(self, status: int, page: str) -> None:
        self._send(status, page.encode("utf-8"), "text/html; charset=utf-8",
                   {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                               "form-action 'self'; frame-ancestors 'none'"})

    def _redirect(self, where: str) -> None:
        self.send_response(303)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()


def make_server(address: tuple[str, int], service: Service) -> ThreadingHTTPServer:
    handler = type("ServiceHandler", (Handler,), {"service": service})
    server = ThreadingHTTPServer(address, handler)
    server.daemon_threads = False  # a stop waits for the saves in hand
    return server
