"""Every site's admin page as the build publishes it: at quan-tri/, kept out of
the sitemap, the search index and search engines, loading nothing from
another origin, with the configuration of its own folder; the CMS itself is
one file on disk however many sites publish it."""

from __future__ import annotations

import gzip
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT_SITE, commune_site, front, news

ROOT = Path(__file__).resolve().parent.parent
ADMIN = ROOT / "themes" / "default" / "admin"
COMMUNES = ("xa-an", "xa-binh", "xa-cat")
FORGE = """cms:
  backend: gitea
  base_url: https://git.huyenmau.example.vn/
  repo: huyen-mau/cong-thong-tin
  branch: bien-tap/{site}
  app_id: 5b0f6c1e-2d1a-4c55-9a57-0a3f7d9e2b41
"""


def _portal(root_extra: str = "") -> dict:
    files = {"huyen-mau/site.yaml": ROOT_SITE + root_extra,
             "huyen-mau/news/a.md": news("Tin của huyện"),
             "huyen-mau/staff/a.md": front({"name": "Nguyễn Văn A", "position": "Chủ tịch"})}
    for slug in COMMUNES:
        files[f"{slug}/site.yaml"] = commune_site(slug[3:].title(), parent="huyen-mau")
    files["xa-an/site.yaml"] = commune_site("An", parent="huyen-mau", extra="categories: [Tin tổng hợp, An ninh]\n")
    files["xa-an/news/b.md"] = news("Tin của xã An", category="Nông nghiệp", categories="[An ninh, Y tế]")
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import write_tree
    from sitegen.cli import main

    folder = tmp_path_factory.mktemp("cms-admin")
    sites = write_tree(folder / "sites", _portal())
    out = folder / "public"
    assert main(["build", "--sites", str(sites), "--out", str(out), "--now", "22/11/2026 10:00"]) == 0
    return out


def _site_folders(out: Path) -> list[Path]:
    return [out] + [out / slug for slug in COMMUNES]


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    page = _Page()
    page.feed(html)
    return page.tags


