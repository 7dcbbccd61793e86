"""What `check` tells an editor about the commonest slips, in words that fit the
slip: an indented line, a picture name with a typo, an impossible date in a dated
file, one refused attachment among several, a nested key."""

from __future__ import annotations

from conftest import NOW, ROOT_SITE, front, news, write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _built(tmp_path, files):
    sites = write_tree(tmp_path / "sites", {"h/site.yaml": ROOT_SITE, **files})
    result = build(BuildSettings(sites, tmp_path / "out", build_time(NOW)))
    return result, {p.path.rpartition("/h/")[2]: p for p in result.problems}


def _by(result, name: str, code: str):
    return [p for p in result.problems if p.path.endswith(name) and p.code == code]


def test_an_indented_line_is_said_to_be_indented(tmp_path):
    result, _ = _built(tmp_path, {"h/news/a.md": "---\ntitle: Tin\n date: 2026-11-10 08:00\n---\nNội dung.\n",
                                  "h/news/b.md": news("Hội nghị", body="x").replace("title: Hội nghị",
                                                                                    "title: Hội nghị: tổng kết")})
    indented = _by(result, "news/a.md", "indented-line")
    assert len(indented) == 1 and indented[0].line == 3
    assert "thụt vào" in indented[0].message("vi") and "'date:'" in indented[0].message("vi")
    assert "indented" in indented[0].message("en")
    colon = _by(result, "news/b.md", "yaml-syntax")
    assert colon and "ngoặc kép" in colon[0].message("vi"), "a colon inside a value keeps its own advice"


def test_a_missing_picture_suggests_only_a_close_name(tmp_path):
    from test_pictures import _photo

    result, _ = _built(tmp_path, {"h/images/quach-thi-lan.jpg": _photo(40, 40),
                                  "h/images/hoi-nghi-tong-ket.jpg": _photo(40, 40),
                                  "h/news/a.md": news("A", image="images/chu-tich.jpg"),
                                  "h/news/b.md": news("B", image="images/hoi-nghi-tongket.jpg")})
    far = _by(result, "news/a.md", "missing-file")[0].message("vi")
    assert "Có phải ý bạn" not in far, "a leader's portrait is no suggestion for another picture"
    near = _by(result, "news/b.md", "missing-file")[0].message("vi")
    assert "Có phải ý bạn là 'images/hoi-nghi-tong-ket.jpg'?" in near


def test_an_impossible_date_says_which_date_the_article_takes(tmp_path):
    result, _ = _built(tmp_path, {"h/news/2026-11-09-hop.md": news("Họp", date="31/02/2026")})
    assert _by(result, "2026-11-09-hop.md", "impossible-date") or _by(result, "2026-11-09-hop.md", "bad-date")
    said = _by(result, "2026-11-09-hop.md", "date-from-file-name")
    assert len(said) == 1 and "09/11/2026" in said[0].message("vi") and "file name" in said[0].message("en")
    page = next((tmp_path / "out" / "tin-tuc").glob("*/index.html")).read_text(encoding="utf-8")
    assert "09/11/2026" in page


def test_one_refused_attachment_leaves_the_others_and_the_page_says_so(tmp_path):
    document = front({"number": "12/QĐ-UBND", "type": "Quyết định", "title": "Về việc thử", "issued": "01/11/2026",
                      "files": "[files/qd.pdf, {title: Phụ lục, file: files/phu-luc.html}]"})
    result, _ = _built(tmp_path, {"h/files/qd.pdf": PDF, "h/files/phu-luc.html": b"<html></html>",
                                  "h/documents/qd.md": document})
    withheld = _by(result, "documents/qd.md", "attachment-withheld")
    assert len(withheld) == 1 and "files/phu-luc.html" in withheld[0].message("vi")
    assert "vẫn được đăng" in withheld[0].message("vi")
    page = (tmp_path / "out" / "van-ban" / "12-qd-ubnd" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../files/qd.pdf"' in page or "files/qd.pdf" in page, "the signed PDF is still there"
    assert "Tệp phu-luc.html của văn bản này chưa được đăng" in page


def test_a_nested_key_is_named_as_the_editor_wrote_it(tmp_path):
    draft = ("---\nnumber: DT-1\ntype: Dự thảo\ntitle: Dự thảo\nissued: 01/11/2026\n"
             "consultation:\n  until: 31/02/2027 17:00\n---\n")
    result, _ = _built(tmp_path, {"h/documents/dt.md": draft})
    found = [p for p in result.problems if p.path.endswith("dt.md") and p.line == 7]
    assert found and "'consultation › until'" in found[0].message("vi"), [p.message("vi") for p in result.problems]
    assert "consultation.until" not in found[0].message("vi")


def test_a_scaffold_published_untouched_gets_a_warning_per_sample_line(tmp_path):
    from sitegen.cli import main

    sites = write_tree(tmp_path / "sites", {"h/site.yaml": ROOT_SITE})
    assert main(["new", "news", "--site", "h", "--sites", str(sites), "--now", NOW, "Hội nghị tổng kết"]) == 0
    written = next((sites / "h" / "news").glob("*.md"))
    result = build(BuildSettings(sites, tmp_path / "out", build_time(NOW)))
    left = [p for p in result.problems if p.code == "scaffold-placeholder"]
    lines = written.read_text(encoding="utf-8").splitlines()
    assert left and all(dict(p.params)["text"] == lines[p.line - 1].strip() for p in left)
    assert "chữ mẫu" in left[0].message("vi") and "sample text" in left[0].message("en")
    body_start = lines.index("---", 1) + 1
    written.write_text("\n".join(lines[:body_start]) + "\nHội nghị tổng kết công tác năm 2026 của huyện.\n",
                       encoding="utf-8")
    result = build(BuildSettings(sites, tmp_path / "out", build_time(NOW)))
    assert [p for p in result.problems if p.code == "scaffold-placeholder"] == []
