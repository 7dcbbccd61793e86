"""`python build.py nginx --tls-cert ... --service ...` through the real nginx on
127.0.0.1: HTTPS for everyone, plain HTTP sent there on the portal's own hosts,
and the publishing service and the admin pages behind the editors' password,
with the user's name and the service's key set by nginx alone.

The upstream here is a small HTTP server that answers with the headers it was
sent: it shows what nginx forwards (the real service is tested elsewhere).
Skipped without nginx or openssl, except under CI (.ci/run installs them).
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT_SITE, commune_site, need, news, write_tree
from nginx_server import NGINX, free_port, get, nginx, nginx_test

REPO = Path(__file__).resolve().parent.parent
ROOT_HOST = "huyenmau.example.vn"  # conftest.ROOT_SITE
OWN_HOST = "xab.example.vn"  # a commune on a host of its own
USER, PASSWORD = "bien-tap-a", "mat-khau-dung"
SERVICE = "/__sitegen/service/"  # sitegen.serving.identity.SERVICE_PATH
GUARDED = ((ROOT_HOST, SERVICE + "xa-a/entries"), (OWN_HOST, SERVICE + "xa-b/entries"),
           (ROOT_HOST, "/quan-tri/"), (ROOT_HOST, "/xa-a/quan-tri/"), (OWN_HOST, "/quan-tri/"),
           (ROOT_HOST, "/xa-a/quan-tri/config.yml"))


class _Upstream(BaseHTTPRequestHandler):
    """Answers 200 with what it received; every request is kept in server.seen."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = {"method": self.command, "path": self.path, "headers": [[k, v] for k, v in self.headers.items()],
                "length": len(body)}
        self.server.seen.append(seen)
        data = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


def _openssl(*args: str, cwd: Path) -> str:
    return subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def _make_nginx(sites: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", "nginx", "--sites", str(sites), "--out", str(out), *options],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    need(shutil.which("openssl"), "openssl")
    work = tmp_path_factory.mktemp("tls")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2", "-keyout", "tls.key", "-out", "tls.crt",
             cwd=work)
    hashed = _openssl("passwd", "-apr1", PASSWORD, cwd=work).strip()
    assert hashed.startswith("$apr1$")
    (work / "htpasswd").write_text(f"{USER}:{hashed}\nkhac:{_openssl('passwd', '-apr1', 'khac', cwd=work).strip()}\n")
    return work


