"""Real editors' mistakes and hostile input: each is named with its file and
line, nothing unsafe is published, and everything valid still is."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from html.parser import HTMLParser

from lxml import etree

from sitegen.render.theme import Theme
from conftest import ROOT_SITE, commune_site, front, news, strip_tags


CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
THEME_SCRIPTS = tuple("assets/" + Theme.load().assets[name] for name in ("search.js", "documents.js"))  # the theme's own


ADMIN_SCRIPTS = {p.name for p in (Path(__file__).resolve().parents[1] / "themes" / "default" / "admin").glob("*.js")}


class _Unsafe(HTMLParser):
    """Collects every element or attribute that could run script."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        ours = (tag == "form" and (attributes.get("method") == "post" or attributes.get("role") == "search")
                or tag == "script" and (attributes.get("src") or "").endswith(THEME_SCRIPTS)
                or tag == "script" and (attributes.get("src") or "") in ADMIN_SCRIPTS  # the admin page's CMS
                or tag == "script" and attributes.get("type") == "application/ld+json")
        if tag in ("script", "iframe", "object", "embed", "svg", "style", "base", "form") and not ours:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action") and value and \
                    "".join(value.split()).lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag} {name}={value}")


def unsafe_markup(html: str) -> list[str]:
    parser = _Unsafe()
    parser.feed(html)
    return parser.found

BASE = {"huyen-mau/site.yaml": ROOT_SITE}


def test_drafts_and_future_items_appear_nowhere(build_portal):
    built = build_portal({
        **BASE,
        "huyen-mau/news/nhap.md": news("Bản nháp bí mật", draft="true", category="Bí mật"),
        "huyen-mau/news/sau.md": news("Tin hẹn giờ bí mật", "2026-12-24 08:00", tags="[hẹn giờ]"),
        "huyen-mau/news/2027-01-01-ten-tep.md": news("Tin năm sau bí mật", date=""),
        "huyen-mau/staff/nhap.md": front({"name": "Người nháp bí mật", "position": "X", "draft": "true"}),
        "huyen-mau/news/ok.md": news("Tin công khai"),
    })
    assert built.code == 0, built.stderr
    everything = built.all_text()
    assert "Tin công khai" in everything
    for secret in ("Bản nháp bí mật", "Tin hẹn giờ bí mật", "Tin năm sau bí mật", "Người nháp bí mật",
                   "bi-mat", "hen-gio"):
        assert secret not in everything
    later = build_portal({}, now="24/12/2026 08:00", out=built.out.parent / "later")
    assert "Tin hẹn giờ bí mật" in later.page("tin-tuc/")


def test_each_error_names_file_and_line_and_the_rest_is_published(build_portal):
    built = build_portal({
        **BASE,
        "huyen-mau/news/ngay-sai.md": news("Ngày không có", "31/02/2026 08:00"),
        "huyen-mau/news/thieu-tieu-de.md": "---\ndate: 2026-11-01 08:00\n---\nThân bài\n",
        "huyen-mau/news/hai-cham.md": "---\ntitle: Hội nghị: tổng kết\ndate: 2026-11-01\n---\nx\n",
        "huyen-mau/news/khong-khai-bao.md": "Chỉ có thân bài\n",
        "huyen-mau/news/sai-ma.md": b"---\ntitle: Tin \xe0 l\xe0\ndate: 2026-11-01\n---\n",
        "huyen-mau/procedures/ma-sai.md": front({"code": "1.23", "title": "Thủ tục mã sai"}),
        "huyen-mau/news/tot.md": news("Tin hợp lệ"),
    })
    assert built.code == 1
    errors = built.stderr
    assert "ngay-sai.md:3:1: lỗi:" in errors and "tháng 2/2026 chỉ có 28 ngày" in errors
    assert "thieu-tieu-de.md:2: lỗi: Thiếu 'title'" in errors
    assert "hai-cham.md:2:" in errors and "ngoặc kép" in errors
    assert "khong-khai-bao.md:1: lỗi:" in errors
    assert "sai-ma.md:2: lỗi:" in errors and "UTF-8" in errors
    assert "ma-sai.md:2:1: lỗi:" in errors and "1.001193" in errors
    assert "Tin hợp lệ" in built.page("tin-tuc/")


