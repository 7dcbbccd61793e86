"""Receiving citizens (tiếp công dân): every site has tiep-cong-dan/, made
from its schedule's `kind: reception` sessions, reachable from the main menu
beside "Công khai" and "Lấy ý kiến dự thảo", in the sitemap, the search and a
calendar of its own; a site with none says so, and the report names it.

The sample portal is built as the README says (python build.py build), at
the tests' clock (Sunday 22/11/2026): xã An Bình held a session on Thursday
19/11 and holds the next on Thursday 26/11; the district's is on 24/11;
phường Hòa Bình has published none.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, front, need, strip_tags, write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402

COMMUNE = sample_portal.COMMUNE


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reception") / "public"
    sample_portal.build(out)
    return out


def _html(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def _main(html: str) -> str:
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def _text(html: str) -> str:
    return re.sub(r" ([,.)])", r"\1", " ".join(unescape(strip_tags(html)).split()))


def _sections(html: str) -> dict[str, str]:
    """Each section of the reception page by its heading's id."""
    return dict(re.findall(r'<section aria-labelledby="([^"]+)">(.*?)</section>', html, re.S))


def test_the_page_lists_sessions_to_come_and_those_held_with_who_when_and_where(sample):
    html = _html(sample, f"{COMMUNE}/tiep-cong-dan")
    main = _text(_main(html))
    assert "<h1>Lịch tiếp công dân</h1>" in html
    sections = _sections(html)
    upcoming, recent = _text(sections["tiep-sap-toi"]), _text(sections["tiep-da-dien-ra"])
    assert "Thứ Năm, 26/11/2026 07:30" in upcoming and "19/11/2026" not in upcoming
    assert "Thứ Năm, 19/11/2026 07:30" in recent and "26/11/2026" not in recent
    for text in (upcoming, recent):
        assert "Người tiếp: Đinh Văn Thành - Chủ tịch UBND xã" in text
        assert "Địa điểm: Phòng Tiếp công dân, UBND xã An Bình" in text
    assert "Thôn Bãi Lạng, xã An Bình" in main and "0218 3 875 106" in main, "where to ask otherwise"
    # Each session links its own page in the schedule, which names who receives.
    event = re.search(r'<h3><a href="([^"]+)">', sections["tiep-sap-toi"]).group(1)
    page = (sample / COMMUNE / "tiep-cong-dan" / event / "index.html").resolve().read_text(encoding="utf-8")
    assert "Tiếp công dân</span>" in page and "<dt>Người tiếp:</dt>" in page and "<dt>Chủ trì:</dt>" not in page


def test_only_reception_sessions_are_listed(sample):
    main = _text(_main(_html(sample, "tiep-cong-dan")))
    assert "Thứ Ba, 24/11/2026 14:00" in main and "Trụ sở Tiếp công dân tỉnh" in main
    assert "Nguyễn Thành Mạnh - Chủ tịch UBND tỉnh" in main
    assert "Giao ban" not in main and "Hội nghị" not in main


def test_a_site_without_sessions_says_so_and_the_report_names_it(sample):
    main = _text(_main(_html(sample, "hoa-binh/tiep-cong-dan")))
    assert "chưa đăng lịch tiếp công dân nào" in main
    assert "Người tiếp" not in main
    report = json.loads((sample.parent / "report" / "report.json").read_text(encoding="utf-8"))
    codes = {site["slug"]: {p["code"] for p in site["problems"]} for site in report["sites"]}
    assert "no-reception" in codes["hoa-binh"]
    assert "no-reception" not in codes[COMMUNE] and "no-reception" not in codes["phu-tho"]
    problem = next(p for site in report["sites"] if site["slug"] == "hoa-binh" for p in site["problems"]
                   if p["code"] == "no-reception")
    assert "kind: reception" in problem["message"]


def _menu(html: str) -> str:
    return re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)


def test_every_page_reaches_it_from_the_main_menu_beside_the_public_information_and_the_drafts(sample):
    """On every site, its home and its other pages: one group of the main menu
    holds the three, each leading to a published page."""
    checked = 0
    for prefix in ("", f"{COMMUNE}/", "hoa-binh/", "lac-thuy/", "phu-thanh/"):
        for path in ("", "tin-tuc/", "thu-tuc/"):
            page = sample / prefix / path / "index.html"
            group = re.search(r'<li class="menu-group"><details><summary>Công dân</summary>(.*?)</details>',
                              _menu(page.read_text(encoding="utf-8")), re.S)
            assert group, f"/{prefix}{path}: no group in the main menu"
            links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', group.group(1))
            assert [title for _href, title in links] == ["Công khai", "Lấy ý kiến dự thảo", "Tiếp công dân"]
            for href, _title in links:
                assert (page.parent / href / "index.html").resolve().is_file(), f"/{prefix}{path}: {href}"
            checked += 1
    assert checked == 15
    reception = _menu(_html(sample, f"{COMMUNE}/tiep-cong-dan"))
    assert '<a href="./" aria-current="page">Tiếp công dân</a>' in reception


def test_the_home_page_names_the_next_session(sample):
    home = _html(sample, COMMUNE)
    box = re.search(r'<section aria-labelledby="lich-tuan".*?</section>', home, re.S).group(0)
    text = _text(box)
    assert "Tiếp công dân: Thứ Năm, 26/11/2026 07:30, Phòng Tiếp công dân, UBND xã An Bình" in text
    assert 'href="tiep-cong-dan/">Lịch tiếp công dân</a>' in box


