"""An incremental build publishes exactly what a clean build of the same
input publishes, byte for byte, after any sequence of edits."""

from __future__ import annotations

import os
import random
import time
import shutil
from datetime import timedelta
from pathlib import Path

from conftest import ROOT_SITE, citizen_pages, commune_site, front, news, write_tree
from sitegen.content.dates import build_time
from sitegen.commands.build import BuildSettings, build

START = build_time("22/11/2026 10:00")
CATEGORIES = ["Tin tổng hợp", "Chuyển đổi số", "Đảng - Đoàn thể"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _portal() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "huyen/site.yaml": ROOT_SITE,
        "huyen/images/a.jpg": b"\xff\xd8\xff\xe0jpeg-a",
        "huyen/procedures/ks.md": front({"code": "1.001193", "title": "Đăng ký khai sinh",
                                         "field": "Hộ tịch", "level": "commune"}, "## Trình tự\n\nNộp."),
        "huyen/pages/gioi-thieu.md": front({"title": "Giới thiệu", "menu": 1}, "Huyện."),
        "huyen/schedule/tuan.yaml": "events:\n  - title: Giao ban\n    start: 2026-11-23 08:00\n",
        "huyen/staff/a.md": front({"name": "Nguyễn Văn A", "position": "Chủ tịch", "unit": "UBND"}, "Tiểu sử."),
    }
    for site in ("xa-mot", "xa-hai"):
        files[f"{site}/site.yaml"] = commune_site(site[3:].title(), parent="huyen")
    for number in range(12):
        site = ("huyen", "xa-mot", "xa-hai")[number % 3]
        files[f"{site}/news/tin-{number}.md"] = news(
            f"Tin số {number}", f"2026-11-{number + 1:02d} 08:00", category=CATEGORIES[number % 3],
            tags=f"[thẻ {number % 4}]", to_parent="true" if number % 2 else "false")
    return files


