"""The documents register, drafts for comment, disclosures and the list of
information to be made public, as a district's editor-in-chief would check
them: each document's page and state, the register and its ways in, the
text inside the files, a draft that closes when its deadline passes, the
report's checks, and the first-published dates that outlive the cache."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT_SITE, citizen_pages, commune_site, front, strip_tags, write_tree
from sitegen.render.theme import Theme
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time

REPO = Path(__file__).resolve().parent.parent
PDF = (REPO / "sites/phu-tho/files/1856-qd-ubnd-ke-hoach-chuyen-doi-so-2027.pdf").read_bytes()
NOW = "22/11/2026 10:00"


def document(**fields) -> str:
    return front(fields, fields.pop("body", "") if "body" in fields else "")


PORTAL = {
    "huyen/site.yaml": ROOT_SITE + "feedback_url: https://huyenmau.example.vn/gop-y\n",
    "huyen/files/1856.pdf": PDF,
    "huyen/files/tong-hop.pdf": PDF,
    "huyen/files/hong.pdf": b"%PDF-1.4\n%broken beyond repair\n",
    "huyen/documents/1856.md": front({
        "number": "1856/QĐ-UBND", "type": "Quyết định", "title": "Về việc ban hành Kế hoạch chuyển đổi số năm 2027",
        "issued": "12/11/2026", "effective": "12/11/2026", "signer": "Nguyễn Văn A", "signer_title": "Chủ tịch",
        "field": "Chuyển đổi số", "files": "[files/1856.pdf, {title: Bản in lỗi, file: files/hong.pdf}]"},
        "Số hóa toàn bộ hồ sơ một cửa."),
    "huyen/documents/cu.md": front({
        "number": "1120/QĐ-UBND", "type": "QĐ", "title": "Quy chế cổng thông tin (cũ)", "issued": "15/06/2024",
        "replaced_by": "1790/QĐ-UBND"}),
    "huyen/documents/moi.md": front({
        "number": "1790/QĐ-UBND", "type": "quyet dinh", "title": "Quy chế cổng thông tin (mới)",
        "issued": "30/10/2026", "effective": "10/12/2026"}),
    "huyen/documents/het-han.md": front({
        "number": "12/KH-UBND", "type": "Kế hoạch", "title": "Kế hoạch năm 2025", "issued": "02/01/2025",
        "expires": "31/12/2025"}),
    "huyen/documents/du-thao.md": (
        "---\nnumber: DT-14/2026\ntype: Dự thảo\ntitle: Dự thảo quy định quản lý chợ\nissued: 20/11/2026\n"
        "consultation:\n  until: 30/11/2026 17:00\n  email: gopy@huyenmau.example.vn\n"
        "  feedback_url: https://huyenmau.example.vn/gop-y/cho\n---\n"),
    "huyen/documents/du-thao-cu.md": (
        "---\nnumber: DT-11/2026\ntype: Dự thảo\ntitle: Dự thảo kế hoạch du lịch\nissued: 01/10/2026\n"
        "consultation:\n  until: 31/10/2026 17:00\n  result: files/tong-hop.pdf\n---\n"),
    "huyen/documents/du-thao-quen.md": (
        "---\nnumber: DT-05/2026\ntype: Dự thảo\ntitle: Dự thảo bị quên\nissued: 01/08/2026\n"
        "consultation:\n  until: 01/09/2026 17:00\n---\n"),
    "xa-an/site.yaml": commune_site("An", parent="huyen"),
    "xa-an/documents/ngan-sach-q3.md": front({
        "number": "125/BC-UBND", "type": "Báo cáo", "title": "Công khai ngân sách quý III năm 2026",
        "issued": "10/10/2026", "section": "budget", "period": "Quý III/2026"}),
    "xa-an/documents/ngan-sach-q2.md": front({
        "number": "90/BC-UBND", "type": "Báo cáo", "title": "Công khai ngân sách quý II năm 2026",
        "issued": "10/07/2026", "section": "ngân sách", "period": "quý 2 năm 2026"}),
    "xa-an/documents/tuyen-dung.md": front({
        "number": "88/TB-UBND", "type": "Thông báo", "title": "Tuyển dụng công chức", "issued": "15/11/2026",
        "section": "tuyển dụng", "period": "Năm 2026"}),
    "xa-an/documents/quy-hoach.md": front({
        "number": "45/QĐ-UBND", "type": "Quyết định", "title": "Phê duyệt quy hoạch chi tiết khu dân cư Hòa Bình",
        "issued": "02/11/2026", "effective": "02/11/2026", "section": "planning"}),
    "xa-an/documents/quy-hoach-cu.md": front({
        "number": "12/QĐ-UBND", "type": "Quyết định", "title": "Quy hoạch khu dân cư (cũ)",
        "issued": "02/01/2024", "section": "planning", "replaced_by": "45/QĐ-UBND"}),
    "xa-binh/site.yaml": commune_site("Bình", parent="huyen"),
    "xa-binh/documents/ngan-sach-q2.md": front({
        "number": "62/BC-UBND", "type": "Báo cáo", "title": "Công khai ngân sách quý II năm 2026",
        "issued": "12/07/2026", "section": "budget", "period": "Quý II/2026"}),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("documents")
    sites = write_tree(root / "sites", PORTAL)
    result = build(BuildSettings(sites, root / "public", build_time(NOW), report=root / "report"))
    return root, result


def page(root: Path, path: str) -> str:
    return (root / "public" / path / "index.html").read_text(encoding="utf-8")


def text(root: Path, path: str) -> str:
    html = page(root, path)
    return " ".join(strip_tags(html[html.index("<main"):html.index("</main>")]).split())


def test_a_document_page_says_what_it_is_and_its_state_in_words(built):
    root, _result = built
    shown = text(root, "van-ban/1856-qd-ubnd")
    for words in ("Quyết định", "Về việc ban hành Kế hoạch chuyển đổi số năm 2027", "Còn hiệu lực",
                  "Số, ký hiệu: 1856/QĐ-UBND", "Cơ quan ban hành: Ủy ban nhân dân huyện Mẫu",
                  "Người ký: Nguyễn Văn A – Chủ tịch", "Ngày ban hành: 12/11/2026", "Ngày có hiệu lực: 12/11/2026",
                  "Lĩnh vực: Chuyển đổi số", "1856.pdf (PDF, 33 KB)", "Số hóa toàn bộ hồ sơ một cửa."):
        assert words in shown, words
    assert "Hết hiệu lực" in text(root, "van-ban/12-kh-ubnd")
    assert "Chưa có hiệu lực" in text(root, "van-ban/1790-qd-ubnd")
    replaced = page(root, "van-ban/1120-qd-ubnd")
    assert re.search(r'Hết hiệu lực, được thay thế bởi văn bản</strong> <a href="\.\./1790-qd-ubnd/">1790/QĐ-UBND</a>',
                     replaced)


def test_the_register_lists_every_issued_document_newest_first_with_ways_in_without_javascript(built):
    """Drafts for comment are not issued documents: they are listed under lay-y-kien/
    (tests/test_register_display.py)."""
    root, _result = built
    register = page(root, "van-ban")
    numbers = re.findall(r'<td data-label="Số, ký hiệu">([^<]+)</td>', register)
    assert numbers == ["1856/QĐ-UBND", "1790/QĐ-UBND", "12/KH-UBND", "1120/QĐ-UBND"]
    assert 'href="loai/du-thao/"' not in register
    for path in ("loai/quyet-dinh/", "nam/2026/", "nam/2024/", "nhom/direction/"):
        assert f'href="{path}"' in register, path
        assert (root / "public/van-ban" / path / "index.html").is_file()
    by_type = page(root, "van-ban/loai/quyet-dinh")
    assert re.findall(r'data-label="Số, ký hiệu">([^<]+)<', by_type) == ["1856/QĐ-UBND", "1790/QĐ-UBND",
                                                                        "1120/QĐ-UBND"]
    data = json.loads((root / "public/van-ban/danh-muc.json").read_text(encoding="utf-8"))
    assert {"number": "1856/QĐ-UBND", "path": "van-ban/1856-qd-ubnd/"}.items() <= data[0].items()
    assert f'<script src="../assets/{Theme.load().assets["documents.js"]}" defer></script>' in register


def test_each_site_has_a_feed_of_new_documents(built):
    root, _result = built
    rss = ElementTree.parse(root / "public/van-ban/rss.xml")
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert titles[0] == "Quyết định 1856/QĐ-UBND: Về việc ban hành Kế hoạch chuyển đổi số năm 2027"
    assert rss.find("channel/item/link").text.startswith("https://huyenmau.example.vn/van-ban/")
    assert '<link rel="alternate" type="application/rss+xml" title="Cổng thông tin điện tử huyện Mẫu: văn bản ' \
           'mới" href="rss.xml">' in page(root, "van-ban")


def test_the_text_inside_a_pdf_is_on_the_documents_page_for_the_search(built):
    root, result = built
    shown = page(root, "van-ban/1856-qd-ubnd")
    body = shown[shown.index("data-pagefind-body"):]
    assert "thiết bị bay không người lái" in body, "a phrase only the PDF says, where Pagefind reads"
    broken = [p for p in result.problems if p.code == "attachment-unreadable"]
    assert [p.path.endswith("huyen/files/hong.pdf") and p.severity.value for p in broken] == ["warning"]


def test_extracted_text_is_kept_until_the_file_changes(tmp_path, monkeypatch):
    import sitegen.content.loader as loader

    read: list[str] = []
    original = loader.extract
    monkeypatch.setattr(loader, "extract", lambda path: (read.append(path.name), original(path))[1])
    sites = write_tree(tmp_path / "sites", {key: PORTAL[key] for key in (
        "huyen/site.yaml", "huyen/files/1856.pdf", "huyen/files/hong.pdf", "huyen/documents/1856.md")})
    build(BuildSettings(sites, tmp_path / "out", build_time(NOW), workers=1))
    assert sorted(read) == ["1856.pdf", "hong.pdf"]
    read.clear()
    (sites / "huyen/documents/1856.md").write_text(PORTAL["huyen/documents/1856.md"] + "\nThêm.\n", encoding="utf-8")
    build(BuildSettings(sites, tmp_path / "out", build_time(NOW), workers=1))
    assert read == [], "the files did not change: their text comes from the cache"


def test_a_draft_open_for_comment_says_until_when_and_where_to_send(built):
    root, _result = built
    shown = text(root, "van-ban/dt-14-2026")
    assert "Dự thảo đang lấy ý kiến nhân dân" in shown
    assert "Hạn góp ý: Thứ Hai, 30/11/2026 17:00 (còn 8 ngày)" in shown
    draft = page(root, "van-ban/dt-14-2026")
    assert 'href="https://huyenmau.example.vn/gop-y/cho"' in draft and 'mailto:gopy@huyenmau.example.vn' in draft
    assert "Dự thảo quy định quản lý chợ" in text(root, "")  # on the home page
    listed = text(root, "lay-y-kien")
    assert listed.index("Dự thảo quy định quản lý chợ") < listed.index("Đã kết thúc lấy ý kiến") \
        < listed.index("Dự thảo kế hoạch du lịch")
    assert 'href="../files/tong-hop.pdf">Báo cáo tổng hợp' in page(root, "lay-y-kien")


def test_a_build_after_the_deadline_closes_the_draft_without_an_edit(tmp_path):
    sites = write_tree(tmp_path / "sites", {key: PORTAL[key] for key in (
        "huyen/site.yaml", "huyen/documents/du-thao.md")})
    out = tmp_path / "out"
    build(BuildSettings(sites, out, build_time("30/11/2026 16:00")))
    assert "hôm nay là ngày cuối" in (out / "van-ban/dt-14-2026/index.html").read_text(encoding="utf-8")
    build(BuildSettings(sites, out, build_time("30/11/2026 17:05")))
    closed = (out / "van-ban/dt-14-2026/index.html").read_text(encoding="utf-8")
    assert "Đã hết thời gian lấy ý kiến" in closed and "Đang tổng hợp ý kiến góp ý." in closed
    assert "Dự thảo quy định quản lý chợ" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_disclosure_section_is_grouped_by_period_newest_first(built):
    root, _result = built
    budget = page(root, "xa-an/van-ban/nhom/budget")
    headings = re.findall(r"<h2>([^<]+)</h2>", budget)
    assert headings[:2] == ["Quý III/2026", "quý 2 năm 2026"]
    assert (root / "public/xa-an/van-ban/nhom/recruitment/index.html").is_file()


def test_a_disclosed_decision_says_where_it_is_published_and_its_legal_force(built):
    """The section says the decision is disclosed; its type and dates say it is in force."""
    root, _result = built
    assert "Công khai · Còn hiệu lực" in text(root, "xa-an/van-ban/45-qd-ubnd")
    replaced = text(root, "xa-an/van-ban/12-qd-ubnd")
    assert "Công khai · Hết hiệu lực, được thay thế bởi văn bản 45/QĐ-UBND" in replaced
    report = text(root, "xa-an/van-ban/125-bc-ubnd")  # a budget report takes no effect: disclosed only
    assert "Công khai" in report and "hiệu lực" not in report.replace("Ngày có hiệu lực", "")


def test_the_report_names_a_commune_missing_last_quarters_budget_and_a_forgotten_draft(built):
    root, _result = built
    sites = {s["slug"]: s for s in json.loads((root / "report/report.json").read_text(encoding="utf-8"))["sites"]}
    missing = [p for p in sites["xa-binh"]["problems"] if p["code"] == "no-budget-disclosure"]
    assert [p["message"] for p in missing] == [
        "Chưa công khai tình hình thực hiện ngân sách quý III/2026 (hạn 15/10/2026): hãy đăng một văn bản "
        "trong thư mục documents/ có 'section: budget' và 'period: Quý III/2026'."]
    assert not [p for p in sites["xa-an"]["problems"] if p["code"] == "no-budget-disclosure"]
    assert not [p for p in sites["huyen"]["problems"] if p["code"] == "no-budget-disclosure"], "a district's duty differs"
    forgotten = [p for p in sites["huyen"]["problems"] if p["code"] == "consultation-no-result"]
    assert len(forgotten) == 1 and "DT-05/2026" in forgotten[0]["message"] and forgotten[0]["line"] == 7


def test_the_public_list_keeps_each_documents_first_published_date(tmp_path):
    """The date a document went up here outlives the cache; a document issued
    before the portal's ledger began gets none (tests/test_register_display.py)."""
    files = {key: PORTAL[key] for key in ("huyen/site.yaml", "huyen/documents/cu.md")}
    files["huyen/documents/245.md"] = front({"number": "245/KH-UBND", "type": "Kế hoạch", "title": "Kế hoạch",
                                             "issued": "20/11/2026"})
    sites = write_tree(tmp_path / "sites", files)
    out = tmp_path / "out"

    def first_published(number: str) -> str:
        html = (out / "cong-khai/index.html").read_text(encoding="utf-8")
        row = re.search(rf'<td data-label="Số, ký hiệu">{re.escape(number)}</td>.*?'
                        r'<td data-label="Ngày đăng lên trang">([^<]*)</td>', html, re.S)
        return row.group(1)

    build(BuildSettings(sites, out, build_time("20/11/2026 09:00")))
    assert first_published("245/KH-UBND") == "20/11/2026"
    assert first_published("1120/QĐ-UBND") == "", "issued in 2024, before the ledger began: not made up"
    shutil.rmtree(tmp_path / ".out.cache")  # a clean build: no cache, the published portal as it is
    write_tree(sites, {"huyen/documents/1856.md": front({"number": "1856/QĐ-UBND", "type": "Quyết định",
                                                         "title": "Kế hoạch mới", "issued": "21/11/2026"})})
    build(BuildSettings(sites, out, build_time("25/11/2026 09:00")))
    assert first_published("245/KH-UBND") == "20/11/2026"
    assert first_published("1120/QĐ-UBND") == ""
    assert first_published("1856/QĐ-UBND") == "25/11/2026"
    assert "Kế hoạch mới" in (out / "van-ban/1856-qd-ubnd/index.html").read_text(encoding="utf-8")


