"""`new`: write a ready-to-edit file for an editor, never over an existing one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..content import Trees, find_site, portal_trees, site_names
from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..content.scaffold import scaffold, taken_values


@dataclass(frozen=True)
class Created:
    path: Path | None
    error: str = ""  # a code of the console catalogue (messages/console.py) when nothing was written
    values: dict = field(default_factory=dict)


def new_file(sites: Trees, site: str, kind_name: str, title: str, now: datetime,
             kinds: Registry = DEFAULT) -> Created:
    folder = find_site(sites, site)
    if folder is None:
        where = ", ".join(str(tree) for tree in portal_trees(sites))
        known = ", ".join(site_names(sites))
        return Created(None, "no-such-site", {"site": site, "where": where, "known": known})
    if not title.strip():
        return Created(None, "new-no-title")
    kind = kinds[kind_name]
    made = scaffold(kind, " ".join(title.split()), now, taken_values(kind, folder))
    target = folder / made.folder / made.name
    if target.exists():
        return Created(None, "new-exists", {"path": target})
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(made.text)
    return Created(target)


def add_arguments(parser) -> None:
    from ..options import add_sites, add_lang, words

    parser.add_argument("kind", choices=[kind.name for kind in DEFAULT],
                        help=words(parser, "new-kind", kinds=", ".join(f"{k.name} ({k.label})" for k in DEFAULT)))
    parser.add_argument("title", help=words(parser, "new-title"))
    parser.add_argument("--site", required=True, metavar="SLUG", help=words(parser, "new-site"))
    add_sites(parser)
    add_lang(parser)
    parser.add_argument("--now", metavar="'DD/MM/YYYY HH:MM'", help=words(parser, "new-now"))


def run(args) -> int:
    """Write the file and say where: 0, or 1 when nothing was written (said why)."""
    import sys

    from ..messages.console import say
    from ..options import now_of

    created = new_file(args.sites, args.site, args.kind, args.title, now_of(args))
    if created.path is None:
        print(say(created.error, args.lang, **created.values), file=sys.stderr)
        return 1
    print(say("created", args.lang, path=created.path))
    return 0
