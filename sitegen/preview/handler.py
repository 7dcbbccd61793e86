"""The preview's HTTP handler: the output folder as it is, with the reload
script and the error panel added to pages as they are served, server-sent
events when a build is done, and (with --edit) the admin pages' local back
end (sitegen/editing/backend.py)."""

from __future__ import annotations

import html
import json
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from ..content import paths
from ..messages.console import say
from ..outputs.cms import LOCAL_API
from ..problems import Problem, Severity
from .rebuild import PreviewState

EVENTS_PATH = "/__sitegen/events"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
LOCAL_API_PATH = LOCAL_API.split("{")[0]  # '/__sitegen/cms/' + a site's folder name
MAX_UPLOAD = 50 * 1024 * 1024  # bytes of one request to the local back end (pictures come base64)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; adds the reload script and the error panel to pages."""

    state: PreviewState

    def __init__(self, *args, state: PreviewState, backends=None, **kwargs):
        self.state = state
        self.backends = backends  # editing.backend.SiteBackends with --edit, else None
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # quiet: the editor watches the browser
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] == EVENTS_PATH:
            self._events()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the standard redirect to the folder with '/'
                return
            path = path / "index.html"
        if not path.is_file():
            self._page(self._not_found(), 404)
            return
        if path.parent.name == paths.ADMIN.strip("/"):
            if path.suffix == ".html":  # the CMS (and xem.html) reload nothing: no reload script, no panel
                return self._send(path.read_bytes(), "text/html; charset=utf-8")
            if self.backends is not None and path.name == paths.ADMIN_CONFIG.rsplit("/", 1)[1]:
                site = "http://" + self.headers.get("Host", "127.0.0.1") + \
                    self.path.split("?")[0].rsplit("/", 2)[0] + "/"
                return self._send(_local_config(path.read_bytes(), site), "text/yaml; charset=utf-8")
        if path.suffix == ".html":
            self._page(path, 200)
            return
        super().do_GET()

    def do_POST(self) -> None:
        """The admin pages' local back end (serve --edit)."""
        route = self.path.split("?")[0]
        if not route.startswith(LOCAL_API_PATH):
            return self._json(404, {"error": self._say("serve-not-here")})
        if self.backends is None:  # an admin page opened in the plain preview
            return self._json(403, {"error": self._say("serve-no-backend")})
        refused = self._refusal()
        if refused:
            return self._json(403, {"error": refused})
        from ..editing.backend import BackendError

        backend = self.backends.get(route[len(LOCAL_API_PATH):])
        if backend is None:
            return self._json(404, {"error": self._say("serve-no-site")})
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_UPLOAD:
            return self._json(413, {"error": self._say("serve-too-large", limit=MAX_UPLOAD // 1024 // 1024)})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(body, dict):
                raise ValueError("not an object")
            answer = backend.call(body.get("action"), body.get("params"))
        except BackendError as error:
            return self._json(error.status, {"error": error.message(self.state.lang)})
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            return self._json(400, {"error": self._say("serve-bad-request", error=error)})
        except OSError as error:
            return self._json(500, {"error": self._say("serve-cannot-write", reason=error.strerror or error)})
        return self._json(200, answer)

    def _say(self, code: str, **values: object) -> str:
        return say(code, self.state.lang, **values)

    def _refusal(self) -> str:
        """Why a request to the local back end is refused ('' if it is not): it writes
        the editors' files, so only a page of this server, by its own address, may call it."""
        port = self.server.server_address[1]
        host = self.headers.get("Host", "")
        allowed = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
        if host not in allowed:
            return self._say("serve-local-only")
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{host}":
            return self._say("serve-cross-origin")
        if self.headers.get("Sec-Fetch-Site") not in (None, "same-origin"):
            return self._say("serve-cross-site")
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return self._say("serve-json-only")
        return ""

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: object) -> None:
        self._send(json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                   status)

    def _not_found(self) -> Path | None:
        """The 404 page of the site the address belongs to, else the root's."""
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0].split("?")[0]
        candidates = ([root / first / "404.html"] if first and ".." not in first else []) + [root / "404.html"]
        return next((c for c in candidates if c.is_file()), None)

    def _page(self, path: Path | None, status: int) -> None:
        try:
            text = path.read_text(encoding="utf-8") if path else "<!DOCTYPE html><title>404</title>"
        except OSError:
            text = "<!DOCTYPE html><title>404</title>"
        body = _with_preview(text, self.state, self.path.split("?")[0]).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.state
        seen = state.generation
        try:
            self.wfile.write(f"retry: 500\ndata: hello {seen}\n\n".encode())
            self.wfile.flush()
            while True:
                with state.changed:
                    state.changed.wait_for(lambda: state.generation != seen, timeout=15)
                    current = state.generation
                if current != seen:
                    seen = current
                    self.wfile.write(f"data: reload {seen}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


_SCRIPT = (
    '<script>(function(){var s=new EventSource("%s");'
    's.onmessage=function(e){if(e.data.indexOf("reload")===0){location.reload();}};})();</script>'
) % EVENTS_PATH

_PANEL_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;"
    "background:#fff3f3;color:#1a0000;border-top:4px solid #b71c1c;padding:12px 16px;margin:0;"
    "font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)"
)


def _local_config(raw: bytes, site_url: str) -> bytes:
    """An admin page's configuration as --edit serves it: saving through this server."""
    import yaml

    from ..outputs.cms import with_local_backend
    from ..render.writers.admin import render_cms_config

    return render_cms_config(with_local_backend(yaml.safe_load(raw.decode("utf-8")), site_url))


def _with_preview(page: str, state: PreviewState, url_path: str = "/") -> str:
    """The page as served in preview: the reload script, and the problems if any."""
    addition = _SCRIPT + _panel(state, url_path)
    marker = page.rfind("</body>")
    if marker == -1:
        return page + addition
    return page[:marker] + addition + page[marker:]


def _panel(state: PreviewState, url_path: str = "/") -> str:
    """The problems over the page, those of the site the page belongs to first:
    a commune's editor sees their own before the rest of the portal's."""
    problems = state.problems
    if not problems:
        return ""
    first = url_path.strip("/").split("/")[0]
    if first and any(f"/{first}/" in p.path for p in problems):
        problems = sorted(problems, key=lambda p: f"/{first}/" not in p.path)  # stable: errors stay first
    errors = sum(1 for p in problems if p.severity == Severity.ERROR)
    title = say("serve-panel-title", state.lang, errors=errors, warnings=len(problems) - errors)
    items = "".join(f"<li style=\"margin:4px 0\"><code>{html.escape(p.location())}</code> "
                    f"<strong>{html.escape(_word(p, state.lang))}:</strong> {html.escape(p.message(state.lang))}</li>"
                    for p in problems[:100])
    # Errors open over the page; warnings alone wait, folded, at the bottom.
    return (f'<details id="sitegen-problems" role="alert" style="{_PANEL_STYLE}"'
            f'{" open" if errors else ""}>'
            f'<summary style="font-weight:bold;font-size:17px;cursor:pointer">{html.escape(title)}</summary>'
            f'<ul style="margin:6px 0 0;padding-left:20px">{items}</ul></details>')


def _word(found: Problem, lang: str) -> str:
    from ..problems import SEVERITY_WORDS

    return SEVERITY_WORDS["en" if lang == "en" else "vi"][found.severity]
