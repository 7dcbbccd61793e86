"""What a save writes: the entry's files and its uploads, every path checked
and every upload decoded and let through the attachments' allowlist
(content.attachments) before anything is written."""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path

from ..content.attachments import allowed_types, refusal
from ..content.paths import FILES, PICTURES
from ..editing.backend import BackendError
from .store import Store, normal_text


def upload(store: Store, site: str, asset: object) -> tuple[str, bytes]:
    """An upload's repository path and bytes; refused unless the portal may publish it."""
    if not isinstance(asset, dict) or asset.get("encoding", "base64") != "base64":
        raise BackendError(400, "backend-not-base64")
    path = store.git_path(site, asset.get("path"))
    try:
        data = base64.b64decode(asset.get("content") or "", validate=True)
    except (binascii.Error, ValueError):
        raise BackendError(400, "backend-corrupt")
    folder = path[len(store.folder(site)) + 1:].split("/", 1)[0] + "/"
    if folder in (PICTURES, FILES):
        with tempfile.TemporaryDirectory() as scratch:
            name = path.rsplit("/", 1)[1]
            (Path(scratch) / name).write_bytes(data)
            if refusal(Path(scratch), name) is not None:
                raise BackendError(415, "service-file-refused", name=name, types=allowed_types())
    return path, data


def entry_changes(store: Store, site: str, params: dict) -> tuple[dict[str, bytes | None], str]:
    """The files a persistEntry writes (and the old name of a renamed one, removed), and a
    name for the commit: every path checked and every upload decoded before anything is written."""
    files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
    if not files:
        raise BackendError(400, "backend-nothing")
    changes: dict[str, bytes | None] = {}
    for asset in params.get("assets") or []:
        path, data = upload(store, site, asset)
        changes[path] = data
    for item in files:
        if not isinstance(item, dict) or not isinstance(item.get("raw"), str):
            raise BackendError(400, "backend-no-text")
        old = store.git_path(site, item.get("path"))
        new = store.git_path(site, item.get("newPath") or item.get("path"))
        if new != old:
            changes[old] = None  # the title, so the file name, changed
        changes[new] = normal_text(new, item["raw"].encode("utf-8"))
    first = store.git_path(site, files[0].get("newPath") or files[0].get("path"))
    return changes, first[len(store.folder(site)) + 1:]
