"""The pages of the documents register (see documents.py for the records).

  van-ban/                    every document, newest first, 50 a page (with a feed,
                              and van-ban/danh-muc.json for the filter that runs
                              with JavaScript)
  van-ban/loai/<type>/        by type; van-ban/nam/<year>/ by year of issue
  van-ban/nhom/<section>/     by section; a disclosure section grouped by period
  van-ban/<number>/           one document
  lay-y-kien/                 drafts put out for comment, open ones first (a draft
                              for comment is not in the register of issued documents;
                              its page is van-ban/<number>/ all the same)
  cong-khai/                  the list of information to be made public (LATI
                              Art. 19(1)(g)): name, number, date, first published, link
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ...vietnamese import collation_key
from ..kind import Crumb, FeedOf, Listed, ListPage
from ..listing import FeedEntry, paginated
from ..vocabulary import DOCUMENT_SECTIONS, DOCUMENT_TYPES

SECTION = "van-ban/"
CONSULTATIONS = "lay-y-kien/"
PUBLIC_LIST = "cong-khai/"
FILTER_DATA = SECTION + "danh-muc.json"
BY_TYPE, BY_YEAR, BY_SECTION = SECTION + "loai/", SECTION + "nam/", SECTION + "nhom/"
PER_PAGE = 50
HOME_DRAFTS = 4
REGISTER = Crumb(SECTION, key="documents")


# What a document is, at the build's moment ------------------------------------

@dataclass(frozen=True)
class State:
    """A document's legal force in words, and the document replacing it."""

    key: str  # in-force, not-yet, expired, replaced; draft (put out for comment); disclosed (công khai, no force)
    replaced_by: object = None  # the Document replacing it, when this site has it
    replacement_number: str = ""
    disclosed: bool = False  # published in a disclosure section (công khai), whatever its force


# The types that take effect: a disclosed decision is in force or not like any other.
FORCE_TYPES = frozenset({"nghi-quyet", "quyet-dinh", "chi-thi", "quy-che", "ke-hoach", "chuong-trinh", "de-an",
                         "huong-dan", "cong-dien"})


def state(document, now: datetime, by_number: dict) -> State:
    """Legal force comes from the document's type and dates; a draft has none
    yet. The section says where it is published: a disclosure (a budget report,
    a planning decision) is 'công khai', and in force too when it takes effect."""
    if document.type == "du-thao" or document.consultation is not None:
        return State("draft")
    if not document.disclosure:
        return _force(document, now, by_number)
    if document.type in FORCE_TYPES or document.effective or document.expires or document.replaced_by:
        return replace(_force(document, now, by_number), disclosed=True)
    return State("disclosed", disclosed=True)


def _force(document, now: datetime, by_number: dict) -> State:
    if document.replaced_by:
        return State("replaced", by_number.get(document.replaced_by), document.replaced_by)
    if document.expires is not None and document.expires <= now:
        return State("expired")
    if document.effective is not None and document.effective > now:
        return State("not-yet")
    return State("in-force")


@dataclass(frozen=True)
class Comments:
    """A draft put out for comment, at the build's moment."""

    open: bool
    until: datetime
    days_left: int  # calendar days to the deadline (0: it ends today)


def comments(document, now: datetime) -> Comments | None:
    consultation = document.consultation
    if consultation is None:
        return None
    return Comments(consultation.until > now, consultation.until, (consultation.until.date() - now.date()).days)


def open_drafts(documents: tuple, now: datetime) -> tuple:
    """The drafts still open for comment, the nearest deadline first."""
    return tuple(sorted((d for d in documents if d.consultation and d.consultation.until > now),
                        key=lambda d: (d.consultation.until, d.number)))


def changes(documents: tuple, now: datetime):
    """When the clock alone changes a document's pages: it takes or loses force,
    a consultation closes, and each midnight while one is open (days left)."""
    for document in documents:
        yield from (m for m in (document.effective, document.expires) if m is not None)
        if document.consultation is not None:
            yield document.consultation.until
            if document.consultation.until > now:
                yield (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)


def _by_number(listed: Listed) -> dict:
    return listed.memo("by_number", lambda: {d.number: d for d in listed.items})


