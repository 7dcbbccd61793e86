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
