"""Administrative procedures (thủ tục hành chính): procedures/*.md.

The catalogue at thu-tuc/ lists them by field and by level, each at
thu-tuc/<code>/. A parent's procedure of a sub-site's level appears on that
sub-site too, unless the sub-site has its own file with the same code. The
search page lists them A–Z, which works without JavaScript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...problems import Severity, problem
from ...vietnamese import collation_key, fold, initial
from ..kind import Crumb, Entry, Field, Inheritance, ItemPage, Kind, Listed, ListPage, Making, Publishing, Scaffold
from ..listing import grouped
from ..national import procedure_page
from ..records import Body
from ..nested import Mapping, MappingList
from ..types import AssetPath, Choice, ProcedureCode, Text, TextList, Url, yaml_scalar
from ..vocabulary import LEVELS, ONLINE
from .common import ALIASES, DRAFT, text

SECTION = "thu-tuc/"

FORM = Mapping(
    {"title": Text(300), "file": AssetPath("files", "files/to-khai.pdf")},
    required=("title",),
    example="{title: Tờ khai đăng ký khai sinh, file: files/to-khai-khai-sinh.pdf}",
    from_text="title",
    labels={"title": "Tên mẫu đơn, tờ khai", "file": "Tệp"},
)

FIELDS = (
    Field("code", ProcedureCode(), "mã thủ tục trên Cơ sở dữ liệu quốc gia", required=True,
          example="1.001193"),
    Field("title", Text(400), "tên thủ tục", required=True, example="Đăng ký khai sinh"),
    Field("field", Text(150), "lĩnh vực", example="Hộ tịch"),
    Field("level", Choice(LEVELS), "cấp thực hiện: province | district | commune", example="commune"),
    Field("online", Choice(ONLINE), "dịch vụ công trực tuyến: full (toàn trình) | partial (một phần) | none",
          example="full"),
    Field("processing_time", Text(300), "thời hạn giải quyết", example="Ngay trong ngày khi nhận đủ hồ sơ"),
    Field("fee", Text(300), "phí, lệ phí", example="Miễn lệ phí"),
    Field("agency", Text(300), "cơ quan thực hiện", example="UBND cấp xã"),
    Field("applicants", Text(300), "đối tượng thực hiện", example="Công dân Việt Nam"),
    Field("result", Text(300), "kết quả", example="Giấy khai sinh"),
    Field("forms", MappingList(FORM, "[{title: Tờ khai, file: files/to-khai.pdf}]", withhold="file"),
          "mẫu đơn, tờ khai", default=(),
          example="[{title: Tờ khai đăng ký khai sinh, file: files/to-khai-khai-sinh.pdf}]"),
    Field("legal_basis", TextList(("Luật Hộ tịch 2014",), split=False), "căn cứ pháp lý", default=()),
    Field("online_url", Url("https://dichvucong.gov.vn/", site_paths=False),
          "địa chỉ nộp hồ sơ trực tuyến", example="https://dichvucong.gov.vn/"),
    DRAFT,
    ALIASES,
)


@dataclass(frozen=True)
class Form:
    title: str
    file: str | None


@dataclass(frozen=True)
class Procedure:
    source: str
    slug: str
    code: str
    title: str
    field: str
    level: str
    online: str
    processing_time: str
    fee: str
    agency: str
    applicants: str
    result: str
    forms: tuple[Form, ...]
    legal_basis: tuple[str, ...]
    online_url: str
    body: Body
    origin: str = ""  # the site whose file this is (set when inherited)
    stated_level: str = ""  # the level as the editor wrote it ('' : level is the site's, and not shown)
    aliases: tuple[str, ...] = ()  # old addresses sent here (301)


def make(entry: Entry, making: Making) -> Procedure:
    values = entry.values
    return Procedure(
        source=entry.path, slug=values["code"].replace(".", "-"), code=values["code"],
        title=values["title"], field=text(values["field"]), level=values["level"] or making.level,
        online=values["online"], processing_time=text(values["processing_time"]), fee=text(values["fee"]),
        agency=text(values["agency"]), applicants=text(values["applicants"]), result=text(values["result"]),
        forms=tuple(Form(f["title"], f.get("file")) for f in values["forms"] if "withheld" not in f),
        legal_basis=values["legal_basis"], online_url=text(values["online_url"]), body=entry.body,
        origin=making.site, stated_level=text(values["level"]),
    )


# What the law makes a procedure's page carry: each one missing is a warning,
# and the page shows nothing the editor did not write.
STATED = ("level", "online", "processing_time", "fee", "agency", "applicants", "result", "legal_basis")
SECTIONS = (("thanh phan ho so", "Thành phần hồ sơ"), ("trinh tu thuc hien", "Trình tự thực hiện"))


def check_procedure(document, values: dict, lines: dict, problems: list) -> None:
    """Name each item a citizen will miss on the procedure's page."""
    line = lines.get("title") or lines.get("code")
    for name in STATED:
        if values.get(name) in (None, "", ()):
            declared = next(f for f in FIELDS if f.name == name)
            problems.append(problem(document.path, line, "procedure-missing", Severity.WARNING, key=name,
                                    help=declared.help, example=yaml_scalar(declared.example or "...")))
    headings = {fold(found) for found in re.findall(r"^#{2,3}\s+(.+?)\s*#*$", document.body, re.M)}
    for folded, heading in SECTIONS:
        if not any(folded in found for found in headings):
            problems.append(problem(document.path, line, "procedure-missing-section", Severity.WARNING,
                                    heading=heading))


