"""Documents (văn bản): documents/*.md, one document a file, its signed
files (PDF, spreadsheets) in files/.

The register of what the body issues (Law on Access to Information, Art. 17
and 19): legal and direction documents, drafts put out for comment, and the
disclosures a commune must make (budget, investment and procurement,
planning, recruitment, other). Each document has its page at
van-ban/<number>/ with its state in words (in force, not yet, no longer,
replaced by ...); the register lists them newest first, by type, year and
section (document_pages.py). A draft is open for comment until its
deadline; a build after the deadline closes it without anyone editing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from datetime import datetime
from pathlib import Path

from ...problems import Severity, problem
from ...vietnamese import slugify
from ..attachments import FAMILIES, NAMES
from ..kind import Entry, Field, ItemPage, Kind, Making, MenuPlace, Publishing, ReportCode, Scaffold
from ..records import Body
from ..nested import Mapping, MappingList
from ..types import AssetPath, Choice, DateTime, Email, Text, Url, yaml_scalar
from ..vocabulary import DOCUMENT_SECTIONS, DOCUMENT_TYPES
from . import documents_pages as pages, documents_report as report
from .common import ALIASES, DRAFT, text

DISCLOSURES = ("budget", "investment", "planning", "recruitment", "disclosure")  # công khai, by period

ATTACHMENT = Mapping(
    {"title": Text(300), "file": AssetPath("files", "files/1234-qd-ubnd.pdf")},
    required=("file",),
    example="{title: Phụ lục, file: files/phu-luc.xlsx}",
    from_text="file",
    labels={"title": "Tên tệp (ví dụ Phụ lục)", "file": "Tệp"},
)
CONSULTATION = Mapping(
    {"until": DateTime(), "feedback_url": Url("https://phutho.gov.vn/gop-y", site_paths=False),
     "email": Email(), "result": AssetPath("files", "files/tong-hop-y-kien.pdf")},
    required=("until",),
    example="\n  until: 15/12/2026 17:00\n  email: gopy@phutho.gov.vn",
    labels={"until": "Hạn góp ý", "feedback_url": "Địa chỉ góp ý trực tuyến", "email": "Thư điện tử nhận góp ý",
            "result": "Tệp tổng hợp ý kiến (khi đã có)"},
)

FIELDS = (
    Field("number", Text(100), "số, ký hiệu (không trùng trong trang)", required=True, example="1234/QĐ-UBND",
          label="Số, ký hiệu"),
    Field("type", Choice(DOCUMENT_TYPES), "loại văn bản: " + ", ".join(w.vi for w in DOCUMENT_TYPES),
          required=True, example="Quyết định", label="Loại văn bản"),
    Field("title", Text(1000), "trích yếu (nội dung tóm tắt của văn bản)", required=True,
          example="Về việc ban hành Kế hoạch chuyển đổi số năm 2027"),
    Field("issued", DateTime(), "ngày ban hành (bắt buộc, trừ dự thảo lấy ý kiến: với dự thảo là ngày của dự "
          "thảo, không ghi thì không hiện)", example="12/11/2026", label="Ngày ban hành"),
    Field("effective", DateTime(), "ngày có hiệu lực", example="22/11/2026", label="Ngày có hiệu lực"),
    Field("expires", DateTime(), "ngày hết hiệu lực", example="31/12/2027", label="Ngày hết hiệu lực"),
    Field("replaced_by", Text(100), "số, ký hiệu của văn bản thay thế văn bản này", example="2345/QĐ-UBND"),
    Field("issuer", Text(300), "cơ quan ban hành (bỏ trống: cơ quan chủ quản của trang)",
          example="UBND tỉnh Phú Thọ", label="Cơ quan ban hành"),
    Field("signer", Text(200), "người ký", example="Nguyễn Thành Mạnh", label="Người ký"),
    Field("signer_title", Text(200), "chức vụ người ký", example="Chủ tịch"),
    Field("field", Text(150), "lĩnh vực", example="Thông tin và Truyền thông", label="Lĩnh vực"),
    Field("section", Choice(DOCUMENT_SECTIONS),
          "nhóm: legal (quy phạm pháp luật) | direction (chỉ đạo điều hành) | budget (ngân sách) | "
          "investment (đầu tư, mua sắm công) | planning (quy hoạch) | recruitment (tuyển dụng) | "
          "disclosure (công khai khác)", default="direction", example="direction"),
    Field("posted", DateTime(), "ngày đăng lên trang: ghi khi văn bản đã được đăng từ trước (ví dụ trên trang "
          "cũ); không ghi thì trang tự ghi ngày văn bản lên trang lần đầu, trừ văn bản ban hành trước khi cổng "
          "bắt đầu ghi (lần dựng đầu tiên)", example="15/11/2026", label="Ngày đăng lên trang"),
    Field("period", Text(100), "kỳ công khai (với văn bản công khai), ví dụ Quý III/2026", example="Quý III/2026",
          label="Kỳ công khai"),
    Field("files", MappingList(ATTACHMENT, "[files/1234-qd-ubnd.pdf, {title: Phụ lục, file: files/phu-luc.xlsx}]",
                               withhold="file"),
          "tệp văn bản (bản có chữ ký, phụ lục) trong thư mục files/", default=(),
          example="[files/1234-qd-ubnd.pdf]"),
    Field("consultation", CONSULTATION, "lấy ý kiến dự thảo: until (hạn góp ý), feedback_url hoặc email "
          "(nơi gửi ý kiến), result (tệp tổng hợp ý kiến, khi đã có)",
          example="\n  until: 15/12/2026 17:00\n  email: gopy@phutho.gov.vn"),
    DRAFT,
    ALIASES,
)


@dataclass(frozen=True)
class Attachment:
    title: str  # what the link says ('' : the file's name)
    path: str  # files/x.pdf
    size: int  # bytes
    type: str  # what kind of file, in words (PDF, bảng tính Excel ...)


@dataclass(frozen=True)
class Consultation:
    until: datetime
    feedback_url: str
    email: str
    result: str | None  # files/...: the summary of the comments received


@dataclass(frozen=True)
class Document:
    source: str
    slug: str
    number: str
    type: str
    title: str
    issued: datetime | None  # None only on a draft for comment whose editor wrote no date
    effective: datetime | None
    expires: datetime | None
    replaced_by: str
    issuer: str
    signer: str
    signer_title: str
    field: str
    section: str
    period: str
    files: tuple[Attachment, ...]
    consultation: Consultation | None
    body: Body
    posted: datetime | None = None  # 'Ngày đăng lên trang' as the editor wrote it (documents_pages.posted)
    text: Body = Body("")  # the text inside its files (for the search, and to read without downloading)
    withheld: tuple[str, ...] = ()  # files the editor named that could not be published (the page says so)
    aliases: tuple[str, ...] = ()  # old addresses sent here (301)

    @property
    def disclosure(self) -> bool:
        return self.section in DISCLOSURES

    @property
    def for_comment(self) -> bool:
        """A draft put out for comment: listed under drafts, not in the register of issued documents."""
        return self.consultation is not None

    @property
    def dated(self) -> datetime:
        """The date it is filed under: its issue, else (a draft) when it went up or its deadline."""
        return self.issued or self.posted or self.consultation.until


def check_issued(document, values: dict, lines: dict, problems: list) -> None:
    """Every document but a draft for comment says when it was issued."""
    if values["issued"] is not None or values["consultation"]:
        return
    if any(p.path == document.path and ("key", "issued") in p.params for p in problems):
        return  # its date could not be read: said already
    declared = next(f for f in FIELDS if f.name == "issued")
    problems.append(problem(document.path, lines.get("issued") or min(lines.values(), default=1), "missing-field",
                            key="issued", help=declared.help, example=yaml_scalar(declared.example_value())))


def make(entry: Entry, making: Making) -> Document | None:
    values = entry.values
    consultation = values["consultation"]
    if values["issued"] is None and not consultation:
        return None  # reported (check_issued, or its date could not be read): not published
    files = tuple(_attachment(making.folder, f["file"], f.get("title") or "") for f in values["files"]
                  if "withheld" not in f)
    withheld = tuple(f["withheld"].rpartition("/")[2] for f in values["files"] if "withheld" in f)
    return Document(
        source=entry.path, slug=slugify(values["number"]), number=values["number"], type=values["type"],
        title=values["title"], issued=_moment(values["issued"]), effective=_moment(values["effective"]),
        expires=_moment(values["expires"]), replaced_by=text(values["replaced_by"]),
        issuer=values["issuer"] or making.owner, signer=text(values["signer"]),
        signer_title=text(values["signer_title"]), field=text(values["field"]), section=values["section"],
        period=text(values["period"]),
        files=files, withheld=withheld,
        consultation=Consultation(consultation["until"].moment, consultation.get("feedback_url") or "",
                                  consultation.get("email") or "", consultation.get("result"))
        if consultation else None,
        body=entry.body, posted=_moment(values["posted"]),
        text=_text(files, making),
    )


def _text(files: tuple[Attachment, ...], making: Making) -> Body:
    """The files' text as paragraphs; a file that cannot be read is named (a
    scan, with no text to search, only noted)."""
    paragraphs = []
    for attachment in files:
        found = making.extract(attachment.path) if making.extract else None
        if found is None:
            continue
        if found.problem:
            severity = Severity.INFO if found.problem == "attachment-no-text" else Severity.WARNING
            making.problems.append(problem(f"{making.display}/{attachment.path}", None, found.problem, severity,
                                           file=attachment.path, detail=found.detail))
        paragraphs.extend(p for p in found.text.split("\n\n") if p)
    html = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    return Body(html, first_paragraph=paragraphs[0] if paragraphs else "")


def _moment(when) -> datetime | None:
    return when.moment if when else None


def _attachment(folder: Path | None, path: str, title: str) -> Attachment:
    try:
        size = (folder / path).stat().st_size if folder else 0
    except OSError:
        size = 0
    family = FAMILIES.get(Path(path).suffix.lower(), "")
    return Attachment(title, path, size, NAMES.get(family, Path(path).suffix.lstrip(".").upper()))


def free_number(taken: frozenset[str]) -> str:
    """A number not used in the site yet, for `new` (the editor writes the real one)."""
    number = 1
    while f"{number}/QĐ-UBND" in taken:
        number += 1
    return f"{number}/QĐ-UBND"


DOCUMENTS = Kind(
    "document", "văn bản", "documents", FIELDS, record=Document, make=make,
    body_help="tóm tắt nội dung văn bản (không bắt buộc)", unique="number",
    reserved=re.compile(r"loai|nam|nhom|trang-\d+").fullmatch,
    order=lambda d: (d.dated, d.number), newest_first=True, checks=(check_issued,),
    publishing=Publishing(
        pages.SECTION, section_key="documents",
        item=ItemPage("document.html", "document", "document", description=lambda d: d.title[:300],
                      crumbs=pages.item_crumbs, context=pages.item_context, modified=lambda d: d.issued),
        listings=(pages.register, pages.by_type, pages.by_year, pages.by_section, pages.consultations,
                  pages.public_list), items_after=1,
        menu=2, schema=pages.schema, home=pages.home, feed_entry=pages.feed_entry,
        data_files=pages.filter_data,
        also=(pages.CONSULTATIONS, pages.PUBLIC_LIST),
        menu_group=(MenuPlace(pages.PUBLIC_LIST, "public_list", rank=1),
                    MenuPlace(pages.CONSULTATIONS, "consultations", rank=2)),
        paths={"consultations": pages.CONSULTATIONS, "public_list": pages.PUBLIC_LIST},
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"number": free_number(taken), "type": "Quyết định",
                                                       "title": title, "issued": f"{now:%d/%m/%Y}",
                                                       "section": "direction"},
                      body="Tóm tắt nội dung văn bản (không bắt buộc).\n", taken="number",
                      comments={"number": "số, ký hiệu của văn bản: hãy thay bằng số thật (bắt buộc)"}),
    changes=pages.changes,
    report_codes=(
        ReportCode("no-budget-disclosure", "Chưa công khai ngân sách quý", "No quarterly budget disclosure",
                   rank=35),
        ReportCode("consultation-no-result", "Dự thảo chưa có tổng hợp ý kiến", "Draft without a summary of "
                   "comments", rank=36),
    ),
    report=(report.budget_disclosure, report.consultation_results),
    counts=lambda items, site: {"documents": len(items),
                                "open_consultations": len(pages.open_drafts(items, site.now))},
    ledger=lambda document: document.number,
)