def _calendar(path: Path) -> str:
    """An iCalendar file's text, its folded lines joined."""
    return path.read_bytes().decode("utf-8").replace("\r\n ", "")


def test_it_is_in_the_sitemap_the_search_and_a_calendar_of_its_own(sample):
    sitemap = (sample / COMMUNE / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://phutho.gov.vn/an-binh/tiep-cong-dan/</loc>" in sitemap
    assert "data-pagefind-body" in _html(sample, f"{COMMUNE}/tiep-cong-dan")
    unfolded = _calendar(sample / COMMUNE / "tiep-cong-dan" / "lich.ics")
    assert unfolded.count("BEGIN:VEVENT") == 2 and "DTSTART;TZID=Asia/Ho_Chi_Minh:20261126T073000" in unfolded
    assert "X-WR-CALNAME:Lịch tiếp công dân - Trang thông tin điện tử xã An Bình" in unfolded
    assert "CATEGORIES:Tiếp công dân" in unfolded and "Người tiếp: Đinh Văn Thành" in unfolded
    week = _calendar(sample / COMMUNE / "lich-cong-tac" / "lich.ics")
    assert week.count("BEGIN:VEVENT") > 2, "the sessions stay in the whole schedule's calendar too"
    assert 'href="lich.ics">Thêm lịch tiếp công dân vào điện thoại' in _html(sample, f"{COMMUNE}/tiep-cong-dan")


def test_the_search_finds_the_page_without_diacritics(sample):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python (pip install playwright)")
    chrome = sample_portal.chromium()
    need(chrome, "Chromium (apt-get install chromium)")
    with sample_portal.serve(sample) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=sample_portal.PLAYWRIGHT_ARGS)
        try:
            page = browser.new_page(viewport=sample_portal.VIEWPORTS["phone"])
            page.goto(url + f"{COMMUNE}/tim-kiem/")
            page.fill("#search-query", "lich tiep cong dan")
            page.press("#search-query", "Enter")
            page.wait_for_function("document.getElementById('search-status').textContent.length > 0 && "
                                   "!document.getElementById('search-status').textContent.startsWith('Đang')",
                                   timeout=20_000)
            hrefs = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
        finally:
            browser.close()
    assert any(href.endswith(f"/{COMMUNE}/tiep-cong-dan/") for href in hrefs), hrefs


def test_an_editor_writes_a_session_in_words_and_check_knows_the_kind(tmp_path, capsys):
    from sitegen.cli import main

    sites = write_tree(tmp_path / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/schedule/tiep.md": front({"title": "Tiếp công dân", "start": "26/11/2026 08:00",
                                         "kind": "tiếp công dân", "chair": "Trần Văn Bình - Phó Chủ tịch"}),
        "huyen/schedule/sai.md": front({"title": "Tiếp dân", "start": "27/11/2026 08:00", "kind": "tiep dn"}),
    })
    assert main(["check", "--sites", str(sites)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"sai\.md:4:\d+: lỗi: 'kind' không nhận giá trị 'tiep dn'\. .*reception", err), err
    out = tmp_path / "public"
    assert main(["build", "--sites", str(sites), "--out", str(out), "--now", "22/11/2026 10:00"]) == 1
    assert "Trần Văn Bình - Phó Chủ tịch" in _html(out, "tiep-cong-dan")


def _portal() -> dict[str, str]:
    return {
        "huyen/site.yaml": ROOT_SITE,
        "xa/site.yaml": commune_site("Một", parent="huyen"),
        "xa/schedule/tuan.yaml": "events:\n"
                                 "  - title: Tiếp công dân định kỳ\n    start: 2026-11-24 08:00\n"
                                 "    chair: Nguyễn Văn A - Chủ tịch UBND xã\n    kind: reception\n"
                                 "  - title: Giao ban\n    start: 2026-11-23 08:00\n    kind: meeting\n",
    }


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_session_moves_to_those_held_when_its_day_is_over_and_incremental_equals_clean(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "inc"
    start = build_time("22/11/2026 10:00")
    first = build(BuildSettings(sites, out, start))
    assert first.next_change is not None and first.next_change <= build_time("25/11/2026 00:00")
    assert "Lịch tiếp sắp tới" in _html(out, "xa/tiep-cong-dan")
    assert '<section aria-labelledby="tiep-da-dien-ra">' not in _html(out, "xa/tiep-cong-dan")
    for now, held in ((build_time("24/11/2026 16:00"), False), (build_time("25/11/2026 00:01"), True)):
        build(BuildSettings(sites, out, now))
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        build(BuildSettings(sites, clean, now, use_cache=False, workers=1))
        assert _tree(out) == _tree(clean), now
        page = _sections(_html(out, "xa/tiep-cong-dan"))
        assert ("Thứ Ba, 24/11/2026 08:00" in page.get("tiep-da-dien-ra", "")) == held, now
        assert ("Thứ Ba, 24/11/2026 08:00" in page["tiep-sap-toi"]) == (not held), now
    # An edit to the session reaches the page.
    path = sites / "xa" / "schedule" / "tuan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-11-24 08:00", "2026-11-26 14:00"),
                    encoding="utf-8")
    later = build_time("25/11/2026 09:00")
    build(BuildSettings(sites, out, later))
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(BuildSettings(sites, clean, later, use_cache=False, workers=1))
    assert _tree(out) == _tree(clean)
    assert "Thứ Năm, 26/11/2026 14:00" in _sections(_html(out, "xa/tiep-cong-dan"))["tiep-sap-toi"]