def test_every_site_has_an_admin_page_that_loads_only_its_own_files(built):
    for site in _site_folders(built):
        html = (site / "quan-tri" / "index.html").read_text(encoding="utf-8")
        tags = _tags(html)
        metas = {a.get("name") or a.get("http-equiv"): a.get("content") for t, a in tags if t == "meta"}
        assert metas["robots"] == "noindex, nofollow"
        policy = metas["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "connect-src 'self' blob:;" in policy  # no forge named
        scripts = [a["src"] for t, a in tags if t == "script"]
        assert scripts == ["sitegen-start.js", "decap-cms.js", "sitegen-datetime.js", "sitegen-cms.js"]
        sheets = [a["href"] for t, a in tags if t == "link" and a.get("rel") == "stylesheet"]
        assert sheets == ["sitegen-cms.css"]
        for name in scripts + sheets + ["xem.html", "sitegen-view.js", "trang.json"]:
            assert (site / "quan-tri" / name).is_file(), name
        own = next(a for t, a in tags if t == "script" and a["src"] == "sitegen-cms.js")
        assert own["data-site-name"].startswith(("Cổng thông tin điện tử", "Trang thông tin điện tử xã"))
        urls = [v for _t, a in tags for k, v in a.items() if k in ("src", "href") and v]
        assert not [u for u in urls if re.match(r"\w+:|//", u)], urls  # nothing from another origin
        assert "<title>Quản trị nội dung - " in html


def test_each_configuration_names_its_own_folder_in_vietnamese(built):
    for slug in ("huyen-mau", *COMMUNES):
        site = built if slug == "huyen-mau" else built / slug
        config = yaml.safe_load((site / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
        assert config["locale"] == "vi"
        names = {c["name"] for c in config["collections"]}
        assert {"news", "staff", "event", "procedure", "page"} <= names
        folders = {c["folder"] for c in config["collections"]}
        assert all(f.startswith(f"sites/{slug}/") for f in folders), folders
        assert config["backend"] == {"name": "proxy", "proxy_url": f"/__sitegen/cms/{slug}", "branch": "main"}


def test_a_communes_form_offers_its_categories_and_the_page_of_each_file(built):
    """The categories its site.yaml lists, then those its articles use; after saving, xem.html
    finds a file's page in trang.json; the login page shows the theme's emblem, not Decap's."""
    config = yaml.safe_load((built / "xa-an" / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
    news_form = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "news")["fields"]}
    assert news_form["category"]["options"] == ["Tin tổng hợp", "An ninh", "Nông nghiệp", "Y tế"]
    assert news_form["to_parent"]["default"] is True
    assert re.fullmatch(r"\.\./assets/favicon\.[0-9a-f]+\.svg", config["logo_url"])
    assert (built / "xa-an" / config["logo_url"][3:]).is_file()
    pages = json.loads((built / "xa-an" / "quan-tri" / "trang.json").read_text(encoding="utf-8"))
    assert pages["news/b"] == "tin-tuc/tin-cua-xa-an/"
    assert (built / "xa-an" / pages["news/b"] / "index.html").is_file()
    root = yaml.safe_load((built / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
    root_news = {f["name"]: f for f in next(c for c in root["collections"] if c["name"] == "news")["fields"]}
    assert root_news["to_parent"]["widget"] == "hidden"  # the root has no parent to send it to
    view = (built / "xa-an" / "quan-tri" / "xem.html").read_text(encoding="utf-8")
    assert [a["src"] for t, a in _tags(view) if t == "script"] == ["sitegen-view.js"]
    assert 'name="robots" content="noindex, nofollow"' in view


def test_category_and_categories_both_count(built):
    """An article with both (the form's two fields): filed under all of them, the first one first."""
    page = (built / "xa-an" / "tin-tuc" / "tin-cua-xa-an" / "index.html").read_text(encoding="utf-8")
    assert page.index("Nông nghiệp") < page.index("An ninh") < page.index("Y tế")
    for slug in ("nong-nghiep", "an-ninh", "y-te"):
        assert "Tin của xã An" in (built / "xa-an" / "chuyen-muc" / slug / "index.html").read_text(encoding="utf-8")


def test_the_admin_pages_stay_out_of_sitemaps_search_and_search_engines(built):
    for site in _site_folders(built):
        assert "quan-tri" not in (site / "sitemap.xml").read_text(encoding="utf-8")
        indexed = []
        for fragment in (site / "pagefind" / "fragment").iterdir():
            data = gzip.decompress(fragment.read_bytes())
            indexed.append(json.loads(data[data.index(b"{"):])["url"])
        assert indexed and not [url for url in indexed if "quan-tri" in url], indexed
    robots = (built / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Disallow: /quan-tri/" in robots and "Disallow: /*/quan-tri/" in robots
    assert "Allow: /" in robots  # the rest of the portal stays open


def test_the_cms_and_the_theme_files_are_one_file_on_disk_for_every_site(built):
    """A province of 130 communes must not hold 130 copies of a 5 MB bundle, nor of
    its compressed copies; each keeps the time of the theme's file, so a deploy
    that already sent it sends it no more."""
    from sitegen.render.theme import Theme

    style = "assets/" + Theme.load().assets["style.css"]
    for name in ("quan-tri/decap-cms.js", "quan-tri/decap-cms.js.gz", "quan-tri/sitegen-cms.js",
                 "quan-tri/sitegen-cms.css", "quan-tri/sitegen-view.js", style, style + ".gz"):
        inodes = {os.stat(site / name).st_ino for site in _site_folders(built)}
        assert len(inodes) == 1, name
        assert os.stat(built / name).st_nlink >= len(_site_folders(built))
    assert (built / "quan-tri" / "decap-cms.js").read_bytes() == (ADMIN / "decap-cms.js").read_bytes()
    assert gzip.decompress((built / "quan-tri" / "decap-cms.js.gz").read_bytes()) == \
        (ADMIN / "decap-cms.js").read_bytes()
    theme_time = os.stat(ADMIN / "decap-cms.js").st_mtime_ns
    assert os.stat(built / "quan-tri" / "decap-cms.js").st_mtime_ns == theme_time
    assert os.stat(built / "quan-tri" / "decap-cms.js.gz").st_mtime_ns == theme_time
    assert (built / "quan-tri" / "decap-cms.js.LICENSE.txt").is_file()
    leftovers = [p.name for p in built.parent.iterdir() if p.name.endswith(".shared")]
    assert leftovers == []


def test_the_root_names_the_forge_every_admin_page_saves_into(build_portal):
    done = build_portal(_portal(FORGE))
    assert done.code == 0, done.stderr
    commune = yaml.safe_load((done.out / "xa-binh" / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
    assert commune["backend"] == {"name": "gitea", "repo": "huyen-mau/cong-thong-tin", "branch": "bien-tap/xa-binh",
                                  "base_url": "https://git.huyenmau.example.vn",
                                  "api_root": "https://git.huyenmau.example.vn/api/v1",
                                  "app_id": "5b0f6c1e-2d1a-4c55-9a57-0a3f7d9e2b41"}
    assert commune["site_url"] == "https://huyenmau.example.vn/xa-binh/"
    page = (done.out / "xa-binh" / "quan-tri" / "index.html").read_text(encoding="utf-8")
    policy = next(a["content"] for t, a in _tags(page) if t == "meta" and a.get("http-equiv"))
    assert "connect-src 'self' blob: https://git.huyenmau.example.vn;" in policy


def test_a_change_to_the_forge_reaches_every_sites_configuration_in_an_incremental_build(build_portal):
    first = build_portal(_portal(FORGE))
    assert first.code == 0
    again = build_portal({"huyen-mau/site.yaml": ROOT_SITE + FORGE.replace("bien-tap/{site}", "main")})
    assert again.code == 0
    for slug in COMMUNES:
        config = yaml.safe_load((again.out / slug / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
        assert config["backend"]["branch"] == "main", slug
