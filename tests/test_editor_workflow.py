"""The editors' workflow: a real preview server over HTTP that rebuilds and
reloads on every save, a checker that names each mistake, and `new` files
that build at once."""

from __future__ import annotations

import http.client
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, news, write_tree
from sitegen.content.kinds import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, str(ROOT / "build.py")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _save_like_an_editor(path: Path, text: str) -> None:
    """Write a temporary file and rename it over the original, as editors' programs do."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class Preview:
    def __init__(self, sites: Path, out: Path):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [*BUILD, "serve", "--sites", str(sites), "--out", str(out), "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.events: queue.Queue[str] = queue.Queue()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.process.kill()
            raise AssertionError(self.process.stdout.read())
        threading.Thread(target=self._listen, daemon=True).start()
        assert self.events.get(timeout=10).startswith("hello")

    def get(self, path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, body

    def _listen(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        connection.request("GET", "/__sitegen/events")
        response = connection.getresponse()
        for raw in response:
            line = raw.decode().strip()
            if line.startswith("data: "):
                self.events.put(line[6:])

    def next_reload(self, within: float) -> float:
        started = time.monotonic()
        while True:
            event = self.events.get(timeout=within)
            if event.startswith("reload"):
                return time.monotonic() - started

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def preview(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/news/a.md": news("Tin đầu tiên", body="Nội dung ban đầu."),
        "xa-a/site.yaml": commune_site("A", parent="huyen"),
    })
    server = Preview(sites, tmp_path / "out")
    yield server, sites, tmp_path / "out"
    server.stop()


def test_preview_serves_the_portal_and_reloads_after_a_save(preview):
    server, sites, out = preview
    status, home = server.get("/")
    assert status == 200 and "Tin đầu tiên" in home
    assert "/__sitegen/events" in home, "the page reloads itself"
    assert "/__sitegen/events" not in (out / "index.html").read_text(), "files on disk stay clean"
    article = sites / "huyen" / "news" / "a.md"
    _save_like_an_editor(article, news("Tin đầu tiên", body="Nội dung đã sửa."))
    seconds = server.next_reload(within=15)
    assert seconds < 5
    assert "Nội dung đã sửa." in server.get("/tin-tuc/tin-dau-tien/")[1]


def test_preview_search_catches_up_once_the_editor_pauses(preview):
    server, sites, out = preview

    def indexed_pages() -> int:
        return len(list((out / "pagefind" / "fragment").glob("*.pf_fragment")))

    before = indexed_pages()
    assert before > 0
    _save_like_an_editor(sites / "huyen" / "news" / "moi.md", news("Tin mới cần tìm", body="Nội dung mới."))
    server.next_reload(within=15)  # the page first, the search index a moment later
    deadline = time.monotonic() + 20
    while indexed_pages() == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert indexed_pages() == before + 1


def test_preview_shows_an_error_over_the_page_until_it_is_fixed(preview):
    server, sites, _out = preview
    broken = sites / "huyen" / "news" / "b.md"
    _save_like_an_editor(broken, "---\ntitle: Tin dở dang\ndate: 31/02/2026\n---\nChưa xong\n")
    server.next_reload(within=15)
    page = server.get("/")[1]
    assert 'id="sitegen-problems"' in page
    assert "b.md:3:1" in page and "28 ngày" in page
    _save_like_an_editor(broken, news("Tin đã xong", "2026-11-01 08:00"))
    server.next_reload(within=15)
    page = server.get("/")[1]
    assert 'id="sitegen-problems"' not in page
    assert "Tin đã xong" in page


def test_preview_prints_each_problem_and_shows_a_communes_own_first(preview):
    server, sites, _out = preview
    _save_like_an_editor(sites / "huyen" / "news" / "b.md", "---\ntitle: Tin huyện\ndate: 31/02/2026\n---\nx\n")
    (sites / "xa-a" / "news").mkdir()
    _save_like_an_editor(sites / "xa-a" / "news" / "c.md", "---\ntitle: Tin xã\ndate: 30/02/2026\n---\nx\n")
    server.next_reload(within=15)
    deadline = time.monotonic() + 15
    while "c.md:3:1" not in server.get("/xa-a/")[1] or "b.md:3:1" not in server.get("/xa-a/")[1]:
        assert time.monotonic() < deadline, "both saves are rebuilt"
        time.sleep(0.2)  # the two saves may take two rebuilds
    panel = server.get("/xa-a/")[1].split('id="sitegen-problems"')[1]
    assert panel.index("c.md:3:1") < panel.index("b.md:3:1"), "the commune's own problem comes first"
    panel = server.get("/")[1].split('id="sitegen-problems"')[1]
    assert "c.md:3:1" in panel and "b.md:3:1" in panel
    server.stop()
    printed = server.process.stdout.read()
    assert "b.md:3:1: lỗi:" in printed and "c.md:3:1: lỗi:" in printed, "the terminal names each problem"


def test_preview_follows_deletes_renames_and_new_sites(preview):
    server, sites, _out = preview
    article = sites / "huyen" / "news" / "a.md"
    article.rename(article.with_name("doi-ten.md"))
    server.next_reload(within=15)
    assert server.get("/tin-tuc/tin-dau-tien/")[0] == 200
    (sites / "huyen" / "news" / "doi-ten.md").unlink()
    server.next_reload(within=15)
    status, page = server.get("/tin-tuc/tin-dau-tien/")
    assert status == 404 and "Không tìm thấy trang" in page
    write_tree(sites, {"xa-moi/site.yaml": commune_site("Mới", parent="huyen"),
                       "xa-moi/news/a.md": news("Tin xã mới")})
    server.next_reload(within=15)
    deadline = time.monotonic() + 15
    while "Tin xã mới" not in server.get("/xa-moi/")[1] and time.monotonic() < deadline:
        server.next_reload(within=15)
    assert "Tin xã mới" in server.get("/xa-moi/")[1]


def test_check_names_each_mistake_and_writes_nothing(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/news/a.md": "---\ntittle: Tin\ndate: 2026-11-01\n---\nx\n",
        "huyen/news/b.md": news("Hẹn giờ", "2027-01-01 08:00"),
        "xa-a/site.yaml": commune_site("A", parent="khong-co"),
        "xa-a/staff/c.md": "---\nname: Lê C\nposition: Chủ tịch\nleader: true\nphoto: images/c.jpg\n---\n",
    })
    result = subprocess.run([*BUILD, "check", "--sites", str(sites), "--now", "22/11/2026 10:00"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr
    assert "huyen/news/a.md:2:1: cảnh báo: Khóa 'tittle'" in lines and "'title'" in lines
    assert "huyen/news/b.md:3: thông tin: Hẹn giờ đăng" in lines
    assert "xa-a/site.yaml: lỗi: 'parent: khong-co'" in lines
    assert "xa-a/staff/c.md:5:1: lỗi: 'photo'" in lines
    assert "xa-a/staff/c.md:4: cảnh báo: Lãnh đạo" in lines
    assert not any(p.name in ("public", "out") for p in tmp_path.iterdir())
    english = subprocess.run([*BUILD, "check", "--sites", str(sites), "--lang", "en", "--site", "xa-a"],
                             capture_output=True, text=True, cwd=tmp_path)
    assert "xa-a/staff/c.md:5:1: error: 'photo'" in english.stderr
    assert "huyen/" not in english.stderr


def test_clean_portal_checks_with_status_zero(tmp_path):
    sites = write_tree(tmp_path / "sites", {"huyen/site.yaml": ROOT_SITE, "huyen/news/a.md": news("Tin")})
    result = subprocess.run([*BUILD, "check", "--sites", str(sites)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("kind", ["news", "staff", "event", "procedure", "page", "document", "question"])
def test_new_file_builds_into_a_page_at_once(tmp_path, kind, capsys):
    from sitegen.cli import main

    sites = write_tree(tmp_path / "sites", {"huyen/site.yaml": ROOT_SITE, "xa-a/site.yaml": commune_site("A")
                                            .replace("parent: huyen-mau", "parent: huyen")})
    assert main(["new", kind, "--site", "xa-a", "--sites", str(sites), "--now", "22/11/2026 10:00",
                 "Hội nghị: tổng kết năm 2026"]) == 0
    created = [p for p in (sites / "xa-a").rglob("*.md")]
    assert len(created) == 1
    text = created[0].read_text(encoding="utf-8")
    header = text.split("---\n")[1].splitlines()
    assert [line.split(":")[0] for line in header] == DEFAULT[kind].names, "every field, in order"
    assert all(re.search(r"  # \S", line) for line in header), "every field has a comment"
    assert main(["new", kind, "--site", "xa-a", "--sites", str(sites), "--now", "22/11/2026 10:00",
                 "Hội nghị: tổng kết năm 2026"]) == 1, "never overwrites"
    assert created[0].read_text(encoding="utf-8") == text
    assert main(["build", "--sites", str(sites), "--out", str(tmp_path / "out"),
                 "--now", "22/11/2026 10:00"]) == 0, capsys.readouterr().err
    pages = {p.parent.name for p in (tmp_path / "out" / "xa-a").rglob("index.html")}
    expected = {"news": "hoi-nghi-tong-ket-nam-2026", "staff": "hoi-nghi-tong-ket-nam-2026",
                "event": "2026-11-22-hoi-nghi-tong-ket-nam-2026", "procedure": "1-000001",
                "page": "hoi-nghi-tong-ket-nam-2026", "document": "1-qd-ubnd",
                "question": "hoi-nghi-tong-ket-nam-2026"}[kind]
    assert expected in pages


def test_new_refuses_an_unknown_site(tmp_path, capsys):
    from sitegen.cli import main

    sites = write_tree(tmp_path / "sites", {"huyen/site.yaml": ROOT_SITE})
    assert main(["new", "news", "--site", "khong-co", "--sites", str(sites), "Tin"]) == 1
    assert "khong-co" in capsys.readouterr().err


def test_field_reference_follows_the_declarations():
    """docs/truong-du-lieu.md is written from the kinds' declarations; regenerate it with
    `python -m sitegen.content.reference` after changing a field."""
    from sitegen.content.reference import reference

    assert (ROOT / "docs" / "truong-du-lieu.md").read_text(encoding="utf-8") == reference()


def test_every_message_is_explained_in_the_editors_guide():
    """Each message code has its entry (what you see, the fix) in the guide."""
    from sitegen.problems import MESSAGES

    guide = (ROOT / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
    assert [code for code in MESSAGES if f"`{code}`" not in guide] == []
