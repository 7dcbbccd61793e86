"""The publishing service end to end, every part real, on 127.0.0.1: the
sample portal in a Git repository, `python build.py service` over it,
`python build.py nginx --service ...` in front (HTTPS with a self-signed
certificate, passwords made with `openssl passwd -apr1`) run by the real
nginx, and Decap CMS (the theme's copy) in Debian's Chromium, every request
leaving 127.0.0.1 aborted.

A commune's editor writes an article with a picture on hoa-binh's admin
page and sends it for review: it lives on its own branch and nowhere on the
portal. The commune's approver, in a browser of their own, finds it on the
editorial workflow board, makes it ready and publishes it: within seconds
nginx serves its page and its picture, and the published branch holds a
merge commit by the editor that names the approver. Meanwhile a request
straight to the service's port (no key) and one through nginx without a
password are refused and change nothing, and a header naming the approver
sent by the editor's browser is replaced by nginx.

Needs Playwright for Python, Debian's Chromium, nginx and openssl (.ci/run
installs them): skipped without them, except under CI, where that is a failure.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image

from conftest import need, playwright_browser
from nginx_server import NGINX, free_port, nginx
from service_helpers import content_repository, git

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import cms_editor  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SITE = "hoa-binh"
EDITOR, EDITOR_PASSWORD = "bien-tap-hoabinh", "mat-khau-bien-tap"
APPROVER, APPROVER_PASSWORD = "duyet-hoabinh", "mat-khau-duyet"
TITLE = "Chợ phiên nông sản sạch đầu tiên của phường Hòa Bình"
SLUG = "cho-phien-nong-san-sach-dau-tien-cua-phuong-hoa-binh"
BODY = "Sáng nay, chợ phiên nông sản sạch đầu tiên của xã đã khai mạc tại nhà văn hóa thôn Đồi Bô."
PICTURE = "Chợ phiên Hòa Bình.jpg"  # as it comes off a phone
PICTURE_NAME = "cho-phien-hoa-binh.jpg"  # as the admin page names it
VIETNAM = timezone(timedelta(hours=7))
LIVE_WITHIN = 30.0  # seconds from the approver's publish to the page served by nginx


def _blob(repo: Path, name: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "cat-file", "blob", name], check=True,
                          capture_output=True).stdout


def _refs(repo: Path) -> str:
    return git(repo, "for-each-ref", "--format=%(refname) %(objectname)")


class Portal:
    """The service and nginx in front of it, and ways to ask them."""

    def __init__(self, work: Path, repo: Path, out: Path, port: int, service_port: int):
        self.work, self.repo, self.out, self.port, self.service_port = work, repo, out, port, service_port
        self.origin = f"https://127.0.0.1:{port}"
        self.admin = f"{self.origin}/{SITE}/quan-tri/"
        self.endpoint = f"/__sitegen/service/{SITE}"
        self.tls = ssl.create_default_context(cafile=str(work / "tls.crt"))  # trusts the test's own only

    def https(self, method: str, path: str, body: bytes | None = None, user: tuple[str, str] | None = None,
              **headers: str) -> tuple[int, bytes]:
        """A request to nginx over HTTPS, signed in as user (name, password) when given."""
        sent = {name.replace("_", "-"): value for name, value in headers.items()}
        if user is not None:
            sent["Authorization"] = "Basic " + base64.b64encode(":".join(user).encode()).decode()
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30, context=self.tls)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def direct(self, body: bytes, **headers: str) -> tuple[int, bytes]:
        """A request straight to the service's port, not through nginx."""
        connection = http.client.HTTPConnection("127.0.0.1", self.service_port, timeout=30)
        try:
            connection.request("POST", self.endpoint, body=body,
                               headers={name.replace("_", "-"): value for name, value in headers.items()})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def served(self, path: str) -> tuple[int, bytes]:
        return self.https("GET", path)


