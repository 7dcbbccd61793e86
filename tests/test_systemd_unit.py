"""`python build.py systemd ...`: the unit that runs the publishing service, as
the webmaster installs it. Checked by systemd's own `systemd-analyze verify`
where the machine has it, and read key by key in any case."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _systemd(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "systemd", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8")


def _unit(text: str) -> configparser.ConfigParser:
    parsed = configparser.ConfigParser(interpolation=None, strict=True)
    parsed.optionxform = str  # systemd's keys are case-sensitive
    parsed.read_string(text)
    return parsed


def _words(value: str) -> list[str]:
    """A list setting split as systemd does: quotes, backslashes, then $$ and %% for $ and %."""
    return [word.replace("$$", "$").replace("%%", "%") for word in shlex.split(value)]


def _verify(tmp_path: Path, text: str) -> None:
    """systemd's own reading of the unit, when the machine has it: no line ignored or refused."""
    program = shutil.which("systemd-analyze")
    if program is None:
        return
    folder = tmp_path / "unit"
    folder.mkdir()
    (folder / "sitegen.service").write_text(text, encoding="utf-8")
    done = subprocess.run([program, "verify", str(folder / "sitegen.service")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not re.search(r"sitegen\.service:\d+:", done.stderr), done.stderr


@pytest.fixture
def content(tmp_path):
    """A content repository whose sites folder sits below its top level, in a folder
    with a space, a '%' and a '$' in its name."""
    top = tmp_path / "noi dung 100%$HOME"
    (top / "cong" / "sites" / "huyen-mau").mkdir(parents=True)
    (top / "cong" / "sites" / "huyen-mau" / "site.yaml").write_text("name: Huyện Mẫu\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    return top


def test_the_unit_runs_this_checkouts_service_with_the_options_given(tmp_path, content):
    work = tmp_path / "elsewhere"
    work.mkdir()
    made = _systemd("--sites", str(content / "cong" / "sites"), "--out", "../srv/public", "--editors",
                    "etc/editors.yaml", "--key", str(tmp_path / "keys" / "service.key"), "--report", "bao-cao.json",
                    "--listen", "127.0.0.1:8751", "--deploy-to", "../www", "--deploy-to", "may-chu:/srv/portal",
                    "--user", "cong-tt", "--root", "huyen-mau", "--lang", "en", cwd=work)
    assert made.returncode == 0, made.stderr
    _verify(tmp_path, made.stdout)
    unit = _unit(made.stdout)
    service = unit["Service"]
    assert (service["Type"], service["User"], service["Restart"]) == ("simple", "cong-tt", "on-failure")
    assert (service["KillSignal"], service["TimeoutStopSec"]) == ("SIGTERM", "60")
    assert "LANG=C.UTF-8" in service["Environment"].split()
    assert (service["NoNewPrivileges"], service["ProtectSystem"]) == ("yes", "strict")
    assert unit["Install"]["WantedBy"] == "multi-user.target"

    command = _words(service["ExecStart"])
    assert command[:3] == [os.path.abspath(sys.executable), str(REPO / "build.py"), "service"]
    assert all(Path(word).is_absolute() for word in command[:2])
    from sitegen.options import Parser, add_service

    declared = Parser(prog="service")
    add_service(declared)
    given = declared.parse_args(command[3:])
    assert given.sites == [str(content / "cong" / "sites")]
    assert given.out == tmp_path / "srv" / "public" and given.editors == work / "etc" / "editors.yaml"
    assert given.key == tmp_path / "keys" / "service.key" and given.report == work / "bao-cao.json"
    assert (given.listen, given.root, given.lang) == ("127.0.0.1:8751", "huyen-mau", "en")
    assert given.deploy_to == [str(tmp_path / "www"), "may-chu:/srv/portal"], "a local folder absolute, SSH as given"

    writable = _words(service["ReadWritePaths"])
    assert writable == sorted({str(content), str(tmp_path / "srv"), str(tmp_path / "keys"), str(work),
                               str(tmp_path / "www")}), "the Git top level, not the sites folder"
    assert "PrivateTmp" not in service, "the folders are under /tmp: a private /tmp would hide them"
    assert ("ProtectHome" in service) == (not str(tmp_path).startswith(("/home/", "/root/")))
    assert "> /etc/systemd/system/sitegen.service" in made.stderr and "sudo" not in made.stderr  # Debian has none
    assert "systemctl daemon-reload" in made.stderr and "systemctl enable --now sitegen" in made.stderr


def test_a_server_layout_gets_every_protection(tmp_path):
    """Folders where a server keeps them: a private /tmp, the home folders read-only (unless
    this checkout itself, the content's repository, is under /home)."""
    made = _systemd("--sites", str(REPO / "sites"), "--out", "/srv/sitegen/public", "--editors",
                    "/etc/sitegen/editors.yaml")
    assert made.returncode == 0, made.stderr
    _verify(tmp_path, made.stdout)
    service = _unit(made.stdout)["Service"]
    assert service["User"] == "sitegen", "the default account"
    top = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--show-toplevel"], capture_output=True,
                         text=True).stdout.strip() or str(REPO)
    assert _words(service["ReadWritePaths"]) == sorted({"/etc/sitegen", "/srv/sitegen", top})
    assert ("PrivateTmp" in service) == (not top.startswith(("/tmp/", "/var/tmp/")))
    assert ("ProtectHome" in service) == (not top.startswith(("/home/", "/root/")))
    if "ProtectHome" in service:
        assert service["ProtectHome"] == "read-only"
    if "PrivateTmp" in service:
        assert service["PrivateTmp"] == "yes"
    command = _words(service["ExecStart"])
    assert command[command.index("--out") + 1] == "/srv/sitegen/public"
    assert command[command.index("--listen") + 1] == "127.0.0.1:8750", "the service's default, written out"
    assert "--key" not in command and "--report" not in command


def test_what_no_unit_can_hold_is_refused(tmp_path):
    sites = str(REPO / "sites")
    made = _systemd("--sites", sites, "--editors", "/etc/e.yaml", "--out", "/srv/a\nExecStartPre=/bin/evil")
    assert made.returncode == 2 and made.stdout == "" and "systemd" in made.stderr
    made = _systemd("--sites", sites, "--editors", "/etc/e.yaml", "--user", "root\nx", "--lang", "en")
    assert made.returncode == 2 and "is not an account name" in made.stderr and made.stdout == ""
    made = _systemd("--sites", sites, "--lang", "en")
    assert made.returncode == 2 and "--editors" in made.stderr, "the service's own required option"
