"""`import`: bring an existing portal's content in (sitegen.importing): a WordPress
export, a NukeViet database, the national procedure list; repeatable."""

from __future__ import annotations

import sys
from pathlib import Path

SOURCES = ("wordpress", "nukeviet", "procedures")


def add_arguments(parser) -> None:
    from ..options import add_sites, words

    parser.add_argument("source", choices=SOURCES, help=words(parser, "import-source"))
    parser.add_argument("input", metavar="FILE|URL", help=words(parser, "import-input"))
    parser.add_argument("--site", required=True, metavar="SLUG", help=words(parser, "import-site"))
    add_sites(parser)
    parser.add_argument("--uploads", type=Path, metavar="DIR", help=words(parser, "import-uploads"))
    parser.add_argument("--prefix", default="nv4", help=words(parser, "import-prefix"))
    # NukeViet's language of the data; the messages' language follows it when it is 'en'
    parser.add_argument("--lang", default=parser.lang, metavar="LANG", help=words(parser, "import-lang"))


def run(args) -> int:
    """0 when imported; 2 when the source or the site cannot be used (nothing written)."""
    from ..content import find_site, site_names
    from ..importing import read
    from ..importing.model import SourceError
    from ..importing.summary import write_summary
    from ..importing.write import Writer
    from ..messages.console import say

    lang = "en" if args.lang == "en" else "vi"
    folder = find_site(args.sites, args.site)
    if folder is None:
        print(say("import-no-site", lang, site=args.site, sites=", ".join(map(str, args.sites)),
                  known=", ".join(site_names(args.sites))), file=sys.stderr)
        return 2
    if args.uploads is not None and not args.uploads.is_dir():
        print(say("import-uploads-not-folder", lang, path=args.uploads), file=sys.stderr)
        return 2
    try:
        batch = read(args.source, args.input, prefix=args.prefix, data_lang=args.lang)
    except SourceError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    outcome = Writer(folder, batch, args.uploads).write()
    summary = write_summary(folder, batch, outcome)
    look = (len(outcome.notes) + len(outcome.missing) + len(outcome.refused) + len(outcome.elsewhere)
            + len(outcome.kept))
    print(say("import-done", lang, source=batch.source, site=args.site, added=sum(outcome.added.values()),
              updated=len(outcome.updated), unchanged=outcome.unchanged, left=len(batch.left_out), look=look,
              summary=summary))
    return 0
