"""Writing the report: report.json for scripts, index.html for people, a table
for the terminal.

report.json's shape is a promise to dashboards (see docs/bao-cao.md):
{"generated", "sites": [{"slug", "name", "score", "last_news", "problems": [...]}]}
with sites worst first; extra keys may be added to a site, never removed.
index.html is one self-contained page (inline CSS, no script, no outside
resource) readable on a 360 px phone. Both are written atomically; nothing
else in the folder is touched.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from ..messages.console import say
from ..vietnamese import format_date, format_datetime, format_number
from .errors import ReportError
from ..content.vocabulary import SITE_KINDS
from .model import GRADES, PortalReport, ReportProblem, SiteReport, grade

HERE = Path(__file__).resolve().parent
JSON_NAME = "report.json"
HTML_NAME = "index.html"



def write_report(report: PortalReport, folder: Path, lang: str = "vi",
                 files: dict[str, bytes] | None = None) -> tuple[Path, Path]:
    """Write report.json (messages in `lang`) and index.html into folder; returns their paths.
    files: both already made (report_files), e.g. while the build waited for its search index."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError("report-cannot-create", folder=folder, reason=error.strerror) from None
    if not folder.is_dir():
        raise ReportError("report-not-folder", folder=folder)
    files = files or report_files(report, lang)
    return _write_atomic(folder / JSON_NAME, files[JSON_NAME]), _write_atomic(folder / HTML_NAME, files[HTML_NAME])


def report_files(report: PortalReport, lang: str = "vi", compiled: Path | None = None) -> dict[str, bytes]:
    """The bytes of report.json and index.html. compiled: a folder to keep the
    compiled template in between builds."""
    data = json.dumps(report_json(report, lang), ensure_ascii=False, indent=2) + "\n"
    return {JSON_NAME: data.encode("utf-8"), HTML_NAME: render_html(report, compiled).encode("utf-8")}


def _write_atomic(path: Path, data: bytes) -> Path:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise ReportError("report-cannot-write", path=path, reason=error.strerror) from None
        raise
    return path


# report.json


def report_json(report: PortalReport, lang: str = "vi") -> dict[str, Any]:
    return {
        "generated": report.generated.isoformat(),
        "sites": [_site_json(site, lang) for site in report.sites],
    }


def _site_json(site: SiteReport, lang: str) -> dict[str, Any]:
    return {
        "slug": site.slug,
        "name": site.name,
        "score": site.score,
        "last_news": site.last_news.isoformat() if site.last_news else None,
        "problems": [_problem_json(p, lang) for p in site.problems],
        # Extra keys, for dashboards that want more.
        "short_name": site.short_name,
        "kind": site.kind or None,
        "grade": grade(site.score)[0],
        "behind": site.behind,
        "built": site.built,
        "url": site.url or None,
        "missing": list(site.missing),
        "months": [{"month": month, "count": count} for month, count in site.months],
        "counts": dict(site.counts),
    }


