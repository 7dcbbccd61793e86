"""Reading a WordPress export (sitegen/importing/wordpress.py), on WordPress's own
theme unit test data (tests/fixtures/wordpress/README.md) and a small WXR 1.1
export of a commune site, then writing it into a site and building the portal."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

import pytest
from conftest import copy_sample_as_real_portal

from sitegen.importing.html import to_markdown
from sitegen.importing.model import SourceError
from sitegen.importing.wordpress import autop, read_wordpress, wordpress_html
from sitegen.importing.write import Writer
from sitegen.messages.importing import IMPORTING

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
UNIT_TEST = FIXTURES / "themeunittestdata.wordpress.xml"
COMMUNE = FIXTURES / "xa-an-binh-wxr-1.1.xml"
SITES = Path(__file__).parent.parent / "sites"
NOW = "22/11/2026 10:00"


@pytest.fixture(scope="module")
def unit_test():
    return read_wordpress(UNIT_TEST)


@pytest.fixture(scope="module")
def commune():
    return read_wordpress(COMMUNE)


def by_key(batch):
    return {item.key: item for item in batch.items}


def raw_items(path: Path) -> list[dict]:
    """The export's items as a plain ElementTree pass sees them (its own namespaces)."""
    root = ElementTree.parse(path).getroot()
    wp = next(child.tag[1:].split("}")[0] for child in root.find("channel") if child.tag.endswith("}wxr_version"))
    found = []
    for item in root.find("channel").findall("item"):
        found.append({
            "id": item.findtext(f"{{{wp}}}post_id"), "type": item.findtext(f"{{{wp}}}post_type"),
            "status": item.findtext(f"{{{wp}}}status"), "password": bool(item.findtext(f"{{{wp}}}post_password")),
            "title": (item.findtext("title") or "").strip(),
            "content": (item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or "").strip(),
        })
    return found


# What the theme unit test holds ---------------------------------------------------------


def test_every_post_and_page_is_imported_or_left_out_as_the_file_says(unit_test):
    raw = raw_items(UNIT_TEST)
    kept, left = Counter(), Counter()
    for item in raw:
        if item["type"] == "attachment":
            continue
        if item["type"] not in ("post", "page"):
            left["import-wp-other-type"] += 1
        elif item["status"] == "trash":
            left["import-wp-trash"] += 1
        elif item["status"] == "private":
            left["import-wp-private"] += 1
        elif item["password"]:
            left["import-wp-password"] += 1
        elif item["status"] in ("publish", "future") or (item["title"] and item["content"]):
            kept[item["type"]] += 1
        else:
            left["import-wp-draft"] += 1
    assert Counter(i.kind for i in unit_test.items) == {"news": kept["post"], "page": kept["page"]}
    assert Counter(o.code for o in unit_test.left_out) == left
    # the figures themselves, so that a change of the file is seen
    assert (kept["post"], kept["page"]) == (57, 21)
    assert left == {"import-wp-other-type": 70, "import-wp-password": 1}
    attachments = sum(1 for item in raw if item["type"] == "attachment")
    assert len(unit_test.items) + len(unit_test.left_out) + attachments == len(raw)
    assert len({i.key for i in unit_test.items}) == len(unit_test.items)
    assert {o.values["type"] for o in unit_test.left_out if o.code == "import-wp-other-type"} == {"nav_menu_item"}


def test_titles_come_out_as_text(unit_test):
    items = by_key(unit_test)
    # the XML holds '&amp;', '&#039;', '&quot;', '&gt;'; the title is the characters
    special = items["post-1174"].fields["title"]
    assert special == "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>"
    assert "<" not in items["post-1173"].fields["title"] and "Title With" in items["post-1173"].fields["title"]
    untitled = items["post-1169"]
    assert untitled.fields["title"] == "This post has no title, but it still must link to the single post view somehow"
    assert ("import-wp-no-title", {"title": untitled.fields["title"]}) in untitled.notes


