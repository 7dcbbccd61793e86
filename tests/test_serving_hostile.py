"""What nginx serves is exactly what the build checked, whatever the editors wrote.

Two ways an editor of one commune could once act on the whole portal's origin,
tried here through a real nginx on 127.0.0.1 running the configuration that
`python build.py nginx` prints, and in headless Chromium:

- a file dropped in files/ or images/ (a gzip of a page, a script, an SVG
  under a double suffix ...) answered as a page or a script, with or without
  Accept-Encoding;
- text in site.yaml (base_url, feedback_url, the forge's address) written into
  the configuration as a directive, a variable, a header, a wildcard host or
  a redirect off the portal.

Skipped without nginx or the browser, except under CI (.ci/run installs them).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT_SITE, commune_site, need, news, write_tree
from nginx_server import BROTLI_MODULE, NGINX, brotli_library, free_port, get, nginx, nginx_test

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402
from sitegen.commands.build import BuildSettings, build  # noqa: E402
from sitegen.content.dates import build_time  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ROOT_HOST = "huyenmau.example.vn"  # conftest.ROOT_SITE
OWN_HOST = "xab.example.vn"
PAGE = b"<!doctype html><title>x</title><script src=\"e.js\"></script><p>trang gia</p>"
SCRIPT = b"window.__ran = true; document.title = 'ran';"
SVG = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.__ran=true\"><script>window.__ran=true</script></svg>"
XML = b"<?xml version=\"1.0\"?><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">window.__ran=true</x:script>"
# What a browser would run or show as a document from the portal's origin.
DANGEROUS = ("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
             "text/javascript", "application/javascript", "application/x-javascript", "text/css",
             "application/ecmascript", "text/ecmascript")


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


# Every name an editor might try, with what it holds; None: allowed and published.
HOSTILE = {
    "trang.html.gz": gzip.compress(PAGE), "e.js.gz": gzip.compress(SCRIPT), "a.svg.gz": gzip.compress(SVG),
    "x.xml.gz": gzip.compress(XML), "n.txt.gz": gzip.compress(PAGE), "b.tgz": gzip.compress(PAGE),
    "c.tar.gz": gzip.compress(PAGE), "d.GZ": gzip.compress(PAGE), "p.svgz": gzip.compress(SVG),
    "t.html.br": PAGE, "e2.js.br": SCRIPT, "q.xhtml": PAGE, "r.HTML": PAGE, "s.shtml": PAGE,
    "u.htm": PAGE, "v.mjs": SCRIPT, "w.js": SCRIPT, "e.js": SCRIPT, "y.svg": SVG, "z.xml": XML,
    "k.html.pdf": PAGE, "m.pdf.html": b"%PDF-1.4\n" + PAGE, "o.css": b"body{}", "i.ics": b"BEGIN:VCALENDAR",
    "f.json": b"{}", "g.webmanifest": b"{}", "h.wasm": b"\0asm", "l.txt": PAGE, "j.jpg.html": PAGE,
    "index.html": PAGE, "404.html": PAGE,
}
ALLOWED = {
    "bieu-mau.html.zip": _zip("trang.html", PAGE),  # a ZIP of forms: a download, whatever it holds
    "ghi-chu.txt": b"Ghi chu: <script>window.__ran=true</script> la van ban thuong.",
    "danh-sach.csv": b"ho ten,thon\nNguyen Van A,Hoa Binh\n",
    "quyet-dinh.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
}


def _stripped(name: str) -> list[str]:
    """The names a web server could answer from this file: itself, and the name
    without a compression suffix (what gzip_static or brotli_static look for)."""
    found = [name]
    for suffix, instead in ((".gz", ""), (".br", ""), (".tgz", ".tar"), (".svgz", ".svg"), (".GZ", "")):
        if name.endswith(suffix):
            found.append(name[: -len(suffix)] + instead)
    return found


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    """A district, a commune under its path and a commune on its own host, each
    with every hostile name in files/ and images/, built and served by nginx."""
    need(os.access(NGINX, os.X_OK), "nginx")
    work = tmp_path_factory.mktemp("hostile")
    files: dict[str, str | bytes] = {
        "huyen-mau/site.yaml": ROOT_SITE, "xa-a/site.yaml": commune_site("A"),
        "xa-b/site.yaml": commune_site("B", extra=f"base_url: https://{OWN_HOST}/\n"),
    }
    for slug in ("huyen-mau", "xa-a", "xa-b"):
        files[f"{slug}/news/tin.md"] = news("Tin", body="[Biểu mẫu](files/quyet-dinh.pdf)")
        for folder in ("files", "images"):
            for name, data in {**HOSTILE, **ALLOWED}.items():
                files[f"{slug}/{folder}/{name}"] = data
    sites = write_tree(work / "sites", files)
    out = work / "public"
    result = build(BuildSettings(sites, out, build_time("22/11/2026 10:00")))
    port = free_port()
    brotli = BROTLI_MODULE.is_file() and brotli_library()
    made = subprocess.run([sys.executable, "build.py", "nginx", "--sites", str(sites), "--out", str(out),
                           "--listen", f"127.0.0.1:{port}", *(["--brotli"] if brotli else [])],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 0, made.stderr
    with nginx(work, made.stdout, port, brotli):
        yield port, out, result


def test_every_hostile_file_is_refused_with_a_message_naming_it(hostile_files):
    _port, out, result = hostile_files
    refused = {p.path for p in result.problems if p.code in ("file-type-refused", "file-content-mismatch")}
    for slug in ("huyen-mau", "xa-a", "xa-b"):
        for folder in ("files", "images"):
            for name in HOSTILE:
                assert any(path.endswith(f"{slug}/{folder}/{name}") for path in refused), (slug, folder, name)
    message = next(p for p in result.problems if p.path.endswith("xa-a/files/trang.html.gz"))
    assert "trang.html.gz" in message.message("vi") and "không được đăng" in message.message("vi")
    assert "trang.html.gz" in message.message("en") and "not published" in message.message("en")
    for prefix in ("", "xa-a/", "xa-b/"):
        for name, data in ALLOWED.items():
            assert (out / prefix / "files" / name).read_bytes() == data, "the rest is published"
        for name in HOSTILE:
            assert not (out / prefix / "files" / name).exists(), name
        compressed = [p.name for p in (out / prefix / "files").iterdir() if p.suffix in (".gz", ".br")]
        assert compressed == [], "no compressed copy of an editor's file, not even the build's own"


@pytest.mark.parametrize("encoding", ["", "gzip", "br", "gzip, deflate, br"])
def test_no_editor_file_is_ever_answered_as_a_page_or_a_script(hostile_files, encoding):
    port = hostile_files[0]
    headers = {"Accept-Encoding": encoding} if encoding else {}

    for host, prefix in ((ROOT_HOST, "/"), (ROOT_HOST, "/xa-a/"), (OWN_HOST, "/")):
        for folder in ("files/", "images/"):
            for name in [*HOSTILE, *ALLOWED]:
                for served_name in _stripped(name):
                    status, answer, body = get(port, host, prefix + folder + served_name, **headers)
                    kind = answer.get("content-type", "").split(";")[0].strip().lower()
                    where = f"{host}{prefix}{folder}{served_name} ({encoding or 'no encoding'})"
                    if status == 404:
                        assert b"trang gia" not in body, where
                        continue
                    assert status == 200, where
                    assert kind not in DANGEROUS, f"{where} answered as {kind}"
                    assert "content-encoding" not in answer, f"{where} sent from a compressed copy"
                    assert answer["x-content-type-options"] == "nosniff", where


def test_a_legitimate_attachment_is_still_served_as_itself(hostile_files):
    port, out, _result = hostile_files
    status, answer, body = get(port, ROOT_HOST, "/xa-a/files/ghi-chu.txt", **{"Accept-Encoding": "gzip"})
    assert status == 200 and answer["content-type"].startswith("text/plain") and body == ALLOWED["ghi-chu.txt"]
    status, answer, body = get(port, OWN_HOST, "/files/quyet-dinh.pdf")
    assert (status, answer["content-type"]) == (200, "application/pdf") and body == ALLOWED["quyet-dinh.pdf"]
    status, answer, _body = get(port, ROOT_HOST, "/files/bieu-mau.html.zip")
    assert (status, answer["content-type"]) == (200, "application/zip")
    # The build's own pages still come from their compressed copies.
    status, answer, _body = get(port, ROOT_HOST, "/xa-a/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and answer["content-encoding"] == "gzip"


def test_in_the_browser_no_editor_file_runs_on_the_portals_origin(hostile_files):
    port = hostile_files[0]
    launched, playwright = _chromium(f"MAP {ROOT_HOST} 127.0.0.1, MAP {OWN_HOST} 127.0.0.1")
    try:
        page = launched.new_page()
        for host, prefix in ((ROOT_HOST, "/"), (ROOT_HOST, "/xa-a/"), (OWN_HOST, "/")):
            for folder in ("files/", "images/"):
                for name in [n for original in HOSTILE for n in _stripped(original)] + ["ghi-chu.txt"]:
                    url = f"http://{host}:{port}{prefix}{folder}{name}"
                    try:
                        page.goto(url, wait_until="load", timeout=10_000)
                    except Exception as error:  # a download starts instead of a page: nothing ran
                        assert "Download is starting" in str(error), (url, error)
                        continue
                    ran = page.evaluate("() => Boolean(window.__ran) || document.title === 'ran'")
                    assert not ran, f"{url} ran script on the portal's origin"
    finally:
        launched.close()
        playwright.stop()


def _chromium(rules: str):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    need(sync_playwright is not None, "Playwright for Python")
    need(Path(sample_portal.CHROMIUM).exists(), "chromium")
    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=sample_portal.CHROMIUM,
                                          args=[*sample_portal.PLAYWRIGHT_ARGS, f"--host-resolver-rules={rules}"])
    return launched, playwright


# Editors' text in the configuration ------------------------------------------------

# base_url values that once reached server_name, location, rewrite and error_page as written.
HOSTILE_BASE_URLS = (
    "'https://xa1.example.vn/;return 302 https://evil.example/'",
    "'https://xa2.example.vn/$arg_h/'",
    "'https://$http_host/'",
    "'https://*.example.vn/'",
    "'https://_/'",
    "'https://xa6.example.vn/\"; add_header X-Evil 1; \"/'",
    "'https://xa7.example.vn/{evil}/'",
    "'https://evil.example@xa8.example.vn/'",
    "'https://xa9.example.vn/?next=https://evil.example'",
    "'https://xa10.example.vn/..//evil.example/'",
    "'https://xa11.example.vn\\@evil.example/'",
    "'https://xa_12.example.vn/'",
    "'https://xa13.example.vn:99999/'",
    '"https://xa14.example.vn/\\n    server_name evil.example"',
    "'https://xa15.example.vn/#evil'",
    "'https://xa16.example.vn/a b/'",
    "'javascript:alert(1)'",
    "'https://xa18.example.vn/%24arg_h/'",
    "'https://xa19.example.vn/evil.example;/'",
    "'https://xa20.example.vn/$1'",
)
IDNA_HOST = "xã-đông.example.vn".encode("idna").decode()  # a Vietnamese domain, written as editors type it
GOOD_HOST = "xaok.example.vn"
ROOT_EXTRA = """\
feedback_url: "https://gop-y.example.vn';script-src:evil.example/x"
cms:
  backend: gitea
  base_url: https://git.example.vn/
  api_root: "https://git.example.vn';connect-src:evil.example/api/v1"
  repo: huyen-mau/noi-dung
  app_id: 5b0f6c1e
