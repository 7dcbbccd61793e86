"""The publishing service: commune editors and approvers in the browser, on the
live portal, with review, Git history and pages live in seconds.

    nginx (HTTPS, passwords) ──> server.Handler ──> desk.Desk / workflow.Workflow ──> store.Store
                                                                                     (repository.Repository)
                                    builder.Builder <── every commit to the published branch, and the clock

The content repository is the Git work tree --sites lies in; the service owns
it. Saves are commits made without touching the work tree; the builder alone
brings the work tree to the published branch, between builds, and builds
(pipeline.build, incremental, the atomic swap), then deploys if asked.
"""

from __future__ import annotations

import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..messages.console import Said, say


@dataclass(frozen=True)
class ServiceSettings:
    sites: Path
    out: Path
    editors: Path
    listen: str = "127.0.0.1:8750"
    key: Path | None = None  # default: service.key beside the editors file
    report: Path | None = None
    deploy_to: tuple[str, ...] = ()
    root: str | None = None
    lang: str = "vi"


class ServiceError(Said):
    """The service cannot start: said why, in the catalogue's words."""


def address(listen: str) -> tuple[str, int]:
    host, _, port = listen.rpartition(":")
    return (host.strip("[]") or "127.0.0.1"), int(port)


def start(settings: ServiceSettings, log: Callable[[str], None]):
    """Everything wired and listening (the builder's first build under way): the server and its parts."""
    from ..content.kinds import DEFAULT
    from ..content.paths import FILES, PICTURES
    from ..outputs.cms import editable
    from ..serving.identity import key
    from .builder import Builder
    from .editors import Editors
    from .history import History
    from .repository import GitError, Repository
    from .server import Service, make_server
    from .store import Store

    try:
        repo, base = Repository.containing(settings.sites)
        main = repo.main_branch()
    except GitError:
        raise ServiceError("service-not-git", folder=settings.sites)
    if repo.resolve(main) is None:
        raise ServiceError("service-no-commit", repo=repo.top)
    repo.adopt()
    editors = Editors(settings.editors)  # EditorsError (a Said) when it cannot be used
    secret = key(settings.key or settings.editors.parent / "service.key")
    folders = frozenset({k.folder for k in DEFAULT if editable(k)} | {PICTURES.strip("/"), FILES.strip("/")})
    store = Store(repo, main, base, folders)
    builder = Builder(lambda: _sync(store, log, settings.lang), lambda: repo.resolve(main) or "",
                      settings.sites, _builds(settings), log, _deploys(settings), settings.lang)
    store.changed = builder.changed
    service = Service(secret, editors, store, builder, History(store), _review(settings), log, settings.lang)
    server = make_server(address(settings.listen), service)
    builder.start()
    log(say("service-started", settings.lang, address=settings.listen, users=len(editors), repo=repo.top,
            branch=main.rsplit("/", 1)[-1]))
    return server, service


def run(settings: ServiceSettings, log: Callable[[str], None]) -> int:
    """Serve until SIGTERM or Ctrl+C: then finish the requests in hand and the build under way."""
    server, service = start(settings, log)

    def stop(signum, frame) -> None:
        log(say("service-stopping", settings.lang))
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()  # waits for the requests in hand (their saves are commits by then)
        service.builder.stop()
    return 0


def _sync(store, log, lang: str) -> str:
    """Keep what someone changed in the work tree by hand (as a commit), then bring it to the published tip."""
    from .editors import User

    edits = store.repo.hand_edits(store.base)
    if edits:
        webmaster = User("quan-tri-may-chu", ("*",), "approver", "Quản trị máy chủ")
        store.commit_main("*", edits, "Sửa trực tiếp trên máy chủ", webmaster)
        log(say("service-hand-edits", lang, count=len(edits), names=", ".join(sorted(edits)[:10])))
    return store.repo.sync_work_tree(store.main) or ""


def _builds(settings: ServiceSettings):
    from ..pipeline import BuildSettings, build

    def one(only: tuple[str, ...], now):
        return build(BuildSettings(settings.sites, settings.out, now, only=only, report=settings.report,
                                   root=settings.root))

    return one


def _deploys(settings: ServiceSettings):
    if not settings.deploy_to:
        return None
    from ..serving.deploy import Destination, deploy

    def send() -> None:
        for dest in settings.deploy_to:
            deploy(settings.out, Destination.parse(dest), 5)

    return send


def _review(settings: ServiceSettings) -> bool:
    """Entries go through review unless the root's `cms:` says `review: false`."""
    from ..content.dates import build_time
    from ..portal.read import read_portal

    portal, _problems = read_portal([settings.sites], build_time(None), root=settings.root)
    cms = portal.sites[0].config.cms if portal is not None else None
    return cms.review if cms is not None and cms.backend == "service" else True
