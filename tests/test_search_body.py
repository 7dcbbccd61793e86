"""Pagefind is sent each page cut to its search body: the citizen finds the
same text, with the same title and meta, as from the whole page."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from test_search_index import START, _portal
from conftest import write_tree
from sitegen.commands.build import BuildSettings, build
from sitegen.search.pagefind import Service, pagefind_executable
from sitegen.search.indexer import SEARCH_MARK
from sitegen.search.body import search_body


def test_a_page_is_cut_to_its_title_and_marked_element():
    page = ('<html><head><title>Tin A</title><style>x</style></head><body><nav>menu</nav>'
            '<main><article class="a" data-pagefind-body><h1>Tin A</h1><article>trích</article>'
            '<p>nội dung</p></article><aside>tin khác</aside></main><footer>chân</footer></body></html>')
    cut = search_body(page)
    assert "<title>Tin A</title>" in cut
    assert '<article class="a" data-pagefind-body><h1>Tin A</h1><article>trích</article><p>nội dung</p></article>' in cut
    assert "menu" not in cut and "tin khác" not in cut and "chân" not in cut


@pytest.mark.parametrize("page", [
    "<html><body><p>no mark: every page is read</p></body></html>",
    "<html><body><div data-pagefind-body>a</div><div data-pagefind-body>b</div></body></html>",
    "<html><body><div data-pagefind-body>never closed</body></html>",
    "<html><body><p>a text about data-pagefind-body, not a tag</p></body></html>",
])
def test_a_page_that_cannot_be_cut_plainly_is_sent_whole(page):
    assert search_body(page) == page


def _fragments(out: Path, pages: list[Path], cut: bool) -> dict[str, bytes]:
    service = Service(pagefind_executable())
    try:
        index = service.new_index("vi")
        for page in pages:
            html = page.read_text(encoding="utf-8")
            index.add_html_file(search_body(html) if cut else html, page.relative_to(out).as_posix())
        files = index.get_files()
    finally:
        service.close()
    return {name: gzip.decompress(data) for name, data in sorted(files) if name.startswith("fragment/")}


def test_the_cut_pages_give_the_index_the_whole_pages_give(tmp_path):
    if pagefind_executable() is None:
        pytest.fail("pagefind is a dependency: pip install -e . installs it")
    out = tmp_path / "out"
    build(BuildSettings(write_tree(tmp_path / "sites", _portal(articles=6)), out, START, use_cache=False,
                        report=None))
    pages = sorted(p for p in out.rglob("index.html") if SEARCH_MARK in p.read_bytes())
    assert len(pages) >= 6
    assert all(len(search_body(p.read_text(encoding="utf-8"))) < p.stat().st_size / 2 for p in pages)
    whole = _fragments(out, pages, cut=False)
    assert len(whole) == len(pages)
    assert _fragments(out, pages, cut=True) == whole
