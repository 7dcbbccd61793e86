"""The webmaster's report: which sites are empty, stale or incomplete.

load_required() reads the required items (required.yaml, or the webmaster's
own file), analyse() turns a read portal and the build's problems into a
PortalReport, write_report() writes report.json and index.html, and
print_table() shows the short version in the terminal.
"""

from .analyse import analyse
from .model import CODES, PortalReport, ReportProblem, SiteReport
from .required import Required, RequiredError, load_required
from .write import ReportError, print_table, report_json, write_report

__all__ = [
    "CODES", "PortalReport", "ReportError", "ReportProblem", "Required", "RequiredError",
    "SiteReport", "analyse", "load_required", "print_table", "report_json", "write_report",
]
