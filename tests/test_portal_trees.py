"""A portal gathered from several folders: the district's repository and one
repository per commune (--sites, repeatable, or a quoted pattern), built as
one portal; a site folder found in two places is refused, naming both."""

from __future__ import annotations

from conftest import ROOT_SITE, commune_site, news, write_tree
from sitegen.cli import main

NOW = "22/11/2026 10:00"


def _trees(tmp_path):
    write_tree(tmp_path / "huyen" / "sites", {
        "huyen-mau/site.yaml": ROOT_SITE,
        "huyen-mau/news/a.md": news("Tin của huyện"),
        "xa-an/site.yaml": commune_site("An", parent="huyen-mau"),
    })
    for slug, name in (("xa-binh", "Bình"), ("xa-cat", "Cát")):
        write_tree(tmp_path / "xa" / slug / "sites", {
            f"{slug}/site.yaml": commune_site(name, parent="huyen-mau"),
            f"{slug}/news/b.md": news(f"Tin của xã {name}", to_parent="true"),
        })
    return tmp_path


def test_sites_from_several_repositories_build_as_one_portal(tmp_path, capsys):
    base = _trees(tmp_path)
    out = tmp_path / "public"
    code = main(["build", "--sites", str(base / "huyen" / "sites"), "--sites", str(base / "xa" / "*" / "sites"),
                 "--out", str(out), "--now", NOW])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Đã dựng 4 trang thông tin" in captured.out
    for slug in ("xa-an", "xa-binh", "xa-cat"):
        assert (out / slug / "index.html").is_file()
    parent = (out / "index.html").read_text(encoding="utf-8")
    assert "Tin của xã Bình" in parent and "Tin của xã Cát" in parent  # sent up across repositories
    assert main(["check", "--sites", str(base / "huyen" / "sites"), "--sites", str(base / "xa" / "*" / "sites"),
                 "--site", "xa-cat", "--now", NOW]) == 0


def test_a_site_folder_in_two_places_is_an_error_naming_both(tmp_path, capsys):
    base = _trees(tmp_path)
    write_tree(base / "xa" / "xa-binh" / "sites", {"xa-an/site.yaml": commune_site("An khác", parent="huyen-mau")})
    try:
        main(["build", "--sites", str(base / "huyen" / "sites"), "--sites", str(base / "xa" / "*" / "sites"),
              "--out", str(tmp_path / "public"), "--now", NOW])
    except SystemExit as stop:
        assert stop.code == 2
    else:
        raise AssertionError("the build went ahead")
    err = capsys.readouterr().err
    assert f"'{base / 'huyen' / 'sites' / 'xa-an'}' và '{base / 'xa' / 'xa-binh' / 'sites' / 'xa-an'}'" in err
    assert not (tmp_path / "public").exists()


def test_new_writes_into_the_repository_that_holds_the_site(tmp_path, capsys):
    base = _trees(tmp_path)
    code = main(["new", "news", "--site", "xa-cat", "--sites", str(base / "huyen" / "sites"),
                 "--sites", str(base / "xa" / "*" / "sites"), "--now", NOW, "Họp dân"])
    assert code == 0, capsys.readouterr().err
    assert list((base / "xa" / "xa-cat" / "sites" / "xa-cat" / "news").glob("2026-11-22-hop-dan.md"))


def test_a_pattern_that_matches_nothing_is_a_usage_error(tmp_path, capsys):
    try:
        main(["check", "--sites", str(tmp_path / "khong-co" / "*")])
    except SystemExit as stop:
        assert stop.code == 2
    assert "--sites: không thư mục nào khớp" in capsys.readouterr().err, "in Vietnamese, the default"
