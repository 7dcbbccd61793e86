"""`report`: the webmaster's view of every site, written to a folder of its own
(see sitegen.report.make)."""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import datetime
from pathlib import Path

from ..report.errors import ReportError, RequiredError
from ..report.make import DEFAULT_FOLDER, report


def run(args: Namespace, now: datetime) -> int:
    """The command line's `report` (args.sites, args.report, args.required, args.lang; now
    from --now): prints the table and where the report is; 0, or 2 when it cannot be written."""
    folder = Path(getattr(args, "report", None) or DEFAULT_FOLDER)
    lang = getattr(args, "lang", "vi")
    try:
        result = report(args.sites, folder, now, getattr(args, "required", None), root=args.root)
    except RequiredError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    except ReportError as error:
        print(error, file=sys.stderr)
        return 2
    from ..report.write import print_table
    from ..report.write import HTML_NAME, JSON_NAME

    print_table(result, sys.stdout, lang)
    print(WRITTEN["en" if lang == "en" else "vi"].format(html=folder / HTML_NAME,
                                                         json=folder / JSON_NAME))
    return 0


WRITTEN = {
    "vi": "Đã ghi báo cáo: {html} (xem bằng trình duyệt) và {json}.",
    "en": "Report written: {html} (open it in a browser) and {json}.",
}
