"""The main menu's group of what the law makes public to citizens.

The list of public information (Công khai), the drafts put out for comment
(Lấy ý kiến dự thảo) and the schedule of citizen reception (Tiếp công dân)
are reachable from every site's main menu, whatever its site.yaml lists:
the kinds declare these pages (Publishing.menu_group) and they are gathered
into one entry, "Công dân", whose links open under it (a wide screen keeps
the menu on one row). A page the menu already lists at its top level is not
listed again; the group goes after the first top-level entry of a kind that
has a page in it (the documents register), else at the menu's end.
"""

from __future__ import annotations

from ..content.kind import MenuPlace, Registry

GROUP_KEY = "citizens"  # the group's wording


def group(kinds: Registry, listed: list[str | None]) -> tuple[int, tuple[MenuPlace, ...]] | None:
    """Where the group goes among the menu's entries (their paths, in order) and
    the pages it holds, in their ranks; None when every one is listed already."""
    places = sorted((place for kind in kinds if kind.publishing for place in kind.publishing.menu_group),
                    key=lambda place: (place.rank, place.path))
    pages = tuple(place for place in places if place.path not in listed)
    if not pages:
        return None
    sections = {kind.publishing.section for kind in kinds if kind.publishing and kind.publishing.menu_group}
    after = next((index for index, path in enumerate(listed) if path in sections), len(listed) - 1)
    return after + 1, pages
