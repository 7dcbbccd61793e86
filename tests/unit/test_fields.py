"""Validating one file's fields against its kind (content/validate.py and the
field types), without a build: what is accepted, what is refused, and what
the editor is told (code, line, column, the words to write instead)."""

from __future__ import annotations

import pytest

from sitegen.content.kinds import DEFAULT
from sitegen.content.source import Value
from sitegen.content.validate import validate

FILES = frozenset({"images/anh.jpg", "files/to-khai.pdf"})


def fields(line: int = 2, /, **values) -> dict[str, Value]:
    """A front matter's values, one a line from `line` on."""
    return {name: Value(value, line + index, 1) for index, (name, value) in enumerate(values.items())}


def check(kind: str, /, **values):
    return validate(DEFAULT[kind], fields(**values), "xa/f.md", FILES)


def codes(problems) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in problems]


def test_a_missing_required_field_makes_the_item_unusable_and_says_what_to_write():
    values, _lines, problems, usable = check("staff", name="Nguyễn Văn A")
    assert not usable
    assert codes(problems) == [("missing-field", 2)]
    assert "position: Chủ tịch UBND tỉnh" in problems[0].message()


def test_an_unknown_key_is_a_warning_with_did_you_mean():
    values, _lines, problems, usable = check("news", title="Tin", catgory="Tin tổng hợp")
    assert usable and values["category"] is None
    assert codes(problems) == [("unknown-key", 3)]
    assert "'category'" in problems[0].message() and "'category'" in problems[0].message("en")


@pytest.mark.parametrize("kind, key, written, expected", [
    ("page", "topic", "Giới thiệu", "introduction"),
    ("page", "topic", "co cau to chuc", "organisation"),
    ("page", "topic", "Bản đồ", "map"),
    ("procedure", "level", "cấp xã", "commune"),
    ("procedure", "level", "Thị trấn", "commune"),
    ("procedure", "online", "toan trinh", "full"),
    ("event", "kind", "Giấy mời họp", "meeting"),
])
def test_closed_lists_take_their_vietnamese_names(kind, key, written, expected):
    base = {"page": {"title": "Trang"}, "procedure": {"code": "1.001193", "title": "Thủ tục"},
            "event": {"title": "Họp", "start": "25/11/2026 08:00"}}[kind]
    values, _lines, problems, _usable = check(kind, **base, **{key: written})
    assert values[key] == expected and problems == []


@pytest.mark.parametrize("written, expected", [
    ("Phường", "ward"), ("dac-khu", "special-zone"), ("Đặc khu", "special-zone"),
    ("Thành phố", "province"),  # since 1 July 2025 a city is a province's peer
    ("thành phố thuộc tỉnh", "district"), ("Thị trấn", "town"),  # portals not yet moved
])
def test_a_site_kind_may_be_written_in_vietnamese(written, expected):
    values, _lines, problems, _usable = validate(DEFAULT.site, fields(name="Trang", kind=written), "xa/site.yaml",
                                                 FILES)
    assert values["kind"] == expected and problems == []


def test_a_word_not_in_the_list_gets_did_you_mean():
    _values, _lines, problems, _usable = check("procedure", code="1.001193", title="Thủ tục", level="comune")
    assert codes(problems) == [("bad-choice", 4)]
    assert "'commune'" in problems[0].message() and "province | district | commune" in problems[0].message()


def test_tags_and_duties_split_at_commas_but_participants_do_not():
    values, *_ = check("news", title="Tin", tags="chuyển đổi số, một cửa")
    assert values["tags"] == ("chuyển đổi số", "một cửa")
    values, *_ = check("staff", name="A", position="B", duties="Lãnh đạo chung, Phụ trách nội chính")
    assert values["duties"] == ("Lãnh đạo chung", "Phụ trách nội chính")
    values, *_ = check("event", title="Họp", start="25/11/2026 08:00", participants="Lãnh đạo các phòng, ban")
    assert values["participants"] == ("Lãnh đạo các phòng, ban",)


def test_a_list_written_as_a_yaml_list_keeps_its_commas():
    listed = [Value("Phụ trách nội chính, tư pháp", 3, 5), Value("Tiếp công dân", 4, 5)]
    values, *_ = validate(DEFAULT["staff"], {**fields(name="A", position="B"), "duties": Value(listed, 4, 1)},
                          "xa/f.md", FILES)
    assert values["duties"] == ("Phụ trách nội chính, tư pháp", "Tiếp công dân")


@pytest.mark.parametrize("written, value", [("có", True), ("Không", False), ("true", True), ("x", True)])
def test_yes_and_no_in_vietnamese(written, value):
    values, _lines, problems, _usable = check("news", title="Tin", featured=written)
    assert values["featured"] is value and problems == []


@pytest.mark.parametrize("path", ["../an-binh/images/anh.jpg", "/etc/passwd", "images/%2e%2e/%2e%2e/x.jpg",
                                  "C:\\Users\\anh.jpg", "file:///etc/passwd"])
def test_a_path_cannot_leave_the_site_folder(path):
    values, _lines, problems, _usable = check("news", title="Tin", image=path)
    assert values["image"] is None and codes(problems) == [("bad-path", 3)]


def test_a_missing_file_gets_the_close_name():
    _values, _lines, problems, _usable = check("news", title="Tin", image="images/Anh.jpg")
    assert codes(problems) == [("missing-file", 3)] and "images/anh.jpg" in problems[0].message()


@pytest.mark.parametrize("url, ok", [("https://dichvucong.gov.vn/", True), ("javascript:alert(1)", False),
                                     ("data:text/html,x", False), ("//evil.example/", False)])
def test_only_safe_addresses_are_taken(url, ok):
    values, _lines, problems, _usable = check("procedure", code="1.001193", title="T", online_url=url)
    assert (values["online_url"] == url) is ok and (problems == []) is ok


def test_a_bad_slug_is_a_warning_and_the_fixed_one_is_used():
    values, _lines, problems, usable = check("news", title="Tin", slug="Tin Mới!")
    assert usable and values["slug"] == "tin-moi"
    assert [(p.code, p.severity.value) for p in problems] == [("bad-slug", "warning")]


def test_a_text_over_its_limit_is_refused_with_both_lengths():
    _values, _lines, problems, usable = check("news", title="x" * 301)
    assert not usable and "301" in problems[0].message() and "300" in problems[0].message()


def test_defaults_fill_what_is_left_out():
    values, *_ = check("procedure", code="1.001193", title="T")
    assert values["online"] is None, "no online service is said unless the editor says it"
    assert values["forms"] == () and values["draft"] is False
