"""A kind is one declaration: a kind declared here, in the test alone (no
module of sitegen is edited), is read and validated, gets its pages, its
list, its place in the menu, the sitemap and the search, and a file from
`new`, like the kinds that ship."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, front, write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.commands.check import check
from sitegen.commands.new import new_file
from sitegen.content.dates import build_time
from sitegen.content.generic import item_list, item_page, record_maker
from sitegen.content.kind import Field, Kind, Publishing, Scaffold
from sitegen.content.kinds import DEFAULT
from sitegen.content.kinds.common import DRAFT
from sitegen.content.records import Body
from sitegen.content.types import DateTime, Text

NOW = build_time("22/11/2026 10:00")


@dataclass(frozen=True)
class Notice:
    source: str
    slug: str
    title: str
    deadline: datetime | None
    agency: str | None
    body: Body


NOTICES = Kind(
    "notice", "thông báo tuyển dụng", "tuyen-dung", (
        Field("title", Text(300), "tiêu đề thông báo", required=True, example="Tuyển dụng công chức xã"),
        Field("deadline", DateTime(), "hạn nộp hồ sơ", example="15/12/2026 17:00", label="Hạn nộp hồ sơ"),
        Field("agency", Text(200), "cơ quan tuyển dụng", example="UBND xã An", label="Cơ quan tuyển dụng"),
        DRAFT,
    ),
    record=Notice, make=record_maker(Notice), body_help="nội dung thông báo",
    order=lambda notice: (notice.deadline or NOW, notice.slug), newest_first=True,
    publishing=Publishing("tuyen-dung/", title="Tuyển dụng", item=item_page(), listings=(item_list,),
                          items_after=1, menu=5),
    scaffold=Scaffold(lambda title, now, slug, taken: {"title": title, "deadline": f"{now:%d/%m/%Y} 17:00"},
                      body="Nội dung thông báo.\n"),
)
KINDS = DEFAULT.with_kind(NOTICES)

PORTAL = {
    "huyen/site.yaml": ROOT_SITE,
    "xa-an/site.yaml": commune_site("An", parent="huyen"),
    "xa-an/tuyen-dung/cong-chuc.md": front(
        {"title": "Tuyển dụng công chức địa chính xã An", "deadline": "15/12/2026 17:00",
         "agency": "UBND xã An"}, "Hồ sơ gồm đơn đăng ký dự tuyển và bản sao văn bằng."),
    "xa-an/tuyen-dung/hop-dong.md": front({"title": "Tuyển nhân viên hợp đồng bộ phận một cửa"},
                                          "Nộp hồ sơ tại bộ phận một cửa."),
}


@pytest.fixture
def built(tmp_path):
    sites = write_tree(tmp_path / "sites", PORTAL)
    out = tmp_path / "out"
    result = build(BuildSettings(sites, out, NOW, kinds=KINDS))
    assert result.errors == 0, [p.format() for p in result.problems]
    return out


def test_each_record_gets_its_page_with_its_labelled_fields(built):
    page = (built / "xa-an" / "tuyen-dung" / "tuyen-dung-cong-chuc-dia-chinh-xa-an" / "index.html").read_text()
    assert "<h1>Tuyển dụng công chức địa chính xã An</h1>" in page
    assert "<dt>Hạn nộp hồ sơ:</dt> <dd><time datetime=\"2026-12-15T17:00:00+07:00\">Thứ Ba, 15/12/2026 17:00" in page
    assert "<dt>Cơ quan tuyển dụng:</dt> <dd>UBND xã An</dd>" in page
    assert "bản sao văn bằng" in page
    assert "data-pagefind-body" in page, "a record's page is a search result"


def test_the_list_links_every_record_and_is_in_the_menu(built):
    listing = (built / "xa-an" / "tuyen-dung" / "index.html").read_text()
    links = re.findall(r'<a href="([^"]+)">Tuyển', listing)
    assert sorted(links) == ["tuyen-dung-cong-chuc-dia-chinh-xa-an/", "tuyen-nhan-vien-hop-dong-bo-phan-mot-cua/"]
    assert "data-pagefind-body" not in listing, "a list is not a search result"
    home = (built / "xa-an" / "index.html").read_text()
    assert '<a href="tuyen-dung/">Tuyển dụng</a>' in home


def test_the_sitemap_names_the_list_and_every_record(built):
    sitemap = (built / "xa-an" / "sitemap.xml").read_text()
    base = "https://huyenmau.example.vn/xa-an/tuyen-dung/"
    for path in ("", "tuyen-dung-cong-chuc-dia-chinh-xa-an/", "tuyen-nhan-vien-hop-dong-bo-phan-mot-cua/"):
        assert f"<loc>{base}{path}</loc>" in sitemap


def test_check_gives_the_editor_the_file_line_and_what_to_write(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        **PORTAL,
        "xa-an/tuyen-dung/go-sai.md": "---\ntitle: Tuyển dụng\ndeadlin: 15/12/2026\n---\nNội dung.\n",
        "xa-an/tuyen-dung/thieu-tieu-de.md": "---\nagency: UBND xã An\ndeadline: 31/02/2026\n---\n",
    })
    found = {(Path(p.path).relative_to(sites).as_posix(), p.line, p.code): p
             for p in check(sites, NOW, kinds=KINDS)}
    typo = found[("xa-an/tuyen-dung/go-sai.md", 3, "unknown-key")]
    assert "'deadline'" in typo.message() and "thông báo tuyển dụng" in typo.message()
    assert ("xa-an/tuyen-dung/thieu-tieu-de.md", 2, "missing-field") in found
    impossible = found[("xa-an/tuyen-dung/thieu-tieu-de.md", 3, "impossible-date")]
    assert "2/2026" in impossible.message()


def test_new_writes_every_field_and_the_file_builds_into_a_page(tmp_path):
    sites = write_tree(tmp_path / "sites", PORTAL)
    created = new_file(sites, "xa-an", "notice", "Tuyển dụng viên chức y tế", NOW, KINDS)
    text = created.path.read_text(encoding="utf-8")
    assert created.path.parent.name == "tuyen-dung"
    for field in NOTICES.fields:
        assert re.search(rf"^{field.name}:.*  # {re.escape(field.help)}", text, re.M), field.name
    assert "# tiêu đề thông báo (bắt buộc)" in text
    out = tmp_path / "out"
    assert build(BuildSettings(sites, out, NOW, kinds=KINDS)).errors == 0
    assert (out / "xa-an" / "tuyen-dung" / "tuyen-dung-vien-chuc-y-te" / "index.html").is_file()
