"""The admin page's local back end: Decap CMS's proxy protocol over one site's folder.

Decap CMS, configured with `backend: {name: proxy, proxy_url: ...}`, sends
every read and write as `POST proxy_url` with a JSON body
`{"action": ..., "params": {...}, "branch": ...}` and expects JSON back, or
`{"error": message}` with a 4xx/5xx status, which it shows in a toast. This
answers those requests as decap-server's "local fs" mode does
(packages/decap-server/src/middlewares/localFs, decap-server 3.11), for one
site, and more strictly:

* every path must lie in the site's own folder, under the folders the CMS
  edits (the kinds' folders, images/, files/): no site.yaml, no templates/,
  no other site, no '..', no hidden file, no symbolic link leading out;
* Markdown and YAML are written in NFC (Vietnamese typed on macOS is NFD);
* every file is written whole or not at all (a temporary file renamed over
  it), so the preview's watcher never builds half a file.

Paths are those of the site's configuration: 'sites/<folder>/news/x.md',
relative to the repository root (outputs/cms.py), whatever the folder the
site lives in on this machine.

Actions (publish mode "simple"):
  info              -> {"repo", "publish_modes": ["simple"], "type": "local_fs"}
  entriesByFolder   {folder, extension, depth} -> [{"data": text, "file": {"path", "label", "id"}}]
  entriesByFiles    {files: [{path, label?}]}  -> the same list
  getEntry          {path}                     -> one entry (data null when there is no such file)
  persistEntry      {dataFiles: [{path, raw, newPath?}], assets: [{path, content, encoding}]}
  getMedia          {mediaFolder}              -> [{"id", "content" (base64), "encoding", "path", "name"}]
  getMediaFile      {path}                     -> one of those
  persistMedia      {asset: {path, content, encoding}} -> the file as getMediaFile gives it
  deleteFile        {path}; deleteFiles {paths}
  getDeployPreview  -> null
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import posixpath
import unicodedata
from pathlib import Path

from ..content import find_site
from ..content.kind import Registry
from ..content.paths import FILES, PICTURES
from ..messages.console import Said
from ..outputs.cms import REPOSITORY_FOLDER, editable

TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")


class BackendError(Said):
    """A request the back end refuses: an HTTP status and a message for the editor."""

    def __init__(self, status: int, code: str, **values: object):
        super().__init__(code, **values)
        self.status = status


def site_parts(name: object, prefix: str, editable: frozenset[str]) -> list[str]:
    """A path of a site's configuration ('sites/an-binh/news/x.md', prefix 'sites/an-binh/')
    as its parts in the site's folder (['news', 'x.md']): the first one of the folders
    the CMS edits, no hidden file, no '..'; else BackendError (403)."""
    if not isinstance(name, str) or not name.strip():
        raise BackendError(400, "backend-no-path")
    text = unicodedata.normalize("NFC", name.replace("\\", "/")).lstrip("/")
    normal = posixpath.normpath(text)
    inside = normal.startswith(prefix)
    parts = normal[len(prefix):].split("/") if inside else []
    if not inside or not parts or parts[0] not in editable or \
            any(p in ("", ".", "..") or p.startswith(".") for p in parts) or "\x00" in normal:
        raise BackendError(403, "backend-outside", name=name, prefix=prefix, folders=", ".join(sorted(editable)))
    return parts


class LocalBackend:
    def __init__(self, folder: Path, prefix: str, editable: frozenset[str]):
        """folder: the site's folder on this machine; prefix: how the configuration
        names it ('sites/an-binh/'); editable: its sub-folders the CMS may touch."""
        self.folder = Path(folder)
        self.root = self.folder.resolve()
        self.prefix = prefix.strip("/") + "/"
        self.editable = editable

    # Paths ----------------------------------------------------------------------

    def path(self, name: object) -> Path:
        """The file for a path of the configuration, which must be the site's own."""
        found = self.folder.joinpath(*site_parts(name, self.prefix, self.editable))
        try:
            real = found.resolve()  # through any symbolic link, of the file or a folder above it
        except (OSError, RuntimeError):
            real = Path("/")
        if not real.is_relative_to(self.root):
            raise BackendError(403, "backend-escape", name=name)
        return found

    def _name(self, path: Path) -> str:
        return self.prefix + path.relative_to(self.folder).as_posix()

    def _files(self, folder: object, suffix: str) -> list[Path]:
        """The files directly in one of the site's folders, by name (the kinds' folders are flat)."""
        base = self.path(folder)
        try:
            names = sorted(entry.name for entry in os.scandir(base) if entry.is_file(follow_symlinks=False))
        except OSError:
            return []
        return [base / n for n in names if not n.startswith((".", "~")) and n.endswith(suffix)]

    # Reading ----------------------------------------------------------------------

    def _entry(self, name: str, label: object = None) -> dict:
        path = self.path(name)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return {"data": None, "file": {"path": name, "label": label, "id": None}}
        return {"data": data.decode("utf-8", "replace"),
                "file": {"path": self._name(path), "label": label, "id": hashlib.sha256(data).hexdigest()}}

    def _media(self, path: Path) -> dict:
        data = path.read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": self._name(path), "name": path.name}

    # Writing ----------------------------------------------------------------------

    def _write(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        if path.suffix.lower() in TEXT_SUFFIXES:
            text = data.decode("utf-8", "replace")
            data = unicodedata.normalize("NFC", text).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()
        return path

    @staticmethod
    def _decoded(asset: object) -> bytes:
        if not isinstance(asset, dict) or asset.get("encoding", "base64") != "base64":
            raise BackendError(400, "backend-not-base64")
        try:
            return base64.b64decode(asset.get("content") or "", validate=True)
        except (binascii.Error, ValueError):
            raise BackendError(400, "backend-corrupt")

    # The protocol -------------------------------------------------------------------

    def call(self, action: object, params: object) -> object:
        params = params if isinstance(params, dict) else {}
        if action == "info":
            return {"repo": self.folder.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            suffix = "." + str(params.get("extension") or "md").lstrip(".")
            return [self._entry(self._name(p)) for p in self._files(params.get("folder"), suffix)]
        if action == "entriesByFiles":
            return [self._entry(f.get("path"), f.get("label")) for f in params.get("files") or []
                    if isinstance(f, dict)]
        if action == "getEntry":
            return self._entry(params.get("path"))
        if action == "persistEntry":
            return self._persist_entry(params)
        if action == "getMedia":
            return [self._media(p) for p in self._files(params.get("mediaFolder"), "")]
        if action == "getMediaFile":
            return self._media(self.path(params.get("path")))
        if action == "persistMedia":
            asset = params.get("asset") or {}
            return self._media(self._write(asset.get("path") if isinstance(asset, dict) else None,
                                           self._decoded(asset)))
        if action in ("deleteFile", "deleteFiles"):
            names = [params.get("path")] if action == "deleteFile" else list(params.get("paths") or [])
            for path in [self.path(n) for n in names]:  # every path checked before any is deleted
                path.unlink(missing_ok=True)
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise BackendError(422, "backend-unknown-action", action=action)

    def _persist_entry(self, params: dict) -> dict:
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        assets = params.get("assets") or []
        planned = []  # check every path and decode every upload before writing anything
        for asset in assets:
            planned.append((asset.get("path") if isinstance(asset, dict) else None, self._decoded(asset)))
        renamed = []
        for item in files:
            if not isinstance(item, dict) or not isinstance(item.get("raw"), str):
                raise BackendError(400, "backend-no-text")
            target = item.get("newPath") or item.get("path")
            if self.path(target) != self.path(item.get("path")):  # the title, so the file name, changed
                renamed.append(self.path(item.get("path")))
            planned.append((target, item["raw"].encode("utf-8")))
        if not files:
            raise BackendError(400, "backend-nothing")
        for name, data in planned:  # pictures first: the entry that names them comes last
            self._write(name, data)
        for old in renamed:
            old.unlink(missing_ok=True)
        return {"message": "entry persisted"}


class SiteBackends:
    """The local back end of each site of the portal, by its folder name, made when first asked."""

    def __init__(self, trees, kinds: Registry):
        self.trees = trees
        self.editable = frozenset({k.folder for k in kinds if editable(k)} | {PICTURES.strip("/"), FILES.strip("/")})
        self._made: dict[str, LocalBackend] = {}

    def get(self, name: str) -> LocalBackend | None:
        if name not in self._made:
            folder = find_site(self.trees, name)
            if folder is None:
                return None
            self._made[name] = LocalBackend(folder, f"{REPOSITORY_FOLDER}/{name}/", self.editable)
        return self._made[name]
