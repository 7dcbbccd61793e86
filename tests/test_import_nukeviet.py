"""Reading a NukeViet 4 database (sitegen/importing/nukeviet*.py): NukeViet's own
eGovernment sample (tests/fixtures/nukeviet/README.md) loaded into a real
MariaDB started here on 127.0.0.1, read as it is, then changed the ways an old
commune site is (drafts, scheduled and expired articles, private categories,
replaced documents, an open draft for comment, an inactive person) and
imported into a commune through `python build.py import nukeviet`, built, its
old addresses answered through the real nginx, imported again."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pymysql
import pytest
from conftest import copy_sample_as_real_portal

from sitegen.cli import main
from sitegen.content.dates import LOCAL_TZ, build_time
from sitegen.importing.model import SourceError
from sitegen.importing.nukeviet import read_nukeviet
from sitegen.messages.console import CONSOLE
from sitegen.serving.moved import uri
from tests.mariadb_server import mariadb
from tests.nginx_server import free_port, get, nginx
from tests.nukeviet_sample import UPLOADS, execute, load

REPO = Path(__file__).resolve().parent.parent
NOW = "07/12/2026 10:00"
HOST = "phutho.gov.vn"  # the root portal's host; an-binh is served under /an-binh/
PASSWORD = "mat-khau-bi-mat"


def stamp(text: str) -> int:
    """'2037-06-30 17:00' (Vietnam's time) as NukeViet keeps it."""
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=LOCAL_TZ).timestamp())


# An old commune site: the sample as editors leave one (prefix xaab, not nv4).
CHANGES = (
    f"UPDATE xaab_vi_news_rows SET status=2, publtime={stamp('2037-01-01 08:00')} WHERE id=1",  # scheduled
    "UPDATE xaab_vi_news_rows SET status=4 WHERE id=2",  # saved as a draft
    "UPDATE xaab_vi_news_rows SET status=6 WHERE id=3",  # refused by the reviewer
    f"UPDATE xaab_vi_news_rows SET exptime={stamp('2020-01-01 00:00')}, archive=0 WHERE id=4",  # expired: deleted
    f"UPDATE xaab_vi_news_rows SET exptime={stamp('2020-01-01 00:00')}, archive=1 WHERE id=5",  # expired: archived
    "UPDATE xaab_vi_news_rows SET status=0 WHERE id=6",  # suspended
    f"UPDATE xaab_vi_news_rows SET status=2, publtime={stamp('2017-04-08 09:45')} WHERE id=7",  # due: published
    "UPDATE xaab_vi_news_cat SET groups_view='4' WHERE catid=8",  # members only: article 11
    "UPDATE xaab_vi_news_rows SET title='Thủ tướng &lt;chỉ thị&gt; tăng cường năng lực' WHERE id=8",
    "UPDATE xaab_vi_news_detail SET bodyhtml=CONCAT(bodyhtml, '<script>alert(1)</script><img src=\"x.jpg\" "
    "onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">xem</a>') WHERE id=9",
    "INSERT INTO xaab_vi_news_tags_id (id, tid, keyword) VALUES (10, 1, 'đấu thầu'), (10, 2, 'nghị định')",
    "UPDATE xaab_vi_news_detail SET files='2017_08/ke-hoach-dau-thau.pdf' WHERE id=10",
    "UPDATE xaab_vi_news_rows SET external_link=1 WHERE id=12",
    "UPDATE xaab_vi_news_rows SET homeimgfile='https://baochinhphu.vn/anh/cntt.jpg', homeimgthumb=3 WHERE id=8",
    "INSERT INTO xaab_vi_laws_set_replace (oid, nid) VALUES (4, 2)",  # 20/2014 replaces 08/2010
    "UPDATE xaab_vi_laws_row SET replacement='14' WHERE id=12",  # 26/2009 replaces 28/2009
    "UPDATE xaab_vi_laws_row SET groups_view='4' WHERE id=5",  # members only: left out
    "UPDATE xaab_vi_laws_row SET groups_download='4,10' WHERE id=6",  # its file for members only
    "UPDATE xaab_vi_laws_row SET status=0 WHERE id=7",
    "UPDATE xaab_vi_laws_row SET files='demo.pdf,https://vanban.chinhphu.vn/van-ban/2132.pdf' WHERE id=8",
    f"UPDATE xaab_vi_opinions_row SET end_comm_time={stamp('2037-06-30 17:00')} WHERE id=6",  # open for comment
    "UPDATE xaab_vi_co_cau_to_chuc_person SET active=0 WHERE personid=17",
    "UPDATE xaab_vi_co_cau_to_chuc_person SET email='bbt(at)mysite.com' WHERE personid=16",
    f"UPDATE xaab_vi_co_cau_to_chuc_person SET birthday={stamp('1965-05-01 00:00')}, place_birth='Phú Thọ', "
    "photo='2017_09/le-van-t.jpg', description='<p>Quá trình công tác: Bí thư Thành ủy từ 2015.</p>' "
    "WHERE personid=10",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("mariadb")
    with mariadb(work) as port:
        load(port, "egov")  # the sample as NukeViet installs it
        load(port, "xa_cu", prefix="xaab")
        execute(port, "xa_cu", *CHANGES)
        execute(port, "xa_cu", "CREATE DATABASE khac", "CREATE TABLE khac.wp_posts (id int)",
                f"CREATE USER 'bientap'@'%' IDENTIFIED BY '{PASSWORD}'",
                "GRANT SELECT ON xa_cu.* TO 'bientap'@'%'")
        yield port


@pytest.fixture(scope="module")
def sample(server):
    return read_nukeviet(f"mysql://root@127.0.0.1:{server}/egov", now=build_time(NOW))


def by_key(batch) -> dict:
    return {item.key.split("@")[0]: item for item in batch.items}


def counted(port: int, sql: str) -> int:
    connection = pymysql.connect(host="127.0.0.1", port=port, user="root", database="egov")
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]
    finally:
        connection.close()


