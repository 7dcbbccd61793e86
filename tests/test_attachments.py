"""Only safe files reach the portal's origin, and only the root grants raw HTML.

Every kind of file an editor can drop into files/ or images/ that a browser
could run there (HTML in any spelling, SVG, XML, scripts, programs, a page
renamed .pdf) is refused with a message naming it, and everything else is
published. A commune cannot give itself raw HTML; the root's allow_html_sites
can. --root names the root portal; another site claiming it is an error."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, front, news, write_tree

REPO = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, str(REPO / "build.py")]
NOW = "22/11/2026 10:00"
PHOTO = next((REPO / "sites").rglob("*.jpg")).read_bytes()
PDF = next((REPO / "sites").rglob("*.pdf")).read_bytes()


def zipped(**members: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/").replace("CT", "[Content_Types].xml"), data)
    return buffer.getvalue()


SAFE = {
    "files/quyet-dinh.pdf": PDF,
    "files/to-khai.docx": zipped(CT="<Types/>", word__document_xml="<w/>"),
    "files/bang-tinh.xlsx": zipped(CT="<Types/>", xl__workbook_xml="<x/>"),
    "files/van-ban.odt": zipped(mimetype="application/vnd.oasis.opendocument.text", content_xml="<x/>"),
    "files/mau-cu.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024),
    "files/danh-sach.csv": "STT,Họ và tên\n1,Nguyễn Văn A\n".encode(),
    "files/ghi-chu.txt": "Ghi chú: nộp trước 17:00.\n".encode(),
    "files/ho-so.zip": zipped(a_txt="x"),
    "files/ghi-am.mp3": b"ID3\x04\x00" + bytes(100),
    "files/phong-su.mp4": b"\x00\x00\x00\x18ftypmp42" + bytes(100),
    "images/anh.jpg": PHOTO,
    "images/dong.gif": b"GIF89a" + bytes(20),
}
UNSAFE = {
    "files/trang.html": b"<html><script>alert(1)</script></html>",
    "files/TRANG.HTM": b"<script>alert(1)</script>",
    "files/trang.xhtml": b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>",
    "files/trang.shtml": b"<script>alert(1)</script>",
    "images/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "images/logo.SVGZ": b"\x1f\x8b svg",
    "files/du-lieu.xml": b"<?xml version='1.0'?><x:script xmlns:x='http://www.w3.org/1999/xhtml'>alert(1)</x:script>",
    "files/ma.js": b"alert(1)",
    "files/cai-dat.exe": b"MZ\x90\x00",
    "files/trang.php": b"<?php echo 1; ?>",
    "files/lenh.sh": b"#!/bin/sh\nrm -rf /\n",
    "files/khong-duoi": b"<script>alert(1)</script>",
}
DISGUISED = {
    "files/bao-cao.pdf": b"<!DOCTYPE html><script>alert(1)</script>",
    "images/anh-gia.jpg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "files/ghi-chu-gia.txt": b"\xef\xbb\xbf  <!DOCTYPE html><script>alert(1)</script>",
    "files/to-khai-gia.docx": zipped(index_html="<script>alert(1)</script>"),
    "files/van-ban-gia.odt": zipped(mimetype="text/html"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("attachments")
    files = {f"xa-an/{name}": data for name, data in {**SAFE, **UNSAFE, **DISGUISED}.items()}
    sites = write_tree(root / "sites", {
        "huyen/site.yaml": ROOT_SITE, "xa-an/site.yaml": commune_site("An", parent="huyen"), **files,
        "xa-an/news/2026-11-10-tin.md": news("Tin có ảnh", image="images/logo.svg",
                                             body="Tải [quyết định](files/quyet-dinh.pdf)."),
    })
    out = root / "out"
    done = subprocess.run([*BUILD, "--sites", str(sites), "--out", str(out), "--now", NOW, "--no-report"],
                          capture_output=True, text=True)
    return out, done


def test_every_allowed_type_is_published(built):
    """As it is; a photo in images/ upright and without its metadata (test_pictures.py)."""
    out, _done = built
    for name, data in SAFE.items():
        published = (out / "xa-an" / name).read_bytes()
        assert published[:3] == data[:3] if name.endswith(".jpg") else published == data, name


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_a_type_a_browser_could_run_is_refused_by_name(built, name):
    out, done = built
    assert not (out / "xa-an" / name).exists()
    assert f"xa-an/{name}: lỗi: Tệp '{name}' không được đăng: loại tệp" in done.stderr


@pytest.mark.parametrize("name", sorted(DISGUISED))
def test_a_file_whose_bytes_are_not_its_type_is_refused(built, name):
    out, done = built
    assert not (out / "xa-an" / name).exists()
    assert f"xa-an/{name}: lỗi: Tệp '{name}' có đuôi {Path(name).suffix}" in done.stderr


def test_nothing_refused_leaves_a_trace_and_the_rest_is_published(built):
    out, done = built
    assert done.returncode == 1  # errors were reported, everything valid published
    every = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"alert(1)" not in every
    article = (out / "xa-an" / "tin-tuc" / "tin-co-anh" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../files/quyet-dinh.pdf"' in article and "logo.svg" not in article
    assert "xa-an/news/2026-11-10-tin.md:4:1: lỗi: 'image': tệp 'images/logo.svg' không được đăng" \
           in done.stderr


def raw_html_portal(root_extra: str = "", an_extra: str = "", binh_extra: str = "") -> dict[str, str]:
    body = 'Bản đồ: <div class="ban-do"><iframe src="https://maps.example/"></iframe></div>'
    return {
        "huyen/site.yaml": ROOT_SITE + root_extra,
        "xa-an/site.yaml": commune_site("An", parent="huyen", extra=an_extra),
        "xa-binh/site.yaml": commune_site("Bình", parent="huyen", extra=binh_extra),
        "xa-an/pages/ban-do.md": front({"title": "Bản đồ"}, body),
        "xa-binh/pages/ban-do.md": front({"title": "Bản đồ"}, body),
    }


def test_only_the_roots_grant_lets_a_site_write_raw_html(build_portal):
    built = build_portal(raw_html_portal("allow_html_sites: [xa-an]\n", binh_extra="allow_html: true\n"))
    assert '<iframe src="https://maps.example/"></iframe>' in built.page("xa-an/ban-do/")
    assert "<iframe" not in built.page("xa-binh/ban-do/")
    assert "xa-binh/site.yaml:6: cảnh báo: 'allow_html: true' không có tác dụng" in built.stderr


def test_a_commune_cannot_grant_raw_html_to_itself_or_others(build_portal):
    built = build_portal(raw_html_portal(an_extra="allow_html: true\nallow_html_sites: [xa-an, xa-binh]\n"))
    assert "<iframe" not in built.page("xa-an/ban-do/") and "<iframe" not in built.page("xa-binh/ban-do/")
    assert "xa-an/site.yaml: cảnh báo: 'allow_html_sites' chỉ có tác dụng trong site.yaml của cổng gốc" \
           in built.stderr


def test_withdrawing_the_grant_takes_raw_html_away_at_the_next_build(tmp_path, build_portal):
    build_portal(raw_html_portal("allow_html_sites: [xa-an]\n"))
    (tmp_path / "sites" / "huyen" / "site.yaml").write_text(ROOT_SITE, encoding="utf-8")
    built = build_portal({})
    assert "<iframe" not in built.page("xa-an/ban-do/")


def test_root_names_the_root_and_a_site_claiming_it_is_an_error(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        "huyen/site.yaml": ROOT_SITE,
        "xa-an/site.yaml": "name: Cổng giả\nkind: province\n",
        "xa-binh/site.yaml": commune_site("Bình", parent="huyen"),
    })
    done = subprocess.run([*BUILD, "--sites", str(sites), "--out", str(tmp_path / "out"), "--now", NOW,
                           "--root", "huyen", "--no-report"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "xa-an/site.yaml: lỗi: Trang này không có 'parent:' nhưng cổng gốc là 'huyen'" in done.stderr
    assert "Cổng thông tin điện tử huyện Mẫu" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "xa-an" / "index.html").is_file()
    wrong = subprocess.run([*BUILD, "--sites", str(sites), "--root", "khong-co"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "--root: không có trang 'khong-co'" in wrong.stderr
