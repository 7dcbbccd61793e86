"""Driving an admin page (Decap CMS) as an editor does, in headless Chromium,
against `serve --edit`, with every request outside 127.0.0.1 blocked.
Shared by tests/test_cms_browser.py and tools/cms_screenshots.py.

Nothing here asserts; the callers do. Buttons are found by their Vietnamese
wording, as an editor finds them.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
LOCAL = ("127.0.0.1",)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EditPreview:
    """`python build.py serve --edit` on a portal, at a free port of 127.0.0.1."""

    def __init__(self, sites: Path, out: Path, now: str = "22/11/2026 10:00"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--edit", "--sites", str(sites), "--out", str(out),
             "--port", str(self.port), "--now", now],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO)
        deadline = time.monotonic() + 90
        while True:
            try:
                self.get("/")
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.process.kill()
                    raise RuntimeError(self.process.stdout.read())
                time.sleep(0.2)

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def offline_context(browser, blocked: list[str], **options):
    """A browser context in which every request leaving 127.0.0.1 is aborted and listed
    (in Vietnamese unless options say another locale)."""
    context = browser.new_context(**{"locale": "vi-VN", **options})

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in LOCAL:
            return request_route.continue_()
        blocked.append(url)
        return request_route.abort()

    context.route("**/*", route)
    return context


def sign_in(page, admin_url: str) -> None:
    page.goto(admin_url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Tin bài").first.wait_for()


def new_entry(page, admin_url: str, collection: str) -> None:
    page.goto(f"{admin_url}#/collections/{collection}/new")
    page.locator("[id^=title-field]").first.wait_for()


def field(page, name: str):
    """The input of a top-level field (Decap names it <name>-field-<n>)."""
    return page.locator(f"[id^={name}-field-]").first


def upload(page, button: str, path: Path, index: int = 0) -> None:
    """Open the media library from a field's button, upload a file from this
    computer and use it ("Dùng tệp đã chọn")."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=button).nth(index).click()
    use = page.get_by_role("button", name="Dùng tệp đã chọn")
    page.locator(".ReactModalPortal input[type=file]").set_input_files(str(path))
    expect(use).to_be_enabled(timeout=30_000)  # uploaded, and chosen
    use.click()
    expect(use).to_have_count(0)


def choose(page, name: str, option: str) -> None:
    """Pick an option of a choice list (a select, or a choice among records) by its label."""
    box = field(page, name)
    box.click()
    box.type(option)
    page.get_by_role("option", name=option).first.click()


def add_item(page, list_label: str, text: str) -> None:
    """Add one item to a list of texts ("Thêm từ khóa") and type it."""
    page.get_by_role("button", name=f"Thêm {list_label}").click()
    page.locator("[id^=item-field-]").last.fill(text)


def write_body(page, text: str) -> None:
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type(text)


def publish(page) -> None:
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Thay đổi đã được lưu").first.wait_for()


def wait_for(check, within: float = 60.0, step: float = 0.2):
    """check()'s first true value, looked for until `within` seconds pass (then None)."""
    deadline = time.monotonic() + within
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(step)
