"""A sample or training portal stays alive: its root's `sample_dated` moves every
date forward in whole weeks to the week it is built in (a Monday's meeting stays
on a Monday), so the sample, built months later, shows this week's schedule and
fresh news, and the report does not call its sites neglected. A real portal's
dates never move."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

from conftest import ROOT_SITE, commune_site, news, write_tree
from sitegen.cli import main
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time

REPO = Path(__file__).resolve().parent.parent
LATER = build_time("15/03/2027 10:00")  # a Monday, 16 weeks after the week of 23/11/2026


def _portal(sample: bool) -> dict[str, str]:
    root = ROOT_SITE + ("sample_dated: 2026-11-23\n" if sample else "")
    return {
        "huyen-mau/site.yaml": root,
        "huyen-mau/news/2026-11-21-hoi-nghi.md": news("Hội nghị tổng kết", date=""),
        "huyen-mau/news/tiep-xuc-cu-tri.md": news("Tiếp xúc cử tri", "20/11/2026 08:00"),
        "huyen-mau/news/hen-gio.md": news("Lịch nghỉ Tết", "2026-12-15 09:00"),  # the sample's future
        "huyen-mau/documents/du-thao.md": (  # the sample's draft: issued in its week, open two more months
            "---\nnumber: DT-14/2026\ntype: Dự thảo\ntitle: Dự thảo quy định quản lý chợ\nissued: 20/11/2026\n"
            "consultation:\n  until: 31/01/2027 17:00\n  email: gopy@huyenmau.example.vn\n---\n"),
        "huyen-mau/schedule/giao-ban.md": "---\ntitle: Giao ban đầu tuần\nstart: 2026-11-23 08:00\n"
                                          "location: Hội trường\nkind: meeting\n---\n",
        "xa-mot/site.yaml": commune_site("Một"),
        "xa-mot/news/2026-11-19-ra-quan.md": news("Ra quân làm đường", date="", to_parent="true"),
        "xa-mot/news/tap-huan.md": news("Bài tập huấn của biên tập viên", "15/03/2027 09:00"),  # written today
        "xa-mot/news/2027-03-04-tuan-truoc.md": news("Bài viết tuần trước", date=""),  # an editor's, since
    }


def _page(out: Path, *parts: str) -> str:
    return (out.joinpath(*parts) / "index.html").read_text(encoding="utf-8")


def test_a_samples_dates_move_to_the_week_it_is_built_in(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal(sample=True))
    result = build(BuildSettings(sites, tmp_path / "out", LATER))
    assert result.errors == 0
    out = tmp_path / "out"
    assert "13/03/2027" in _page(out, "tin-tuc", "hoi-nghi-tong-ket")  # its file name's 21/11/2026, a Saturday
    assert "12/03/2027" in _page(out, "tin-tuc", "tiep-xuc-cu-tri")  # its date's 20/11/2026, a Friday
    assert "11/03/2027" in _page(out, "xa-mot", "tin-tuc", "ra-quan-lam-duong")
    week = _page(out, "lich-cong-tac")
    assert "Giao ban đầu tuần" in week and "15/03/2027" in week  # this Monday
    draft = _page(out, "lay-y-kien")  # the whole item moved: its deadline is still after its issue date
    assert "Dự thảo quy định quản lý chợ" in draft and "23/05/2027" in draft and "31/01/2027" not in draft
    assert result.next_change is not None and result.next_change <= build_time("23/05/2027 17:00")
    written_today = _page(out, "xa-mot", "tin-tuc", "bai-tap-huan-cua-bien-tap-vien")
    assert "15/03/2027" in written_today and "16/03/2027" not in written_today  # this week's dates stay
    # An item with no date in the sample's week is an editor's, written since: it keeps its dates,
    # never jumping into the future (hidden as scheduled) as the weeks go by.
    assert "04/03/2027" in _page(out, "xa-mot", "tin-tuc", "bai-viet-tuan-truoc")
    assert "15/12/2026" in _page(out, "tin-tuc", "lich-nghi-tet")


def test_a_real_portals_dates_never_move(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal(sample=False))
    build(BuildSettings(sites, tmp_path / "out", LATER))
    assert "21/11/2026" in _page(tmp_path / "out", "tin-tuc", "hoi-nghi-tong-ket")
    assert (tmp_path / "out" / "tin-tuc" / "lich-nghi-tet").is_dir()  # 15/12/2026 has come
    assert "31/01/2027" in _page(tmp_path / "out", "lay-y-kien")


def test_a_new_week_moves_the_dates_and_an_incremental_build_equals_a_clean_one(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal(sample=True))
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(BuildSettings(sites, out, LATER))
    week_later = LATER + timedelta(days=7)
    build(BuildSettings(sites, out, week_later))
    build(BuildSettings(sites, clean, week_later, use_cache=False, workers=1))
    assert "20/03/2027" in _page(out, "tin-tuc", "hoi-nghi-tong-ket")
    assert _published(out) == _published(clean)


def _published(out: Path) -> dict[str, bytes]:
    """What a citizen can be served; not the ledger, the build's memory of when it first
    published each document (a portal built a week earlier remembers that week)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name != ".sitegen-ledger.json"}


def test_the_sample_built_months_later_looks_alive(tmp_path):
    """The README's sample, built on a day long after its content was written."""
    sites = tmp_path / "sites"
    shutil.copytree(REPO / "sites", sites)
    out, report = tmp_path / "out", tmp_path / "report"
    assert main(["build", "--sites", str(sites), "--out", str(out), "--report", str(report),
                 "--now", "07/06/2027 09:00"]) == 0
    sites_report = json.loads((report / "report.json").read_text(encoding="utf-8"))["sites"]
    lively = [s for s in sites_report if s["counts"].get("news", 0) > 2]
    assert lively, "the sample has communes with news"
    for site in lively:
        codes = {p["code"] for p in site["problems"]}
        assert "stale-news" not in codes, site["slug"]
    scheduled = [s for s in sites_report if s["counts"].get("events", 0)]
    assert scheduled and all(s["counts"]["events_this_week"] > 0 for s in scheduled)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "/06/2027" in home