def _problem_json(found: ReportProblem, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {"code": found.code, "message": found.text(lang)}
    if found.item is not None:
        data["item"] = found.item
    if found.path is not None:
        data["path"] = found.path
    if found.line is not None:
        data["line"] = found.line
    return data


# index.html


def render_html(report: PortalReport, compiled: Path | None = None) -> str:
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    environment = Environment(
        loader=FileSystemLoader(str(HERE)),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False,
    )
    template = environment.get_template("report.html")
    return template.render(report=report, summary=_summary(report),
                           sites=[_card(s, report) for s in report.sites],
                           generated=format_datetime(report.generated), grades=_grades(),
                           required=report.required)


def _grades() -> str:
    """'Tốt từ 95, Khá từ 80, Trung bình từ 50, Kém dưới 50'."""
    parts = [f"{vi} từ {floor}" for floor, _css, vi, _en in GRADES[:-1]]
    return ", ".join(parts + [f"{GRADES[-1][2]} dưới {GRADES[-2][0]}"])


def _summary(report: PortalReport) -> dict[str, Any]:
    by_code = []
    for code in report.codes:
        count = sum(1 for s in report.sites if s.of(code.code))
        if count:
            by_code.append((code.vi, count))
    scores = [s.score for s in report.sites]
    return {
        "sites": len(report.sites),
        "behind": len(report.behind),
        "by_code": by_code,
        "average": format_number(round(sum(scores) / len(scores), 1)) if scores else "–",
    }


def _card(site: SiteReport, report: PortalReport) -> dict[str, Any]:
    css, label, _en = grade(site.score)
    # A card shows what puts the site behind open, its quality problems folded (<details>).
    groups_open = []
    groups_folded = []
    for code in report.codes:
        found = site.of(code.code)
        if found and code.behind:
            groups_open.append({"code": code.code, "label": code.vi, "problems": found})
        elif found:
            warnings = sum(1 for p in found if p.warning)
            groups_folded.append({"code": code.code, "label": code.vi, "problems": found,
                                  "count": len(found), "warnings": warnings})
    return {
        "site": site,
        "anchor": f"trang-{site.slug}",
        "kind": SITE_KINDS.label(site.kind) if site.kind in SITE_KINDS else "",
        "grade": css,
        "grade_label": label,
        "last_news": format_date(site.last_news) if site.last_news else None,
        "chart": chart(site.months),
        "missing": _missing_labels(site, report),
        "open": groups_open,
        "folded": groups_folded,
    }


def _missing_labels(site: SiteReport, report: PortalReport) -> list[str]:
    """The Vietnamese labels of the required items a site lacks."""
    labels = []
    for item_id in site.missing:
        item = report.required.item(item_id)
        labels.append(item.label if item else item_id)
    return labels


def chart(months: tuple[tuple[str, int], ...]) -> dict[str, Any]:
    """A 12-bar chart as numbers the template draws with inline SVG."""
    width, height, top, bottom = 240, 64, 10, 50
    slot = width / max(len(months), 1)
    highest = max((count for _m, count in months), default=0)
    bars = []
    for index, (month, count) in enumerate(months):
        year, number = month.split("-")
        tall = 0.0 if not highest else (bottom - top) * count / highest
        bars.append({
            "label": f"{number}/{year}", "short": f"{int(number)}", "count": count,
            "x": round(index * slot + 2, 1), "width": round(slot - 4, 1),
            "y": round(bottom - tall, 1), "height": round(tall, 1),
            "text_x": round(index * slot + slot / 2, 1),
        })
    described = "; ".join(f"tháng {b['label']}: {b['count']} tin" for b in bars)
    return {"width": width, "height": height, "bottom": bottom, "bars": bars,
            "total": sum(c for _m, c in months), "description": described}


# The terminal


def print_table(report: PortalReport, stream: TextIO | None = None, lang: str = "vi",
                width: int = 100) -> None:
    """A short plain-text table, worst first, no wider than `width` columns."""
    stream = stream or sys.stdout
    words = {key: say(f"table-{key}", lang) for key in ("site", "score", "last", "count", "top", "never")}
    words["none"] = "—"
    slug_width = min(max([len(words["site"])] + [len(s.slug) for s in report.sites]), 22)
    head = (f"{words['site']:<{slug_width}}  {words['score']:>5}  {words['last']:<10}  "
            f"{words['count']:>6}  ")
    rest = max(width - len(head), 20)
    print(f"{head}{words['top']}"[:width], file=stream)
    print("-" * min(width, len(head) + rest), file=stream)
    for site in report.sites:
        last = site.last_news.strftime("%d/%m/%Y") if site.last_news else words["never"]
        top = site.problems[0].text(lang) if site.problems else words["none"]
        line = (f"{_cut(site.slug, slug_width):<{slug_width}}  {site.score:>5}  {last:<10}  "
                f"{len(site.problems):>6}  {_cut(top, rest)}")
        print(line, file=stream)
    print(say("table-summary", lang, sites=len(report.sites), behind=len(report.behind)), file=stream)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
