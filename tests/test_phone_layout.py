"""The sample portal as a citizen sees it in Debian's headless Chromium
(driven by Playwright): on a 360-px phone no home page or section list holds
anything wider than the screen, and the procedure catalogue is a list of
cards, as the documents register is; staff e-mail addresses break only after
'@' or at a dot; on a 1280-px screen every site's main menu is one row; the
home's newest news show their lead pictures; the leaders' box of a home
follows the staff page's protocol order.

The sample (sites/) is built once for the module; which sites and sections
it has is read from what the build published, so the test holds for any
sample. Without Playwright or Chromium these tests are skipped, except under
CI (CI set), where a missing tool is a failure.
"""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import playwright_browser

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# The section lists every site may have: the top of each section, then the
# first page of each kind of list below it (a category, a tag, a type ...).
SECTION_LISTS = ("tin-tuc/", "chuyen-muc/", "the/", "can-bo/", "lich-cong-tac/", "thu-tuc/", "van-ban/",
                 "lay-y-kien/", "cong-khai/", "tiep-cong-dan/", "hoi-dap/", "don-vi/", "tin-co-so/", "tim-kiem/")
SUB_LISTS = ("chuyen-muc/", "the/", "van-ban/loai/", "van-ban/nam/", "van-ban/nhom/")

# Every element's right edge, but those clipped by an ancestor (overflow:
# hidden or clip, as visually hidden text is) and those inside a scrolling
# box that shows a hint that it scrolls (data-scroll-hint: the theme keeps
# none at present, so any element sticking out of a scrolling box counts).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const excused = (element) => {
    for (let up = element.parentElement; up && up !== document.documentElement; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (/hidden|clip/.test(style.overflowX)) { return true; }
      if (/auto|scroll/.test(style.overflowX)) { return up.hasAttribute("data-scroll-hint"); }
    }
    return false;
  };
  const outside = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if ((box.width === 0 && box.height === 0) || box.right <= width + 0.5 || excused(element)) { continue; }
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    outside.push(name + " (right edge " + Math.round(box.right) + "px): " + (element.textContent || "").trim().slice(0, 60));
  }
  return {scrollWidth: document.documentElement.scrollWidth, outside: outside};
}"""


def site_prefixes(out: Path) -> list[str]:
    """'' for the root, 'slug/' for every sub-site (each has its search page)."""
    return [""] + sorted(p.name + "/" for p in out.iterdir()
                         if p.is_dir() and (p / "tim-kiem" / "index.html").is_file())


def _first_list(folder: Path) -> str | None:
    names = sorted(p.name for p in folder.iterdir() if (p / "index.html").is_file()) if folder.is_dir() else []
    return names[0] + "/" if names else None


def list_pages(out: Path) -> list[str]:
    """Every site's home and section lists, as paths under out."""
    pages = []
    for prefix in site_prefixes(out):
        site = out / prefix
        pages.append(prefix)
        pages += [prefix + path for path in SECTION_LISTS if (site / path / "index.html").is_file()]
        for folder in SUB_LISTS:
            first = _first_list(site / folder)
            if first:
                pages.append(prefix + folder + first)
        if (site / "van-ban" / "nhom").is_dir():  # a disclosure section is grouped by period: each one
            pages += [prefix + f"van-ban/nhom/{p.name}/" for p in sorted((site / "van-ban" / "nhom").iterdir())
                      if (p / "index.html").is_file() and prefix + f"van-ban/nhom/{p.name}/" not in pages]
    return pages


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("phone-layout") / "public"
    sample_portal.build(out)
    return out


@pytest.fixture(scope="module")
def base_url(built):
    with sample_portal.serve(built) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_browser() as browser:
        yield browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    yield context.new_page()
    context.close()


def test_no_home_or_section_list_is_wider_than_a_phone(built, base_url, phone):
    pages = list_pages(built)
    assert len(site_prefixes(built)) >= 3 and "thu-tuc/" in pages and "van-ban/" in pages, pages
    problems = []
    for path in pages:
        response = phone.goto(base_url + path, wait_until="load")
        assert response is not None and response.ok, path
        found = phone.evaluate(OVERFLOW)
        if found["scrollWidth"] > PHONE["width"]:
            problems.append(f"/{path}: the page is {found['scrollWidth']}px wide")
        problems += [f"/{path}: {entry}" for entry in found["outside"][:5]]
    assert not problems, "wider than a 360-px screen:\n" + "\n".join(problems)


def test_the_procedure_catalogue_is_cards_on_a_phone(built, base_url, phone):
    """Each procedure a card: its title first and bold, its code, level and online
    service labelled beneath, all inside the screen; no column headers shown."""
    catalogues = [prefix + "thu-tuc/" for prefix in site_prefixes(built)
                  if "<table" in (built / prefix / "thu-tuc" / "index.html").read_text(encoding="utf-8")]
    assert catalogues
    for path in catalogues:
        phone.goto(base_url + path, wait_until="load")
        cards = phone.evaluate("""() => Array.from(document.querySelectorAll('table.procedures tbody tr')).map(row => {
          const title = row.querySelector('td.title').getBoundingClientRect();
          const cells = Array.from(row.querySelectorAll('td:not(.title)')).filter(td => td.offsetHeight > 0);
          return {title: title.top, width: row.getBoundingClientRect().width,
                  below: cells.every(td => td.getBoundingClientRect().top >= title.bottom - 1),
                  labels: cells.map(td => getComputedStyle(td, '::before').content),
                  weight: getComputedStyle(row.querySelector('td.title')).fontWeight};
        })""")
        headers = phone.evaluate("() => Array.from(document.querySelectorAll('table.procedures thead'))"
                                 ".map(h => h.getBoundingClientRect().height)")
        assert cards, path
        for card in cards:
            assert card["below"] and int(card["weight"]) >= 600, (path, card)
            assert card["width"] <= PHONE["width"] and all(label.endswith(': "') for label in card["labels"]), (path, card)
            assert any("Mã thủ tục" in label for label in card["labels"]), (path, card)
        assert all(height <= 1 for height in headers), path


