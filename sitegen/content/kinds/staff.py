"""Staff (cán bộ, công chức): staff/*.md, one person a file.

Listed by unit at can-bo/ (the Party committee, People's Council, People's
Committee and Fatherland Front first, as on every local portal), each person
at can-bo/<slug>/. The rules ask a short biography and assigned duties of
every leader (leader: true).

Decree 42/2022 (Art. 7) asks the organisation and its officials' contacts in
English too: position_en, unit_en and duties_en are what the site's English
organisation page (en/organisation/) shows, the Vietnamese where they are
missing (and the report names those).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...problems import Severity, problem
from ...vietnamese import collation_key, fold, person_key, slugify
from .. import paths
from ..kind import Crumb, Entry, Field, ItemPage, Kind, Listed, ListPage, Making, Publishing, ReportCode, Scaffold
from ..records import Body
from ..types import AssetPath, Boolean, Email, Integer, Text, TextList
from .common import ALIASES, DRAFT, slug_field, text

SECTION = "can-bo/"
HOME_LEADERS = 4

FIELDS = (
    Field("name", Text(120), "họ và tên", required=True, example="Nguyễn Thành Mạnh"),
    Field("position", Text(200), "chức vụ", required=True, example="Chủ tịch UBND tỉnh"),
    Field("unit", Text(150), "đơn vị: Đảng ủy | HĐND | UBND | MTTQ | phòng, ban ...",
          example="Ủy ban nhân dân"),
    Field("order", Integer(), "thứ tự trong đơn vị", default=100, example=1),
    Field("leader", Boolean(), "true: thuộc lãnh đạo (cần lý lịch và phân công nhiệm vụ)",
          default=False, example=False),
    Field("photo", AssetPath("images", "images/nguyen-thanh-manh.jpg"), "ảnh chân dung",
          example="images/nguyen-thanh-manh.jpg"),
    Field("phone", Text(60), "điện thoại", example="0218 3 863 001"),
    Field("email", Email(), "thư điện tử", example="manhnt@phutho.gov.vn"),
    Field("duties", TextList(("Lãnh đạo chung", "Phụ trách nội chính")),
          "phân công nhiệm vụ (nhiều việc thì cách nhau bằng dấu phẩy)", default=()),
    Field("position_en", Text(200), "chức vụ bằng tiếng Anh (trang tiếng Anh en/organisation/)",
          example="Chairman of the Provincial People's Committee"),
    Field("unit_en", Text(150), "tên đơn vị bằng tiếng Anh", example="People's Committee"),
    Field("duties_en", TextList(("General leadership", "Internal affairs")),
          "phân công nhiệm vụ bằng tiếng Anh", default=()),
    DRAFT,
    ALIASES,
    slug_field("tạo từ họ tên", "nguyen-thanh-manh"),
)


@dataclass(frozen=True)
class Person:
    source: str
    slug: str
    name: str
    position: str
    unit: str
    order: int
    leader: bool
    photo: str | None
    phone: str
    email: str
    duties: tuple[str, ...]
    body: Body
    aliases: tuple[str, ...] = ()  # old addresses sent here (301)
    position_en: str = ""  # in English, for the site's English pages ('' : not written)
    unit_en: str = ""
    duties_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    name: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Worded:
    """A text of the English pages: the editor's English, or the Vietnamese shown instead."""

    text: str | tuple[str, ...]
    lang: str  # 'en', or 'vi' where the editor wrote no English


@dataclass(frozen=True)
class InEnglish:
    """A person as the English organisation page shows them."""

    person: Person
    position: Worded
    unit: Worded
    duties: Worded


@dataclass(frozen=True)
class EnglishUnit:
    name: Worded
    people: tuple[InEnglish, ...]


def make(entry: Entry, making: Making) -> Person:
    values = entry.values
    return Person(
        source=entry.path, slug=values["slug"] or slugify(values["name"]), name=values["name"],
        position=values["position"], unit=text(values["unit"]), order=values["order"],
        leader=values["leader"], photo=values["photo"], phone=text(values["phone"]),
        email=text(values["email"]), duties=values["duties"], body=entry.body,
        position_en=text(values["position_en"]), unit_en=text(values["unit_en"]), duties_en=values["duties_en"],
    )


def check_leader(document, values: dict, lines: dict, problems: list) -> None:
    """The rules ask a short biography and assigned duties of every leader."""
    if not values["leader"]:
        return
    if not document.body.strip():
        problems.append(problem(document.path, lines.get("leader"), "leader-no-biography", Severity.WARNING))
    if not values["duties"]:
        problems.append(problem(document.path, lines.get("leader"), "leader-no-duties", Severity.WARNING))


_UNIT_RANK = (
    ("dang uy", "huyen uy", "tinh uy", "thanh uy", "thi uy", "chi bo", "ban thuong vu", "dang"),
    ("hoi dong nhan dan", "hdnd"),
    ("uy ban nhan dan", "ubnd"),
    ("mat tran", "mttq", "uy ban mat tran"),
)


def _unit_rank(name: str) -> int:
    folded = fold(name)
    for rank, starts in enumerate(_UNIT_RANK):
        if folded.startswith(starts):
            return rank
    return len(_UNIT_RANK)


