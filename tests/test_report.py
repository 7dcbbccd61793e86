"""The webmaster's report, tried as a new user would: a portal where one commune
has published nothing, one has not updated for months and one lacks its
leaders' biographies. Each problem is named, by site and by item, in the JSON
and in the HTML; the complete site scores highest."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, front, news, procedure, write_tree
from sitegen.portal.read import read_portal
from sitegen.report.make import check_folder, report, write_for_build
from sitegen.content.dates import LOCAL_TZ
from sitegen.report.analyse import analyse
from sitegen.report.errors import ReportError, RequiredError
from sitegen.report.model import CODES
from sitegen.report.required import load_required
from sitegen.report.write import print_table, write_report

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=LOCAL_TZ)  # a Sunday: this week is 16–22/11/2026
CONTACTS = "address: Thôn Một, xã {name}\nphone: 0218 3 000 111\nemail: xa@huyenmau.example.vn\n" \
           "name_en: People's Committee of {name} Commune\n"
TOPICS = {"gioi-thieu": "introduction", "co-cau-to-chuc": "organisation", "ban-do": "map",
          "dieu-kien-tu-nhien": "nature", "lich-su": "history", "di-tich": "heritage",
          "lien-he": "contact"}


def complete_site(slug: str, name: str, *, news_date: str = "2026-11-20 08:00",
                  event_start: str = "2026-11-18 08:00", leader_bio: bool = True,
                  site_name: str | None = None) -> dict[str, str | bytes]:
    """A commune site with every required item, current unless told otherwise."""
    site_yaml = commune_site(name, extra=CONTACTS.format(name=name))
    if site_name is not None:
        site_yaml = site_yaml.replace(f"name: Trang thông tin điện tử xã {name}", f"name: {site_name}", 1)
    files: dict[str, str | bytes] = {
        f"{slug}/site.yaml": site_yaml,
        f"{slug}/news/tin-moi.md": news(f"Tin của xã {name}", news_date),
        f"{slug}/schedule/giao-ban.md": front({"title": "Giao ban", "start": event_start,
                                                "kind": "meeting"}),
        f"{slug}/schedule/tiep-dan.md": front({"title": "Tiếp công dân định kỳ", "start": "2026-11-26 07:30",
                                               "kind": "reception", "chair": "Nguyễn Văn Chủ - Chủ tịch UBND xã"}),
        f"{slug}/procedures/khai-sinh.md": procedure("1.001193", "Đăng ký khai sinh"),
        f"{slug}/staff/chu-tich.md": front(
            {"name": "Nguyễn Văn Chủ", "position": "Chủ tịch UBND xã", "unit": "UBND", "order": 1,
             "leader": "true", "duties": "[Lãnh đạo chung]", "position_en": "Chairman",
             "duties_en": "[General leadership]"},
            "Sinh năm 1975, cử nhân luật." if leader_bio else ""),
        f"{slug}/staff/pho-chu-tich.md": front(
            {"name": "Trần Thị Phó", "position": "Phó Chủ tịch UBND xã", "unit": "UBND", "order": 2,
             "leader": "true", "duties": "[Kinh tế]", "position_en": "Vice Chairwoman", "duties_en": "[Economy]"},
            "Sinh năm 1980." if leader_bio else ""),
        f"{slug}/staff/van-thu.md": front({"name": "Lê Văn Thư", "position": "Văn thư", "unit": "UBND",
                                           "position_en": "Clerk"}),
        f"{slug}/documents/ngan-sach-quy-3.md": front(
            {"number": "12/BC-UBND", "type": "Báo cáo", "issued": "10/10/2026", "section": "budget",
             "period": "Quý III/2026", "title": "Công khai ngân sách quý III năm 2026"},
            "Tổng thu đạt 78% dự toán."),
    }
    for page, topic in TOPICS.items():
        files[f"{slug}/pages/{page}.md"] = front({"title": page.replace("-", " ").title(),
                                                  "topic": topic}, "Nội dung.")
    files[f"{slug}/pages/gioi-thieu.en.md"] = front({"title": "About"}, "The commune.")  # Decree 42, Art. 7
    return files


HEAVY = b"\xff\xd8\xff\xe0" + b"\0" * 400_000

PORTAL: dict[str, str | bytes] = {
    "huyen-mau/site.yaml": ROOT_SITE,
    "huyen-mau/news/2026-11-21-tin.md": news(
        "Tin huyện", "2026-11-21 08:00",
        body="Xem [trang xã Đầy Đủ](/xa-day-du/) và [lịch](/lich-cong-tac/)."),
    "huyen-mau/procedures/ket-hon.md": procedure("1.000894", "Đăng ký kết hôn", "Nộp hồ sơ tại xã."),
    **complete_site("xa-day-du", "Đầy Đủ"),
    "xa-trong/site.yaml": commune_site("Trống"),
    **complete_site("xa-cu", "Cũ", news_date="2026-06-01 08:00", event_start="2026-11-24 08:00"),
    **complete_site("xa-thieu", "Thiếu", leader_bio=False),
    "xa-loi/site.yaml": commune_site("Lỗi", extra="menu:\n  - {title: Giới thiệu, url: /gioi-thieu-xa/}\n")
    .replace("name: Trang thông tin điện tử xã Lỗi", "name: Xã <script>alert(1)</script> Lỗi", 1),
    "xa-loi/news/2026-11-19-tin.md": news(
        "Tin có lỗi", "2026-11-19 08:00", image="images/nang.jpg",
        body="Đoạn đầu.\n\n![](images/nang.jpg)\n\nXem [trang không có](/khong-co-trang/)."),
    "xa-loi/news/2026-11-18-ngay-sai.md": news("Ngày sai", "31/02/2026 08:00"),
    "xa-loi/images/nang.jpg": HEAVY,
}


@pytest.fixture(scope="module")
def portal_dir(tmp_path_factory) -> Path:
    return write_tree(tmp_path_factory.mktemp("portal") / "sites", PORTAL)


@pytest.fixture(scope="module")
def made(portal_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("out") / "report"
    result = report(portal_dir, folder, NOW)
    return result, folder


def codes(site) -> list[str]:
    return [p.code for p in site.problems]


def items(site) -> set[str]:
    return {p.item for p in site.problems if p.code == "missing-required"}


def card(html: str, slug: str) -> str:
    start = html.index(f'id="trang-{slug}"')
    end = html.find("<article", start)
    return html[start:end if end > 0 else len(html)]


# What the report finds


def test_empty_site_is_named_empty_and_scores_very_low(made):
    result, _folder = made
    empty = result.site("xa-trong")
    assert codes(empty)[0] == "empty"
    assert {"stale-news", "no-schedule-this-week", "no-staff"} <= set(codes(empty))
    assert empty.score <= 10
    assert empty.last_news is None


def test_stale_site_is_named_stale_with_its_last_news(made):
    result, _folder = made
    stale = result.site("xa-cu")
    assert "stale-news" in codes(stale)
    assert stale.last_news == date(2026, 6, 1)
    message = stale.of("stale-news")[0].text()
    assert "01/06/2026" in message and "ngày" in message
    # The week's schedule was put up ahead (next week's, at the weekend): not behind on that.
    assert "no-schedule-this-week" not in codes(stale)
    assert "empty" not in codes(stale)


def test_leaders_without_biography_are_named_by_item_and_person(made):
    result, _folder = made
    lacking = result.site("xa-thieu")
    found = [p for p in lacking.problems if p.code == "missing-required"]
    assert {p.item for p in found} == {"leader-biography"}
    assert len(found) == 2  # one per leader, each with the file to open
    assert {Path(p.path).name for p in found} == {"chu-tich.md", "pho-chu-tich.md"}
    assert all(p.line for p in found)
    assert "Nguyễn Văn Chủ" in " ".join(p.text() for p in found)
    assert lacking.missing == ("leader-biography",)
    # The build's own warning says the same: it is not listed twice.
    assert not [p for p in lacking.problems if p.code == "content-error"]


def test_complete_site_scores_highest_and_has_no_problem(made):
    result, _folder = made
    complete = result.site("xa-day-du")
    assert complete.problems == ()
    assert complete.score == 100
    assert all(site.score < complete.score for site in result.sites if site.slug != "xa-day-du")
    assert result.site("xa-cu").score > result.site("xa-trong").score


def test_sites_are_sorted_worst_first(made):
    result, _folder = made
    scores = [s.score for s in result.sites]
    assert scores == sorted(scores)
    assert result.sites[0].slug == "xa-trong"  # among equal scores, the site that published nothing


def test_missing_topics_and_contact_details_are_named(made):
    result, _folder = made
    empty = result.site("xa-trong")
    assert items(empty) == {"introduction", "organisation", "map", "nature", "history", "heritage",
                            "contact", "leader-biography", "leader-duties", "contact-details", "english"}
    # Procedures written on the district for communes count as the commune's catalogue.
    assert "procedures" not in items(empty)
    details = next(p for p in empty.problems if p.item == "contact-details")
    assert "address" in details.text() and "email" in details.text()
    assert details.path.endswith("xa-trong/site.yaml")


def test_links_pictures_and_content_errors(made):
    result, _folder = made
    broken = result.site("xa-loi")
    found = set(codes(broken))
    assert {"content-error", "broken-link", "image-no-alt", "image-too-heavy"} <= found
    links = broken.of("broken-link")
    assert any("/khong-co-trang/" in p.text() and p.path.endswith("2026-11-19-tin.md") and p.line
               for p in links)
    menu = [p for p in links if p.path.endswith("site.yaml")]
    assert menu and "/gioi-thieu-xa/" in menu[0].text() and menu[0].line == 7
    alt = broken.of("image-no-alt")
    assert len(alt) == 2  # in the body, and the lead picture without a caption
    assert any("image_caption" in p.text() for p in alt)
    heavy = broken.of("image-too-heavy")[0]
    assert heavy.path.endswith("images/nang.jpg") and "300 KB" in heavy.text()
    errors = broken.of("content-error")
    assert any(p.path.endswith("2026-11-18-ngay-sai.md") and p.line for p in errors)
    # A link from the district to a commune's page is a good link.
    assert "broken-link" not in codes(result.site("huyen-mau"))


def test_months_are_the_last_twelve_ending_now(made):
    result, _folder = made
    months = result.site("xa-day-du").months
    assert len(months) == 12
    assert months[0][0] == "2025-12" and months[-1] == ("2026-11", 1)
    assert dict(result.site("xa-cu").months)["2026-06"] == 1


# report.json


def test_report_json_has_the_promised_shape(made):
    _result, folder = made
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert set(data) == {"generated", "sites"}
    assert datetime.fromisoformat(data["generated"]) == NOW
    slugs = [s["slug"] for s in data["sites"]]
    assert set(slugs) == {"huyen-mau", "xa-day-du", "xa-trong", "xa-cu", "xa-thieu", "xa-loi"}
    scores = [s["score"] for s in data["sites"]]
    assert scores == sorted(scores) and slugs[0] == "xa-trong"
    for site in data["sites"]:
        assert {"slug", "name", "score", "last_news", "problems"} <= set(site)
        assert isinstance(site["score"], int) and 0 <= site["score"] <= 100
        assert site["last_news"] is None or date.fromisoformat(site["last_news"])
        for found in site["problems"]:
            assert {"code", "message"} <= set(found) <= {"code", "message", "item", "path", "line"}
            assert found["code"] in CODES
            assert ("item" in found) == (found["code"] == "missing-required")
    by_slug = {s["slug"]: s for s in data["sites"]}
    assert by_slug["xa-trong"]["problems"][0]["code"] == "empty"
    assert "stale-news" in [p["code"] for p in by_slug["xa-cu"]["problems"]]
    assert by_slug["xa-cu"]["last_news"] == "2026-06-01"
    assert {"code": "missing-required", "item": "leader-biography"}.items() <= \
        by_slug["xa-thieu"]["problems"][0].items()
    assert by_slug["xa-day-du"]["problems"] == []
    assert by_slug["xa-loi"]["name"] == "Xã <script>alert(1)</script> Lỗi"  # JSON keeps it as written


def test_report_json_is_utf8_not_escaped(made):
    _result, folder = made
    text = (folder / "report.json").read_text(encoding="utf-8")
    assert "Trang thông tin điện tử xã Trống" in text and "\\u" not in text


# index.html


def test_html_names_each_problem_in_vietnamese(made):
    _result, folder = made
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in html and 'name="viewport"' in html
    empty = card(html, "xa-trong")
    assert "Trang trống" in empty and "chưa đăng nội dung nào" in empty
    assert "Bản đồ địa giới hành chính" in empty and "Di tích, danh thắng" in empty
    stale = card(html, "xa-cu")
    assert "Tin cũ" in stale and "01/06/2026" in stale
    lacking = card(html, "xa-thieu")
    assert "Lý lịch tóm tắt của lãnh đạo" in lacking and "Thiếu mục bắt buộc" in lacking
    complete = card(html, "xa-day-du")
    assert "không có vấn đề nào" in complete and "100" in complete and "Tốt" in complete
    # Worst first on the page too.
    assert html.index('id="trang-xa-trong"') < html.index('id="trang-xa-day-du"')


def test_html_has_no_script_and_escapes_editors_text(made):
    _result, folder = made
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//(?!lacthuy|huyenmau)""", html.replace(
        "https://huyenmau.example.vn/", ""))  # no outside resource is loaded
    assert "<link" not in html and "@import" not in html