# Each character's line box: a line may end only after '@' or a dot of an address.
BREAKS = """(link) => {
  const chars = [];
  const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box) { chars.push([node.data[i], Math.round(box.top)]); }
    }
  }
  const breaks = [];
  for (let i = 1; i < chars.length; i++) {
    if (chars[i][1] > chars[i - 1][1] + 2) { breaks.push(chars.slice(0, i).map(c => c[0]).join("")); }
  }
  return {text: chars.map(c => c[0]).join(""), breaks: breaks,
          right: link.getBoundingClientRect().right};
}"""


@pytest.mark.parametrize("width", [320, 360])
def test_an_email_address_breaks_only_after_at_or_a_dot(built, base_url, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 740}, locale="vi-VN")
    page = context.new_page()
    seen, broken, wrong = 0, 0, []
    try:
        for prefix in site_prefixes(built):
            if not (built / prefix / "can-bo" / "index.html").is_file():
                continue
            page.goto(base_url + prefix + "can-bo/", wait_until="load")
            for link in page.query_selector_all('.person-card a[href^="mailto:"]'):
                found = link.evaluate(BREAKS)
                seen += 1
                assert found["text"] == unescape(link.get_attribute("href"))[len("mailto:"):]
                broken += bool(found["breaks"])
                wrong += [f"/{prefix}can-bo/: {found['text']} breaks after {before!r}"
                          for before in found["breaks"] if not before.endswith(("@", "."))]
                assert found["right"] <= width, found
    finally:
        context.close()
    assert seen >= 5 and broken, "no address needed to break: the test proves nothing"
    assert not wrong, "\n".join(wrong)


def test_the_main_menu_is_one_row_at_1280(built, base_url, browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    rows = {}
    try:
        for prefix in site_prefixes(built):
            page.goto(base_url + prefix, wait_until="load")
            tops = page.evaluate("() => Array.from(document.querySelectorAll('.menu-toggle > ul > li'))"
                                 ".map(li => Math.round(li.getBoundingClientRect().top))")
            assert len(tops) >= 5, prefix
            rows[prefix or "/"] = sorted(set(tops))
    finally:
        context.close()
    assert all(len(tops) == 1 for tops in rows.values()), rows


def _cards(html: str, heading_id: str) -> list[str]:
    section = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    return re.findall(r'<article class="card">.*?</article>', section.group(1), re.S) if section else []


def test_the_newest_news_cards_show_their_lead_pictures(built):
    """A card of 'Tin mới nhất' whose article has a lead picture shows it: alt
    text, lazy, width and height set (no layout jump), sizes for the card."""
    with_picture = 0
    for prefix in site_prefixes(built):
        home = (built / prefix / "index.html").read_text(encoding="utf-8")
        for card in _cards(home, "moi-nhat"):
            href = re.search(r'class="card-title"><a href="([^"]+)"', card).group(1)
            article = (built / prefix / href / "index.html").read_text(encoding="utf-8")
            lead = re.search(r'<figure class="lead-image">.*?<img ([^>]*)>', article, re.S)
            image = re.search(r"<img ([^>]*)>", card)
            if lead is None:
                assert image is None, (prefix, href)
                continue
            with_picture += 1
            assert image is not None, f"/{prefix}: the card of {href} has no picture"
            attributes = image.group(1)
            assert re.search(r'\balt="[^"]+"', attributes) and 'loading="lazy"' in attributes, attributes
            assert re.search(r'\bwidth="\d+"', attributes) and re.search(r'\bheight="\d+"', attributes), attributes
            assert re.search(r'\bsizes="[^"]+"', attributes) and 'class="card-image"' in attributes, attributes
    assert with_picture, "no newest article of the sample has a lead picture: the test proves nothing"


def _names(html: str, pattern: str) -> list[str]:
    return [unescape(name) for name in re.findall(pattern, html, re.S)]


def test_the_leaders_box_follows_the_staff_pages_order(built):
    checked = 0
    for prefix in site_prefixes(built):
        home = (built / prefix / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<section aria-labelledby="lanh-dao".*?</section>', home, re.S)
        if not box:
            continue
        leaders = _names(box.group(0), r'<li><a href="[^"]+">([^<]+)</a>')
        staff = _names((built / prefix / "can-bo" / "index.html").read_text(encoding="utf-8"),
                       r'<h3><a href="[^"]+">([^<]+)</a></h3>')
        in_order = [name for name in staff if name in leaders]
        assert leaders == in_order[:len(leaders)], (prefix, leaders, in_order)
        checked += 1
    assert checked >= 2


def test_a_pages_menu_title_leaves_out_the_sites_own_name():
    """What lets a commune's menu fit: 'Giới thiệu xã An Bình' is 'Giới thiệu' in the
    menu of xã An Bình (the header names the site), the title alone is kept."""
    from sitegen.content.records import SiteConfig
    from sitegen.portal.model import _menu_title

    commune = SiteConfig(slug="an-binh", name="Trang thông tin điện tử xã An Bình", kind="commune",
                         short_name="An Bình")
    assert _menu_title("Giới thiệu xã An Bình", commune) == "Giới thiệu"
    assert _menu_title("Liên hệ - An Bình", commune) == "Liên hệ"
    assert _menu_title("Giới thiệu phường Hòa Bình", commune) == "Giới thiệu phường Hòa Bình"
    assert _menu_title("xã An Bình", commune) == "xã An Bình" and _menu_title("An Bình", commune) == "An Bình"
