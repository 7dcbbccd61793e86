"""The rules of the site tree (portal/model.py), from records alone: which
site is the root, which parents are allowed, what flows down and up."""

from __future__ import annotations

from datetime import datetime

from sitegen.content.dates import LOCAL_TZ
from sitegen.content.kinds.news import Article
from sitegen.content.kinds.pages import Page
from sitegen.content.kinds.procedures import Procedure
from sitegen.content.records import Body, SiteConfig, SiteContent
from sitegen.portal.model import build_portal

NOW = datetime(2026, 11, 22, 10, tzinfo=LOCAL_TZ)


def site(slug: str, kind: str = "commune", parent: str | None = "huyen", base_url: str | None = None,
         **items) -> SiteContent:
    config = SiteConfig(slug, f"Trang {slug}", kind, parent=parent, base_url=base_url)
    return SiteContent(slug, f"sites/{slug}", config, items=items)


def root(**items) -> SiteContent:
    return site("huyen", "district", None, "https://huyen.example.vn/", **items)


def procedure(code: str, level: str, origin: str, title: str = "Thủ tục") -> Procedure:
    return Procedure(f"sites/{origin}/procedures/{code}.md", code.replace(".", "-"), code, title, "Hộ tịch",
                     level, "none", "", "", "", "", "", (), (), "", Body(""), origin=origin)


def article(slug: str, day: int, to_parent: bool = False) -> Article:
    return Article(f"news/{slug}.md", slug, slug, datetime(2026, 11, day, 8, tzinfo=LOCAL_TZ), (), "", "", None,
                   "", (), False, to_parent, Body(""))


def codes(problems) -> list[tuple[str, str]]:
    return sorted((p.code, p.path.split("/")[1]) for p in problems)


def test_the_root_is_the_site_without_a_parent_and_gives_everyone_their_address():
    portal, problems = build_portal([root(), site("xa-an"), site("xa-binh", base_url="https://xabinh.vn/")], NOW)
    assert problems == [] and portal.root == "huyen"
    assert [s.slug for s in portal.sites] == ["huyen", "xa-an", "xa-binh"]
    assert portal.site("xa-an").ref.url == "https://huyen.example.vn/xa-an/"
    assert portal.site("xa-binh").ref.url == "https://xabinh.vn/" and portal.site("xa-binh").ref.own_domain
    assert [c.slug for c in portal.site("huyen").children] == ["xa-an", "xa-binh"]


def test_a_commune_without_a_parent_cannot_take_the_root():
    portal, problems = build_portal([root(), site("xa-an", "province", None), site("xa-binh")], NOW)
    assert portal.root == "huyen"
    assert codes(problems) == [("several-roots", "xa-an")]
    assert portal.site("xa-an").parent.slug == "huyen"


def test_an_unknown_parent_or_a_commune_as_parent_falls_back_to_the_root():
    portal, problems = build_portal([root(), site("xa-an", parent="khong-co"), site("xa-binh", parent="xa-an")],
                                    NOW)
    assert codes(problems) == [("parent-not-allowed", "xa-binh"), ("unknown-parent", "xa-an")]
    assert {s.slug: s.parent.slug for s in portal.sites if s.parent} == {"xa-an": "huyen", "xa-binh": "huyen"}


def test_a_cycle_of_parents_is_broken_and_every_site_still_published():
    portal, problems = build_portal([root(), site("quan-a", "district", "quan-b"),
                                     site("quan-b", "district", "quan-a")], NOW)
    assert ("parent-cycle", "quan-a") in codes(problems)
    assert {s.slug for s in portal.sites} == {"huyen", "quan-a", "quan-b"}


def test_a_sub_site_cannot_take_a_sections_folder():
    portal, problems = build_portal([root(), site("tin-tuc")], NOW)
    assert codes(problems) == [("bad-site-folder", "tin-tuc")]
    assert portal.site("tin-tuc").ref.prefix == "don-vi-tin-tuc/"


def test_a_parents_procedures_of_the_childs_level_flow_down_unless_the_child_has_its_own():
    parent = root(procedure=(procedure("1.001193", "commune", "huyen"), procedure("1.000894", "commune", "huyen"),
                             procedure("2.000720", "district", "huyen")))
    child = site("xa-an", procedure=(procedure("1.001193", "commune", "xa-an", "Khai sinh tại xã"),))
    portal, _problems = build_portal([parent, child], NOW)
    commune = portal.site("xa-an")
    assert sorted((p.code, p.origin) for p in commune.of("procedure")) == [("1.000894", "huyen"),
                                                                            ("1.001193", "xa-an")]
    assert [p.code for p in commune.own("procedure")] == ["1.001193"]
    assert len(portal.site("huyen").of("procedure")) == 3


def test_news_marked_to_parent_is_shown_on_the_parent_newest_first():
    portal, _problems = build_portal([
        root(), site("xa-an", news=(article("cu", 2, True), article("rieng", 5))),
        site("xa-binh", news=(article("moi", 9, True),)),
    ], NOW)
    sent = portal.site("huyen").sent_up("news")
    assert [(c.site.slug, c.item.slug) for c in sent] == [("xa-binh", "moi"), ("xa-an", "cu")]
    assert portal.site("xa-an").sent_up("news") == ()


def test_a_root_page_cannot_take_a_sub_sites_folder():
    page = Page("sites/huyen/pages/xa-an.md", "xa-an", "Xã An", None, None, Body(""))
    portal, problems = build_portal([root(page=(page,)), site("xa-an")], NOW)
    assert codes(problems) == [("reserved-slug", "huyen")]
    assert [p.slug for p in portal.site("huyen").of("page")] == ["xa-an-trang"]


def test_the_default_menu_lists_the_sections_and_a_parents_sub_sites():
    portal, _problems = build_portal([root(), site("xa-an")], NOW)
    menu = portal.site("huyen").menu
    assert [link.path for link in menu] == [
        "tin-tuc/", "van-ban/", None, "thu-tuc/", "lich-cong-tac/", "can-bo/", "hoi-dap/", "don-vi/"]
    assert [link.path for link in menu[2].children] == ["cong-khai/", "lay-y-kien/", "tiep-cong-dan/"]
    assert "don-vi/" not in [link.path for link in portal.site("xa-an").menu]
