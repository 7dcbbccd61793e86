"""The webmaster's report: which sites are empty, stale or incomplete.

load_required() reads the required items (required.yaml, or the webmaster's
own file), analyse() turns a read portal and the build's problems into a
PortalReport, write_report() writes report.json and index.html, and
print_table() shows the short version in the terminal.

Names are imported on first use, so that checking a build's arguments
(errors.py) does not load the whole report. Import from the submodules in
code ('from sitegen.report.analyse import analyse'): once a submodule is
loaded, its name on the package is the module, not the function.
"""

from importlib import import_module

_HOMES = {
    "analyse": "analyse",
    "CODES": "model", "PortalReport": "model", "ReportProblem": "model", "SiteReport": "model",
    "Required": "required", "load_required": "required",
    "RequiredError": "errors", "ReportError": "errors",
    "print_table": "write", "report_json": "write", "write_report": "write",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(name)
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)
