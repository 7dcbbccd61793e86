"""A NukeViet 4 database (MySQL or MariaDB) read into a Batch:

    python build.py import nukeviet mysql://user:password@host:port/database --site SLUG
        [--prefix nv4] [--lang vi] [--uploads DIR]

The database is read whole, read-only, before anything is written
(nukeviet_db.py: the address, the connection, clear errors for a server not
there, an account refused, a database that is not NukeViet's or a wrong
prefix or language, naming those it holds). nukeviet_site.py reads what the
site says once (configuration, modules, groups, how it wrote addresses);
then each module of the language is read by what it is (its module_file),
copies ('virtual modules', a second news or laws module) included:

    news    nukeviet_news.py    news articles
    laws    nukeviet_laws.py    the documents register, drafts for comment
    organs  nukeviet_staff.py   staff

A module of these switched off on the old site (act 0) is not read, and the
content modules this reader does not bring in (page, faq, videoclips,
download, photos) are named in the summary, each as a LeftOut.

Each item's key is `<module_data>-<id>@<addtime>`: a re-import of the same
database (or of a later copy of it) finds the item again, and two old sites
merged into one commune, whose ids both start at 1, never take each other's
files.
"""

from __future__ import annotations

from datetime import datetime

from .model import Batch, LeftOut
from .nukeviet_db import Database, parse_address
from .nukeviet_laws import Laws
from .nukeviet_news import News
from .nukeviet_site import Site
from .nukeviet_staff import Staff

SOURCE = "nukeviet"
READERS = {"news": News, "laws": Laws, "organs": Staff}
NOT_READ = ("page", "faq", "videoclips", "download", "photos")  # content modules named as not brought in


def read_nukeviet(url: str, prefix: str = "nv4", lang: str = "vi", now: datetime | None = None) -> Batch:
    """The database at url as a Batch; SourceError when it cannot be read at all."""
    with Database(parse_address(url)) as db:
        site = Site(db, prefix, lang, now)
        batch = Batch(SOURCE, uploads_base=site.bases())
        readers = []
        for module in site.modules:
            reader = READERS.get(module.file)
            if reader is not None and module.active:
                readers.append(reader(site, module))
            elif reader is not None or module.file in NOT_READ:
                batch.left_out.append(LeftOut(f"module-{module.name}", module.title,
                                              "import-nv-module-off" if reader else "import-nv-module-other",
                                              {"module": module.name, "file": module.file}))
        for reader in readers:
            reader.read(batch)
    return batch
