"""Which files of images/ and files/ may be published: an allowlist of types,
checked by the file's name and by its first bytes.

Everything published sits on the portal's own origin, so a file a browser
would run (HTML in any spelling, SVG, XML, scripts) would run with the
portal's rights: it is refused, and so is a file whose bytes are not what
its name says (a page renamed .pdf). Pictures: JPEG, PNG, WebP, GIF.
Attachments: PDF, Word, Excel and PowerPoint (old and new), OpenDocument,
RTF, ZIP, RAR, 7z, plain text and CSV, and common audio and video.

Archives are those a commune sends forms in and citizens open on Windows and
phones (ZIP, RAR, 7z). gzip (.gz, .tgz) is not one of them, and a web server
reads a '.gz' beside a name as that name's compressed copy: 'trang.html.gz'
would be sent as the page 'trang.html'. So no gzip file is published, under
any name; nor are Brotli's '.br' copies, nor anything not listed here.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

SNIFF_BYTES = 8192  # how much of a file is read to tell its type

# The family of each allowed extension: what its bytes must be.
FAMILIES = {
    ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp",
    ".pdf": "pdf",
    ".doc": "ole", ".xls": "ole", ".ppt": "ole",
    ".docx": "docx", ".xlsx": "xlsx", ".pptx": "pptx",
    ".odt": "odt", ".ods": "ods", ".odp": "odp",
    ".rtf": "rtf", ".zip": "zip", ".rar": "rar", ".7z": "7z",
    ".txt": "text", ".csv": "text",
    ".mp3": "mp3", ".m4a": "mp4", ".mp4": "mp4", ".mov": "mp4", ".wav": "wav", ".ogg": "ogg",
    ".oga": "ogg", ".ogv": "ogg", ".webm": "matroska", ".mkv": "matroska", ".avi": "avi",
}
# What each family is called in a message to the editor.
NAMES = {
    "jpeg": "ảnh JPEG", "png": "ảnh PNG", "gif": "ảnh GIF", "webp": "ảnh WebP", "pdf": "PDF",
    "ole": "tài liệu Word, Excel hoặc PowerPoint (bản cũ)", "docx": "tài liệu Word",
    "xlsx": "bảng tính Excel", "pptx": "bản trình chiếu PowerPoint", "odt": "văn bản OpenDocument",
    "ods": "bảng tính OpenDocument", "odp": "bản trình chiếu OpenDocument", "rtf": "văn bản RTF",
    "zip": "tệp nén ZIP", "rar": "tệp nén RAR", "7z": "tệp nén 7z",
    "text": "văn bản thường", "mp3": "âm thanh MP3", "mp4": "âm thanh hoặc video MP4",
    "wav": "âm thanh WAV", "ogg": "âm thanh hoặc video Ogg", "matroska": "video WebM",
    "avi": "video AVI",
}
_MAGIC = {
    "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",), "gif": (b"GIF87a", b"GIF89a"),
    "ole": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), "rtf": (b"{\\rtf",), "rar": (b"Rar!\x1a\x07",),
    "7z": (b"7z\xbc\xaf\x27\x1c",), "ogg": (b"OggS",), "matroska": (b"\x1a\x45\xdf\xa3",),
    "zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
_RIFF = {"webp": b"WEBP", "wav": b"WAVE", "avi": b"AVI "}
_ZIPPED = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_OPEN_DOCUMENT = {"odt": "application/vnd.oasis.opendocument.text",
                  "ods": "application/vnd.oasis.opendocument.spreadsheet",
                  "odp": "application/vnd.oasis.opendocument.presentation"}
# A text file starting like this is markup a browser might render, whatever its name.
_MARKUP = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<!--", b"<body", b"<head", b"<iframe")


@dataclass(frozen=True)
class Refusal:
    """Why a file is not published: its type is not allowed, or its bytes are not its type's."""

    code: str  # 'file-type-refused' or 'file-content-mismatch'
    family: str = ""  # what its name says it is


def refusal(folder: Path, relative: str) -> Refusal | None:
    """None when the site's file may be published."""
    family = FAMILIES.get(Path(relative).suffix.lower())
    if family is None:
        return Refusal("file-type-refused")
    try:
        with open(folder / relative, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return Refusal("file-content-mismatch", family)
    if not _is(family, head, folder / relative):
        return Refusal("file-content-mismatch", family)
    return None


def _is(family: str, head: bytes, path: Path) -> bool:
    if family in _MAGIC:
        return head.startswith(_MAGIC[family])
    if family in _RIFF:
        return head[:4] == b"RIFF" and head[8:12] == _RIFF[family]
    if family == "pdf":
        return b"%PDF-" in head[:1024]  # readers accept a few bytes before the header
    if family == "mp4":
        return head[4:8] == b"ftyp"
    if family == "mp3":
        return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    if family == "text":
        return _is_text(head)
    return _is_zipped_document(family, path)


def _is_text(head: bytes) -> bool:
    """Plain text: no NUL byte, and not markup (what a browser could render)."""
    if b"\x00" in head:
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not start.startswith(_MARKUP)


def _is_zipped_document(family: str, path: Path) -> bool:
    """An Office Open XML or OpenDocument file: a ZIP holding what its type names."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if family in _ZIPPED:
                return "[Content_Types].xml" in names and any(n.startswith(_ZIPPED[family]) for n in names)
            return "mimetype" in names and archive.read("mimetype").strip() == _OPEN_DOCUMENT[family].encode()
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return False


def allowed_types() -> str:
    """The allowed extensions, for messages."""
    return ", ".join(sorted(FAMILIES))