"""


@pytest.fixture(scope="module")
def hostile_addresses(tmp_path_factory):
    need(os.access(NGINX, os.X_OK), "nginx")
    work = tmp_path_factory.mktemp("addresses")
    files: dict[str, str | bytes] = {"huyen-mau/site.yaml": ROOT_SITE + ROOT_EXTRA,
                                     "huyen-mau/news/tin.md": news("Tin của huyện")}
    for number, value in enumerate(HOSTILE_BASE_URLS, 1):
        files[f"xa-{number}/site.yaml"] = commune_site(f"Số {number}", extra=f"base_url: {value}\n")
        files[f"xa-{number}/news/tin.md"] = news(f"Tin của xã số {number}")
    files["xa-ok/site.yaml"] = commune_site("Ổn", extra=f"base_url: https://{GOOD_HOST}/\n")
    files["xa-dong/site.yaml"] = commune_site("Đông", extra="base_url: https://xã-đông.example.vn/\n")
    sites = write_tree(work / "sites", files)
    out = work / "public"
    built = subprocess.run([sys.executable, "build.py", "--sites", str(sites), "--out", str(out), "--no-report",
                            "--now", "22/11/2026 10:00"], cwd=REPO, capture_output=True, text=True,
                           encoding="utf-8")
    assert built.returncode == 1, built.stderr  # the content errors, and everything valid published
    port = free_port()
    made = subprocess.run([sys.executable, "build.py", "nginx", "--sites", str(sites), "--out", str(out),
                           "--listen", f"127.0.0.1:{port}"], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8")
    assert made.returncode == 0, made.stderr
    with nginx(work, made.stdout, port):  # nginx -t first: it passes, whatever the editors wrote
        yield port, out, built, made


def test_each_bad_address_is_an_error_naming_its_file_and_line(hostile_addresses):
    _port, _out, built, made = hostile_addresses
    for number in range(1, len(HOSTILE_BASE_URLS) + 1):
        line = f"xa-{number}/site.yaml:6:"
        assert line in built.stderr and line in made.stderr, number
    assert re.search(r"huyen-mau/site\.yaml:\d+:\d+: lỗi: 'feedback_url'", made.stderr)
    assert re.search(r"huyen-mau/site\.yaml:\d+:\d+: lỗi: 'cms › api_root'", made.stderr)
    assert "xa-ok/site.yaml" not in made.stderr and "xa-dong/site.yaml" not in made.stderr


def test_nothing_an_editor_wrote_reaches_the_configuration(hostile_addresses):
    config = hostile_addresses[3].stdout
    assert "evil" not in config.lower() and "X-Evil" not in config
    hosts = set(re.findall(r"^\s*server_name (\S+);", config, re.M))
    assert hosts == {ROOT_HOST, GOOD_HOST, IDNA_HOST}, "no wildcard or catch-all host, the IDNA form used"
    names = set(re.findall(r"add_header (\S+)", config))
    assert names == {"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
                     "Permissions-Policy", "Cache-Control", "Access-Control-Allow-Origin"}
    shared = re.findall(r"location (\S+) \{[^}]*Access-Control-Allow-Origin", config)
    assert shared and all(path.endswith("/du-lieu/") for path in shared), "only the open data is shared"
    # Every variable is one of the configuration's own.
    unquoted = re.sub(r'"~[^"]*"', "", config)  # regular expressions end in '$'
    assert set(re.findall(r"\$\w+", unquoted)) <= {"$uri", "$sent_http_content_type", "$1",
                                                   "$sitegen_huyen_mau_cache", "$sitegen_huyen_mau_csp_1",
                                                   "$sitegen_huyen_mau_csp_2"}
    assert set(re.findall(r"^\s*return (.*);", config, re.M)) == {"404"}
    for target in re.findall(r"rewrite \S+ \"?([^\s\"]+)", config):
        assert re.match(rf"https://({re.escape(GOOD_HOST)}|{re.escape(IDNA_HOST)})/\$1$", target), target


def test_a_site_with_a_bad_address_is_served_under_the_roots_path(hostile_addresses):
    port, out, _built, _made = hostile_addresses
    for number in range(1, len(HOSTILE_BASE_URLS) + 1):
        status, _answer, body = get(port, ROOT_HOST, f"/xa-{number}/")
        assert status == 200 and body == (out / f"xa-{number}" / "index.html").read_bytes(), number
        page = body.decode()
        assert f'<link rel="canonical" href="https://{ROOT_HOST}/xa-{number}/"' in page, number
    status, _answer, body = get(port, IDNA_HOST, "/")
    assert status == 200 and body == (out / "xa-dong" / "index.html").read_bytes()


ATTEMPTS = (
    "/?h=https://evil.example/", "/xa-2/?h=evil.example", "/tim-kiem/?arg_h=evil.example",
    "/xa-ok/%0d%0aLocation:%20https://evil.example/", "/xa-ok//evil.example/", "/xa-ok/..%2f..%2fevil.example",
    "//evil.example/", "/xa-ok/%0d%0aSet-Cookie:%20a=b", "/xa-ok/tin-tuc/?next=//evil.example",
    "/xa-dong/\\evil.example", "/xa-1", "/files", "/xa-ok/%2F%2Fevil.example",
)


def test_no_request_is_redirected_off_the_portal(hostile_addresses):
    port = hostile_addresses[0]
    for host in (ROOT_HOST, "evil.example", GOOD_HOST, "$arg_h"):
        for path in ATTEMPTS:
            status, answer, _body = get(port, host, path)
            assert "set-cookie" not in answer and "x-evil" not in answer, (host, path)
            location = answer.get("location")
            if location is None:
                continue
            assert status in (301, 302), (host, path)
            assert location.startswith("/") and not location.startswith("//") or \
                re.match(rf"https://({re.escape(GOOD_HOST)}|{re.escape(IDNA_HOST)})/", location), \
                (host, path, location)
            assert "\r" not in location and "\n" not in location


def test_in_the_browser_every_address_stays_on_the_portal(hostile_addresses):
    port = hostile_addresses[0]
    portal = (ROOT_HOST, GOOD_HOST, IDNA_HOST)
    launched, playwright = _chromium(", ".join(f"MAP {h} 127.0.0.1" for h in portal) + ", MAP * ~NOTFOUND")
    try:
        page = launched.new_page()
        reached = []
        page.on("request", lambda request: reached.append(request.url))
        for path in ATTEMPTS:
            try:
                page.goto(f"http://{ROOT_HOST}:{port}{path}", wait_until="load", timeout=10_000)
            except Exception:  # a host that does not resolve: the test's evil.example
                pass
        # The commune's own host is reached by https in its redirects; only the portal's hosts are asked.
        hosts = {re.match(r"\w+://([^/:]+)", url).group(1) for url in reached}
        assert hosts <= set(portal), hosts
    finally:
        launched.close()
        playwright.stop()


# Whatever the editors wrote -----------------------------------------------------

_NASTY = "abcxyzđăơ0123456789.-_:/;$*{}\"'\\ #?@%&=()[]<>!~^`|\t\r\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base_urls=st.lists(st.one_of(
           st.text(_NASTY, max_size=40).map(lambda t: "https://" + t),
           st.text(_NASTY, max_size=40).map(lambda t: f"https://xa.example.vn/{t}"),
           st.text(_NASTY, max_size=40)), min_size=2, max_size=2),
       feedback=st.text(_NASTY, max_size=30).map(lambda t: "https://gop-y." + t))
def test_nginx_t_passes_whatever_the_editors_wrote(tmp_path_factory, base_urls, feedback):
    """Random addresses in two communes' base_url and the root's feedback_url: the
    configuration the command makes always passes nginx -t, names only plain hosts,
    and holds no variable but its own."""
    import yaml

    from sitegen.content.addresses import web_address
    from sitegen.content.dates import build_time
    from sitegen.portal.read import read_portal
    from sitegen.serving.nginx import ConfigError, Options, configuration, served_sites

    work = tmp_path_factory.mktemp("random")
    files = {"huyen-mau/site.yaml": ROOT_SITE + yaml.safe_dump({"feedback_url": feedback}, allow_unicode=True)}
    for number, value in enumerate(base_urls, 1):
        files[f"xa-{number}/site.yaml"] = commune_site(str(number)) + yaml.safe_dump({"base_url": value},
                                                                                     allow_unicode=True)
    sites = write_tree(work / "sites", files)
    portal, _problems = read_portal(sites, build_time("22/11/2026 10:00"))
    try:
        config = configuration(served_sites(portal), Options(str(work / "public"), "127.0.0.1:8080"))
    except ConfigError as error:  # two communes wrote one address: the command says so and prints nothing
        first, second = (web_address(url) for url in base_urls)
        assert error.code == "nginx-same-address" and first is not None and first == second
        return
    _command, checked = nginx_test(work, config)
    assert checked.returncode == 0, (base_urls, feedback, checked.stderr)
    for host in re.findall(r"^\s*server_name (\S+);", config, re.M):
        assert re.fullmatch(r"[a-z0-9.-]+", host), host
    unquoted = re.sub(r'"~[^"]*"', "", config)
    assert {v for v in re.findall(r"\$\w+", unquoted)} <= {"$uri", "$sent_http_content_type", "$1",
                                                          "$sitegen_huyen_mau_cache", "$sitegen_huyen_mau_csp_1",
                                                          "$sitegen_huyen_mau_csp_2", "$sitegen_huyen_mau_csp_3"}
