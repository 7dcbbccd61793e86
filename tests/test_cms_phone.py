"""A commune's editor on a phone, in a browser set to English and to New York's
clock, in headless Chromium at 360x740 against `serve --edit` (every request
outside 127.0.0.1 blocked): the admin page names the commune on its login page
and in its top bar, lists the news newest first with Vietnamese dates, lays the
editor out within the screen with the publish button on it, shows and takes
dates as 20/11/2026 09:30, offers the commune's categories as a choice, sends
the article to the parent's "Tin từ cơ sở" unless told otherwise, asks for the
article's text, and after publishing links to the article's page.

Needs Playwright for Python and Debian's Chromium (.ci/run installs both):
skipped without them, except under CI, where that is a failure.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, news, playwright_browser, write_tree

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import cms_editor  # noqa: E402

NOW = "22/11/2026 10:00"
PHONE = {"width": 360, "height": 740}
TITLE = "Xã An Bình ra quân dọn vệ sinh môi trường hưởng ứng Ngày Chủ nhật xanh"
SLUG = "xa-an-binh-ra-quan-don-ve-sinh-moi-truong-huong-ung-ngay-chu-nhat-xanh"


@pytest.fixture
def browser():
    with playwright_browser() as browser:
        yield browser


@pytest.fixture
def portal(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/news/a.md": news("Tin của huyện"),
        # The commune's list of categories, and two its articles use (one not in the list).
        "an-binh/site.yaml": commune_site("An Bình", parent="huyen",
                                          extra="categories: [Tin tổng hợp, Văn hóa - Xã hội]\n"),
        "an-binh/news/2026-11-03-hop-dan.md": news("Họp dân thôn Bãi Lạng", "2026-11-03 08:00",
                                                  category="Kinh tế - Xã hội"),
        "an-binh/news/2026-11-18-tiem-chung.md": news("Tiêm chủng mở rộng", "2026-11-18 14:30",
                                                     category="Tin tổng hợp"),
        "an-binh/news/2026-10-01-mua-gat.md": news("Mùa gặt", "01/10/2026 07:15"),  # as an editor writes it
    })
    server = cms_editor.EditPreview(sites, tmp_path / "xem-thu", now=NOW)
    yield sites, server
    server.stop()


def _fits(page, what: str) -> None:
    """Nothing wider than the screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what}: the page is {width} px wide on a {PHONE['width']}-px screen"


def _on_screen(locator, what: str) -> None:
    box = locator.bounding_box()
    assert box is not None, f"{what} is not shown"
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and \
        box["y"] + box["height"] <= PHONE["height"], f"{what} is off the screen: {box}"


