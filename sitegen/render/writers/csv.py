"""Open data as CSV (outputs/opendata.py): one row per record, the editors' keys as
columns, a list's items joined with '; ', UTF-8 with a byte-order mark so a
spreadsheet opens Vietnamese text as it is."""

from __future__ import annotations

import csv
import io


def render_csv(columns: tuple[str, ...], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(value)
