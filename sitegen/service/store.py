"""What every site's desk shares: the content repository, where the sites'
folders are in it, which folders the CMS may touch, and the locks.

Paths come in as the admin page's configuration names them
('sites/an-lac/news/x.md', outputs/cms.py) and are checked by the same rule
as the preview's local back end (editing.backend.site_parts): the site's own
folder, one of the folders the CMS edits, no hidden file, no '..'.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from ..editing.backend import BackendError, site_parts
from ..outputs.cms import REPOSITORY_FOLDER
from .editors import User
from .repository import Person, Repository

TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")
EMAIL_DOMAIN = "sitegen.invalid"  # for users whose editors-file entry has no e-mail


@dataclass
class Store:
    repo: Repository
    main: str  # the published branch's ref: 'refs/heads/main'
    base: str  # the sites' folder in the repository ('sites', or '' when it is the top)
    editable: frozenset[str]  # the site sub-folders the CMS edits (news, images ...)
    changed: Callable[[str], None] = lambda site: None  # told after each commit to main, with the site
    main_lock: threading.Lock = field(default_factory=threading.Lock)
    _guard: threading.Lock = field(default_factory=threading.Lock)
    _entry_locks: dict = field(default_factory=lambda: defaultdict(threading.Lock))

    def entry_lock(self, ref: str) -> threading.Lock:
        with self._guard:
            return self._entry_locks[ref]

    # Paths -------------------------------------------------------------------------

    def folder(self, site: str) -> str:
        """The site's folder in the repository."""
        return f"{self.base}/{site}" if self.base else site

    def git_path(self, site: str, name: object, file: bool = True) -> str:
        """The repository path of a configuration's path, which must be the site's own."""
        parts = site_parts(name, f"{REPOSITORY_FOLDER}/{site}/", self.editable)
        if file and len(parts) < 2:
            raise BackendError(403, "backend-outside", name=name, prefix=f"{REPOSITORY_FOLDER}/{site}/",
                               folders=", ".join(sorted(self.editable)))
        return self.folder(site) + "/" + "/".join(parts)

    def config_path(self, site: str, git_path: str) -> str:
        return f"{REPOSITORY_FOLDER}/{site}/" + git_path[len(self.folder(site)) + 1:]

    def owns(self, site: str, git_path: str) -> bool:
        """A path of the site's own folders the CMS edits (a commit to undo must touch only those)."""
        inside = git_path.startswith(self.folder(site) + "/")
        parts = git_path[len(self.folder(site)) + 1:].split("/") if inside else []
        return len(parts) >= 2 and parts[0] in self.editable

    # Committing to the published branch ----------------------------------------------------

    def commit_main(self, site: str, changes: dict[str, bytes | None], message: str, author: User,
                    committer: User | None = None, merged: str | None = None) -> str:
        """One commit on the published branch (a merge of merged when given); the builder is told."""
        with self.main_lock:
            tip = self.repo.resolve(self.main)
            parents = (tip, merged) if merged else (tip,)
            made = self.repo.commit(parents, changes, message, person(author), person(committer or author),
                                    tree_of=tip)
            if not self.repo.move(self.main, made, tip, message.split("\n", 1)[0]):
                raise BackendError(409, "service-busy")
        self.changed(site)
        return made


def person(user: User) -> Person:
    return Person(user.full_name or user.name, user.email or f"{user.name}@{EMAIL_DOMAIN}")


def normal_text(path: str, data: bytes) -> bytes:
    """Markdown and YAML in NFC (Vietnamese typed on macOS is NFD)."""
    if path.lower().endswith(TEXT_SUFFIXES):
        return unicodedata.normalize("NFC", data.decode("utf-8", "replace")).encode("utf-8")
    return data
