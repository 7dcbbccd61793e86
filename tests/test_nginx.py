"""The web server's configuration, as the webmaster uses it: `python build.py
nginx` on the built sample portal, run by a real nginx on 127.0.0.1, asked
for the root and a commune by their host names; then pages opened through
it in headless Chromium, where the security policy must block nothing the
pages use and search must still find what citizens type.

Skipped on a machine without nginx or the browser; under CI (CI set), which
installs them (.ci/run), a missing tool is a failure.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import need
from nginx_server import BROTLI_MODULE, NGINX, brotli_library, free_port, get, nginx

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402
from sitegen.render.theme import Theme  # noqa: E402
from sitegen.serving.nginx import (  # noqa: E402
    ConfigError, Options, ServedSite, configuration, content_security_policy, mounts,
)

ROOT_HOST = "phutho.gov.vn"  # sites/phu-tho/site.yaml
COMMUNE_HOST = "lacthuy.phutho.gov.vn"  # sites/lac-thuy/site.yaml: a commune on its own host
STYLE = "assets/" + Theme.load().assets["style.css"]  # the theme's files are named by their content


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample portal built, its configuration made by the command line, nginx serving it."""
    need(os.access(NGINX, os.X_OK), "nginx")
    work = tmp_path_factory.mktemp("nginx")
    out = work / "public"
    sample_portal.build(out)
    port = free_port()
    brotli = BROTLI_MODULE.is_file() and brotli_library()
    made = subprocess.run([sys.executable, "build.py", "nginx", "--sites", "sites", "--out", str(out),
                           "--listen", f"127.0.0.1:{port}", *(["--brotli"] if brotli else [])],
                          cwd=sample_portal.REPO, capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 0, made.stderr
    with nginx(work, made.stdout, port, brotli):
        yield port, out, brotli


def test_root_and_commune_answer_on_their_own_hosts(served):
    port, out, _brotli = served
    status, headers, body = get(port, ROOT_HOST, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert body == (out / "index.html").read_bytes()
    status, _headers, body = get(port, ROOT_HOST, "/an-binh/tin-tuc/")
    assert status == 200 and body == (out / "an-binh" / "tin-tuc" / "index.html").read_bytes()
    status, _headers, body = get(port, COMMUNE_HOST, "/")
    assert status == 200 and body == (out / "lac-thuy" / "index.html").read_bytes()
    status, _headers, body = get(port, COMMUNE_HOST, "/tin-tuc/")
    assert status == 200 and body == (out / "lac-thuy" / "tin-tuc" / "index.html").read_bytes()
    # A commune with a host of its own has one address: the root's path to it leads there ...
    status, headers, _body = get(port, ROOT_HOST, "/lac-thuy/tin-tuc/?trang=2")
    assert status == 301 and headers["location"] == f"https://{COMMUNE_HOST}/tin-tuc/?trang=2"
    # ... but its search index stays where the root's search page merges it from.
    status, _headers, body = get(port, ROOT_HOST, "/lac-thuy/pagefind/pagefind-entry.json")
    assert status == 200 and body == (out / "lac-thuy" / "pagefind" / "pagefind-entry.json").read_bytes()
    status, headers, _body = get(port, ROOT_HOST, "/an-binh/tin-tuc")
    assert status == 301 and headers["location"] == "/an-binh/tin-tuc/", "no host or scheme guessed"


def test_each_site_answers_a_missing_page_with_its_own_404(served):
    port, out, _brotli = served
    for host, path, page in ((ROOT_HOST, "/khong-co/", out / "404.html"),
                             (ROOT_HOST, "/an-binh/khong-co/", out / "an-binh" / "404.html"),
                             (COMMUNE_HOST, "/khong-co/", out / "lac-thuy" / "404.html")):
        status, headers, body = get(port, host, path)
        assert (status, body) == (404, page.read_bytes()), path
        assert "content-security-policy" in headers and headers["cache-control"] == "no-cache"
    for hidden in ("/.sitegen-output", "/an-binh/.sitegen-output", "/pagefind/.x"):
        status, _headers, body = get(port, ROOT_HOST, hidden)
        assert status == 404 and b"generator" not in body
    assert (out / ".sitegen-output").is_file()


def test_text_is_sent_from_the_precompressed_copies(served):
    port, out, brotli = served
    for path, file in (("/", "index.html"), ("/an-binh/tin-tuc/", "an-binh/tin-tuc/index.html"),
                       ("/" + STYLE, STYLE), ("/rss.xml", "rss.xml"),
                       ("/pagefind/pagefind.js", "pagefind/pagefind.js")):
        status, headers, body = get(port, ROOT_HOST, path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["content-encoding"] == "gzip", path
        assert body == (out / (file + ".gz")).read_bytes(), "the build's own copy, not compressed again"
        assert gzip.decompress(body) == (out / file).read_bytes()
        assert "Accept-Encoding" in headers["vary"]
        status, headers, body = get(port, ROOT_HOST, path)
        assert "content-encoding" not in headers and body == (out / file).read_bytes()
        if brotli:
            status, headers, body = get(port, ROOT_HOST, path, **{"Accept-Encoding": "gzip, br"})
            assert headers["content-encoding"] == "br" and body == (out / (file + ".br")).read_bytes()
    status, headers, _body = get(port, ROOT_HOST, "/files/giay-moi-tap-huan-17-11-2026.pdf",
                                  **{"Accept-Encoding": "gzip"})
    assert status == 200 and "content-encoding" not in headers and headers["content-type"] == "application/pdf"


def test_pages_carry_the_security_headers_and_a_policy_of_what_they_use(served):
    port, _out, _brotli = served
    _status, root, _body = get(port, ROOT_HOST, "/tim-kiem/")
    _status, commune, _body = get(port, COMMUNE_HOST, "/")
    for headers in (root, commune):
        policy = [d.strip() for d in headers["content-security-policy"].split(";")]
        assert "default-src 'none'" in policy and "script-src 'self' 'wasm-unsafe-eval'" in policy
        assert "style-src 'self'" in policy and "connect-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
        assert "server" not in headers or headers["server"] == "nginx", "no version given away"
    assert "form-action 'self' https://phutho.gov.vn" in root["content-security-policy"], \
        "the root's feedback form posts to its feedback_url"
    assert "form-action 'self';" in commune["content-security-policy"] + ";"
    _status, pdf, _body = get(port, ROOT_HOST, "/files/giay-moi-tap-huan-17-11-2026.pdf")
    assert "content-security-policy" not in pdf, "the browser's PDF viewer must not be held to the pages' policy"
    assert pdf["x-content-type-options"] == "nosniff" and pdf["x-frame-options"] == "DENY"


def test_named_by_content_cached_for_a_year_pages_revalidated(served):
    port, out, _brotli = served
    fragment = next((out / "pagefind" / "fragment").iterdir()).name
    meta = next((out / "pagefind").glob("pagefind.*.pf_meta")).name
    for path in (f"/{STYLE}", f"/pagefind/fragment/{fragment}", f"/pagefind/{meta}"):
        status, headers, _body = get(port, ROOT_HOST, path)
        assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable", path
    for path in ("/", "/tin-tuc/", "/rss.xml", "/pagefind/pagefind.js",
                 "/pagefind/pagefind-entry.json", "/lich-cong-tac/lich.ics"):
        status, headers, _body = get(port, ROOT_HOST, path)
        assert status == 200 and headers["cache-control"] == "no-cache", path
    shard = out / "pagefind" / "tin-tuc-2021"  # a large site's index has shards inside it
    (shard / "fragment").mkdir(parents=True)
    try:
        for name, cached in (("fragment/vi_1a2b3c.pf_fragment", "public, max-age=31536000, immutable"),
                             ("pagefind.vi_1a2b3c.pf_meta", "public, max-age=31536000, immutable"),
                             ("pagefind-entry.json", "no-cache")):
            (shard / name).write_bytes(b"{}")
            status, headers, _body = get(port, ROOT_HOST, "/pagefind/tin-tuc-2021/" + name)
            assert status == 200 and headers["cache-control"] == cached, name
    finally:
        shutil.rmtree(shard)
    status, headers, _body = get(port, ROOT_HOST, "/lich-cong-tac/lich.ics")
    assert headers["content-type"].startswith("text/calendar")
    _status, headers, _body = get(port, ROOT_HOST, "/")
    status, _again, body = get(port, ROOT_HOST, "/", **{"If-None-Match": headers["etag"]})
    assert status == 304 and body == b"", "a page is revalidated, not sent again"
    picture = next(p.name for p in (out / "an-binh" / "images").iterdir() if p.suffix == ".webp")
    _status, headers, _body = get(port, ROOT_HOST, f"/an-binh/images/{picture}")
    assert headers["cache-control"] == "public, max-age=86400, must-revalidate"
    _status, headers, _body = get(port, ROOT_HOST, "/files/giay-moi-tap-huan-17-11-2026.pdf")
    assert headers["cache-control"] == "public, max-age=3600, must-revalidate"


def test_the_admin_pages_carry_the_policy_the_cms_needs_and_the_pages_keep_theirs(served):
    """Decap compiles its configuration's schema with new Function: its pages get
    their own policy ('unsafe-eval', inline styles), which no other page gets."""
    port, _out, _brotli = served
    for host, path in ((ROOT_HOST, "/quan-tri/"), (ROOT_HOST, "/an-binh/quan-tri/"), (COMMUNE_HOST, "/quan-tri/")):
        status, headers, body = get(port, host, path)
        assert status == 200 and b"decap-cms.js" in body, (host, path)
        policy = [d.strip() for d in headers["content-security-policy"].split(";")]
        assert "script-src 'self' 'unsafe-eval'" in policy and "frame-ancestors 'none'" in policy
        assert "connect-src 'self' blob:" in policy and headers["x-frame-options"] == "DENY"
    for host, path in ((ROOT_HOST, "/"), (ROOT_HOST, "/an-binh/"), (COMMUNE_HOST, "/")):
        _status, headers, _body = get(port, host, path)
        assert "'unsafe-eval'" not in headers["content-security-policy"], (host, path)


# In the browser ---------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(served):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    need(sync_playwright is not None, "Playwright for Python")
    need(Path(sample_portal.CHROMIUM).exists(), "chromium")
    rules = f"MAP {ROOT_HOST} 127.0.0.1, MAP {COMMUNE_HOST} 127.0.0.1"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=sample_portal.CHROMIUM,
                                              args=[*sample_portal.PLAYWRIGHT_ARGS,
                                                    f"--host-resolver-rules={rules}"])
        yield launched
        launched.close()


class _Watched:
    """A tab that records every policy violation, script error and console complaint."""

    WATCH = ("window.__violations = [];"
             "document.addEventListener('securitypolicyviolation', e => "
             "window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")

    def __init__(self, browser):
        self.page = browser.new_page(viewport=sample_portal.VIEWPORTS["phone"])
        self.page.add_init_script(self.WATCH)
        self.console: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.console.append(m.text))
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def violations(self) -> list[str]:
        """Policy violations, and anything else the console complains of (a header it
        does not understand, a script that failed)."""
        return self.page.evaluate("() => window.__violations") + self.console


def test_pages_break_no_rule_of_their_policy(served, browser):
    port = served[0]
    tab = _Watched(browser)
    for url in (f"http://{ROOT_HOST}:{port}/", f"http://{ROOT_HOST}:{port}/an-binh/",
                f"http://{COMMUNE_HOST}:{port}/", f"http://{ROOT_HOST}:{port}/tin-tuc/",
                f"http://{COMMUNE_HOST}:{port}/khong-co/"):
        before = len(tab.console)
        tab.page.goto(url)
        tab.page.wait_for_load_state("load")
        assert tab.page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith("system-ui"), \
            f"{url}: the style sheet applies"
    # The console reports the 404 page's own status (the last one opened); nothing else may be there.
    tab.console[before:] = [m for m in tab.console[before:] if "responded with a status of 404" not in m]
    assert tab.violations() == []
    tab.page.close()


def test_the_admin_page_starts_under_the_servers_policy(served, browser):
    """Decap runs only in a secure context (HTTPS, or this machine): a Chromium is told
    to take the test's plain-HTTP host as one, as the webmaster's TLS would make it."""
    port = served[0]
    origin = f"http://{COMMUNE_HOST}:{port}"
    launched = browser.browser_type.launch(
        executable_path=sample_portal.CHROMIUM,
        args=[*sample_portal.PLAYWRIGHT_ARGS, f"--host-resolver-rules=MAP {COMMUNE_HOST} 127.0.0.1",
              f"--unsafely-treat-insecure-origin-as-secure={origin}"])
    try:
        tab = _Watched(launched)
        tab.page.goto(origin + "/quan-tri/")
        tab.page.get_by_role("button", name="Đăng nhập").wait_for()  # Decap ran, in Vietnamese
        assert tab.violations() == []
    finally:
        launched.close()


def _search(tab: _Watched, url: str, query: str) -> str:
    tab.page.goto(url)
    tab.page.fill("#search-query", query)
    tab.page.press("#search-query", "Enter")
    # A function, not a string: the policy forbids evaluating strings, Playwright's own included.
    tab.page.wait_for_function("() => { const status = document.getElementById('search-status').textContent;"
                               " return status.length > 0 && !status.startsWith('Đang'); }", timeout=30_000)
    return tab.page.inner_text("#search-results")


def test_search_works_under_the_policy(served, browser):
    port = served[0]
    tab = _Watched(browser)
    results = _search(tab, f"http://{ROOT_HOST}:{port}/tim-kiem/", "dang ky khai sinh")
    assert "Đăng ký khai sinh" in results, "the root's search, its sub-sites' indexes merged in"
    results = _search(tab, f"http://{ROOT_HOST}:{port}/tim-kiem/", "chi ne")
    links = tab.page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    assert any(f"{ROOT_HOST}:{port}/lac-thuy/" in link for link in links), \
        "the commune on its own host is searched from the root too"
    results = _search(tab, f"http://{COMMUNE_HOST}:{port}/tim-kiem/", "dang ky khai sinh")
    assert "Đăng ký khai sinh" in results
    assert tab.violations() == []
    tab.page.close()


# Other shapes of portal ------------------------------------------------------------

def _site(slug: str, folder: str, host: str, path: str, children: tuple[str, ...] = (), feedback: str = "",
          raw_html: bool = False) -> ServedSite:
    return ServedSite(slug, folder, host, path, f"https://{host}{path}", children, feedback, raw_html)


def test_a_province_under_a_path_with_a_district_on_its_own_host(tmp_path):
    """The root lives under a path of its host; a district has a host of its own and
    a commune below it stays under the root: every site, 404 and merged index is found."""
    province = _site("tinh", "", "tinh.example.vn", "/cong/", children=("huyen",))
    district = _site("huyen", "huyen/", "huyen.example.vn", "/", children=("xa",))
    commune = _site("xa", "xa/", "tinh.example.vn", "/cong/xa/")
    found = {host: [(m.path, m.kind, m.site.slug) for m in found if m.kind not in ("editors", "data")]
             for host, found in mounts((province, district, commune)).items()}
    assert found == {
        "tinh.example.vn": [("/cong/", "site", "tinh"), ("/cong/huyen/", "redirect", "huyen"),
                            ("/cong/huyen/pagefind/", "index", "huyen"), ("/cong/xa/", "site", "xa")],
        "huyen.example.vn": [("/", "site", "huyen"), ("/xa/", "redirect", "xa"), ("/xa/pagefind/", "index", "xa")],
    }
    out = tmp_path / "out"
    for folder in ("", "huyen/", "xa/"):
        (out / folder / "pagefind").mkdir(parents=True)
        (out / folder / "index.html").write_text(f"home {folder}", encoding="utf-8")
        (out / folder / "404.html").write_text(f"missing {folder}", encoding="utf-8")
        (out / folder / "pagefind" / "pagefind.js").write_text(f"index {folder}", encoding="utf-8")
    port = free_port()
    config = configuration((province, district, commune), Options(str(out), f"127.0.0.1:{port}"))
    with nginx(tmp_path, config, port):
        assert get(port, "tinh.example.vn", "/cong/")[::2] == (200, b"home ")
        assert get(port, "tinh.example.vn", "/cong/xa/")[::2] == (200, b"home xa/")
        assert get(port, "tinh.example.vn", "/cong/xa/khong-co")[::2] == (404, b"missing xa/")
        assert get(port, "tinh.example.vn", "/cong/khong-co")[::2] == (404, b"missing ")
        status, headers, _body = get(port, "tinh.example.vn", "/cong/huyen/tin-tuc/")
        assert (status, headers["location"]) == (301, "https://huyen.example.vn/tin-tuc/")
        assert get(port, "tinh.example.vn", "/cong/huyen/pagefind/pagefind.js")[::2] == (200, b"index huyen/")
        assert get(port, "huyen.example.vn", "/")[::2] == (200, b"home huyen/")
        assert get(port, "huyen.example.vn", "/khong-co")[::2] == (404, b"missing huyen/")
        assert get(port, "huyen.example.vn", "/xa/pagefind/pagefind.js")[::2] == (200, b"index xa/")
        status, headers, _body = get(port, "huyen.example.vn", "/xa/")
        assert (status, headers["location"]) == (301, "https://tinh.example.vn/cong/xa/")


def test_two_sites_at_one_address_are_refused():
    with pytest.raises(ConfigError, match="base_url"):
        mounts((_site("a", "", "a.example.vn", "/", children=("b",)), _site("b", "b/", "a.example.vn", "/")))


def test_a_site_allowed_raw_html_may_style_and_embed_but_not_script():
    plain = [d.strip() for d in content_security_policy(_site("a", "", "a.vn", "/")).split(";")]
    raw = [d.strip() for d in content_security_policy(_site("a", "", "a.vn", "/", raw_html=True)).split(";")]
    assert "style-src 'self'" in plain and "frame-src https:" not in plain
    assert "style-src 'self' 'unsafe-inline'" in raw and "frame-src https:" in raw
    assert [d for d in raw if d.startswith("script-src")] == ["script-src 'self' 'wasm-unsafe-eval'"]
    mail = content_security_policy(_site("a", "", "a.vn", "/", feedback="mailto:gopy@a.vn"))
    assert "form-action 'self' mailto:" in mail