def test_a_scheduled_post_keeps_its_future_date_and_is_not_a_draft(unit_test):
    scheduled = by_key(unit_test)["post-1153"]
    assert scheduled.fields["date"] == "2030-01-01 12:00"
    assert "draft" not in scheduled.fields


def test_password_protected_posts_are_left_out_with_their_code(unit_test):
    left = {o.key: o for o in unit_test.left_out}
    assert left["post-1168"].code == "import-wp-password"
    assert "post-1168" not in by_key(unit_test)


def test_a_draft_is_kept_as_a_draft_and_said_so(unit_test):
    draft = by_key(unit_test)["post-1164"]
    assert draft.fields["draft"] is True
    assert draft.fields["date"] == "2013-04-09 11:20"
    assert ("import-kept-draft", {"status": "draft"}) in draft.notes
    assert draft.name == "Draft"  # it has no post_name yet
    assert draft.old_urls == ("/?p=1164",)
    assert sum(1 for i in unit_test.items if i.fields.get("draft")) == 1


def test_fields_of_a_post(unit_test):
    items = by_key(unit_test)
    post = items["post-1011"]
    assert post.fields["categories"] == ["Classic", "Template", "Uncategorized"]
    assert post.fields["tags"] == ["Codex", "edge case", "featured image", "image", "template"]
    assert post.fields["author"] == "Theme Buster"  # dc:creator 'themedemos', mapped to its display name
    assert post.fields["date"] == "2012-03-15 15:15"
    assert [(u.source, u.field) for u in post.uploads] == [
        ("https://wpthemetestdata.files.wordpress.com/2013/03/featured-image-horizontal.jpg", "image")]
    assert post.name == "template-featured-image-horizontal"
    assert set(post.fields) <= {"title", "date", "category", "categories", "tags", "author", "summary", "image",
                                "featured", "draft"}
    excerpt = items["post-993"].fields["summary"]
    assert excerpt.startswith("This is a user-defined post excerpt. It should be displayed") and "<" not in excerpt
    assert items["post-1241"].fields["featured"] is True  # sticky
    assert items["post-1173"].fields["tags"] == ["css", "html", "title"]
    one = next(i for i in unit_test.items if i.kind == "news" and "category" in i.fields)
    assert isinstance(one.fields["category"], str)


def test_lists_longer_than_the_kind_allows_are_cut_and_noted(unit_test):
    items = by_key(unit_test)
    many_categories, many_tags = items["post-1152"], items["post-1151"]
    assert len(many_categories.fields["categories"]) == 10
    assert ("import-wp-too-many", {"key": "categories", "count": 62, "kept": 10}) in many_categories.notes
    assert len(many_tags.fields["tags"]) == 30
    assert any(code == "import-wp-too-many" and values["key"] == "tags" for code, values in many_tags.notes)


def test_pages_keep_their_slug_when_it_is_one(unit_test):
    items = by_key(unit_test)
    assert items["page-2"].fields == {"title": "About The Tests", "slug": "about"}
    greek = items["page-1811"]
    assert "slug" not in greek.fields  # 'επίπεδο-2' is no slug: the file name makes it
    assert greek.name == "επίπεδο-2"
    assert greek.old_urls[:2] == ("/?page_id=1811", "/?p=1811")
    # the link is '...wordpress.com//greek/%ce%b5...': one slash, WordPress's lowercase and the normal form
    assert "/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/" in greek.old_urls
    assert "/greek/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/" in greek.old_urls


def test_old_addresses(unit_test, commune):
    from sitegen.serving.moved import uri

    for item in unit_test.items + commune.items:  # as the nginx map takes them: already as browsers send them
        assert all(uri(url) == url for url in item.old_urls), item.old_urls
    for item in unit_test.items:
        number = item.key.split("-", 1)[1]
        assert f"/?p={number}" in item.old_urls
        assert all(url.startswith("/") and "://" not in url and not url.startswith("//") for url in item.old_urls)
    assert by_key(unit_test)["post-1163"].old_urls == ("/?p=1163", "/2010/08/07/post-format-image-caption/")
    assert unit_test.uploads_base[:2] == ("https://wordpress.com/", "http://wordpress.com/")
    assert "https://wpthemetestdata.wordpress.com/" in unit_test.uploads_base


