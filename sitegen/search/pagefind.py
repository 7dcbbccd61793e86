"""A synchronous client for `pagefind --service`, the process behind Pagefind's Python API.

The `pagefind` package's own PagefindIndex waits 0.1 s before reading each
answer (100 pages: 10 s), so sitegen speaks the same protocol itself: each
request is base64(JSON {"message_id", "payload"}) followed by ",", and so is
each answer on the service's stdout. The service works on one request at a
time and answers in order, so requests are sent without waiting (add_* return
at once) and wait() collects the answers. A thread reads the answers as they
come: a large site's answers would otherwise fill the pipe while requests
are still being written, and both sides would wait for ever.

One service holds any number of indexes but never works on two at once: run
one per core for parallel indexing.
"""

from __future__ import annotations

import base64
import json
import queue
import shutil
import subprocess
import threading
from typing import Any, Callable

_STDERR_KEPT = 4000  # characters of the service's own messages kept for an error


def pagefind_executable() -> str | None:
    """The binary the 'pagefind[bin]' package ships, else one on PATH."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except Exception:  # the package is missing or has no binary for this platform
        return shutil.which("pagefind")


class PagefindError(RuntimeError):
    """The service refused a request, or stopped."""


class Service:
    """One `pagefind --service` process; one caller thread at a time.

    It also exits by itself when its stdin closes: at close(), or when the
    build dies and its end of the pipe goes with it.
    """

    def __init__(self, executable: str, preexec: Callable[[], None] | None = None):
        self.process = subprocess.Popen([executable, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, preexec_fn=preexec)
        self._next_id = 0
        self._pending = 0  # requests sent whose answers were not collected
        self._answers: queue.Queue = queue.Queue()
        self._stderr = b""
        threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True).start()
        self._stderr_reader = threading.Thread(target=self._read_stderr, name="pagefind-stderr", daemon=True)
        self._stderr_reader.start()

    def _read_answers(self) -> None:
        stdout = self.process.stdout
        rest = b""
        while block := stdout.read1(1 << 16):
            *messages, rest = (rest + block).split(b",")
            for message in messages:
                self._answers.put(json.loads(base64.b64decode(message)))
        self._answers.put(None)  # the service stopped

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            self._stderr = (self._stderr + line)[-_STDERR_KEPT:]

    def send(self, payload: dict[str, Any]) -> None:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False,
                             separators=(",", ":"))
        try:
            self.process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        except (BrokenPipeError, ValueError) as error:
            raise PagefindError(self._stopped()) from error
        self._pending += 1

    def wait(self) -> dict[str, Any]:
        """Collect the answers of every request sent; the last one's payload.
        Raises the first error among them."""
        try:
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError) as error:
            raise PagefindError(self._stopped()) from error
        last, error = {}, None
        while self._pending:
            answer = self._answers.get()
            if answer is None:
                self._pending = 0
                raise PagefindError(self._stopped())
            self._pending -= 1
            last = answer.get("payload") or {}
            if error is None and (answer.get("message_id") is None or last.get("type") == "Error"):
                error = PagefindError(str(last.get("message") or last))
        if error is not None:
            raise error
        return last

    def _stopped(self) -> str:
        """Why the service stopped: its last words, else its exit status."""
        self._stderr_reader.join(timeout=2)  # it may still be reading them
        code = self.process.poll()
        said = self._stderr.decode("utf-8", "replace").strip()
        return said[-500:] or f"pagefind --service stopped ({code})"

    def new_index(self, language: str) -> "Index":
        self.send({"type": "NewIndex", "config": {"force_language": language}})
        return Index(self, self.wait()["index_id"])

    def close(self) -> None:
        """End of input: the service finishes and exits; killed if it does not."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass


class Index:
    """One index inside a service."""

    def __init__(self, service: Service, index_id: int):
        self.service = service
        self.index_id = index_id

    def add_html_file(self, html: str, source_path: str) -> None:
        """A page by its path under the site's folder ('tin-tuc/x/index.html' is
        found at /tin-tuc/x/ below the base URL the search page gives)."""
        self.service.send({"type": "AddFile", "index_id": self.index_id, "file_path": source_path,
                           "file_contents": html})

    def get_files(self) -> list[tuple[str, bytes]]:
        """The index's files: (path inside the index folder, bytes).

        Not WriteFiles: Pagefind's writer hands each file's last bytes to a
        background thread and answers, and the service, once its input ends,
        exits without waiting for them: files came out cut short. Bytes held
        here are written whole, by the caller."""
        self.service.send({"type": "GetFiles", "index_id": self.index_id})
        return [(file["path"], base64.b64decode(file["content"])) for file in self.service.wait()["files"]]

    def delete(self) -> None:
        """Free the pages the service holds for this index."""
        self.service.send({"type": "DeleteIndex", "index_id": self.index_id})
        self.service.wait()
