"""A whole portal built as a webmaster would: the output tree, every item
reachable, no broken link, inheritance and aggregation, and the exit status."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT_SITE, broken_links, citizen_pages, commune_site, front, news, procedure, reachable
from sitegen.render.theme import Theme

STYLE = Theme.load().assets["style.css"]  # named by its content

ROOT = Path(__file__).resolve().parent.parent

PORTAL = {
    "huyen-mau/site.yaml": ROOT_SITE,
    "huyen-mau/news/2026-11-10-hoi-nghi.md": news(
        "Hội nghị chuyển đổi số", category="Chuyển đổi số", tags="[một cửa, VNeID]",
        author="Thùy An", image="images/anh.jpg", image_caption="Quang cảnh hội nghị",
        body="Đoạn mở đầu.\n\n## Đảng ủy chỉ đạo\n\n![Ảnh hội trường](images/anh.jpg)\n\n"
             "Tải [tờ khai](files/to-khai.pdf)."),
    "huyen-mau/news/2026-11-01-tin-cu.md": news("Tin cũ hơn", "01/11/2026 07:30", category="Chuyển đổi số"),
    "huyen-mau/news/dang-doan-the.md": news("Tin Đảng", "2026-10-01 09:00", category="Đảng - Đoàn thể"),
    "huyen-mau/images/anh.jpg": b"\xff\xd8\xff\xe0fakejpeg",
    "huyen-mau/files/to-khai.pdf": b"%PDF-1.4 fake",
    "huyen-mau/staff/nguyen-van-a.md": front(
        {"name": "Nguyễn Văn A", "position": "Chủ tịch UBND huyện", "unit": "Ủy ban nhân dân",
         "order": 1, "leader": "true", "duties": "[Lãnh đạo chung]"}, "Sinh năm 1970."),
    "huyen-mau/staff/tran-thi-b.md": front(
        {"name": "Trần Thị B", "position": "Bí thư Huyện ủy", "unit": "Huyện ủy", "order": 1}),
    "huyen-mau/schedule/tuan.yaml": """\
events:
  - title: Họp giao ban
    start: 2026-11-16 08:00
    end: 2026-11-16 10:00
    location: Phòng họp số 1
    kind: meeting
  - title: Tiếp công dân định kỳ
    start: 2026-11-18 14:00
    cancelled: true
