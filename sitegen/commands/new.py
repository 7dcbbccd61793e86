"""`new`: write a ready-to-edit file for an editor, never over an existing one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..content.scaffold import KIND_NAMES, scaffold


@dataclass(frozen=True)
class Created:
    path: Path | None
    error: str = ""


def new_file(sites: Path, site: str, kind: str, title: str, now: datetime) -> Created:
    folder = sites / site
    if not (folder / "site.yaml").is_file():
        known = ", ".join(sorted(p.name for p in sites.iterdir() if (p / "site.yaml").is_file()))
        return Created(None, f"Không có trang '{site}' trong '{sites}' (các trang: {known}). "
                             f"/ No site '{site}' in '{sites}'.")
    if not title.strip():
        return Created(None, "Hãy ghi tiêu đề, ví dụ: \"Hội nghị triển khai nhiệm vụ năm 2026\". "
                             "/ Give a title.")
    made = scaffold(kind, " ".join(title.split()), now, _codes(folder))
    target = folder / made.folder / made.name
    if target.exists():
        return Created(None, f"Tệp '{target}' đã có; sitegen không ghi đè. Hãy mở tệp đó để sửa, "
                             f"hoặc đặt tiêu đề khác. / '{target}' exists and is never overwritten.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(made.text)
    return Created(target)


def _codes(folder: Path) -> frozenset[str]:
    codes = set()
    for path in (folder / "procedures").glob("*.md"):
        match = re.search(r"^code:\s*['\"]?([\d.A-Z]+)", path.read_text(encoding="utf-8", errors="replace"), re.M)
        if match:
            codes.add(match.group(1))
    return frozenset(codes)


KINDS = tuple(KIND_NAMES)
