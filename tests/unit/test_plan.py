"""The plan of one small site (outputs/plan.py): every file it publishes, as
data, before anything is rendered."""

from __future__ import annotations

from datetime import datetime

from sitegen.content.dates import LOCAL_TZ
from sitegen.content.kinds.news import Article
from sitegen.content.records import Body, SiteConfig, SiteContent
from sitegen.outputs.plan import OutputKind, plan_site
from sitegen.portal.model import build_portal

NOW = datetime(2026, 11, 22, 10, tzinfo=LOCAL_TZ)


def article(number: int, category: str = "Tin tổng hợp") -> Article:
    return Article(f"news/t{number}.md", f"tin-{number}", f"Tin {number}",
                   datetime(2026, 10, 1 + number, 8, tzinfo=LOCAL_TZ), (category,), "", "", None, "", ("một cửa",),
                   False, False, Body("<p>x</p>"))


def plan(**items):
    config = SiteConfig("huyen", "Huyện", "district", base_url="https://huyen.vn/")
    child = SiteContent("xa-an", "sites/xa-an", SiteConfig("xa-an", "Xã An", "commune", parent="huyen"))
    root = SiteContent("huyen", "sites/huyen", config, items=items, files=("files/a.pdf",))
    portal, _problems = build_portal([root, child], NOW)
    return list(plan_site(portal.site("huyen"), ("style.css",)))


def test_twenty_one_articles_make_two_list_pages_and_a_page_each():
    outputs = plan(news=tuple(article(n) for n in range(21)))
    paths = [o.path for o in outputs if o.kind is OutputKind.PAGE]
    assert paths[:3] == ["index.html", "tin-tuc/index.html", "tin-tuc/trang-2/index.html"]
    assert sum(p.startswith("tin-tuc/tin-") for p in paths) == 21
    assert paths[-2:] == ["tim-kiem/index.html", "404.html"]
    assert "chuyen-muc/tin-tong-hop/trang-2/index.html" in paths and "the/mot-cua/index.html" in paths
    assert "don-vi/index.html" in paths and "tin-co-so/index.html" in paths


def test_feeds_calendar_sitemap_and_files_follow_the_pages():
    outputs = plan(news=(article(1),))
    data = [(o.path, o.kind) for o in outputs if o.kind is not OutputKind.PAGE and not o.path.startswith("du-lieu/")]
    opened = [o.path for o in outputs if o.path.startswith("du-lieu/")]
    assert opened[-2:] == ["du-lieu/index.json", "du-lieu/danh-muc.schema.json"]  # the catalogue, after its datasets
    assert "du-lieu/tin-bai.json" in opened and "du-lieu/thu-tuc-hanh-chinh.csv" in opened
    assert data == [
        ("rss.xml", OutputKind.FEED), ("atom.xml", OutputKind.FEED),
        ("tin-co-so/rss.xml", OutputKind.FEED), ("tin-co-so/atom.xml", OutputKind.FEED),
        ("chuyen-muc/tin-tong-hop/rss.xml", OutputKind.FEED), ("chuyen-muc/tin-tong-hop/atom.xml", OutputKind.FEED),
        ("van-ban/rss.xml", OutputKind.FEED), ("van-ban/atom.xml", OutputKind.FEED),
        ("lich-cong-tac/lich.ics", OutputKind.CALENDAR), ("tiep-cong-dan/lich.ics", OutputKind.CALENDAR),
        ("van-ban/danh-muc.json", OutputKind.JSON),
        ("sitemap.xml", OutputKind.SITEMAP),
        ("robots.txt", OutputKind.ROBOTS), ("quan-tri/index.html", OutputKind.ADMIN),
        ("quan-tri/config.yml", OutputKind.CMS_CONFIG), ("quan-tri/xem.html", OutputKind.ADMIN),
        ("quan-tri/trang.json", OutputKind.JSON), ("assets/style.css", OutputKind.THEME),
        ("files/a.pdf", OutputKind.COPY),
    ]


def test_the_admin_page_is_planned_with_its_cms_but_is_no_page_of_the_sitemap():
    config = SiteConfig("huyen", "Huyện", "district", base_url="https://huyen.vn/")
    portal, _problems = build_portal([SiteContent("huyen", "sites/huyen", config)], NOW)
    outputs = list(plan_site(portal.site("huyen"), (), admin_files=("decap-cms.js", "sitegen-cms.js")))
    admin = [(o.path, o.kind) for o in outputs if o.path.startswith("quan-tri/")]
    assert admin == [("quan-tri/index.html", OutputKind.ADMIN), ("quan-tri/config.yml", OutputKind.CMS_CONFIG),
                     ("quan-tri/xem.html", OutputKind.ADMIN), ("quan-tri/trang.json", OutputKind.JSON),
                     ("quan-tri/decap-cms.js", OutputKind.BUNDLE), ("quan-tri/sitegen-cms.js", OutputKind.BUNDLE)]
    sitemap = dict(next(o for o in outputs if o.kind is OutputKind.SITEMAP).data)
    assert not [path for path in sitemap if path.startswith("quan-tri")]


def test_a_site_whose_folder_is_not_a_slug_gets_no_admin_page():
    config = SiteConfig("xa-an", "Xã An", "commune", base_url="https://xa.vn/")
    portal, _problems = build_portal([SiteContent("xa-an", "sites/Xã An", config)], NOW)
    assert portal.site("xa-an").cms is None
    assert not [o for o in plan_site(portal.site("xa-an"), ()) if o.path.startswith("quan-tri/")]


def test_the_sitemap_names_every_page_but_the_not_found_one_with_an_articles_date():
    outputs = plan(news=(article(1),))
    sitemap = dict(next(o for o in outputs if o.kind is OutputKind.SITEMAP).data)
    assert "404.html" not in sitemap and "" in sitemap
    assert sitemap["tin-tuc/tin-1/"] == article(1).date and sitemap["tin-tuc/"] is None


def test_every_page_announces_the_sites_feed_and_a_category_its_own():
    outputs = {o.path: o for o in plan(news=(article(1),))}
    assert [f.path for f in outputs["can-bo/index.html"].context["meta"].feeds] == ["rss.xml", "atom.xml"]
    category = outputs["chuyen-muc/tin-tong-hop/index.html"].context["meta"]
    assert [f.path for f in category.feeds] == ["chuyen-muc/tin-tong-hop/rss.xml", "chuyen-muc/tin-tong-hop/atom.xml"]


def test_an_article_page_knows_its_crumbs_and_neighbours():
    outputs = {o.path: o for o in plan(news=(article(1), article(2), article(3)))}
    page = outputs["tin-tuc/tin-2/index.html"]
    assert [c.path for c in page.context["meta"].crumbs] == ["", "tin-tuc/", "chuyen-muc/tin-tong-hop/",
                                                             "tin-tuc/tin-2/"]
    assert page.context["newer"].slug == "tin-3" and page.context["older"].slug == "tin-1"
    assert [a.slug for a in page.context["related"]] == ["tin-3", "tin-1"]
