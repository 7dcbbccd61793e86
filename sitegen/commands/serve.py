"""`serve`: the editors' live preview.

Builds the portal, serves the output over HTTP on this machine, watches the
content and the theme, rebuilds (incrementally) after every save, and tells
the open browser tabs to reload through server-sent events. While the
content has errors, every page shows them in a panel over the page, with
file, line and message; the panel goes away with the next clean build.
The reload script and the panel are added as pages are served: the files
on disk stay exactly what `build` publishes.

With --edit, each site's admin page (quan-tri/) saves through this server
(sitegen/editing/backend.py) into the site's folder on this machine: its
config.yml is served pointing at the local back end instead of the forge,
and the save is seen by the watcher like any other, so the preview rebuilds
and reloads. The local back end has no sign-in: it listens on 127.0.0.1
only, and refuses requests from another origin or host name.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from ..content import paths
from ..outputs.cms import LOCAL_API
from ..problems import Problem, Severity

Build = Callable[[bool], object]  # runs one build (search index now or later), gives its result

EVENTS_PATH = "/__sitegen/events"
QUIET_SECONDS = 0.08  # editors' programs save in bursts (temp file, rename): wait for quiet
SEARCH_AFTER_SECONDS = 2.0  # the search index catches up once the editor pauses this long
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part", ".crdownload")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
LOCAL_API_PATH = LOCAL_API.split("{")[0]  # '/__sitegen/cms/' + a site's folder name
MAX_UPLOAD = 50 * 1024 * 1024  # bytes of one request to the local back end (pictures come base64)


@dataclass
class PreviewState:
    """What the server shows: which build it is, and that build's problems."""

    generation: int = 0
    problems: list[Problem] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    lang: str = "vi"

    def publish(self, problems: list[Problem]) -> None:
        with self.changed:
            self.generation += 1
            self.problems = [p for p in problems if p.severity != Severity.INFO]
            self.changed.notify_all()


class Rebuilder:
    """Runs one build at a time; a change during a build queues one more.

    A rebuild after a save leaves the search index as it was, so the page
    reloads sooner; once the editor pauses, one more build brings the index
    up to date (it renders nothing, and the page does not reload).
    """

    def __init__(self, build: Build, state: PreviewState, log: Callable[[str], None]):
        self.build = build
        self.state = state
        self.log = log
        self._wanted = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wanted.set()

    def request(self) -> None:
        self._wanted.set()

    def build_now(self, search: bool = True):
        """One build; its result, or None when it failed (the last good output stays)."""
        started = time.perf_counter()
        try:
            result = self.build(search)
        except Exception as error:  # keep serving the last good output
            self.log(f"Lỗi khi dựng / build failed: {error}")
            result = None
        self.state.publish(result.problems if result else [])
        errors = sum(1 for p in self.state.problems if p.severity == Severity.ERROR)
        self.log(f"Đã dựng lại / rebuilt in {time.perf_counter() - started:.2f} s "
                 f"({result.rendered if result else 0} tệp mới, {errors} lỗi)")
        return result

    def _catch_up_search(self) -> None:
        try:
            self.build(True)
        except Exception as error:
            self.log(f"Lỗi khi dựng / build failed: {error}")

    def _loop(self) -> None:
        search_behind = False
        while not self._stop.is_set():
            if not self._wanted.wait(SEARCH_AFTER_SECONDS if search_behind else None):
                self._catch_up_search()
                search_behind = False
                continue
            if self._stop.is_set():
                return
            # Wait until the editor's program has finished saving.
            while True:
                self._wanted.clear()
                time.sleep(QUIET_SECONDS)
                if not self._wanted.is_set():
                    break
            self.build_now(search=False)
            search_behind = True


