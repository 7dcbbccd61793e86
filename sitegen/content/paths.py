"""Where the pages every site has, whatever its kinds, live in the site.

Paths are relative to the site's own root; they end in '/' for a folder
page (written as index.html) or name a file. Section names are Vietnamese
without diacritics, like the rest of the URLs. Each kind declares its own
section (sitegen/content/kinds/).
"""

from __future__ import annotations

SUBSITES = "don-vi/"
SEARCH = "tim-kiem/"
ASSETS = "assets/"
SEARCH_INDEX = "pagefind/"  # written by Pagefind after the pages
NOT_FOUND = "404.html"
FEED_RSS = "rss.xml"
FEED_ATOM = "atom.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
PICTURES = "images/"
FILES = "files/"
ADMIN = "quan-tri/"  # the admin page (Decap CMS): kept out of the sitemap, the search and robots
ADMIN_CONFIG = ADMIN + "config.yml"  # what Decap loads beside its page

# Names at a site's root that its own pages and (on the root) its sub-sites
# may not take: the folders above, and the names of list pages ('trang-2').
SITE_FOLDERS = frozenset(p.strip("/") for p in (SUBSITES, SEARCH, ASSETS, SEARCH_INDEX, PICTURES, FILES,
                                                ADMIN)) \
    | {"trang", "404"}


def output_file(path: str) -> str:
    """The file written for a path: folder pages become index.html."""
    return path + "index.html" if path.endswith("/") or path == "" else path


# The site-wide paths by name, for templates: link(paths.search).
SECTIONS = {
    "subsites": SUBSITES, "search": SEARCH, "assets": ASSETS, "search_index": SEARCH_INDEX,
    "rss": FEED_RSS, "atom": FEED_ATOM,
}
