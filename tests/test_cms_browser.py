"""End to end, as a commune's editor works: in headless Chromium, with every
request outside 127.0.0.1 blocked, the commune's admin page (served by
`serve --edit`) writes an article with a picture through the interface; the
files appear in the commune's folder and nowhere else, the preview publishes
them, and `check` and `build` take them without a word.

The same session then registers a document (văn bản) with its signed PDF.

Needs Playwright for Python and Debian's Chromium (.ci/run installs both):
skipped without them, except under CI, where that is a failure.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT_SITE, commune_site, front, news, playwright_browser, write_tree
from sitegen.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import cms_editor  # noqa: E402

NOW = "22/11/2026 10:00"
TITLE = "Đăng ký khai sinh lưu động tại thôn Bãi Lạng"
SLUG = "dang-ky-khai-sinh-luu-dong-tai-thon-bai-lang"
DOCUMENT = "Về việc ban hành Kế hoạch chuyển đổi số năm 2027 của xã An"


@pytest.fixture
def browser():
    with playwright_browser() as browser:
        yield browser


@pytest.fixture
def portal(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/news/a.md": news("Tin của huyện"),
        "xa-an/site.yaml": commune_site("An", parent="huyen"),
        "xa-an/news/2026-11-10-hop-dan.md": news("Họp dân thôn Bãi Lạng"),
        "xa-an/staff/ha.md": front({"name": "Phạm Thị Hà", "position": "Chủ tịch UBND xã"}),
        "xa-binh/site.yaml": commune_site("Bình", parent="huyen"),
    })
    picture = tmp_path / "máy ảnh" / "Lễ hội Bãi Lạng.jpg"  # as it comes off a phone
    picture.parent.mkdir()
    Image.new("RGB", (900, 600), (40, 120, 60)).save(picture, quality=80)
    Image.new("L", (600, 850), 255).save(picture.parent / "Quyết định 15.pdf")  # a scan, as offices send them
    server = cms_editor.EditPreview(sites, tmp_path / "xem-thu", now=NOW)
    yield sites, picture, server
    server.stop()


def _files(sites: Path) -> dict[str, bytes]:
    return {p.relative_to(sites).as_posix(): p.read_bytes() for p in sorted(sites.rglob("*")) if p.is_file()}


def test_an_editor_writes_an_article_with_a_picture_in_the_browser(browser, portal, tmp_path, capsys):
    sites, picture, server = portal
    before = _files(sites)
    blocked: list[str] = []
    # The editor's computer is not on Vietnam's clock: what they type is still what is published.
    context = cms_editor.offline_context(browser, blocked, timezone_id="UTC", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    admin = server.url + "xa-an/quan-tri/"

    cms_editor.sign_in(page, admin)
    cms_editor.new_entry(page, admin, "news")
    cms_editor.field(page, "title").fill(unicodedata.normalize("NFD", TITLE))  # typed on a Mac
    cms_editor.field(page, "date").fill("2026-11-20T09:30")
    cms_editor.field(page, "author").fill("Phạm Thị Hoa")
    cms_editor.upload(page, "Chọn ảnh", picture)
    cms_editor.field(page, "image_caption").fill("Cán bộ tư pháp xã trao giấy khai sinh")
    cms_editor.add_item(page, "từ khóa", "hộ tịch, khai sinh")
    cms_editor.add_item(page, "từ khóa", "một cửa")
    cms_editor.write_body(page, "Sáng 20/11, Bộ phận Một cửa xã An đã đăng ký khai sinh lưu động cho 12 cháu.")
    cms_editor.publish(page)

    written = cms_editor.wait_for(lambda: {k: v for k, v in _files(sites).items() if before.get(k) != v}
                                  if len(_files(sites)) >= len(before) + 2 else None)
    assert written is not None, "the article and its picture were not saved"
    article = f"xa-an/news/2026-11-20-{SLUG}.md"
    assert set(written) == {article, "xa-an/images/le-hoi-bai-lang.jpg"}  # in the commune's folder, nowhere else
    assert written["xa-an/images/le-hoi-bai-lang.jpg"] == picture.read_bytes()
    text = written[article].decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert text.startswith(f"---\ntitle: {TITLE}\ndate: 2026-11-20 09:30\nauthor: Phạm Thị Hoa\n"
                           "image: images/le-hoi-bai-lang.jpg\n")
    assert "tags:\n  - hộ tịch, khai sinh\n  - một cửa\n" in text

    # The preview rebuilds and shows it, picture and all.
    def published():
        status, html = server.get(f"/xa-an/tin-tuc/{SLUG}/")
        return html.decode("utf-8") if status == 200 else None

    html = cms_editor.wait_for(published)
    assert html and TITLE in html and "Thứ Sáu, 20/11/2026 09:30" in html
    assert "images/le-hoi-bai-lang" in html and "Cán bộ tư pháp xã trao giấy khai sinh" in html
    page.goto(server.url + f"xa-an/tin-tuc/{SLUG}/")
    assert page.locator("h1").inner_text() == TITLE

    # A document with its signed PDF.
    before = _files(sites)
    cms_editor.new_entry(page, admin, "document")
    cms_editor.field(page, "number").fill("15/QĐ-UBND")
    cms_editor.choose(page, "type", "Quyết định")
    cms_editor.field(page, "title").fill(DOCUMENT)
    cms_editor.field(page, "issued").fill("2026-11-12")
    cms_editor.field(page, "signer").fill("Phạm Thị Hà")
    page.get_by_role("button", name="Thêm tệp văn bản").click()
    page.locator("[id^=title-field-]").last.fill("Bản có chữ ký")
    cms_editor.upload(page, "Chọn tệp", picture.parent / "Quyết định 15.pdf")
    cms_editor.publish(page)
    written = cms_editor.wait_for(lambda: {k: v for k, v in _files(sites).items() if before.get(k) != v}
                                  if len(_files(sites)) >= len(before) + 2 else None)
    assert written is not None, "the document and its PDF were not saved"
    assert set(written) == {"xa-an/documents/15-qd-ubnd.md", "xa-an/files/quyet-dinh-15.pdf"}
    assert written["xa-an/files/quyet-dinh-15.pdf"] == (picture.parent / "Quyết định 15.pdf").read_bytes()
    document = written["xa-an/documents/15-qd-ubnd.md"].decode("utf-8")
    assert "number: 15/QĐ-UBND\n" in document and "type: Quyết định\n" in document
    assert "issued: 2026-11-12\n" in document
    assert "files:\n  - title: Bản có chữ ký\n    file: files/quyet-dinh-15.pdf\n" in document
    context.close()
    assert blocked == [], f"requests left 127.0.0.1: {blocked}"

    # What the CMS wrote, the build reads as it is.
    assert main(["check", "--sites", str(sites), "--now", NOW]) == 0
    assert "xa-an/news" not in capsys.readouterr().err
    out = tmp_path / "public"
    assert main(["build", "--sites", str(sites), "--out", str(out), "--now", NOW]) == 0
    assert "cảnh báo" not in capsys.readouterr().err
    page_html = (out / "xa-an" / "tin-tuc" / SLUG / "index.html").read_text(encoding="utf-8")
    assert TITLE in page_html and 'src="../../images/le-hoi-bai-lang' in page_html
    published = [p for p in (out / "xa-an").rglob("15-qd-ubnd/index.html")]
    assert len(published) == 1, published
    document_html = published[0].read_text(encoding="utf-8")
    assert DOCUMENT in document_html and "15/QĐ-UBND" in document_html and "quyet-dinh-15.pdf" in document_html
    assert (out / "xa-an" / "files" / "quyet-dinh-15.pdf").is_file()
