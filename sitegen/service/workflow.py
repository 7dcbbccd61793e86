"""Entries under review: Decap's editorial workflow, one branch per entry.

An entry under review lives on its own branch, refs/heads/cms/<site>/<collection>/<slug>
(the site in the name: every site's admin page has a collection 'news'),
made from the published branch when it is first saved. Each save, and each
change of status, is one more commit on it; its status is the last commit's
'Status:' line (draft, pending_review, pending_publish), so a status is as
durable as a save and a branch holds its whole story.

Publishing applies the entry's own changes (from where it branched off) onto
the published branch as it is now, in a merge commit whose author is the
writer and whose committer is the approver, named in its message too. A
file that someone else published meanwhile in another way is a conflict:
refused, nothing changes, the editor saves again over what is now published.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from ..editing.backend import BackendError
from .editors import User
from .repository import Person
from .saving import entry_changes
from .store import Store, person

STATUSES = ("draft", "pending_review", "pending_publish")
STATUS_WORDS = {"draft": "Bản nháp", "pending_review": "Gửi duyệt", "pending_publish": "Sẵn sàng đăng"}
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")
PREFIX = "refs/heads/cms/"


class Workflow:
    ACTIONS = {name: "_" + name for name in (
        "unpublishedEntries", "unpublishedEntry", "unpublishedEntryDataFile", "unpublishedEntryMediaFile",
        "updateUnpublishedEntryStatus", "publishUnpublishedEntry", "deleteUnpublishedEntry", "getNotes",
        "getPRMetadata")}

    def __init__(self, store: Store, site: str, user: User, review: bool):
        self.store = store
        self.site = site
        self.user = user
        self.review = review

    # Names -------------------------------------------------------------------------

    def ref(self, collection: object, slug: object) -> str:
        if not (isinstance(collection, str) and NAME.fullmatch(collection) and isinstance(slug, str)
                and NAME.fullmatch(slug) and ".." not in slug and not slug.endswith(".lock")):
            raise BackendError(400, "service-bad-entry", collection=collection, slug=slug)
        return f"{PREFIX}{self.site}/{collection}/{slug}"

    def _key(self, params: dict) -> tuple[str, str]:
        collection, slug = params.get("collection"), params.get("slug")
        # Decap sends an entry's id ('news/slug') alone, or beside collection and slug a file's id (its path)
        if (collection is None or slug is None) and isinstance(params.get("id"), str) and "/" in params["id"]:
            collection, slug = params["id"].split("/", 1)
        return collection, slug

    def _existing(self, params: dict) -> tuple[str, str]:
        ref = self.ref(*self._key(params))
        tip = self.store.repo.resolve(ref)
        if tip is None:
            raise BackendError(404, "service-no-entry", slug=self._key(params)[1])
        return ref, tip

    def status(self, tip: str) -> str:
        found = self.store.repo.commit_of(tip).trailer("Status")
        return found if found in STATUSES else "draft"

    def _base(self, tip: str) -> str:
        return self.store.repo.merge_base(tip, self.store.repo.resolve(self.store.main)) or tip

    def _writers(self, base: str, tip: str) -> list[Person]:
        # '-- .': only the commits that changed a file (a change of status writes nothing)
        out = self.store.repo.run("log", "--reverse", "--format=%an%x00%ae", f"{base}..{tip}", "--", ".").decode()
        found = []
        for line in out.splitlines():
            name, email = line.split("\0", 1)
            if Person(name, email) not in found:
                found.append(Person(name, email))
        return found

    # Reading -----------------------------------------------------------------------

    def _unpublishedEntries(self, params: dict) -> list[str]:
        prefix = f"{PREFIX}{self.site}/"
        return sorted(ref[len(prefix):] for ref in self.store.repo.refs(prefix))

    def _unpublishedEntry(self, params: dict) -> dict:
        collection, slug = self._key(params)
        ref, tip = self._existing(params)
        base = self._base(tip)
        diffs = []
        for status, path in self.store.repo.changed(base, tip):
            if status != "D":  # a renamed entry's old name: removed when it is published
                shown = self.store.config_path(self.site, path)
                diffs.append({"id": shown, "path": shown, "newFile": status == "A", "status": status,
                              "binary": not path.endswith((".md", ".yaml", ".yml"))})
        commit = self.store.repo.commit_of(tip)
        writers = self._writers(base, tip)
        return {"collection": collection, "slug": slug, "status": self.status(tip), "diffs": diffs,
                "updatedAt": datetime.fromtimestamp(commit.when, timezone.utc).isoformat(),
                "pullRequestAuthor": writers[0].name if writers else commit.author}

    def _file(self, params: dict) -> tuple[str, bytes]:
        _ref, tip = self._existing(params)
        path = self.store.git_path(self.site, params.get("path"))
        data = self.store.repo.blob(tip, path)
        if data is None:
            raise BackendError(404, "service-no-file", name=params.get("path"))
        return path, data

    def _unpublishedEntryDataFile(self, params: dict) -> dict:
        return {"data": self._file(params)[1].decode("utf-8", "replace")}

    def _unpublishedEntryMediaFile(self, params: dict) -> dict:
        import base64
        import hashlib

        path, data = self._file(params)
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": self.store.config_path(self.site, path), "name": path.rsplit("/", 1)[1]}

    def _getNotes(self, params: dict) -> dict:
        return {"notes": []}

    def _getPRMetadata(self, params: dict) -> dict:
        ref, tip = self._existing(params)
        writers = self._writers(self._base(tip), tip)
        first = self.store.repo.commit_of(tip)
        return {"metadata": {"id": ref[len(PREFIX):], "url": "", "author": writers[0].name if writers else "",
                             "createdAt": datetime.fromtimestamp(first.when, timezone.utc).isoformat()}}

    # Writing -----------------------------------------------------------------------

    def save(self, params: dict, options: dict) -> dict:
        """persistEntry with useWorkflow: one more commit on the entry's branch."""
        files = params.get("dataFiles") or []
        slug = files[0].get("slug") if files and isinstance(files[0], dict) else params.get("slug")
        ref = self.ref(options.get("collectionName"), slug)
        changes, title = entry_changes(self.store, self.site, params)
        repo = self.store.repo
        with self.store.entry_lock(ref):
            tip = repo.resolve(ref)
            parent = tip or repo.resolve(self.store.main)
            status = self.status(tip) if tip else str(options.get("status") or "draft")
            if status not in STATUSES:
                status = "draft"
            if tip and status == "pending_publish" and not self.user.approver:
                status = "pending_review"  # changed after it was made ready: it needs another look
            if tip:
                changes.update(self._dropped_uploads(tip, changes))
            message = f"Lưu {title}\n\nSite: {self.site}\nStatus: {status}"
            made = repo.commit((parent,), changes, message, person(self.user), person(self.user))
            if not repo.move(ref, made, tip, message.split("\n", 1)[0]):
                raise BackendError(409, "service-busy")
        return {"message": "entry persisted"}

    def _dropped_uploads(self, tip: str, changes: dict) -> dict[str, bytes | None]:
        """Pictures and files the entry held that its new version no longer has: back as published."""
        base = self._base(tip)
        dropped = {}
        for status, path in self.store.repo.changed(base, tip):
            if status != "D" and path not in changes and not path.endswith((".md", ".yaml", ".yml")):
                dropped[path] = self.store.repo.blob(base, path)
        return dropped

    def _updateUnpublishedEntryStatus(self, params: dict) -> dict:
        wanted = params.get("newStatus")
        if wanted not in STATUSES:
            raise BackendError(400, "service-bad-status", status=wanted)
        if wanted == "pending_publish" and not self.user.approver:
            raise BackendError(403, "service-editor-cannot-approve", user=self.user.name)
        ref, _tip = self._existing(params)
        with self.store.entry_lock(ref):
            tip = self.store.repo.resolve(ref)
            message = f"{STATUS_WORDS[wanted]}: {self._key(params)[1]}\n\nSite: {self.site}\nStatus: {wanted}"
            made = self.store.repo.commit((tip,), {}, message, person(self.user), person(self.user))
            if not self.store.repo.move(ref, made, tip, message.split("\n", 1)[0]):
                raise BackendError(409, "service-busy")
        return {"message": f"status: {wanted}"}

    def _deleteUnpublishedEntry(self, params: dict) -> dict:
        ref, _tip = self._existing(params)
        with self.store.entry_lock(ref):
            self.store.repo.delete(ref, self.store.repo.resolve(ref))
        return {"message": "deleted"}

    def _publishUnpublishedEntry(self, params: dict) -> dict:
        if not self.user.approver:
            raise BackendError(403, "service-editor-cannot-publish", user=self.user.name)
        ref, _tip = self._existing(params)
        repo = self.store.repo
        with self.store.entry_lock(ref), self.store.main_lock:
            tip, main = repo.resolve(ref), repo.resolve(self.store.main)
            base = repo.merge_base(tip, main) or main
            changes = {}
            for _status, path in repo.changed(base, tip):
                if not self.store.owns(self.site, path):
                    raise BackendError(403, "service-not-own", name=path)
                mine, now, then = repo.blob(tip, path), repo.blob(main, path), repo.blob(base, path)
                if now != then and now != mine:
                    raise BackendError(409, "service-conflict", name=path.rsplit("/", 1)[1])
                changes[path] = mine
            writers = self._writers(base, tip) or [person(self.user)]
            message = (f"Đăng {self._key(params)[1]}\n\nNgười viết: {', '.join(w.name for w in writers)}\n"
                       f"Người duyệt: {self.user.full_name or self.user.name}\nSite: {self.site}\n"
                       f"Approved-by: {person(self.user).name} <{person(self.user).email}>")
            made = repo.commit((main, tip), changes, message, writers[0], person(self.user), tree_of=main)
            if not repo.move(self.store.main, made, main, message.split("\n", 1)[0]):
                raise BackendError(409, "service-busy")
            repo.delete(ref, tip)
        self.store.changed(self.site)
        return {"message": "published"}
