"""`deploy`: send the published portal to the web server, or roll it back
(sitegen.serving.deploy)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..serving.deploy import DeployError, Destination, deploy, rollback


def run(out: Path, to: str, keep: int, back: bool, lang: str) -> int:
    """0 when the release is live, 2 when nothing changed on the server."""
    words = WORDS[lang]
    try:
        dest = Destination.parse(to)
        if back:
            left, now_live = rollback(dest)
            print(words["rolled_back"].format(dest=dest, left=left, live=now_live))
            return 0
        print(words["sending"].format(out=out, dest=dest), flush=True)
        sent = deploy(out, dest, keep)
    except DeployError as error:
        print(error, file=sys.stderr)
        return 2
    print(words["sent"].format(files=sent.files, size=_size(sent.bytes), wire=_size(sent.wire),
                               total=sent.total_files, total_size=_size(sent.total_bytes),
                               release=sent.release, dest=dest))
    if sent.removed:
        print(words["removed"].format(names=", ".join(sent.removed)))
    return 0


def _size(count: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)


WORDS = {
    "vi": {
        "sending": "Đang gửi '{out}' tới '{dest}' …",
        "sent": "Đã gửi {files} tệp ({size}; {wire} qua đường truyền) trong số {total} tệp ({total_size}). "
                "Bản {release} đang chạy tại '{dest}'.",
        "removed": "Đã xóa các bản cũ: {names}.",
        "rolled_back": "Đã quay lại: '{dest}' chạy bản {live} thay cho {left}.",
    },
    "en": {
        "sending": "Sending '{out}' to '{dest}' …",
        "sent": "Sent {files} files ({size}; {wire} over the wire) of {total} files ({total_size}). "
                "Release {release} is live at '{dest}'.",
        "removed": "Removed old releases: {names}.",
        "rolled_back": "Rolled back: '{dest}' serves {live} instead of {left}.",
    },
}
