"""Search as a citizen on a phone uses it: in headless Chromium, typing
without diacritics finds Vietnamese text, on a commune site and portal-wide
from the parent; without JavaScript the page still leads somewhere."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import need

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402


def _need_browser():
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        need(False, "Playwright for Python")
    need(Path(sample_portal.CHROMIUM).exists(), "chromium")


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
    assert "Kế hoạch chuyển đổi số tỉnh Phú Thọ năm 2027" in results.split("\n")[0]
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
    attesting = _search(phone, base + "tim-kiem/", "chung thuc")  # one by a Sở, one by the commune
    assert "chữ ký người dịch" in attesting and "bản sao" in attesting
    phone.select_option("#loc-cap", label="Cấp tỉnh")
    phone.wait_for_timeout(800)
    province = phone.inner_text("#search-results")
    assert "chữ ký người dịch" in province and "bản sao" not in province


def test_without_javascript_the_page_lists_procedures_a_to_z(site_url):
    _base, out = site_url
    html = (out / "an-binh" / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert 'id="search-form"' in html and "hidden" in html.split('id="search-form"')[1][:200]
    assert "Đăng ký khai sinh" in html and "../thu-tuc/1-001193/" in html
    assert 'href="../tin-tuc/"' in html
    assert (out / "an-binh" / "pagefind" / "pagefind.js").is_file()
    assert (out / "pagefind" / "pagefind.js").is_file()


# A commune with five years of news: its index is split into shards -----------

def _big_commune() -> dict[str, str]:
    """400 articles over 2022–2026, enough for two groups of years: 2022–2023
    in a shard, 2024–2026 in the core with the one procedure; 'sinh' only in
    the procedure and in two articles of 2025, 'khai' in every article
    ('triển khai')."""
    from conftest import ROOT_SITE, commune_site, front, news

    files = {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/procedures/ks.md": front({"code": "1.001193", "title": "Đăng ký khai sinh", "field": "Hộ tịch",
                                         "level": "commune"}, "## Trình tự\n\nNộp tờ khai tại Bộ phận Một cửa."),
        "huyen/pages/gioi-thieu.md": front({"title": "Giới thiệu", "menu": 1}, "Huyện miền núi."),
        "xa-lon/site.yaml": commune_site("Lớn", parent="huyen"),
    }
    special = {(2022, 7): ("Khánh thành cầu treo Nà Lừa", "Cây cầu nối hai bản."),
               (2026, 3): ("Lễ hội hoa ban Mường Lát", "Du khách về dự lễ hội."),
               (2025, 5): ("Hướng dẫn đăng ký khai sinh trực tuyến", "Cha mẹ đăng ký khai sinh cho trẻ."),
               (2025, 9): ("Tuyên truyền khai sinh đúng hạn", "Khai sinh cho trẻ trong 60 ngày.")}
    for year in range(2022, 2027):
        for number in range(80):
            title, body = special.get((year, number), (f"Xã Lớn triển khai kế hoạch số {number} năm {year}",
                                                       f"Ủy ban xã triển khai nhiệm vụ thứ {number}."))
            files[f"xa-lon/news/{year}-{number:02d}.md"] = news(
                title, f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d} 08:00", body=body)
    return files


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    from conftest import write_tree
    from sitegen.commands.build import BuildSettings, build
    from sitegen.content.dates import build_time

    folder = tmp_path_factory.mktemp("shards")
    sites = write_tree(folder / "sites", _big_commune())
    build(BuildSettings(sites, folder / "public", build_time(sample_portal.NOW), report=None))
    with sample_portal.serve(folder / "public") as url:
        yield url, folder / "public"


def _found(page) -> tuple[str, list[str]]:
    """The status and links once every search started has ended (typing starts
    one after a pause, Enter another)."""
    page.wait_for_timeout(400)
    page.wait_for_function("!document.getElementById('search-status').textContent.startsWith('Đang')",
                           timeout=20_000)
    links = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    return page.inner_text("#search-status"), links


def test_a_large_sites_index_is_in_shards_and_its_search_page_finds_every_one(phone, big_site):
    url, out = big_site
    index = out / "xa-lon" / "pagefind"
    assert sorted(p.name for p in index.iterdir() if p.is_dir()) == ["fragment", "index", "tin-tuc-2022"], \
        "2024–2026 join the one procedure in the core"
    page = url + "xa-lon/tim-kiem/"
    assert "Khánh thành cầu treo Nà Lừa" in _search(phone, page, "cau treo na lua"), "an article of the oldest shard"
    assert "Lễ hội hoa ban Mường Lát" in _search(phone, page, "hoa ban muong lat"), "one of the newest shard"
    assert "Đăng ký khai sinh" in _search(phone, page, "dang ky khai sinh").split("\n")[0:6:2], "a procedure, in the core"
    parent = _search(phone, url + "tim-kiem/", "cau treo na lua")
    assert "Khánh thành cầu treo Nà Lừa" in parent, "the district's search merges the commune's shards"


def test_a_word_one_shard_lacks_does_not_flood_the_results(phone, big_site):
    """'sinh' is in the procedure and two articles of 2025, all in the core;
    one index would find these three pages with both words. The shard of
    2022–2023, without 'sinh', must not answer with its 160 articles about
    'triển khai'."""
    url, _out = big_site
    results = _search(phone, url + "xa-lon/tim-kiem/", "khai sinh")
    status, links = _found(phone)
    assert status == "Tìm thấy 3 kết quả.", status
    assert "Hướng dẫn đăng ký khai sinh trực tuyến" in results and "Tuyên truyền khai sinh đúng hạn" in results
    assert sum("/thu-tuc/" in link for link in links) == 1