def test_misspelt_key_gets_a_suggestion(build_portal):
    built = build_portal({**BASE, "huyen-mau/news/a.md": "---\ntittle: Tin\ndate: 2026-11-01\n---\nx\n"})
    assert "a.md:2:1: cảnh báo: Khóa 'tittle'" in built.stderr
    assert "Có phải ý bạn là 'title'?" in built.stderr


def test_vietnamese_dates_bom_crlf_and_nfd_are_read_alike(build_portal):
    nfd_title = unicodedata.normalize("NFD", "Đường thôn Hòa Bình được mở rộng")
    raw = ("\ufeff---\r\ntitle: " + nfd_title + "\r\ndate: 27/06/2026 17:00\r\n---\r\nThân bài\r\n").encode()
    built = build_portal({**BASE, "huyen-mau/news/windows.md": raw})
    assert built.code == 0, built.stderr
    page = built.page("tin-tuc/duong-thon-hoa-binh-duoc-mo-rong/")
    assert unicodedata.normalize("NFC", nfd_title) in page
    assert nfd_title not in page
    assert "Thứ Bảy, 27/06/2026 17:00" in page


def test_two_items_with_one_slug_never_overwrite_each_other(build_portal):
    built = build_portal({
        **BASE,
        "huyen-mau/news/a.md": news("Tin trùng", "2026-11-01 08:00", body="Nội dung thứ nhất"),
        "huyen-mau/news/b.md": news("Tin trùng", "2026-11-02 08:00", body="Nội dung thứ hai"),
        "huyen-mau/news/c.md": news("Khác", "2026-11-03 08:00", slug="tin-trung", body="Nội dung thứ ba"),
    })
    bodies = [built.page(f"tin-tuc/{slug}/") for slug in ("tin-trung", "tin-trung-2", "tin-trung-3")]
    for text in ("Nội dung thứ nhất", "Nội dung thứ hai", "Nội dung thứ ba"):
        assert sum(text in b for b in bodies) == 1
    assert "tin-trung-2" in built.stderr


VECTORS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
]


