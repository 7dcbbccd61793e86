"""The documents register as a citizen reads it: a replaced document names
the one replacing it (linked when the site has it); a draft for comment is
not among the issued documents but under the drafts, and its page says it
is a draft for comment with its deadline, with no issue date the editor did
not write and no section of issued documents; "Ngày đăng lên trang" is the
editor's `posted` when written, else the day the ledger first saw the
document, and never a made-up date for a document issued before the ledger
began (the portal's first build). The register's filter (JavaScript, in
Debian's headless Chromium) writes its rows as the page does: labelled, so a
phone shows them as cards, with the replacing number.

One small portal is built once for the module; the ledger's tests build
their own, twice, at two dates.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT_SITE, front, playwright_browser, strip_tags, write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
NOW = "22/11/2026 10:00"
DRAFT = ("---\nnumber: DT-14/2026\ntype: Dự thảo\ntitle: Dự thảo quy định quản lý chợ\nsection: direction\n"
         "consultation:\n  until: 30/11/2026 17:00\n  email: gopy@huyenmau.example.vn\n---\nTóm tắt dự thảo.\n")
DATED_DRAFT = ("---\nnumber: DT-11/2026\ntype: Dự thảo\ntitle: Dự thảo kế hoạch du lịch\nissued: 01/10/2026\n"
               "consultation:\n  until: 31/10/2026 17:00\n---\n")
PORTAL = {
    "huyen/site.yaml": ROOT_SITE,
    "huyen/documents/cu.md": front({"number": "1120/QĐ-UBND", "type": "Quyết định", "title": "Quy chế cũ",
                                    "issued": "15/06/2024", "replaced_by": "1790/QĐ-UBND"}),
    "huyen/documents/moi.md": front({"number": "1790/QĐ-UBND", "type": "Quyết định", "title": "Quy chế mới",
                                     "issued": "30/10/2026"}),
    "huyen/documents/rat-cu.md": front({"number": "5/CT-UBND", "type": "Chỉ thị", "title": "Chỉ thị cũ",
                                        "issued": "02/01/2020", "replaced_by": "9/CT-UBND"}),
    "huyen/documents/da-dang.md": front({"number": "88/TB-UBND", "type": "Thông báo", "title": "Thông báo cũ",
                                         "issued": "15/03/2025", "posted": "16/03/2025"}),
    "huyen/documents/du-thao.md": DRAFT,
    "huyen/documents/du-thao-cu.md": DATED_DRAFT,
    "huyen/documents/khong-ngay.md": front({"number": "7/KH-UBND", "type": "Kế hoạch", "title": "Không ngày"}),
}


def _build(sites: Path, out: Path, now: str):
    return build(BuildSettings(sites, out, build_time(now), use_cache=False))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("register")
    result = _build(write_tree(root / "sites", PORTAL), root / "public", NOW)
    return root / "public", result


def html(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def main(out: Path, path: str) -> str:
    page = html(out, path)
    return " ".join(strip_tags(page[page.index("<main"):page.index("</main>")]).split())


def _row(register: str, number: str) -> str:
    return re.search(rf'<tr><td data-label="Số, ký hiệu">{re.escape(number)}</td>.*?</tr>', register, re.S).group(0)


def test_a_replaced_documents_cell_names_the_replacing_number(built):
    out, _result = built
    register = html(out, "van-ban")
    linked = _row(register, "1120/QĐ-UBND")
    assert re.search(r'<td data-label="Hiệu lực">Hết hiệu lực, được thay thế bởi văn bản '
                     r'<a href="1790-qd-ubnd/">1790/QĐ-UBND</a></td>', linked), linked
    unknown = _row(register, "5/CT-UBND")  # the replacing document is not on the site: its number, no link
    assert "được thay thế bởi văn bản 9/CT-UBND</td>" in unknown and "<a href=\"9" not in unknown
    by_year = _row(html(out, "van-ban/nam/2024"), "1120/QĐ-UBND")
    assert '<a href="../../1790-qd-ubnd/">1790/QĐ-UBND</a>' in by_year
    rows = {row["number"]: row for row in json.loads((out / "van-ban/danh-muc.json").read_text("utf-8"))}
    assert rows["1120/QĐ-UBND"]["replaced_by"] == "1790/QĐ-UBND"
    assert rows["1120/QĐ-UBND"]["replaced_path"] == "van-ban/1790-qd-ubnd/"
    assert rows["5/CT-UBND"]["replaced_by"] == "9/CT-UBND" and "replaced_path" not in rows["5/CT-UBND"]


def test_a_draft_for_comment_is_not_in_the_register_of_issued_documents(built):
    out, _result = built
    register = html(out, "van-ban")
    assert "DT-14/2026" not in register and "DT-11/2026" not in register and "Dự thảo" not in main(out, "van-ban")
    assert not (out / "van-ban/loai/du-thao").exists()
    assert "DT-14" not in html(out, "van-ban/nhom/direction") and "DT-11" not in html(out, "van-ban/nam/2026")
    data = (out / "van-ban/danh-muc.json").read_text(encoding="utf-8")
    assert "DT-14/2026" not in data and "DT-11/2026" not in data
    drafts = main(out, "lay-y-kien")
    assert "Dự thảo quy định quản lý chợ" in drafts and "Dự thảo kế hoạch du lịch" in drafts
    public = main(out, "cong-khai")  # the list of what must be made public names them, as drafts
    assert public.index("Lấy ý kiến dự thảo") < public.index("DT-14/2026")
    assert public.index("Văn bản chỉ đạo, điều hành") < public.index("1790/QĐ-UBND") < public.index("Lấy ý kiến")


def test_a_drafts_page_says_it_is_a_draft_for_comment_with_its_deadline(built):
    out, _result = built
    page = main(out, "van-ban/dt-14-2026")
    assert page.startswith("Lấy ý kiến dự thảo Dự thảo quy định quản lý chợ Dự thảo lấy ý kiến"), page[:120]
    assert "Dự thảo đang lấy ý kiến nhân dân" in page and "Hạn góp ý: Thứ Hai, 30/11/2026 17:00" in page
    assert "chỉ đạo" not in page.casefold() and "điều hành" not in page.casefold(), page
    assert "Ngày ban hành" not in page and "Ngày của dự thảo" not in page, "no date the editor did not write"
    crumbs = html(out, "van-ban/dt-14-2026")
    assert re.search(r'<nav class="breadcrumb.*?Lấy ý kiến dự thảo</a>.*?</nav>', crumbs, re.S)
    dated = main(out, "van-ban/dt-11-2026")  # the editor wrote a date: it is the draft's, not an issue date
    assert "Ngày của dự thảo: 01/10/2026" in dated and "Ngày ban hành" not in dated
    assert "Đã hết thời gian lấy ý kiến" in dated


def test_only_a_draft_may_leave_out_its_issue_date(built):
    out, result = built
    missing = [p for p in result.problems if p.code == "missing-field"]
    assert [(Path(p.path).name, dict(p.params)["key"], p.severity.value) for p in missing] == [
        ("khong-ngay.md", "issued", "error")]
    assert missing[0].line == 2 and "issued: 12/11/2026" in missing[0].message()
    assert not (out / "van-ban/7-kh-ubnd").exists()
    assert (out / "van-ban/dt-14-2026/index.html").is_file()


def _posted(out: Path, path: str) -> str | None:
    found = re.search(r"Ngày đăng lên trang: (\S+)", main(out, path))
    return found.group(1) if found else None


def _listed(out: Path, number: str) -> str:
    row = re.search(rf'<td data-label="Số, ký hiệu">{re.escape(number)}</td>.*?'
                    r'<td data-label="Ngày đăng lên trang">([^<]*)</td>', html(out, "cong-khai"), re.S)
    return row.group(1)


def test_the_posting_date_is_the_editors_else_true_else_none(built):
    out, _result = built
    assert _posted(out, "van-ban/88-tb-ubnd") == "16/03/2025", "the editor's posted, though before the ledger"
    assert _listed(out, "88/TB-UBND") == "16/03/2025"
    for path, number in (("van-ban/1120-qd-ubnd", "1120/QĐ-UBND"), ("van-ban/1790-qd-ubnd", "1790/QĐ-UBND"),
                         ("van-ban/dt-14-2026", "DT-14/2026")):
        assert _posted(out, path) is None, f"{number}: issued before this first build, its date here is unknown"
        assert _listed(out, number) == ""


def test_a_document_published_after_the_ledger_began_shows_when(tmp_path):
    sites = write_tree(tmp_path / "sites", {key: PORTAL[key] for key in ("huyen/site.yaml", "huyen/documents/cu.md")})
    out = tmp_path / "public"
    _build(sites, out, "20/11/2026 09:00")  # the first build: the ledger begins
    assert _posted(out, "van-ban/1120-qd-ubnd") is None
    write_tree(sites, {
        "huyen/documents/moi.md": front({"number": "1790/QĐ-UBND", "type": "Quyết định", "title": "Quy chế mới",
                                         "issued": "21/11/2026"}),
        "huyen/documents/muon.md": front({"number": "3/KH-UBND", "type": "Kế hoạch", "title": "Đăng muộn",
                                          "issued": "05/11/2026"}),  # issued before the ledger began, posted later
        "huyen/documents/du-thao.md": DRAFT,
    })
    _build(sites, out, "25/11/2026 09:00")
    assert _posted(out, "van-ban/1790-qd-ubnd") == "25/11/2026" and _listed(out, "1790/QĐ-UBND") == "25/11/2026"
    assert _posted(out, "van-ban/dt-14-2026") == "25/11/2026", "a draft with no date, first seen after the start"
    assert _posted(out, "van-ban/3-kh-ubnd") is None, "issued before the ledger began: never made up"
    assert _posted(out, "van-ban/1120-qd-ubnd") is None


def test_the_posted_key_is_documented():
    reference = (REPO / "docs/truong-du-lieu.md").read_text(encoding="utf-8")
    guide = (REPO / "docs/huong-dan-bien-tap.md").read_text(encoding="utf-8")
    assert "posted" in reference and "ngày đăng lên trang" in reference.casefold()
    assert re.search(r"^posted:", guide, re.M), "the guide's example of a document shows the key"
    from sitegen.content.reference import reference as made

    assert made() == reference, "docs/truong-du-lieu.md is regenerated from the kinds"


@pytest.fixture(scope="module")
def browser():
    with playwright_browser() as browser:
        yield browser


def test_the_registers_filter_keeps_the_cards_and_the_replacing_number(built, browser):
    out, _result = built
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    try:
        with sample_portal.serve(out) as url:
            page = context.new_page()
            page.goto(url + "van-ban/", wait_until="load")
            page.fill("#loc-tu-khoa", "quy che cu")
            page.wait_for_function("document.querySelectorAll('table.documents tbody tr').length === 1")
            row = page.evaluate("""() => {
              const row = document.querySelector('table.documents tbody tr');
              const state = row.querySelector('td[data-label="Hiệu lực"]');
              return {labels: Array.from(row.querySelectorAll('td[data-label]')).map(td => td.dataset.label),
                      title: row.querySelector('td.title a').textContent, state: state.textContent,
                      link: state.querySelector('a') && new URL(state.querySelector('a').href).pathname,
                      first: row.querySelector('td.title').getBoundingClientRect().top
                             <= Math.min(...Array.from(row.querySelectorAll('td[data-label]'))
                                         .map(td => td.getBoundingClientRect().top)),
                      wide: document.documentElement.scrollWidth};
            }""")
    finally:
        context.close()
    assert row["labels"] == ["Số, ký hiệu", "Ngày ban hành", "Loại văn bản", "Hiệu lực"], row
    assert row["title"] == "Quy chế cũ" and row["first"] and row["wide"] <= 360, row
    assert row["state"] == "Hết hiệu lực, được thay thế bởi văn bản 1790/QĐ-UBND"
    assert row["link"] == "/van-ban/1790-qd-ubnd/", row