# The sample as it is ------------------------------------------------------------------


def test_every_row_of_the_sample_is_imported_or_said_to_be_left_out(server, sample):
    news = counted(server, "SELECT COUNT(*) FROM nv4_vi_news_rows")
    laws = counted(server, "SELECT COUNT(*) FROM nv4_vi_laws_row") + counted(server, "SELECT COUNT(*) FROM "
                                                                                  "nv4_vi_opinions_row")
    people = counted(server, "SELECT COUNT(*) FROM nv4_vi_co_cau_to_chuc_person")
    assert (news, laws, people) == (12, 23, 8)  # the figures themselves, so that a change of the file is seen
    assert Counter(item.kind for item in sample.items) == {"news": news, "document": laws, "staff": people}
    assert {o.key: o.code for o in sample.left_out} == {  # the content modules this reader does not bring in
        "module-about": "import-nv-module-other", "module-faq": "import-nv-module-other",
        "module-page": "import-nv-module-other", "module-siteterms": "import-nv-module-other"}
    assert len({item.key for item in sample.items}) == len(sample.items)
    assert all(re.fullmatch(r"(news|laws|opinions|co_cau_to_chuc)-\d+@\d+", item.key) for item in sample.items)
    assert sample.uploads_base == ("https://egovernment-update.nukeviet4.my/",
                                   "http://egovernment-update.nukeviet4.my/")


def test_an_article(sample):
    items = by_key(sample)
    first = items["news-1"]
    assert first.fields == {
        "title": "Nghiên cứu, phát triển sản phẩm CNTT phục vụ Chính phủ điện tử",
        "date": "2017-05-15 16:23",  # publtime 1494840180 is 09:23 UTC
        "category": "Tin hoạt động", "author": "Lưu Thủy",
        "summary": first.fields["summary"], "image_caption": "Hình minh họa"}
    assert first.fields["summary"].startswith("Bộ Khoa học và Công nghệ") and '"Nghiên cứu' in first.fields["summary"]
    assert [(u.source, u.field) for u in first.uploads] == [("/uploads/news/2017_08/hinh-minh-hoa.jpg", "image")]
    op = "tin-hoat-dong/nghien-cuu-phat-trien-san-pham-cntt-phuc-vu-chinh-phu-dien-tu-1"
    assert first.old_urls == (f"/index.php?language=vi&nv=news&op={op}.html", f"/index.php?language=vi&nv=news&op={op}",
                              f"/news/{op}.html", f"/vi/news/{op}.html",
                              f"/{op}.html", f"/vi/{op}.html")  # rewrite_op_mod is 'news' in the sample
    many = items["news-9"]
    assert many.fields["title"] == "Hậu TPP: Việt Nam có tới 6 kế hoạch phòng xa"  # stored as 'TPP&#x3A;'
    assert many.fields["categories"] == ["Kế hoạch", "Thông tin tuyên truyền", "Thông tin kinh tế - xã hội"]
    assert many.uploads == [] and "image_caption" not in many.fields
    assert '<p>Nguồn: <a href="http://ictnews.vn/cntt/nghi-quyet-36nqtw/' in items["news-12"].body_html
    assert items["news-9"].body_html.endswith('<p>Nguồn: <a href="http://baochinhphu.vn/Kinh-te/Hau-TPP-Viet-Nam-co-'
                                              'toi-6-ke-hoach-phong-xa/308856.vgp">baochinhphu.vn</a></p>')
    assert all("draft" not in item.fields for item in sample.items if item.kind == "news")