@pytest.fixture(scope="module")
def served(tmp_path_factory, tls_files):
    """A district, a commune under its path and one on its own host, built and served over
    HTTPS with the service (the upstream above) behind the password."""
    need(os.access(NGINX, os.X_OK), "nginx")
    from sitegen.commands.build import BuildSettings, build
    from sitegen.content.dates import build_time

    work = tmp_path_factory.mktemp("service")
    sites = write_tree(work / "sites", {
        "huyen-mau/site.yaml": ROOT_SITE, "huyen-mau/news/tin.md": news("Tin của huyện"),
        "xa-a/site.yaml": commune_site("A"), "xa-a/news/tin.md": news("Tin của xã A"),
        "xa-b/site.yaml": commune_site("B", extra=f"base_url: https://{OWN_HOST}/\n"),
    })
    out = work / "public"
    build(BuildSettings(sites, out, build_time("22/11/2026 10:00")))
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    upstream.seen = []
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port, plain = free_port(), free_port()
    key_file = work / "keys" / "service.key"
    made = _make_nginx(sites, out, "--listen", f"127.0.0.1:{port}", "--http", f"127.0.0.1:{plain}",
                       "--tls-cert", str(tls_files / "tls.crt"), "--tls-key", str(tls_files / "tls.key"),
                       "--service", f"127.0.0.1:{upstream.server_address[1]}", "--service-key", str(key_file),
                       "--htpasswd", str(tls_files / "htpasswd"), "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert "clear text" not in made.stderr
    try:
        with nginx(work, made.stdout, port):
            yield {"port": port, "plain": plain, "out": out, "config": made.stdout, "key_file": key_file,
                   "seen": upstream.seen, "sites": sites, "work": work}
    finally:
        upstream.shutdown()
        upstream.server_close()


def _context(tls_files: Path) -> ssl.SSLContext:
    """Trusts the test's own certificate, and nothing else."""
    return ssl.create_default_context(cafile=str(tls_files / "tls.crt"))


def https(served, tls_files, host: str, path: str, method: str = "GET", body: bytes | None = None,
          auth: tuple[str, str] | None = None, headers: tuple[tuple[str, str], ...] = ()):
    """One request over HTTPS; headers may repeat a name. (status, headers, body)."""
    connection = http.client.HTTPSConnection("127.0.0.1", served["port"], timeout=30,
                                             context=_context(tls_files))
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host)
        if auth is not None:
            connection.putheader("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
        for name, value in headers:
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _raw(port: int, request: bytes) -> tuple[int, dict[str, str]]:
    """A request written byte for byte over plain TCP: (status, headers)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
    return int(head[0].split()[1]), {k.lower(): v for k, v in fields.items()}


def _received(seen: dict, name: str) -> list[str]:
    return [value for key, value in seen["headers"] if key.lower() == name.lower()]


# The configuration ------------------------------------------------------------------

def test_nginx_t_passes_and_the_secret_stays_in_its_own_file(served):
    from sitegen.serving.identity import read_key

    check = served["work"] / "check"
    check.mkdir()
    _command, checked = nginx_test(check, served["config"])
    assert checked.returncode == 0, checked.stderr
    key = read_key(served["key_file"])
    assert key and re.fullmatch(r"[0-9a-f]{64}", key), "the command made the key file"
    assert (served["key_file"].stat().st_mode & 0o777) == 0o600
    config = served["config"]
    assert key not in config and "X-Sitegen-Key" not in config, "the secret is included, never copied"
    assert re.search(rf'^\s*include "?{re.escape(str(served["key_file"]))}"?;$', config, re.M)
    assert config.count(f"location ^~ {SERVICE} {{") + config.count(f'location "^~" {SERVICE} {{') == 2


def test_pages_are_public_over_https_and_carry_hsts(served, tls_files):
    out = served["out"]
    for host, path, page in ((ROOT_HOST, "/", out / "index.html"), (ROOT_HOST, "/xa-a/", out / "xa-a" / "index.html"),
                             (OWN_HOST, "/", out / "xa-b" / "index.html")):
        status, headers, body = https(served, tls_files, host, path)
        assert (status, body) == (200, page.read_bytes()), (host, path)
        assert headers["strict-transport-security"] == "max-age=31536000"
        assert headers["x-frame-options"] == "DENY" and "content-security-policy" in headers
    status, headers, _body = https(served, tls_files, ROOT_HOST, "/khong-co/")
    assert status == 404 and headers["strict-transport-security"] == "max-age=31536000"
    assert served["seen"] == [], "the pages never reach the service"


# Plain HTTP -----------------------------------------------------------------------

def test_plain_http_is_sent_to_https_on_the_portals_own_host(served):
    port, plain = served["port"], served["plain"]
    for where in (plain, port):  # the plain-HTTP address, and plain HTTP sent to the HTTPS port (497)
        for host, path, expected in ((ROOT_HOST, "/tin-tuc/?trang=2", ROOT_HOST), (OWN_HOST, "/", OWN_HOST),
                                     (ROOT_HOST, "/xa-a/quan-tri/", ROOT_HOST), (ROOT_HOST, SERVICE + "x", ROOT_HOST),
                                     ("evil.example", "/", ROOT_HOST), ("$arg_h", "/", ROOT_HOST)):
            status, headers, _body = get(where, host, path)
            assert status == 301 and headers["location"] == f"https://{expected}:{port}{path}", (where, host, path)


ATTEMPTS = (b"//evil.example/", b"/%0d%0aLocation:%20https://evil.example/", b"/..%2f..%2fevil.example",
            b"/\\evil.example", b"/@evil.example", b"/?next=https://evil.example", b"http://evil.example/x")


def test_no_plain_http_request_is_sent_off_the_portal(served):
    port = served["port"]
    for where in (served["plain"], port):
        for host in (ROOT_HOST.encode(), b"evil.example", b"huyenmau.example.vn@evil.example", b"evil.example:1"):
            for target in ATTEMPTS:
                status, headers = _raw(where, b"GET " + target + b" HTTP/1.1\r\nHost: " + host
                                       + b"\r\nConnection: close\r\n\r\n")
                if status == 400:
                    continue
                location = headers["location"]
                assert status == 301 and urlsplit(location).hostname == ROOT_HOST, (where, host, target, location)
                assert location.startswith(f"https://{ROOT_HOST}:{port}/"), location
    assert served["seen"] == []


def test_a_portal_without_base_url_is_sent_only_to_the_plain_host_it_was_asked_for(tmp_path, tls_files):
    """The one server with no name (the root has no base_url): the host the request named, and
    only a plain host name; anything else in Host is refused, never written into Location."""
    need(os.access(NGINX, os.X_OK), "nginx")
    sites = write_tree(tmp_path / "sites", {
        "goc/site.yaml": "name: Cổng X\nshort_name: X\nkind: district\nowner: UBND huyện X\n"})
    port, plain = free_port(), free_port()
    made = _make_nginx(sites, tmp_path / "public", "--listen", f"127.0.0.1:{port}", "--http", f"127.0.0.1:{plain}",
                       "--tls-cert", str(tls_files / "tls.crt"), "--tls-key", str(tls_files / "tls.key"))
    assert made.returncode == 0, made.stderr
    with nginx(tmp_path, made.stdout, port):
        for where in (plain, port):
            status, headers = _raw(where, b"GET /a?b=1 HTTP/1.1\r\nHost: Cong.Example.VN\r\nConnection: close\r\n\r\n")
            assert (status, headers["location"]) == (301, f"https://cong.example.vn:{port}/a?b=1")
            for host in (b"a@evil.example", b"evil.example?", b"evil.example#", b"evil.example\\", b"[::1]"):
                status, headers = _raw(where, b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
                assert status == 400 and "location" not in headers, host


# The password and what the service is told ------------------------------------------------

def test_without_the_right_password_nothing_reaches_the_service_or_the_admin_pages(served, tls_files):
    forged = (("X-Sitegen-User", USER), ("X-Sitegen-Key", "forged"))
    for host, path in GUARDED:
        for auth in (None, (USER, "sai"), ("khong-co", PASSWORD), (USER, ""), ("", PASSWORD)):
            for method, body in (("GET", None), ("POST", b"{}")):
                status, headers, _body = https(served, tls_files, host, path, method, body, auth, forged)
                assert status == 401, (host, path, auth, method)
                assert headers["www-authenticate"].startswith("Basic")
                assert headers["strict-transport-security"] == "max-age=31536000"
    assert served["seen"] == [], "the upstream saw nothing"


def test_with_the_password_the_service_hears_the_user_and_the_key_from_nginx(served, tls_files):
    from sitegen.serving.identity import read_key

    key = read_key(served["key_file"])
    served["seen"].clear()
    status, headers, body = https(served, tls_files, OWN_HOST, SERVICE + "xa-b/entries?kind=news",
                                  auth=(USER, PASSWORD))
    assert status == 200, body
    seen = json.loads(body)
    assert seen["path"] == SERVICE + "xa-b/entries?kind=news"
    assert _received(seen, "X-Sitegen-User") == [USER] and _received(seen, "X-Sitegen-Key") == [key]
    assert _received(seen, "Host") == [OWN_HOST] and _received(seen, "X-Forwarded-Proto") == ["https"]
    assert _received(seen, "X-Forwarded-For") == ["127.0.0.1"]
    assert _received(seen, "Authorization") == [], "the password stays in nginx"
    assert headers["cache-control"] == "no-store" and headers["strict-transport-security"] == "max-age=31536000"
    assert headers["x-content-type-options"] == "nosniff"
    picture = b"x" * (5 * 1024 * 1024)  # over nginx's default 1 MB: an editor's photo goes through
    status, _headers, body = https(served, tls_files, ROOT_HOST, SERVICE + "xa-a/media", "POST", picture,
                                   (USER, PASSWORD))
    assert status == 200 and json.loads(body)["length"] == len(picture)
    assert len(served["seen"]) == 2


def test_headers_the_browser_forges_are_replaced_by_nginx(served, tls_files):
    from sitegen.serving.identity import read_key

    key = read_key(served["key_file"])
    served["seen"].clear()
    forged = (("X-Sitegen-User", "someone-else"), ("X-Sitegen-Key", "forged"), ("x-sitegen-user", "admin"),
              ("X-SITEGEN-KEY", "0" * 64), ("X_Sitegen_User", "admin"), ("X-Forwarded-For", "10.0.0.1"),
              ("X-Forwarded-Proto", "http"))
    for method, body in (("GET", None), ("POST", b'{"title": "Tin"}')):
        status, _headers, answer = https(served, tls_files, ROOT_HOST, SERVICE + "xa-a/entries", method, body,
                                         (USER, PASSWORD), forged)
        assert status == 200
        seen = json.loads(answer)
        assert _received(seen, "X-Sitegen-User") == [USER], seen["headers"]
        assert _received(seen, "X-Sitegen-Key") == [key], seen["headers"]
        assert _received(seen, "X_Sitegen_User") == [], "nginx drops header names with underscores"
        assert _received(seen, "X-Forwarded-For") == ["127.0.0.1"] and _received(seen, "X-Forwarded-Proto") == ["https"]
    status, _headers, answer = https(served, tls_files, ROOT_HOST, SERVICE + "xa-a/entries", auth=("khac", "khac"),
                                     headers=forged)
    assert status == 200 and _received(json.loads(answer), "X-Sitegen-User") == ["khac"]


def test_the_admin_pages_ask_for_the_password_and_the_pages_do_not(served, tls_files):
    for host, path in GUARDED:
        if path.startswith(SERVICE):
            continue
        status, headers, body = https(served, tls_files, host, path, auth=(USER, PASSWORD))
        assert status == 200, (host, path)
        if path.endswith("/"):
            assert b"decap-cms.js" in body and "'unsafe-eval'" in headers["content-security-policy"]
    for host, path in ((ROOT_HOST, "/"), (ROOT_HOST, "/xa-a/tin-tuc/"), (OWN_HOST, "/"), (ROOT_HOST, "/rss.xml")):
        status, headers, _body = https(served, tls_files, host, path)
        assert status == 200 and "www-authenticate" not in headers, (host, path)


# The command line ----------------------------------------------------------------------

def test_the_options_that_go_together_are_usage_errors(served, tls_files, tmp_path):
    sites, out = served["sites"], served["out"]
    crt, key = str(tls_files / "tls.crt"), str(tls_files / "tls.key")
    for options, vi, en in (
            (["--service"], "--service cần cả --service-key", "--service needs both --service-key"),
            (["--service", "--htpasswd", "h"], "--service cần cả", "--service needs both"),
            (["--htpasswd", "h"], "chỉ dùng với --service", "go with --service only"),
            (["--tls-cert", crt], "--tls-cert và --tls-key", "--tls-cert and --tls-key go together"),
            (["--http", "8080"], "--http chỉ dùng với --tls-cert", "--http goes with --tls-cert only"),
            (["--tls-cert", crt, "--tls-key", key, "--listen", "8443", "--http", "8443"], "trùng", "is the HTTPS"),
            (["--service", "8750", "--service-key", "k", "--htpasswd", "h"], "không phải ADDR:PORT",
             "is not ADDR:PORT")):
        for lang, words in (("vi", vi), ("en", en)):
            made = _make_nginx(sites, out, *options, "--lang", lang)
            assert made.returncode == 2 and words in made.stderr, (options, made.stderr)
            assert made.stdout == "" and "nginx" in made.stderr.splitlines()[0], "argparse's usage line first"


def test_a_path_nginx_cannot_take_is_refused_and_a_foreign_key_file_is_kept(served, tmp_path):
    sites, out = served["sites"], served["out"]
    for bad in ("keys/*.key", "keys/$host.key", "keys/a[1].key"):
        made = _make_nginx(sites, out, "--service", "--service-key", str(tmp_path / bad),
                           "--htpasswd", str(tmp_path / "h"), "--lang", "en")
        assert made.returncode == 2 and "--service-key: the path" in made.stderr and made.stdout == "", bad
        assert not (tmp_path / "keys").exists()
    other = tmp_path / "not-a-key"
    other.write_text("server { }\n")
    made = _make_nginx(sites, out, "--service", "--service-key", str(other), "--htpasswd", str(tmp_path / "h"))
    assert made.returncode == 2 and "không phải tệp khóa" in made.stderr and made.stdout == ""
    assert other.read_text() == "server { }\n", "never overwritten"


def test_the_service_without_https_warns_that_passwords_travel_in_clear_text(served, tmp_path):
    key_file = tmp_path / "quoted dir" / "service.key"
    made = _make_nginx(served["sites"], served["out"], "--service", "--service-key", str(key_file),
                       "--htpasswd", str(tmp_path / "htpasswd"), "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert "passwords travel in clear text" in made.stderr and "--htpasswd" in made.stderr
    assert f'include "{key_file}";' in made.stdout and "proxy_pass http://127.0.0.1:8750;" in made.stdout
    assert " ssl;" not in made.stdout and "ssl_certificate" not in made.stdout
    assert "add_header Strict-Transport-Security" not in made.stdout
    assert key_file.is_file(), "the key is made by whichever command needs it first"


def test_no_site_may_be_served_where_the_service_is():
    from sitegen.serving.nginx import ConfigError, Options, ServedSite, Service, configuration

    root = ServedSite("goc", "", ROOT_HOST, "/", f"https://{ROOT_HOST}/", (), "", False)
    taken = ServedSite("xa", "xa/", ROOT_HOST, SERVICE + "xa/", f"https://{ROOT_HOST}{SERVICE}xa/", (), "", False)
    assert "location" in configuration((root, taken), Options("/srv/p"))  # no service: served as written
    with pytest.raises(ConfigError) as refused:
        configuration((root, taken), Options("/srv/p", service=Service("127.0.0.1:8750", "/k", "/h")))
    assert refused.value.code == "nginx-service-path"