class _Editor:
    """Random edits of the kinds editors make, on a portal folder."""

    def __init__(self, sites: Path, seed: int):
        self.sites = sites
        self.random = random.Random(seed)
        self.counter = 100

    def step(self) -> str:
        action = self.random.choice([self.edit_body, self.edit_title, self.delete, self.rename, self.add,
                                     self.draft, self.site_yaml, self.procedure, self.event, self.future,
                                     self.category, self.picture, self.new_site, self.link, self.forge])
        return action()

    def _news(self) -> list[Path]:
        return sorted(self.sites.glob("*/news/*.md"))

    def _pick(self) -> Path | None:
        files = self._news()
        return self.random.choice(files) if files else None

    def edit_body(self) -> str:
        path = self._pick()
        if path:
            path.write_text(path.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
        return f"edit body {path}"

    def edit_title(self) -> str:
        path = self._pick()
        if path:
            text = path.read_text(encoding="utf-8").replace("title: ", "title: Sửa ", 1)
            path.write_text(text, encoding="utf-8")
        return f"edit title {path}"

    def delete(self) -> str:
        path = self._pick()
        if path:
            path.unlink()
        return f"delete {path}"

    def rename(self) -> str:
        path = self._pick()
        if path:
            self.counter += 1
            path.rename(path.with_name(f"doi-ten-{self.counter}.md"))
        return f"rename {path}"

    def add(self) -> str:
        self.counter += 1
        site = self.random.choice(["huyen", "xa-mot", "xa-hai"])
        day = self.random.randint(1, 20)
        (self.sites / site / "news" / f"moi-{self.counter}.md").write_text(
            news(f"Tin mới {self.counter}", f"2026-11-{day:02d} 09:00", category=self.random.choice(CATEGORIES),
                 to_parent=self.random.choice(["true", "false"])), encoding="utf-8")
        return f"add in {site}"

    def link(self) -> str:
        """A link that may lead nowhere, a picture without a description: the report's business."""
        path = self._pick()
        if path:
            target = self.random.choice(["/gioi-thieu/", "/khong-co/", "/tin-tuc/tin-3/", "/xa-mot/"])
            path.write_text(path.read_text(encoding="utf-8") + f"\n[xem]({target}) ![](images/a.jpg)\n",
                            encoding="utf-8")
        return f"link in {path}"

    def draft(self) -> str:
        path = self._pick()
        if path:
            path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1),
                            encoding="utf-8")
        return f"draft {path}"

    def site_yaml(self) -> str:
        site = self.random.choice(["huyen", "xa-mot", "xa-hai"])
        path = self.sites / site / "site.yaml"
        self.counter += 1
        path.write_text(path.read_text(encoding="utf-8").replace("name: ", f"name: ({self.counter}) ", 1),
                        encoding="utf-8")
        return f"rename site {site}"

    def forge(self) -> str:
        """The root names (or renames, or drops) the forge every admin page saves into."""
        path = self.sites / "huyen" / "site.yaml"
        text = path.read_text(encoding="utf-8").split("cms:")[0]
        choice = self.random.choice(["bien-tap/{site}", "main", None])
        if choice:
            text += f"cms:\n  backend: gitea\n  base_url: https://git.huyen.vn\n  repo: huyen/noi-dung\n" \
                    f"  branch: {choice}\n  app_id: ung-dung-{self.counter}\n"
        path.write_text(text, encoding="utf-8")
        return f"forge {choice}"

    def new_site(self) -> str:
        self.counter += 1
        folder = self.sites / f"xa-moi-{self.counter}"
        folder.mkdir()
        (folder / "site.yaml").write_text(commune_site(f"Mới {self.counter}", parent="huyen"), encoding="utf-8")
        (folder / "news").mkdir()
        (folder / "news" / "tin.md").write_text(news(f"Tin xã mới {self.counter}", to_parent="true"),
                                                encoding="utf-8")
        return f"new site {folder.name}"

    def procedure(self) -> str:
        path = self.sites / "huyen" / "procedures" / "ks.md"
        self.counter += 1
        path.write_text(path.read_text(encoding="utf-8") + f"\nThêm {self.counter}.\n", encoding="utf-8")
        return "edit inherited procedure"

    def event(self) -> str:
        path = self.sites / "huyen" / "schedule" / "tuan.yaml"
        self.counter += 1
        path.write_text(path.read_text(encoding="utf-8")
                        + f"  - title: Họp {self.counter}\n    start: 2026-11-{self.random.randint(16, 30)} 14:00\n",
                        encoding="utf-8")
        return "add event"

    def future(self) -> str:
        self.counter += 1
        (self.sites / "xa-hai" / "news" / f"hen-{self.counter}.md").write_text(
            news(f"Hẹn giờ {self.counter}", "2026-11-25 08:00"), encoding="utf-8")
        return "scheduled item"

    def category(self) -> str:
        path = self._pick()
        if path:
            text = path.read_text(encoding="utf-8")
            for name in CATEGORIES:
                text = text.replace(f"category: {name}", f"category: {self.random.choice(CATEGORIES)}")
            path.write_text(text, encoding="utf-8")
        return f"category {path}"

    def picture(self) -> str:
        path = self.sites / "huyen" / "images" / "a.jpg"
        self.counter += 1
        path.write_bytes(b"\xff\xd8\xff\xe0" + f"jpeg-{self.counter}".encode())
        return "replace picture"


def test_incremental_equals_clean_after_random_edits(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal())
    editor = _Editor(sites, seed=20261122)
    now = START
    for step in range(30):
        done = editor.step() if step else "first build"
        if step % 10 == 9:
            now += timedelta(days=2)  # time passes: scheduled news falls due, a new week starts
        incremental = build(BuildSettings(sites, tmp_path / "inc", now, report=tmp_path / "inc-report"))
        clean_out = tmp_path / "clean"
        shutil.rmtree(clean_out, ignore_errors=True)
        clean = build(BuildSettings(sites, clean_out, now, use_cache=False, workers=1,
                                    report=tmp_path / "clean-report"))
        assert _tree(tmp_path / "inc") == _tree(clean_out), f"step {step}: {done}"
        assert _tree(tmp_path / "inc-report") == _tree(tmp_path / "clean-report"), f"step {step}: {done}"
        assert incremental.problems == clean.problems, f"step {step}: {done}"
        assert incremental.pages == clean.pages > 0


