"""`python build.py import`: the national procedure list into a commune, repeatable,
an editor's edit never overwritten, bad input writing nothing; and old addresses
answered with a 301 through the real nginx."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_sample_as_real_portal

from sitegen.cli import main
from tests.nginx_server import NGINX, free_port, get, nginx

REPO = Path(__file__).resolve().parent.parent
HEADER = ["STT", "Mã số", "Tên", "Cơ quan", "Lĩnh vực", "Cấp thực hiện"]
ROWS = [
    [1, "1.001193", "Đăng ký khai sinh", "UBND cấp xã", "Hộ tịch", "Cấp Xã"],
    [2, "1.004772", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "UBND cấp xã", "Chứng thực", "Cấp Xã"],
    [3, "2.000635", "Cấp bản sao trích lục hộ tịch", "UBND cấp xã", "Hộ tịch", "Cấp Xã, Cấp Huyện"],
    [4, "không-phải-mã", "Dòng hỏng", "", "", ""],
    [5, "1.001193", "Đăng ký khai sinh (trùng)", "", "", ""],
]


def sheet(path: Path, rows=ROWS) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    page = book.active
    page.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])  # exports carry a title and a blank row before the header
    page.append([])
    page.append(HEADER)
    for row in rows:
        page.append(row)
    book.save(path)
    return path


@pytest.fixture
def sites(tmp_path):
    return copy_sample_as_real_portal(tmp_path / "sites")


def run(*args: str) -> int:
    return main(["import", *args])


def test_the_national_list_comes_in_once_and_check_names_what_is_missing(sites, tmp_path, capsys):
    xlsx = sheet(tmp_path / "thu-tuc.xlsx")
    assert run("procedures", str(xlsx), "--site", "phu-thanh", "--sites", str(sites)) == 0
    made = sorted((sites / "phu-thanh/procedures").glob("1-00*.md")) + \
        sorted((sites / "phu-thanh/procedures").glob("2-000635*.md"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in made}
    assert len([t for t in texts.values() if "code: 1.001193" in t or "code: '1.001193'" in t]) == 1
    assert any("Chứng thực bản sao" in t for t in texts.values())
    summary = (sites / "phu-thanh/_nhap/bao-cao-procedures.md").read_text(encoding="utf-8")
    assert "dòng 7" in summary and "dòng 8" in summary  # the broken row and the repeated code, by row
    capsys.readouterr()
    assert main(["check", "--sites", str(sites)]) in (0, 1)
    printed = capsys.readouterr()
    checked = [line for line in (printed.out + printed.err).splitlines() if "phu-thanh/procedures/1-001193" in line]
    assert checked and all("cảnh báo" in line for line in checked), checked  # warnings, each naming the file
    assert any("thời hạn" in line.lower() for line in checked), checked

    before = {p: p.read_bytes() for p in (sites / "phu-thanh").rglob("*") if p.is_file()}
    assert run("procedures", str(xlsx), "--site", "phu-thanh", "--sites", str(sites)) == 0  # again
    after = {p: p.read_bytes() for p in (sites / "phu-thanh").rglob("*") if p.is_file()}
    assert {p for p in after if "_nhap" not in str(p)} == {p for p in before if "_nhap" not in str(p)}
    assert all(after[p] == before[p] for p in before if "_nhap" not in str(p))
    assert "0 tệp mới, 0 cập nhật" in capsys.readouterr().out


def test_an_editors_edit_is_never_overwritten_and_a_newer_export_updates_the_rest(sites, tmp_path):
    xlsx = sheet(tmp_path / "thu-tuc.xlsx")
    assert run("procedures", str(xlsx), "--site", "phu-thanh", "--sites", str(sites)) == 0
    files = {p.read_text(encoding="utf-8").split("title: ")[1].split("\n")[0]: p
             for p in (sites / "phu-thanh/procedures").glob("*.md") if "_nhap" not in str(p)}
    edited = files["Đăng ký khai sinh"]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThời hạn giải quyết: ngay trong ngày.\n",
                      encoding="utf-8")
    newer = [row[:] for row in ROWS[:3]]
    newer[0][3] = newer[1][3] = "Ủy ban nhân dân xã"
    sheet(xlsx, newer + [[6, "1.003583", "Đăng ký kết hôn", "UBND cấp xã", "Hộ tịch", "Cấp Xã"]])
    assert run("procedures", str(xlsx), "--site", "phu-thanh", "--sites", str(sites)) == 0
    assert "ngay trong ngày" in edited.read_text(encoding="utf-8")  # kept
    assert "Ủy ban nhân dân xã" in files["Chứng thực bản sao từ bản chính giấy tờ, văn bản"].read_text(encoding="utf-8")
    assert any("Đăng ký kết hôn" in p.read_text(encoding="utf-8") for p in (sites / "phu-thanh/procedures").glob("*.md"))
    summary = (sites / "phu-thanh/_nhap/bao-cao-procedures.md").read_text(encoding="utf-8")
    assert edited.name in summary.split("Bạn đã sửa")[1].split("##")[0]


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", "Mã số,Tên\n1.001193,x\n".encode()])
def test_a_file_that_is_not_the_list_writes_nothing(sites, tmp_path, capsys, content):
    bad = tmp_path / "thu-tuc.xlsx"
    bad.write_bytes(content)
    before = sorted(p for p in sites.rglob("*"))
    assert run("procedures", str(bad), "--site", "phu-thanh", "--sites", str(sites)) == 2
    assert sorted(p for p in sites.rglob("*")) == before
    assert "thu-tuc.xlsx" in capsys.readouterr().err


def test_a_sheet_without_the_header_is_refused_by_name(sites, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Họ tên", "Địa chỉ"])
    book.save(tmp_path / "khac.xlsx")
    assert run("procedures", str(tmp_path / "khac.xlsx"), "--site", "phu-thanh", "--sites", str(sites)) == 2
    assert "Mã số" in capsys.readouterr().err
    assert not (sites / "phu-thanh/_nhap").exists()


def test_a_file_not_named_xlsx_is_refused_by_name(sites, tmp_path, capsys):
    other = tmp_path / "thu-tuc.md"
    other.write_text("# không phải bảng tính\n", encoding="utf-8")
    assert run("procedures", str(other), "--site", "phu-thanh", "--sites", str(sites)) == 2
    assert "thu-tuc.md" in capsys.readouterr().err


def test_an_unknown_site_is_refused(sites, tmp_path, capsys):
    assert run("procedures", str(sheet(tmp_path / "t.xlsx")), "--site", "khong-co", "--sites", str(sites)) == 2
    assert "khong-co" in capsys.readouterr().err


def test_old_addresses_are_answered_with_a_301_through_nginx(sites, tmp_path):
    if not os.access(NGINX, os.X_OK):
        pytest.skip("nginx is not installed")
    article = sorted((sites / "an-binh/news").glob("*.md"))[0]
    old = ["/?p=123", "/index.php?language=vi&nv=news&op=thoi-su/hop-dan-thon-1-123",
           "/2019/06/27/tin-tức-mới/", '/"; return 302 http://evil.example/;', "//evil.example/x",
           "/a$host", "/x\r\nLocation: http://evil.example/"]
    text = article.read_text(encoding="utf-8")
    import yaml

    article.write_text(text.replace("---\n", "---\naliases: " + yaml.safe_dump(old, allow_unicode=True,
                                                                          default_flow_style=True), 1),
                       encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--sites", str(sites), "--out", str(out), "--no-report"]) in (0, 1)
    port = free_port()
    made = subprocess.run([sys.executable, str(REPO / "build.py"), "nginx", "--sites", str(sites), "--out", str(out),
                           "--listen", f"127.0.0.1:{port}"], capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 0, made.stderr
    assert "evil.example" not in made.stdout and "host" not in made.stdout.split("moved_1\" {")[1].split("}")[0]
    moved = made.stdout.split("moved_1\" {")[1].split("}")[0]
    page = moved.split("/an-binh/tin-tuc/")[1].split("/")[0]  # the article's page: it exists
    assert (out / "an-binh/tin-tuc" / page / "index.html").is_file()
    (tmp_path / "nginx").mkdir()
    with nginx(tmp_path / "nginx", made.stdout, port):
        for address in ("/an-binh/?p=123", "/an-binh/index.php?language=vi&nv=news&op=thoi-su/hop-dan-thon-1-123",
                        "/an-binh/2019/06/27/tin-t%E1%BB%A9c-m%E1%BB%9Bi/"):
            status, headers, _body = get(port, "phutho.gov.vn", address)
            assert status == 301 and headers["location"].endswith(f"/an-binh/tin-tuc/{page}/"), address
        status, headers, _body = get(port, "phutho.gov.vn", "/an-binh/?p=124")
        assert status == 200 and "location" not in headers
        status, headers, _body = get(port, "phutho.gov.vn", "//evil.example/x")
        assert "evil.example" not in headers.get("location", "")


def test_a_procedure_the_site_already_wrote_is_kept_and_the_lists_is_not_brought_in(sites, tmp_path):
    """An Bình wrote 'Đăng ký khai sinh' (1.001193) itself: the list's copy would be a
    second procedure of one code (an error for the build); the editor's stays, said."""
    own = sites / "an-binh/procedures/dang-ky-khai-sinh.md"
    before = own.read_bytes()
    assert run("procedures", str(sheet(tmp_path / "thu-tuc.xlsx")), "--site", "an-binh", "--sites", str(sites)) == 0
    assert own.read_bytes() == before
    codes = [p for p in (sites / "an-binh/procedures").glob("*.md") if "1.001193" in p.read_text(encoding="utf-8")]
    assert codes == [own]
    summary = (sites / "an-binh/_nhap/bao-cao-procedures.md").read_text(encoding="utf-8")
    assert "Trang đã có văn bản cùng số hiệu, thủ tục cùng mã" in summary
    assert "- `procedures/dang-ky-khai-sinh.md`: 1.001193" in summary
    assert main(["build", "--sites", str(sites), "--out", str(tmp_path / "out"), "--no-report"]) == 0