def test_editor_script_never_reaches_a_page(build_portal):
    fields = {"title": '"T <script>alert(1)</script> x"', "author": '"<img src=x onerror=alert(1)>"',
              "summary": '"\\"><svg onload=alert(1)>"', "category": '"<b onclick=alert(1)>C</b>"',
              "tags": '["<script>t</script>"]', "date": "2026-11-01 08:00"}
    body = "\n\n".join(VECTORS) + "\n\n[bấm](javascript:alert(1)) [ok](https://dichvucong.gov.vn/)\n\n" \
           "<div onmouseover=\"alert(1)\">di chuột</div>\n\n<style>body{display:none}</style>"
    built = build_portal({
        **BASE,
        "huyen-mau/news/xss.md": front(fields, body),
        "huyen-mau/staff/x.md": front({"name": '"<script>alert(2)</script>"', "position": "P",
                                       "phone": '"<svg onload=alert(3)>"'}),
        "huyen-mau/schedule/x.md": front({"title": '"<script>alert(4)</script>"', "start": "2026-11-20 08:00",
                                          "location": '"<img src=x onerror=alert(5)>"'}),
    })
    for page in built.out.rglob("*.html"):
        assert unsafe_markup(page.read_text(encoding="utf-8")) == [], page
    article = built.page("tin-tuc/t-script-alert-1-script-x/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article  # shown as text, harmless
    assert 'href="https://dichvucong.gov.vn/"' in article
    assert "di chuột" in article
    rss = etree.parse(str(built.out / "rss.xml"))
    for item in rss.iter("item"):
        for html in (item.findtext("description"), item.findtext(CONTENT)):
            assert unsafe_markup(html) == []
    atom = etree.parse(str(built.out / "atom.xml"))
    for content in atom.iter("{http://www.w3.org/2005/Atom}content"):
        assert unsafe_markup(content.text) == []


def test_allow_html_lets_the_webmaster_embed(build_portal):
    site = ROOT_SITE + "allow_html_sites: [huyen-mau]\n"
    built = build_portal({"huyen-mau/site.yaml": site,
                          "huyen-mau/pages/ban-do.md": front({"title": "Bản đồ"},
                                                             '<iframe src="https://maps.example/"></iframe>')})
    assert '<iframe src="https://maps.example/"></iframe>' in built.page("ban-do/")


def test_paths_cannot_leave_the_site_folder(build_portal, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu")
    built = build_portal({
        **BASE,
        "xa-an/site.yaml": commune_site("An"),
        "xa-an/images/ok.jpg": b"\xff\xd8\xff\xe0jpg",
        "huyen-mau/files/cua-huyen.pdf": b"%PDF-1.4 pdf",
        "xa-an/news/a.md": news("Dot dot", image="../../secret.txt"),
        "xa-an/news/b.md": news("Absolute", image="/etc/passwd"),
        "xa-an/news/c.md": news("Windows", image='"C:\\\\Users\\\\a.jpg"'),
        "xa-an/news/d.md": news("Encoded", image="images/%2e%2e/%2e%2e/secret.txt"),
        "xa-an/news/e.md": news("Parent site", image="../huyen-mau/files/cua-huyen.pdf",
                                body="![x](../../secret.txt) [y](../huyen-mau/files/cua-huyen.pdf)"),
    })
    (built.out.parent / "sites" / "xa-an" / "images" / "link.jpg").symlink_to(secret)
    again = build_portal({}, out=built.out.parent / "again")
    for result in (built, again):
        assert "mật khẩu" not in result.all_text()
        assert not list(result.out.rglob("secret.txt"))
        assert not (result.out / "xa-an" / "images" / "link.jpg").exists()
    for name in ("a.md", "b.md", "c.md", "d.md", "e.md"):
        assert f"xa-an/news/{name}:" in built.stderr
    assert "link.jpg" in again.stderr
    # The articles themselves still publish, without the refused picture.
    assert "Dot dot" in built.page("xa-an/tin-tuc/")


def test_a_broken_site_never_stops_the_others(build_portal):
    built = build_portal({
        **BASE,
        "xa-hong/site.yaml": "name: [xã hỏng\nkind: commune\n",
        "xa-hong/news/a.md": news("Tin của xã hỏng"),
        "xa-tot/site.yaml": commune_site("Tốt"),
        "xa-tot/news/a.md": news("Tin xã tốt"),
        "khong-co-site/news/a.md": news("Tin mồ côi"),
        "xa-lac/site.yaml": commune_site("Lạc", parent="khong-ton-tai"),
    })
    assert built.code == 1
    assert "xa-hong/site.yaml:1" in built.stderr
    assert "khong-co-site" in built.stderr and "site.yaml" in built.stderr
    assert "khong-ton-tai" in built.stderr
    assert "Tin xã tốt" in built.page("xa-tot/tin-tuc/")
    assert (built.out / "xa-lac" / "index.html").is_file(), "an unknown parent still publishes under the root"


def test_cycle_of_parents_is_reported(build_portal):
    district = "name: Huyện {0}\nkind: district\nparent: {1}\n"
    built = build_portal({
        **BASE,
        "huyen-a/site.yaml": district.format("A", "huyen-b"),
        "huyen-b/site.yaml": district.format("B", "huyen-a"),
    })
    assert built.code == 1
    assert "huyen-a" in built.stderr and "vòng" in built.stderr
    assert (built.out / "huyen-a" / "index.html").is_file() and (built.out / "huyen-b" / "index.html").is_file()


def test_a_commune_cannot_be_a_parent(build_portal):
    built = build_portal({
        **BASE,
        "xa-a/site.yaml": commune_site("A", parent="xa-b"),
        "xa-b/site.yaml": commune_site("B"),
    })
    assert built.code == 1
    assert "xa-a/site.yaml: lỗi: 'parent: xa-b' là một xã" in built.stderr
    assert (built.out / "xa-a" / "index.html").is_file()


def test_missing_picture_is_reported_and_left_out(build_portal):
    built = build_portal({**BASE, "huyen-mau/news/a.md": news(
        "Ảnh thiếu", body="Trước\n\n![Không có](images/khong-co.jpg)\n\nSau [tệp](files/khong-co.pdf)")})
    assert built.code == 1
    assert "a.md:7: lỗi:" in built.stderr and "khong-co.jpg" in built.stderr
    page = built.page("tin-tuc/anh-thieu/")
    assert "khong-co.jpg" not in page and "khong-co.pdf" not in page
    assert "tệp" in strip_tags(page)


def test_a_bad_date_is_reported_once(build_portal):
    built = build_portal({**BASE, "huyen-mau/news/a.md": news("Ngày sai", "31/02/2026 08:00")})
    lines = [line for line in built.stderr.splitlines() if "a.md" in line]
    assert len(lines) == 1 and "28 ngày" in lines[0]
