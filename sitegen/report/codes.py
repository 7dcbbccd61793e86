"""The report's problem codes: its own, and those the kinds declare.

Codes are a promise to report.json's readers (docs/bao-cao.md lists them):
a code, once given, keeps its meaning. They are listed in rank order; a
site's first problem is its "top problem". Codes that say a site is behind
(on the rules or the leaders' deadlines) are told apart from quality
problems (errors, links, pictures).
"""

from __future__ import annotations

from ..content.kind import Registry, ReportCode

OWN = (
    ReportCode("empty", "Trang trống", "Empty site", rank=0),
    ReportCode("missing-required", "Thiếu mục bắt buộc", "Missing required items", rank=40),
    ReportCode("content-error", "Lỗi nội dung", "Content errors", rank=50, behind=False),
    ReportCode("broken-link", "Liên kết hỏng", "Broken links", rank=60, behind=False),
    ReportCode("image-no-alt", "Ảnh thiếu lời mô tả", "Pictures without alternative text", rank=70,
               behind=False),
    ReportCode("image-too-heavy", "Ảnh quá nặng", "Pictures too heavy", rank=80, behind=False),
)
CHECKS_OF_THE_REPORT = ("site-yaml",)  # required-item checks the report makes itself


def report_codes(kinds: Registry) -> tuple[ReportCode, ...]:
    """Every code, in rank order."""
    declared = [code for kind in kinds for code in kind.report_codes]
    return tuple(sorted((*OWN, *declared), key=lambda code: code.rank))


def required_checks(kinds: Registry) -> tuple[str, ...]:
    """The checks a required item may name (in required.yaml's 'check:'), each once
    (several kinds may declare one: each checks its own records)."""
    return tuple(dict.fromkeys(name for kind in kinds for name in kind.required_checks)) + CHECKS_OF_THE_REPORT