def test_a_caption_becomes_a_figure_with_its_caption(unit_test):
    items = by_key(unit_test)
    body = items["post-1163"].body_html
    assert "[caption" not in body
    assert re.search(r"<figure><a [^>]*><img [^>]*></a><figcaption>Bell on wharf in San Francisco</figcaption>"
                     r"</figure>", body)
    markdown = to_markdown(body)
    assert "Bell on wharf in San Francisco" in markdown and markdown.startswith("![")
    # the caption written as an attribute (before WordPress 3.4)
    assert "<figcaption>Chunk of resinous blackboy husk, Clarkson" in items["post-568"].body_html


def test_paragraphs_are_made_as_wordpress_makes_them(unit_test):
    body = by_key(unit_test)["post-1011"].body_html
    assert body.count("<p>") == 3 and body.startswith("<p>This post should display")
    assert autop("a\nb\n\nc") == "<p>a<br />\nb</p>\n<p>c</p>\n"  # as wpautop() gives it
    assert autop("<pre>x\n\ny</pre>\n\nz") == "<pre>x\n\ny</pre>\n<p>z</p>\n"
    assert autop("<ul>\n<li>a</li>\n</ul>") == "<ul>\n<li>a</li>\n</ul>\n"
    block_body = by_key(unit_test)["post-1755"].body_html  # block editor: its own paragraphs, no <br />
    assert "<!-- wp:" in block_body and "<br />" not in block_body


def test_shortcodes(unit_test):
    items = by_key(unit_test)
    gallery = items["post-555"]
    assert "[gallery" not in gallery.body_html
    assert ("import-wp-gallery", {"count": 23}) in gallery.notes  # the post's 23 pictures, once for 10 galleries
    assert gallery.body_html.count("<img") == 23
    assert "[simple boat]" in items["post-358"].body_html  # prose in brackets is no shortcode
    audio = items["post-587"].body_html
    assert '<a href="https://wpthemetestdata.files.wordpress.com/2008/06/originaldixieland' in audio.split("Audio")[1]
    assert '<a href="https://www.youtube.com/watch?v=SQEQr7c0-dw">' in items["post-1161"].body_html
    notes = []
    assert wordpress_html("Xem [gallery ids=\"9\"] và [contact-form-7 id=\"3\"] [[gallery]]", notes) == \
        "<p>Xem  và  [gallery]</p>"
    assert notes == [("import-wp-shortcode", {"name": "gallery", "count": 1}),
                     ("import-wp-shortcode", {"name": "contact-form-7", "count": 1})]


def test_no_script_or_handler_survives_the_conversion(unit_test, commune):
    for item in unit_test.items + commune.items:
        markdown = to_markdown(item.body_html)
        assert not re.search(r"(?i)<\s*script|<\s*iframe|javascript:|\bon[a-z]+\s*=", markdown), (item.key, markdown)
    hostile = by_key(commune)["post-10"]
    assert "<script>" in hostile.body_html and "onerror" in hostile.body_html  # it was there to be removed
    assert "alert" not in to_markdown(hostile.body_html)


def test_empty_bodies_are_noted(unit_test):
    empty = by_key(unit_test)["post-1170"]
    assert empty.body_html == "" and ("import-empty-body", {}) in empty.notes


def test_every_note_and_reason_is_worded_in_both_languages(unit_test, commune):
    said = [(code, values) for batch in (unit_test, commune) for item in batch.items for code, values in item.notes]
    said += [(o.code, o.values) for batch in (unit_test, commune) for o in batch.left_out]
    assert said
    for code, values in said:
        vietnamese, english = IMPORTING[code]
        assert vietnamese.format(**values) and english.format(**values)
    assert all(code.startswith("import-") for code in IMPORTING)


