"""The sample portal audited in a real browser (Debian's headless Chromium,
driven by Playwright): axe-core finds no serious or critical accessibility
problem on any kind of page, on a phone and a desktop screen; the Nu HTML
Checker (vnu) finds no error in any page; the home page stays light and loads
nothing from another origin; a procedure prints as a clean A4 document.

The tools come from .ci/run: chromium, a JRE and poppler-utils from apt,
Playwright and pypdf from PyPI, axe-core and vnu-jar from npm (installed into
tests/browser/node_modules). Without them these tests are skipped, except
under CI (CI set), where a missing tool is a failure.

Lighthouse scores are taken by bench/lighthouse.py (too slow for every run).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import need, playwright_browser

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402

HOME_BUDGET = 60_000  # bytes of HTML, CSS and JS transferred by a home page, pictures aside
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-audits") / "public"
    sample_portal.build(out)
    return out


@pytest.fixture(scope="module")
def base_url(built):
    with sample_portal.serve(built) as url:
        yield url


@pytest.fixture(scope="module")
def pages(built) -> list[tuple[str, str]]:
    found = sample_portal.audit_pages(built)
    kinds = {label.split(" ", 1)[1] for label, _ in found}
    # Every kind the sample portal has must be in the list (search once it exists).
    assert {"home", "article", "news-list", "category", "staff", "profile", "week", "catalogue",
            "procedure", "fixed-page", "not-found", "documents", "document", "documents-section",
            "consultations", "public-list", "questions", "question", "reception"} <= kinds, kinds
    assert any(label.startswith(sample_portal.COMMUNE) for label, _ in found)
    return found


@pytest.fixture(scope="module")
def browser():
    with playwright_browser() as browser:
        yield browser


def _describe(violation: dict) -> str:
    lines = [f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"]
    for node in violation["nodes"][:5]:
        lines.append(f"      at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        summary = " / ".join(s.strip() for s in node.get("failureSummary", "").splitlines()[1:] if s.strip())
        if summary:
            lines.append(f"         {summary[:300]}")
    if len(violation["nodes"]) > 5:
        lines.append(f"      … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", sorted(sample_portal.VIEWPORTS))
def test_axe_finds_no_serious_or_critical_violation(browser, base_url, pages, viewport):
    script = sample_portal.axe_script()
    need(script, "axe-core (npm ci --prefix tests/browser)")
    axe = script.read_text(encoding="utf-8")
    context = browser.new_context(viewport=sample_portal.VIEWPORTS[viewport], locale="vi-VN",
                                  java_script_enabled=True)
    page = context.new_page()
    problems, minor = [], []
    try:
        for label, path in pages:
            response = page.goto(base_url + path, wait_until="load")
            assert response is not None and response.ok, f"{label}: {path} did not load"
            # Reads on a small screen: nothing makes the whole page scroll sideways.
            wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if wider > 0:
                problems.append(f"{label} (/{path}) at {viewport}: the page is {wider}px wider than the screen")
            page.add_script_tag(content=axe)
            # Every rule axe runs by default, plus target-size (WCAG 2.2 AA, 24 px).
            result = page.evaluate("""() => axe.run(document, {
                resultTypes: ['violations'],
                rules: {'target-size': {enabled: true}},
            })""")
            for violation in result["violations"]:
                entry = f"{label} (/{path}) at {viewport}:\n{_describe(violation)}"
                (problems if violation["impact"] in ("serious", "critical") else minor).append(entry)
    finally:
        context.close()
    if minor:
        print("axe, minor or moderate:\n" + "\n".join(minor))
    assert not problems, "axe found serious or critical violations:\n" + "\n".join(problems)


def test_vnu_finds_no_error_in_any_page(built):
    jar = sample_portal.vnu_jar()
    need(jar, "vnu.jar (npm ci --prefix tests/browser)")
    java = shutil.which("java")
    need(java, "Java (apt-get install default-jre-headless)")
    files = sorted(str(p) for p in built.rglob("*.html"))
    assert len(files) > 50
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, encoding="utf-8", timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    shown = [f"{m.get('url', '').replace('file:' + str(built) + '/', '')}:{m.get('lastLine', '?')}: "
             f"{m['message']}\n    {m.get('extract', '').strip()[:160]}" for m in errors[:40]]
    assert not errors, f"vnu: {len(errors)} errors in {len(files)} pages:\n" + "\n".join(shown)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("site", ["", sample_portal.COMMUNE + "/"])
def test_home_page_is_light_and_loads_nothing_from_elsewhere(browser, base_url, site):
    """Bytes as received over the wire from our server, which does not compress:
    the uncompressed size, what a plain web server without gzip would send
    (a compressing server sends about a third of it; both are printed)."""
    context = browser.new_context(viewport=sample_portal.VIEWPORTS["phone"])
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(base_url + site, wait_until="load")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy pictures too
        page.wait_for_load_state("networkidle")
        origin = urlsplit(base_url).netloc
        elsewhere = [r.url for r in responses if urlsplit(r.url).scheme not in ("data", "blob")
                     and urlsplit(r.url).netloc != origin]
        assert not elsewhere, f"resources from another origin: {elsewhere}"
        weighed = [(r.url, r.request.resource_type, r.body()) for r in responses
                   if r.request.resource_type != "image" and r.status < 300]
    finally:
        context.close()
    total = sum(len(body) for _, _, body in weighed)
    compressed = sum(len(gzip.compress(body)) for _, _, body in weighed)
    detail = ", ".join(f"{kind} {url.removeprefix(base_url) or '/'} {len(body)} B" for url, kind, body in weighed)
    print(f"home /{site}: {total} B uncompressed, {compressed} B gzip: {detail}")
    assert {kind for _, kind, _ in weighed} <= {"document", "stylesheet", "script", "font", "other"}
    assert total <= HOME_BUDGET, f"home /{site} weighs {total} B (> {HOME_BUDGET}): {detail}"


def test_the_menu_folds_away_on_a_phone_and_stands_open_on_a_desktop(browser, base_url):
    """A phone shows one 'Trình đơn' button above the content (tapping it opens
    the menu, the links of its group 'Công dân' among the others); a desktop
    shows every menu entry at once, without the button, and the group's links
    drop down under it when it is clicked."""
    context = browser.new_context(viewport=sample_portal.VIEWPORTS["phone"])
    try:
        page = context.new_page()
        page.goto(base_url + sample_portal.COMMUNE + "/")
        news = page.locator("nav.menu a", has_text="Tin tức").first
        assert page.locator("nav.menu .menu-toggle > summary").is_visible() and not news.is_visible()
        assert page.locator("main").bounding_box()["y"] < 740, "the content starts on the first screen"
        toggle = page.locator("nav.menu .menu-toggle > summary")
        toggle.click()
        assert news.is_visible()
        assert page.locator("nav.menu a", has_text="Tiếp công dân").is_visible(), "no second tap on a phone"
        page.set_viewport_size(sample_portal.VIEWPORTS["desktop"])
        page.goto(base_url + sample_portal.COMMUNE + "/")
        assert news.is_visible() and not toggle.is_visible()
        links = page.locator("nav.menu a:not(.menu-group a)")
        assert links.count() >= 8 and all(links.nth(i).is_visible() for i in range(links.count()))
        grouped = page.locator("nav.menu .menu-group a")
        assert grouped.count() == 3 and not grouped.first.is_visible()
        page.locator("nav.menu .menu-group summary").click()
        assert all(grouped.nth(i).is_visible() for i in range(grouped.count()))
    finally:
        context.close()


def _menu_words(html: str) -> set[str]:
    """What the page shows around its content on screen: menu, breadcrumb,
    skip link, rating form and footer links."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    def has(name: str) -> str:
        return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
    paths = (f"//nav[{has('menu')}]//a", f"//nav[{has('breadcrumb')}]//li", f"//a[{has('skip')}]",
             f"//aside[{has('rate')}]//*[self::h2 or self::legend or self::label or self::button]",
             f"//p[{has('footer-links')}]//a")
    words = set()
    for path in paths:
        for element in tree.xpath(path):
            text = _normal(element.text_content())
            if text:
                words.add(text)
    main = _normal(tree.xpath("//main")[0].text_content())
    return {word for word in words if word not in main}


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_procedure_prints_as_a_clean_a4_document(browser, base_url, built):
    try:
        import pypdf
    except ImportError:
        need(False, "pypdf (pip install pypdf)")
    path = sample_portal.procedure_with_form(built, sample_portal.COMMUNE + "/")
    assert path, "the sample commune has no procedure"
    html = (built / path / "index.html").read_text(encoding="utf-8")
    forms = re.findall(r'<a href="[^"]*files/[^"]*" data-url="(https?://[^"]+)"', html)
    assert forms, f"{path}: no form file link with an absolute data-url"
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        page.emulate_media(media="print")
        # Nothing wider than the printable width of A4 (210 mm less 2 × 15 mm margins).
        page.set_viewport_size({"width": round(180 / 25.4 * 96), "height": 1000})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the printed page is {overflow}px wider than A4"
        pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    finally:
        context.close()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 4, f"{len(reader.pages)} pages"
    for number, sheet in enumerate(reader.pages, 1):
        size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
        assert all(abs(a - b) < 2 for a, b in zip(size, A4_POINTS)), f"page {number} is {size} pt, not A4"
    text = _normal(" ".join(sheet.extract_text() or "" for sheet in reader.pages))
    squeezed = re.sub(r"\s+", "", text)
    assert "https://" in text
    for url in forms:
        assert url in squeezed, f"{url} not written out in print:\n{text[:3000]}"
    assert "../" not in text
    menu = _menu_words(html)
    assert menu, "found no menu wording to look for"
    printed = [word for word in menu if word in text]
    assert not printed, f"menu, breadcrumb or form wording printed: {printed}"
    title = _normal(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))
    assert title in text
