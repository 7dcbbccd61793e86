"""One site's desk for one user: the actions of Decap CMS's proxy protocol.

Decap, configured with `backend: {name: proxy, proxy_url: /__sitegen/service/<site>}`,
sends every read and write as a POST of {"action", "params"} (see
editing/backend.py for the protocol, decap-server's git mode for the editorial
workflow). This answers them over the content repository (store.Store), as
the user may:

* everyone in the editors file reads its own sites' published content;
* an editor writes only into entries under review (its own sites' content
  folders) and moves them between draft and "waiting for review";
* an approver also publishes, writes straight to the published branch
  (pictures of the media library, deletions) and undoes a publication;
* with the root's `review: false` an editor writes straight to the published branch too.

Every refusal is a BackendError with the catalogue's words, and changes nothing.
"""

from __future__ import annotations

import base64
import hashlib

from ..editing.backend import BackendError
from .editors import User
from .saving import entry_changes, upload
from .store import Store
from .workflow import Workflow

LISTED_MEDIA = 2000  # pictures sent to the media library at most (the newest names last)


class Desk:
    def __init__(self, store: Store, site: str, user: User, review: bool):
        self.store = store
        self.site = site
        self.user = user
        self.review = review
        self.workflow = Workflow(store, site, user, review)

    ACTIONS = {name: "_" + name for name in (
        "info", "entriesByFolder", "entriesByFiles", "getEntry", "getMedia", "getMediaFile", "getDeployPreview",
        "persistEntry", "persistMedia", "deleteFile", "deleteFiles")}

    def call(self, action: object, params: object) -> object:
        params = params if isinstance(params, dict) else {}
        for owner in (self, self.workflow):
            method = owner.ACTIONS.get(action) if isinstance(action, str) else None
            if method:
                return getattr(owner, method)(params)
        raise BackendError(422, "backend-unknown-action", action=action)

    # Reading the published branch -------------------------------------------------------

    def _tip(self) -> str:
        return self.store.repo.resolve(self.store.main)

    def _entry(self, tip: str, name: object, label: object = None) -> dict:
        path = self.store.git_path(self.site, name)
        data = self.store.repo.blob(tip, path)
        if data is None:
            return {"data": None, "file": {"path": name, "label": label, "id": None}}
        return {"data": data.decode("utf-8", "replace"),
                "file": {"path": self.store.config_path(self.site, path), "label": label,
                         "id": hashlib.sha256(data).hexdigest()}}

    def _info(self, params: dict) -> dict:
        modes = ["editorial_workflow"] if self.review else ["simple", "editorial_workflow"]
        return {"repo": self.site, "publish_modes": modes, "type": "sitegen_service"}

    def _entriesByFolder(self, params: dict) -> list:
        folder = self.store.git_path(self.site, params.get("folder"), file=False)
        suffix = "." + str(params.get("extension") or "md").lstrip(".")
        files = {n: blob for n, blob in self.store.repo.files(self._tip(), folder).items()
                 if n.endswith(suffix) and not n.startswith(".")}
        data = self.store.repo.blobs(list(files.values()))
        return [{"data": data[files[n]].decode("utf-8", "replace"),
                 "file": {"path": self.store.config_path(self.site, f"{folder}/{n}"), "label": None,
                          "id": hashlib.sha256(data[files[n]]).hexdigest()}} for n in sorted(files)]

    def _entriesByFiles(self, params: dict) -> list:
        tip = self._tip()
        return [self._entry(tip, f.get("path"), f.get("label")) for f in params.get("files") or []
                if isinstance(f, dict)]

    def _getEntry(self, params: dict) -> dict:
        return self._entry(self._tip(), params.get("path"))

    def _media(self, path: str, data: bytes) -> dict:
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": self.store.config_path(self.site, path), "name": path.rsplit("/", 1)[1]}

    def _getMedia(self, params: dict) -> list:
        tip = self._tip()
        folder = self.store.git_path(self.site, params.get("mediaFolder"), file=False)
        files = self.store.repo.files(tip, folder)
        names = sorted(files)[-LISTED_MEDIA:]
        data = self.store.repo.blobs([files[n] for n in names])
        return [self._media(f"{folder}/{n}", data[files[n]]) for n in names]

    def _getMediaFile(self, params: dict) -> dict:
        path = self.store.git_path(self.site, params.get("path"))
        data = self.store.repo.blob(self._tip(), path)
        if data is None:
            raise BackendError(404, "service-no-file", name=params.get("path"))
        return self._media(path, data)

    def _getDeployPreview(self, params: dict) -> None:
        return None

    # Writing the published branch ---------------------------------------------------------

    def _may_publish(self) -> None:
        if self.review and not self.user.approver:
            raise BackendError(403, "service-editor-cannot-publish", user=self.user.name)

    def _persistEntry(self, params: dict) -> dict:
        options = params.get("options") if isinstance(params.get("options"), dict) else {}
        if options.get("useWorkflow"):
            return self.workflow.save(params, options)
        self._may_publish()
        changes, title = entry_changes(self.store, self.site, params)
        self.store.commit_main(self.site, changes, f"Lưu {title}\n\nSite: {self.site}", self.user)
        return {"message": "entry persisted"}

    def _persistMedia(self, params: dict) -> dict:
        self._may_publish()
        asset = params.get("asset")
        path, data = upload(self.store, self.site, asset)
        self.store.commit_main(self.site, {path: data}, f"Tải lên {path.rsplit('/', 1)[1]}\n\nSite: {self.site}",
                               self.user)
        return self._media(path, data)

    def _deleteFile(self, params: dict) -> dict:
        return self._deleteFiles({"paths": [params.get("path")]})

    def _deleteFiles(self, params: dict) -> dict:
        self._may_publish()
        paths = [self.store.git_path(self.site, n) for n in params.get("paths") or []]
        if not paths:
            raise BackendError(400, "backend-no-path")
        names = ", ".join(p.rsplit("/", 1)[1] for p in paths)
        self.store.commit_main(self.site, {p: None for p in paths}, f"Xóa {names}\n\nSite: {self.site}", self.user)
        return {"message": "deleted"}
