"""Fields and helpers more than one kind uses."""

from __future__ import annotations

from ...problems import Severity, problem
from ..kind import Entry, Field, Making
from ..types import Boolean, Slug, TextList

DRAFT = Field("draft", Boolean(), "true: bản nháp, chưa xuất bản", default=False, example=False)
# Where the old site (before the portal) published the same item: the web server sends
# those addresses here (301), so bookmarks and links in old documents keep working.
ALIASES = Field("aliases", TextList(("/index.php?language=vi&nv=news&op=tin-tuc/hop-dan-thon-1-123",),
                                    split=False, max_items=20, max_length=500),
                "địa chỉ cũ (đường dẫn trên trang cũ, bắt đầu bằng /): máy chủ chuyển người đọc về trang này",
                default=(), label="Địa chỉ cũ")


def slug_field(made_from: str, example: str) -> Field:
    return Field("slug", Slug(), f"phần cuối địa chỉ trang: chữ thường không dấu, nối bằng '-'; nên để trống "
                 f"(thì {made_from})", example=example)


def text(value) -> str:
    """An optional text field's value: '' when the editor left it out."""
    return value or ""


def warn_if_empty(entry: Entry, making: Making) -> None:
    """A text published with a title and nothing under it is a forgotten body."""
    if not entry.body.html.strip():
        making.problems.append(problem(entry.path, None, "empty-body", Severity.WARNING))
