"""The editors' field reference (docs/truong-du-lieu.md), written from the
kinds' declarations so the documentation cannot drift from the validator."""

from __future__ import annotations

from .kind import Field, Kind, Registry
from .kinds import DEFAULT
from .types import yaml_scalar

HEADER = """# Bảng khóa của từng loại nội dung

Tệp này được sinh tự động từ chương trình (`python -m sitegen.content.reference`): mọi khóa
dưới đây là những gì chương trình kiểm tra, không hơn không kém. Hướng dẫn đầy đủ, có ví dụ:
[huong-dan-bien-tap.md](huong-dan-bien-tap.md).
"""


def reference(kinds: Registry = DEFAULT) -> str:
    parts = [HEADER]
    for kind in (kinds.site, *kinds):
        parts.append(_kind(kind))
    return "\n".join(parts)


def _kind(kind: Kind) -> str:
    where = "`site.yaml`" if not kind.folder else f"`{kind.folder}/` ({', '.join(kind.extensions)})"
    lines = [f"## {kind.label[:1].upper()}{kind.label[1:]}", "", f"Tệp: {where}.", "",
             "| Khóa | Bắt buộc | Ý nghĩa | Ví dụ |", "|---|---|---|---|"]
    for field in kind.fields:
        meaning = field.help.replace("|", "\\|")
        lines.append(f"| `{field.name}` | {'có' if field.required else ''} | {meaning} | {_example(field)} |")
    if kind.has_body:
        lines += ["", f"Phần nội dung (sau dòng `---` thứ hai): {kind.body_help}."]
    return "\n".join(lines) + "\n"


def _example(field: Field) -> str:
    value = field.example_value()
    text = str(value).strip() if isinstance(value, str) and value.startswith("\n") else yaml_scalar(value)
    text = " ".join(text.split())
    return f"`{text}`".replace("|", "\\|")


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).resolve().parents[2] / "docs" / "truong-du-lieu.md"
    target.write_text(reference(), encoding="utf-8")
    print(f"wrote {target}")
