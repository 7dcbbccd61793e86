"""`build`: the whole portal (the recipe is sitegen/pipeline.py), its problems
and a summary printed."""

from __future__ import annotations

from pathlib import Path

from ..pipeline import BuildResult, BuildSettings, build

__all__ = ["BuildResult", "BuildSettings", "build", "add_arguments", "run"]


def add_arguments(parser) -> None:
    from ..options import add_common, words

    add_common(parser)
    parser.add_argument("--out", type=Path, default=Path("public"), metavar="DIR", help=words(parser, "out"))
    parser.add_argument("--site", action="append", metavar="SLUG", default=[], help=words(parser, "build-site"))
    parser.add_argument("--jobs", type=int, metavar="N", help=words(parser, "jobs"))
    parser.add_argument("--report", type=Path, metavar="DIR", help=words(parser, "build-report"))
    parser.add_argument("--no-report", action="store_true", help=words(parser, "no-report"))
    parser.add_argument("--required", type=Path, metavar="FILE", help=words(parser, "required"))


def run(args) -> int:
    """Build, print the problems and a summary: 0 clean, 1 content errors, 2 unusable report or list."""
    import sys

    from ..console import counts, print_problems
    from ..messages.console import say
    from ..options import now_of
    from ..progress import progress_for

    report = _report_folder(args)
    if report is False:
        return 2
    settings = BuildSettings(args.sites, args.out, now_of(args), workers=args.jobs, report=report,
                             required=args.required, only=tuple(args.site), root=args.root)
    progress = progress_for(sys.stdout, args.lang)
    try:
        result = build(settings, progress)
    finally:
        progress.close()
    print_problems(result.problems, args.lang, report=report if result.sites else None)
    sys.stderr.flush()
    errors, warnings = counts(result.problems)
    print(say("build-summary", args.lang, sites=result.sites, pages=result.pages, feeds=result.feeds,
              files=result.files, warnings=warnings, errors=errors, seconds=f"{result.seconds:.1f}", out=args.out))
    if result.unchanged:
        print(say("build-unchanged", args.lang))
    if report is not None and result.sites:
        print(say("build-report", args.lang, report=report / "index.html"))
    return 1 if errors else 0


def _report_folder(args):
    """Where the report goes (None: none); False when it or the required list cannot be used (said why)."""
    import sys

    from ..report.errors import ReportError, RequiredError
    from ..report.make import check_folder, folder_beside

    report = None if args.no_report else (args.report or folder_beside(args.out))
    try:
        if args.required is not None:
            from ..report.required import load_required

            load_required(args.required)
        if report is not None:
            check_folder(report, sites=args.sites, out=args.out)
    except RequiredError as error:
        print(error.message(args.lang), file=sys.stderr)
        return False
    except ReportError as error:
        print(error.message(args.lang), file=sys.stderr)
        return False
    return report
