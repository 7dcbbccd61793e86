"""Print and save (Decree 42/2022/NĐ-CP, Art. 7): under the title of every
article (and fixed page, procedure, document, event and question) an
"In / Lưu" control that works without any script opens how to print the page
or save it as a PDF, on a computer and on a phone; the browser's own print
then gives the print style sheet's paper: no menu, no search, the page's
address and its date under the title, pictures within an A4 page.

The sample portal is built as the README says (python build.py build) and
looked at in Debian's headless Chromium (Playwright).
"""

from __future__ import annotations

import io
import re
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import need, playwright_browser, strip_tags

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402

A4_POINTS = (595.28, 841.89)
PRINTABLE = round(180 / 25.4 * 96)  # A4's width less the style sheet's 15-mm margins, in CSS pixels
PICTURE_HEIGHT = 9 / 2.54 * 96  # pictures stand at most 9 cm high on paper
SECTIONS = ("tin-tuc", "thu-tuc", "van-ban", "hoi-dap", "lich-cong-tac/su-kien")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("print") / "public"
    sample_portal.build(out)
    return out


def _articles(out: Path) -> list[Path]:
    """Every article page of every site (not the lists)."""
    return [page for page in sorted(out.glob("**/tin-tuc/*/index.html"))
            if not re.fullmatch(r"trang-\d+", page.parent.name) and "en" not in page.relative_to(out).parts]


def _pictured(out: Path) -> str:
    """The path (under out) of the sample's article with the most pictures."""
    best = max(_articles(out), key=lambda p: p.read_text(encoding="utf-8").split("<main")[1].count("<img"))
    return best.parent.relative_to(out).as_posix() + "/"


def _text(html: str) -> str:
    return " ".join(unescape(strip_tags(html)).split())


def _canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


def test_every_article_has_in_luu_under_its_title_with_how_to_print_or_save(built):
    articles = _articles(built)
    assert len(articles) > 20
    for page in articles:
        html = page.read_text(encoding="utf-8")
        under = re.search(r"</h1>\s*<p class=\"article-date\">.*?</p>\s*(<details class=\"print-save\".*?</details>)"
                          r"\s*<p class=\"print-only page-url\"[^>]*>(.*?)</p>", html, re.S)
        assert under, page
        help_text = _text(under.group(1))
        assert help_text.startswith("In / Lưu") and "Ctrl + P" in help_text and "Chia sẻ" in help_text
        assert "Lưu dưới dạng PDF" in help_text
        assert _text(under.group(2)) == f"Địa chỉ trang: {_canonical(html)}"
        assert "data-pagefind-ignore" in under.group(0), "the help is no search result"


def test_the_other_pages_a_citizen_prints_have_it_too(built):
    for section in SECTIONS[1:]:
        pages = sorted((built / sample_portal.COMMUNE).glob(f"{section}/*/index.html"))
        pages = [p for p in pages if re.fullmatch(r"[a-z0-9-]+", p.parent.name) and p.parent.name not in
                 ("loai", "nam", "nhom") and not re.fullmatch(r"trang-\d+|\d{4}-tuan-\d+", p.parent.name)]
        assert pages, section
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert re.search(r'</h1>.{0,600}?<details class="print-save"', html, re.S), page
    page = (built / sample_portal.COMMUNE / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'</h1>\s*<details class="print-save"', page), "a fixed page"


@pytest.fixture(scope="module")
def browser():
    with playwright_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def base_url(built):
    with sample_portal.serve(built) as url:
        yield url


def test_on_a_phone_without_script_in_luu_opens_how_to_print_or_save(browser, base_url, built):
    context = browser.new_context(viewport=sample_portal.VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + _pictured(built))
        control = page.get_by_role("group").filter(has_text="In / Lưu")
        steps = page.get_by_text("Chia sẻ rồi In")
        assert page.get_by_text("In / Lưu").is_visible() and not steps.is_visible()
        assert page.get_by_text("In / Lưu").bounding_box()["height"] >= 44, "a target a thumb finds"
        page.get_by_text("In / Lưu").click()
        assert steps.is_visible() and control.get_by_text("Ctrl + P").is_visible()
        assert not page.locator(".page-url").is_visible(), "the address is for the paper"
        wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wider <= 0, f"the open help is {wider}px wider than a phone"
    finally:
        context.close()


def _printed_layout(page) -> dict:
    return page.evaluate("""() => {
      const box = (selector) => { const e = document.querySelector(selector);
        return e ? e.getBoundingClientRect().toJSON() : null; };
      const shown = (selector) => Array.from(document.querySelectorAll(selector))
        .some(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
      return {
        h1: box('main h1'), date: box('.article-date'), url: box('.page-url'),
        urlText: (document.querySelector('.page-url') || {}).textContent,
        menu: shown('nav.menu'), search: shown('a[href$="tim-kiem/"]'), save: shown('.print-save'),
        rate: shown('aside.rate'),
        pictures: Array.from(document.querySelectorAll('main img')).map(i => i.getBoundingClientRect().toJSON()),
        width: document.documentElement.scrollWidth,
      };
    }""")


def test_printed_there_is_no_menu_nor_search_and_the_address_and_date_are_under_the_title(
        browser, base_url, built):
    path = _pictured(built)
    canonical = _canonical((built / path / "index.html").read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": PRINTABLE, "height": 1000})
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        page.get_by_text("In / Lưu").click()  # opened or not, it is not printed
        page.emulate_media(media="print")
        found = _printed_layout(page)
    finally:
        context.close()
    assert not found["menu"] and not found["search"], "the menu and the search are not printed"
    assert not found["save"] and not found["rate"], "nor the help and the rating form"
    assert found["urlText"].strip() == f"Địa chỉ trang: {canonical}"
    assert found["h1"]["bottom"] <= found["date"]["top"] <= found["url"]["top"], found
    assert found["url"]["top"] - found["h1"]["bottom"] < 120, "right under the title"
    assert found["width"] <= PRINTABLE, "nothing wider than A4"
    assert found["pictures"], "the article has pictures: the test proves something"
    for picture in found["pictures"]:
        assert picture["width"] <= PRINTABLE + 0.5 and picture["height"] <= PICTURE_HEIGHT + 0.5, picture


def test_it_prints_on_a4_with_the_article_its_address_and_date_and_nothing_else(browser, base_url, built):
    try:
        import pypdf
    except ImportError:
        need(False, "pypdf (pip install pypdf)")
    path = _pictured(built)
    html = (built / path / "index.html").read_text(encoding="utf-8")
    date = _text(re.search(r'<p class="article-date">(.*?)</p>', html, re.S).group(1))
    title = _text(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))
    context = browser.new_context(viewport=sample_portal.VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    finally:
        context.close()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 4, f"{len(reader.pages)} pages"
    for number, sheet in enumerate(reader.pages, 1):
        size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
        assert all(abs(a - b) < 2 for a, b in zip(size, A4_POINTS)), f"page {number} is {size} pt, not A4"
    text = " ".join((sheet.extract_text() or "") for sheet in reader.pages)
    flat = " ".join(text.split())
    assert title in flat and date in flat
    assert _canonical(html) in re.sub(r"\s+", "", text), "the article's address, written out"
    assert flat.index(date) < flat.index("Địa chỉ trang") < flat.index(_text(
        re.search(r'<div class="prose">(.*?)</p>', html, re.S).group(1))[:30]), "address and date before the text"
    for word in ("Trình đơn", "Tìm kiếm", "In / Lưu", "Ctrl + P", "Đánh giá thông tin", "Tin cùng chuyên mục"):
        assert word not in flat, f"{word!r} printed"
