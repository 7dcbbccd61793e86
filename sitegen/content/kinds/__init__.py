"""The kinds of content a portal publishes, one module each.

To add a kind: declare it in a module of its own here (its fields, record,
pages, structured data, scaffold and report checks: see content/kind.py),
add it to DEFAULT below, write its templates in themes/default/templates/
(or let it use the generic item.html and items.html) and its wording in
themes/default/wording.yaml and sitegen/messages/.
"""

from __future__ import annotations

from ..kind import Registry
from .documents import DOCUMENTS
from .news import NEWS
from .pages import PAGES
from .procedures import PROCEDURES
from .questions import QUESTIONS
from .schedule import SCHEDULE
from .site import SITE
from .staff import STAFF

# The order is the order of the pages in each site's plan (and its sitemap).
DEFAULT = Registry(SITE, (NEWS, STAFF, SCHEDULE, PROCEDURES, PAGES, DOCUMENTS, QUESTIONS))
