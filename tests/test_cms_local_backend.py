"""`serve --edit`: the admin pages save through the preview's local back end
(Decap CMS's proxy protocol), into their own site's folder and nowhere else,
as NFC text written whole; the preview then rebuilds and reloads. Only this
machine's pages, by this machine's address, may call it."""

from __future__ import annotations

import base64
import http.client
import json
import socket
import subprocess
import sys
import threading
import queue
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import ROOT_SITE, commune_site, news, write_tree
from sitegen.content.kinds import DEFAULT
from sitegen.editing.backend import BackendError, SiteBackends

ROOT = Path(__file__).resolve().parent.parent
TITLE_NFD = unicodedata.normalize("NFD", "Đăng ký khai sinh lưu động")


def _portal(base: Path) -> Path:
    return write_tree(base / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/news/a.md": news("Tin của huyện"),
        "xa-an/site.yaml": commune_site("An", parent="huyen"),
        "xa-an/news/b.md": news("Tin của xã An"),
        "xa-an/images/anh.jpg": b"\xff\xd8\xff\xe0 jpeg",
        "xa-binh/site.yaml": commune_site("Bình", parent="huyen"),
    })


@pytest.fixture
def backend(tmp_path):
    sites = _portal(tmp_path)
    return SiteBackends((sites,), DEFAULT).get("xa-an"), sites


def _refused(backend, action, **params) -> int:
    with pytest.raises(BackendError) as error:
        backend.call(action, params)
    return error.value.status


def test_a_site_reads_and_writes_its_own_folder(backend):
    site, sites = backend
    assert site.call("info", {})["publish_modes"] == ["simple"]
    entries = site.call("entriesByFolder", {"folder": "sites/xa-an/news", "extension": "md", "depth": 1})
    assert [e["file"]["path"] for e in entries] == ["sites/xa-an/news/b.md"]
    assert "Tin của xã An" in entries[0]["data"]
    assert site.call("getEntry", {"path": "sites/xa-an/news/khong-co.md"})["data"] is None
    picture = base64.b64encode(b"\xff\xd8\xff\xe0 new").decode()
    site.call("persistEntry", {
        "dataFiles": [{"path": "sites/xa-an/news/2026-11-20-dang-ky.md", "slug": "dang-ky",
                       "raw": f"---\ntitle: {TITLE_NFD}\nimage: images/moi.jpg\n---\n{TITLE_NFD}.\n"}],
        "assets": [{"path": "sites/xa-an/images/moi.jpg", "content": picture, "encoding": "base64"}],
        "options": {"newEntry": True}})
    written = (sites / "xa-an" / "news" / "2026-11-20-dang-ky.md").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", written) and "title: Đăng ký khai sinh lưu động" in written
    assert (sites / "xa-an" / "images" / "moi.jpg").read_bytes() == b"\xff\xd8\xff\xe0 new"
    media = site.call("getMedia", {"mediaFolder": "sites/xa-an/images"})
    assert [m["path"] for m in media] == ["sites/xa-an/images/anh.jpg", "sites/xa-an/images/moi.jpg"]
    assert not [p for p in sites.rglob("*") if p.name.endswith(".tmp")]


def test_renaming_an_entry_moves_its_file(backend):
    site, sites = backend
    site.call("persistEntry", {"dataFiles": [{"path": "sites/xa-an/news/b.md", "newPath": "sites/xa-an/news/c.md",
                                              "raw": "---\ntitle: Tin đổi tên\n---\n"}], "assets": []})
    assert not (sites / "xa-an" / "news" / "b.md").exists()
    assert "Tin đổi tên" in (sites / "xa-an" / "news" / "c.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [
    "sites/xa-binh/news/x.md",          # another commune
    "sites/huyen/news/x.md",            # the district
    "sites/xa-an/../xa-binh/news/x.md",  # out and back in
    "sites/xa-an/news/../../xa-binh/news/x.md",
    "sites/xa-an/site.yaml",            # the site's identity is the webmaster's
    "sites/xa-an/templates/base.html",  # so are its templates
    "sites/xa-an/news/.hidden.md",
    "/etc/passwd", "../../etc/passwd", "sites/xa-an", "sites/xa-an-2/news/x.md", "",
])
def test_a_path_outside_the_sites_own_content_is_refused(backend, path):
    site, sites = backend
    before = sorted(p.relative_to(sites).as_posix() for p in sites.rglob("*"))
    assert _refused(site, "persistEntry", dataFiles=[{"path": path, "raw": "x"}], assets=[]) in (400, 403)
    assert _refused(site, "getEntry", path=path) in (400, 403)
    assert _refused(site, "deleteFile", path=path) in (400, 403)
    assert sorted(p.relative_to(sites).as_posix() for p in sites.rglob("*")) == before


def test_a_symbolic_link_out_of_the_site_is_refused(backend, tmp_path):
    site, sites = backend
    secret = tmp_path / "secret.md"
    secret.write_text("mật")
    (sites / "xa-an" / "news" / "lien-ket.md").symlink_to(secret)
    (sites / "xa-an" / "files").symlink_to(sites / "xa-binh", target_is_directory=True)
    assert _refused(site, "getEntry", path="sites/xa-an/news/lien-ket.md") == 403
    assert _refused(site, "persistMedia", asset={"path": "sites/xa-an/files/site.yaml", "content": "eA==",
                                                 "encoding": "base64"}) == 403
    assert secret.read_text() == "mật" and "Bình" in (sites / "xa-binh" / "site.yaml").read_text(encoding="utf-8")


