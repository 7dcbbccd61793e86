"""Citizens' questions and the answers (hỏi đáp): questions/*.md, one a file,
the answer as the body.

Listed by field at hoi-dap/, each at hoi-dap/<slug>/. A question without an
answer (no `answered:` date or no body) is not published; `check` lists it
as waiting. The asker is named as they agreed to be: a phone number or an
e-mail address written in the title, `asked_by` or the question is masked
in everything published, with a warning to the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ...problems import Severity, problem
from ...vietnamese import collation_key, slugify
from ..kind import Crumb, Entry, Field, ItemPage, Kind, Listed, ListPage, Making, Publishing, Scaffold
from ..listing import grouped
from ..records import Body
from ..types import DateTime, Text
from .common import ALIASES, DRAFT, slug_field, text

SECTION = "hoi-dap/"
MASK = "***"
# An e-mail address, or a Vietnamese phone number (0 or +84, then 8 to 10 more
# digits, spaces, dots or dashes between them): '0912 345 678', '+84 218 3863 123'.
CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\d)(?:\+?84|0)(?:[ .\-]?\d){8,10}(?!\d)")
MASKED_FIELDS = ("title", "asked_by", "question")

FIELDS = (
    Field("title", Text(300), "câu hỏi, viết ngắn gọn", required=True,
          example="Thủ tục đăng ký khai sinh cho con khi bố mẹ chưa đăng ký kết hôn?"),
    Field("asked_by", Text(200), "người hỏi, như họ đồng ý được nêu tên (không ghi số điện thoại, thư điện tử)",
          example="Anh N.V.A, thôn Hòa Bình", label="Người hỏi"),
    Field("asked", DateTime(), "ngày hỏi", required=True, example="03/11/2026", label="Ngày hỏi"),
    Field("field", Text(150), "lĩnh vực", example="Hộ tịch", label="Lĩnh vực"),
    Field("answered_by", Text(300), "người, cơ quan trả lời", example="Công chức Tư pháp - Hộ tịch xã An Lạc",
          label="Người trả lời"),
    Field("answered", DateTime(), "ngày trả lời (câu hỏi chưa trả lời thì chưa được đăng)", example="10/11/2026",
          label="Ngày trả lời"),
    Field("question", Text(5000, multiline=True), "nội dung câu hỏi, đầy đủ",
          example="Con tôi sinh tháng 10, vợ chồng tôi chưa đăng ký kết hôn..."),
    DRAFT,
    ALIASES,
    slug_field("tạo từ câu hỏi", "dang-ky-khai-sinh-cho-con"),
)


@dataclass(frozen=True)
class Question:
    source: str
    slug: str
    title: str
    asked_by: str
    asked: datetime
    field: str
    answered_by: str
    answered: datetime
    question: str
    body: Body  # the answer
    aliases: tuple[str, ...] = ()  # old addresses sent here (301)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in re.split(r"\n\s*\n", self.question) if p.strip())


def make(entry: Entry, making: Making) -> Question | None:
    """A question with its answer; one still waiting for it is held back (a note)."""
    values = entry.values
    if values["answered"] is None or not entry.body.html.strip():
        making.problems.append(problem(entry.path, entry.lines.get("answered") or entry.lines.get("title"),
                                       "question-waiting", Severity.INFO))
        making.held_back.append(entry.path)
        return None
    shown = _masked(entry, making)
    return Question(
        source=entry.path, slug=values["slug"] or slugify(shown["title"]), title=shown["title"],
        asked_by=shown["asked_by"], asked=values["asked"].moment, field=text(values["field"]),
        answered_by=text(values["answered_by"]), answered=values["answered"].moment,
        question=shown["question"], body=entry.body,
    )


def _masked(entry: Entry, making: Making) -> dict[str, str]:
    """The asker's words as published: contact details never are (nor in the URL)."""
    shown = {}
    for name in MASKED_FIELDS:
        value = text(entry.values[name])
        shown[name] = CONTACT.sub(MASK, value)
        if shown[name] != value:
            making.problems.append(problem(entry.path, entry.lines.get(name), "contact-masked", Severity.WARNING,
                                           key=name))
    return shown


def by_field(listed: Listed):
    feedback = listed.site.config.feedback_url
    yield ListPage(SECTION, "questions", "questions.html", title_key="questions",
                   crumbs=(Crumb(SECTION, key="questions"),),
                   context={"by_field": grouped(listed.items, lambda q: q.field), "ask_url": feedback})


def schema(question: Question, ld) -> list[dict]:
    """schema.org QAPage: the question, who asked and when, and the answer."""
    answer = {"@type": "Answer", "text": question.body.first_paragraph or question.title,
              "dateCreated": question.answered.date().isoformat(), "url": ld.url(question)}
    if question.answered_by:
        answer["author"] = {"@type": "Organization", "name": question.answered_by}
    asked = {"@type": "Question", "name": question.title, "text": question.question or question.title,
             "dateCreated": question.asked.date().isoformat(), "answerCount": 1, "acceptedAnswer": answer}
    if question.asked_by:
        asked["author"] = {"@type": "Person", "name": question.asked_by}
    return [{"@type": "QAPage", "url": ld.url(question), "inLanguage": "vi", "mainEntity": asked}]


QUESTIONS = Kind(
    "question", "câu hỏi của người dân", "questions", FIELDS, record=Question, make=make,
    body_help="câu trả lời (câu hỏi chưa có trả lời thì chưa được đăng)",
    order=lambda q: (collation_key(q.field), -q.answered.timestamp(), q.slug),
    publishing=Publishing(
        SECTION, section_key="questions",
        item=ItemPage("question.html", "question", "question", description=lambda q: q.title,
                      context=lambda q, index, listed: {"ask_url": listed.site.config.feedback_url},
                      modified=lambda q: q.answered),
        listings=(by_field,), items_after=1, menu=6, schema=schema,
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"title": title, "asked": f"{now:%d/%m/%Y}",
                                                       "answered": f"{now:%d/%m/%Y}", "slug": slug,
                                                       "question": "Nội dung câu hỏi của người dân."},
                      body="Nội dung câu trả lời.\n"),
    counts=lambda items, site: {"questions": len(items)},
)
