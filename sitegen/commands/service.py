"""`service`: the publishing service (sitegen.service): the admin pages' back end
on the live portal, review, Git history, builds by itself; runs until stopped."""

from __future__ import annotations

import sys


def add_arguments(parser) -> None:
    from ..options import add_service

    add_service(parser)


def run(args) -> int:
    """0 once stopped; 1 when the portal cannot be built; 2 when the service cannot start."""
    from ..messages.console import Said, say
    from ..service import ServiceSettings, run as serve

    if not args.sites or len(args.sites) != 1:
        print(say("service-one-sites", args.lang), file=sys.stderr)
        return 2
    settings = ServiceSettings(args.sites[0], args.out, args.editors, args.listen, args.key, args.report,
                               tuple(args.deploy_to), args.root, args.lang)
    try:
        return serve(settings, lambda line: print(line, flush=True))
    except Said as error:
        print(error.message(args.lang), file=sys.stderr)
        return 2
    except OSError as error:
        print(say("service-cannot-listen", args.lang, address=args.listen, reason=error.strerror or error),
              file=sys.stderr)
        return 2
