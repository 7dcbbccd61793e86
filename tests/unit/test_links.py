"""Links between pages (render/links.py): relative inside a site, so a
folder works served anywhere; absolute where a site has its own domain, in
feeds, and rooted on the not-found page."""

from __future__ import annotations

import pytest

from sitegen.content.kinds.news import Article
from sitegen.content.records import Body
from sitegen.content.source import SITE_ROOT_MARK
from sitegen.portal.model import SiteRef
from sitegen.render.links import Linker, relative_url

ROOT = SiteRef("huyen", "Huyện", "Huyện", "district", "", "https://huyen.vn/", False)
AN = SiteRef("xa-an", "Xã An", "An", "commune", "xa-an/", "https://huyen.vn/xa-an/", False)
BINH = SiteRef("xa-binh", "Xã Bình", "Bình", "commune", "xa-binh/", "https://xabinh.vn/", True)


@pytest.mark.parametrize("here, target, url", [
    ("", "", "./"),
    ("", "tin-tuc/", "tin-tuc/"),
    ("tin-tuc/a", "tin-tuc/b/", "../b/"),
    ("tin-tuc/a", "", "../../"),
    ("xa-an/tin-tuc/a", "xa-an/assets/style.css", "../../assets/style.css"),
    ("xa-an", "xa-binh/", "../xa-binh/"),
    ("tin-tuc", "tin-tuc/", "./"),
    ("tin-tuc", "tin-tuc", "."),
])
def test_relative_url(here, target, url):
    assert relative_url(here, target) == url


def test_a_page_links_inside_its_site_relatively_and_to_an_own_domain_absolutely():
    link = Linker(AN, "tin-tuc/tin-a/")
    assert link("") == "../../"
    assert link("thu-tuc/") == "../../thu-tuc/"
    assert link.site(ROOT) == "../../../"
    assert link.site(BINH, "tin-tuc/") == "https://xabinh.vn/tin-tuc/"
    assert Linker(BINH, "").site(ROOT) == "https://huyen.vn/", "a site on its own domain may be served apart"


def test_feeds_link_absolutely_and_the_not_found_page_from_the_servers_root():
    assert Linker(AN, "", mode="absolute")("tin-tuc/") == "https://huyen.vn/xa-an/tin-tuc/"
    assert Linker(AN, "404.html", mode="rooted")("tin-tuc/") == "/xa-an/tin-tuc/"


def test_a_record_links_to_its_page_by_its_kind():
    article = Article("a.md", "tin-a", "Tin A", None, (), "", "", None, "", (), False, False, Body(""))
    link = Linker(AN, "")
    assert link.item(article) == "tin-tuc/tin-a/"
    assert link.item(article, ROOT) == "../tin-tuc/tin-a/"
    assert link.term("categories", "Chuyển đổi số") == "chuyen-muc/chuyen-doi-so/"


def test_a_stored_bodys_site_links_are_made_right_for_each_page():
    body = Body(f'<p><a href="{SITE_ROOT_MARK}files/to-khai.pdf">tờ khai</a></p>')
    assert 'href="../../files/to-khai.pdf"' in Linker(AN, "tin-tuc/a/").body(body)
    assert 'href="https://huyen.vn/xa-an/files/to-khai.pdf"' in Linker(AN, "").absolute_body(body, AN)