@pytest.fixture
def portal(tmp_path):
    need(os.access(NGINX, os.X_OK), "nginx")
    need(shutil.which("openssl"), "openssl")
    need(shutil.which("git"), "git")
    work = tmp_path
    sites = content_repository(work) / "sites"  # and work/editors.yaml, outside the repository
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2", "-keyout", str(work / "tls.key"),
                    "-out", str(work / "tls.crt")], check=True, capture_output=True)
    lines = []
    for name, password in ((EDITOR, EDITOR_PASSWORD), (APPROVER, APPROVER_PASSWORD)):
        hashed = subprocess.run(["openssl", "passwd", "-apr1", password], check=True, capture_output=True,
                                text=True).stdout.strip()
        lines.append(f"{name}:{hashed}\n")
    (work / "htpasswd").write_text("".join(lines), encoding="ascii")
    out, key = work / "public", work / "service.key"
    port, service_port = free_port(), free_port()
    log = (work / "service.log").open("w", encoding="utf-8")  # closed at the end
    service = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "service", "--sites", str(sites), "--out", str(out),
         "--editors", str(work / "editors.yaml"), "--listen", f"127.0.0.1:{service_port}", "--key", str(key)],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    try:
        made = subprocess.run(
            [sys.executable, str(REPO / "build.py"), "nginx", "--sites", str(sites), "--out", str(out),
             "--listen", f"127.0.0.1:{port}", "--service", f"127.0.0.1:{service_port}", "--service-key", str(key),
             "--htpasswd", str(work / "htpasswd"), "--tls-cert", str(work / "tls.crt"),
             "--tls-key", str(work / "tls.key"), "--http", "off"],
            cwd=REPO, capture_output=True, text=True, encoding="utf-8", check=False)
        assert made.returncode == 0, made.stderr
        (work / "nginx").mkdir()
        with nginx(work / "nginx", made.stdout, port):
            served = Portal(work, work / "repo", out, port, service_port)
            # The service's first build: the admin page is there once it is done.
            deadline = time.monotonic() + 60
            while served.https("GET", f"/{SITE}/quan-tri/", user=(EDITOR, EDITOR_PASSWORD))[0] != 200:
                assert service.poll() is None, (work / "service.log").read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "the service's first build did not publish the admin page"
                time.sleep(0.2)
            yield served
            service.send_signal(signal.SIGTERM)
            assert service.wait(30) == 0, (work / "service.log").read_text(encoding="utf-8")
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
        log.close()


@pytest.fixture
def browser():
    with playwright_browser() as browser:
        yield browser


