"""`deploy`: send the published portal to the web server, or roll it back
(sitegen.serving.deploy)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..messages.console import say
from ..serving.deploy import DeployError, Destination, deploy, rollback


def add_arguments(parser) -> None:
    from ..options import add_lang, positive, words

    parser.add_argument("--out", type=Path, default=Path("public"), metavar="DIR", help=words(parser, "deploy-out"))
    parser.add_argument("--to", required=True, metavar="DEST", help=words(parser, "to"))
    parser.add_argument("--keep", type=positive(parser), default=5, metavar="N", help=words(parser, "keep"))
    parser.add_argument("--rollback", action="store_true", help=words(parser, "rollback"))
    add_lang(parser)


def run(args) -> int:
    """0 when the release is live, 2 when nothing changed on the server."""
    lang = args.lang
    try:
        dest = Destination.parse(args.to)
        if args.rollback:
            left, now_live = rollback(dest)
            print(say("deploy-rolled-back", lang, dest=dest, left=left, live=now_live))
            return 0
        print(say("deploy-sending", lang, out=args.out, dest=dest), flush=True)
        sent = deploy(args.out, dest, args.keep)
    except DeployError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    print(say("deploy-sent", lang, files=sent.files, size=_size(sent.bytes), wire=_size(sent.wire),
              total=sent.total_files, total_size=_size(sent.total_bytes), release=sent.release, dest=dest))
    if sent.removed:
        print(say("deploy-removed", lang, names=", ".join(sent.removed)))
    return 0


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)
