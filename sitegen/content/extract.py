"""The text inside a document's files, for the search (and for citizens who
would rather read than download): PDF by pypdf, Word, Excel, PowerPoint and
OpenDocument from the XML inside their ZIP, plain text as it is.

A file that cannot be read gives no text and a reason; a scanned PDF has
no text to give. Each text is cut at MAX_CHARS: search finds a document by
its opening pages, and the page stays light on a phone.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MAX_CHARS = 20_000  # of one file's text
MAX_PAGES = 200  # of a PDF read
MAX_XML_BYTES = 20_000_000  # of one part of an Office file, unpacked (a ZIP bomb is refused)

_OFFICE_PARTS = {
    ".docx": re.compile(r"word/document\.xml$"),
    ".xlsx": re.compile(r"xl/sharedStrings\.xml$"),
    ".pptx": re.compile(r"ppt/slides/slide\d+\.xml$"),
    ".odt": re.compile(r"content\.xml$"), ".ods": re.compile(r"content\.xml$"),
    ".odp": re.compile(r"content\.xml$"),
}
# Where an XML part's text breaks into paragraphs: Word and OpenDocument paragraphs,
# spreadsheet cells, slide paragraphs.
_BREAKS = {"p", "si", "h"}


@dataclass(frozen=True)
class Extracted:
    text: str
    problem: str = ""  # 'attachment-unreadable' or 'attachment-no-text' ('' : fine)
    detail: str = ""


def extract(path: Path) -> Extracted:
    """The text of one file, NFC, its paragraphs separated by blank lines."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            text = _pdf(path)
        elif suffix in _OFFICE_PARTS:
            text = _office(path, _OFFICE_PARTS[suffix])
        elif suffix in (".txt", ".csv"):
            text = path.read_bytes()[: MAX_CHARS * 4].decode("utf-8", "replace")
        else:
            return Extracted("")  # pictures, archives, audio: nothing to read
    except Exception as error:  # a broken file of any kind: reported, never a failed build
        return Extracted("", "attachment-unreadable", " ".join(str(error).split())[:200] or type(error).__name__)
    text = _clean(text)
    if not text and suffix == ".pdf":
        return Extracted("", "attachment-no-text")
    return Extracted(text)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader  # loaded when a PDF is first read

    reader = PdfReader(path)
    parts = []
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or sum(len(p) for p in parts) > MAX_CHARS:
            break
        parts.append(page.extract_text() or "")
    return "\n\n".join(parts)


def _office(path: Path, part: re.Pattern) -> str:
    paragraphs = []
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: _natural(i.filename)):
            if not part.search(info.filename):
                continue
            if info.file_size > MAX_XML_BYTES:
                raise ValueError(f"{info.filename}: {info.file_size} byte")
            paragraphs.extend(_xml_paragraphs(archive.read(info)))
            if sum(len(p) for p in paragraphs) > MAX_CHARS:
                break
    return "\n\n".join(paragraphs)


def _xml_paragraphs(data: bytes) -> list[str]:
    root = ElementTree.fromstring(data)
    found: list[str] = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in _BREAKS:
            text = "".join(element.itertext()).strip()
            if text:
                found.append(text)
    return found


def _natural(name: str) -> list:
    """slide2 before slide10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _clean(text: str) -> str:
    """NFC, no control characters, lines within a paragraph joined, at most MAX_CHARS."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    text = "\n\n".join(p for p in paragraphs if p)
    return text[:MAX_CHARS].rstrip()
