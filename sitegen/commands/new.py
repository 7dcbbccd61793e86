"""`new`: write a ready-to-edit file for an editor, never over an existing one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..content import Trees, find_site, portal_trees, site_names
from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..content.scaffold import scaffold, taken_values


@dataclass(frozen=True)
class Created:
    path: Path | None
    error: str = ""


def new_file(sites: Trees, site: str, kind_name: str, title: str, now: datetime,
             kinds: Registry = DEFAULT) -> Created:
    folder = find_site(sites, site)
    if folder is None:
        where = ", ".join(str(tree) for tree in portal_trees(sites))
        known = ", ".join(site_names(sites))
        return Created(None, f"Không có trang '{site}' trong '{where}' (các trang: {known}). "
                             f"/ No site '{site}' in '{where}'.")
    if not title.strip():
        return Created(None, "Hãy ghi tiêu đề, ví dụ: \"Hội nghị triển khai nhiệm vụ năm 2026\". "
                             "/ Give a title.")
    kind = kinds[kind_name]
    made = scaffold(kind, " ".join(title.split()), now, taken_values(kind, folder))
    target = folder / made.folder / made.name
    if target.exists():
        return Created(None, f"Tệp '{target}' đã có; sitegen không ghi đè. Hãy mở tệp đó để sửa, "
                             f"hoặc đặt tiêu đề khác. / '{target}' exists and is never overwritten.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(made.text)
    return Created(target)
