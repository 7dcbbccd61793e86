"""Small real portals written into a temporary folder, and ways to look at
what a build published (every page, every link)."""

from __future__ import annotations

import contextlib
import os
import re
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitegen.cli import main

NOW = "22/11/2026 10:00"  # a Sunday: this week is 16–22/11/2026

ROOT_SITE = """\
name: Cổng thông tin điện tử huyện Mẫu
short_name: Huyện Mẫu
kind: district
base_url: https://huyenmau.example.vn/
owner: Ủy ban nhân dân huyện Mẫu
responsible: Trần Văn Bình - Phó Chủ tịch UBND huyện
licence: Giấy phép số 1/GP-TTĐT
address: Thị trấn Mẫu, huyện Mẫu
phone: 0218 3 000 000
email: bbt@huyenmau.example.vn
"""


def need(present: object, what: str) -> None:
    """Skip when a tool a test runs for real is missing, but fail under CI,
    whose .ci/run installs them all."""
    if present:
        return
    reason = f"{what} is missing: run .ci/run (it installs it)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@contextlib.contextmanager
def playwright_browser():
    """Debian's Chromium driven by Playwright (the test skipped, or failed under CI, when either is missing)."""
    from tests.browser import sample_portal

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python (pip install playwright)")
    chrome = sample_portal.chromium()
    need(chrome, "Chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=sample_portal.PLAYWRIGHT_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def copy_sample_as_real_portal(dest: Path) -> Path:
    """The sample portal (sites/) copied to dest as a real portal: its dates as written, without
    the root's sample_dated, which moves them with the clock (tests/test_sample_dates.py)."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parent.parent / "sites", dest)
    for config in dest.glob("*/site.yaml"):
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"(?m)^sample_dated:.*\n", "", text), encoding="utf-8")
    return dest


def commune_site(name: str, parent: str = "huyen-mau", extra: str = "") -> str:
    return f"name: Trang thông tin điện tử xã {name}\nshort_name: {name}\nkind: commune\nparent: {parent}\n" \
           f"owner: Ủy ban nhân dân xã {name}\n{extra}"


def news(title: str, date: str = "2026-11-10 08:00", body: str = "Nội dung bài viết.", **fields) -> str:
    lines = [f"title: {title}", f"date: {date}"] if date else [f"title: {title}"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def front(fields: dict, body: str = "") -> str:
    lines = [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content,
                            encoding="utf-8")
    return root


@dataclass
class Built:
    out: Path
    code: int
    stdout: str
    stderr: str

    def page(self, relative: str) -> str:
        path = self.out / relative
        if path.is_dir() or relative.endswith("/") or relative == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def all_text(self) -> str:
        """Every file published, but the CMS the theme ships for the admin pages
        (the same bytes on every site, made from no input: tests/test_cms_admin.py)."""
        return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in sorted(self.out.rglob("*")) if p.is_file() and not is_cms_bundle(self.out, p))


@pytest.fixture
def build_portal(tmp_path, capsys):
    """build_portal(files) writes a portal and builds it in-process."""

    def run(files: dict[str, str | bytes], *extra: str, now: str = NOW, out: Path | None = None) -> Built:
        sites = write_tree(tmp_path / "sites", files)
        out = out or tmp_path / "public"
        code = main(["build", "--sites", str(sites), "--out", str(out), "--now", now, *extra])
        captured = capsys.readouterr()
        return Built(out, code, captured.out, captured.err)

    return run


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and not (tag == "link" and attributes.get("rel") == "canonical"):
                self.links.append((tag, attributes[name]))
        if tag == "form" and attributes.get("action"):
            self.links.append((tag, attributes["action"]))


def page_links(path: Path) -> tuple[list[tuple[str, str]], set[str]]:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links, parser.ids


def resolve(out: Path, page: Path, url: str) -> Path | None:
    """The file a relative link of a page points to, or None for outside links."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(out: Path) -> list[str]:
    """Every internal link or asset of every page that leads to no file."""
    broken = []
    for page in sorted(out.rglob("*.html")):
        if page.name == "404.html":
            continue  # its links are absolute: it is served at any depth
        links, _ids = page_links(page)
        for tag, url in links:
            target = resolve(out, page, url)
            if target is None:
                continue
            if not target.is_relative_to(out.resolve()) or not target.is_file():
                broken.append(f"{page.relative_to(out)}: <{tag}> {url}")
    return broken


def reachable(out: Path, start: Path, within: Path) -> set[Path]:
    """Every file reachable by links from a page, staying inside `within`."""
    seen: set[Path] = set()
    queue = [start.resolve()]
    within = within.resolve()
    while queue:
        page = queue.pop()
        if page in seen or not page.is_file():
            continue
        seen.add(page)
        if page.suffix != ".html":
            continue
        links, _ids = page_links(page)
        for _tag, url in links:
            target = resolve(out, page, url)
            if target is not None and target.is_relative_to(within) and target not in seen:
                queue.append(target)
    return seen


ADMIN_FOLDER = "quan-tri"  # every site's admin page (Decap CMS): not a page for citizens
CMS_BUNDLE = frozenset(p.name for p in (Path(__file__).resolve().parents[1] / "themes" / "default" / "admin").iterdir()
                       if p.suffix in (".js", ".txt"))


def is_cms_bundle(out: Path, path: Path) -> bool:
    """One of the files of the CMS the theme ships, published in an admin folder."""
    return path.parent.name == ADMIN_FOLDER and path.name in CMS_BUNDLE


def citizen_pages(out: Path) -> list[Path]:
    """Every page citizens read: all HTML of the output but the admin pages
    (tests/test_cms_admin.py looks at those)."""
    return [page for page in sorted(out.rglob("*.html")) if ADMIN_FOLDER not in page.relative_to(out).parts]


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def procedure(code: str, title: str, body: str = "Nộp hồ sơ.", **fields) -> str:
    """A procedure file with everything the law asks its page to carry (so it
    gets no warning); fields add to it or replace what is here."""
    values = {"code": code, "title": title, "field": "Hộ tịch", "level": "commune", "online": "none",
              "processing_time": "Ngay trong ngày", "fee": "Miễn lệ phí", "agency": "UBND cấp xã",
              "applicants": "Công dân Việt Nam", "result": "Giấy chứng nhận", "legal_basis": "[Luật Hộ tịch 2014]",
              **fields}
    return front(values, f"## Trình tự thực hiện\n\n{body}\n\n## Thành phần hồ sơ\n\n- Tờ khai.")
