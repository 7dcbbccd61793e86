#!/usr/bin/env python3
"""Take the pictures of the admin page shown in the editors' guide (docs/hinh/).

Copies the sample portal (sites/) into a temporary folder, runs
`python build.py serve --edit` on it, and in headless Chromium (Vietnamese,
every request outside 127.0.0.1 blocked) writes an article with a picture on
the commune An Bình's admin page, as the guide tells an editor to. Needs
Playwright for Python and Debian's Chromium (.ci/run installs them):

    python tools/cms_screenshots.py            # writes docs/hinh/quan-tri-*.png

The pictures are reduced to 256 colours, so each weighs some tens of KB.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import cms_editor  # noqa: E402

TARGET = REPO / "docs" / "hinh"
VIEWPORT = {"width": 1100, "height": 720}


def save(page, name: str, **options) -> None:
    path = TARGET / f"quan-tri-{name}.png"
    page.screenshot(path=str(path), **options)
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    print(f"{path.relative_to(REPO)}: {path.stat().st_size // 1024} KB")


def main() -> int:
    from playwright.sync_api import sync_playwright

    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        sites = work / "sites"
        shutil.copytree(REPO / "sites", sites)
        picture = work / "Ảnh điện thoại" / "Đăng ký khai sinh lưu động.jpg"
        picture.parent.mkdir()
        shutil.copy(REPO / "sites" / "an-binh" / "images" / "ngay-hoi-bai-lang.jpg", picture)
        server = cms_editor.EditPreview(sites, work / "xem-thu")
        blocked: list[str] = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=cms_editor.CHROMIUM,
                                                     args=[*cms_editor.ARGS, "--lang=vi-VN"])
                context = cms_editor.offline_context(browser, blocked, viewport=VIEWPORT,
                                                     timezone_id="Asia/Ho_Chi_Minh")
                page = context.new_page()
                admin = server.url + "an-binh/quan-tri/"
                page.goto(admin)
                page.get_by_role("button", name="Đăng nhập").wait_for()
                save(page, "dang-nhap")
                cms_editor.sign_in(page, admin)
                save(page, "danh-sach")
                cms_editor.new_entry(page, admin, "news")
                cms_editor.field(page, "title").fill("Đăng ký khai sinh lưu động tại thôn Bãi Lạng")
                cms_editor.field(page, "date").fill("20/11/2026 09:30")
                cms_editor.choose(page, "category", "Cải cách hành chính")
                cms_editor.field(page, "author").fill("Phạm Thị Hoa")
                page.get_by_role("button", name="Chọn ảnh").first.click()
                page.locator(".ReactModalPortal input[type=file]").set_input_files(str(picture))
                use = page.get_by_role("button", name="Dùng tệp đã chọn")
                from playwright.sync_api import expect

                expect(use).to_be_enabled(timeout=30_000)
                save(page, "chon-anh")
                use.click()
                expect(use).to_have_count(0)
                cms_editor.field(page, "image_caption").fill("Cán bộ tư pháp xã trao giấy khai sinh cho người dân")
                cms_editor.write_body(page, "Sáng 20/11, Bộ phận Một cửa xã An Bình phối hợp với thôn Bãi Lạng "
                                            "đăng ký khai sinh lưu động cho 12 cháu.")
                page.locator("[id^=title-field]").first.scroll_into_view_if_needed()
                save(page, "viet-bai")
                cms_editor.publish(page)
                page.locator("#sitegen-published a").wait_for()  # "Đã đăng. Xem trên trang"
                save(page, "da-luu")
                slug = "dang-ky-khai-sinh-luu-dong-tai-thon-bai-lang"
                cms_editor.wait_for(lambda: server.get(f"/an-binh/tin-tuc/{slug}/")[0] == 200)
                page.goto(server.url + f"an-binh/tin-tuc/{slug}/")
                save(page, "xem-thu")
                document = picture.parent / "Quyết định 15.pdf"
                shutil.copy(next((REPO / "sites" / "an-binh" / "files").glob("*.pdf")), document)
                cms_editor.new_entry(page, admin, "document")
                cms_editor.field(page, "number").fill("15/QĐ-UBND")
                cms_editor.choose(page, "type", "Quyết định")
                cms_editor.field(page, "title").fill("Về việc ban hành Kế hoạch chuyển đổi số năm 2027")
                cms_editor.field(page, "issued").fill("12/11/2026")
                cms_editor.field(page, "signer").fill("Quách Văn Dũng")
                page.get_by_role("button", name="Thêm tệp văn bản").click()
                page.locator("[id^=title-field-]").last.fill("Bản có chữ ký")
                cms_editor.upload(page, "Chọn tệp", document)
                page.get_by_role("button", name="Thêm tệp văn bản").scroll_into_view_if_needed()
                save(page, "van-ban")
                # On a phone: the editor within the screen, the publish button on it.
                phone = cms_editor.offline_context(browser, blocked, viewport={"width": 360, "height": 740},
                                                   timezone_id="Asia/Ho_Chi_Minh", is_mobile=True, has_touch=True)
                page = phone.new_page()
                cms_editor.sign_in(page, admin)
                cms_editor.new_entry(page, admin, "news")
                cms_editor.field(page, "title").fill("Ra quân dọn vệ sinh môi trường")
                cms_editor.choose(page, "category", "Văn hóa - Xã hội")
                page.locator("[id^=title-field]").first.scroll_into_view_if_needed()
                save(page, "dien-thoai")
                browser.close()
        finally:
            server.stop()
        if blocked:
            print(f"requests left 127.0.0.1: {blocked}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