# A commune's own export (WXR 1.1) ------------------------------------------------------


def test_a_wxr_1_1_export_of_a_commune(commune):
    items = by_key(commune)
    post = items["post-10"]
    assert post.fields["title"] == "Tình hình ứng dụng CNTT – chính quyền điện tử & \"một cửa\""
    assert post.fields["categories"] == ["Tin tổng hợp", "Kinh tế & Xã hội"]
    assert post.fields["tags"] == ["một cửa", "chuyển đổi số"]
    assert post.fields["author"] == "Thùy An"
    assert post.fields["summary"] == "6 tháng đầu năm 2019, UBND xã đã đưa phần mềm một cửa điện tử vào sử dụng."
    assert post.uploads[0].source == "http://anbinh.lacthuy.gov.vn/wp-content/uploads/2019/06/mot-cua.jpg"
    assert post.old_urls == ("/?p=10", "/2019/06/27/t%c3%acnh-h%c3%acnh-ung-dung-cntt/",
                             "/2019/06/27/t%C3%ACnh-h%C3%ACnh-ung-dung-cntt/")
    assert "<figcaption>Bộ phận một cửa của <strong>UBND xã</strong></figcaption>" in post.body_html
    assert "<p>Sáu tháng đầu năm 2019" in post.body_html and "<br />\nNgười dân" in post.body_html
    assert "<pre>dòng một\n\ndòng hai</pre>" in post.body_html
    assert "[ghi chú của biên tập]" in post.body_html
    assert items["post-12"].fields["draft"] is True  # pending
    assert ("import-kept-draft", {"status": "pending"}) in items["post-12"].notes
    assert "date" not in items["post-18"].fields and items["post-18"].fields["draft"] is True  # never dated
    assert items["post-16"].fields["date"] == "2030-01-02 08:00" and "draft" not in items["post-16"].fields
    assert items["page-17"].fields == {"title": "Lịch sử hình thành xã", "slug": "lich-su-hinh-thanh-xa"}
    left = {o.key: o.code for o in commune.left_out}
    assert left == {"post-11": "import-wp-private", "post-13": "import-wp-draft", "post-14": "import-wp-trash",
                    "post-15": "import-wp-password", "nav_menu_item-30": "import-wp-other-type",
                    "revision-31": "import-wp-other-type", "van_ban-32": "import-wp-other-type"}
    assert commune.uploads_base == ("https://anbinh.lacthuy.gov.vn/", "http://anbinh.lacthuy.gov.vn/")


# Files that are no export ---------------------------------------------------------------


def test_a_truncated_export_names_the_line(tmp_path):
    data = UNIT_TEST.read_bytes()
    cut = tmp_path / "export.xml"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError) as raised:
        read_wordpress(cut)
    error = raised.value
    assert error.code == "import-wp-truncated"
    assert error.values["line"] == cut.read_bytes().count(b"\n") + 1
    for wording in IMPORTING[error.code]:
        message = wording.format(**error.values)
        assert str(cut) in message and str(error.values["line"]) in message


def test_xml_broken_inside_names_the_line(tmp_path):
    lines = UNIT_TEST.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[99] = "<wp:broken attribute=></wp:broken>\n"
    broken = tmp_path / "export.xml"
    broken.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_wordpress(broken)
    assert raised.value.code == "import-wp-bad-xml" and raised.value.values["line"] == 100


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04\x14\x00",
                                  "<!DOCTYPE html><html><body><p>Trang chủ</body></html>".encode(),
                                  "Tin tức, không phải XML".encode()])
def test_a_file_that_is_not_xml(tmp_path, data):
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    with pytest.raises(SourceError) as raised:
        read_wordpress(path)
    assert raised.value.code == "import-wp-not-xml" and raised.value.values["file"] == str(path)


