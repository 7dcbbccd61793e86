"""Publishing safely (staging, swap, lock, refusing foreign folders) and a
sub-site's own templates, which change only that sub-site, in a sandbox."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, news, write_tree
from sitegen.cli import main

ROOT = Path(__file__).resolve().parent.parent
NOW = ["--now", "22/11/2026 10:00"]


def test_refuses_an_output_folder_it_did_not_create(tmp_path, capsys):
    sites = write_tree(tmp_path / "sites", {"h/site.yaml": ROOT_SITE})
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("do not delete")
    code = main(["build", "--sites", str(sites), "--out", str(out), *NOW])
    assert code == 2
    assert "precious" not in capsys.readouterr().out
    assert (out / "precious.txt").read_text() == "do not delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "sites"] or \
        not any(p.name.startswith(".out.staging") for p in tmp_path.iterdir())


def test_refuses_an_output_that_holds_the_content(tmp_path, capsys):
    sites = write_tree(tmp_path / "sites", {"h/site.yaml": ROOT_SITE})
    assert main(["build", "--sites", str(sites), "--out", str(tmp_path), *NOW]) == 2
    assert main(["build", "--sites", str(sites), "--out", str(sites / "h"), *NOW]) == 2
    assert (sites / "h" / "site.yaml").is_file()


def test_rebuild_replaces_its_own_output_and_removes_what_is_gone(tmp_path, capsys):
    files = {"h/site.yaml": ROOT_SITE, "h/news/a.md": news("Tin A"), "h/news/b.md": news("Tin B")}
    sites = write_tree(tmp_path / "sites", files)
    out = tmp_path / "out"
    assert main(["build", "--sites", str(sites), "--out", str(out), *NOW]) == 0
    (sites / "h" / "news" / "b.md").unlink()
    assert main(["build", "--sites", str(sites), "--out", str(out), *NOW]) == 0
    assert (out / "tin-tuc" / "tin-a" / "index.html").is_file()
    assert not (out / "tin-tuc" / "tin-b").exists()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("out", "sites", "report", ".out.lock", ".out.cache")]
    assert all(name.startswith(".out.trash-") for name in leftovers), leftovers
    deadline = time.monotonic() + 20
    while any(tmp_path.glob(".out.trash-*")) and time.monotonic() < deadline:
        time.sleep(0.1)  # the previous publication is deleted in the background
    assert not any(tmp_path.glob(".out.trash-*"))


def test_two_builds_at_once_are_refused(tmp_path, capsys):
    from sitegen.publish.staging import PublishError, Staging

    out = tmp_path / "out"
    with Staging(out):
        with pytest.raises(PublishError, match="Một bản dựng khác"):
            with Staging(out):
                pass


def test_a_build_killed_midway_leaves_the_published_portal_whole(tmp_path):
    # Enough files that the build forks workers: they must die with it.
    many = {f"h/news/tin-{i:03d}.md": news(f"Tin số {i}", body="Đoạn văn. " * 100) for i in range(450)}
    sites = write_tree(tmp_path / "sites", {"h/site.yaml": ROOT_SITE, **many})
    out = tmp_path / "out"
    command = [sys.executable, str(ROOT / "build.py"), "--sites", str(sites), "--out", str(out), *NOW]
    assert subprocess.run(command, capture_output=True).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (sites / "h" / "news" / "tin-000.md").write_text(news("Tin đã sửa"), encoding="utf-8")
    for delay in (0.3, 0.6, 0.9, 1.2):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        # Either the old portal, whole, or (if the swap happened) the new one, whole.
        if after != before:
            assert "Tin đã sửa" in (out / "tin-tuc" / "tin-da-sua" / "index.html").read_text()
            assert len(after) == len(before), sorted(set(after) ^ set(before))
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert (out / "tin-tuc" / "tin-da-sua" / "index.html").is_file()


def test_site_templates_change_only_that_site_and_run_sandboxed(build_portal):
    override = """{% extends "base.html" %}
{% block main %}<h1 class="xa-rieng">Trang chủ riêng của xã</h1>{{ site.config.name }}{% endblock %}
"""
    hostile = """{% extends "base.html" %}
{% block main %}{{ site.__class__.__mro__ }}{{ ''.__class__.__subclasses__() }}{% endblock %}
"""
    built = build_portal({
        "h/site.yaml": ROOT_SITE,
        "xa-a/site.yaml": commune_site("A", parent="h"),
        "xa-a/templates/home.html": override,
        "xa-b/site.yaml": commune_site("B", parent="h"),
        "xa-b/templates/home.html": hostile,
        "xa-b/templates/article.html": "{% include '../../h/site.yaml' %}",
        "xa-b/news/a.md": news("Tin B"),
    })
    assert "Trang chủ riêng của xã" in built.page("xa-a/")
    assert "Trang chủ riêng của xã" not in built.page("")
    assert "Trang chủ riêng của xã" not in built.page("xa-b/")
    home_b = built.page("xa-b/")
    assert "__subclasses__" not in home_b and "object" not in home_b.split("<main")[1][:200]
    assert "xa-b/templates/home.html" in built.stderr
    assert "base_url" not in built.page("xa-b/tin-tuc/tin-b/")
    assert "Tin B" in built.page("xa-b/tin-tuc/tin-b/")


def test_a_write_error_leaves_the_previous_publication(tmp_path, capsys, monkeypatch):
    import errno

    from sitegen.publish.staging import Staging

    sites = write_tree(tmp_path / "sites", {"h/site.yaml": ROOT_SITE, "h/news/a.md": news("Tin A")})
    out = tmp_path / "out"
    assert main(["build", "--sites", str(sites), "--out", str(out), *NOW]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (sites / "h" / "news" / "a.md").write_text(news("Tin đã sửa"), encoding="utf-8")
    written = []

    def disk_full(self, relative, data):
        written.append(relative)
        if len(written) > 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / relative))
        return original(self, relative, data)

    original = Staging.write
    monkeypatch.setattr(Staging, "write", disk_full)
    assert main(["build", "--sites", str(sites), "--out", str(out), "--jobs", "1", *NOW]) == 2
    assert "No space left on device" in capsys.readouterr().err
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / ".out.staging").exists()
    monkeypatch.undo()
    assert main(["build", "--sites", str(sites), "--out", str(out), *NOW]) == 0
    assert (out / "tin-tuc" / "tin-da-sua" / "index.html").is_file()