def test_the_laws_register(sample):
    items = by_key(sample)
    letter = items["laws-1"]
    assert {k: v for k, v in letter.fields.items() if k != "posted"} == {
        "number": "4622/BGDĐT-CNTT", "type": "Công văn",  # stored as '4622&#x002F;BGDĐT-CNTT'
        "title": "Công văn số 4622/BGDĐT-CNTT về việc hướng dẫn thực hiện nhiệm vụ CNTT năm học 2016 – 2017",
        "issued": "2016-11-08", "issuer": "Bộ GDĐT", "signer": "Phạm Mạnh Hùng", "section": "direction"}
    assert letter.fields["posted"] == "2017-08-10 16:10" or letter.fields["posted"].startswith("2017-08-10")
    assert [(u.source, u.field) for u in letter.uploads] == [("/uploads/laws/demo.pdf", "files")]
    assert letter.body_html == ""  # its introtext only repeats the title
    assert "/laws/detail/Cong-van-so-4622-BGDDT-CNTT-ve-viec-huong-dan-thuc-hien-nhiem-vu-CNTT-nam-hoc-2016-2017-1/" \
        in letter.old_urls
    circular = items["laws-4"]
    assert circular.fields["type"] == "Khác" and ("import-nv-type", {"type": "Thông tư", "chosen": "Khác"}) \
        in circular.notes
    assert circular.fields["effective"] == "2015-01-20" and circular.fields["section"] == "legal"
    assert (circular.fields["signer"], circular.fields["signer_title"]) == (
        "Nguyễn Bắc Son", "Bộ trưởng Bộ Thông tin và Truyền thông")
    assert "Công bố Danh mục tiêu chuẩn kỹ thuật</p><p>về ứng dụng" in items["laws-10"].body_html


def test_drafts_for_comment(sample):
    items = by_key(sample)
    draft = items["opinions-1"]
    assert draft.fields["consultation"] == {"until": "2017-12-31 00:00"}
    assert draft.fields["type"] == "Dự thảo" and "issued" not in draft.fields and "draft" not in draft.fields
    assert draft.fields["field"] == "Giáo dục" and draft.fields["number"] == "/2017/TT-BLĐTB&XH"
    unlimited = items["opinions-2"]  # the module takes comments, this one without a deadline
    assert unlimited.fields["draft"] is True and "consultation" not in unlimited.fields
    assert ("import-nv-no-deadline", {}) in unlimited.notes
    assert ("import-nv-no-issued", {"issued": "28/09/2017"}) in unlimited.notes
    twice = items["opinions-4"]  # the sample gives it the number of opinions-3
    assert twice.fields["number"] == "279/2016/TT-BTC (opinions-4)"
    assert ("import-nv-number-repeated", {"number": "279/2016/TT-BTC", "other": "opinions-3",
                                          "written": "279/2016/TT-BTC (opinions-4)"}) in twice.notes
    assert "signer" not in items["opinions-7"].fields  # NukeViet's signer 'Khác': no name
    assert sum(1 for item in sample.items if "consultation" in item.fields) == 5


