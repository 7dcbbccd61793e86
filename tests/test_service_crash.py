"""The service as the webmaster runs it (`python build.py service`): a kill -9
during a burst of saves loses no acknowledged save and leaves Git sound; it
starts again over what the kill left; SIGTERM finishes and exits 0; with the
root's `review: false` an editor publishes straight away."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sitegen.serving.identity import key
from tests.nginx_server import free_port
from tests.service_helpers import Client, content_repository, git, news

BUILD_PY = Path(__file__).resolve().parent.parent / "build.py"


def service(where: Path, repo: Path, port: int, *more: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(BUILD_PY), "service", "--sites", str(repo / "sites"),
                                "--out", str(where / "out"), "--editors", str(where / "editors.yaml"),
                                "--listen", f"127.0.0.1:{port}", *more], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    client = Client(port, key(where / "service.key"))
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(process.stdout.read().decode())
        try:
            if client.call("duyet-hoabinh", "hoa-binh", "info")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("the service did not answer")


def test_kill_9_during_a_burst_of_saves_loses_no_acknowledged_save(tmp_path):
    repo = content_repository(tmp_path)
    port = free_port()
    process = service(tmp_path, repo, port)
    client = Client(port, key(tmp_path / "service.key"))
    acknowledged: list[str] = []
    stop = threading.Event()

    def burst(user: str, site: str, start: int) -> None:
        n = start
        while not stop.is_set():
            slug = f"2026-12-06-ban-{n}"
            try:
                status, _answer = client.save(user, site, slug, news(slug, f"Bản lưu {n}"))
            except OSError:
                return  # the service is gone
            if status == 200:
                acknowledged.append(f"{site}/{slug}")
            n += 2

    threads = [threading.Thread(target=burst, args=args) for args in
               (("bien-tap-hoabinh", "hoa-binh", 0), ("bien-tap-anbinh", "an-binh", 1))]
    for thread in threads:
        thread.start()
    while len(acknowledged) < 8:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stop.set()
    for thread in threads:
        thread.join()
    fsck = subprocess.run(["git", "-C", str(repo), "fsck", "--full", "--strict"], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stderr
    for name in acknowledged:
        site, slug = name.split("/")
        assert f"Bản lưu {slug.rsplit('-', 1)[1]}" in git(repo, "show", f"cms/{site}/news/{slug}:sites/{site}/news/{slug}.md")

    again = service(tmp_path, repo, port)  # starts over what the kill left
    assert client.save("bien-tap-hoabinh", "hoa-binh", "2026-12-06-sau-khi-chet", news("x", "Sau"))[0] == 200
    again.send_signal(signal.SIGTERM)
    assert again.wait(60) == 0


def test_with_review_off_an_editor_publishes_it_is_deployed_and_sigterm_exits_cleanly(tmp_path):
    repo = content_repository(tmp_path, cms="cms: {backend: service, review: false}")
    port = free_port()
    server = tmp_path / "may-chu"  # a deploy destination (a folder here; host:path over ssh alike)
    process = service(tmp_path, repo, port, "--deploy-to", str(server))
    client = Client(port, key(tmp_path / "service.key"))
    assert client.call("bien-tap-hoabinh", "hoa-binh", "info")[1]["publish_modes"][0] == "simple"
    slug = "2026-12-01-dang-thang"
    assert client.save("bien-tap-hoabinh", "hoa-binh", slug, news(slug, "Đăng thẳng"), workflow=False)[0] == 200
    page = tmp_path / "out/hoa-binh/tin-tuc/dang-thang/index.html"
    for _ in range(300):
        if page.is_file():
            break
        time.sleep(0.1)
    assert page.is_file()
    assert git(repo, "log", "-1", "--format=%an", "main").strip() == "bien-tap-hoabinh"
    deployed = server / "current/hoa-binh/tin-tuc/dang-thang/index.html"
    for _ in range(300):
        if deployed.is_file():
            break
        time.sleep(0.1)
    assert deployed.is_file(), "sent on to the server after the publication"
    config = (tmp_path / "out/hoa-binh/quan-tri/config.yml").read_text(encoding="utf-8")
    assert "/__sitegen/service/hoa-binh" in config and "editorial_workflow" not in config
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 0
