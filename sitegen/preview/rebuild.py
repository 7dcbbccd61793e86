"""The preview's rebuilds: one build at a time after the editor's save, and
the watcher of the content and theme folders that asks for them."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..messages.console import say
from ..problems import Problem, Severity

Build = Callable[[bool], object]  # runs one build (search index now or later), gives its result

QUIET_SECONDS = 0.08  # editors' programs save in bursts (temp file, rename): wait for quiet
SEARCH_AFTER_SECONDS = 2.0  # the search index catches up once the editor pauses this long
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part", ".crdownload")
SHOWN = 30  # problems printed after each rebuild (the panel over the page lists them all)


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
            self.log(say("serve-build-failed", self.state.lang, error=error))
            result = None
        self.state.publish(result.problems if result else [])
        for found in self.state.problems[:SHOWN]:  # what the panel shows, in the terminal too
            self.log(found.format(self.state.lang))
        if len(self.state.problems) > SHOWN:
            self.log(say("more-problems", self.state.lang, more=len(self.state.problems) - SHOWN, where=""))
        errors = sum(1 for p in self.state.problems if p.severity == Severity.ERROR)
        self.log(say("serve-rebuilt", self.state.lang, seconds=f"{time.perf_counter() - started:.2f}",
                     rendered=result.rendered if result else 0, errors=errors))
        return result

    def _catch_up_search(self) -> None:
        try:
            self.build(True)
        except Exception as error:
            self.log(say("serve-build-failed", self.state.lang, error=error))

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