def _signed_in(browser, portal: Portal, blocked: list[str], refused: list[str], user: str, password: str):
    """A browser context of its own for one user (HTTP basic through nginx), on the admin page,
    signed in to Decap; every answer of the service that refuses is listed in refused."""
    context = cms_editor.offline_context(browser, blocked, ignore_https_errors=True, timezone_id="Asia/Ho_Chi_Minh",
                                         http_credentials={"username": user, "password": password},
                                         viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # Decap asks before publishing

    def answered(response):
        if portal.endpoint in response.url and response.status >= 400:
            request = response.request
            if response.status == 404 and '"action":"unpublishedEntry"' in (request.post_data or ""):
                return  # Decap asks whether a new entry is already under review: it is not
            refused.append(f"{user}: {request.method} {response.url} {(request.post_data or '')[:300]} -> "
                           f"{response.status} {response.text()[:300]}")

    page.on("response", answered)
    cms_editor.sign_in(page, portal.admin)
    return context, page


@contextlib.contextmanager
def _telling(page, refused: list[str], screenshot: Path):
    """A step in the browser that fails says what the service refused meanwhile, and leaves a screenshot."""
    from playwright.sync_api import Error

    try:
        yield
    except (AssertionError, Error) as error:
        with contextlib.suppress(Error):
            page.screenshot(path=str(screenshot))
        raise AssertionError(f"{error}\nThe service refused: {refused}\nScreenshot: {screenshot}") from None


def _status_menu(page):
    """The editorial workflow's status dropdown in the editor's toolbar ("Trạng thái: ...")."""
    return page.get_by_text(re.compile(r"^Trạng thái: ")).first


def _set_status(page, status: str) -> None:
    from playwright.sync_api import expect

    menu = _status_menu(page)
    menu.click()
    page.get_by_role("menuitem", name=status).click()
    expect(menu).to_have_text(f"Trạng thái: {status}", timeout=30_000)


def test_an_editor_sends_for_review_and_the_approver_publishes_live(browser, portal, tmp_path):
    from playwright.sync_api import expect

    repo = portal.repo
    picture = tmp_path / "máy ảnh" / PICTURE
    picture.parent.mkdir()
    Image.new("RGB", (800, 500), (180, 90, 30)).save(picture, quality=85)
    when = (datetime.now(VIETNAM) - timedelta(hours=1)).replace(second=0, microsecond=0)
    entry = f"{when:%Y-%m-%d}-{SLUG}"
    branch = f"refs/heads/cms/{SITE}/news/{entry}"
    article = f"sites/{SITE}/news/{entry}.md"
    image = f"sites/{SITE}/images/{PICTURE_NAME}"
    page_path = f"/{SITE}/tin-tuc/{SLUG}/"
    blocked: list[str] = []
    refused: list[str] = []

    # Nothing without the password, through nginx.
    assert portal.https("GET", f"/{SITE}/quan-tri/")[0] == 401
    info = json.dumps({"action": "info", "params": {}}).encode()
    assert portal.https("POST", portal.endpoint, info, Content_Type="application/json",
                        Origin=portal.origin)[0] == 401
    main_before = git(repo, "rev-parse", "main").strip()

    # The editor writes the article with a picture, saves it and sends it for review.
    context, page = _signed_in(browser, portal, blocked, refused, EDITOR, EDITOR_PASSWORD)
    with _telling(page, refused, tmp_path / "editor-failed.png"):
        cms_editor.new_entry(page, portal.admin, "news")
        cms_editor.field(page, "title").fill(TITLE)
        cms_editor.field(page, "date").fill(f"{when:%Y-%m-%dT%H:%M}")
        cms_editor.upload(page, "Chọn ảnh", picture)
        cms_editor.write_body(page, BODY)
        page.get_by_role("button", name="Lưu").first.click()
        page.get_by_text("Thay đổi đã được lưu").first.wait_for(timeout=30_000)
        expect(_status_menu(page)).to_have_text("Trạng thái: Bản nháp", timeout=15_000)  # saved for review
        _set_status(page, "Đang xét duyệt")
        page.screenshot(path=str(tmp_path / "1-editor-sent-for-review.png"))
    context.close()

    # Under review: on its own branch, with its picture; nothing of it on the published branch or the portal.
    assert git(repo, "rev-parse", "main").strip() == main_before
    assert git(repo, "for-each-ref", "--format=%(refname)", "refs/heads/cms/") == branch + "\n"
    on_branch = git(repo, "ls-tree", "-r", "--name-only", branch).splitlines()
    assert article in on_branch and image in on_branch
    assert "Status: pending_review" in git(repo, "log", "-1", "--format=%B", branch)
    assert _blob(repo, f"{branch}:{image}") == picture.read_bytes()
    assert subprocess.run(["git", "-C", str(repo), "cat-file", "-e", f"main:{article}"], check=False).returncode != 0
    assert not (portal.out / SITE / "tin-tuc" / SLUG).exists()
    assert portal.served(page_path)[0] == 404
    assert portal.served(f"/{SITE}/images/{PICTURE_NAME}")[0] == 404
    assert not (repo / article).exists()  # the work tree shows the published branch only

    # Straight to the service's port, with no key: refused, nothing changes, even naming the approver.
    refs = _refs(repo)
    publish = json.dumps({"action": "publishUnpublishedEntry",
                          "params": {"branch": "main", "collection": "news", "slug": entry}}).encode()
    save = json.dumps({"action": "persistEntry", "params": {
        "branch": "main", "dataFiles": [{"path": f"sites/{SITE}/news/2026-01-01-gia-mao.md",
                                         "slug": "2026-01-01-gia-mao", "raw": "---\ntitle: Giả mạo\n---\nX\n"}],
        "assets": [], "options": {"collectionName": "news", "useWorkflow": False}}}).encode()
    for body in (publish, save):
        status, answer = portal.direct(body, Content_Type="application/json", X_Sitegen_User=APPROVER,
                                       Host="127.0.0.1", Origin="https://127.0.0.1")
        assert status == 403, answer
        assert status == 403 and "nginx" in json.loads(answer)["error"]
    status, _answer = portal.direct(publish, Content_Type="application/json", X_Sitegen_User=APPROVER,
                                    X_Sitegen_Key="0" * 64, Origin=f"http://127.0.0.1:{portal.service_port}")
    assert status == 403
    # Through nginx, the editor's browser naming the approver: nginx says who signed in.
    status, answer = portal.https("POST", portal.endpoint, publish, user=(EDITOR, EDITOR_PASSWORD),
                                  Content_Type="application/json", Origin=portal.origin,
                                  X_Sitegen_User=APPROVER, X_Sitegen_Key="0" * 64)
    assert status == 403 and EDITOR in json.loads(answer)["error"], answer  # an editor may not publish
    assert _refs(repo) == refs

    # The approver finds it on the workflow board, under review, opens it, makes it ready and publishes it.
    context, page = _signed_in(browser, portal, blocked, refused, APPROVER, APPROVER_PASSWORD)
    with _telling(page, refused, tmp_path / "approver-failed.png"):
        page.get_by_role("link", name="Biên tập").click()  # the editorial workflow board
        card = page.get_by_text(TITLE).first
        card.wait_for(timeout=30_000)
        page.screenshot(path=str(tmp_path / "2-approver-workflow-board.png"))
        board = page.locator("body").inner_text()
        assert board.index("Đang xét duyệt") < board.index(TITLE) < board.rindex("Sẵn sàng"), board  # its column
        card.click()
        expect(_status_menu(page)).to_have_text("Trạng thái: Đang xét duyệt", timeout=30_000)
        expect(cms_editor.field(page, "title")).to_have_value(TITLE)
        _set_status(page, "Sẵn sàng")
        page.get_by_role("button", name="Công bố", exact=True).click()
        published_at = time.monotonic()
        page.get_by_text("Công bố ngay").click()  # Decap asks again: the dialog is accepted
        page.get_by_text("Mục đã được công bố").first.wait_for(timeout=30_000)
        page.screenshot(path=str(tmp_path / "3-approver-published.png"))
    context.close()

    # Live within seconds, over HTTPS, picture and all.
    live = None
    while time.monotonic() - published_at < LIVE_WITHIN:
        status, html = portal.served(page_path)
        if status == 200:
            live = html.decode("utf-8")
            break
        time.sleep(0.1)
    assert live is not None, f"not live {LIVE_WITHIN} s after publishing: " + \
        (tmp_path / "service.log").read_text(encoding="utf-8")
    assert TITLE in live and BODY in live and f"images/{PICTURE_NAME}" in live
    status, served_picture = portal.served(f"/{SITE}/images/{PICTURE_NAME}")
    assert status == 200
    with Image.open(io.BytesIO(served_picture)) as shown:
        assert shown.format == "JPEG" and shown.size == (800, 500)

    # The published branch: one merge commit by the editor, naming the approver; the entry's branch is gone.
    parents, author, committer, message = git(repo, "log", "-1", "--format=%P%x00%an%x00%cn%x00%B", "main") \
        .split("\0")
    assert len(parents.split()) == 2 and parents.split()[0] == main_before
    assert author == EDITOR and committer == APPROVER
    assert f"Người duyệt: {APPROVER}" in message and f"Approved-by: {APPROVER}" in message
    assert git(repo, "diff", "--name-only", main_before, "main").split() == sorted([article, image])
    assert git(repo, "for-each-ref", "refs/heads/cms/") == ""
    text = git(repo, "show", f"main:{article}")
    assert text.startswith(f"---\ntitle: {TITLE}\ndate: {when:%Y-%m-%d %H:%M}\n") and BODY in text

    assert blocked == [], f"requests left 127.0.0.1: {blocked}"
    assert refused == [], refused
