"""The editors' live preview (the `serve` command runs it).

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

import mimetypes
import sys
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from ..content import paths
from ..messages.console import say
from .handler import LOCAL_HOSTS, PreviewHandler
from .rebuild import Build, PreviewState, Rebuilder, watch


def serve(sites, out: Path, host: str, port: int, lang: str, build: Build,
          log: Callable[[str], None] = print, edit: bool = False) -> int:
    """Preview the portal: `build(search)` builds `sites` into `out` (the command
    line passes the build command, so this command needs none of its own).
    edit: the admin pages save into the site folders through this server."""
    from ..content import portal_trees
    from ..render import DEFAULT_THEME

    if edit and host not in LOCAL_HOSTS:
        log(say("serve-edit-local", lang))
        return 2

    state = PreviewState(lang=lang)
    rebuilder = Rebuilder(build, state, log)
    first = rebuilder.build_now()
    if not out.is_dir():
        log(say("serve-not-built", lang) if not first or not first.sites else "")
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
        log(say("serve-cannot-listen", lang, host=host, port=port, reason=error.strerror))
        return 2
    server.daemon_threads = True
    rebuilder.start()
    cache_folder = out.resolve().parent / f".{out.resolve().name}.cache"
    observer = watch([*portal_trees(sites), DEFAULT_THEME], [out, cache_folder], rebuilder.request)
    address = f"http://{host}:{server.server_address[1]}/"
    log(say("serve-previewing", lang, address=address))
    if edit:
        log(say("serve-editing", lang, address=address, admin=paths.ADMIN))
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
