"""Citizens' questions and the answers, as a commune's editor and the citizen
who asked would check them: answered questions are published by field, a
question still waiting is not, and an asker's phone number or e-mail never
reaches a page, a URL, the structured data or the search."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr

import pytest

from conftest import ROOT_SITE, commune_site, front, strip_tags, write_tree
from sitegen.cli import main

PHONE = "0912 345 678"
MAIL = "nguyenvana@gmail.com"

PORTAL = {
    "huyen-mau/site.yaml": ROOT_SITE,
    "xa-an/site.yaml": commune_site("An", extra="feedback_url: https://xa-an.example.vn/hoi-dap-truc-tuyen\n"),
    "xa-an/questions/khai-sinh.md": front({
        "title": "Đăng ký khai sinh cho con khi bố mẹ chưa đăng ký kết hôn?",
        "asked_by": f"Chị B.T.L, thôn Bãi Lạng, {PHONE}", "asked": "03/11/2026", "field": "Hộ tịch",
        "answered_by": "Công chức Tư pháp - Hộ tịch xã An", "answered": "06/11/2026",
        "question": f"Con tôi sinh tháng 10. Xin trả lời qua {MAIL} giúp tôi."},
        "Được. Chị nộp tờ khai tại Bộ phận Một cửa của xã."),
    "xa-an/questions/ban-sao.md": front({
        "title": "Cấp bản sao giấy khai sinh, gọi +84 912 345 679 nhé", "asked": "01/11/2026",
        "field": "Hộ tịch", "answered": "02/11/2026"}, "Nộp yêu cầu tại xã, lệ phí 8.000 đồng một bản."),
    "xa-an/questions/tach-thua.md": front({
        "title": "Tách thửa đất vườn cần diện tích tối thiểu bao nhiêu?", "asked": "05/11/2026",
        "field": "Đất đai", "answered": "12/11/2026"}, "Tối thiểu 100 m² ở khu vực nông thôn."),
    "xa-an/questions/chua-tra-loi.md": front({
        "title": "Hộ nghèo được hỗ trợ làm nhà ở đâu?", "asked": "20/11/2026", "field": "Bảo trợ xã hội"}),
    "xa-an/questions/chua-viet-tra-loi.md": front({
        "title": "Xin giấy phép xây dựng nhà ở nông thôn?", "asked": "20/11/2026", "answered": "21/11/2026"}),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("questions")
    sites = write_tree(root / "sites", PORTAL)

    errors = io.StringIO()
    with redirect_stderr(errors):
        code = main(["build", "--sites", str(sites), "--out", str(root / "public"), "--now", "22/11/2026 10:00"])
        main(["check", "--sites", str(sites), "--now", "22/11/2026 10:00"])  # notes too
    return root / "public", code, errors.getvalue()


def main_text(html: str) -> str:
    return " ".join(strip_tags(html[html.index("<main"):html.index("</main>")]).split())


def test_answered_questions_are_listed_by_field_with_a_way_to_ask(built):
    out, code, _errors = built
    assert code == 0
    html = (out / "xa-an/hoi-dap/index.html").read_text(encoding="utf-8")
    main_html = html[html.index("<main"):html.index("</main>")]
    headings = [" ".join(strip_tags(h).split()) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", main_html, re.S)]
    assert headings == ["Đất đai (1)", "Hộ tịch (2)"]
    text = main_text(html)
    assert "Tách thửa đất vườn" in text and "Đăng ký khai sinh cho con" in text
    assert 'href="https://xa-an.example.vn/hoi-dap-truc-tuyen"' in html
    menu = re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)
    assert 'aria-current="page">Hỏi đáp</a>' in menu


def test_a_question_page_shows_who_asked_when_and_the_answer(built):
    out, _code, _errors = built
    text = main_text((out / "xa-an/hoi-dap/tach-thua-dat-vuon-can-dien-tich-toi-thieu-bao-nhieu/index.html")
                     .read_text(encoding="utf-8"))
    assert "Ngày hỏi: 05/11/2026" in text
    assert "Tối thiểu 100 m² ở khu vực nông thôn." in text
    assert "12/11/2026" in text


def test_a_question_without_its_answer_is_not_published_and_check_says_why(built):
    out, _code, errors = built
    published = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*")
                          if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt"))
    assert "Hộ nghèo được hỗ trợ" not in published
    assert "Xin giấy phép xây dựng" not in published
    assert re.search(r"chua-tra-loi\.md:\d+: thông tin: Câu hỏi chưa có trả lời", errors)
    assert "chua-viet-tra-loi.md" in errors


def test_an_askers_contact_details_never_reach_what_is_published(built):
    out, _code, errors = built
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".ics"):
            content = path.read_text(encoding="utf-8", errors="replace")
            for secret in (PHONE, MAIL, "912 345 679", "912345"):
                assert secret not in content, path
    assert not any(re.search(r"\d{6}", p.name) for p in (out / "xa-an/hoi-dap").iterdir())
    page = (out / "xa-an/hoi-dap/dang-ky-khai-sinh-cho-con-khi-bo-me-chua-dang-ky-ket-hon/index.html")
    text = main_text(page.read_text(encoding="utf-8"))
    assert "Chị B.T.L, thôn Bãi Lạng, ***" in text and "Xin trả lời qua *** giúp tôi." in text
    assert re.search(r"khai-sinh\.md:3: cảnh báo: 'asked_by' có số điện thoại", errors)
    assert re.search(r"khai-sinh\.md:\d+: cảnh báo: 'question' có số điện thoại", errors)
    assert re.search(r"ban-sao\.md:2: cảnh báo: 'title' có số điện thoại", errors)


def test_a_question_page_is_a_qa_page_for_search_engines(built):
    out, _code, _errors = built
    html = (out / "xa-an/hoi-dap/dang-ky-khai-sinh-cho-con-khi-bo-me-chua-dang-ky-ket-hon/index.html") \
        .read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    qa = next(item for item in data["@graph"] if item["@type"] == "QAPage")
    question = qa["mainEntity"]
    assert question["name"] == "Đăng ký khai sinh cho con khi bố mẹ chưa đăng ký kết hôn?"
    assert question["author"]["name"] == "Chị B.T.L, thôn Bãi Lạng, ***"
    assert question["acceptedAnswer"]["text"] == "Được. Chị nộp tờ khai tại Bộ phận Một cửa của xã."
    assert question["acceptedAnswer"]["dateCreated"] == "2026-11-06"
