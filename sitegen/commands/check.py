"""`check`: read and validate everything, write nothing."""

from __future__ import annotations

from datetime import datetime

from ..content import Trees, find_site
from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..portal.read import read_portal
from ..problems import Problem


def check(sites: Trees, now: datetime, only: tuple[str, ...] = (), kinds: Registry = DEFAULT,
          root: str | None = None) -> list[Problem]:
    _portal, problems = read_portal(sites, now, kinds=kinds, root=root)
    if only:
        folders = tuple(str(find_site(sites, slug) or slug) for slug in only)
        problems = [p for p in problems
                    if p.path in folders or p.path.startswith(tuple(f + "/" for f in folders))]
    return sorted(problems, key=Problem.sort_key)


def add_arguments(parser) -> None:
    from ..options import add_common, words

    add_common(parser)
    parser.add_argument("--site", action="append", metavar="SLUG", default=[], help=words(parser, "check-site"))


def run(args) -> int:
    """Print every problem, notes included, and the counts: 0, or 1 when there is an error."""
    from ..console import counts, print_problems
    from ..messages.console import say
    from ..options import now_of

    problems = check(args.sites, now_of(args), tuple(args.site), root=args.root)
    print_problems(problems, args.lang, notes=True)
    errors, warnings = counts(problems)
    print(say("check-summary", args.lang, errors=errors, warnings=warnings))
    return 1 if errors else 0
