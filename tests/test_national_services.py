"""The national public services, one click away (Decree 42/2022/NĐ-CP): every
home page links the National Public Service Portal, the province's own portal
(from the root's site.yaml `services:`), where to track an application and
where to send feedback and petitions; every procedure page links its page on
the national portal by its code. Sub-sites take the root's addresses; a bad
one is an error naming its file and line, in both languages.

The sample portal is built as the README says (python build.py build).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, procedure, write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402

NATIONAL = "https://dichvucong.gov.vn/"
TRACKING = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"
FEEDBACK = "https://dichvucong.gov.vn/p/home/dvc-phan-anh-kien-nghi.html"
PROCEDURE_PAGE = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc="
PROVINCE = "https://dichvucong.phutho.gov.vn/"  # sites/phu-tho/site.yaml


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("services") / "public"
    sample_portal.build(out)
    return out


def _services(home: str) -> dict[str, str]:
    """The home page's public-service links: title -> address."""
    box = re.search(r'<section aria-labelledby="dich-vu-cong".*?</section>', home, re.S)
    assert box, "no public-service box on the home page"
    assert "<h2 id=\"dich-vu-cong\">Dịch vụ công trực tuyến</h2>" in box.group(0)
    return {title: href for href, title in re.findall(r'<a href="([^"]+)">([^<]+)</a>', box.group(0))}


def test_every_home_page_links_the_national_and_the_provinces_services(sample):
    homes = [sample / "index.html"] + sorted(sample.glob("*/index.html"))
    homes = [home for home in homes if (home.parent / "tim-kiem").is_dir()]  # every site's home, no other
    assert len(homes) == 5
    for home in homes:
        links = _services(home.read_text(encoding="utf-8"))
        assert links == {"Cổng Dịch vụ công quốc gia": NATIONAL, "Cổng dịch vụ công của tỉnh": PROVINCE,
                         "Tra cứu hồ sơ": TRACKING, "Phản ánh, kiến nghị": FEEDBACK}, home


def test_every_procedure_page_links_its_national_page_by_its_code(sample):
    pages = sorted(sample.glob("**/thu-tuc/*/index.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        code = re.search(r"<dt>Mã thủ tục:</dt> <dd>([^<]+)</dd>", html).group(1)
        link = re.search(r'<dt>Cổng Dịch vụ công quốc gia:</dt> <dd><a href="([^"]+)">Xem thủ tục mã ([^<]+)</a>'
                         r' · <a href="([^"]+)">Tra cứu hồ sơ</a>', html)
        assert link, page
        assert link.group(1) == PROCEDURE_PAGE + code and link.group(2) == code
        assert link.group(3) == TRACKING
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
        service = next(item for item in data["@graph"] if item["@type"] == "GovernmentService")
        assert service["identifier"] == code and service["sameAs"] == PROCEDURE_PAGE + code


def _portal(root_services: str = "", commune_services: str = "") -> dict[str, str]:
    return {
        "huyen-mau/site.yaml": ROOT_SITE + root_services,
        "huyen-mau/procedures/ks.md": procedure("1.001193", "Đăng ký khai sinh"),
        "xa-mot/site.yaml": commune_site("Một", extra=commune_services),
        "xa-hai/site.yaml": commune_site("Hai"),
    }


def _links(out: Path, site: str = "") -> dict[str, str]:
    return _services((out / site / "index.html").read_text(encoding="utf-8"))


def test_without_services_the_national_portals_own_pages_are_linked(build_portal):
    built = build_portal(_portal())
    assert built.code == 0, built.stderr
    for site in ("", "xa-mot/", "xa-hai/"):
        assert _links(built.out, site) == {"Cổng Dịch vụ công quốc gia": NATIONAL, "Tra cứu hồ sơ": TRACKING,
                                           "Phản ánh, kiến nghị": FEEDBACK}


def test_sub_sites_take_the_roots_addresses_and_may_name_their_own(build_portal):
    root = ("services:\n  province_portal: https://dichvucong.tinhmau.gov.vn/\n"
            "  tracking: https://dichvucong.tinhmau.gov.vn/tra-cuu\n")
    built = build_portal(_portal(root, "services:\n  feedback: https://xamot.example.vn/phan-anh\n"))
    assert built.code == 0, built.stderr
    province = {"Cổng Dịch vụ công quốc gia": NATIONAL,
                "Cổng dịch vụ công của tỉnh": "https://dichvucong.tinhmau.gov.vn/",
                "Tra cứu hồ sơ": "https://dichvucong.tinhmau.gov.vn/tra-cuu", "Phản ánh, kiến nghị": FEEDBACK}
    assert _links(built.out) == province and _links(built.out, "xa-hai/") == province
    assert _links(built.out, "xa-mot/") == {**province, "Phản ánh, kiến nghị": "https://xamot.example.vn/phan-anh"}
    procedure_page = (built.out / "xa-hai" / "thu-tuc" / "1-001193" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://dichvucong.tinhmau.gov.vn/tra-cuu">Tra cứu hồ sơ</a>' in procedure_page


def test_a_bad_address_is_an_error_naming_its_line_in_both_languages(tmp_path, capsys):
    from sitegen.cli import main

    root = ("services:\n  province_portal: https://dichvucong.tinhmau.gov.vn/\n"
            "  tracking: dichvucong.tinhmau.gov.vn/tra-cuu\n  feedback: javascript:alert(1)\n")
    sites = write_tree(tmp_path / "sites", _portal(root))
    line = (ROOT_SITE + root).splitlines().index("  tracking: dichvucong.tinhmau.gov.vn/tra-cuu") + 1
    assert main(["check", "--sites", str(sites)]) == 1
    vi = capsys.readouterr().err
    assert re.search(rf"huyen-mau/site\.yaml:{line}:\d+: lỗi: 'services › tracking': "
                     r"'dichvucong\.tinhmau\.gov\.vn/tra-cuu' không phải địa chỉ một trang web\. .*https://", vi), vi
    assert re.search(rf"huyen-mau/site\.yaml:{line + 1}:\d+: lỗi: 'services › feedback'", vi), "each one is named"
    assert main(["check", "--sites", str(sites), "--lang", "en"]) == 1
    en = capsys.readouterr().err
    assert re.search(rf"huyen-mau/site\.yaml:{line}:\d+: error: 'services › tracking': .* is not the address of a web "
                     r"page\. Copy the whole address", en), en
    out = tmp_path / "public"
    assert main(["build", "--sites", str(sites), "--out", str(out), "--now", "22/11/2026 10:00"]) == 1
    capsys.readouterr()
    links = _links(out)
    assert links["Cổng dịch vụ công của tỉnh"] == "https://dichvucong.tinhmau.gov.vn/", "the right ones are used"
    assert links["Tra cứu hồ sơ"] == TRACKING and "javascript" not in (out / "index.html").read_text(encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_change_of_the_roots_addresses_reaches_every_sub_site_as_a_clean_build_does(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal())
    out, now = tmp_path / "inc", build_time("22/11/2026 10:00")
    build(BuildSettings(sites, out, now))
    site_yaml = sites / "huyen-mau" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8")
                         + "services:\n  province_portal: https://dichvucong.tinhmau.gov.vn/\n", encoding="utf-8")
    build(BuildSettings(sites, out, now))
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(BuildSettings(sites, clean, now, use_cache=False, workers=1))
    assert _tree(out) == _tree(clean)
    assert _links(out, "xa-hai/")["Cổng dịch vụ công của tỉnh"] == "https://dichvucong.tinhmau.gov.vn/"
