"""The procedure list exported from the national public-service portal
(dichvucong.gov.vn), an .xlsx sheet, into the site's procedures.

The export's sheet has a header row (its exact words vary from one export to
another: 'Mã số' or 'Mã thủ tục', 'Tên' or 'Tên thủ tục', 'Cơ quan' or 'Cơ
quan thực hiện', 'Lĩnh vực', sometimes 'Cấp thực hiện'), found by its words
wherever it is among the first rows. Each row becomes one procedure keeping
its national code (the file is named by it, and the page links the national
page by it). What the list does not hold (time limit, fee, documents, legal
basis ...) is left for the editor: `check` names each one missing.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from ..content.types import PROCEDURE_CODE
from ..content.vocabulary import LEVELS
from .model import Batch, Item, LeftOut, SourceError

HEADERS = {  # our key -> the words an export's header may use for it (compared without case or diacritics)
    "code": ("ma so", "ma thu tuc", "ma tthc", "ma"),
    "title": ("ten", "ten thu tuc", "ten tthc", "ten thu tuc hanh chinh"),
    "agency": ("co quan", "co quan thuc hien", "co quan giai quyet"),
    "field": ("linh vuc",),
    "level": ("cap thuc hien", "cap"),
}
HEADER_ROWS = 20  # the header is looked for among the first rows (a title and notes may come before)


def _plain(text: object) -> str:
    words = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    words = "".join(c for c in words if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", words).split())


def read_procedures(path: Path) -> Batch:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as error:
        raise SourceError("import-xlsx-unreadable", path=path, reason=error)
    try:
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    header_at, columns = _header(rows)
    if header_at is None:
        raise SourceError("import-xlsx-no-header", path=path, rows=HEADER_ROWS)
    batch = Batch("procedures")
    seen = set()
    for number, row in enumerate(rows[header_at + 1:], header_at + 2):
        values = {key: str(row[i]).strip() if i < len(row) and row[i] is not None else "" for key, i in columns.items()}
        if not any(values.values()):
            continue
        code, title = values.get("code", ""), " ".join(values.get("title", "").split())
        if not PROCEDURE_CODE.fullmatch(code) or not title:
            batch.left_out.append(LeftOut(f"row-{number}", title or code, "import-xlsx-bad-row",
                                          {"row": number, "number": code}))
            continue
        if code in seen:
            batch.left_out.append(LeftOut(f"row-{number}", title, "import-xlsx-twice", {"row": number, "number": code}))
            continue
        seen.add(code)
        batch.items.append(_item(code, title, values))
    return batch


def _header(rows: list[list]) -> tuple[int | None, dict[str, int]]:
    for at, row in enumerate(rows[:HEADER_ROWS]):
        columns = {}
        for index, cell in enumerate(row):
            word = _plain(cell)
            for key, names in HEADERS.items():
                if key not in columns and word in names:
                    columns[key] = index
        if "code" in columns and "title" in columns:
            return at, columns
    return None, {}


def _item(code: str, title: str, values: dict[str, str]) -> Item:
    fields = {"code": code, "title": title}
    if values.get("field"):
        fields["field"] = values["field"]
    if values.get("agency"):
        fields["agency"] = values["agency"]
    level = _level(values.get("level", ""))
    if level:
        fields["level"] = level
    return Item("procedure", f"procedure-{code}", fields, body_markdown="", name=code)


def _level(text: str) -> str:
    """The level as our vocabulary spells it, when the export's word is one of its words."""
    wanted = _plain(text)
    for word in LEVELS:
        if wanted and wanted in {_plain(w) for w in (word.key, word.vi, *word.aliases)}:
            return word.key
    return ""
