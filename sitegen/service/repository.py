"""The content repository, written through Git's plumbing only.

The publishing service never checks a branch out to save: every save is a
commit made in a private index (a temporary GIT_INDEX_FILE) from blobs
written straight into the object store, and a branch moves only by a
compare-and-swap of its ref (`git update-ref REF NEW OLD`). So two editors
saving at once never share an index or a work tree, a running build never
sees a branch switch under it, and what a save acknowledged is in Git,
flushed to disk (core.fsync=all), whatever happens to the process next.

The work tree shows the main branch only, and only the builder moves it
(sync_work_tree), between two builds.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

ZERO = "0" * 40
GIT = ("git", "-c", "core.fsync=all", "-c", "core.fsyncMethod=fsync", "-c", "gc.auto=0",
       "-c", "core.quotePath=false", "-c", "commit.gpgSign=false")
BUILT_REF = "refs/sitegen/built"  # the commit the work tree holds (and the last build read)


class GitError(Exception):
    """A Git command failed: its words, for the log."""


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Commit:
    id: str
    parents: tuple[str, ...]
    author: str
    committer: str
    when: int  # seconds since the epoch (the committer's)
    message: str

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    def trailer(self, key: str) -> str:
        """The last 'Key: value' line of the message ('' if none)."""
        found = [line.split(":", 1)[1].strip() for line in self.message.splitlines()
                 if line.startswith(key + ":")]
        return found[-1] if found else ""


class Repository:
    def __init__(self, top: Path):
        self.top = Path(top)
        self.git_dir = Path(self.run("rev-parse", "--absolute-git-dir").decode().strip())

    @classmethod
    def containing(cls, folder: Path) -> tuple["Repository", str]:
        """The repository whose work tree holds folder, and folder's path in it ('' at the top)."""
        folder = Path(folder).resolve()
        try:
            top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], check=True,
                                 capture_output=True).stdout.decode().strip()
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            raise GitError(str(folder)) from error
        relative = folder.relative_to(Path(top).resolve()).as_posix()
        return cls(Path(top)), "" if relative == "." else relative

    def run(self, *args: str, input: bytes | None = None, env: dict | None = None, ok=(0,)) -> bytes:
        done = subprocess.run([*GIT, "-C", str(self.top), *args], input=input, capture_output=True,
                              env={**os.environ, "LC_ALL": "C", **(env or {})})
        if done.returncode not in ok:
            raise GitError(f"git {' '.join(args[:3])}: {done.stderr.decode('utf-8', 'replace').strip()}")
        return done.stdout

    # Reading -----------------------------------------------------------------------

    def resolve(self, ref: str) -> str | None:
        out = self.run("rev-parse", "--verify", "-q", ref + "^{commit}", ok=(0, 1)).decode().strip()
        return out or None

    def blob(self, commit: str, path: str) -> bytes | None:
        """A file's bytes at a commit, or None when it has no such file."""
        entry = self.run("ls-tree", "-z", commit, "--", path).split(b"\0")[0]
        if not entry or b" blob " not in entry.split(b"\t")[0]:
            return None
        return self.run("cat-file", "blob", entry.split(b"\t")[0].split()[2].decode())

    def blobs(self, ids: list[str]) -> dict[str, bytes]:
        """Many blobs' bytes from one Git process (a folder of 300 news is one call, not 300)."""
        if not ids:
            return {}
        out = self.run("cat-file", "--batch", input=("\n".join(ids) + "\n").encode())
        found, at = {}, 0
        while at < len(out):
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[header[0].decode()] = out[at:at + size]
                at += size + 1
        return found

    def files(self, commit: str, folder: str) -> dict[str, str]:
        """The files directly in a folder at a commit: name -> blob id."""
        found = {}
        for entry in self.run("ls-tree", "-z", commit, "--", folder.rstrip("/") + "/").split(b"\0"):
            if entry:
                meta, path = entry.split(b"\t", 1)
                mode, kind, blob = meta.decode().split()
                if kind == "blob" and mode in ("100644", "100755"):
                    found[path.decode("utf-8", "replace").rsplit("/", 1)[-1]] = blob
        return found

    def refs(self, prefix: str) -> dict[str, str]:
        out = self.run("for-each-ref", "--format=%(refname) %(objectname)", prefix).decode()
        return dict(line.split(" ", 1) for line in out.splitlines() if line)

    def changed(self, old: str, new: str) -> list[tuple[str, str]]:
        """(A|M|D, path) of every file that differs between two commits."""
        out = self.run("diff-tree", "-r", "-z", "--no-renames", "--name-status", old, new).split(b"\0")
        return [(out[i].decode(), out[i + 1].decode("utf-8", "replace")) for i in range(0, len(out) - 1, 2)]

    def merge_base(self, one: str, other: str) -> str | None:
        return self.run("merge-base", one, other, ok=(0, 1)).decode().strip() or None

    def commit_of(self, ref: str) -> Commit:
        raw = self.run("show", "-s", "--format=%H%x00%P%x00%an%x00%cn%x00%ct%x00%B", ref).decode("utf-8", "replace")
        id_, parents, author, committer, when, message = raw.split("\0", 5)
        return Commit(id_, tuple(parents.split()), author, committer, int(when), message.rstrip("\n"))

    def log(self, ref: str, paths: tuple[str, ...] = (), first_parent: bool = True, limit: int = 50) -> list[Commit]:
        args = ["log", f"-{limit}", "--format=%H"] + (["--first-parent"] if first_parent else []) + [ref, "--"]
        ids = self.run(*args, *paths).decode().split()
        return [self.commit_of(i) for i in ids]

    # Writing -----------------------------------------------------------------------

    def commit(self, parents: tuple[str, ...], changes: dict[str, bytes | None], message: str,
               author: Person, committer: Person, tree_of: str | None = None) -> str:
        """A new commit: the tree of tree_of (else the first parent) with changes
        applied (path -> bytes, or None to delete); its objects are on disk when it returns."""
        index = self.git_dir / f"sitegen-index-{uuid.uuid4().hex}"
        env = {"GIT_INDEX_FILE": str(index), "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
               "GIT_COMMITTER_NAME": committer.name, "GIT_COMMITTER_EMAIL": committer.email}
        try:
            base = tree_of or (parents[0] if parents else None)
            self.run("read-tree", base, env=env) if base else self.run("read-tree", "--empty", env=env)
            lines = []
            for path, data in sorted(changes.items()):
                if data is None:
                    lines.append(f"0 {ZERO}\t{path}")
                else:
                    blob = self.run("hash-object", "-w", "--stdin", input=data).decode().strip()
                    lines.append(f"100644 {blob}\t{path}")
            if lines:
                self.run("update-index", "--index-info", input=("\n".join(lines) + "\n").encode(), env=env)
            tree = self.run("write-tree", env=env).decode().strip()
            args = [a for parent in parents for a in ("-p", parent)]
            return self.run("commit-tree", tree, *args, "-F", "-", input=message.encode(), env=env).decode().strip()
        finally:
            index.unlink(missing_ok=True)

    def tree(self, commit: str) -> str:
        return self.run("rev-parse", commit + "^{tree}").decode().strip()

    def move(self, ref: str, new: str, old: str | None, why: str) -> bool:
        """Point ref at new if it still points at old (None: if it does not exist yet)."""
        self.run("update-ref", "-m", why, ref, new, old or ZERO, ok=(0, 1, 128))
        return self.resolve(ref) == new

    def delete(self, ref: str, old: str) -> bool:
        self.run("update-ref", "-d", ref, old, ok=(0, 1, 128))
        return self.resolve(ref) is None

    # The work tree -------------------------------------------------------------------

    def sync_work_tree(self, main: str) -> str | None:
        """Bring the work tree and index to the tip of main (only the builder calls this,
        between builds); the commit it now holds, or None when main does not exist."""
        tip = self.resolve(main)
        if tip is None:
            return None
        held = self.resolve(BUILT_REF)
        if held != tip:
            try:
                self.run("read-tree", "-m", "-u", held, tip)
            except GitError:  # interrupted before (a kill): the tree is the service's, take main's
                self.run("read-tree", "--reset", "-u", tip)
            self.run("update-ref", BUILT_REF, tip)
        return tip

    def main_branch(self) -> str:
        """The branch the work tree is on: the one that is published ('main', 'master' ...)."""
        name = self.run("symbolic-ref", "-q", "HEAD", ok=(0, 1)).decode().strip()
        if not name.startswith("refs/heads/"):
            raise GitError("HEAD is not on a branch")
        return name

    def adopt(self) -> None:
        """At the service's start: drop what a killed Git left behind (the service is
        the repository's only writer), and note the commit the work tree holds."""
        stale = [*(self.git_dir / "refs").rglob("*.lock"), *self.git_dir.glob("*.lock"),
                 *self.git_dir.glob("sitegen-index-*")]
        for path in stale:
            path.unlink(missing_ok=True)
        if self.resolve(BUILT_REF) is None:
            head = self.resolve("HEAD")
            if head:
                self.run("update-ref", BUILT_REF, head)

    def hand_edits(self, folder: str) -> dict[str, bytes | None]:
        """Files under folder that someone changed in the work tree by hand (or a kill
        left half-synced): path -> what the work tree holds (None: removed)."""
        held = self.resolve(BUILT_REF)
        if held is None:
            return {}
        scope = (folder or ".",)
        names = self.run("diff", "--name-only", "-z", held, "--", *scope).split(b"\0") + \
            self.run("ls-files", "-z", "--others", "--exclude-standard", "--", *scope).split(b"\0")
        found = {}
        for name in (n.decode("utf-8", "replace") for n in names if n):
            path = self.top / name
            found[name] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        return found
