"""Feeds and the calendar, parsed as a feed reader and a calendar app would."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from icalendar import Calendar
from lxml import etree

from conftest import ROOT_SITE, commune_site, news

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"

PORTAL = {
    "huyen-mau/site.yaml": ROOT_SITE,
    "huyen-mau/news/a.md": news("Tin huyện A", "2026-11-10 08:30", category="Tin tổng hợp",
                                author="Thùy An", summary="Tóm tắt A",
                                body="Toàn văn ![ảnh](images/a.jpg) [tệp](files/a.pdf)"),
    "huyen-mau/news/b.md": news("Tin huyện B", "2026-11-09 17:00", category="Chuyển đổi số"),
    "huyen-mau/images/a.jpg": b"\xff\xd8\xff\xe0jpg",
    "huyen-mau/files/a.pdf": b"%PDF-1.4 pdf",
    "huyen-mau/schedule/su-kien.md": "---\ntitle: Hội nghị trực tuyến\nstart: 25/11/2026 08:00\n"
                                     "end: 25/11/2026 11:30\nlocation: Hội trường\n---\n",
    "huyen-mau/schedule/huy.yaml": "events:\n  - title: Họp bị hoãn\n    start: 2026-11-26 14:00\n"
                                   "    cancelled: true\n  - title: Cả ngày đi cơ sở\n    start: 27/11/2026\n",
    "xa-an/site.yaml": commune_site("An"),
    "xa-an/news/c.md": news("Tin xã gửi huyện", "2026-11-11 09:15", to_parent="true"),
    "xa-an/news/d.md": news("Tin chỉ của xã", "2026-11-12 09:15"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import write_tree
    from sitegen.cli import main

    root = tmp_path_factory.mktemp("feeds")
    write_tree(root / "sites", PORTAL)
    assert main(["build", "--sites", str(root / "sites"), "--out", str(root / "out"),
                 "--now", "22/11/2026 10:00"]) == 0
    return root / "out"


def _xml(path):
    return etree.parse(str(path))


def test_rss_has_absolute_links_local_times_and_full_content(built):
    rss = _xml(built / "rss.xml")
    items = rss.findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Tin huyện A", "Tin huyện B"]
    first = items[0]
    assert first.findtext("link") == "https://huyenmau.example.vn/tin-tuc/tin-huyen-a/"
    assert first.findtext("pubDate").endswith("+0700")
    assert parsedate_to_datetime(first.findtext("pubDate")).utcoffset() == timedelta(hours=7)
    assert first.findtext("description") == "Tóm tắt A"
    content = first.findtext(CONTENT)
    assert 'src="https://huyenmau.example.vn/images/a.jpg"' in content
    assert 'href="https://huyenmau.example.vn/files/a.pdf"' in content


def test_atom_feed_is_well_formed_with_offsets(built):
    atom = _xml(built / "atom.xml")
    entries = atom.findall(f"{ATOM}entry")
    assert len(entries) == 2
    updated = entries[0].findtext(f"{ATOM}updated")
    assert datetime.fromisoformat(updated).utcoffset() == timedelta(hours=7)
    assert entries[0].find(f"{ATOM}link").get("href").startswith("https://huyenmau.example.vn/")
    assert entries[0].find(f"{ATOM}content").get("type") == "html"


def test_category_feeds_hold_only_their_category(built):
    rss = _xml(built / "chuyen-muc" / "chuyen-doi-so" / "rss.xml")
    assert [i.findtext("title") for i in rss.findall("channel/item")] == ["Tin huyện B"]
    assert (built / "chuyen-muc" / "chuyen-doi-so" / "atom.xml").is_file()


def test_parent_aggregates_children_to_parent_news(built):
    rss = _xml(built / "tin-co-so" / "rss.xml")
    items = rss.findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Tin xã gửi huyện"]
    assert items[0].findtext("link") == "https://huyenmau.example.vn/xa-an/tin-tuc/tin-xa-gui-huyen/"


def test_child_feed_uses_its_url_under_the_parent(built):
    rss = _xml(built / "xa-an" / "rss.xml")
    links = [i.findtext("link") for i in rss.findall("channel/item")]
    assert links[0] == "https://huyenmau.example.vn/xa-an/tin-tuc/tin-chi-cua-xa/"


def test_feeds_are_identical_across_builds_no_clock_in_them(built, tmp_path):
    from sitegen.cli import main

    out = tmp_path / "again"
    assert main(["build", "--sites", str(built.parent / "sites"), "--out", str(out),
                 "--now", "23/11/2026 11:00"]) == 0
    assert (out / "rss.xml").read_bytes() == (built / "rss.xml").read_bytes()


def test_calendar_parses_with_local_times_and_cancelled_status(built):
    calendar = Calendar.from_ical((built / "lich-cong-tac" / "lich.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    meeting = events["Hội nghị trực tuyến"]
    start = meeting.decoded("dtstart")
    assert start.isoformat() == "2026-11-25T08:00:00+07:00"
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert meeting.decoded("dtend").isoformat() == "2026-11-25T11:30:00+07:00"
    assert str(meeting["location"]) == "Hội trường"
    assert str(events["Họp bị hoãn"]["status"]) == "CANCELLED"
    assert str(meeting["status"]) == "CONFIRMED"
    all_day = events["Cả ngày đi cơ sở"].decoded("dtstart")
    assert not isinstance(all_day, datetime) and all_day.isoformat() == "2026-11-27"
    assert calendar.walk("VTIMEZONE"), "calendar apps need the VTIMEZONE"
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)


def test_sitemap_and_robots_are_absolute(built):
    sitemap = _xml(built / "sitemap.xml")
    locations = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://huyenmau.example.vn/" in locations
    assert "https://huyenmau.example.vn/tin-tuc/tin-huyen-a/" in locations
    assert all(loc.startswith("https://huyenmau.example.vn/") for loc in locations)
    assert not any("404" in loc for loc in locations)
    robots = (built / "robots.txt").read_text()
    assert "Sitemap: https://huyenmau.example.vn/sitemap.xml" in robots
    assert "Sitemap: https://huyenmau.example.vn/xa-an/sitemap.xml" in robots
