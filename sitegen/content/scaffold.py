"""Ready-to-edit files for `new`, written from the kinds' declarations.

Every field of the kind is present with a short Vietnamese comment, so an
editor sees all that can be written; the file is valid as it stands and
builds into a page at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..vietnamese import slugify
from .kinds import EVENT, NEWS, PAGE, PROCEDURE, STAFF, Field
from .types import yaml_scalar

KIND_NAMES = {"news": NEWS, "staff": STAFF, "event": EVENT, "procedure": PROCEDURE, "page": PAGE}

BODY_HINTS = {
    "news": "Viết nội dung bài ở đây. Đoạn đầu tiên được dùng làm tóm tắt nếu bạn không viết 'summary'.\n\n"
            "## Tiêu đề mục\n\nNội dung mục.\n",
    "staff": "Lý lịch tóm tắt: năm sinh, quê quán, trình độ chuyên môn, quá trình công tác.\n",
    "event": "",
    "procedure": "## Trình tự thực hiện\n\n- Bước 1: ...\n\n## Cách thức thực hiện\n\n...\n\n"
                 "## Thành phần hồ sơ\n\n- ...\n\n## Điều kiện thực hiện\n\n...\n",
    "page": "Viết nội dung trang ở đây.\n",
}


@dataclass(frozen=True)
class Scaffold:
    folder: str  # the kind's folder inside the site
    name: str  # the file name
    text: str


def scaffold(kind_name: str, title: str, now: datetime, taken_codes: frozenset[str] = frozenset()) -> Scaffold:
    kind = KIND_NAMES[kind_name]
    slug = slugify(title)
    values = _values(kind_name, title, now, slug, taken_codes)
    lines = ["---"]
    for field in kind.fields:
        lines.append(_line(field, values))
    lines.append("---")
    body = BODY_HINTS[kind_name]
    return Scaffold(kind.folder, _file_name(kind_name, slug, now), "\n".join(lines) + "\n" + body)


def _values(kind_name: str, title: str, now: datetime, slug: str, taken_codes: frozenset[str]) -> dict:
    today = f"{now:%d/%m/%Y %H:%M}"
    if kind_name == "news":
        return {"title": title, "date": today, "slug": slug}
    if kind_name == "staff":
        return {"name": title, "position": "Chức vụ", "slug": slug, "order": 1}
    if kind_name == "event":
        return {"title": title, "start": f"{now:%d/%m/%Y} 08:00", "end": f"{now:%d/%m/%Y} 11:00",
                "kind": "work", "slug": ""}
    if kind_name == "procedure":
        return {"title": title, "code": _free_code(taken_codes), "level": "commune", "online": "none"}
    return {"title": title, "slug": slug}


def _free_code(taken: frozenset[str]) -> str:
    number = 1
    while f"1.{number:06d}" in taken:
        number += 1
    return f"1.{number:06d}"


def _line(field: Field, values: dict) -> str:
    comment = field.help + (" (bắt buộc)" if field.required else "")
    if field.name == "code":
        comment = "mã thủ tục trên Cổng Dịch vụ công quốc gia: hãy thay bằng mã đúng (bắt buộc)"
    if field.name in values:
        value = values[field.name]
        written = yaml_scalar(value) if value != "" else ""
    elif field.default not in (None, (), ""):
        written = yaml_scalar(field.default)
    else:
        written = ""
    return f"{field.name}: {written}".rstrip() + f"  # {comment}"


def _file_name(kind_name: str, slug: str, now: datetime) -> str:
    if kind_name in ("news", "event"):
        return f"{now:%Y-%m-%d}-{slug}.md"
    return f"{slug}.md"
