"""Search as a citizen on a phone uses it: in headless Chromium, typing
without diacritics finds Vietnamese text, on a commune site and portal-wide
from the parent; without JavaScript the page still leads somewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402


def _need_browser():
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        reason = "Playwright for Python is missing: run .ci/run"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    if not Path(sample_portal.CHROMIUM).exists():
        reason = "chromium is missing: run .ci/run"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("search") / "public"
    sample_portal.build(out)
    with sample_portal.serve(out) as url:
        yield url, out


@pytest.fixture(scope="module")
def phone(site_url):
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=sample_portal.CHROMIUM,
                                             args=sample_portal.PLAYWRIGHT_ARGS)
        page = browser.new_page(viewport=sample_portal.VIEWPORTS["phone"])
        yield page
        browser.close()


def _search(page, url: str, query: str) -> str:
    page.goto(url)
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0 && "
                           "!document.getElementById('search-status').textContent.startsWith('Đang')",
                           timeout=20_000)
    return page.inner_text("#search-results")


def test_commune_search_without_diacritics(phone, site_url):
    base, _out = site_url
    results = _search(phone, base + "an-binh/tim-kiem/", "dang ky khai sinh")
    assert "Đăng ký khai sinh" in results
    results = _search(phone, base + "an-binh/tim-kiem/", "duong")
    assert "làm đường giao thông" in results


def test_words_inside_a_documents_pdf_find_the_document(phone, site_url):
    """The phrase is only in the PDF of decision 1856, not in its Markdown."""
    base, _out = site_url
    results = _search(phone, base + "tim-kiem/", "thiet bi bay khong nguoi lai")
    assert "Kế hoạch chuyển đổi số huyện Lạc Thủy năm 2027" in results.split("\n")[0]
    links = phone.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    assert any("/van-ban/1856-qd-ubnd/" in link for link in links), links


def test_parent_searches_its_sub_sites_too(phone, site_url):
    base, _out = site_url
    results = _search(phone, base + "tim-kiem/", "duong giao thong")
    assert "An Bình ra quân làm đường giao thông nông thôn" in results
    links = phone.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    assert any("/an-binh/tin-tuc/an-binh-ra-quan" in link for link in links), links


def test_procedures_can_be_filtered_by_field_and_level(phone, site_url):
    base, _out = site_url
    everything = _search(phone, base + "tim-kiem/", "dang ky")
    assert "Đăng ký khai sinh" in everything and "hộ kinh doanh" in everything.lower()
    labels = phone.inner_text("#search-filters")
    assert "Lĩnh vực" in labels and "Cấp thực hiện" in labels
    phone.select_option("#loc-linh-vuc", label="Hộ tịch")
    phone.wait_for_function("!document.getElementById('search-status').textContent.startsWith('Đang')")
    phone.wait_for_timeout(300)
    civil = phone.inner_text("#search-results")
    assert "Đăng ký khai sinh" in civil and "hộ kinh doanh" not in civil.lower()
    phone.select_option("#loc-linh-vuc", index=0)
    phone.select_option("#loc-cap", label="Cấp huyện")
    phone.wait_for_timeout(800)
    district = phone.inner_text("#search-results")
    assert "hộ kinh doanh" in district.lower() and "Đăng ký khai sinh" not in district


def test_without_javascript_the_page_lists_procedures_a_to_z(site_url):
    _base, out = site_url
    html = (out / "an-binh" / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert 'id="search-form"' in html and "hidden" in html.split('id="search-form"')[1][:200]
    assert "Đăng ký khai sinh" in html and "../thu-tuc/1-001193/" in html
    assert 'href="../tin-tuc/"' in html
    assert (out / "an-binh" / "pagefind" / "pagefind.js").is_file()
    assert (out / "pagefind" / "pagefind.js").is_file()
