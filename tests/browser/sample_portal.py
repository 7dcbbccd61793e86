"""The sample portal as the browser audits see it: built into a folder,
served on 127.0.0.1, and one page of each kind on the root site and a
commune site. Shared by tests/test_browser_audits.py and bench/lighthouse.py.

Nothing here needs a browser; the tools that do are located by the
functions at the end (None when missing, so a caller can skip).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "tests" / "browser" / "node_modules"
NOW = "22/11/2026 10:00"  # the tests' clock: a Sunday, this week is 16–22/11/2026
COMMUNE = "an-binh"  # the commune sub-site audited beside the root

CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
)
# Playwright adds --headless itself and passes its own --user-data-dir (a fresh
# temporary profile); it is given the other flags.
PLAYWRIGHT_ARGS = [flag for flag in CHROME_FLAGS if flag != "--headless"]

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


def build(out: Path) -> subprocess.CompletedProcess:
    """Build the sample portal (sites/) into out, as the README says."""
    result = subprocess.run(
        [sys.executable, "build.py", "build", "--sites", "sites", "--out", str(out), "--now", NOW],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8",
    )
    if result.returncode not in (0, 1) or not (out / "index.html").is_file():
        raise RuntimeError(f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve folder as the web root on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="audit-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


_NUMBERED = re.compile(r"trang-\d+$")
# Top-level folders of a site that are sections, not fixed pages.
_SECTIONS = {"assets", "images", "files", "tin-tuc", "chuyen-muc", "the", "can-bo", "lich-cong-tac",
             "thu-tuc", "don-vi", "tin-co-so", "tim-kiem", "van-ban", "lay-y-kien", "cong-khai", "hoi-dap",
             "tiep-cong-dan"}


def _first(folder: Path) -> str | None:
    """The first (by name) page folder directly under folder, numbered list pages aside."""
    if not folder.is_dir():
        return None
    names = sorted(p.name for p in folder.iterdir()
                   if (p / "index.html").is_file() and not _NUMBERED.match(p.name))
    return names[0] + "/" if names else None


def procedure_with_form(out: Path, prefix: str = "") -> str | None:
    """A procedure page of the site at prefix whose forms include a file
    (a link into files/), for the print test; else the first procedure."""
    folder = out / prefix / "thu-tuc"
    first = None
    for name in sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file()) \
            if folder.is_dir() else ():
        first = first or f"thu-tuc/{name}/"
        html = (folder / name / "index.html").read_text(encoding="utf-8")
        if re.search(r'id="mau-don".*?href="[^"]*files/', html, re.S):
            return prefix + f"thu-tuc/{name}/"
    return prefix + first if first else None


def _draft_or_first(site: Path) -> str | None:
    """A document open for comment (the richest page of the kind), else the first."""
    folder = site / "van-ban"
    for name in sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file()) if folder.is_dir() else ():
        if "consultation-open" in (folder / name / "index.html").read_text(encoding="utf-8"):
            return f"van-ban/{name}/"
    first = _first(folder)
    return first and "van-ban/" + first


def site_pages(out: Path, prefix: str) -> list[tuple[str, str]]:
    """(kind, path under out) for one page of each kind of the site at prefix
    ('' for the root, 'an-binh/' for a commune). Kinds a site lacks are left out."""
    site = out / prefix
    pages: list[tuple[str, str]] = [("home", "")]

    def add(kind: str, path: str | None) -> None:
        if path is not None and (site / path / "index.html").is_file():
            pages.append((kind, path))

    add("news-list", "tin-tuc/")
    first_article = _first(site / "tin-tuc")
    add("article", first_article and "tin-tuc/" + first_article)
    add("category-index", "chuyen-muc/")
    first_category = _first(site / "chuyen-muc")
    add("category", first_category and "chuyen-muc/" + first_category)
    first_tag = _first(site / "the")
    add("tag", first_tag and "the/" + first_tag)
    add("staff", "can-bo/")
    first_person = _first(site / "can-bo")
    add("profile", first_person and "can-bo/" + first_person)
    add("week", "lich-cong-tac/")
    first_event = _first(site / "lich-cong-tac" / "su-kien")
    add("event", first_event and "lich-cong-tac/su-kien/" + first_event)
    add("catalogue", "thu-tuc/")
    procedure = procedure_with_form(out, prefix)
    add("procedure", procedure and procedure[len(prefix):])
    fixed = "gioi-thieu/" if (site / "gioi-thieu" / "index.html").is_file() else next(
        (p.name + "/" for p in sorted(site.iterdir())
         if p.name not in _SECTIONS and (p / "index.html").is_file()
         and not (p / "site.yaml").exists() and not (p / "assets").is_dir()), None)
    add("fixed-page", fixed)
    add("documents", "van-ban/")
    add("document", _draft_or_first(site))
    first_section = _first(site / "van-ban" / "nhom")
    add("documents-section", first_section and "van-ban/nhom/" + first_section)
    add("consultations", "lay-y-kien/")
    add("public-list", "cong-khai/")
    add("reception", "tiep-cong-dan/")  # citizen reception, from the schedule
    add("questions", "hoi-dap/")
    first_question = _first(site / "hoi-dap")
    add("question", first_question and "hoi-dap/" + first_question)
    add("subsites", "don-vi/")
    add("child-news", "tin-co-so/")
    add("search", "tim-kiem/")  # added by another change; audited once it is built
    add("english-home", "en/")  # the site in English (Decree 42/2022, Art. 7)
    add("english-page", "en/gioi-thieu/")
    add("organisation", "en/organisation/")
    add("english-search", "en/search/")
    if (site / "404.html").is_file():
        pages.append(("not-found", "404.html"))
    return [(kind, prefix + path) for kind, path in pages]


def audit_pages(out: Path) -> list[tuple[str, str]]:
    """(label, path under out): every kind of page on the root site and the commune."""
    result = []
    for prefix, label in (("", "root"), (COMMUNE + "/", COMMUNE)):
        result += [(f"{label} {kind}", path) for kind, path in site_pages(out, prefix)]
    return result


# Tools -----------------------------------------------------------------------

def chromium() -> str | None:
    path = os.environ.get("CHROME_PATH") or CHROMIUM
    return path if os.access(path, os.X_OK) else shutil.which("chromium")


def axe_script() -> Path | None:
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


def vnu_jar() -> Path | None:
    path = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    return path if path.is_file() else None


def lighthouse_cli() -> Path | None:
    path = NODE_MODULES / "lighthouse" / "cli" / "index.js"
    return path if path.is_file() else None
