"""What the rules ask of a government channel: a planned suspension is
announced between its dates, and every page lets citizens rate it."""

from __future__ import annotations

from conftest import ROOT_SITE, commune_site, news

NOTICE = """notice:
  text: Cổng tạm ngừng hoạt động để nâng cấp từ 22:00 ngày 05/12.
  from: 2026-11-25 00:00
  until: 2026-12-06 06:00
feedback_url: https://huyenmau.example.vn/gop-y
"""


def _portal():
    return {"h/site.yaml": ROOT_SITE + NOTICE, "h/news/a.md": news("Tin"),
            "xa/site.yaml": commune_site("A", parent="h")}


def test_notice_shows_only_between_its_dates(build_portal, tmp_path):
    before = build_portal(_portal(), now="24/11/2026 23:59", out=tmp_path / "before")
    assert "tạm ngừng hoạt động" not in before.page("")
    during = build_portal({}, now="01/12/2026 10:00", out=tmp_path / "during")
    for page in ("", "tin-tuc/tin/"):
        assert "Cổng tạm ngừng hoạt động để nâng cấp từ 22:00 ngày 05/12." in during.page(page)
    after = build_portal({}, now="06/12/2026 06:01", out=tmp_path / "after")
    assert "tạm ngừng hoạt động" not in after.page("")


def test_every_page_can_be_rated_where_the_site_collects_ratings(build_portal):
    built = build_portal(_portal(), now="22/11/2026 10:00")
    for page in ("", "tin-tuc/tin/", "thu-tuc/", "can-bo/"):
        html = built.page(page)
        assert '<form method="post" action="https://huyenmau.example.vn/gop-y">' in html, page
        assert 'name="rating"' in html
    assert "gop-y" not in built.page("xa/"), "a site without feedback_url shows no form"