def _issued(listed: Listed) -> tuple:
    """The register of issued documents: every document but the drafts for comment."""
    return listed.memo("issued", lambda: tuple(d for d in listed.items if not d.for_comment))


def posted(document, listed: Listed) -> datetime | None:
    """'Ngày đăng lên trang': the editor's `posted`, else the moment the ledger
    first saw the document (publish/ledger.py), when that is a true date: the
    document was issued on or after the day the ledger began on this site (its
    earliest entry) and first published on or after its issue. A document
    issued before the ledger began was posted earlier, on paper or an older
    portal: its date is not known, and none is made up."""
    if document.posted is not None:
        return document.posted
    seen = listed.site.first_published.get(("document", document.number))
    if seen is None:
        return None
    began = listed.memo("ledger_began", lambda: min(
        (m for (kind, _), m in listed.site.first_published.items() if kind == "document"), default=seen)).date()
    if document.issued is None:  # a draft with no date of its own: only once the ledger was running
        return seen if seen.date() > began else None
    return seen if began <= document.issued.date() <= seen.date() else None


# Pages -------------------------------------------------------------------------

def item_context(document, index: int, listed: Listed) -> dict:
    return {"state": state(document, listed.now, _by_number(listed)),
            "comments": comments(document, listed.now),
            "posted": posted(document, listed)}


def item_crumbs(document, listed: Listed) -> tuple[Crumb, ...]:
    """A draft for comment is found under the drafts, not in the register."""
    return (Crumb(CONSULTATIONS, key="consultations"),) if document.for_comment else ()


def register(listed: Listed):
    """Every issued document, newest first, and the ways to browse them without JavaScript."""
    issued = _issued(listed)
    browse = {
        "types": tuple((DOCUMENT_TYPES.label(key), f"{BY_TYPE}{key}/") for key in DOCUMENT_TYPES.keys
                       if any(d.type == key for d in issued)),
        "years": tuple((str(year), f"{BY_YEAR}{year}/") for year in _years(issued)),
        "sections": tuple((DOCUMENT_SECTIONS.label(key), f"{BY_SECTION}{key}/") for key in DOCUMENT_SECTIONS.keys
                          if any(d.section == key for d in issued)),
    }
    yield from paginated(issued, SECTION, page_type="documents", template="documents.html",
                         title_key="documents", crumbs=(REGISTER,), feed=FeedOf(SECTION, "feed_title_documents"),
                         per_page=PER_PAGE, browse=browse, filter_data=FILTER_DATA, states=_states(listed))


def by_type(listed: Listed):
    for key in DOCUMENT_TYPES.keys:
        found = tuple(d for d in _issued(listed) if d.type == key)
        if found:
            yield from _browsed(listed, found, f"{BY_TYPE}{key}/", DOCUMENT_TYPES.label(key))


def by_year(listed: Listed):
    for year in _years(_issued(listed)):
        found = tuple(d for d in _issued(listed) if d.issued.year == year)
        yield from _browsed(listed, found, f"{BY_YEAR}{year}/", str(year))


def by_section(listed: Listed):
    """A section's documents; a disclosure section's grouped by period, newest first."""
    for key in DOCUMENT_SECTIONS.keys:
        found = tuple(d for d in _issued(listed) if d.section == key)
        if not found:
            continue
        path = f"{BY_SECTION}{key}/"
        title = DOCUMENT_SECTIONS.label(key)
        if found[0].disclosure:
            yield ListPage(path, "documents-section", "documents.html", title=title,
                           crumbs=(REGISTER, Crumb(path, title)),
                           context={"groups": _by_period(found), "states": _states(listed)})
        else:
            yield from _browsed(listed, found, path, title)


def _browsed(listed: Listed, documents: tuple, path: str, title: str):
    yield from paginated(documents, path, page_type="documents-section", template="documents.html",
                         title=title, crumbs=(REGISTER, Crumb(path, title)), per_page=PER_PAGE,
                         states=_states(listed))


def _states(listed: Listed) -> dict:
    """Each document's legal force (a State: the replacing document too), by number,
    for the lists' state column."""
    return listed.memo("states", lambda: {d.number: state(d, listed.now, _by_number(listed))
                                         for d in listed.items})


def _years(documents: tuple) -> list[int]:
    return sorted({d.issued.year for d in documents}, reverse=True)