def test_the_organisation_as_staff(sample):
    items = by_key(sample)
    secretary = items["co_cau_to_chuc-10"]
    assert secretary.fields == {"name": "Lê Văn T", "position": "Bí thư", "unit": "Thành ủy", "order": 1,
                                "leader": True, "phone": "(028) 38.000", "email": "bbt@mysite.com"}
    assert ("import-nv-leader", {"position": "Bí thư"}) in secretary.notes
    assert "/co-cau-to-chuc/person/Thanh-uy-15/Le-Van-T-10/" in secretary.old_urls
    assert items["co_cau_to_chuc-12"].fields["unit"] == "Hội đồng nhân dân"
    assert sum(1 for item in sample.items if item.fields.get("leader")) == 8


def test_old_addresses_are_as_browsers_send_them(sample):
    for item in sample.items:
        assert item.old_urls and len(item.old_urls) <= 20, item.key
        assert all(uri(url) == url and url.startswith("/") and not url.startswith("//") for url in item.old_urls)


def test_every_note_and_reason_is_worded_in_both_languages(sample, server):
    batch = read_nukeviet(f"mysql://root@127.0.0.1:{server}/xa_cu", prefix="xaab", now=build_time(NOW))
    said = [(code, values) for b in (sample, batch) for item in b.items for code, values in item.notes]
    said += [(o.code, o.values) for b in (sample, batch) for o in b.left_out]
    assert len({code for code, _values in said}) >= 15
    for code, values in said:
        vietnamese, english = CONSOLE[code]
        assert vietnamese.format(**values) and english.format(**values)


# What cannot be imported writes nothing -----------------------------------------------


@pytest.fixture
def sites(tmp_path):
    return copy_sample_as_real_portal(tmp_path / "sites")


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("address, options, code, said", [
    ("mysql://root@127.0.0.1:{port}/egov", ("--prefix", "nv3"), "import-nv-wrong-prefix", "nv4"),
    ("mysql://root@127.0.0.1:{port}/egov", ("--lang", "en"), "import-nv-wrong-lang", "vi"),
    ("mysql://root@127.0.0.1:{port}/khac", (), "import-nv-not-nukeviet", "khac"),
    ("mysql://root@127.0.0.1:{port}/khong_co", (), "import-nv-no-database", "khong_co"),
    ("mysql://bientap:sai-mat-khau@127.0.0.1:{port}/xa_cu", (), "import-nv-refused", "bientap"),
    ("mysql://bientap:" + PASSWORD + "@127.0.0.1:{port}/egov", (), "import-nv-refused", "egov"),
    ("mysql://root:" + PASSWORD + "@127.0.0.1:{closed}/egov", (), "import-nv-no-server", "{closed}"),
    ("https://xa.example.vn/admin/", (), "import-nv-bad-url", "mysql://"),
])
def test_what_cannot_be_read_is_said_and_nothing_is_written(server, sites, capsys, address, options, code, said):
    closed = free_port()
    url = address.format(port=server, closed=closed)
    before = tree(sites)
    assert main(["import", "nukeviet", url, "--site", "an-binh", "--sites", str(sites), *options]) == 2
    error = capsys.readouterr().err
    assert said.format(closed=closed) in error and "Traceback" not in error, error
    assert PASSWORD not in error and "sai-mat-khau" not in error  # a password is never shown
    assert tree(sites) == before
    with pytest.raises(SourceError) as raised:
        lang = options[1] if options[:1] == ("--lang",) else "vi"
        read_nukeviet(url, prefix=options[1] if options[:1] == ("--prefix",) else "nv4", lang=lang)
    assert raised.value.code == code


def test_a_password_may_come_from_mysql_pwd(server, monkeypatch):
    monkeypatch.setenv("MYSQL_PWD", PASSWORD)
    batch = read_nukeviet(f"mysql://bientap@127.0.0.1:{server}/xa_cu", prefix="xaab")
    assert len(batch.items) > 30


# An old commune site brought in, built, served, imported again --------------------------


def run_import(sites: Path, server: int) -> int:
    return main(["import", "nukeviet", f"mysql://root@127.0.0.1:{server}/xa_cu", "--site", "an-binh",
                 "--sites", str(sites), "--prefix", "xaab", "--uploads", str(UPLOADS)])


def files_of(site: Path) -> dict[str, str]:
    return {path: digest for path, digest in tree(site).items() if not path.startswith("_nhap")}


