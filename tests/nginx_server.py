"""A real nginx on 127.0.0.1 for the serving tests: started on a configuration
made by `python build.py nginx`, asked by host name, stopped at the end."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import need

NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def brotli_library() -> bool:
    try:
        import brotli  # noqa: F401
    except ImportError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx stopped: {log.read_text(errors='replace') if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening")


def nginx_test(work: Path, portal_conf: str, brotli: bool = False) -> tuple[list[str], subprocess.CompletedProcess]:
    """portal_conf (inside http {}) written into the folder work and checked by `nginx -t`:
    the command that runs it, and what the check said."""
    need(os.access(NGINX, os.X_OK), "nginx")
    (work / "portal.conf").write_text(portal_conf, encoding="utf-8")
    temp = "\n".join(f"  {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                        "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + (f"load_module {BROTLI_MODULE};\n" if brotli else "")
        + f"worker_processes 1;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'} notice;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n  access_log {work / 'access.log'};\n{temp}\n  include {work / 'portal.conf'};\n}}\n",
        encoding="utf-8")
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]
    return command, subprocess.run([*command, "-t"], capture_output=True, text=True)


@contextlib.contextmanager
def nginx(work: Path, portal_conf: str, port: int, brotli: bool = False):
    """nginx running portal_conf (inside http {}) from the folder work, until the block ends."""
    command, checked = nginx_test(work, portal_conf, brotli)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, process, work / "error.log")
        yield
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful stop of the master and its worker
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def get(port: int, host: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host, **headers})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()