def test_xml_that_is_not_a_wordpress_export(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>'
                    '<item><title>Bài</title></item></channel></rss>', encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_wordpress(path)
    assert raised.value.code == "import-wp-not-wxr" and raised.value.values["root"] == "rss"
    missing = tmp_path / "none.xml"
    with pytest.raises(SourceError) as raised:
        read_wordpress(missing)
    assert raised.value.code == "import-wp-unreadable"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>&lol9;</title><wp:post_type>post</wp:post_type></item></channel></rss>
"""


def test_an_entity_bomb_is_refused_at_once(tmp_path):
    """Run apart, with a deadline: an expanding parser would take gigabytes and minutes."""
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    program = ("import sys; from pathlib import Path; from sitegen.importing.wordpress import read_wordpress\n"
               "from sitegen.importing.model import SourceError\n"
               "try:\n    read_wordpress(Path(sys.argv[1]))\nexcept SourceError as e:\n"
               "    print(e.code, e.values['reason'])\nelse:\n    print('read')\n")
    done = subprocess.run([sys.executable, "-c", program, str(bomb)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["import-wp-unsafe", "EntitiesForbidden"]


def test_an_external_entity_is_refused(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
                    '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
                    '<title>&x;</title></channel></rss>', encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_wordpress(path)
    assert raised.value.code == "import-wp-unsafe"


# Written into a commune's site, then built ----------------------------------------------


def test_written_into_a_site_and_built(tmp_path, unit_test, commune):
    from sitegen.content.dates import build_time
    from sitegen.pipeline import BuildSettings, build
    from sitegen.problems import Severity

    sites = tmp_path / "sites"
    copy_sample_as_real_portal(sites)
    site = sites / "an-binh"
    uploads = tmp_path / "uploads"  # the old site's wp-content/uploads, for the commune's export
    (uploads / "2019" / "06").mkdir(parents=True)
    shutil.copyfile(SITES / "an-binh" / "images" / "camera-an-ninh.jpg", uploads / "2019" / "06" / "mot-cua.jpg")

    first = Writer(site, unit_test, uploads=None).write()
    assert first.added == {"news": 57, "page": 21} and len(first.written) == 78
    ours = Writer(site, commune, uploads=uploads).write()
    assert ours.added == {"news": 4, "page": 1} and ours.files_copied == 1
    written = {str(site / path) for path in first.written + ours.written}

    result = build(BuildSettings(sites, tmp_path / "out", build_time(NOW)))
    imported = [p for p in result.problems if p.path in written]
    assert [p for p in imported if p.severity == Severity.ERROR] == []
    assert result.errors == 0, [(p.location(), p.code) for p in result.problems if p.severity == Severity.ERROR]
    said = Counter((p.severity, p.code) for p in imported)
    assert said == {(Severity.WARNING, "empty-body"): 2,  # 'Edge Case: No Content' and the empty Greek 'Επίπεδο 3'
                    (Severity.INFO, "draft"): 3, (Severity.INFO, "scheduled"): 2}, said
    notes = Counter(code for _file, code, _values in first.notes + ours.notes)
    assert notes["import-empty-body"] == 2 and notes["import-kept-draft"] == 3

    out = tmp_path / "out" / "an-binh"
    sticky = (out / "tin-tuc" / "template-sticky" / "index.html").read_text(encoding="utf-8")
    assert "Template: Sticky" in sticky
    ours_page = (out / "tin-tuc" / "tinh-hinh-ung-dung-cntt-chinh-quyen-dien-tu-mot-cua" / "index.html")
    text = ours_page.read_text(encoding="utf-8")
    assert "<figcaption>Bộ phận một cửa của UBND xã</figcaption>" in text
    assert "alert(" not in text and "onerror" not in text and "javascript:" not in text
    assert "mot-cua.jpg" in text
    assert not (out / "tin-tuc" / "scheduled").exists() and not (out / "tin-tuc" / "draft").exists()
    assert (out / "about" / "index.html").is_file() and (out / "lich-su-hinh-thanh-xa" / "index.html").is_file()

    again = Writer(site, unit_test, uploads=None).write()
    assert again.added == {} and again.written == [] and again.unchanged == 78
    ours_again = Writer(site, commune, uploads=uploads).write()
    assert ours_again.added == {} and ours_again.written == [] and ours_again.files_copied == 0


def test_two_former_communes_exports_merged_into_one_site_keep_apart(tmp_path, commune):
    """Since 2025 a commune merges several former ones, each with its own WordPress:
    the same post numbers from two old sites are two articles, each export
    repeatable on its own, each with its own summary; a picture left on another
    site is named there (that site may close)."""
    from sitegen.importing.summary import write_summary

    sites = tmp_path / "sites"
    copy_sample_as_real_portal(sites)
    site = sites / "an-binh"
    other = tmp_path / "xa-an-phu.xml"
    text = COMMUNE.read_text(encoding="utf-8").replace("anbinh.lacthuy.gov.vn", "anphu.lacthuy.gov.vn")
    text = text.replace("Sáu tháng đầu năm 2019, UBND xã An Bình",
                        'Ảnh: <img src="https://anh.baochinhphu.vn/hoi-nghi.jpg" alt="Hội nghị"> Sáu tháng đầu '
                        "năm 2019, UBND xã An Phú", 1)
    other.write_text(text, encoding="utf-8")
    second = read_wordpress(other)
    assert {i.key for i in second.items} == {i.key for i in commune.items}  # the same numbers

    first = Writer(site, commune, uploads=None).write()
    merged = Writer(site, second, uploads=None).write()
    assert merged.added == first.added == {"news": 4, "page": 1} and merged.updated == [] and merged.kept == []
    assert not set(first.written) & set(merged.written)
    assert "An Phú" in (site / merged.written[0]).read_text(encoding="utf-8") or any(
        "An Phú" in (site / path).read_text(encoding="utf-8") for path in merged.written)
    assert any("An Bình" in (site / path).read_text(encoding="utf-8") for path in first.written)
    assert merged.elsewhere and merged.elsewhere[0][1] == "https://anh.baochinhphu.vn/hoi-nghi.jpg"
    summaries = {write_summary(site, commune, first).name, write_summary(site, second, merged).name}
    assert summaries == {"bao-cao-wordpress-anbinh-lacthuy-gov-vn.md", "bao-cao-wordpress-anphu-lacthuy-gov-vn.md"}
    assert "https://anh.baochinhphu.vn/hoi-nghi.jpg" in (
        site / "_nhap" / "bao-cao-wordpress-anphu-lacthuy-gov-vn.md").read_text(encoding="utf-8")

    for batch in (commune, second):
        again = Writer(site, batch, uploads=None).write()
        assert again.added == {} and again.written == [] and again.unchanged == 5


def test_the_old_sites_categories_the_site_lacks_are_named_with_the_close_one(tmp_path, commune):
    """'Kinh tế & Xã hội' from the old site beside the site's 'Kinh tế - Xã hội': a
    typo's twin category would split the news; the summary asks, every import."""
    from sitegen.importing.summary import summary_text

    sites = tmp_path / "sites"
    copy_sample_as_real_portal(sites)
    site = sites / "an-binh"
    for attempt in range(2):  # the second import writes nothing, and still says so
        outcome = Writer(site, commune, uploads=None).write()
        assert outcome.new_categories == {"Kinh tế & Xã hội": 1, "Tin tổng hợp": 3}, attempt
        text = summary_text(commune, outcome, "an-binh")
        assert 'Kinh tế & Xã hội: 1 bài (có phải chuyên mục "Kinh tế - Xã hội" của trang?)' in text
        assert "- Tin tổng hợp: 3 bài\n" in text
