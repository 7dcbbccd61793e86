"""The root's search, which merges every sub-site's Pagefind index, as a
citizen uses it in Debian's headless Chromium (driven by Playwright): each
result names the site it comes from, and its excerpt reads as sentences, a
label apart from its value ("Mã thủ tục: 1.001193", never "Mã thủ
tục1.001193"), starting where a sentence starts (or marked as cut, "… ").

The text Pagefind indexes is checked too, without a browser: no label of a
fact list runs into its value.

The sample (sites/) is built once for the module. Without Playwright or
Chromium the browser test is skipped, except under CI (CI set).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import need

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
WORDING = yaml.safe_load((REPO / "themes" / "default" / "wording.yaml").read_text(encoding="utf-8"))
# The labels of the fact lists of the pages the search finds (procedures, documents,
# people, events, questions): each followed by ':' and a space, or nothing.
LABELS = [WORDING[key] for key in (
    "procedure_code", "field", "level", "online", "processing_time", "fee", "agency", "applicants", "result",
    "position", "unit", "phone", "email", "time", "location", "chair", "participants", "document_number",
    "document_type", "issuer", "signer", "issued", "effective", "expires", "period", "first_published",
    "asked_by", "asked")]
GLUED = re.compile("(" + "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True))
                   + r")(?=[^\s:,.;)])")
QUERY = "dang ky khai sinh"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search-results") / "public"
    sample_portal.build(out)
    return out


def _site_names(out: Path) -> dict[str, str]:
    """Each site's full name (its home's <title>), by its folder ('' : the root)."""
    names = {}
    for home in [out / "index.html", *sorted(out.glob("*/tim-kiem/index.html"))]:
        folder = home.parent if home.parent == out else home.parent.parent
        html = (folder / "index.html").read_text(encoding="utf-8")
        names[folder.name + "/" if folder != out else ""] = re.search(r"<title>([^<]+)</title>", html).group(1)
    return names


def test_the_indexed_text_keeps_labels_apart_from_values(built):
    fragments = sorted(built.rglob("pagefind/fragment/*.pf_fragment"))
    assert len(fragments) > 20
    glued = []
    for fragment in fragments:
        data = gzip.decompress(fragment.read_bytes())
        content = json.loads(data[data.index(b"{"):])["content"]
        glued += [f"{fragment.relative_to(built)}: …{content[max(0, m.start() - 20):m.end() + 20]}…"
                  for m in GLUED.finditer(content)]
    assert not glued, "\n".join(glued[:20])


@pytest.fixture(scope="module")
def results(built):
    """What the root's search page shows for the query: (title, href, site, excerpt) for each result."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python (pip install playwright)")
    chrome = sample_portal.chromium()
    need(chrome, "Chromium (apt-get install chromium)")
    with sample_portal.serve(built) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, args=sample_portal.PLAYWRIGHT_ARGS)
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740}, locale="vi-VN")
            page.goto(url + "tim-kiem/", wait_until="load")
            page.fill("#search-query", QUERY)
            page.press("#search-query", "Enter")
            page.wait_for_function("document.querySelectorAll('#search-results li').length > 0", timeout=30_000)
            page.wait_for_function("/\\d/.test(document.getElementById('search-status').textContent)")
            found = page.evaluate("""() => Array.from(document.querySelectorAll('#search-results li')).map(li => ({
              title: li.querySelector('h2 a').textContent, href: new URL(li.querySelector('h2 a').href).pathname,
              site: (li.querySelector('.search-site') || {}).textContent || '',
              excerpt: li.querySelector('p:last-child').textContent}))""")
        finally:
            browser.close()
    assert len(found) >= 5, found
    return found


def test_each_result_names_its_site(built, results):
    names = _site_names(built)
    assert len(names) >= 3
    for result in results:
        folder = result["href"].strip("/").split("/")[0] + "/"
        owner = folder if folder in names else ""
        assert result["site"], f"{result['title']} ({result['href']}) names no site"
        assert result["site"].casefold() in names[owner].casefold(), (result, names[owner])
        others = [name for key, name in names.items() if key != owner]
        assert not any(result["site"].casefold() in name.casefold() for name in others), (result, others)
    same = [r["site"] for r in results if r["title"] == "Đăng ký khai sinh"]
    assert len(same) >= 2 and len(set(same)) == len(same), same


def test_excerpts_read_as_sentences(results):
    for result in results:
        excerpt = result["excerpt"].strip()
        assert not GLUED.search(excerpt), result
        assert excerpt[:1].isupper() or excerpt[:1].isdigit() or excerpt.startswith("… "), result
    # The procedure's facts come as the theme writes them, label, colon, value.
    procedures = [r["excerpt"] for r in results if "/thu-tuc/" in r["href"] and "Mã thủ tục" in r["excerpt"]]
    assert procedures and all("Mã thủ tục: 1.001193" in excerpt for excerpt in procedures), procedures
