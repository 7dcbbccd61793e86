"""Deploying the published portal: send only what changed, switch at once, roll back.

The destination (a folder here, or `host:path` over SSH) holds:

  DEST/releases/0001-20261201T080000Z/   one complete portal per deploy
  DEST/releases/.incoming/               the deploy under way
  DEST/current -> releases/0002-…        what the web server serves

A deploy copies the output into releases/.incoming with rsync, hard-linking
every file that equals the current release's (--link-dest), so only changed
files travel and unchanged ones take no space; then renames it to its
release name and swaps the `current` link in one rename(2). Killed or failed
before that rename, it leaves `current` (the live site) as it was, and the
next deploy carries on from what .incoming already holds. The newest releases
(and always the live one) are kept; a rollback points `current` back at the
release before it.

Every step on the destination is one short POSIX shell script, run with `sh`
here or over `ssh` there (GNU coreutils for `mv -T`), so a local destination
exercises the same steps as a remote one. The SSH command is RSYNC_RSH's,
as for rsync itself.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..messages.console import Said
from ..parallel import die_with_parent

RELEASES = "releases"
INCOMING = ".incoming"
CURRENT = "current"
_NAME = re.compile(r"^(\d{4,})-\d{8}T\d{6}Z$")


class DeployError(Said):
    """A deploy or rollback that did not happen; message(lang) says why."""


@dataclass(frozen=True)
class Destination:
    host: str | None  # None: this machine
    path: str

    @classmethod
    def parse(cls, text: str) -> "Destination":
        """rsync's rule: 'host:path' when a colon comes before any slash, else a local path."""
        head, colon, tail = text.partition(":")
        if colon and head and "/" not in head:
            if head.startswith("-"):  # ssh and rsync would take it as an option
                raise DeployError("deploy-not-host", host=head)
            return cls(head, tail or ".")
        return cls(None, "./" + text if text.startswith("-") else text)  # a path, never an option

    def rsync_path(self, relative: str) -> str:
        path = posixpath_join(self.path, relative)
        return f"{self.host}:{path}" if self.host else path

    def __str__(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path


def posixpath_join(base: str, relative: str) -> str:
    return base.rstrip("/") + "/" + relative if base else relative


@dataclass(frozen=True)
class Sent:
    """What a deploy sent (rsync's own counts)."""

    release: str
    files: int  # regular files sent
    bytes: int  # their size
    wire: int  # bytes that went over the wire (or the pipe)
    total_files: int  # regular files in the release
    total_bytes: int
    removed: tuple[str, ...]  # old releases deleted


@dataclass(frozen=True)
class State:
    current: str | None  # the live release's name
    releases: tuple[str, ...]  # every release, oldest first
    top: str = ""  # the destination folder's absolute path on its machine


def _ssh() -> list[str]:
    return shlex.split(os.environ.get("RSYNC_RSH") or "ssh")


def _run(dest: Destination, script: str, *args: str) -> str:
    """Run a shell script on the destination's machine; its output, or DeployError."""
    if dest.host is None:
        command = ["sh", "-c", script, "sitegen", *args]
    else:
        remote = " ".join(shlex.quote(part) for part in ("sh", "-c", script, "sitegen", *args))
        command = [*_ssh(), "--", dest.host, remote]  # the host is never read as an option
    try:
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except OSError as error:
        raise DeployError("deploy-cannot-run", command=command[0], reason=error.strerror) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-800:]
        raise DeployError("deploy-failed-on", dest=dest, detail=detail)
    return done.stdout


_STATE = r'''
if [ ! -d "$1" ]; then
    [ "$2" = make ] || exit 0
    mkdir -p "$1" || exit 1
fi
cd "$1" || exit 1
[ "$2" = make ] && { mkdir -p releases || exit 1; }
printf 'top\t%s\n' "$(pwd -P)"
printf 'current\t%s\n' "$(readlink current 2>/dev/null)"
for found in releases/*; do
    [ -d "$found" ] && [ ! -L "$found" ] && printf 'release\t%s\n' "${found#releases/}"
done
exit 0
'''

# Point `current` at release $2 in one rename: the live site never sees a half-made link.
_SWAP = r'''rm -f .current.new
ln -s "releases/$2" .current.new
mv -T .current.new current
'''

# Rename the finished copy to its release name, make it durable, then swap the link.
_FINISH = r'''
set -e
cd "$1"
mv -T releases/.incoming "releases/$2"
sync -f "releases/$2" 2>/dev/null || sync
''' + _SWAP

_SWITCH = r'''
set -e
cd "$1"
[ -d "releases/$2" ]
''' + _SWAP

_REMOVE = r'''
set -e
cd "$1/releases"
shift
for name in "$@"; do rm -rf -- "./$name"; done
'''