def _by_period(documents: tuple) -> tuple[tuple[str, tuple], ...]:
    """Disclosures by the period they cover, the most recently issued period first."""
    groups: dict[str, list] = defaultdict(list)
    for document in documents:
        groups[document.period].append(document)
    order = sorted(groups, key=lambda period: (max(d.issued for d in groups[period]), collation_key(period)),
                   reverse=True)
    return tuple((period, tuple(groups[period])) for period in order)


def consultations(listed: Listed):
    """Drafts for comment: those still open, nearest deadline first, then the closed ones.
    Every site has the page (the main menu links it): with none, it says so."""
    drafts = tuple(d for d in listed.items if d.consultation is not None)
    now = listed.now
    closed = tuple(sorted((d for d in drafts if d.consultation.until <= now),
                          key=lambda d: (d.consultation.until, d.number), reverse=True))
    yield ListPage(CONSULTATIONS, "consultations", "consultations.html", title_key="consultations",
                   crumbs=(Crumb(CONSULTATIONS, key="consultations"),),
                   context={"open": tuple((d, comments(d, now)) for d in open_drafts(drafts, now)),
                            "closed": closed})


def public_list(listed: Listed):
    """What the body has made public, section by section, then the drafts put out
    for comment (named by the theme: section None), with when each went up here.
    Every site has the page (the main menu links it): with nothing yet, it says so."""
    issued = _issued(listed)
    rows = tuple((DOCUMENT_SECTIONS.label(key),
                  tuple((d, posted(d, listed)) for d in issued if d.section == key))
                 for key in DOCUMENT_SECTIONS.keys)
    rows += ((None, tuple((d, posted(d, listed)) for d in listed.items if d.for_comment)),)
    yield ListPage(PUBLIC_LIST, "public-list", "public_list.html", title_key="public_list",
                   crumbs=(Crumb(PUBLIC_LIST, key="public_list"),),
                   context={"sections": tuple((name, found) for name, found in rows if found)})


def filter_data(listed: Listed):
    """Every document in short, for the register's filter (documents.js)."""
    states = _states(listed)
    rows = [{"number": d.number, "type": DOCUMENT_TYPES.label(d.type), "section": d.section,
             "date": f"{d.issued:%d/%m/%Y}", "year": d.issued.year, "title": d.title,
             "state": states[d.number].key, "path": f"{SECTION}{d.slug}/", **_replacement(states[d.number])}
            for d in _issued(listed)]
    yield FILTER_DATA, "json", {"data": rows}


def _replacement(found: State) -> dict:
    """The document replacing one (its number, and its page when this site has it), for the filter."""
    if found.key != "replaced":
        return {}
    replacing = found.replaced_by
    return {"replaced_by": found.replacement_number, **({"replaced_path": f"{SECTION}{replacing.slug}/"}
                                                        if replacing is not None else {})}


def home(listed: Listed) -> dict:
    return {"consultations": tuple((d, comments(d, listed.now))
                                   for d in open_drafts(listed.items, listed.now))[:HOME_DRAFTS]}


def feed_entry(document) -> FeedEntry:
    words = DOCUMENT_TYPES.label(document.type)
    return FeedEntry(f"{words} {document.number}: {document.title}", document.dated, document.issuer,
                     (words,), document.body.first_paragraph or document.title, document.body)


def schema(document, ld) -> list[dict]:
    """schema.org Legislation: what it is, its number, date, type and force."""
    force = "InForce" if ld.context["state"].key in ("in-force", "disclosed") else "NotInForce"
    data = {
        "@type": "Legislation", "name": document.title, "url": ld.url(document),
        "legislationIdentifier": document.number,
        "legislationType": DOCUMENT_TYPES.label(document.type),
        "legislationLegalForce": f"{ld.CONTEXT}/{force}",
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": document.issuer},
        "inLanguage": "vi", "publisher": {"@id": ld.organisation["@id"]},
    }
    if document.issued is not None:
        data["legislationDate"] = document.issued.date().isoformat()
    if document.files:
        data["encoding"] = [{"@type": "MediaObject", "contentUrl": ld.file(f.path), "name": f.title or f.path}
                            for f in document.files]
    return [data]