def catalogue(listed: Listed):
    items = listed.items
    yield ListPage(SECTION, "procedures", "procedures.html", title_key="procedures_catalogue",
                   crumbs=(Crumb(SECTION, key="procedures"),),
                   context={"by_field": grouped(items, lambda p: p.field),
                            "by_level": grouped(items, lambda p: p.level, LEVELS.rank),
                            "count": len(items)})


def origin(procedure: Procedure, index: int, listed: Listed) -> dict:
    """An inherited procedure names the parent that published it; every one links
    its page on the National Public Service Portal, and where to track an application."""
    site = listed.site
    inherited = procedure.origin != site.slug and site.parent and site.parent.slug == procedure.origin
    return {"origin": site.parent if inherited else None, "national_url": procedure_page(procedure.code),
            "tracking_url": site.services.tracking_url}


def home(listed: Listed) -> dict:
    """The home page's procedures box, and the public services every home page links."""
    return {"procedure_count": len(listed.items), "services": listed.site.services}


def search(listed: Listed) -> dict:
    """The search page's A–Z list (it works without JavaScript) and its filters."""
    items = listed.items
    letters: dict[str, list] = {}
    for procedure in sorted(items, key=lambda p: collation_key(p.title)):
        letters.setdefault(initial(procedure.title), []).append(procedure)
    return {"letters": tuple((letter, tuple(found)) for letter, found in letters.items()),
            "fields": tuple(sorted({p.field for p in items if p.field}, key=collation_key)),
            "levels": tuple(sorted({p.level for p in items}, key=LEVELS.rank))}


def schema(procedure: Procedure, ld) -> list[dict]:
    site = ld.site
    wording = ld.wording
    data = {
        "@type": "GovernmentService", "name": procedure.title, "identifier": procedure.code,
        "url": ld.url(procedure), "provider": {"@id": ld.organisation["@id"]},
        "areaServed": {"@type": "AdministrativeArea", "name": site.config.short_name or site.config.name},
    }
    if procedure.field:
        data["serviceType"] = procedure.field
    if procedure.agency:
        data["serviceOperator"] = {"@type": "GovernmentOrganization", "name": procedure.agency}
    if procedure.applicants:
        data["audience"] = {"@type": "Audience", "audienceType": procedure.applicants}
    if procedure.result:
        data["serviceOutput"] = {"@type": "Thing", "name": procedure.result}
    data["sameAs"] = procedure_page(procedure.code)  # its page in the national database
    if procedure.online_url:
        data["availableChannel"] = {"@type": "ServiceChannel", "serviceUrl": procedure.online_url,
                                    "name": wording["online_submit"]}
    description = [f"{wording['processing_time']}: {procedure.processing_time}" if procedure.processing_time else "",
                   f"{wording['fee']}: {procedure.fee}" if procedure.fee else ""]
    if any(description):
        data["description"] = ". ".join(d for d in description if d)
    return [data]


def free_code(taken: frozenset[str]) -> str:
    """A code not used in the site yet, for `new` (the editor replaces it)."""
    number = 1
    while f"1.{number:06d}" in taken:
        number += 1
    return f"1.{number:06d}"


def required_catalogue(view, item) -> None:
    if not view.items:
        view.missing(item, "report-no-procedures", path=f"{view.site.folder}/{PROCEDURES.folder}")


PROCEDURES = Kind(
    "procedure", "thủ tục hành chính", "procedures", FIELDS, record=Procedure, make=make,
    body_help="trình tự thực hiện, thành phần hồ sơ ...", unique="code",
    order=lambda p: (collation_key(p.field), collation_key(p.title), p.code),
    inherit=Inheritance(applies=lambda procedure, config: procedure.level == config.level,
                        key=lambda procedure: procedure.code),
    publishing=Publishing(
        SECTION, section_key="procedures",
        item=ItemPage("procedure.html", "procedure", "procedure",
                      description=lambda p: f"{p.code} · {p.field}", context=origin, dc_type="Service"),
        listings=(catalogue,), items_after=1, menu=3, schema=schema, search=search,
        home=home,
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"title": title, "code": free_code(taken),
                                                       "level": "commune", "online": "none"},
                      body="## Trình tự thực hiện\n\n- Bước 1: ...\n\n## Cách thức thực hiện\n\n...\n\n"
                           "## Thành phần hồ sơ\n\n- ...\n\n## Điều kiện thực hiện\n\n...\n",
                      taken="code",
                      comments={"code": "mã thủ tục trên Cổng Dịch vụ công quốc gia: hãy thay bằng mã đúng "
                                        "(bắt buộc)"}),
    required_checks={"procedures": required_catalogue},
    checks=(check_procedure,),
    counts=lambda items, site: {"procedures": len(items), "own_procedures": len(site.own("procedure"))},
)