def test_unchanged_input_does_nothing_and_one_edit_renders_little(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal())
    (sites / "xa-hai" / "news" / "hong.md").write_text("---\ntitle: [không đóng\n---\nThân.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = build(BuildSettings(sites, out, START))
    again = build(BuildSettings(sites, out, START))
    assert again.unchanged and again.pages == first.pages and again.rendered == 0
    assert again.problems == first.problems and first.errors == 1, "the webmaster sees the errors again"
    path = sites / "xa-mot" / "news" / "tin-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSửa một chữ.\n", encoding="utf-8")
    edited = build(BuildSettings(sites, out, START))
    assert not edited.unchanged
    assert 0 < edited.rendered < first.rendered / 4
    assert "Sửa một chữ." in (out / "xa-mot" / "tin-tuc" / "tin-so-1" / "index.html").read_text(encoding="utf-8")
    later = build(BuildSettings(sites, out, START + timedelta(days=7)))
    assert not later.unchanged, "a new week changes 'this week' on every home page"


def _page(out: Path, site: str, slug: str) -> str:
    return (out / site / "tin-tuc" / slug / "index.html").read_text(encoding="utf-8")


def test_site_option_builds_the_named_site_and_those_above_it_only(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "out"
    build(BuildSettings(sites, out, START))
    (sites / "xa-mot" / "news" / "moi.md").write_text(news("Tin mới của xã Một", to_parent="true"),
                                                      encoding="utf-8")
    other = sites / "xa-hai" / "news" / "tin-2.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nBản nháp chưa duyệt.\n", encoding="utf-8")
    (sites / "xa-hai" / "news" / "chua-duyet.md").write_text(news("Tin xã Hai chưa duyệt", to_parent="true"),
                                                             encoding="utf-8")

    only = build(BuildSettings(sites, out, START, only=("xa-mot",)))

    assert only.errors == 0
    assert "Tin mới của xã Một" in _page(out, "xa-mot", "tin-moi-cua-xa-mot")
    parent_news = (out / "tin-co-so" / "index.html").read_text(encoding="utf-8")
    assert "Tin mới của xã Một" in parent_news, "the parent shows the named site's news"
    assert "Tin xã Hai chưa duyệt" not in parent_news, "nor another site's unpublished change"
    assert "Bản nháp chưa duyệt." not in _page(out, "xa-hai", "tin-so-2")
    assert not (out / "xa-hai" / "tin-tuc" / "tin-xa-hai-chua-duyet").exists()

    full = build(BuildSettings(sites, out, START))  # the next whole build catches up
    clean = build(BuildSettings(sites, tmp_path / "clean", START, use_cache=False, workers=1))
    assert _tree(out) == _tree(tmp_path / "clean")
    assert not full.unchanged and full.problems == clean.problems


def test_site_option_on_a_first_build_still_publishes_every_site(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal())
    build(BuildSettings(sites, tmp_path / "out", START, only=("xa-mot",)))
    build(BuildSettings(sites, tmp_path / "clean", START, use_cache=False, workers=1))
    assert _tree(tmp_path / "out") == _tree(tmp_path / "clean")


def test_a_second_save_within_the_clock_tick_is_not_missed(tmp_path):
    """Unchanged files are known by their stat, but a file saved again within the
    same tick, at the same size, keeps its stat: it must still be read again."""
    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "out"
    path = sites / "xa-mot" / "news" / "tin-1.md"
    os.utime(path, ns=(time.time_ns(), time.time_ns()))  # saved just now
    build(BuildSettings(sites, out, START))
    stamp = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Nội dung", "Nội dunG"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # a coarse clock: the same time
    assert path.stat().st_size == stamp.st_size
    build(BuildSettings(sites, out, START))
    assert "Nội dunG" in _page(out, "xa-mot", "tin-so-1")


