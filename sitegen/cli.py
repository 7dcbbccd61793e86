"""The command line: a table of commands. Each commands/<name>.py declares its
arguments (add_arguments) and does its work and printing (run(args) -> int);
this module only picks the command, parses, and turns the portal's folders
and an unusable output into what the user reads.

Exit status: 0 clean, 1 content errors (everything valid still published),
2 wrong usage or an output folder that cannot be used.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .messages.console import say
from .options import Parser, gather_sites, language, words
from .publish.staging import PublishError

# The commands, in the order --help lists them; the first is the default.
COMMANDS = ("build", "check", "new", "serve", "service", "report", "nginx", "deploy", "systemd", "import")


def make_parser(lang: str = "vi", command: str | None = None) -> Parser:
    """The command line in a language. Only the command given declares its
    arguments: the others' modules (and what they load) are not imported."""
    parser = Parser(prog="python build.py", lang=lang, raw=True)
    parser.description = words(parser, "description")
    commands = parser.add_subparsers(dest="command", metavar=words(parser, "command-metavar"),
                                     title=words(parser, "commands-title"),
                                     parser_class=Parser)
    for name in COMMANDS:
        sub = commands.add_parser(name, help=words(parser, name), description=words(parser, f"{name}-description"),
                                  lang=lang, prog=f"python build.py {name}")
        if name == command:
            _module(name).add_arguments(sub)
    return parser


def _module(name: str):
    return importlib.import_module(f".commands.{name}", __package__)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = language(argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        _unknown_command(make_parser(lang), argv[0], lang)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")
    parser = make_parser(lang, argv[0])
    args = parser.parse_args(argv)
    if hasattr(args, "sites"):  # every command but deploy reads the portal
        args.sites = gather_sites(parser, args.sites, args.lang)
        _check_named_sites(parser, args)
    try:
        return _module(args.command).run(args)
    except OSError as error:  # a disk full, a folder without permission: nothing was published
        message = getattr(error, "message", None)
        if message is not None:  # one of ours (PublishError, ReportError), worded by the catalogue
            print(message(args.lang), file=sys.stderr)
        else:
            where = f" ({error.filename})" if error.filename else ""
            print(say("could-not-write", args.lang, where=where, reason=error.strerror), file=sys.stderr)
        return 2
    except PublishError as error:  # the output folder cannot be used
        print(error.message(args.lang), file=sys.stderr)
        return 2


def _unknown_command(parser: Parser, given: str, lang: str) -> None:
    import difflib

    close = difflib.get_close_matches(given, COMMANDS, n=1)
    parser.error(say("unknown-command", lang, command=given, commands=", ".join(COMMANDS),
                     close=say("did-you-mean-command", lang, command=close[0]) if close else ""))


def _check_named_sites(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--root and --site name folders of the portal: say which exist when they do not."""
    from .content import find_site, site_names

    where = ", ".join(f"'{tree}'" for tree in args.sites)
    known = ", ".join(site_names(args.sites))
    if getattr(args, "root", None) and find_site(args.sites, args.root) is None:
        parser.error(say("root-unknown", args.lang, slug=args.root, where=where, known=known))
    named = getattr(args, "site", None)
    unknown = [slug for slug in named if find_site(args.sites, slug) is None] if isinstance(named, list) else []
    if unknown:
        parser.error(say("site-unknown", args.lang, slug=", ".join(unknown), where=where, known=known))
