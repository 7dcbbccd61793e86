"""`systemd`: print the systemd unit that runs the publishing service
(`python build.py service`) with the options given: this checkout's build.py
under this virtual environment's Python, every path absolute, restarted on
failure, and allowed to write only where the service writes (the content
repositories, the output's folder, the key's and the report's folders, a
deploy's local destination)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from ..messages.console import say

UNIT = "sitegen.service"
CHECKOUT = Path(__file__).resolve().parents[2]  # the folder of build.py
HOMES = ("/home", "/root", "/run/user")  # what ProtectHome= hides
TEMPORARY = ("/tmp", "/var/tmp")  # what PrivateTmp= replaces by the service's own, empty
_USER = re.compile(r"[a-z_][a-z0-9_-]{0,30}\$?|\d+")
_PLAIN = re.compile(r"[A-Za-z0-9_@+=:,./-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _Refused(Exception):
    """A value a unit file cannot hold (a control character would start a line of its own)."""


def add_arguments(parser) -> None:
    from ..options import add_service, words

    add_service(parser)
    parser.add_argument("--user", default="sitegen", type=_user(parser), metavar="NAME",
                        help=words(parser, "systemd-user"))


def _user(parser):
    def parse(text: str) -> str:
        if not _USER.fullmatch(text):
            raise argparse.ArgumentTypeError(say("systemd-bad-user", parser.lang, value=text))
        return text

    return parse


def run(args) -> int:
    """The unit on stdout, how to install it on stderr: 0, or 2 for a value no unit can hold."""
    try:
        text = unit(args)
    except _Refused as error:
        print(say("systemd-refused", args.lang, value=repr(str(error))), file=sys.stderr)
        return 2
    sys.stdout.write(text)
    print(say("systemd-install", args.lang, unit=UNIT, user=args.user), file=sys.stderr)
    return 0


def unit(args) -> str:
    """sitegen.service for the options given; raises _Refused for a value it cannot hold."""
    command = [os.path.abspath(sys.executable), str(CHECKOUT / "build.py"), "service", *service_words(args)]
    writable = writable_paths(args)
    hardening = ["NoNewPrivileges=yes", "ProtectSystem=strict",
                 "ReadWritePaths=" + " ".join(_quote(path) for path in writable)]
    # Each only where no folder the service writes would vanish under it.
    if not any(_under(path, folder) for path in writable for folder in TEMPORARY):
        hardening.append("PrivateTmp=yes")
    if not any(_under(path, folder) for path in writable for folder in HOMES):
        hardening.append("ProtectHome=read-only")
    lines = ["[Unit]", "Description=sitegen publishing service", "After=network.target", "",
             "[Service]", "Type=simple", f"User={args.user}",
             f"WorkingDirectory={_specifiers(_checked(str(CHECKOUT)))}",
             "ExecStart=" + " ".join(_quote(word, command=True) for word in command),
             "Restart=on-failure", "KillSignal=SIGTERM", "TimeoutStopSec=60",
             "Environment=LANG=C.UTF-8 PYTHONUNBUFFERED=1", *hardening, "",
             "[Install]", "WantedBy=multi-user.target"]
    return "\n".join(lines) + "\n"


def service_words(args) -> list[str]:
    """The service's options as given (options.add_service declares them), paths made absolute."""
    from ..options import Parser, add_service

    declared = Parser(prog="python build.py service", lang=args.lang)
    add_service(declared)
    words = []
    for action in declared._actions:
        if not action.option_strings or action.dest == "help":
            continue
        value = getattr(args, action.dest, None)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is None or item is False:
                continue
            option = action.option_strings[-1]
            if item is True:
                words.append(option)
            else:
                text = _absolute(action.dest, item)
                words += [f"{option}={text}"] if text.startswith("-") else [option, text]  # never read as an option
    return words


def _absolute(dest: str, value) -> str:
    if isinstance(value, Path):
        return os.path.abspath(value)
    if dest == "deploy_to":
        return _local(value) or value
    return str(value)


def _local(dest: str) -> str | None:
    """A deploy's destination on this machine, absolute; None for host:path (over SSH)."""
    from ..serving.deploy import DeployError, Destination

    try:
        return os.path.abspath(dest) if Destination.parse(dest).host is None else None
    except DeployError:  # not a host the service could reach: it says so itself
        return None


def writable_paths(args) -> list[str]:
    """Where the service writes: each content repository (the --sites folder's Git top
    level), the output's folder (its cache, staging folder and lock sit beside it), the
    key's folder (beside the editors file unless --key), the report's, local deploys."""
    found = [_top_level(Path(tree)) for tree in args.sites]
    found.append(os.path.dirname(os.path.abspath(args.out)))
    found.append(os.path.dirname(os.path.abspath(args.key or args.editors)))
    if args.report is not None:
        found.append(os.path.dirname(os.path.abspath(args.report)))
    found += [local for local in map(_local, args.deploy_to) if local]
    kept: list[str] = []
    for path in sorted(set(found)):
        if not any(_under(path, other) for other in kept):
            kept.append(path)
    return kept


def _top_level(folder: Path) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        done = None
    top = done.stdout.strip() if done is not None and done.returncode == 0 else ""
    return os.path.abspath(top or folder)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _checked(word: str) -> str:
    if _CONTROL.search(word):
        raise _Refused(word)
    return word


def _specifiers(word: str) -> str:
    return word.replace("%", "%%")  # systemd reads %x as a specifier


def _quote(word: str, command: bool = False) -> str:
    """One word of a unit's list (ExecStart=, ReadWritePaths=): quoted where it has spaces or
    quotes; in a command, '$' doubled so no variable is expanded."""
    word = _specifiers(_checked(word))
    if command:
        word = word.replace("$", "$$")
    if _PLAIN.fullmatch(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