def test_documents_carry_dublin_core_and_legislation_data(built):
    root, _result = built
    html = page(root, "van-ban/1790-qd-ubnd")
    dublin = dict(re.findall(r'<meta name="(DC\.\w+)" content="([^"]*)">', html))
    assert set(dublin) == {"DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher",
                           "DC.identifier", "DC.language", "DC.type"}
    assert dublin["DC.date"] == "2026-10-30" and dublin["DC.identifier"].endswith("/van-ban/1790-qd-ubnd/")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    legislation = next(item for item in data["@graph"] if item["@type"] == "Legislation")
    assert legislation["legislationIdentifier"] == "1790/QĐ-UBND"
    assert legislation["legislationType"] == "Quyết định" and legislation["legislationDate"] == "2026-10-30"
    assert legislation["legislationLegalForce"] == "https://schema.org/NotInForce"  # in force from 10/12


def test_every_page_carries_dublin_core_naming_itself(built):
    """Archives and the national portal harvest every page, not only documents."""
    root, _result = built
    pages = [p for p in citizen_pages(root / "public") if p.name == "index.html"]  # the admin pages aside
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        dublin = dict(re.findall(r'<meta name="(DC\.\w+)" content="([^"]*)">', html))
        canonical = re.search(r'<link rel="canonical" href="([^"]*)">', html).group(1)
        assert {"DC.title", "DC.creator", "DC.publisher", "DC.identifier", "DC.language", "DC.type"} <= set(dublin)
        assert dublin["DC.identifier"] == canonical and dublin["DC.language"] == "vi", path
        assert dublin["DC.title"] and dublin["DC.type"] in {"Text", "Collection", "Dataset", "Event",
                                                            "InteractiveResource", "Service"}, path


def test_check_teaches_the_editor(tmp_path):
    from sitegen.commands.check import check

    sites = write_tree(tmp_path / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/documents/a.md": front({"number": "1/QĐ-UBND", "type": "Quyet dnh", "title": "A",
                                       "issued": "01/11/2026", "files": "[files/khong-co.pdf]"}),
        "huyen/documents/b.md": front({"number": "2/CT-UBND", "type": "Chỉ thị", "title": "B", "issued": "02/11/2026"}),
        "huyen/documents/c.md": front({"number": "2/CT-UBND", "type": "Chỉ thị", "title": "C", "issued": "03/11/2026"}),
    })
    found = {(Path(p.path).name, p.line, p.code): p for p in check(sites, build_time(NOW))}
    assert "Có phải ý bạn là 'Quyết định'?" in found[("a.md", 3, "bad-choice")].message()
    assert ("a.md", 6, "attachment-withheld") in found, "the document is published without that file, and says so"
    assert "b.md" in found[("c.md", None, "duplicate-number")].message()