def test_a_file_deleted_from_the_output_by_hand_comes_back(tmp_path):
    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "out"
    build(BuildSettings(sites, out, START))
    lost = out / "xa-hai" / "tin-tuc" / "tin-so-2" / "index.html"
    lost.unlink()
    path = sites / "huyen" / "news" / "tin-0.md"  # another site changes; xa-hai does not
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    build(BuildSettings(sites, out, START))
    build(BuildSettings(sites, tmp_path / "clean", START, use_cache=False, workers=1))
    assert _tree(out) == _tree(tmp_path / "clean")


def test_an_edit_reindexes_only_the_sites_whose_items_changed(tmp_path, monkeypatch):
    """Editing a commune's article changes the district's news lists, but no
    item page of the district: only the commune's search index is made again."""
    from sitegen.search.indexer import SearchIndexer

    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "out"
    build(BuildSettings(sites, out, START))
    indexed: list[str] = []
    request = SearchIndexer.request
    monkeypatch.setattr(SearchIndexer, "request", lambda self, run: (indexed.append(run.key), request(self, run))[1])
    path = sites / "xa-mot" / "news" / "tin-1.md"  # sent up to the district's news
    path.write_text(path.read_text(encoding="utf-8").replace("Tin số 1", "Tin số một"), encoding="utf-8")
    build(BuildSettings(sites, out, START))
    assert "Tin số một" in (out / "tin-co-so" / "index.html").read_text(encoding="utf-8")
    assert indexed == ["xa-mot"]
    path = sites / "huyen" / "pages" / "gioi-thieu.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    indexed.clear()
    build(BuildSettings(sites, out, START))
    assert indexed == ["huyen"]


def _years_of_news() -> dict[str, str]:
    """Older news in the district and a commune: with a shard of three articles
    (tests lower NEWS_PER_SHARD), both split their search index by year."""
    files = {}
    for site in ("huyen", "xa-mot"):
        for year in (2023, 2024, 2025):
            for number in range(4):
                files[f"{site}/news/cu-{year}-{number}.md"] = news(
                    f"Tin năm {year} số {number}", f"{year}-0{number + 3}-1{number} 08:00",
                    category=CATEGORIES[number % 3], to_parent="true" if number % 2 else "false",
                    body=f"Bài của năm {year}, số {number}.")
    return files


def _files(folder: Path) -> dict[str, int]:
    """Every file under folder, by its inode: a file taken from the last build keeps its own."""
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_edit_reindexes_only_the_shard_of_the_article(tmp_path, monkeypatch):
    """A site whose news is split by year: editing an article of 2024 writes
    that year's shard again, and every other file of the site's index is the
    one published before; the result is a clean build's."""
    from sitegen.search import shards as search_shards
    from sitegen.search.indexer import SearchIndexer

    monkeypatch.setattr(search_shards, "NEWS_PER_SHARD", 3)
    sites = write_tree(tmp_path / "sites", {**_portal(), **_years_of_news()})
    out = tmp_path / "out"
    build(BuildSettings(sites, out, START))
    index = out / "xa-mot" / "pagefind"
    assert sorted(p.name for p in index.iterdir() if p.name.startswith("tin-tuc-")) == \
        ["tin-tuc-2023", "tin-tuc-2024", "tin-tuc-2025"], "2026 joins the commune's one procedure in the core"
    assert not (index / "tin-tuc-2024" / "pagefind.js").exists(), "a shard is merged: it needs no scripts"
    before = _files(index)
    runs = []
    request = SearchIndexer.request
    monkeypatch.setattr(SearchIndexer, "request", lambda self, run: (runs.append(run), request(self, run))[1])
    path = sites / "xa-mot" / "news" / "cu-2024-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm một đoạn về đường làng.\n", encoding="utf-8")
    build(BuildSettings(sites, out, START))
    assert [(run.key, run.folder.name, len(run.pages), run.seeded) for run in runs] == [("xa-mot", "tin-tuc-2024", 4, True)]
    after = _files(index)
    rewritten = sorted(name for name, inode in after.items() if before.get(name) != inode)
    assert rewritten and all(name.startswith("tin-tuc-2024/") for name in rewritten), rewritten
    assert all(after.get(name) == inode for name, inode in before.items() if not name.startswith("tin-tuc-2024/"))
    build(BuildSettings(sites, tmp_path / "clean", START, use_cache=False, workers=1))
    assert _tree(out) == _tree(tmp_path / "clean")


