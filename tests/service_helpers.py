"""A content repository made from the sample portal, and requests to the
publishing service as nginx would pass them on (tests of sitegen/service)."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from conftest import copy_sample_as_real_portal

from sitegen.serving.identity import KEY_HEADER, USER_HEADER

EDITORS = """\
users:
  bien-tap-hoabinh: {sites: [hoa-binh], role: editor}
  duyet-hoabinh: {sites: [hoa-binh], role: approver}
  bien-tap-anbinh: {sites: [an-binh], role: editor}
  duyet-anbinh: {sites: [an-binh], role: approver}
  bbt-tinh: {sites: ["*"], role: approver}
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Quản trị", "-c", "user.email=qt@example.org",
                           *args], check=True, capture_output=True, text=True).stdout


def content_repository(where: Path, cms: str = "cms: {backend: service}") -> Path:
    """where/repo with the sample portal in sites/, committed, as a real portal (its dates as
    written: no sample_dated, which moves them with the clock); the root's cms: block as given."""
    repo = where / "repo"
    copy_sample_as_real_portal(repo / "sites")
    root = repo / "sites" / "phu-tho" / "site.yaml"
    text = root.read_text(encoding="utf-8")
    assert "cms: {backend: service}" in text  # the sample's own choice
    root.write_text(text.replace("cms: {backend: service}", cms), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Nội dung ban đầu")
    (where / "editors.yaml").write_text(EDITORS, encoding="utf-8")
    return repo


def news(slug: str, title: str, date: str = "2026-12-01 08:00", body: str = "Nội dung bài.") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n{body}\n"


class Client:
    """Requests to the service with nginx's key and user header (or without them)."""

    def __init__(self, port: int, key: str):
        self.port, self.key = port, key

    def post(self, site: str, body: bytes, user: str | None, key: str | None = "", page: str = "",
             headers: dict | None = None) -> tuple[int, object]:
        sent = {"Content-Type": "application/json", "Origin": "https://127.0.0.1", "Host": "127.0.0.1"}
        if user is not None:
            sent[USER_HEADER] = user
        if key is not None:
            sent[KEY_HEADER] = key or self.key
        sent.update(headers or {})
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/__sitegen/service/{site}{page}",
                                         data=body, headers=sent, method="POST")
        return self._open(request)

    def call(self, user: str | None, site: str, action: str, params: dict | None = None, **kwargs):
        return self.post(site, json.dumps({"action": action, "params": params or {}}).encode(), user, **kwargs)

    def get(self, user: str, site: str, page: str) -> tuple[int, object]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/__sitegen/service/{site}/{page}",
                                         headers={USER_HEADER: user, KEY_HEADER: self.key, "Host": "127.0.0.1"})
        return self._open(request)

    @staticmethod
    def _open(request) -> tuple[int, object]:
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, raw, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, raw, kind = error.code, error.read(), error.headers.get("Content-Type", "")
        return status, json.loads(raw) if "json" in kind else raw.decode("utf-8")

    # The editorial workflow, as Decap sends it ----------------------------------------

    def save(self, user: str, site: str, slug: str, raw: str, assets: tuple = (), workflow: bool = True,
             collection: str = "news"):
        path = f"sites/{site}/news/{slug}.md"
        return self.call(user, site, "persistEntry", {
            "dataFiles": [{"path": path, "raw": raw, "slug": slug}], "assets": list(assets),
            "options": {"useWorkflow": workflow, "collectionName": collection, "status": "draft",
                        "commitMessage": f"Create {slug}"}})

    def status(self, user: str, site: str, slug: str, status: str):
        return self.call(user, site, "updateUnpublishedEntryStatus",
                         {"collection": "news", "slug": slug, "newStatus": status})

    def publish(self, user: str, site: str, slug: str):
        return self.call(user, site, "publishUnpublishedEntry", {"collection": "news", "slug": slug})