""",
    "huyen-mau/procedures/khai-sinh.md": procedure(
        "1.001193", "Đăng ký khai sinh", online="full", forms="[{title: Tờ khai, file: files/to-khai.pdf}]"),
    "huyen-mau/procedures/ket-hon.md": procedure("1.000894", "Đăng ký kết hôn", "Nộp hồ sơ tại xã."),
    "huyen-mau/procedures/ho-kinh-doanh.md": procedure("2.000720", "Đăng ký hộ kinh doanh", "Nộp tại huyện.",
                                                       field="Kinh doanh", level="district"),
    "huyen-mau/pages/gioi-thieu.md": front({"title": "Giới thiệu", "menu": 1, "topic": "introduction"},
                                           "Huyện Mẫu."),
    "xa-an/site.yaml": commune_site("An"),
    "xa-an/news/2026-11-05-tin-xa.md": news("Tin xã An gửi huyện", "2026-11-05 10:00", to_parent="true"),
    "xa-an/news/2026-11-06-tin-rieng.md": news("Tin riêng của xã An", "2026-11-06 10:00"),
    "xa-an/procedures/khai-sinh.md": procedure("1.001193", "Đăng ký khai sinh tại xã An", "Làm tại trụ sở xã An."),
    "xa-binh/site.yaml": commune_site("Bình", extra="base_url: https://xabinh.example.vn/\n"),
    "xa-binh/news/2026-11-07-tin.md": news("Tin xã Bình", "2026-11-07 10:00", to_parent="true"),
}


@pytest.fixture
def portal(build_portal):
    return build_portal(PORTAL)


def test_clean_build_exits_zero_and_summarises(portal):
    assert portal.code == 0, portal.stderr
    summary = portal.stdout.splitlines()[-2]  # the last line names the webmaster's report
    assert re.match(r"Đã dựng 3 trang thông tin: \d+ trang web, \d+ tệp RSS/lịch, \d+ tệp ảnh và đính kèm "
                    r"vào '.*'; 0 cảnh báo, 0 lỗi; [\d.]+ giây\.$", summary), summary


def test_output_tree_root_and_sub_sites(portal):
    out = portal.out
    assert (out / "index.html").is_file()
    assert (out / "xa-an" / "index.html").is_file()
    assert (out / "xa-binh" / "index.html").is_file()
    assert [p.name for p in (out / "xa-an" / "assets").glob("style.*.css")] == [STYLE]
    for site in ("", "xa-an/", "xa-binh/"):
        for name in ("rss.xml", "atom.xml", "sitemap.xml", "robots.txt", "404.html",
                     "lich-cong-tac/lich.ics"):
            assert (out / f"{site}{name}").is_file(), f"{site}{name}"


def test_no_broken_internal_link_or_asset(portal):
    assert broken_links(portal.out) == []


def test_every_item_reachable_from_its_home(portal):
    out = portal.out.resolve()
    seen = reachable(out, out / "index.html", out)
    expected = [
        "tin-tuc/hoi-nghi-chuyen-doi-so/index.html", "tin-tuc/tin-cu-hon/index.html",
        "tin-tuc/tin-dang/index.html", "can-bo/nguyen-van-a/index.html", "can-bo/tran-thi-b/index.html",
        "thu-tuc/1-001193/index.html", "thu-tuc/2-000720/index.html", "gioi-thieu/index.html",
        "images/anh.jpg", "files/to-khai.pdf",
    ]
    for relative in expected:
        assert out / relative in seen, relative
    events = list((out / "lich-cong-tac" / "su-kien").glob("*/index.html"))
    assert len(events) == 2 and all(e in seen for e in events)
    an = out / "xa-an"
    seen_an = reachable(out, an / "index.html", an)
    assert an / "tin-tuc/tin-xa-an-gui-huyen/index.html" in seen_an
    assert an / "tin-tuc/tin-rieng-cua-xa-an/index.html" in seen_an
    assert an / "thu-tuc/1-001193/index.html" in seen_an
    assert an / "thu-tuc/1-000894/index.html" in seen_an


def test_links_inside_a_site_are_relative_so_it_can_be_served_alone(portal):
    home = portal.page("xa-an/")
    assert 'href="tin-tuc/"' in home
    article = portal.page("xa-an/tin-tuc/tin-rieng-cua-xa-an/")
    assert f'href="../../assets/{STYLE}"' in article
    # A site with its own domain links to its parent absolutely.
    own = portal.page("xa-binh/")
    assert 'href="https://huyenmau.example.vn/"' in own


def test_canonical_links_use_base_url(portal):
    assert '<link rel="canonical" href="https://huyenmau.example.vn/xa-an/tin-tuc/tin-rieng-cua-xa-an/">' \
        in portal.page("xa-an/tin-tuc/tin-rieng-cua-xa-an/")
    assert '<link rel="canonical" href="https://xabinh.example.vn/">' in portal.page("xa-binh/")


def test_parent_home_shows_children_news_and_sub_sites(portal):
    home = portal.page("")
    assert "Tin xã An gửi huyện" in home
    assert "Tin xã Bình" in home
    assert "Tin riêng của xã An" not in home
    assert 'href="xa-an/tin-tuc/tin-xa-an-gui-huyen/"' in home
    # The site with its own domain is linked at its domain.
    assert 'href="https://xabinh.example.vn/tin-tuc/tin-xa-binh/"' in home
    subsites = portal.page("don-vi/")
    assert "Trang thông tin điện tử xã An" in subsites and "Trang thông tin điện tử xã Bình" in subsites


def test_procedures_inherit_down_and_local_file_wins(portal):
    an = portal.out / "xa-an" / "thu-tuc"
    own = (an / "1-001193" / "index.html").read_text(encoding="utf-8")
    assert "Đăng ký khai sinh tại xã An" in own and "Làm tại trụ sở xã An" in own
    inherited = (an / "1-000894" / "index.html").read_text(encoding="utf-8")
    assert "Đăng ký kết hôn" in inherited and "Nộp hồ sơ tại xã" in inherited
    assert not (an / "2-000720").exists(), "a district-level procedure is not a commune's"
    binh = portal.out / "xa-binh" / "thu-tuc"
    inherited_form = (binh / "1-001193" / "index.html").read_text(encoding="utf-8")
    # The form lives in the parent's folder; xa-binh has its own domain, so the link is absolute.
    assert 'href="https://huyenmau.example.vn/files/to-khai.pdf"' in inherited_form
    catalogue = portal.page("thu-tuc/")
    for title in ("Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký hộ kinh doanh"):
        assert title in catalogue


def test_article_page_has_the_furniture_citizens_expect(portal):
    page = portal.page("tin-tuc/hoi-nghi-chuyen-doi-so/")
    assert "Thứ Ba, 10/11/2026 08:00" in page
    assert "Thùy An" in page
    assert 'href="../../chuyen-muc/chuyen-doi-so/"' in page
    assert 'href="../../the/mot-cua/"' in page
    assert "Quang cảnh hội nghị" in page
    assert '<figure><img alt="Ảnh hội trường" src="../../images/anh.jpg"' in page
    assert 'id="dang-uy-chi-dao"' in page  # heading anchors: 'Đ' becomes 'd'
    assert "Tin cũ hơn" in page  # older / related
    assert "Trang nhất" in page  # breadcrumb


def test_category_slug_is_ascii(portal):
    assert (portal.out / "chuyen-muc" / "dang-doan-the" / "index.html").is_file()
    assert "Tin Đảng" in portal.page("chuyen-muc/dang-doan-the/")


def test_week_schedule_by_weekday_with_cancelled_marked(portal):
    week = portal.page("lich-cong-tac/")
    assert "Thứ Hai, 16/11/2026" in week and "Chủ Nhật, 22/11/2026" in week
    assert "Họp giao ban" in week
    assert "Tiếp công dân định kỳ" in week and "Đã hoãn" in week
    assert "Sáng" in week and "Chiều" in week
    home = portal.page("")
    assert 'href="lich-cong-tac/2026-tuan-47/"' in home


def test_staff_grouped_by_unit_party_first(portal):
    staff = portal.page("can-bo/")
    assert '<h2 id="unit-1">Huyện ủy</h2>' in staff
    assert '<h2 id="unit-2">Ủy ban nhân dân</h2>' in staff
    profile = portal.page("can-bo/nguyen-van-a/")
    assert "Lãnh đạo chung" in profile and "Sinh năm 1970." in profile


def test_footer_names_the_responsible_body(portal):
    home = portal.page("")
    for text in ("Ủy ban nhân dân huyện Mẫu", "Trần Văn Bình - Phó Chủ tịch UBND huyện",
                 "Giấy phép số 1/GP-TTĐT", "Thị trấn Mẫu, huyện Mẫu", "0218 3 000 000",
                 "bbt@huyenmau.example.vn"):
        assert text in home


def test_every_page_is_vietnamese_html5_with_viewport_and_feed_autodiscovery(portal):
    for page in citizen_pages(portal.out):
        html = page.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>\n<html lang=\"vi\">"), page
        assert 'name="viewport"' in html, page
        assert 'type="application/rss+xml"' in html, page


def test_the_command_line_as_a_user_runs_it(tmp_path):
    sites = tmp_path / "sites"
    from conftest import write_tree

    write_tree(sites, {"huyen-mau/site.yaml": ROOT_SITE,
                       "huyen-mau/news/bad.md": "---\ntitle: [không đóng\n---\nx\n",
                       "huyen-mau/news/good.md": news("Tin tốt")})
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--sites", str(sites),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.md:2" in result.stderr
    assert (tmp_path / "out" / "tin-tuc" / "tin-tot" / "index.html").is_file()
    usage = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--bogus"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert usage.returncode == 2
    unknown_site = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--sites", str(sites),
                                   "--out", str(tmp_path / "out"), "--site", "xa-khong-co"],
                                  capture_output=True, text=True, cwd=tmp_path)
    assert unknown_site.returncode == 2 and "xa-khong-co" in unknown_site.stderr
    assert "huyen-mau" in unknown_site.stderr, "the message lists the sites there are"
    help_text = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert help_text.returncode == 0 and "build" in help_text.stdout and "check" in help_text.stdout


def test_sample_portal_builds_cleanly(tmp_path, capsys):
    from sitegen.cli import main

    code = main(["build", "--sites", str(ROOT / "sites"), "--out", str(tmp_path / "out"),
                 "--now", "22/11/2026 10:00"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert broken_links(tmp_path / "out") == []


def test_the_sample_is_a_province_with_communes_and_a_ward_and_its_build_warns_of_nothing(tmp_path):
    """The README's sample, built as the README builds it (today's date), is what local government
    has been since 1 July 2025: a province over communes and wards, no district, no town."""
    out, report = tmp_path / "out", tmp_path / "report"
    done = subprocess.run([sys.executable, "build.py", "build", "--out", str(out), "--report", str(report)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "0 cảnh báo, 0 lỗi" in done.stdout + done.stderr, done.stderr
    sites = json.loads((report / "report.json").read_text(encoding="utf-8"))["sites"]
    kinds = {site["slug"]: site["kind"] for site in sites}
    assert kinds.pop("phu-tho") == "province", kinds  # the root
    assert {"commune", "ward"} <= set(kinds.values()) and not {"district", "town"} & set(kinds.values()), kinds
    catalogue = (out / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    assert "Cấp tỉnh" in catalogue and "Cấp huyện" not in catalogue
    units = (out / "don-vi" / "index.html").read_text(encoding="utf-8")
    assert "thành phần của các xã, phường." in units and "thị trấn" not in units  # what its sub-sites are


def test_a_province_with_a_ward_and_a_special_zone_builds_without_a_warning(tmp_path):
    """Since 1 July 2025: a province, then communes, wards and special zones (đặc khu)."""
    from conftest import NOW, write_tree
    from sitegen.commands.build import BuildSettings, build
    from sitegen.content.dates import build_time
    from sitegen.problems import Severity

    province = ROOT_SITE.replace("kind: district", "kind: province")
    sites = write_tree(tmp_path / "sites", {
        "tinh/site.yaml": province,
        "tinh/procedures/khai-sinh.md": procedure("1.001193", "Đăng ký khai sinh"),
        "phuong-a/site.yaml": commune_site("A", parent="tinh").replace("kind: commune", "kind: ward"),
        "dac-khu/site.yaml": commune_site("Cồn Cỏ", parent="tinh").replace("kind: commune", "kind: đặc khu"),
    })
    result = build(BuildSettings(sites, tmp_path / "out", build_time(NOW), report=tmp_path / "report"))
    assert [p.message() for p in result.problems if p.severity != Severity.INFO and "report" not in p.code] == []
    for folder in ("phuong-a", "dac-khu"):
        assert (tmp_path / "out" / folder / "thu-tuc" / "1-001193" / "index.html").is_file(), folder
    assert "của các phường, đặc khu." in (tmp_path / "out" / "don-vi" / "index.html").read_text(encoding="utf-8")
    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    kinds = {site["slug"]: site["kind"] for site in report["sites"]}
    assert kinds["dac-khu"] == "special-zone" and kinds["phuong-a"] == "ward"
    zone = next(site for site in report["sites"] if site["slug"] == "dac-khu")
    assert any(p["code"] == "missing-required" or "required" in p["code"] for p in zone["problems"]), \
        "a special zone is held to the commune's list of required items"