def test_incremental_equals_clean_with_search_indexes_in_shards(tmp_path, monkeypatch):
    """Random edits move articles between shards, add and remove shards, and
    put off the search (serve): the index is still a clean build's."""
    from sitegen.search import shards as search_shards

    monkeypatch.setattr(search_shards, "NEWS_PER_SHARD", 3)
    sites = write_tree(tmp_path / "sites", {**_portal(), **_years_of_news()})
    editor = _Editor(sites, seed=20261201)
    for step in range(16):
        done = editor.step() if step else "first build"
        if step % 4 == 2:  # the preview's build: the index catches up later
            build(BuildSettings(sites, tmp_path / "inc", START, search=False, report=None))
            continue
        build(BuildSettings(sites, tmp_path / "inc", START, report=None))
        clean_out = tmp_path / "clean"
        shutil.rmtree(clean_out, ignore_errors=True)
        build(BuildSettings(sites, clean_out, START, use_cache=False, workers=1, report=None))
        assert _tree(tmp_path / "inc") == _tree(clean_out), f"step {step}: {done}"
    assert list((tmp_path / "inc" / "pagefind").glob("tin-tuc-*/pagefind-entry.json")), "the district is split"


def test_a_change_anywhere_in_the_program_makes_the_cache_stale(tmp_path):
    """A working copy of sitegen may change any module, in any sub-package:
    the cache must not outlive it."""
    from sitegen.incremental.cache import _files_stamp

    module = tmp_path / "pkg" / "commands" / "build.py"
    module.parent.mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    module.write_text("x = 1\n", encoding="utf-8")
    before = _files_stamp(tmp_path / "pkg", every_level=True)
    module.write_text("x = 22\n", encoding="utf-8")
    assert _files_stamp(tmp_path / "pkg", every_level=True) != before


def test_a_district_article_remakes_the_district_only(tmp_path, monkeypatch):
    """Communes show their parent's procedures, not its news: an edited district
    article leaves their pages as they are, an edited procedure does not."""
    import sitegen.render.sites as building

    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "out"
    build(BuildSettings(sites, out, START))
    made: list[str] = []
    make_site = building._make_site
    monkeypatch.setattr(building, "_make_site", lambda job, site: (made.append(site.slug), make_site(job, site))[1])
    path = sites / "huyen" / "news" / "tin-0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Tin số 0", "Tin số không"), encoding="utf-8")
    build(BuildSettings(sites, out, START))
    assert made == ["huyen"]
    made.clear()
    path = sites / "huyen" / "procedures" / "ks.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm bước.\n", encoding="utf-8")
    build(BuildSettings(sites, out, START))
    assert sorted(made) == ["huyen", "xa-hai", "xa-mot"]
    assert "Thêm bước." in (out / "xa-mot" / "thu-tuc" / "1-001193" / "index.html").read_text(encoding="utf-8")


