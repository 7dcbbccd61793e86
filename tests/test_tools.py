"""The webmaster's tools in tools/: the pinned CMS bundle matches its record,
and the CI check keeps a change inside its own site's folder."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADMIN = ROOT / "themes" / "default" / "admin"
sys.path.insert(0, str(ROOT / "tools"))

import vendor_decap  # noqa: E402


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_the_shipped_cms_is_the_pinned_decap_release():
    """No network: the bundle in the repository is byte for byte the one the
    registry's tarball of the pinned version holds (recorded by tools/vendor_decap.py)."""
    pin = json.loads((ADMIN / "decap-cms.pin.json").read_text(encoding="utf-8"))
    assert pin["package"] == "decap-cms" and pin["version"] == "3.16.3"
    assert pin["integrity"].startswith("sha512-")
    assert set(pin["files"]) == {"decap-cms.js", "decap-cms.js.LICENSE.txt"}
    for name, recorded in pin["files"].items():
        assert _sri((ADMIN / name).read_bytes()) == recorded, name
    assert b'"decap-cms 3.16.3"' in (ADMIN / "decap-cms.js").read_bytes()
    assert "tools/vendor_decap.py" in pin["rebuild"]


def test_the_vendor_check_notices_a_changed_bundle(tmp_path):
    for name in ("decap-cms.pin.json", "decap-cms.js", "decap-cms.js.LICENSE.txt"):
        (tmp_path / name).write_bytes((ADMIN / name).read_bytes())
    assert vendor_decap.check(tmp_path) == []
    with open(tmp_path / "decap-cms.js", "ab") as handle:
        handle.write(b"\n// changed by hand\n")
    assert vendor_decap.check(tmp_path) == ["decap-cms.js: does not match the pinned decap-cms 3.16.3"]


def test_the_vendor_script_checks_from_the_command_line():
    result = subprocess.run([sys.executable, "tools/vendor_decap.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "OK", result.stderr


# The CI check of the one-repository shape --------------------------------------------

def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Biên tập", "-c", "user.email=bt@xa.vn", *args], cwd=repo, check=True,
                   capture_output=True)


def _commit(repo: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repository(tmp_path):
    repo = tmp_path / "cong-thong-tin"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"sites/an-binh/site.yaml": "name: An Bình\n", "sites/lac-thuy/site.yaml": "name: Lạc Thủy\n",
                   "README.md": "cổng\n"}, "đầu tiên")
    _git(repo, "checkout", "-q", "-b", "bien-tap/an-binh")
    return repo


def _check(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "check_site_change.py"), "--base", "main", *args],
                          cwd=repo, capture_output=True, text=True)


def test_a_branch_that_stays_in_its_sites_folder_passes(repository):
    _commit(repository, {"sites/an-binh/news/2026-11-20-tin.md": "---\ntitle: Tin\n---\n",
                         "sites/an-binh/images/anh.jpg": "x"}, "Tin mới")
    result = _check(repository, "--branch", "bien-tap/an-binh")
    assert result.returncode == 0 and "2" in result.stdout, result.stderr


def test_a_branch_that_touches_another_site_or_the_repository_fails_naming_them(repository):
    _commit(repository, {"sites/an-binh/news/a.md": "a", "sites/lac-thuy/news/b.md": "b", "README.md": "sửa\n"}, "x")
    result = _check(repository, "--branch", "bien-tap/an-binh")
    assert result.returncode == 1
    assert "sites/lac-thuy/news/b.md" in result.stderr and "README.md" in result.stderr
    assert "sites/an-binh/news/a.md" not in result.stderr


def test_a_rename_out_of_the_site_counts_on_both_sides(repository):
    _commit(repository, {"sites/an-binh/news/a.md": "a"}, "a")
    _git(repository, "checkout", "-q", "main")
    _git(repository, "merge", "-q", "bien-tap/an-binh")
    _git(repository, "checkout", "-q", "bien-tap/an-binh")
    _git(repository, "mv", "sites/an-binh/news/a.md", "sites/lac-thuy/a.md")
    _git(repository, "commit", "-q", "-m", "chuyển")
    result = _check(repository, "--site", "an-binh")
    assert result.returncode == 1 and "sites/lac-thuy/a.md" in result.stderr


def test_a_branch_not_named_as_a_sites_fails(repository):
    _commit(repository, {"sites/lac-thuy/news/b.md": "b"}, "b")
    for branch in ("sua-lac-thuy", "bien-tap/../lac-thuy", "bien-tap/lac-thuy/x", "khac/lac-thuy"):
        result = _check(repository, "--branch", branch)
        assert result.returncode == 1 and "không phải nhánh biên tập" in result.stderr, branch
    assert _check(repository, "--branch", "bien-tap/lac-thuy").returncode == 0
    assert _check(repository, "--branch", "xa/lac-thuy", "--pattern", "xa/{site}").returncode == 0
    assert _check(repository).returncode == 2
