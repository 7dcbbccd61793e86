"""How a site's search index is split (search/shards.py): few, large
shards of consecutive years, stable as news is added, and the search page
that merges them."""

from __future__ import annotations

from datetime import datetime

from sitegen.content.dates import LOCAL_TZ
from sitegen.content.kinds import DEFAULT
from sitegen.content.kinds.news import Article
from sitegen.content.kinds.pages import Page
from sitegen.content.records import Body, SiteConfig, SiteContent
from sitegen.outputs.plan import plan_site
from sitegen.portal.model import build_portal
from sitegen.search.shards import CORE, NEWS_PER_SHARD, plan_shards

NOW = datetime(2026, 11, 22, 10, tzinfo=LOCAL_TZ)
PAGE = Page("pages/gioi-thieu.md", "gioi-thieu", "Giới thiệu", None, None, Body("<p>x</p>"))


def articles(per_year: dict[int, int]) -> tuple[Article, ...]:
    made = []
    for year, count in sorted(per_year.items()):
        for number in range(count):
            made.append(Article(f"news/{year}-{number}.md", f"tin-{year}-{number}", f"Tin {number}",
                                datetime(year, 1 + number % 12, 1 + number % 28, 8, tzinfo=LOCAL_TZ), (), "", "",
                                None, "", (), False, False, Body("<p>x</p>")))
    return tuple(made)


def shards(per_year: dict[int, int], pages: int = 1):
    return plan_shards({"news": articles(per_year), "page": (PAGE,) * pages}, DEFAULT)


def test_a_site_with_a_few_hundred_articles_keeps_one_index():
    assert shards({2024: 100, 2025: 100, 2026: 99}).folders == (CORE,)
    assert shards({2024: 100, 2025: 100, 2026: 99}, pages=NEWS_PER_SHARD).folders == (CORE,)
    assert not shards({2026: 400}).split, "one year: nothing to split it by"


def test_years_are_grouped_from_the_oldest_and_the_newest_join_the_group_before():
    plan = shards({2021: 74, 2022: 80, 2023: 73, 2024: 87, 2025: 86}, pages=NEWS_PER_SHARD)
    assert plan.folders == (CORE, "pagefind/tin-tuc-2023/", "pagefind/tin-tuc-2021/")
    assert plan.folder_of("tin-tuc/tin-2021-0/index.html") == "pagefind/tin-tuc-2021/"
    assert plan.folder_of("tin-tuc/tin-2022-79/index.html") == "pagefind/tin-tuc-2021/"
    assert plan.folder_of("tin-tuc/tin-2025-3/index.html") == "pagefind/tin-tuc-2023/"
    assert plan.folder_of("gioi-thieu/index.html") == CORE
    held = {}
    for folder in plan.dated.values():
        held[folder] = held.get(folder, 0) + 1
    assert min(held.values()) >= NEWS_PER_SHARD


def test_a_small_core_takes_the_newest_news_in():
    """Five procedures alone would be scored against five pages' statistics."""
    plan = shards({2021: 74, 2022: 80, 2023: 73, 2024: 87, 2025: 86}, pages=5)
    assert plan.folders == (CORE, "pagefind/tin-tuc-2021/")
    assert plan.folder_of("tin-tuc/tin-2025-3/index.html") == CORE
    assert plan.folder_of("tin-tuc/tin-2022-3/index.html") == "pagefind/tin-tuc-2021/"
    news_only = shards({2023: 200, 2024: 200}, pages=0)
    assert news_only.folders == (CORE, "pagefind/tin-tuc-2023/"), "no core: the newest news are the main index"
    assert news_only.folder_of("tin-tuc/tin-2024-0/index.html") == CORE


def test_new_articles_change_the_newest_shard_only_until_it_stands_alone():
    before = shards({2023: 160, 2024: 160, 2025: 40}, pages=NEWS_PER_SHARD)
    after = shards({2023: 160, 2024: 160, 2025: 40, 2026: 100}, pages=NEWS_PER_SHARD)
    assert before.folders == after.folders == (CORE, "pagefind/tin-tuc-2024/", "pagefind/tin-tuc-2023/")
    assert {p: f for p, f in after.dated.items() if p in before.dated} == before.dated
    split = shards({2023: 160, 2024: 160, 2025: 40, 2026: 110}, pages=NEWS_PER_SHARD)
    assert split.folders == (CORE, "pagefind/tin-tuc-2025/", "pagefind/tin-tuc-2024/", "pagefind/tin-tuc-2023/")


def test_the_search_page_merges_the_sites_shards_then_its_sub_sites():
    config = SiteConfig("huyen", "Huyện", "district", base_url="https://huyen.vn/")
    root = SiteContent("huyen", "sites/huyen", config, items={"news": articles({2023: 150, 2024: 150, 2025: 150}),
                                                              "page": (PAGE,)})
    child = SiteContent("xa-an", "sites/xa-an", SiteConfig("xa-an", "Xã An", "commune", parent="huyen"),
                        items={"news": articles({2025: 3})})
    portal, _problems = build_portal([root, child], NOW)
    search = next(o for o in plan_site(portal.site("huyen"), ()) if o.path == "tim-kiem/index.html")
    assert search.context["merge"] == (
        {"bundle": "../pagefind/tin-tuc-2024/", "root": "../", "site": 0},
        {"bundle": "../pagefind/tin-tuc-2023/", "root": "../", "site": 0},
        {"bundle": "../xa-an/pagefind/", "root": "../xa-an/", "site": 1},
    )
    assert portal.site("xa-an").search["xa-an"].folders == (CORE,)