def state(dest: Destination, make: bool = False) -> State:
    current, releases, top = None, [], ""
    for line in _run(dest, _STATE, dest.path, "make" if make else "look").splitlines():
        kind, _, value = line.partition("\t")
        if kind == "top":
            top = value
        elif kind == "current" and value:
            current = value.rstrip("/").rsplit("/", 1)[-1]
        elif kind == "release" and _NAME.match(value):
            releases.append(value)
    return State(current, tuple(sorted(releases, key=_order)), top)


def _order(name: str) -> tuple[int, str]:
    return int(_NAME.match(name).group(1)), name


def next_name(known: tuple[str, ...], now: datetime | None = None) -> str:
    number = max((_order(name)[0] for name in known), default=0) + 1
    now = now or datetime.now(timezone.utc)
    return f"{number:04d}-{now.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"


def deploy(out: Path, dest: Destination, keep: int) -> Sent:
    """Send the output folder to dest as a new release and make it live.

    The output's lock is held throughout: no build swaps the output while it is read."""
    from ..publish.staging import MARKER, PublishError, lock_output

    rsync = shutil.which("rsync")
    if rsync is None:
        raise DeployError("deploy-no-rsync")
    if not (out / MARKER).is_file():
        raise DeployError("deploy-not-built", out=out)
    try:
        lock = lock_output(out)
    except PublishError:
        raise DeployError("deploy-busy", out=out) from None
    try:
        return _send(rsync, out, dest, keep)
    finally:
        if lock is not None:
            lock.close()


def _send(rsync: str, out: Path, dest: Destination, keep: int) -> Sent:
    before = state(dest, make=True)
    name = next_name(before.releases)
    # --hard-links: the files every site publishes alike (the theme's, the admin pages' 5 MB CMS)
    # are one file in the output; they travel once and stay one file on the server.
    command = [rsync, "--recursive", "--links", "--hard-links", "--perms", "--times", "--chmod=D755,F644",
               "--delete", "--stats", "--no-human-readable"]
    if before.current in before.releases:
        # Absolute: Debian's rsync since its CVE-2024-12086 fix refuses a basis path with '../'
        # ("failed verification -- update discarded", RsyncProject/rsync#928).
        command.append(f"--link-dest={posixpath_join(before.top, RELEASES)}/{before.current}"
                       if before.top.startswith("/") else f"--link-dest=../{before.current}")
    if dest.host is not None:
        command += ["--rsh", " ".join(shlex.quote(part) for part in _ssh())]
    command += [str(out).rstrip("/") + "/", dest.rsync_path(f"{RELEASES}/{INCOMING}/")]
    # rsync dies with this process: a deploy stopped by the webmaster (or killed) stops copying.
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          env={**os.environ, "LC_ALL": "C"}, preexec_fn=die_with_parent)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-800:]
        raise DeployError("deploy-rsync-stopped", status=done.returncode, detail=f"\n{detail}" if detail else "")
    stats = _stats(done.stdout)
    _run(dest, _FINISH, dest.path, name)
    removed = prune(dest, keep, name)
    return Sent(name, stats.get("Number of regular files transferred", 0),
                stats.get("Total transferred file size", 0), stats.get("Total bytes sent", 0),
                stats.get("reg", 0), stats.get("Total file size", 0), removed)


def prune(dest: Destination, keep: int, live: str) -> tuple[str, ...]:
    """Delete all but the newest `keep` releases, never the live one."""
    known = state(dest).releases
    kept = set(known[-keep:]) | {live}
    gone = tuple(name for name in known if name not in kept)
    if gone:
        _run(dest, _REMOVE, dest.path, *gone)
    return gone


def rollback(dest: Destination) -> tuple[str, str]:
    """Make the release before the live one live again: (from, to)."""
    found = state(dest)
    if found.current is None or found.current not in found.releases:
        raise DeployError("deploy-nothing-live", dest=dest)
    earlier = [name for name in found.releases if _order(name) < _order(found.current)]
    if not earlier:
        raise DeployError("deploy-no-earlier", current=found.current, dest=dest)
    _run(dest, _SWITCH, dest.path, earlier[-1])
    return found.current, earlier[-1]


def _stats(text: str) -> dict[str, int]:
    """rsync --stats lines ('Number of regular files transferred: 12') as numbers."""
    found: dict[str, int] = {}
    for line in text.splitlines():
        label, colon, value = line.partition(":")
        number = re.match(r"\s*([\d,.]+)", value) if colon else None
        if number:
            found[label.strip()] = int(re.sub(r"[,.]", "", number.group(1)))
        files = re.search(r"\breg: ([\d,.]+)", line) if label.strip() == "Number of files" else None
        if files:
            found["reg"] = int(re.sub(r"[,.]", "", files.group(1)))
    return found