def front(site: Path, folder: str, text: str) -> Path:
    """The one file of the folder whose text holds text."""
    found = [p for p in (site / folder).glob("*.md") if text in p.read_text(encoding="utf-8")]
    assert len(found) == 1, (text, found)
    return found[0]


def test_an_old_commune_site_comes_in_builds_and_answers_its_old_addresses(server, sites, tmp_path, capsys):
    from sitegen.pipeline import BuildSettings, build
    from sitegen.problems import Severity

    site = sites / "an-binh"
    before = files_of(site)
    assert run_import(sites, server) == 0
    assert "Đã nhập từ nukeviet vào an-binh: 39 tệp mới, 0 cập nhật" in capsys.readouterr().out
    added = {path for path in files_of(site) if path not in before and path.endswith(".md")}
    assert Counter(path.split("/")[0] for path in added) == {"news": 9, "documents": 22, "staff": 8}
    _check_the_files(site)
    _check_the_summary(site)

    result = build(BuildSettings(sites, tmp_path / "out", build_time(NOW)))
    imported = [p for p in result.problems if p.path.startswith(str(site)) and
                str(Path(p.path).relative_to(site)) in added]
    assert [p for p in imported if p.severity == Severity.ERROR] == [] and result.errors == 0
    said = Counter((p.severity.name, p.code) for p in imported)
    assert said == {("WARNING", "leader-no-duties"): 7, ("WARNING", "leader-no-biography"): 6,
                    ("INFO", "draft"): 7, ("INFO", "scheduled"): 1}, said  # 3 news, 3 documents, 1 person
    _check_the_pages(tmp_path / "out" / "an-binh")
    _check_the_old_addresses(sites, tmp_path)

    built = files_of(site)
    assert run_import(sites, server) == 0  # again: nothing added, nothing changed
    assert "0 tệp mới, 0 cập nhật, 39 không đổi" in capsys.readouterr().out
    assert files_of(site) == built
    _check_an_editors_edit_is_kept(sites, server)


def _check_the_files(site: Path) -> None:
    scheduled = front(site, "news", "nghien-cuu-phat-trien-san-pham-cntt-phuc-vu-chinh-phu-dien-tu-1")
    assert "date: 2037-01-01 08:00\n" in scheduled.read_text(encoding="utf-8")
    assert "draft:" not in scheduled.read_text(encoding="utf-8") and "image: images/hinh-minh-hoa.jpg" in \
        scheduled.read_text(encoding="utf-8")
    assert "draft: true" in front(site, "news", "quyet-tam-cao-de-day-manh-cchc").read_text(encoding="utf-8")
    assert not list((site / "news").glob("*nukeviet-duoc-uu-tien*"))  # refused
    assert not list((site / "news").glob("*11-linh-vuc*"))  # expired, deleted by NukeViet
    assert not list((site / "news").glob("*tuyen-duong-34*"))  # members only
    for archived_or_suspended in ("diem-mat-9-nham-lan", "bo-thong-tin-va-truyen-thong-ban-hanh"):
        assert "draft: true" in front(site, "news", archived_or_suspended).read_text(encoding="utf-8")
    title = front(site, "news", "thu-tuong-chi-thi-tang-cuong").read_text(encoding="utf-8")
    assert "title: Thủ tướng <chỉ thị> tăng cường năng lực\n" in title
    assert "image" not in title.split("---")[1]  # another site's picture: noted, not brought in
    hostile = front(site, "news", "hau-tpp-viet-nam").read_text(encoding="utf-8")
    assert "alert" not in hostile and "javascript" not in hostile and "onerror" not in hostile
    tagged = front(site, "news", "thoi-gian-danh-gia-ho-so-du-thau").read_text(encoding="utf-8")
    assert "\n- đấu thầu\n" in tagged.split("aliases:")[0] and "\n- nghị định\n" in tagged.split("aliases:")[0]
    assert "Tệp đính kèm:\n\n- ke-hoach-dau-thau.pdf\n" in tagged  # not in --uploads: no broken link, listed
    assert "[http://baochinhphu.vn" not in tagged
    external = front(site, "news", "nukeviet-bat-ngo-tung-ra").read_text(encoding="utf-8")
    assert "](http://ictnews.vn/cntt/nghi-quyet-36nqtw/" in external and "Phiên bản thử nghiệm" not in external
    replaced = front(site, "documents", "number: 08/2010/TT-BGDĐT").read_text(encoding="utf-8")
    assert "replaced_by: 20/2014/TT-BTTTT\n" in replaced and "file: files/demo.pdf" in replaced
    assert "replaced_by: 26/2009/TT-BTTTT\n" in front(site, "documents", "number: 28/2009/TT-BTTTT").read_text(
        encoding="utf-8")
    assert "files:" not in front(site, "documents", "number: 1654/BTTTT-UDCNTT").read_text(encoding="utf-8")
    both = front(site, "documents", "number: 2132/BTTTT-VNCERT").read_text(encoding="utf-8")
    assert "file: files/demo.pdf" in both and "- [2132.pdf](https://vanban.chinhphu.vn/van-ban/2132.pdf)" in both
    assert not [p for p in (site / "documents").glob("*.md") if "43/2011/NĐ-CP" in p.read_text(encoding="utf-8")]
    person = front(site, "staff", "name: Lê Văn T").read_text(encoding="utf-8")
    assert "- Ngày sinh: 01/05/1965\n- Nơi sinh: Phú Thọ\n" in person and "Bí thư Thành ủy từ 2015" in person
    assert "photo:" not in person  # not in --uploads: listed in the summary
    assert "email:" not in front(site, "staff", "name: Phạm Văn M").read_text(encoding="utf-8")
    assert "draft: true" in front(site, "staff", "name: Nguyễn Thị Minh P").read_text(encoding="utf-8")