def watch(folders: list[Path], ignore: list[Path], on_change: Callable[[], None]):
    """Start watching folders; on_change is called for every relevant event."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    ignored = [str(p.resolve()) for p in ignore]

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            paths = [event.src_path, getattr(event, "dest_path", "") or ""]
            if all(_ignored(p, ignored) for p in paths if p):
                return
            on_change()

    observer = Observer()
    for folder in folders:
        observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    return observer


def _ignored(path: str, ignored: list[str]) -> bool:
    name = os.path.basename(path)
    if not name or name.endswith(IGNORED_SUFFIXES) or name.startswith((".#", "~$")):
        return True
    full = os.path.abspath(path)
    return any(full == p or full.startswith(p + os.sep) for p in ignored)


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
            if path.name == "index.html":  # the CMS reloads nothing: no reload script, no panel
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
            return self._json(404, {"error": "Không có ở đây. / Not found."})
        if self.backends is None:  # an admin page opened in the plain preview
            return self._json(403, {"error": "Để viết bài ở trang quản trị trên máy này, hãy dừng bản xem thử "
                                             "(Ctrl+C) rồi chạy: python build.py serve --edit "
                                             "/ To write here, run: python build.py serve --edit"})
        refused = self._refusal()
        if refused:
            return self._json(403, {"error": refused})
        from ..editing.backend import BackendError

        backend = self.backends.get(route[len(LOCAL_API_PATH):])
        if backend is None:
            return self._json(404, {"error": "Không có trang này. / No such site."})
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_UPLOAD:
            return self._json(413, {"error": f"Tệp quá lớn (tối đa {MAX_UPLOAD // 1024 // 1024} MB). "
                                             f"/ Too large."})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(body, dict):
                raise ValueError("not an object")
            answer = backend.call(body.get("action"), body.get("params"))
        except BackendError as error:
            return self._json(error.status, {"error": str(error)})
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            return self._json(400, {"error": f"Yêu cầu không đúng dạng. / Bad request: {error}"})
        except OSError as error:
            return self._json(500, {"error": f"Không ghi được tệp / could not write: {error.strerror or error}"})
        return self._json(200, answer)

    def _refusal(self) -> str:
        """Why a request to the local back end is refused ('' if it is not): it writes
        the editors' files, so only a page of this server, by its own address, may call it."""
        port = self.server.server_address[1]
        host = self.headers.get("Host", "")
        allowed = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
        if host not in allowed:
            return "Chỉ nhận yêu cầu gửi tới 127.0.0.1. / Only requests addressed to 127.0.0.1."
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{host}":
            return "Không nhận yêu cầu từ trang của nơi khác. / Cross-origin request refused."
        if self.headers.get("Sec-Fetch-Site") not in (None, "same-origin"):
            return "Không nhận yêu cầu từ trang của nơi khác. / Cross-site request refused."
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return "Chỉ nhận JSON. / JSON only."
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
        body = _with_preview(text, self.state).encode("utf-8")
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


def _with_preview(page: str, state: PreviewState) -> str:
    """The page as served in preview: the reload script, and the problems if any."""
    addition = _SCRIPT + _panel(state)
    marker = page.rfind("</body>")
    if marker == -1:
        return page + addition
    return page[:marker] + addition + page[marker:]


def _panel(state: PreviewState) -> str:
    problems = state.problems
    if not problems:
        return ""
    errors = sum(1 for p in problems if p.severity == Severity.ERROR)
    title = (f"{errors} lỗi, {len(problems) - errors} cảnh báo trong nội dung" if state.lang == "vi"
             else f"{errors} errors, {len(problems) - errors} warnings in the content")
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


def serve(sites, out: Path, host: str, port: int, lang: str, build: Build,
          log: Callable[[str], None] = print, edit: bool = False) -> int:
    """Preview the portal: `build(search)` builds `sites` into `out` (the command
    line passes the build command, so this command needs none of its own).
    edit: the admin pages save into the site folders through this server."""
    from ..content import portal_trees
    from ..render import DEFAULT_THEME

    if edit and host not in LOCAL_HOSTS:
        log("--edit chỉ chạy trên 127.0.0.1: trang quản trị khi đó ghi tệp mà không cần đăng nhập. "
            "/ --edit runs on 127.0.0.1 only: the admin pages then write files without signing in.")
        return 2

    state = PreviewState(lang=lang)
    rebuilder = Rebuilder(build, state, log)
    first = rebuilder.build_now()
    for found in state.problems:
        log(found.format(lang))
    if not out.is_dir():
        log("Không dựng được cổng / the portal could not be built" if not first or not first.sites else "")
        return 1
    mimetypes.add_type("text/calendar", ".ics")
    backends = None
    if edit:
        from ..content.kinds import DEFAULT
        from ..editing.backend import SiteBackends

        backends = SiteBackends(portal_trees(sites), DEFAULT)
    handler = partial(PreviewHandler, directory=str(out.resolve()), state=state, backends=backends)
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        log(f"Không mở được cổng {host}:{port} / cannot listen on {host}:{port}: {error.strerror}")
        return 2
    server.daemon_threads = True
    rebuilder.start()
    cache_folder = out.resolve().parent / f".{out.resolve().name}.cache"
    observer = watch([*portal_trees(sites), DEFAULT_THEME], [out, cache_folder], rebuilder.request)
    address = f"http://{host}:{server.server_address[1]}/"
    log(f"Xem trước tại / previewing at {address} (Ctrl+C để dừng / to stop)")
    if edit:
        log(f"Viết bài trên trình duyệt / edit in the browser: {address}{paths.ADMIN} "
            f"(mỗi xã / each commune: {address}<thư-mục>/{paths.ADMIN})")
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        rebuilder.stop()
        server.server_close()
    return 0