def test_html_chart_is_inline_svg_with_the_numbers(made):
    _result, folder = made
    html = (folder / "index.html").read_text(encoding="utf-8")
    stale = card(html, "xa-cu")
    assert "<svg" in stale and 'role="img"' in stale
    assert "tháng 06/2026: 1 tin" in stale and "Tháng 11/2026: 0 tin" in stale


# The terminal


def test_table_fits_100_columns_worst_first(made):
    result, _folder = made
    stream = io.StringIO()
    print_table(result, stream, "vi")
    lines = stream.getvalue().splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert lines[2].startswith("xa-trong")
    assert any(line.startswith("xa-day-du") and " 100 " in line for line in lines)
    english = io.StringIO()
    print_table(result, english, "en")
    assert "Score" in english.getvalue() and "published nothing" in english.getvalue()


# Writing


def test_write_keeps_other_files_and_leaves_no_temporary(portal_dir, tmp_path):
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("giữ nguyên", encoding="utf-8")
    result = report(portal_dir, folder, NOW)
    write_report(result, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["ghi-chu.txt", "index.html", "report.json"]


def test_report_folder_must_not_be_inside_output_or_sites(portal_dir, tmp_path):
    portal, problems = read_portal(portal_dir, NOW)
    out = tmp_path / "public"
    with pytest.raises(ReportError):
        write_for_build(portal, problems, out / "report", NOW, out=out, sites=portal_dir)
    with pytest.raises(ReportError):
        check_folder(portal_dir / "report", sites=portal_dir)
    result = write_for_build(portal, problems, tmp_path / "report", NOW, out=out, sites=portal_dir)
    assert (tmp_path / "report" / "report.json").is_file() and not out.exists()
    assert result.site("xa-thieu").missing == ("leader-biography",)


# The required items


def test_own_required_file_changes_items_and_thresholds(portal_dir, tmp_path):
    own = tmp_path / "bat-buoc.yaml"
    own.write_text("thresholds:\n  stale_news_days: 400\nitems:\n"
                   "  - id: map\n    label: Bản đồ\n    check: page\n    kinds: [xã]\n",
                   encoding="utf-8")
    result = report(portal_dir, tmp_path / "r", NOW, required=own)
    assert "stale-news" not in codes(result.site("xa-cu"))
    assert items(result.site("xa-trong")) == {"map"}
    assert items(result.site("xa-thieu")) == set()
    assert "missing-required" not in codes(result.site("huyen-mau"))  # a district: not asked for a map


@pytest.mark.parametrize("text, word", [
    ("items:\n  - id: x\n    check: bogus\n", "bogus"),
    ("items:\n  - id: bando\n    check: page\n", "bando"),
    ("thresholds:\n  stale_days: 3\n", "stale_days"),
    ("score:\n  penalties:\n    stale-news: many\n", "stale-news"),
    ("items: [\n", "YAML"),
])
def test_bad_required_file_is_refused_with_the_key(tmp_path, text, word):
    own = tmp_path / "bat-buoc.yaml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(RequiredError) as caught:
        load_required(own)
    assert word in caught.value.message("vi") and word in caught.value.message("en")


def test_defaults_ship_with_every_topic():
    required = load_required()
    assert [i.id for i in required.items] == [
        "introduction", "organisation", "map", "nature", "history", "heritage", "contact",
        "leader-biography", "leader-duties", "procedures", "contact-details", "english"]
    assert required.stale_news_days == 30 and required.image_max_kb == 300


# Edge cases


def test_schedule_of_next_week_counts_only_at_the_weekend(portal_dir):
    wednesday = datetime(2026, 11, 18, 10, 0, tzinfo=LOCAL_TZ)
    # On Wednesday 18/11, xa-cu's only event (24/11) is next week's: no schedule this week.
    portal, problems = read_portal(portal_dir, wednesday)
    result = analyse(portal, problems, wednesday)
    assert "no-schedule-this-week" in codes(result.site("xa-cu"))
    assert "no-schedule-this-week" not in codes(result.site("xa-day-du"))


def test_folder_that_is_not_a_site_gets_a_row(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        "huyen-mau/site.yaml": ROOT_SITE,
        "xa-hong/site.yaml": "name: Xã Hỏng\nkind: xã\nparent: [huyen-mau\n",
        "xa-quen/news/tin.md": news("Tin", "2026-11-20 08:00"),
    })
    result = report(sites, tmp_path / "report", NOW)
    for slug in ("xa-hong", "xa-quen"):
        row = result.site(slug)
        assert not row.built and row.score == 0
        assert codes(row)[0] == "empty" and "content-error" in codes(row)
    assert "site.yaml" in result.site("xa-quen").of("content-error")[0].text()


