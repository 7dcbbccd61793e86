"""JSON-LD on every page type, as a search engine reads it, and safe from
whatever an editor writes."""

from __future__ import annotations

import json
import re

from conftest import ROOT_SITE, citizen_pages, commune_site, front, news

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

HOSTILE = '"</script><script>alert(1)</script><!--"'


def _graph(html: str) -> list[dict]:
    blocks = SCRIPT.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])["@graph"]


def _types(html: str) -> set[str]:
    return {item["@type"] for item in _graph(html)}


def test_every_page_type_describes_itself(build_portal):
    built = build_portal({
        "h/site.yaml": ROOT_SITE,
        "h/news/a.md": news("Tin một", category="Tin tổng hợp", author="Thùy An"),
        "h/staff/a.md": front({"name": "Nguyễn Văn A", "position": "Chủ tịch"}),
        "h/schedule/t.yaml": "events:\n  - title: Họp\n    start: 2026-11-18 08:00\n"
                             "  - title: Hoãn\n    start: 2026-11-19 08:00\n    cancelled: true\n",
        "h/procedures/ks.md": front({"code": "1.001193", "title": "Đăng ký khai sinh", "field": "Hộ tịch",
                                     "online_url": "https://dichvucong.gov.vn/"}),
        "h/pages/gioi-thieu.md": front({"title": "Giới thiệu"}, "Huyện."),
        "xa/site.yaml": commune_site("A", parent="h"),
    })
    assert {"GovernmentOrganization", "WebSite"} <= _types(built.page(""))
    article = _graph(built.page("tin-tuc/tin-mot/"))
    news_article = next(i for i in article if i["@type"] == "NewsArticle")
    assert news_article["headline"] == "Tin một"
    assert news_article["datePublished"] == "2026-11-10T08:00:00+07:00"
    assert news_article["author"]["name"] == "Thùy An"
    assert news_article["url"] == "https://huyenmau.example.vn/tin-tuc/tin-mot/"
    crumbs = next(i for i in article if i["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Trang nhất", "Tin tức", "Tin tổng hợp", "Tin một"]
    assert "Person" in _types(built.page("can-bo/nguyen-van-a/"))
    week = _graph(built.page("lich-cong-tac/"))
    statuses = {e["name"]: e["eventStatus"] for e in week if e["@type"] == "Event"}
    assert statuses == {"Họp": "https://schema.org/EventScheduled", "Hoãn": "https://schema.org/EventCancelled"}
    service = next(i for i in _graph(built.page("thu-tuc/1-001193/")) if i["@type"] == "GovernmentService")
    assert service["identifier"] == "1.001193" and service["serviceType"] == "Hộ tịch"
    assert service["availableChannel"]["serviceUrl"] == "https://dichvucong.gov.vn/"
    commune = _graph(built.page("xa/"))
    assert commune[0]["parentOrganization"]["url"] == "https://huyenmau.example.vn/"
    for page in citizen_pages(built.out):
        html = page.read_text(encoding="utf-8")
        _graph(html)  # one block, valid JSON, on every page
        assert '<link rel="canonical"' in html or page.name == "404.html"
        assert '<meta property="og:title"' in html


def test_an_editor_cannot_break_out_of_the_json_ld_block(build_portal):
    built = build_portal({
        "h/site.yaml": ROOT_SITE.replace("owner: Ủy ban nhân dân huyện Mẫu", f"owner: {HOSTILE}"),
        "h/news/a.md": news(HOSTILE, author=HOSTILE, summary=HOSTILE, slug="tin"),
        "h/schedule/a.md": front({"title": HOSTILE, "start": "2026-11-18 08:00", "location": HOSTILE}),
    })
    for relative in ("tin-tuc/tin/", "lich-cong-tac/", ""):
        html = built.page(relative)
        blocks = SCRIPT.findall(html)
        assert len(blocks) == 1, relative
        assert "</script" not in blocks[0] and "<!--" not in blocks[0]
        graph = json.loads(blocks[0])["@graph"]
        assert any(HOSTILE.strip('"') in json.dumps(item, ensure_ascii=False) for item in graph)
