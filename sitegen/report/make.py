"""Making the webmaster's report and choosing where it goes.

report() reads the portal as `check` does (nothing is built or published),
analyses it and writes report.json and index.html into the report folder
(default report/), which must lie outside the sites tree and outside the
published output. `build` writes the same report after publishing, from
what it has already read (write_for_build).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from typing import TYPE_CHECKING

from ..content.kind import Registry
from ..content.kinds import DEFAULT
from .errors import ReportError

if TYPE_CHECKING:
    from ..portal.model import Portal
    from ..problems import Problem
    from .model import PortalReport

DEFAULT_FOLDER = Path("report")


def report(sites, folder: Path, now: datetime, required: Path | None = None,
           theme_files: tuple[str, ...] | None = None, kinds: Registry = DEFAULT,
           root: str | None = None) -> PortalReport:
    """Read the portal under `sites`, write the report into `folder` and return it.

    Raises RequiredError for an unusable required-items file and ReportError
    for a folder that cannot or must not be written.
    """
    from ..render.theme import Theme
    from .analyse import analyse
    from .required import load_required
    from .write import write_report
    from ..portal.read import read_portal

    items = load_required(required, kinds)  # a bad file is refused before anything is read
    check_folder(folder, sites=sites)
    portal, problems = read_portal(sites, now, kinds=kinds, root=root)
    if theme_files is None:
        theme_files = Theme.load().static_files
    result = analyse(portal, problems, now, items, theme_files=theme_files, sites_dir=sites, kinds=kinds)
    write_report(result, folder)
    return result


@dataclass(frozen=True)
class PreparedReport:
    """A build's report, made and checked, ready to be written once the build is published."""

    result: PortalReport
    folder: Path
    files: dict[str, bytes]

    def write(self) -> PortalReport:
        from .write import write_report

        write_report(self.result, self.folder, files=self.files)
        return self.result


def prepare_for_build(portal: Portal | None, problems: Iterable[Problem], folder: Path, now: datetime,
                      theme_static_files: tuple[str, ...] = (), *, sites=None,
                      out: Path | None = None, required: Path | None = None, kinds: Registry = DEFAULT,
                      published: frozenset[str] | None = None, compiled: Path | None = None) -> PreparedReport:
    """The report of a build, from what it has already read.

    problems are all of the build's (reading and rendering); out is the
    published folder, which the report folder must not be inside; published,
    the path of every output the build made or kept; compiled, where the
    report's compiled template is kept between builds.
    """
    from .analyse import analyse
    from .required import load_required
    from .write import report_files

    items = load_required(required, kinds)
    check_folder(folder, sites=sites, out=out)
    result = analyse(portal, problems, now, items, theme_files=theme_static_files, sites_dir=sites,
                     kinds=kinds, published=published)
    return PreparedReport(result, Path(folder), report_files(result, compiled=compiled))


def write_for_build(portal: Portal | None, problems: Iterable[Problem], folder: Path, now: datetime,
                    theme_static_files: tuple[str, ...] = (), **options) -> PortalReport:
    """The same report as report(), from what a build has already read (after publishing);
    options as for prepare_for_build."""
    return prepare_for_build(portal, problems, folder, now, theme_static_files, **options).write()


def folder_beside(out: Path) -> Path:
    """Where `build` writes the report by default: 'report' beside the output folder
    (public/ → report/), or '<out>-report' when the output itself is named 'report'."""
    out = Path(out)
    parent = out.parent
    beside = parent / "report"
    if beside.resolve() == out.resolve():
        beside = parent / f"{out.name}-report"
    return beside


def check_folder(folder: Path, *, sites=None, out: Path | None = None) -> None:
    """Refuse a report folder inside the published output or a sites tree."""
    from ..content import portal_trees

    target = Path(folder).resolve()
    trees = portal_trees(sites) if sites is not None else ()
    for other, code in ((out, "report-inside-output"), *((tree, "report-inside-sites") for tree in trees)):
        if other is not None and target.is_relative_to(Path(other).resolve()):
            raise ReportError(code, folder=folder, other=other)
