#!/usr/bin/env python3
"""Fetch the pinned Decap CMS bundle into themes/default/admin/, or check it.

The admin page of every site runs Decap CMS from the portal's own origin. The
npm package ships the built bundle, so no Node build is needed: this script
takes only what the admin page loads (dist/decap-cms.js and its licence
notices), not the 96 lazily loaded chunks (CodeMirror language modes of the
`code` widget, the WebP encoder), the .wasm files or the source maps.

    python tools/vendor_decap.py                    # fetch the pinned version again
    python tools/vendor_decap.py --version 3.17.0   # move to another version
    python tools/vendor_decap.py --check            # check the shipped files (no network)

Fetching needs npm (the registry's own client): `npm view` gives the
registry's sha512 integrity of the package tarball, `npm pack` downloads it,
and the tarball is checked against that integrity here too. When the version
does not change, the integrity must also equal the one recorded in the pin
file: a tarball republished under the same version is refused. The pin file
(decap-cms.pin.json) records the version, the tarball's integrity and the
sha512 of each shipped file; tests/test_cms_admin.py checks the shipped files
against it without any network.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "decap-cms"
ADMIN = Path(__file__).resolve().parents[1] / "themes" / "default" / "admin"
PIN = ADMIN / "decap-cms.pin.json"
SHIPPED = ("dist/decap-cms.js", "dist/decap-cms.js.LICENSE.txt")


def integrity(data: bytes) -> str:
    """Subresource-integrity form of a sha512 digest, as npm records it."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def load_pin(path: Path = PIN) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def check(folder: Path = ADMIN) -> list[str]:
    """What differs between the shipped files and their pin ([] when they match)."""
    pin = load_pin(folder / PIN.name)
    problems = []
    for name, expected in pin["files"].items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif integrity(path.read_bytes()) != expected:
            problems.append(f"{name}: does not match the pinned {pin['package']} {pin['version']}")
    bundle = folder / "decap-cms.js"
    if bundle.is_file() and f'"{pin["package"]} {pin["version"]}"'.encode() not in bundle.read_bytes():
        problems.append(f"decap-cms.js does not announce version {pin['version']}")
    return problems


def _npm(*args: str, cwd: Path) -> str:
    result = subprocess.run(["npm", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"npm {' '.join(args)} failed:\n{result.stderr.strip()}")
    return result.stdout


def fetch(version: str) -> None:
    pinned = load_pin() if PIN.is_file() else {}
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        wanted = json.loads(_npm("view", f"{PACKAGE}@{version}", "dist.integrity", "--json", cwd=work))
        if pinned.get("version") == version and pinned.get("integrity") != wanted:
            sys.exit(f"the registry's integrity of {PACKAGE}@{version} is not the pinned one:\n"
                     f"  registry {wanted}\n  pinned   {pinned.get('integrity')}")
        name = _npm("pack", f"{PACKAGE}@{version}", "--silent", cwd=work).strip().splitlines()[-1]
        tarball = (work / name).read_bytes()
        if integrity(tarball) != wanted:
            sys.exit(f"{name}: sha512 does not match the registry's integrity {wanted}")
        files = {}
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for member in SHIPPED:
                data = archive.extractfile(f"package/{member}").read()
                target = ADMIN / Path(member).name
                target.write_bytes(data)
                files[target.name] = integrity(data)
                print(f"{target.relative_to(ADMIN.parents[2])}: {len(data):,} bytes")
    PIN.write_text(json.dumps({
        "package": PACKAGE, "version": version, "integrity": wanted, "files": files,
        "rebuild": "python tools/vendor_decap.py" + ("" if version == pinned.get("version") else
                                                     f" --version {version}"),
    }, indent=2) + "\n", encoding="utf-8")
    print(f"pinned {PACKAGE} {version} ({wanted})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", help="the version to fetch (default: the pinned one)")
    parser.add_argument("--check", action="store_true", help="only check the shipped files")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for line in problems:
            print(line, file=sys.stderr)
        print("OK" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    fetch(args.version or load_pin()["version"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
