"""A site's history: what was published, by whom, approved by whom; and undo.

The page lists the published branch's commits that touched the site's
folder, newest first, from Git itself. An approver can undo one: a new
commit puts back, for each file it changed, the version from before it,
unless the file changed again since (then editing it is the way).
"""

from __future__ import annotations

import html
from datetime import datetime

from ..content.dates import LOCAL_TZ
from ..editing.backend import BackendError
from .editors import User
from .store import Store

SHOWN = 60


class History:
    def __init__(self, store: Store):
        self.store = store

    def _publications(self, site: str) -> list:
        tip = self.store.repo.resolve(self.store.main)
        return self.store.repo.log(tip, (self.store.folder(site),), limit=SHOWN) if tip else []

    def undo(self, site: str, user: User, commit: str) -> str:
        """Undo one publication of the site; the new commit's id."""
        if not user.approver:
            raise BackendError(403, "service-undo-approver")
        repo = self.store.repo
        known = {c.id: c for c in self._publications(site)}
        chosen = known.get(commit.strip())
        if chosen is None or not chosen.parents:
            raise BackendError(404, "service-undo-unknown", commit=commit[:12])
        before = chosen.parents[0]
        changed = repo.changed(before, chosen.id)
        if not changed or not all(self.store.owns(site, path) for _s, path in changed):
            raise BackendError(403, "service-undo-unknown", commit=commit[:12])
        with self.store.main_lock:
            tip = repo.resolve(self.store.main)
            for _status, path in changed:
                if repo.blob(tip, path) != repo.blob(chosen.id, path):
                    raise BackendError(409, "service-undo-conflict", name=path.rsplit("/", 1)[1])
        changes = {path: repo.blob(before, path) for _status, path in changed}
        message = f"Hoàn tác: {chosen.subject}\n\nSite: {site}\nReverts: {chosen.id}"
        return self.store.commit_main(site, changes, message, user)

    def page(self, site: str, user: User, done: str = "", back: str = "") -> str:
        rows = []
        for commit in self._publications(site):
            when = datetime.fromtimestamp(commit.when, LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
            approver = commit.trailer("Người duyệt")
            button = ""
            if user.approver and commit.parents and not commit.subject.startswith("Hoàn tác"):
                button = (f'<form method="post" action="undo"><input type="hidden" name="commit" '
                          f'value="{commit.id}"><button>Hoàn tác</button></form>')
            rows.append(f"<tr><td>{when}</td><td>{html.escape(commit.subject)}</td>"
                        f"<td>{html.escape(commit.author)}</td><td>{html.escape(approver)}</td><td>{button}</td></tr>")
        note = f'<p role="status" class="done">Đã hoàn tác (lần ghi {html.escape(done[:12])}); trang sẽ cập nhật ' \
               f"trong vài giây.</p>" if done else ""
        link = f'<a href="{html.escape(back)}">← Trang quản trị</a> · ' if back else ""
        return _PAGE.format(site=html.escape(site), user=html.escape(user.name), note=note, back=link, rows="".join(rows) or
                            '<tr><td colspan="5">Chưa có lần đăng nào.</td></tr>')


_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Lịch sử đăng bài: {site}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:70rem}}table{{border-collapse:collapse;
width:100%}}td,th{{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}}
.done{{background:#e8f5e9;padding:.5rem}}button{{font:inherit;padding:.3rem .8rem}}
@media (max-width:40rem){{td,th{{display:block;border:0}}tr{{display:block;border-bottom:1px solid #ccc}}
thead{{display:none}}}}</style></head>
<body><p>{back}Tài khoản: {user}</p>
<h1>Lịch sử đăng bài của trang {site}</h1>{note}
<table><thead><tr><th>Lúc</th><th>Việc</th><th>Người viết</th><th>Người duyệt</th><th></th></tr></thead>
<tbody>{rows}</tbody></table></body></html>
"""