def units(people: tuple[Person, ...]) -> tuple[Unit, ...]:
    """Staff by unit: the Party committee, People's Council, People's Committee and
    Fatherland Front first (the order of every local portal), then others A–Z."""
    grouped: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        grouped[person.unit].append(person)
    names = sorted(grouped, key=lambda n: (_unit_rank(n), collation_key(n)))
    return tuple(Unit(n, tuple(grouped[n])) for n in names)


def protocol_order(people: tuple[Person, ...]) -> tuple[Person, ...]:
    """People as the staff page lists them: unit by unit in protocol order, each
    unit by its order and name. The home's leaders follow it too."""
    return tuple(person for unit in units(people) for person in unit.people)


def home(listed: Listed) -> dict:
    return {"leaders": tuple(p for p in protocol_order(listed.items) if p.leader)[:HOME_LEADERS]}


def _worded(english, vietnamese) -> Worded:
    return Worded(english, paths.ENGLISH) if english else Worded(vietnamese, paths.VIETNAMESE)


def in_english(person: Person) -> InEnglish:
    return InEnglish(person, _worded(person.position_en, person.position), _worded(person.unit_en, person.unit),
                     _worded(person.duties_en, person.duties))


def english(listed: Listed) -> dict:
    """The organisation in English: the leaders in protocol order, then every other
    person by unit (a unit named as the first of its people who wrote unit_en names it)."""
    grouped = units(listed.items)
    leaders = tuple(in_english(p) for unit in grouped for p in unit.people if p.leader)
    others = []
    for unit in grouped:
        people = tuple(in_english(p) for p in unit.people if not p.leader)
        if people:
            named = next((p.unit_en for p in unit.people if p.unit_en), "")
            others.append(EnglishUnit(_worded(named, unit.name), people))
    return {"leaders": leaders, "units": tuple(others)}


def staff_list(listed: Listed):
    yield ListPage(SECTION, "staff", "staff.html", title_key="staff", crumbs=(Crumb(SECTION, key="staff"),),
                   context={"units": units(listed.items)})


def schema(person: Person, ld) -> list[dict]:
    data = {"@type": "Person", "name": person.name, "jobTitle": person.position,
            "worksFor": {"@id": ld.organisation["@id"]}, "url": ld.url(person)}
    if person.phone:
        data["telephone"] = person.phone
    if person.email:
        data["email"] = person.email
    if person.photo:
        data["image"] = ld.file(person.photo)
    return [data]


# The report ---------------------------------------------------------------

def has_text(body: Body) -> bool:
    return bool(re.sub(r"<[^>]+>|\s", "", body.html))


def no_staff(view) -> None:
    if not view.items:
        view.add("no-staff", "report-no-staff", path=f"{view.site.folder}/{STAFF.folder}")


def leaders_check(wanted: str):
    """A required item about every leader: a biography, or assigned duties."""

    def check(view, item) -> None:
        leaders = [p for p in view.items if p.leader]
        if not leaders:
            view.missing(item, "report-no-leaders", path=f"{view.site.folder}/{STAFF.folder}")
            return
        for person in leaders:
            lacking = not has_text(person.body) if wanted == "biography" else not person.duties
            if lacking:
                view.missing(item, f"report-leader-no-{wanted}", path=person.source,
                             line=view.line(person.source, "leader:"), name=person.name,
                             position=person.position)

    return check


def required_english(view, item) -> None:
    """The officials' contacts in English (Decree 42/2022, Art. 7): each leader's
    position and duties, a line each; the other staff without a position in English, one line."""
    for person in (p for p in view.items if p.leader):
        lacking = [key for key, written, vietnamese in (("position_en", person.position_en, person.position),
                                                        ("duties_en", person.duties_en, person.duties))
                   if vietnamese and not written]
        if lacking:
            view.missing(item, "report-leader-no-english", path=person.source,
                         line=view.line(person.source, "position:"), name=person.name, position=person.position,
                         keys=", ".join(lacking))
    others = [p.name for p in view.items if not p.leader and not p.position_en]
    if others:
        view.missing(item, "report-staff-no-english", path=f"{view.site.folder}/{STAFF.folder}",
                     count=len(others), names=", ".join(others[:5]) + (", …" if len(others) > 5 else ""))


STAFF = Kind(
    "staff", "cán bộ, công chức", "staff", FIELDS, record=Person, make=make, body_help="lý lịch tóm tắt",
    checks=(check_leader,),
    order=lambda p: (p.order, person_key(p.name)),
    publishing=Publishing(
        SECTION, section_key="staff",
        item=ItemPage("person.html", "person", "person", title=lambda p: p.name,
                      description=lambda p: f"{p.position}", image=lambda p: p.photo),
        listings=(staff_list,), items_after=1, menu=5, schema=schema,
        home=home, english=english,
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"name": title, "position": "Chức vụ", "slug": slug,
                                                       "order": 1},
                      body="Lý lịch tóm tắt: năm sinh, quê quán, trình độ chuyên môn, quá trình công tác.\n"),
    report_codes=(ReportCode("no-staff", "Chưa có danh sách cán bộ", "No staff list", rank=30),),
    report=(no_staff,),
    required_checks={"leader-biography": leaders_check("biography"), "leader-duties": leaders_check("duties"),
                     "english": required_english},
    counts=lambda items, site: {"staff": len(items), "leaders": sum(1 for p in items if p.leader)},
)