def test_a_communes_own_article_remakes_the_commune_only(tmp_path, monkeypatch):
    """A parent shows of its sub-sites only what they send up: an article kept
    on its commune leaves the district's pages as they are; one sent up does not."""
    import sitegen.render.sites as building

    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "out"
    build(BuildSettings(sites, out, START))
    made: list[str] = []
    make_site = building._make_site
    monkeypatch.setattr(building, "_make_site", lambda job, site: (made.append(site.slug), make_site(job, site))[1])
    own = sites / "xa-hai" / "news" / "tin-2.md"  # to_parent: false
    own.write_text(own.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    build(BuildSettings(sites, out, START))
    assert made == ["xa-hai"]
    made.clear()
    sent = sites / "xa-hai" / "news" / "tin-5.md"  # to_parent: true
    sent.write_text(sent.read_text(encoding="utf-8").replace("Tin số 5", "Tin số năm"), encoding="utf-8")
    build(BuildSettings(sites, out, START))
    assert sorted(made) == ["huyen", "xa-hai"]
    assert "Tin số năm" in (out / "tin-co-so" / "index.html").read_text(encoding="utf-8")


def test_text_outputs_have_compressed_copies_made_once_then_linked(tmp_path):
    """Every page, feed and script has a deterministic .gz (and .br with brotli)
    beside it, for the web server to send as it is; an unchanged output's copies
    are linked from the last publication, never compressed again, and the
    summary counts pages, not copies."""
    import gzip

    try:
        import brotli
    except ImportError:
        brotli = None
    sites = write_tree(tmp_path / "sites", _portal())
    out = tmp_path / "out"
    first = build(BuildSettings(sites, out, START))
    pages = citizen_pages(out)  # the admin pages are no pages of the count
    assert first.pages == len(pages), "compressed copies are not counted as pages"
    for path in [*pages, out / "rss.xml", *out.glob("assets/style.*.css"), out / "pagefind" / "pagefind.js"]:
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert packed[3] == 0 and packed[4:8] == b"\0\0\0\0", "no file name, no time in the header"
        assert gzip.decompress(packed) == path.read_bytes(), path
        if brotli is not None:
            assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == path.read_bytes()
    assert not list(out.rglob("*.jpg.gz")) and not list(out.rglob("*.pf_fragment.gz"))

    kept = out / "xa-hai" / "tin-tuc" / "tin-so-2" / "index.html.gz"
    edited = out / "xa-mot" / "tin-tuc" / "tin-so-1" / "index.html"
    same = out / "xa-mot" / "tin-tuc" / "index.html"  # made again (the article changed), same bytes
    kept_inode, edited_inode = kept.stat().st_ino, Path(f"{edited}.gz").stat().st_ino
    same_inodes = [Path(f"{same}{suffix}").stat().st_ino for suffix in ("", ".gz")]
    path = sites / "xa-mot" / "news" / "tin-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSửa một chữ.\n", encoding="utf-8")
    again = build(BuildSettings(sites, out, START))
    assert kept.stat().st_ino == kept_inode, "an unchanged page's copy is linked, not made again"
    assert again.rendered > 2 and [Path(f"{same}{suffix}").stat().st_ino for suffix in ("", ".gz")] == same_inodes, \
        "a page made again with the same bytes keeps the published file: a deploy does not send it"
    assert Path(f"{edited}.gz").stat().st_ino != edited_inode
    assert "Sửa một chữ." in gzip.decompress(Path(f"{edited}.gz").read_bytes()).decode("utf-8")
    build(BuildSettings(sites, tmp_path / "clean", START, use_cache=False, workers=1))
    assert _tree(out) == _tree(tmp_path / "clean")


def test_a_communes_scheduled_article_falling_due_remakes_it_and_its_parent_only(tmp_path, monkeypatch):
    """The clock's moments belong to the sites that show them: when one commune's
    scheduled article falls due, the other communes keep their pages (a province
    of a hundred communes is not re-rendered for one article)."""
    import sitegen.render.sites as building

    files = _portal()
    files["xa-mot/news/hen-gio.md"] = news("Tin hẹn giờ của xã Một", "2026-11-22 14:00", to_parent="true")
    sites = write_tree(tmp_path / "sites", files)
    out = tmp_path / "out"
    first = build(BuildSettings(sites, out, START))
    assert first.next_change == build_time("22/11/2026 14:00")
    assert not (out / "xa-mot" / "tin-tuc" / "tin-hen-gio-cua-xa-mot").exists()
    made: list[str] = []
    make_site = building._make_site
    monkeypatch.setattr(building, "_make_site", lambda job, site: (made.append(site.slug), make_site(job, site))[1])

    due = build(BuildSettings(sites, out, START + timedelta(hours=5)))  # 15:00, the same week

    assert sorted(made) == ["huyen", "xa-mot"]
    assert (out / "xa-mot" / "tin-tuc" / "tin-hen-gio-cua-xa-mot" / "index.html").is_file()
    assert "Tin hẹn giờ của xã Một" in (out / "tin-co-so" / "index.html").read_text(encoding="utf-8")
    clean = build(BuildSettings(sites, tmp_path / "clean", START + timedelta(hours=5), use_cache=False, workers=1))
    assert _tree(out) == _tree(tmp_path / "clean") and due.problems == clean.problems
