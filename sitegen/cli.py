"""The command line: parse arguments, call a command, print its outcome.

Exit status: 0 clean, 1 content errors (everything valid still published),
2 wrong usage or an output folder that cannot be used.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .problems import Problem, Severity
from .publish.staging import PublishError

COMMANDS = ("build", "check", "new", "serve", "report", "nginx", "deploy")

DESCRIPTION = """\
sitegen builds a local-government information portal (a district or a
province) and all of its commune sub-sites from Markdown, in one run.

Commands:
  build   build every site into the output folder (the default)
  check   check every file without writing anything
  new     write a ready-to-edit file of a kind of content (news, staff, ...)
  serve   preview: build, serve on this machine, rebuild and reload on every save
          (--edit: write in the browser, on each site's admin page quan-tri/)
  report  the webmaster's report: which sites are empty, stale or incomplete
  nginx   print an nginx configuration that serves the built portal
  deploy  send the built portal to the web server (only what changed); --rollback

Run 'python build.py COMMAND --help' for a command's options.
"""


def _common(parser: argparse.ArgumentParser) -> None:
    _sites_option(parser)
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="language of messages: vi (Vietnamese, default) or en")
    parser.add_argument("--root", metavar="SLUG",
                        help="the root portal's folder (default: the one site without 'parent:'); "
                             "any other site without a parent is then an error")
    parser.add_argument("--now", metavar="'DD/MM/YYYY HH:MM'",
                        help="build as if it were this local time (default: SOURCE_DATE_EPOCH "
                             "if set, else the clock); decides which scheduled news is "
                             "published and which week is 'this week'")


def _sites_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sites", action="append", metavar="DIR",
                        help="a folder of site folders, each with a site.yaml (default: sites); "
                             "repeatable, to gather the sites of several repositories (e.g. "
                             "--sites sites --sites 'xa/*/sites', a quoted pattern matching many); "
                             "a site folder name found twice is an error")


def _gather_sites(parser: argparse.ArgumentParser, given: list[str] | None) -> tuple[Path, ...]:
    """--sites as folders: each value a folder or a quoted pattern of folders."""
    import glob

    from .content import duplicate_sites

    trees: list[Path] = []
    for value in given or ["sites"]:
        if glob.has_magic(value):
            matched = sorted(Path(p) for p in glob.glob(value) if Path(p).is_dir())
            if not matched:
                parser.error(f"--sites: no folder matches '{value}'")
            trees.extend(matched)
        elif not Path(value).is_dir():
            parser.error(f"--sites: '{value}' is not a folder")
        else:
            trees.append(Path(value))
    unique = {}
    for tree in trees:  # one folder given twice (or matched by two patterns) counts once
        unique.setdefault(tree.resolve(), tree)
    trees = list(unique.values())
    for first, other in duplicate_sites(trees):
        parser.error(f"--sites: the site folder '{first.name}' is in two places: '{first}' and '{other}'; "
                     f"a site's folder name must be unique in the portal / thư mục trang '{first.name}' "
                     f"có ở hai nơi: '{first}' và '{other}'")
    return tuple(trees)


def make_parser(kinds=None) -> argparse.ArgumentParser:
    """The command line; kinds (the registry) lists what `new` can write. It is
    loaded only for `new`: the other commands start faster without it."""
    parser = argparse.ArgumentParser(prog="python build.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build", help="build the portal",
        description="Build the root portal into OUT/ and every other site into OUT/<slug>/. "
                    "The new output replaces the old one in a single step at the end, so a "
                    "failed or interrupted build leaves the published portal as it was.")
    _common(build)
    build.add_argument("--out", type=Path, default=Path("public"), metavar="DIR",
                       help="output folder (default: public); an existing folder is replaced "
                            "only if an earlier build made it")
    build.add_argument("--site", action="append", metavar="SLUG", default=[],
                       help="build only this site (its folder name; repeatable) and the sites "
                            "above it, whose pages show its news; every other site keeps the "
                            "pages it last published (a site never published yet is built too)")
    build.add_argument("--jobs", type=int, metavar="N",
                       help="processes to use (default: one per core; small portals use one)")
    build.add_argument("--report", type=Path, metavar="DIR",
                       help="where to write the webmaster's report (default: 'report' beside "
                            "the output folder, never inside it)")
    build.add_argument("--no-report", action="store_true", help="do not write the report")
    build.add_argument("--required", type=Path, metavar="FILE",
                       help="the list of items every site must publish (default: the one "
                            "shipped in sitegen/report/required.yaml)")
    check = commands.add_parser(
        "check", help="check the content without building",
        description="Check every file of the portal and print each mistake as "
                    "path:line:column: lỗi|cảnh báo: message. Writes nothing.")
    _common(check)
    check.add_argument("--site", action="append", metavar="SLUG", default=[],
                       help="check only this site (repeatable)")
    new = commands.add_parser(
        "new", help="write a ready-to-edit file",
        description="Write a new file with every field present and a short comment for each, "
                    "in the right folder of the site, named from the title (and today's date for "
                    "news and events). An existing file is never overwritten.")
    new.add_argument("kind", choices=[kind.name for kind in kinds] if kinds else None,
                     help=", ".join(f"{kind.name} ({kind.label})" for kind in kinds) if kinds
                     else "the kind of content ('python build.py new --help' lists them)")
    new.add_argument("title", help="the title (for staff: the person's name), in quotes")
    new.add_argument("--site", required=True, metavar="SLUG", help="the site's folder name, e.g. an-binh")
    _sites_option(new)
    new.add_argument("--now", metavar="'DD/MM/YYYY HH:MM'", help="the date to write (default: now)")
    serve = commands.add_parser(
        "serve", help="live preview for editors",
        description="Build the portal, serve it at http://HOST:PORT/, watch the content and the "
                    "theme, rebuild what a change touches after every save and reload the open "
                    "browser tabs. Content errors show in a panel over the page until fixed.")
    _common(serve)
    serve.add_argument("--out", type=Path, default=Path("public"), metavar="DIR",
                       help="output folder (default: public)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--edit", action="store_true",
                       help="also let each site's admin page (http://127.0.0.1:PORT/<site>/quan-tri/) "
                            "save into the site folders here, so an editor writes in the browser "
                            "and sees the page reload (127.0.0.1 only: no sign-in)")
    report = commands.add_parser(
        "report", help="which sites are empty, stale or incomplete",
        description="Read every site (nothing is built) and write report/index.html and "
                    "report/report.json: one row per site, worst first, with its score, its last "
                    "news, news per month, and what is stale, missing or broken. Also prints a "
                    "short table.")
    _common(report)
    report.add_argument("--report", type=Path, default=Path("report"), metavar="DIR",
                        help="folder to write the report into (default: report)")
    report.add_argument("--required", type=Path, metavar="FILE",
                        help="the list of required items (default: the shipped required.yaml)")
    nginx = commands.add_parser(
        "nginx", help="print an nginx configuration for the built portal",
        description="Print nginx server blocks (include them inside http {}) that serve the portal as "
                    "built: the root on its base_url's host, each sub-site with its own base_url on its "
                    "own host, the others under the root's path; each site's own 404 page; the build's "
                    ".gz (and .br) copies; a year's caching for files named by their content and "
                    "revalidation for pages; and security headers (Content-Security-Policy, "
                    "X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Permissions-Policy). "
                    "Example: python build.py nginx --out /srv/portal/current > /etc/nginx/sites-enabled/portal")
    _sites_option(nginx)
    nginx.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages")
    nginx.add_argument("--root", metavar="SLUG", help="the root portal's folder, as for build")
    nginx.add_argument("--out", type=Path, default=Path("public"), metavar="DIR",
                       help="the folder the server serves (default: public); after 'deploy', the "
                            "destination's 'current' link, e.g. /srv/portal/current")
    nginx.add_argument("--listen", default="80", type=_listen, metavar="ADDR:PORT",
                       help="nginx's listen address: PORT or ADDR:PORT (default: 80)")
    nginx.add_argument("--brotli", action="store_true",
                       help="also send the .br copies (needs ngx_brotli's static module, Debian: "
                            "libnginx-mod-http-brotli-static)")
    deploy = commands.add_parser(
        "deploy", help="send the built portal to the web server",
        description="Copy the built portal to DEST with rsync as a new release folder, hard-linked "
                    "against the live one so only changed files travel, then make it live by swapping "
                    "the DEST/current link in one step. An interrupted deploy leaves the live site as it "
                    "was. Prints the files and bytes sent. Point the web server at DEST/current.")
    deploy.add_argument("--out", type=Path, default=Path("public"), metavar="DIR",
                        help="the built portal to send (default: public)")
    deploy.add_argument("--to", required=True, metavar="DEST",
                        help="a folder on this machine, or host:path (or user@host:path) over SSH; "
                             "the SSH command is taken from RSYNC_RSH, as for rsync")
    deploy.add_argument("--keep", type=_positive, default=5, metavar="N",
                        help="releases to keep, the live one included (default: 5)")
    deploy.add_argument("--rollback", action="store_true",
                        help="send nothing: make the release before the live one live again")
    deploy.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages")
    return parser


def _listen(text: str) -> str:
    """nginx's listen address: PORT, ADDR:PORT or [IPv6]:PORT."""
    found = re.fullmatch(r"(?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.*-]+):)?(\d{1,5})", text)
    if not found or not 0 < int(found.group(2)) < 65536:
        raise argparse.ArgumentTypeError(f"'{text}' is not PORT or ADDR:PORT, e.g. 127.0.0.1:8080")
    return text


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return number


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["new"]:
        from .content.kinds import DEFAULT

        parser = make_parser(DEFAULT)
    else:
        parser = make_parser()
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        import difflib

        close = difflib.get_close_matches(argv[0], COMMANDS, n=1)
        parser.error(f"unknown command '{argv[0]}'" + (f"; did you mean '{close[0]}'?" if close else "")
                     + f" (commands: {', '.join(COMMANDS)})")
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")
    args = parser.parse_args(argv)
    from .content import find_site, site_names

    if hasattr(args, "sites"):  # every command but deploy reads the portal
        args.sites = _gather_sites(parser, args.sites)
        where = ", ".join(f"'{tree}'" for tree in args.sites)
    if getattr(args, "root", None) and find_site(args.sites, args.root) is None:
        parser.error(f"--root: no site '{args.root}' in {where} (sites: {', '.join(site_names(args.sites))})")
    if args.command in ("check", "build") and args.site:
        unknown = [slug for slug in args.site if find_site(args.sites, slug) is None]
        if unknown:
            parser.error(f"--site: no site '{', '.join(unknown)}' in {where} "
                         f"(sites: {', '.join(site_names(args.sites))})")
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "new":
            return _new(args)
        if args.command == "report":
            from .commands.report import run

            return run(args, _now(args))
        if args.command == "serve":
            return _serve(args)
        if args.command == "nginx":
            from .commands.nginx import run as nginx
            from .content.dates import build_time

            return nginx(args.sites, args.out, args.listen, args.brotli, build_time(None), args.lang, args.root)
        if args.command == "deploy":
            from .commands.deploy import run as deploy

            return deploy(args.out, args.to, args.keep, args.rollback, args.lang)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:  # a disk full, a folder without permission: nothing was published
        where = f" ({error.filename})" if error.filename else ""
        print(f"Không ghi được{where}: {error.strerror}. Bản đã xuất bản trước đó vẫn giữ nguyên. "
              f"/ Could not write{where}: {error.strerror}. The published portal is unchanged.",
              file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command}")
    return 2


def _now(args: argparse.Namespace):
    from .content.dates import build_time

    try:
        return build_time(args.now)
    except ValueError:
        print(f"--now: '{args.now}' is not a date such as '27/06/2019 17:00'", file=sys.stderr)
        raise SystemExit(2) from None


def _build(args: argparse.Namespace) -> int:
    from .commands.build import BuildSettings, build
    from .report.make import check_folder, folder_beside
    from .report.errors import ReportError, RequiredError

    report = None if args.no_report else (args.report or folder_beside(args.out))
    try:
        if args.required is not None:
            from .report.required import load_required

            load_required(args.required)
        if report is not None:
            check_folder(report, sites=args.sites, out=args.out)
    except RequiredError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 2
    except ReportError as error:
        print(error, file=sys.stderr)
        return 2
    settings = BuildSettings(args.sites, args.out, _now(args), workers=args.jobs, report=report,
                             required=args.required, only=tuple(args.site), root=args.root)
    from .progress import progress_for

    progress = progress_for(sys.stdout, args.lang)
    try:
        result = build(settings, progress)
    finally:
        progress.close()
    print_problems(result.problems, args.lang, report=report if result.sites else None)
    sys.stderr.flush()
    words = SUMMARY[args.lang]
    print(words.format(sites=result.sites, pages=result.pages, feeds=result.feeds, files=result.files,
                       warnings=result.warnings, errors=result.errors, seconds=result.seconds,
                       out=args.out))
    if result.unchanged:
        print(UNCHANGED[args.lang])
    if report is not None and result.sites:
        print(REPORTED[args.lang].format(report=report / "index.html"))
    return 1 if result.errors else 0


def _serve(args: argparse.Namespace) -> int:
    from .commands.build import BuildSettings, build
    from .commands.serve import serve

    def build_once(search: bool):
        return build(BuildSettings(args.sites, args.out, _now(args), search=search, root=args.root))

    return serve(args.sites, args.out, args.host, args.port, args.lang, build_once,
                 log=lambda line: print(line, flush=True), edit=args.edit)


def _check(args: argparse.Namespace) -> int:
    from .commands.check import check

    problems = check(args.sites, _now(args), tuple(args.site), root=args.root)
    print_problems(problems, args.lang, notes=True)
    errors = sum(1 for p in problems if p.severity == Severity.ERROR)
    warnings = sum(1 for p in problems if p.severity == Severity.WARNING)
    print(CHECKED[args.lang].format(errors=errors, warnings=warnings))
    return 1 if errors else 0


def _new(args: argparse.Namespace) -> int:
    from .commands.new import new_file

    created = new_file(args.sites, args.site, args.kind, args.title, _now(args))
    if created.path is None:
        print(created.error, file=sys.stderr)
        return 1
    print(f"Đã tạo / Created: {created.path}")
    return 0


SUMMARY = {
    "vi": "Đã dựng {sites} trang thông tin: {pages} trang web, {feeds} tệp RSS/lịch, {files} tệp ảnh "
          "và đính kèm vào '{out}'; {warnings} cảnh báo, {errors} lỗi; {seconds:.1f} giây.",
    "en": "Built {sites} sites: {pages} pages, {feeds} feeds and calendars, {files} files "
          "into '{out}'; {warnings} warnings, {errors} errors; {seconds:.1f} s.",
}
UNCHANGED = {
    "vi": "Không có gì thay đổi kể từ lần dựng trước: giữ nguyên bản đã xuất bản.",
    "en": "Nothing changed since the last build: the publication is kept as it is.",
}
REPORTED = {
    "vi": "Báo cáo cho quản trị: {report}",
    "en": "The webmaster's report: {report}",
}
CHECKED = {
    "vi": "Kiểm tra xong: {errors} lỗi, {warnings} cảnh báo.",
    "en": "Checked: {errors} errors, {warnings} warnings.",
}


PRINTED = 100  # problems printed at most; the rest are counted (the report lists them all)
MORE = {
    "vi": "... và {more} vấn đề khác{where}.",
    "en": "... and {more} more{where}.",
}
MORE_WHERE = {
    "report": {"vi": ": báo cáo {report} liệt kê tất cả", "en": ": the report {report} lists them all"},
    "site": {"vi": " (xem từng trang: python build.py check --site TÊN-THƯ-MỤC)",
             "en": " (one site at a time: python build.py check --site FOLDER)"},
}


def print_problems(problems: list[Problem], lang: str, notes: bool = False, report: Path | None = None) -> None:
    """Errors, then warnings (and notes, when asked), at most PRINTED of them: a
    province with thousands of problems must not flood the terminal."""
    sys.stdout.flush()
    shown = [p for p in problems if notes or p.severity != Severity.INFO]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    shown.sort(key=lambda p: order[p.severity])  # stable: by file within each severity
    for found in shown[:PRINTED]:
        print(found.format(lang), file=sys.stderr)
    if len(shown) > PRINTED:
        where = MORE_WHERE["report" if report else "site"][lang].format(report=report / "index.html"
                                                                        if report else "")
        print(MORE[lang].format(more=len(shown) - PRINTED, where=where), file=sys.stderr)