def test_a_communes_editor_writes_on_a_phone_set_to_english(browser, portal, tmp_path):
    from playwright.sync_api import expect

    sites, server = portal
    blocked: list[str] = []
    context = cms_editor.offline_context(browser, blocked, locale="en-US", timezone_id="America/New_York",
                                         viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    admin = server.url + "an-binh/quan-tri/"

    # The login page: the commune's name and emblem, not Decap's logo; the button on the screen.
    page.goto(admin)
    login = page.get_by_role("button", name="Đăng nhập")
    login.wait_for()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trang thông tin điện tử xã An Bình")
    assert "favicon" in page.locator("img").first.get_attribute("src")
    _on_screen(login, "the login button")
    _fits(page, "the login page")
    page.screenshot(path=str(tmp_path / "1-dang-nhap.png"))

    # The list: the commune's name in the top bar; the news newest first, dated as Vietnamese write.
    login.click()
    page.get_by_role("link", name="Tin bài").first.wait_for()
    page.goto(admin + "#/collections/news")
    lines = page.locator("a[href*='/entries/'] h2")
    expect(lines.first).to_have_text(re.compile(r"^18/11/2026 14:30 — Tiêm chủng"), timeout=30_000)
    assert [t.split(" — ")[0] for t in lines.all_inner_texts()] == ["18/11/2026 14:30", "03/11/2026 08:00",
                                                                    "01/10/2026 07:15"]
    header = page.locator("header")
    expect(header).to_contain_text("An Bình")
    assert "127.0.0.1" not in header.inner_text()
    _fits(page, "the list of news")
    page.screenshot(path=str(tmp_path / "2-danh-sach.png"))

    # A new article: within the screen, the publish button on it.
    cms_editor.new_entry(page, admin, "news")
    publish = page.get_by_role("button", name="Công bố").first
    _on_screen(publish, "the publish button")
    _fits(page, "the editor")
    cms_editor.field(page, "title").fill(TITLE)
    date = cms_editor.field(page, "date")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", date.input_value()), date.input_value()  # now, in Vietnam
    page.get_by_role("button", name=re.compile("trên lịch")).click()  # the browser's own calendar
    page.locator(".sitegen-date-picker").first.fill("2026-11-21T08:00")
    expect(date).to_have_value("21/11/2026 08:00")
    date.fill("20/11/2026 7:05")
    date.blur()
    expect(date).to_have_value("20/11/2026 07:05")
    cms_editor.field(page, "category").click()
    offered = page.get_by_role("option").all_inner_texts()
    assert offered == ["Tin tổng hợp", "Văn hóa - Xã hội", "Kinh tế - Xã hội"], offered  # site.yaml's, then in use
    page.get_by_role("option", name="Văn hóa - Xã hội").click()
    cms_editor.choose(page, "categories", "Kinh tế - Xã hội")
    assert cms_editor.field(page, "to_parent").is_checked()  # sent up to the parent's "Tin từ cơ sở"
    expect(page.get_by_text("Đưa bài lên cả mục \"Tin từ cơ sở\"").first).to_be_visible()
    form = page.locator("body").inner_text()
    assert not re.search("category|thay cho|Tên đường dẫn|0 nhiều chuyên mục", form), form

    # No text yet: not saved, the editor is told.
    publish.click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Bạn còn thiếu vài thông tin bắt buộc").first.wait_for()
    assert not list((sites / "an-binh" / "news").glob("*chu-nhat-xanh*"))
    cms_editor.write_body(page, "Sáng Chủ nhật, hơn 300 đoàn viên, hội viên ra quân dọn vệ sinh các tuyến đường.")
    _fits(page, "the editor, filled in")
    page.screenshot(path=str(tmp_path / "3-viet-bai.png"))
    cms_editor.publish(page)

    article = sites / "an-binh" / "news" / f"2026-11-20-{SLUG}.md"
    assert cms_editor.wait_for(article.exists, within=30), "the article was not saved"
    text = article.read_text(encoding="utf-8")
    assert text.startswith(f"---\ntitle: {TITLE}\ndate: 2026-11-20 07:05\ncategory: Văn hóa - Xã hội\n"
                           "categories:\n  - Kinh tế - Xã hội\n"), text
    assert "to_parent: true\n" in text

    # After publishing: a link to the article's page, which opens once the preview has it.
    link = page.locator("#sitegen-published a")
    link.wait_for(timeout=30_000)
    _on_screen(link, "the link to the published article")
    page.screenshot(path=str(tmp_path / "4-da-dang.png"))
    with context.expect_page() as opened:
        link.click()
    shown = opened.value
    shown.wait_for_url(f"**/an-binh/tin-tuc/{SLUG}/", timeout=60_000)
    expect(shown.locator("h1")).to_have_text(TITLE)
    status, html = server.get("/tin-co-so/")  # and on the district's news from its communes
    assert status == 200 and TITLE in html.decode("utf-8")
    context.close()
    assert blocked == [], f"requests left 127.0.0.1: {blocked}"


def test_the_root_portals_form_has_no_sending_up(browser, portal):
    """The root has no parent: its form does not offer "Tin từ cơ sở", and its files say nothing of it."""
    sites, server = portal
    blocked: list[str] = []
    context = cms_editor.offline_context(browser, blocked, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    admin = server.url + "quan-tri/"
    cms_editor.sign_in(page, admin)
    cms_editor.new_entry(page, admin, "news")
    assert page.locator("[id^=to_parent-field-]").count() == 0
    cms_editor.field(page, "title").fill("Tin của huyện viết trên trình duyệt")
    cms_editor.write_body(page, "Nội dung.")
    cms_editor.publish(page)
    written = cms_editor.wait_for(lambda: list((sites / "huyen" / "news").glob("*tin-cua-huyen-viet-tren*")))
    assert written and "to_parent" not in written[0].read_text(encoding="utf-8")
    context.close()
    assert blocked == []
