"""The options several commands share, and the parser that words its help in
the command line's language (Vietnamese unless --lang en or an English LANG).

Each command declares its own arguments (commands/<name>.py add_arguments)
with these helpers; its help is looked up in the catalogue (messages/cli.py).
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from .messages.cli import HELP
from .messages.console import say


def language(argv: list[str]) -> str:
    """--lang as given anywhere on the line, else the environment's (LANG,
    LC_ALL, LANGUAGE): 'en' for English, otherwise Vietnamese."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "vi"
        if word.startswith("--lang="):
            return "en" if word.split("=", 1)[1] == "en" else "vi"
    for name in ("LC_ALL", "LANGUAGE", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "vi"
    return "vi"


class Parser(argparse.ArgumentParser):
    """argparse in the command line's language: headings, -h and errors."""

    def __init__(self, *args, lang: str = "vi", raw: bool = False, **kwargs):
        self.lang = lang
        kwargs.setdefault("formatter_class", _formatter(lang, raw))
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = words(self, "positionals")
        self._optionals.title = words(self, "options")
        self.add_argument("-h", "--help", action="help", help=words(self, "help"))

    def error(self, message: str):
        import sys

        self.print_usage(sys.stderr)
        self.exit(2, words(self, "error").format(prog=self.prog, message=message))


def _formatter(lang: str, raw: bool):
    """raw: the description keeps its own line breaks (the command list's)."""
    class Formatter(argparse.RawDescriptionHelpFormatter if raw else argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, HELP["usage"][lang == "en"] if prefix is None else prefix)

    return Formatter


def words(parser: Parser, key: str, **values: object) -> str:
    """A help text of the catalogue in the parser's language."""
    vi, en = HELP[key]
    text = en if getattr(parser, "lang", "vi") == "en" else vi
    return text.format(**values) if values else text


def add_sites(parser: Parser) -> None:
    parser.add_argument("--sites", action="append", metavar="DIR", help=words(parser, "sites"))


def add_lang(parser: Parser) -> None:
    parser.add_argument("--lang", choices=("vi", "en"), default=parser.lang, help=words(parser, "lang"))


def add_common(parser: Parser) -> None:
    """--sites, --lang, --root and --now: what every command that reads the portal takes."""
    add_sites(parser)
    add_lang(parser)
    parser.add_argument("--root", metavar="SLUG", help=words(parser, "root"))
    parser.add_argument("--now", metavar="'DD/MM/YYYY HH:MM'", help=words(parser, "now"))


def add_service(parser: Parser) -> None:
    """The publishing service's options: `service` runs with them, `systemd` writes them into its unit."""
    add_sites(parser)
    add_lang(parser)
    parser.add_argument("--root", metavar="SLUG", help=words(parser, "root"))
    parser.add_argument("--out", type=Path, default=Path("public"), metavar="DIR", help=words(parser, "service-out"))
    parser.add_argument("--editors", type=Path, required=True, metavar="FILE", help=words(parser, "editors"))
    parser.add_argument("--listen", default="127.0.0.1:8750", type=listen_address(parser), metavar="ADDR:PORT",
                        help=words(parser, "service-listen"))
    parser.add_argument("--key", type=Path, metavar="FILE", help=words(parser, "service-key"))
    parser.add_argument("--report", type=Path, metavar="FILE", help=words(parser, "service-report"))
    parser.add_argument("--deploy-to", action="append", default=[], metavar="DEST", help=words(parser, "deploy-to"))


def now_of(args: argparse.Namespace):
    """--now as a moment, else SOURCE_DATE_EPOCH or the clock; a bad value ends the command (2)."""
    from .content.dates import build_time

    try:
        return build_time(getattr(args, "now", None))
    except ValueError:
        import sys

        print(say("bad-now", args.lang, value=args.now), file=sys.stderr)
        raise SystemExit(2) from None


def listen_address(parser: Parser):
    """nginx's listen address: PORT, ADDR:PORT or [IPv6]:PORT."""
    def parse(text: str) -> str:
        found = re.fullmatch(r"(?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.*-]+):)?(\d{1,5})", text)
        if not found or not 0 < int(found.group(2)) < 65536:
            raise argparse.ArgumentTypeError(say("bad-listen", parser.lang, value=text))
        return text

    return parse


def positive(parser: Parser):
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            number = 0
        if number < 1:
            raise argparse.ArgumentTypeError(say("bad-positive", parser.lang, value=text))
        return number

    return parse


def gather_sites(parser: Parser, given: list[str] | None, lang: str) -> tuple[Path, ...]:
    """--sites as folders: each value a folder or a quoted pattern of folders."""
    import glob

    from .content import duplicate_sites

    trees: list[Path] = []
    for value in given or ["sites"]:
        if glob.has_magic(value):
            matched = sorted(Path(p) for p in glob.glob(value) if Path(p).is_dir())
            if not matched:
                parser.error(say("sites-no-match", lang, value=value))
            trees.extend(matched)
        elif not Path(value).is_dir():
            parser.error(say("sites-not-folder", lang, value=value))
        else:
            trees.append(Path(value))
    unique = {}
    for tree in trees:  # one folder given twice (or matched by two patterns) counts once
        unique.setdefault(tree.resolve(), tree)
    for first, other in duplicate_sites(list(unique.values())):
        parser.error(say("sites-twice", lang, name=first.name, first=first, other=other))
    return tuple(unique.values())
