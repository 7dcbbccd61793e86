"""The search index as files: the same bytes whatever the file system, a
warning and a published portal when Pagefind is missing or broken, and no
Pagefind left running by a build that is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT_SITE, commune_site, front, news, write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.content.dates import build_time

REPO = Path(__file__).resolve().parents[1]
START = build_time("22/11/2026 10:00")


def _portal(articles: int = 12) -> dict[str, str]:
    files = {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/procedures/ks.md": front({"code": "1.001193", "title": "Đăng ký khai sinh", "field": "Hộ tịch",
                                         "level": "commune"}, "## Trình tự\n\nNộp hồ sơ tại Bộ phận Một cửa."),
        "huyen/pages/gioi-thieu.md": front({"title": "Giới thiệu", "menu": 1}, "Huyện miền núi."),
        "huyen/staff/a.md": front({"name": "Nguyễn Văn A", "position": "Chủ tịch", "unit": "UBND"}, "Tiểu sử."),
        "xa-mot/site.yaml": commune_site("Một", parent="huyen"),
    }
    for number in range(articles):
        site = ("huyen", "xa-mot")[number % 2]
        files[f"{site}/news/tin-{number}.md"] = news(
            f"Tin số {number} về đường giao thông", f"{2023 + number % 4}-0{1 + number % 9}-1{number % 10} 08:00",
            body=f"Bài số {number}: xã ra quân làm đường, kênh mương nội đồng.\n\n## Kết quả\n\nĐạt {number}%.")
    return files


def _indexes(out: Path) -> dict[str, bytes]:
    """Every file under every pagefind/ folder of the output (shards included)."""
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and "pagefind" in p.relative_to(out).parts}


def _file_system(path: Path) -> str:
    """The type of the file system path lies on (Linux's mount table)."""
    try:
        mounts = [line.split()[1:3] for line in Path("/proc/self/mounts").read_text().splitlines()]
    except OSError:
        return ""
    path = str(path.resolve())
    best = max((m for m in mounts if path == m[0] or path.startswith(m[0].rstrip("/") + "/")),
               key=lambda m: len(m[0]), default=("", ""))
    return best[1]


def test_the_index_is_the_same_bytes_on_tmpfs_and_on_disk(tmp_path, monkeypatch):
    """Directories list their files in another order on tmpfs and on ext4;
    Pagefind numbers pages in the order it gets them. The build gives them
    sorted, so an index (its shards too) is the same whatever the disk."""
    from sitegen.search import shards as search_shards

    if _file_system(Path("/dev/shm")) != "tmpfs":
        pytest.skip("no tmpfs at /dev/shm")
    if _file_system(tmp_path) in ("tmpfs", ""):
        pytest.skip("the temporary folder is not on a disk")
    monkeypatch.setattr(search_shards, "NEWS_PER_SHARD", 3)  # the district's news in shards too
    sites = write_tree(tmp_path / "sites", _portal(articles=24))
    disk = tmp_path / "out"
    build(BuildSettings(sites, disk, START, use_cache=False, report=None))
    with tempfile.TemporaryDirectory(dir="/dev/shm") as memory:
        build(BuildSettings(sites, Path(memory) / "out", START, use_cache=False, report=None))
        in_memory = _indexes(Path(memory) / "out")
    on_disk = _indexes(disk)
    assert any("/tin-tuc-" in name for name in on_disk), "the district's index has shards"
    assert sum(name.endswith(".pf_meta") for name in on_disk) >= 4
    assert on_disk.keys() == in_memory.keys()
    assert [name for name in on_disk if on_disk[name] != in_memory[name]] == []


def _warned(result) -> dict[str, str]:
    return {p.path: dict(p.params).get("detail", "") for p in result.problems if p.code == "search-index"}


def test_without_pagefind_the_portal_is_published_with_a_warning(tmp_path, monkeypatch):
    import sitegen.search.indexer as search

    sites = write_tree(tmp_path / "sites", _portal())
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    result = build(BuildSettings(sites, tmp_path / "out", START, report=None))
    assert result.errors == 0 and (tmp_path / "out" / "xa-mot" / "tin-tuc" / "index.html").is_file()
    assert set(_warned(result).values()) == {"pagefind not found"} and len(_warned(result)) == 2


def test_a_broken_pagefind_is_a_warning_and_the_next_build_has_an_index(tmp_path, monkeypatch):
    import sitegen.search.indexer as search

    sites = write_tree(tmp_path / "sites", _portal())
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: cannot start' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    working = search.pagefind_executable
    monkeypatch.setattr(search, "pagefind_executable", lambda: str(broken))
    out = tmp_path / "out"
    result = build(BuildSettings(sites, out, START, report=None))
    assert result.errors == 0 and (out / "tin-tuc" / "index.html").is_file()
    assert set(_warned(result).values()) == {"pagefind: cannot start"}
    monkeypatch.setattr(search, "pagefind_executable", working)
    build(BuildSettings(sites, out, START, use_cache=False, report=None))
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


def _services_of(pid: int) -> list[int]:
    """The `pagefind --service` processes whose parent is pid."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            command = Path(entry.path, "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"--service" in command:
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_killed_build_leaves_no_pagefind_running(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal(articles=600))
    build_process = subprocess.Popen([sys.executable, "build.py", "build", "--sites", str(sites),
                                      "--out", str(tmp_path / "out"), "--no-report"],
                                     cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        services = []
        while not services and build_process.poll() is None and time.monotonic() < deadline:
            services = _services_of(build_process.pid)
            time.sleep(0.01)
        assert services, "the build ended before Pagefind started: make the portal larger"
        os.kill(build_process.pid, signal.SIGKILL)
        build_process.wait()
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in services) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in services if _running(pid)]
    finally:
        if build_process.poll() is None:
            build_process.kill()
            build_process.wait()


def test_every_index_file_is_written_whole(tmp_path):
    """Pagefind's own writer could leave its last files cut short when its
    service ended; every compressed file must unpack and the entry must parse."""
    import gzip
    import json

    out = tmp_path / "out"
    build(BuildSettings(write_tree(tmp_path / "sites", _portal(articles=24)), out, START, use_cache=False,
                        report=None))
    files = _indexes(out)
    packed = [name for name in files if name.endswith((".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"))]
    assert len(packed) >= 10
    for name in packed:
        assert gzip.decompress(files[name]), name
    entries = [name for name in files if name.endswith("pagefind-entry.json")]
    assert len(entries) == 2
    for name in entries:
        assert json.loads(files[name])["languages"]["vi"]["page_count"] > 0
