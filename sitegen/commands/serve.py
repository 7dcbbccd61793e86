"""`serve`: the editors' live preview (sitegen.preview): build, serve on this
machine, rebuild and reload on every save; --edit also saves from the admin pages."""

from __future__ import annotations

from pathlib import Path


def add_arguments(parser) -> None:
    from ..options import add_common, words

    add_common(parser)
    parser.add_argument("--out", type=Path, default=Path("public"), metavar="DIR", help=words(parser, "serve-out"))
    parser.add_argument("--port", type=int, default=8000, help=words(parser, "port"))
    parser.add_argument("--host", default="127.0.0.1", help=words(parser, "host"))
    parser.add_argument("--edit", action="store_true", help=words(parser, "edit"))


def run(args) -> int:
    """Serve until stopped: 0, 1 when the portal cannot be built, 2 when the address cannot be used."""
    from ..options import now_of
    from ..preview import serve
    from ..pipeline import BuildSettings, build

    def build_once(search: bool):
        return build(BuildSettings(args.sites, args.out, now_of(args), search=search, root=args.root))

    return serve(args.sites, args.out, args.host, args.port, args.lang, build_once,
                 log=lambda line: print(line, flush=True), edit=args.edit)
