"""Deploys as the webmaster runs them: `python build.py deploy` of the built
sample portal, before and after an editor changes one article, to a folder
on this machine and to one over SSH (a real sshd on 127.0.0.1): only what
changed travels, the switch is one step, a deploy that fails half-way leaves
the live site as it was, old releases are pruned and a rollback goes back.

Skipped on a machine without rsync (or sshd for the SSH test); under CI (CI
set), which installs them (.ci/run), a missing tool is a failure.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import need

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

import sample_portal  # noqa: E402
from sitegen.serving.deploy import Destination  # noqa: E402

REPO = sample_portal.REPO
EDITED_SITE = "an-binh"
EDIT = "Cập nhật: lịch tiếp công dân chuyển sang chiều thứ Năm."


def _build(sites: Path, out: Path) -> None:
    done = subprocess.run([sys.executable, "build.py", "build", "--sites", str(sites), "--out", str(out),
                           "--now", sample_portal.NOW, "--no-report"],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr


@dataclass(frozen=True)
class Versions:
    first: Path  # the portal as first built
    edited: Path  # the same output after one article was edited and the portal built again
    page: str  # the edited article's page, under the output


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> Versions:
    need(shutil.which("rsync") is not None, "rsync")
    work = tmp_path_factory.mktemp("deploy")
    sites = work / "sites"
    shutil.copytree(REPO / "sites", sites)
    out = work / "public"
    _build(sites, out)
    first = work / "first"
    subprocess.run(["cp", "-al", str(out), str(first)], check=True)  # as published then: the build never writes in place
    article = sorted((sites / EDITED_SITE / "news").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")
    _build(sites, out)
    page = next(p for p in (out / EDITED_SITE / "tin-tuc").glob("*/index.html")
                if EDIT in p.read_text(encoding="utf-8"))
    return Versions(first, out, page.relative_to(out).as_posix())


def _deploy(out: Path, dest: str | Path, *extra: str, env: dict | None = None,
            limit_file_size: int | None = None) -> subprocess.CompletedProcess:
    def limited() -> None:  # as a full disk or a quota would: writes past this size fail
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run([sys.executable, "build.py", "deploy", "--out", str(out), "--to", str(dest),
                           "--lang", "en", *extra], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, **(env or {})},
                          preexec_fn=limited if limit_file_size else None)


def _sent(done: subprocess.CompletedProcess) -> tuple[int, int]:
    assert done.returncode == 0, done.stderr
    found = re.search(r"Sent (\d+) files \(.*\) of (\d+) files", done.stdout)
    assert found, done.stdout
    return int(found.group(1)), int(found.group(2))


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _live(dest: Path) -> Path:
    link = dest / "current"
    assert link.is_symlink() and not os.path.isabs(os.readlink(link)), "a relative link: the folder may move"
    return link.resolve()


def test_a_second_deploy_sends_what_one_edit_changed_and_links_the_rest(versions, tmp_path):
    dest = tmp_path / "srv"
    sent, total = _sent(_deploy(versions.first, dest))
    distinct = {p.stat().st_ino for p in versions.first.rglob("*") if p.is_file()}
    # The whole portal, each file once: those every site shares (hard links) travel once.
    assert sent == len(distinct) and total > 500, "the first deploy sends the whole portal"
    first_release = _live(dest)
    assert _tree(dest / "current") == _tree(versions.first)

    sent, total = _sent(_deploy(versions.edited, dest))
    assert 0 < sent <= 30 and sent * 10 < total, f"a handful of files, not the portal: {sent} of {total}"
    second_release = _live(dest)
    assert second_release != first_release and second_release.parent == first_release.parent
    assert _tree(dest / "current") == _tree(versions.edited)
    assert EDIT in (dest / "current" / versions.page).read_text(encoding="utf-8")
    assert _tree(first_release) == _tree(versions.first), "the earlier release is left as it was"
    linked = [p for p in _tree(versions.edited) if p.startswith("images/") or p.endswith(".pdf")]
    assert linked
    for path in linked:
        assert (first_release / path).stat().st_ino == (second_release / path).stat().st_ino, \
            f"{path}: unchanged, so hard-linked to the earlier release, not sent"
    assert (first_release / versions.page).stat().st_ino != (second_release / versions.page).stat().st_ino


def test_a_deploy_that_fails_half_way_leaves_the_live_site_and_the_next_carries_on(versions, tmp_path):
    dest = tmp_path / "srv"
    _sent(_deploy(versions.first, dest))
    live = _live(dest)
    # Files over 4 kB cannot be written (as on a full disk): rsync dies in the middle of the copy.
    failed = _deploy(versions.edited, dest, limit_file_size=4096)
    assert failed.returncode == 2 and "live site is unchanged" in failed.stderr, failed.stderr
    assert _live(dest) == live and _tree(dest / "current") == _tree(versions.first)
    assert (dest / "releases" / ".incoming").is_dir(), "what was sent is kept for the next deploy"
    sent, total = _sent(_deploy(versions.edited, dest))
    assert _tree(dest / "current") == _tree(versions.edited)
    assert not (dest / "releases" / ".incoming").exists()
    assert len([p for p in (dest / "releases").iterdir()]) == 2


def test_old_releases_are_pruned_and_a_rollback_goes_back_one(versions, tmp_path):
    dest = tmp_path / "srv"
    _sent(_deploy(versions.first, dest, "--keep", "2"))
    first = _live(dest)
    for _ in range(3):
        _sent(_deploy(versions.edited, dest, "--keep", "2"))
    releases = sorted(p.name for p in (dest / "releases").iterdir())
    assert len(releases) == 2 and _live(dest).name == releases[-1] and first.name not in releases
    unchanged = _deploy(versions.edited, dest, "--keep", "2")
    assert _sent(unchanged)[0] == 0 and "Removed old releases" in unchanged.stdout

    _sent(_deploy(versions.first, dest, "--keep", "3"))
    newest = _live(dest)
    back = _deploy(versions.first, dest, "--rollback")
    assert back.returncode == 0 and "Rolled back" in back.stdout, back.stderr
    assert _live(dest).name < newest.name and _tree(dest / "current") == _tree(versions.edited)
    assert newest.is_dir(), "the release rolled back from is kept"
    _deploy(versions.first, dest, "--rollback")
    alone = _deploy(versions.first, dest, "--rollback")
    assert alone.returncode == 2 and "No release before" in alone.stderr
    assert _tree(dest / "current") == _tree(versions.edited)


def test_the_files_every_site_shares_travel_once_and_stay_one_file(versions, tmp_path):
    """The admin pages' 5 MB CMS is one file in the output (hard links): the
    server gets it once, as one file, not once per site."""
    dest = tmp_path / "web"
    _sent(_deploy(versions.first, dest))
    live = _live(dest)
    bundles = [live / "quan-tri" / "decap-cms.js", *(live.glob("*/quan-tri/decap-cms.js"))]
    assert len(bundles) >= 5
    assert len({os.stat(path).st_ino for path in bundles}) == 1


def test_nothing_is_sent_from_a_folder_sitegen_did_not_build(tmp_path):
    need(shutil.which("rsync") is not None, "rsync")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text("x", encoding="utf-8")
    done = _deploy(tmp_path / "other", tmp_path / "srv")
    assert done.returncode == 2 and "not a portal sitegen built" in done.stderr
    assert not (tmp_path / "srv").exists()
    nothing = _deploy(tmp_path / "other", tmp_path / "srv", "--rollback")
    assert nothing.returncode == 2 and "Nothing is deployed" in nothing.stderr


def test_a_destination_host_is_never_taken_as_an_option(versions):
    """'-oProxyCommand=...:path' names no host: ssh would run the command."""
    for back in ((), ("--rollback",)):
        done = subprocess.run([sys.executable, "build.py", "deploy", "--out", str(versions.first),
                               "--to=-oProxyCommand=false:srv", "--lang", "en", *back], cwd=REPO,
                              capture_output=True, text=True, encoding="utf-8")
        assert done.returncode == 2 and "is not a host name" in done.stderr, done.stderr
    assert Destination.parse("-srv/portal") == Destination(None, "./-srv/portal"), "a path, not an option"


# Over SSH ---------------------------------------------------------------------

@pytest.fixture
def sshd(tmp_path):
    """A real sshd on 127.0.0.1 for this test only: its own host key, one user key."""
    for tool in ("/usr/sbin/sshd", "ssh-keygen", "ssh"):
        need(shutil.which(tool) is not None, tool)
    if not os.path.isdir("/run/sshd"):  # sshd's privilege separation folder, made by its service
        if os.geteuid() != 0:
            pytest.skip("/run/sshd is missing and cannot be made without root")
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    keys = tmp_path / "ssh"
    keys.mkdir()
    for name in ("host", "user"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    shutil.copy(keys / "user.pub", keys / "authorized_keys")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (keys / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\nPidFile {keys / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nStrictModes no\nUsePAM no\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n",
        encoding="utf-8")
    process = subprocess.Popen([shutil.which("sshd") or "/usr/sbin/sshd", "-D", "-e", "-f",
                                str(keys / "sshd_config")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"sshd stopped: {process.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("sshd did not start listening")
                time.sleep(0.05)
        yield (f"ssh -p {port} -i {keys / 'user'} -o BatchMode=yes -o StrictHostKeyChecking=no "
               f"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)


def test_deploy_and_rollback_over_ssh(versions, sshd, tmp_path):
    remote = tmp_path / "remote" / "portal"
    env = {"RSYNC_RSH": sshd}
    sent, total = _sent(_deploy(versions.first, f"127.0.0.1:{remote}", env=env))
    assert sent == len({p.stat().st_ino for p in versions.first.rglob("*") if p.is_file()}) and total > 500
    sent, total = _sent(_deploy(versions.edited, f"127.0.0.1:{remote}", env=env))
    assert 0 < sent * 10 < total
    assert _tree(remote / "current") == _tree(versions.edited)
    back = _deploy(versions.edited, f"127.0.0.1:{remote}", "--rollback", env=env)
    assert back.returncode == 0, back.stderr
    assert _tree(remote / "current") == _tree(versions.first)
