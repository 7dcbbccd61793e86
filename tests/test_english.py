"""The site in English (Decree 42/2022, Art. 7), tried as the README builds a
portal: an editor writes pages/gioi-thieu.en.md beside pages/gioi-thieu.md,
the site's English name and the leaders' English positions; the site gets its
pages under en/ with <html lang="en">, hreflang links both ways, an English
menu and footer, an organisation page made from the staff files and a search
of its own, and the report says what English is still missing."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import ROOT_SITE, commune_site, front, news, need, write_tree
from sitegen.cli import main
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time
from sitegen.search.pagefind import pagefind_executable

REPO = Path(__file__).resolve().parents[1]
BASE = "https://huyenmau.example.vn/"
START = build_time("22/11/2026 10:00")

LEADERS = {
    "huyen-mau/staff/chu-tich.md": front(
        {"name": "Nguyễn Văn Chủ", "position": "Chủ tịch UBND huyện", "unit": "UBND", "order": 1, "leader": "true",
         "phone": "0218 3 000 001", "email": "chu@huyenmau.example.vn", "duties": "[Lãnh đạo chung]",
         "position_en": "Chairman of the District People's Committee", "unit_en": "People's Committee",
         "duties_en": "[General leadership]"}, "Sinh năm 1970."),
    "huyen-mau/staff/bi-thu.md": front(
        {"name": "Trần Văn Thư", "position": "Bí thư Huyện ủy", "unit": "Huyện ủy", "order": 1, "leader": "true",
         "phone": "0218 3 000 002", "duties": "[Lãnh đạo toàn diện]",
         "position_en": "Secretary of the District Party Committee", "duties_en": "[Overall leadership]"},
         "Sinh năm 1968."),
    "huyen-mau/staff/pho-chu-tich.md": front(
        {"name": "Lê Thị Phó", "position": "Phó Chủ tịch UBND huyện", "unit": "UBND", "order": 2, "leader": "true",
         "email": "pho@huyenmau.example.vn", "duties": "[Kinh tế]"}, "Sinh năm 1980."),
    "huyen-mau/staff/van-thu.md": front({"name": "Phạm Văn Văn", "position": "Văn thư", "unit": "Văn phòng"}),
}


def _portal() -> dict[str, str | bytes]:
    return {
        "huyen-mau/site.yaml": ROOT_SITE + "name_en: People's Committee of Mau District\n",
        "huyen-mau/news/tin.md": news("Tin huyện"),
        "huyen-mau/pages/gioi-thieu.md": front({"title": "Giới thiệu", "menu": 1, "topic": "introduction"},
                                               "Huyện Mẫu ở phía nam tỉnh."),
        "huyen-mau/pages/gioi-thieu.en.md": front({"title": "About Mau District", "menu": 1},
                                                  "Mau is a district in the south of the province."),
        "huyen-mau/pages/investment.md": front({"title": "Investment", "lang": "en"},
                                               "Land for investors. See [our leaders](/en/organisation/)."),
        **LEADERS,
        "xa-an/site.yaml": commune_site("An"),
        "xa-an/news/tin.md": news("Tin xã An"),
        "xa-an/pages/gioi-thieu.md": front({"title": "Giới thiệu xã An", "topic": "introduction"}, "Xã An."),
        "xa-an/staff/chu-tich.md": front({"name": "Đỗ Văn An", "position": "Chủ tịch UBND xã", "unit": "UBND",
                                          "leader": "true", "duties": "[Lãnh đạo chung]"}, "Sinh năm 1975."),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("english")
    sites = write_tree(folder / "sites", _portal())
    out = folder / "public"
    result = build(BuildSettings(sites, out, START, report=folder / "report"))
    assert result.errors == 0, [p.message("en") for p in result.problems]
    return out, json.loads((folder / "report" / "report.json").read_text(encoding="utf-8")), result


def _page(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">', html))


def _published(out: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return out / url[len(BASE):] / "index.html"


def test_the_english_twin_is_published_under_en_in_english(built):
    out, _report, _result = built
    html = unescape(_page(out, "en/gioi-thieu"))
    assert '<html lang="en">' in html and '<meta name="DC.language" content="en">' in html
    assert "About Mau District" in html and "Mau is a district" in html
    assert "People's Committee of Mau District" in html, "the English name heads the page"
    assert '<html lang="vi">' in _page(out, "gioi-thieu"), "the Vietnamese page stays Vietnamese"
    assert '<html lang="en">' in _page(out, "en/investment"), "lang: en makes a page English without a twin"


def test_twins_link_to_each_other_both_ways_and_to_real_pages(built):
    out, _report, _result = built
    vietnamese, english = _page(out, "gioi-thieu"), _page(out, "en/gioi-thieu")
    expected = {"vi": BASE + "gioi-thieu/", "en": BASE + "en/gioi-thieu/"}
    assert _alternates(vietnamese) == _alternates(english) == expected
    assert all(_published(out, url).is_file() for url in expected.values())
    assert '<a href="../en/gioi-thieu/" hreflang="en" lang="en">English</a>' in vietnamese
    assert '<a href="../../gioi-thieu/" hreflang="vi" lang="vi">Tiếng Việt</a>' in english
    home = _alternates(_page(out, ""))
    assert home == {"vi": BASE, "en": BASE + "en/"} and _alternates(_page(out, "en")) == home
    # A page without a translation names none, and its switch leads to the other language's home.
    alone = _page(out, "en/investment")
    assert _alternates(alone) == {}
    assert '<a href="../../" hreflang="vi" lang="vi">Tiếng Việt</a>' in alone
    assert '<a href="../en/" hreflang="en" lang="en">English</a>' in _page(out, "tin-tuc")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<loc>{BASE}en/gioi-thieu/</loc>' in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{BASE}en/gioi-thieu/"/>' in sitemap


def _menu(html: str) -> list[str]:
    nav = html[html.index('<nav class="menu"'):html.index("</nav>")]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav, re.S)]


def test_english_pages_have_an_english_menu_and_footer(built):
    out, _report, _result = built
    html = unescape(_page(out, "en/organisation"))
    assert _menu(html) == ["Home", "About Mau District", "Organisation and contacts", "Search"]
    footer = html[html.index('<footer'):]
    assert "Governing body:" in footer and "Cơ quan chủ quản" not in footer
    assert '<dd lang="vi">Ủy ban nhân dân huyện Mẫu</dd>' in footer, "Vietnamese names are marked so"
    assert 'href="../../en/"' not in html and 'href="../"' in html, "Home leads to the English home"
    vietnamese = _menu(_page(out, ""))
    assert "Trang nhất" in vietnamese and "About Mau District" not in vietnamese and "Home" not in vietnamese
    assert "Giới thiệu" in vietnamese


def test_the_organisation_page_lists_the_leaders_in_english_with_their_contacts(built):
    out, _report, _result = built
    html = unescape(_page(out, "en/organisation"))
    assert '<html lang="en">' in html and "data-pagefind-body" in html
    leaders = html[html.index('id="leaders"'):html.index('id="staff"')]
    names = re.findall(r'<h3 lang="vi">([^<]+)</h3>', leaders)
    assert names == ["Trần Văn Thư", "Nguyễn Văn Chủ", "Lê Thị Phó"], "protocol order, as the staff page"
    assert "Secretary of the District Party Committee" in leaders
    assert "Chairman of the District People's Committee" in leaders and "General leadership" in leaders
    assert 'href="tel:02183000001"' in leaders and "chu@huyenmau.example.vn" in leaders
    assert '<span lang="vi">Phó Chủ tịch UBND huyện</span>' in leaders, "no English position: the Vietnamese"
    staff = html[html.index('id="staff"'):]
    assert "Phạm Văn Văn" in staff and '<span lang="vi">Văn thư</span>' in staff
    assert "People's Committee of Mau District" in html and "0218 3 000 000" in html
    home = unescape(_page(out, "en"))
    assert "About Mau District" in home and "Investment" in home and "Organisation and contacts" in home


def test_a_site_with_no_english_has_no_english_pages(built):
    out, _report, _result = built
    assert not (out / "xa-an" / "en").exists()
    html = _page(out, "xa-an/gioi-thieu")
    assert 'hreflang=' not in html and ">English</a>" not in html


def test_search_stays_in_the_language_of_the_page(built):
    out, _report, _result = built
    need(pagefind_executable(), "Pagefind (pip install 'pagefind[bin]')")
    search = _page(out, "en/search")
    assert '<html lang="en">' in search and 'data-bundle="../../pagefind/en/"' in search
    assert "Search the English pages" in search
    assert 'data-bundle="../pagefind/"' in _page(out, "tim-kiem")
    english = json.loads((out / "pagefind" / "en" / "pagefind-entry.json").read_text(encoding="utf-8"))
    vietnamese = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(english["languages"]) == ["en"] and list(vietnamese["languages"]) == ["vi"]
    assert english["languages"]["en"]["page_count"] == 3, "the two English pages and the organisation"
    assert (out / "pagefind" / "en" / "pagefind.js").is_file(), "read alone: it has its own scripts"


def _english_lines(report: dict, slug: str) -> list[dict]:
    site = next(s for s in report["sites"] if s["slug"] == slug)
    return [p for p in site["problems"] if p.get("item") == "english"]


def test_the_report_says_what_english_is_missing(built):
    _out, report, _result = built
    commune = _english_lines(report, "xa-an")
    messages = " ".join(p["message"] for p in commune)
    assert len(commune) == 3
    assert "name_en: People's Committee of An Commune" in messages
    assert "pages/gioi-thieu.en.md" in messages
    leader = next(p for p in commune if p["path"].endswith("staff/chu-tich.md"))
    assert leader["line"] == 3 and "position_en, duties_en" in leader["message"]
    root = {Path(p["path"]).name: p for p in _english_lines(report, "huyen-mau")}
    assert sorted(root) == ["pho-chu-tich.md", "staff"], "the root has its English name and page"
    assert "Lê Thị Phó" in root["pho-chu-tich.md"]["message"]
    assert "position_en, duties_en" in root["pho-chu-tich.md"]["message"]
    assert "1" in root["staff"]["message"] and "Phạm Văn Văn" in root["staff"]["message"]
    assert "english" in next(s for s in report["sites"] if s["slug"] == "xa-an")["missing"]


def test_a_twin_without_a_vietnamese_original_is_fine_and_a_bad_lang_is_an_error(tmp_path, capsys):
    sites = write_tree(tmp_path / "sites", {
        "huyen-mau/site.yaml": ROOT_SITE,
        "huyen-mau/pages/contact.en.md": front({"title": "Contact us"}, "Phone us."),
        "huyen-mau/pages/gioi-thieu.md": front({"title": "Giới thiệu", "lang": "fr"}, "Huyện."),
    })
    assert main(["check", "--sites", str(sites), "--now", "22/11/2026 10:00"]) == 1
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "contact.en.md" not in said
    wrong = [line for line in said.splitlines() if "gioi-thieu.md" in line]
    assert len(wrong) == 1 and "gioi-thieu.md:3:1: lỗi:" in wrong[0] and "'fr'" in wrong[0], said
    assert "tiếng Anh (en)" in wrong[0]
    assert main(["check", "--sites", str(sites), "--now", "22/11/2026 10:00", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "a page is written in Vietnamese (vi) or English (en)" in captured.out + captured.err


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_incremental_equals_clean_after_adding_an_english_twin(tmp_path):
    files = _portal()
    for name in ("huyen-mau/pages/gioi-thieu.en.md", "huyen-mau/pages/investment.md"):
        del files[name]
    files["huyen-mau/site.yaml"] = ROOT_SITE
    sites = write_tree(tmp_path / "sites", files)
    steps = [
        ("an English twin", lambda: (sites / "huyen-mau/pages/gioi-thieu.en.md").write_text(
            front({"title": "About", "menu": 1}, "Mau."), encoding="utf-8")),
        ("the English name", lambda: (sites / "huyen-mau/site.yaml").write_text(
            ROOT_SITE + "name_en: People's Committee of Mau District\n", encoding="utf-8")),
        ("a commune's twin", lambda: (sites / "xa-an/pages/gioi-thieu.en.md").write_text(
            front({"title": "About An"}, "An."), encoding="utf-8")),
        ("an English position", lambda: (sites / "xa-an/staff/chu-tich.md").write_text(
            front({"name": "Đỗ Văn An", "position": "Chủ tịch UBND xã", "leader": "true",
                   "position_en": "Chairman"}, "Sinh năm 1975."), encoding="utf-8")),
        ("the twin gone", lambda: (sites / "huyen-mau/pages/gioi-thieu.en.md").unlink()),
    ]
    build(BuildSettings(sites, tmp_path / "inc", START, report=None))
    for done, step in steps:
        step()
        build(BuildSettings(sites, tmp_path / "inc", START, report=None))
        shutil.rmtree(tmp_path / "clean", ignore_errors=True)
        build(BuildSettings(sites, tmp_path / "clean", START, use_cache=False, workers=1, report=None))
        assert _tree(tmp_path / "inc") == _tree(tmp_path / "clean"), done
    assert (tmp_path / "inc" / "xa-an" / "en" / "gioi-thieu" / "index.html").is_file()


def test_the_english_pages_say_every_word_of_the_theme_in_english():
    """Every word base.html and the English templates show has its English (wording.yaml's en:)."""
    wording = yaml.safe_load((REPO / "themes/default/wording.yaml").read_text(encoding="utf-8"))
    templates = REPO / "themes/default/templates"
    used = set()
    for name in ("base.html", "en_home.html", "organisation.html", "en_search.html"):
        used |= set(re.findall(r"\bt\.([a-z_]+)\b", (templates / name).read_text(encoding="utf-8")))
    searching = (templates / "search.html").read_text(encoding="utf-8")  # what en_search.html keeps of it
    searching = re.sub(r"{% block (filters|listed) %}.*?{% endblock %}", "", searching, flags=re.S)
    used |= set(re.findall(r"\bt\.([a-z_]+)\b", searching))
    macros = (templates / "_macros.html").read_text(encoding="utf-8")
    person = macros[macros.index("macro person_in_english"):]
    used |= set(re.findall(r"\bt\.([a-z_]+)\b", person[:person.index("endmacro")]))
    used -= {"get"}
    assert sorted(key for key in used if key not in wording["en"]) == []
