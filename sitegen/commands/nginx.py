"""`nginx`: print the web server's configuration for the portal (sitegen.serving.nginx)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..messages.console import say
from ..portal.read import read_portal
from ..problems import Severity
from ..publish.staging import MARKER
from ..serving.nginx import ConfigError, Options, configuration, served_sites


def add_arguments(parser) -> None:
    from ..options import add_lang, add_sites, listen_address, words

    add_sites(parser)
    add_lang(parser)
    parser.add_argument("--root", metavar="SLUG", help=words(parser, "root"))
    parser.add_argument("--out", type=Path, default=Path("public"), metavar="DIR", help=words(parser, "nginx-out"))
    parser.add_argument("--listen", default="80", type=listen_address(parser), metavar="ADDR:PORT",
                        help=words(parser, "listen"))
    parser.add_argument("--brotli", action="store_true", help=words(parser, "brotli"))


def run(args) -> int:
    """Print the configuration on stdout; notes and errors on stderr. 0, 1 (no portal) or 2."""
    from ..content.dates import build_time

    portal, problems = read_portal(args.sites, build_time(None), root=args.root)
    for found in problems:
        # The sites' own files say where each is served: their mistakes change the configuration.
        if found.severity == Severity.ERROR and (portal is None or Path(found.path).name == "site.yaml"):
            print(found.format(args.lang), file=sys.stderr)
    if portal is None:
        return 1
    folder = os.path.abspath(args.out)
    try:
        served = served_sites(portal)
        text = configuration(served, Options(folder, args.listen, args.brotli))
    except ConfigError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 2
    if not served[0].host:
        print(say("nginx-any-host", args.lang), file=sys.stderr)
    if not (Path(folder) / MARKER).is_file():
        print(say("nginx-not-built", args.lang, out=folder), file=sys.stderr)
    sys.stdout.write(text)
    return 0