def _check_the_summary(site: Path) -> None:
    path, = (site / "_nhap").glob("bao-cao-nukeviet-*.md")  # one per old site
    summary = path.read_text(encoding="utf-8")
    left = summary.split("## Không nhập")[1].split("##")[0]
    for reason in ("bị từ chối duyệt", "đã hết hạn ngày 01/01/2020", "chỉ nhóm thành viên (Users) mới xem",
                   "mô-đun 'faq' (faq)"):
        assert reason in left, reason
    missing = summary.split("## Ảnh, tệp đính kèm không tìm thấy")[1].split("##")[0]
    for source in ("/uploads/opinions/demo.pdf", "/uploads/news/2017_08/ke-hoach-dau-thau.pdf",
                   "/uploads/co-cau-to-chuc/2017_09/le-van-t.jpg", "/uploads/news/2017_08/ptt1.jpg"):
        assert source in missing, source
    look = summary.split("## Cần xem lại")[1]
    assert "bbt(at)mysite.com" in look and "nhóm thành viên (Users, NukeViet-Fans)" in look
    assert "Ảnh https://baochinhphu.vn/anh/cntt.jpg nằm ở trang khác" in look


def _check_the_pages(out: Path) -> None:
    news = out / "tin-tuc"
    assert not (news / "nghien-cuu-phat-trien-san-pham-cntt-phuc-vu-chinh-phu-dien-tu").exists()  # scheduled
    assert not (news / "quyet-tam-cao-de-day-manh-cchc-thuc-chat-hieu-qua-hon").exists()  # a draft
    page = (news / "thu-tuong-chi-thi-tang-cuong-nang-luc").glob("index.html")
    text = next(page).read_text(encoding="utf-8")
    assert "Thủ tướng &lt;chỉ thị&gt; tăng cường năng lực" in text
    hostile = (news / "hau-tpp-viet-nam-co-toi-6-ke-hoach-phong-xa" / "index.html").read_text(encoding="utf-8")
    assert "alert(" not in hostile and "javascript:" not in hostile
    register = (out / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert "4622/BGDĐT-CNTT" in register and "08/2010/TT-BGDĐT" in register
    replaced = (out / "van-ban" / "08-2010-tt-bgddt" / "index.html").read_text(encoding="utf-8")
    assert "20/2014/TT-BTTTT" in replaced and "demo.pdf" in replaced
    drafts = (out / "lay-y-kien" / "index.html").read_text(encoding="utf-8")
    open_now = drafts.split("Đang lấy ý kiến")[1].split("Đã kết thúc")[0]
    assert "36/2014/TT-NHNN" in open_now and "30/06/2037" in open_now
    staff = (out / "can-bo" / "index.html").read_text(encoding="utf-8")
    assert "Lê Văn T" in staff and "Thành ủy" in staff and "Nguyễn Thị Minh P" not in staff
    assert "Ngày sinh: 01/05/1965" in (out / "can-bo" / "le-van-t" / "index.html").read_text(encoding="utf-8")


def _check_the_old_addresses(sites: Path, tmp_path: Path) -> None:
    port = free_port()
    made = subprocess.run([sys.executable, str(REPO / "build.py"), "nginx", "--sites", str(sites), "--out",
                           str(tmp_path / "out"), "--listen", f"127.0.0.1:{port}"], capture_output=True, text=True,
                          encoding="utf-8")
    assert made.returncode == 0, made.stderr
    (tmp_path / "nginx").mkdir()
    article = "ke-hoach/hau-tpp-viet-nam-co-toi-6-ke-hoach-phong-xa-9"
    law = "detail/Cong-van-so-4622-BGDDT-CNTT-ve-viec-huong-dan-thuc-hien-nhiem-vu-CNTT-nam-hoc-2016-2017-1"
    moved = {
        f"/an-binh/index.php?language=vi&nv=news&op={article}.html": "/an-binh/tin-tuc/hau-tpp-viet-nam-co-toi-6-ke-"
                                                                     "hoach-phong-xa/",
        f"/an-binh/index.php?language=vi&nv=news&op={article}": "/an-binh/tin-tuc/hau-tpp-viet-nam-co-toi-6-ke-hoach-"
                                                                "phong-xa/",
        f"/an-binh/news/{article}.html": "/an-binh/tin-tuc/hau-tpp-viet-nam-co-toi-6-ke-hoach-phong-xa/",
        f"/an-binh/vi/news/{article}.html": "/an-binh/tin-tuc/hau-tpp-viet-nam-co-toi-6-ke-hoach-phong-xa/",
        f"/an-binh/{article}.html": "/an-binh/tin-tuc/hau-tpp-viet-nam-co-toi-6-ke-hoach-phong-xa/",
        f"/an-binh/laws/{law}/": "/an-binh/van-ban/4622-bgddt-cntt/",
        f"/an-binh/index.php?language=vi&nv=laws&op={law}": "/an-binh/van-ban/4622-bgddt-cntt/",
        "/an-binh/co-cau-to-chuc/person/Thanh-uy-15/Le-Van-T-10/": "/an-binh/can-bo/le-van-t/",
    }
    with nginx(tmp_path / "nginx", made.stdout, port):
        for old, new in moved.items():
            status, headers, _body = get(port, HOST, old)
            assert status == 301 and headers["location"].endswith(new), (old, status, headers)
            status, _headers, body = get(port, HOST, new)
            assert status == 200 and body, new
        status, headers, _body = get(port, HOST, "/an-binh/news/ke-hoach/khong-co-bai-nay-99.html")
        assert status == 404 and "location" not in headers


def _check_an_editors_edit_is_kept(sites: Path, server: int) -> None:
    site = sites / "an-binh"
    edited = front(site, "news", "hau-tpp-viet-nam")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nBiên tập viên bổ sung.\n", encoding="utf-8")
    execute(server, "xa_cu", "UPDATE xaab_vi_news_rows SET title='Hậu TPP (cập nhật)' WHERE id=9",
            "UPDATE xaab_vi_news_rows SET title='Thời gian đánh giá hồ sơ dự thầu (cập nhật)' WHERE id=10")
    assert run_import(sites, server) == 0
    assert "Biên tập viên bổ sung." in edited.read_text(encoding="utf-8")
    assert "Hậu TPP: Việt Nam" in edited.read_text(encoding="utf-8")  # never overwritten
    assert "cập nhật" not in edited.read_text(encoding="utf-8")
    newer = front(site, "news", "thoi-gian-danh-gia-ho-so-du-thau")
    assert "title: Thời gian đánh giá hồ sơ dự thầu (cập nhật)\n" in newer.read_text(encoding="utf-8")
    path, = (site / "_nhap").glob("bao-cao-nukeviet-*.md")  # one per old site
    summary = path.read_text(encoding="utf-8")
    assert edited.name in summary.split("Bạn đã sửa")[1].split("##")[0]
    assert newer.name in summary.split("Cập nhật từ bản xuất mới hơn")[1].split("##")[0]