def test_portal_without_sites_still_writes_a_report(tmp_path):
    (tmp_path / "sites").mkdir()
    result = report(tmp_path / "sites", tmp_path / "report", NOW)
    assert result.sites == ()
    data = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    assert data["sites"] == []


# The real command, once the command line knows it


def _help(*args: str) -> str:
    done = subprocess.run([sys.executable, "build.py", *args, "--help"], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")
    return done.stdout


def test_report_command_as_a_new_user_runs_it(portal_dir, tmp_path):
    assert re.search(r"^\s+report\b", _help(), re.M), "--help names the report command"
    folder = tmp_path / "bao-cao"
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "report", "--sites", str(portal_dir), "--report",
         str(folder), "--now", "22/11/2026 10:00"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert "xa-trong" in done.stdout and all(len(line) <= 100 for line in done.stdout.splitlines()
                                             if line.startswith("xa-"))
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    by_slug = {s["slug"]: s for s in data["sites"]}
    assert data["sites"][0]["slug"] == "xa-trong"
    assert by_slug["xa-trong"]["problems"][0]["code"] == "empty"
    assert "stale-news" in [p["code"] for p in by_slug["xa-cu"]["problems"]]
    assert any(p.get("item") == "leader-biography" for p in by_slug["xa-thieu"]["problems"])
    assert max(s["score"] for s in data["sites"]) == by_slug["xa-day-du"]["score"]
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "Lý lịch tóm tắt của lãnh đạo" in html


def test_report_command_default_folder_and_bad_required_file(portal_dir, tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "report", "--sites", str(portal_dir),
                           "--now", "22/11/2026 10:00"], cwd=tmp_path, capture_output=True, text=True,
                          encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report" / "index.html").is_file()
    assert "--required" in _help("report")
    bad = tmp_path / "bad.yaml"
    bad.write_text("items:\n  - id: x\n    check: bogus\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "report", "--sites",
                           str(portal_dir), "--required", str(bad)], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 2 and "bogus" in done.stderr


def test_build_writes_the_same_report_beside_the_output(portal_dir, tmp_path):
    assert "--report" in _help("build")
    out = tmp_path / "public"
    folder = tmp_path / "report"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--sites", str(portal_dir),
                           "--out", str(out), "--report", str(folder), "--now", "22/11/2026 10:00"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr  # xa-loi has a content error
    assert (out / "index.html").is_file()
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert data["sites"][0]["slug"] == "xa-trong"
    assert not list(out.rglob("report.json"))  # never inside the public site


def test_every_problem_code_is_explained_for_the_webmaster():
    """Each code report.json can carry has its row (meaning, remedy) in docs/bao-cao.md."""
    guide = (ROOT / "docs" / "bao-cao.md").read_text(encoding="utf-8")
    assert [code for code in CODES if f"| `{code}` |" not in guide] == []
