"""`report`: the webmaster's view of every site, written to a folder of its own
(see sitegen.report.make)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..messages.console import say
from ..report.errors import ReportError, RequiredError
from ..report.make import DEFAULT_FOLDER, report


def add_arguments(parser) -> None:
    from ..options import add_common, words

    add_common(parser)
    parser.add_argument("--report", type=Path, default=Path(DEFAULT_FOLDER), metavar="DIR",
                        help=words(parser, "report-folder"))
    parser.add_argument("--required", type=Path, metavar="FILE", help=words(parser, "required"))


def run(args) -> int:
    """Write the report, print its table and where it is: 0, or 2 when it cannot be written."""
    from ..options import now_of
    from ..report.write import HTML_NAME, JSON_NAME, print_table

    folder = Path(args.report)
    try:
        result = report(args.sites, folder, now_of(args), args.required, root=args.root)
    except (RequiredError, ReportError) as error:
        print(error.message(args.lang), file=sys.stderr)
        return 2
    print_table(result, sys.stdout, args.lang)
    print(say("report-written", args.lang, html=folder / HTML_NAME, json=folder / JSON_NAME))
    return 0