def test_one_bad_path_in_a_save_writes_nothing(backend):
    site, sites = backend
    assert _refused(site, "persistEntry", dataFiles=[{"path": "sites/xa-an/news/d.md", "raw": "---\ntitle: D\n---\n"}],
                    assets=[{"path": "sites/xa-binh/images/x.jpg", "content": "eA==", "encoding": "base64"}]) == 403
    assert not (sites / "xa-an" / "news" / "d.md").exists()
    assert _refused(site, "deleteFiles", paths=["sites/xa-an/news/b.md", "sites/huyen/news/a.md"]) == 403
    assert (sites / "xa-an" / "news" / "b.md").exists()
    assert _refused(site, "unpublishedEntries") == 422


# Over HTTP, from the preview server -----------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EditPreview:
    def __init__(self, sites: Path, out: Path):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--edit", "--sites", str(sites), "--out", str(out),
             "--port", str(self.port), "--now", "22/11/2026 10:00"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.request("GET", "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.process.kill()
                    raise AssertionError(self.process.stdout.read())
                time.sleep(0.2)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data

    def api(self, site: str, action: str, params: dict | None = None, **headers):
        body = json.dumps({"action": action, "params": params or {}}).encode()
        status, data = self.request("POST", f"/__sitegen/cms/{site}", body,
                                    {"Content-Type": "application/json", **headers})
        return status, json.loads(data)

    def events(self) -> queue.Queue:
        found: queue.Queue = queue.Queue()

        def listen():
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            connection.request("GET", "/__sitegen/events")
            for raw in connection.getresponse():
                line = raw.decode().strip()
                if line.startswith("data: "):
                    found.put(line[6:])

        threading.Thread(target=listen, daemon=True).start()
        assert found.get(timeout=10).startswith("hello")
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def preview(tmp_path):
    sites = _portal(tmp_path)
    server = EditPreview(sites, tmp_path / "out")
    yield server, sites, tmp_path / "out"
    server.stop()


def test_the_admin_page_saves_through_the_preview_and_the_page_reloads(preview):
    server, sites, out = preview
    status, raw = server.request("GET", "/xa-an/quan-tri/config.yml")
    config = yaml.safe_load(raw)
    assert status == 200 and config["backend"] == {"name": "proxy", "proxy_url": "/__sitegen/cms/xa-an",
                                                   "branch": "main"}
    assert config["site_url"] == f"http://127.0.0.1:{server.port}/xa-an/"
    on_disk = yaml.safe_load((out / "xa-an" / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
    assert on_disk["site_url"] == "https://huyenmau.example.vn/xa-an/"  # the published file is build's
    status, page = server.request("GET", "/xa-an/quan-tri/")
    assert status == 200 and b"EventSource" not in page  # the CMS is never reloaded under the editor
    events = server.events()
    status, answer = server.api("xa-an", "persistEntry", {"dataFiles": [{
        "path": "sites/xa-an/news/2026-11-21-moi.md", "raw": f"---\ntitle: {TITLE_NFD}\ndate: 2026-11-21 08:00\n---\nMới.\n"}],
        "assets": []})
    assert status == 200, answer
    while not events.get(timeout=60).startswith("reload"):
        pass
    status, article = server.request("GET", "/xa-an/tin-tuc/dang-ky-khai-sinh-luu-dong/")
    assert status == 200 and "Đăng ký khai sinh lưu động".encode() in article


def test_only_this_machines_pages_may_call_the_local_back_end(preview):
    server, sites, _out = preview
    assert server.api("xa-an", "info")[0] == 200
    origin = f"http://127.0.0.1:{server.port}"
    assert server.api("xa-an", "info", Origin=origin)[0] == 200
    assert server.api("xa-an", "info", Origin="https://ke-gian.example")[0] == 403
    assert server.api("xa-an", "info", Host="ke-gian.example")[0] == 403  # DNS rebinding
    assert server.api("xa-an", "info", **{"Sec-Fetch-Site": "cross-site"})[0] == 403
    status, _ = server.request("POST", "/__sitegen/cms/xa-an", b'{"action": "info"}',
                               {"Content-Type": "text/plain"})  # a form from another page can send this
    assert status == 403
    assert server.api("khong-co", "info")[0] == 404
    status, answer = server.api("xa-an", "persistEntry", {"dataFiles": [{"path": "sites/xa-binh/news/x.md",
                                                                         "raw": "x"}]})
    assert status == 403 and "ngoài" in answer["error"]
    assert not (sites / "xa-binh" / "news").exists()


def test_edit_is_refused_on_an_address_other_machines_reach(tmp_path):
    sites = _portal(tmp_path)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--edit", "--host", "0.0.0.0",
                             "--sites", str(sites), "--out", str(tmp_path / "out"), "--port", str(_free_port())],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "127.0.0.1" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_the_plain_preview_tells_the_editor_how_to_write(tmp_path):
    sites = _portal(tmp_path)
    port = _free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--sites", str(sites), "--out",
                                str(tmp_path / "out"), "--port", str(port), "--now", "22/11/2026 10:00"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("POST", "/__sitegen/cms/xa-an", b'{"action": "info"}',
                                   {"Content-Type": "application/json"})
                response = connection.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        answer = json.loads(response.read())
        assert response.status == 403 and "python build.py serve --edit" in answer["error"]
        assert not (sites / "xa-an" / "news" / "x.md").exists()
    finally:
        process.terminate()
        process.wait(timeout=10)
