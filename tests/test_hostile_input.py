"""Random and hostile input: whatever an editor writes, the build ends with a
published page or a 'path:line: message', never a traceback, and never stops
the other files and sites. Very large, deeply nested or explosive files are
refused within bounded time and memory. Two builds of one input are the same,
byte for byte.

The property tests build a tiny portal (a district with a known-good article,
one commune holding the generated file) in-process through the command line's
main(), once per example, into an output folder made anew each time.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from lxml import etree

from conftest import NOW, ROOT_SITE, commune_site, front, news, write_tree
from sitegen.cli import main
from sitegen.content.kinds import DEFAULT

KINDS = {kind.name: kind for kind in (DEFAULT.site, *DEFAULT)}

REPO = Path(__file__).resolve().parent.parent

# 'path:line:column: lỗi: message'; a message's further lines are indented.
PROBLEM = re.compile(r"^[^:]+(:\d+(:\d+)?)?: (lỗi|cảnh báo|thông tin): .+")
CONTINUATION = re.compile(r"^    ")
GOOD_ARTICLE = "tin-tuc/tin-tot/index.html"  # the district's known-good article
BASE = {
    "huyen-mau/site.yaml": ROOT_SITE,
    "huyen-mau/news/tot.md": news("Tin tốt", body="Bài này luôn được đăng."),
    "xa-an/site.yaml": commune_site("An"),
    "xa-an/images/ok.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
    "xa-an/files/ok.pdf": b"%PDF-1.4 not really a pdf",
}
# Each example is a whole build (about 0.3 s): 135 examples over the three tests.
def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str
    out: Path
    sites: Path

    def problems(self) -> list[str]:
        return [line for line in self.stderr.splitlines()
                if PROBLEM.match(line) and not CONTINUATION.match(line)]

    def errors_in(self, relative: str) -> list[str]:
        shown = f"{self.sites}/{relative}"
        return [p for p in self.problems() if p.startswith(shown) and ": lỗi: " in p]

    def urls(self, site: str) -> set[str]:
        sitemap = self.out / site / "sitemap.xml"
        tree = etree.parse(str(sitemap))
        return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


class Builds:
    """Builds small portals one after another inside one temporary folder.

    Each build gets its own sites folder and an output folder made anew; the
    build's cache beside the output is kept, so Jinja compiles the theme once.
    """

    def __init__(self, base: Path):
        self.base = base
        self.count = 0
        self.baseline: set[str] | None = None

    def build(self, files: dict[str, str | bytes]) -> Result:
        self.count += 1
        sites = self.base / f"sites-{self.count}"
        write_tree(sites, {**BASE, **files})
        out = self.base / "out"
        shutil.rmtree(out, ignore_errors=True)
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["build", "--sites", str(sites), "--out", str(out), "--now", NOW])
        return Result(code, stdout.getvalue(), stderr.getvalue(), out, sites)

    def done(self, result: Result) -> None:
        shutil.rmtree(result.sites, ignore_errors=True)

    def commune_baseline(self) -> set[str]:
        """The commune's sitemap without the generated file."""
        if self.baseline is None:
            result = self.build({})
            assert result.code == 0, result.stderr
            self.baseline = result.urls("xa-an")
            self.done(result)
        return self.baseline


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory.mktemp("hostile"))


def assert_well_behaved(result: Result) -> None:
    """Exit 0 or 1, every line of stderr a problem (or its indented continuation),
    and the other site's article published."""
    assert result.code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert PROBLEM.match(line) or CONTINUATION.match(line), f"not a problem line: {line!r}"
    for line in result.problems():
        assert line.startswith(f"{result.sites}/"), f"a problem outside the sites: {line!r}"
    assert (result.out / GOOD_ARTICLE).is_file(), result.stderr


# Strategies ------------------------------------------------------------------

FIELD_NAMES = sorted({f.name for kind in KINDS.values() for f in kind.fields}
                     | {"text", "from", "until", "url", "file", "events"})

PIECES = [
    "a", "Z", "0", "7", " ", "  ", "x y", ": ", ":", " #", "#", "'", '"', "\\", "\t", "\n", "-", "- ",
    "[", "]", "{", "}", ",", "&a", "*a", "!", "!!str ", "|", ">", "%", "@", "`", "?", "---", "...",
    "<<: *a", "\x00", "\x07", "\x1b[2J", "\x7f", "\x85", "\x9f", "\u200f", "\u202e", "\u2066",
    "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\ue000", "Đ", "đ", "ă", "ơ", "ư", "Nguyễn",
    unicodedata.normalize("NFD", "Nguyễn Thị Hòa"), "\u0301", "\u0301\u0316" * 20, "🙂", "👨‍👩‍👧",
    "中文", "العربية", "<script>alert(1)</script>", "</p>", "<b>", "&amp;", "&#x3C;", "&lt;",
    "javascript:alert(1)", "{{ 7*7 }}", "{% if %}", "]]>", "-->", "<!--", "\\u0000", "%2e%2e/",
    "../", "/etc/passwd", "C:\\Windows", "27/06/2019 17:00", "2019-06-27", "true", "no", "null", "~",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
LONG = st.integers(300, 5000).map(lambda n: "Dài " * (n // 4))


def _single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _double(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _block(text: str) -> str:
    return "|\n" + "\n".join("  " + line for line in text.split("\n"))


def _folded(text: str) -> str:
    return ">-\n" + "\n".join("  " + line for line in text.split("\n"))


STYLES = [str, _single, _double, _double, _double, _block, _folded]  # mostly valid YAML
PAST_DATES = st.builds(
    lambda day, hour, form: day.strftime(form).replace("HH", f"{hour:02d}"),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 11, 1)),
    st.integers(0, 23),
    st.sampled_from(["%Y-%m-%d HH:30", "%d/%m/%Y HH:00", "%d/%m/%Y", "%Y-%m-%d", "HH:15 %d/%m/%Y",
                     "%d-%m-%Y lúc HH giờ 05", "%Y-%m-%dTHH:00:00+07:00", "%Y-%m-%d HH:00 Z"]),
)
TYPED = st.one_of(
    PAST_DATES,
    st.sampled_from([
        "31/02/2026 08:00", "2026-13-01", "99:99 01/01/2026", "2026-01-01 08:00 +25:99", "0000-00-00",
        "true", "false", "có", "không", "yes", "x", "maybe", "1", "-5", "99999999999", "1e3", "0x10",
        "https://dichvucong.gov.vn/", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "/gioi-thieu/",
        "//evil.example/", "mailto:a@b.vn", "data:text/html,<script>alert(1)</script>",
        "images/ok.jpg", "files/ok.pdf", "../huyen-mau/site.yaml", "/etc/passwd", "C:\\\\x.jpg",
        "images/%2e%2e/%2e%2e/x", "~/x", "1.001193", "1.23", "2.000123.000.00.00.H12",
        "commune", "xã", "tỉnh", "province", "meeting", "họp", "full", "toàn trình", "introduction",
        "bbt@xa.vn", "<bbt@xa.vn>", "a@b", "tin-moi", "Tin Mới!", "trang-2", "404",
    ]),
)
SCALAR = st.one_of(
    st.builds(lambda style, text: style(text), st.sampled_from(STYLES), TEXT),
    TYPED,
    st.builds(lambda style, text: style(text), st.sampled_from([str, _double]), LONG),
    st.sampled_from(["&a [x, y]", "*a", "&a x", "*b", "!!binary aGVsbG8=", "!!python/object:os.system x",
                     "!!map {a: b}", "? a", "- a", "[a, [b, [c]]]", "{a: {b: {c: d}}}", "[", "{", "'",
                     '"', "|", ">", "@x", "`x`", "%TAG", "",
                     # YAML's escapes make characters the file itself cannot hold
                     '"A\\0B"', '"\\x1b[31m"', '"\\uffff\\ufffe"', '"\\ue000x"', '"\\u2028\\x85\\N"',
                     '"\\U0001F600\\_\\L\\P"', '"\\u202etxt.exe"', '"\\x7f\\x9f\\t"']),
)
JUNK_KEY = st.one_of(
    st.sampled_from(["tittle", "Title", "TITLE", "ngày", "tiêu đề", "a b", "1", "true", "null", "~",
                     "''", '"x: y"', "<script>", "{{ 7*7 }}", "\u202etitle", "[a]", "? x", "-", "*a",
                     "&a k", "x" * 300]),
    TEXT.filter(lambda key: key.strip() != ""),
).filter(lambda key: key not in FIELD_NAMES)


def _indent(text: str, by: str) -> str:
    return text.replace("\n", "\n" + by)


VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(inner, max_size=4).map(
            lambda items: "".join("\n  - " + _indent(item, "    ") for item in items)),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), JUNK_KEY), inner, max_size=3).map(
            lambda mapping: "".join(f"\n  {k}: {_indent(v, '    ')}" for k, v in mapping.items())),
        st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=3).map(
            lambda mapping: "{" + ", ".join(f"{k}: {v}" for k, v in mapping.items()) + "}"),
    ),
    max_leaves=6,
)
SEPARATORS = st.sampled_from([": "] * 8 + [":", ":  ", " : ", ":\t", " "])
INDENTS = st.sampled_from([""] * 12 + [" ", "\t", "  - "])

# A valid item of each kind, so that many examples exercise publishing too.
VALID = {
    "news": {"title": "Tin được sinh ra", "category": "Tin xã"},
    "staff": {"name": "Nguyễn Văn Thử", "position": "Công chức"},
    "event": {"title": "Họp giao ban", "start": "2026-11-16 08:00"},
    "procedure": {"code": "1.001193", "title": "Đăng ký khai sinh"},
    "page": {"title": "Giới thiệu xã"},
}
FOLDERS = {"news": "news", "staff": "staff", "event": "schedule", "procedure": "procedures", "page": "pages"}
FILE_NAMES = st.sampled_from(["2026-11-01-tin.md", "2026-11-01-Tin Mới.md", "2026-11-01-a.b.MD",
                              "2026-11-01-đ.markdown", "2026-11-01-x'y\".md", "2026-11-01-<b>.md"])


# Values that are always valid YAML, whatever they hold.
QUOTED = st.one_of(
    TEXT.map(_double), TEXT.map(_single), TYPED.map(_double), LONG.map(_double),
    st.lists(TEXT.map(_double), max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
)


@st.composite
def front_matter_files(draw) -> tuple[str, str, bytes, str]:
    """(kind, relative path, file bytes, the text before encoding)."""
    kind = draw(st.sampled_from(list(VALID)))
    names = [f.name for f in KINDS[kind].fields]
    lines = []
    if draw(st.booleans()):
        # An item that is usable but for the values of a few other fields, any text in quotes.
        lines += [f"{k}: {v}" for k, v in VALID[kind].items()]
        others = [n for n in names if n not in VALID[kind]]
        for key in draw(st.lists(st.sampled_from(others), max_size=4, unique=True)):
            lines.append(f"{key}: {draw(st.one_of(QUOTED, TYPED))}")
    else:
        # Anything: keys of the kind or junk, values of every YAML shape, broken lines.
        if draw(st.integers(0, 3)):
            lines += [f"{k}: {v}" for k, v in VALID[kind].items()]
        for _ in range(draw(st.integers(0, 6))):
            key = draw(st.one_of(st.sampled_from(names), st.sampled_from(names), JUNK_KEY))
            value = draw(st.one_of(VALUE, TYPED)) if key in names else draw(VALUE)
            lines.append(draw(INDENTS) + key + draw(SEPARATORS) + value)
    lines = draw(st.permutations(lines))
    opening = draw(st.sampled_from(["---"] * 8 + ["--- ", "----", ""]))
    closing = draw(st.sampled_from(["---"] * 8 + ["...", "", "--- #"]))
    body = draw(st.one_of(st.just("Nội dung."), MARKDOWN))
    text = opening + "\n" + "\n".join(lines) + "\n" + closing + "\n" + body + "\n"
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 4)) == 0:
        raw = b"\xef\xbb\xbf" + raw
    name = draw(FILE_NAMES) if kind == "news" else "muc.md"
    return kind, f"xa-an/{FOLDERS[kind]}/{name}", raw, text


# Markdown: raw HTML, odd links and pictures, tables, nested lists, fences.
MD_PIECES = [
    "chữ thường", "**đậm**", "*nghiêng*", "_x_", "`mã`", "\\*", "  \n", "\n", "\n\n", "# Tiêu đề",
    "## Mục", "> trích", "- mục", "1. một", "    - con", "* * *", "---", "```", "```python", "~~~",
    "|a|b|\n|-|-|\n|c|d|", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<iframe src=//evil.example></iframe>", "<a href='javascript:alert(1)'>x</a>",
    "<div style='background:url(javascript:alert(1))'>s</div>", "<!-- c -->", "<!--", "-->", "]]>",
    "<style>*{}</style>", "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>", "</div>", "<b>",
    "<form action=javascript:alert(1)><button>x</button></form>", "<object data=x>", "<base href=//e>",
    "[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a](jav&#x09;ascript:alert(1))",
    "[a](data:text/html,<script>alert(1)</script>)", "[a](vbscript:msgbox(1))", "[a](//evil.example/)",
    "[a](../../../etc/passwd)", "[a](files/ok.pdf)", "[a](files/khong-co.pdf)", "[a](/gioi-thieu/)",
    "[a](#muc)", "[a][r]\n\n[r]: javascript:alert(1)", "<javascript:alert(1)>", "<https://dichvucong.gov.vn>",
    "![ảnh](images/ok.jpg)", "![ảnh](images/ok.jpg \"chú thích\")", "![x](javascript:alert(1))",
    "![<svg onload=alert(1)>](images/ok.jpg)", "![x](images/khong-co.jpg)", "![x](../huyen-mau/site.yaml)",
    "&#x3C;script&#x3E;", "&lt;script&gt;", "{{ 7*7 }}", "{% raw %}", "\ue000", "\x00", "\u2028", "[", "<",
    "&#xFFFF;", "&#x1;", "&#0;", "&#x85;", "&#xD800;", "&#x202E;", "`&#xFFFF;`", "## &#x1b;[2J",
]
MARKDOWN = st.one_of(
    st.lists(st.sampled_from(MD_PIECES), max_size=14).map(" ".join),
    st.lists(st.sampled_from(MD_PIECES), max_size=14).map("\n".join),
    st.integers(1, 60).map(lambda depth: "".join("  " * i + "- mức\n" for i in range(depth))),
    st.integers(1, 60).map(lambda depth: "> " * depth + "trích"),
    st.builds(lambda rows, cols: "|" + "a|" * cols + "\n|" + "-|" * cols + "\n" + ("|" + "x|" * cols + "\n") * rows,
              st.integers(0, 30), st.integers(1, 12)),
)


@st.composite
def site_yamls(draw) -> bytes:
    names = [f.name for f in KINDS["site"].fields if f.name != "parent"]
    lines = []
    if draw(st.booleans()):
        lines += ["name: Trang thông tin điện tử xã An", "kind: commune"]
        others = [n for n in names if n not in ("name", "kind")]
        for key in draw(st.lists(st.sampled_from(others), max_size=5, unique=True)):
            lines.append(f"{key}: {draw(st.one_of(QUOTED, TYPED))}")
    else:
        if draw(st.integers(0, 3)):
            lines += ["name: Trang thông tin điện tử xã An", "kind: commune"]
        for _ in range(draw(st.integers(0, 5))):
            key = draw(st.one_of(st.sampled_from(names), st.sampled_from(names), JUNK_KEY))
            value = draw(st.one_of(VALUE, TYPED)) if key in names else draw(VALUE)
            lines.append(draw(INDENTS) + key + draw(SEPARATORS) + value)
    lines = draw(st.permutations(lines))
    # The parent stays fixed: a commune that drops it takes over the portal's
    # root (test_a_commune_cannot_take_the_root_portal, a known bug).
    text = "parent: huyen-mau\n" + "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text.encode("utf-8")


# Properties ------------------------------------------------------------------

# Dates after NOW (22/11/2026) that junk could spell: such an item is scheduled.
FUTURE = re.compile(r"20[3-9]\d|202[7-9]|2[1-9]\d\d|9999|2026-12|[/.-]12[/.-]2026|2026-11-(2[3-9]|30)"
                    r"|(2[3-9]|30)[/.-]11[/.-]2026")


@examples(60)
@given(front_matter_files())
def test_any_front_matter_gives_a_page_or_a_message(builds, generated):
    kind, relative, raw, text = generated
    baseline = builds.commune_baseline()
    result = builds.build({relative: raw})
    assert_well_behaved(result)
    if not result.errors_in(relative) and "draft" not in text and not FUTURE.search(text):
        # Published: the commune's sitemap has a page it did not have before.
        assert result.urls("xa-an") - baseline, (kind, text, result.stderr)
        event(f"{kind}: published")
    else:
        event(f"{kind}: refused, a draft or scheduled")
    builds.done(result)


@examples(40)
@given(MARKDOWN)
def test_any_markdown_body_is_published_safely(builds, body):
    from test_injection import unsafe_markup

    result = builds.build({"xa-an/news/2026-11-01-bai.md": front({"title": "Bài thử"}, body)})
    assert_well_behaved(result)
    page = result.out / "xa-an" / "tin-tuc" / "bai-thu" / "index.html"
    assert page.is_file(), result.stderr  # a body never keeps its article from being published
    assert unsafe_markup(page.read_text(encoding="utf-8")) == []
    builds.done(result)


@examples(35)
@given(site_yamls())
def test_any_site_yaml_gives_a_site_or_a_message(builds, raw):
    result = builds.build({"xa-an/site.yaml": raw, "xa-an/news/2026-11-01-tin.md": news("Tin của xã")})
    assert_well_behaved(result)
    if not result.errors_in("xa-an/site.yaml"):
        assert (result.out / "xa-an" / "index.html").is_file(), result.stderr
        event("site built")
    else:
        event("site.yaml refused or corrected")
    builds.done(result)


# Resource limits -------------------------------------------------------------

@contextlib.contextmanager
def bounded(seconds: float, megabytes: float):
    """Fails when the block takes longer or allocates more (Python memory, peak)."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak < megabytes * 1e6, f"peak {peak / 1e6:.0f} MB"


def run_build(builds: Builds, files: dict[str, str | bytes]) -> Result:
    result = builds.build(files)
    assert_well_behaved(result)
    return result


def test_a_ten_megabyte_file_is_refused_unread(builds):
    huge = ("---\ntitle: Tin rất dài\ndate: 2026-11-01\n---\n" + "Một câu rất dài. " * 600_000).encode()
    assert len(huge) > 10_000_000
    with bounded(seconds=20, megabytes=60):
        result = run_build(builds, {"xa-an/news/rat-dai.md": huge,
                                    "xa-an/news/2026-11-01-tin.md": news("Tin bình thường")})
    assert result.code == 1
    assert any("xa-an/news/rat-dai.md: lỗi: Tệp quá lớn" in p for p in result.problems()), result.stderr
    assert (result.out / "xa-an" / "tin-tuc" / "tin-binh-thuong" / "index.html").is_file()
    assert "Một câu rất dài" not in (result.out / "xa-an" / "tin-tuc" / "index.html").read_text()


BILLION_LAUGHS = "\n".join(
    ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def test_a_yaml_alias_bomb_is_refused_fast(builds):
    with bounded(seconds=5, megabytes=80):
        result = run_build(builds, {
            "xa-an/news/bom.md": "---\ntitle: Bom\ndate: 2026-11-01\n" + BILLION_LAUGHS + "\n---\nx\n",
            "xa-an/schedule/bom.yaml": "events:\n  - title: Bom\n    start: 2026-11-16 08:00\n    "
                                       + BILLION_LAUGHS.replace("\n", "\n    ") + "\n",
            "xa-an/news/2026-11-01-tin.md": news("Tin bình thường"),
        })
    assert result.code == 1
    for name in ("news/bom.md", "schedule/bom.yaml"):
        assert any(f"xa-an/{name}:" in p and "bí danh" in p for p in result.errors_in(f"xa-an/{name}")), \
            result.stderr
    assert (result.out / "xa-an" / "tin-tuc" / "tin-binh-thuong" / "index.html").is_file()


def test_an_alias_bomb_in_site_yaml_leaves_the_other_sites(builds):
    with bounded(seconds=5, megabytes=80):
        result = run_build(builds, {"xa-an/site.yaml": commune_site("An") + BILLION_LAUGHS + "\n"})
    assert result.code == 1
    assert result.errors_in("xa-an/site.yaml")


def test_deep_nesting_is_refused_with_a_message(builds):
    depth = 1000
    flow = "[" * depth + "]" * depth
    block = "".join("  " * i + "- \n" for i in range(depth))
    mapping = "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "v\n"
    with bounded(seconds=15, megabytes=150):
        result = run_build(builds, {
            "xa-an/news/flow.md": f"---\ntitle: Sâu\ndate: 2026-11-01\ntags: {flow}\n---\nx\n",
            "xa-an/news/block.md": f"---\ntitle: Sâu\ndate: 2026-11-01\ntags:\n{block}---\nx\n",
            "xa-an/news/map.md": f"---\ntitle: Sâu\ndate: 2026-11-01\n{mapping}---\nx\n",
            "xa-an/news/2026-11-01-danh-sach.md": news(  # 300 levels: Python-Markdown recursed out
                "Danh sách sâu", body="".join("    " * i + "- mức\n" for i in range(300))),
            "xa-an/news/2026-11-01-trich-dan.md": news("Trích dẫn sâu", body="> " * depth + "x"),
            "xa-an/news/2026-11-01-gach.md": news("Gạch sâu", body="- " * depth + "x"),
            "xa-an/news/2026-11-01-nhan.md": news("Nhấn sâu", body="*" * 3000 + "x" + "*" * 3000),
            "xa-an/news/2026-11-01-html.md": news("HTML sâu", body="<div>" * 20_000),
        })
    for name in ("flow.md", "block.md", "map.md"):
        assert any("lồng nhau quá sâu" in p for p in result.errors_in(f"xa-an/news/{name}")), result.stderr
    for slug in ("danh-sach-sau", "trich-dan-sau", "gach-sau", "nhan-sau", "html-sau"):
        assert (result.out / "xa-an" / "tin-tuc" / slug / "index.html").is_file(), (slug, result.stderr)
    assert any("quá phức tạp" in p for p in result.errors_in("xa-an/news/2026-11-01-danh-sach.md"))
    assert "mức" in (result.out / "xa-an" / "tin-tuc" / "danh-sach-sau" / "index.html").read_text()


def test_pathological_markdown_is_published_as_text_in_bounded_time(builds):
    bodies = {
        "ngoac": "[a " * 60_000,  # each unclosed '[' is looked for to the paragraph's end
        "ngoac-long": "[" * 30_000 + "x" + "]" * 30_000,
        "lien-ket": "<http://a" * 20_000,
        "tieu-de": "## a\n" * 30_000,  # one line at a time, the rest split again
        "doan": "a\n\n" * 60_000,
        "the-mo": "x <span>" * 20_000,
        "dau-ghep": "a" + "\u0301\u0316" * 300_000,  # normalising a pile of marks is quadratic
    }
    started = time.monotonic()
    result = run_build(builds, {f"xa-an/news/2026-11-01-{name}.md": news(name.replace("-", " "), body=body)
                                for name, body in bodies.items()})
    assert time.monotonic() - started < 30
    for name in bodies:
        assert (result.out / "xa-an" / "tin-tuc" / name / "index.html").is_file(), (name, result.stderr)


def test_a_yaml_file_of_deep_brackets_neither_crashes_nor_stalls(tmp_path):
    """100,000 '[' made libyaml's composer crash the process (it recurses in C)
    and its parser take minutes: run it as the webmaster does, in its own process."""
    sites = write_tree(tmp_path / "sites", {
        **BASE,
        "xa-an/news/ngoac.md": "---\ntitle: x\ndate: 2026-11-01\ntags: " + "[" * 100_000 + "]" * 100_000 + "\n---\n",
        "xa-an/schedule/tuan.yaml": "events: " + "{a: " * 100_000 + "b" + "}" * 100_000 + "\n",
        "xa-chi/site.yaml": commune_site("Chi", extra="menu: " + "[" * 100_000 + "\n"),
        "xa-binh/site.yaml": commune_site("Bình"),
        "xa-binh/news/2026-11-01-tin.md": news("Tin xã Bình"),
    })
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--sites", str(sites),
                           "--out", str(tmp_path / "out"), "--now", NOW],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert time.monotonic() - started < 30
    assert done.stderr.count("lồng nhau quá sâu") == 3, done.stderr
    assert (tmp_path / "out" / "xa-binh" / "tin-tuc" / "tin-xa-binh" / "index.html").is_file()


def test_five_thousand_tags_and_a_huge_title_are_refused_alone(builds):
    tags = "[" + ", ".join(f"thẻ {i}" for i in range(5000)) + "]"
    with bounded(seconds=15, megabytes=150):
        result = run_build(builds, {
            "xa-an/news/2026-11-01-the.md": news("Nhiều thẻ", tags=tags),
            "xa-an/news/2026-11-01-dai.md": news("Tiêu đề " + "rất dài " * 12_500),
            "xa-an/news/2026-11-01-tin.md": news("Tin bình thường"),
        })
    assert any("'tags' có quá nhiều mục (5000, tối đa 30)" in p
               for p in result.errors_in("xa-an/news/2026-11-01-the.md")), result.stderr
    assert any("'title' quá dài (100007 ký tự" in p
               for p in result.errors_in("xa-an/news/2026-11-01-dai.md")), result.stderr
    news_dir = result.out / "xa-an" / "tin-tuc"
    assert (news_dir / "nhieu-the" / "index.html").is_file()  # published, without the tags
    assert not (result.out / "xa-an" / "the" / "the-4999").exists()
    assert (news_dir / "tin-binh-thuong" / "index.html").is_file()
    assert "rất dài rất dài" not in (news_dir / "index.html").read_text()


def test_escapes_and_entities_cannot_smuggle_forbidden_characters(builds):
    """YAML's "\0", "\uffff" ... and HTML's &#xFFFF; make characters that a file
    itself cannot hold (they are removed when it is read) and no feed (XML) can
    carry: a NUL in a title stopped the whole build."""
    result = run_build(builds, {
        "xa-an/news/2026-11-01-thoat.md": (
            '---\ntitle: "Tin \\0 \\x1b[31m \\uffff \\ue000 \\u2028 \\x85 thoát"\n'
            'tags: ["a\\x00b", "\\ufffe"]\nauthor: "\\u202eAn"\n---\n'
            "Thân &#xFFFF; &#x1; &#0; &#xFFFE; `&#xFFFF;`\n\n## Mục &#x1b;\n"),
        "xa-an/schedule/thoat.yaml": 'events:\n  - title: "Họp \\0 \\uffff"\n    start: 2026-11-18 08:00\n'
                                     '    location: "\\x1b[2J"\n',
    })
    assert result.code == 0, result.stderr
    for path in result.out.rglob("*.xml"):
        etree.parse(str(path))
    article = result.out / "xa-an" / "tin-tuc" / "tin-31m-thoat" / "index.html"  # ESC gone, "[31m" kept
    text = article.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ue000\u202e]", text)
    calendar = (result.out / "xa-an" / "lich-cong-tac" / "lich.ics").read_bytes()
    assert b"\x00" not in calendar and b"\x1b" not in calendar


def test_odd_files_each_get_a_message(builds):
    result = run_build(builds, {
        "xa-an/news/nhi-phan.md": bytes(range(256)) * 40,
        "xa-an/news/nul.md": b"---\ntitle: A\x00B\ndate: 2026-11-01\n---\n\x00\x01\x02 n\xe1\xbb\x99i dung\n",
        "xa-an/news/chi-gach.md": "---",
        "xa-an/news/rong.md": b"",
        "xa-an/staff/bom.md": b"\xef\xbb\xbf",
        "xa-an/pages/chi-khai-bao.md": "---\n---\n",
        "xa-an/schedule/danh-sach.yaml": "- title: Họp\n  start: 2026-11-16 08:00\n",
        "xa-an/schedule/so.yaml": "5\n",
        "xa-an/procedures/ba-tai-lieu.md": "---\ncode: 1.001193\n---\n---\ntitle: x\n---\n",
        "xa-binh/site.yaml": "- name: Danh sách\n- kind: commune\n",
        "xa-binh/news/2026-11-01-tin.md": news("Tin xã Bình không có trang"),
        "xa-chi/site.yaml": commune_site("Chi", extra="menu: 5\n"),
        "xa-chi/news/2026-11-01-tin.md": news("Tin xã Chi"),
        "xa-dao/site.yaml": b"\xff\xfe\x00n\x00a\x00m\x00e\x00",
        "xa-an/news/2026-11-01-tin.md": news("Tin bình thường", body="A\x00B"),
    })
    assert result.code == 1
    errors = "\n".join(result.problems())
    expected = {
        "xa-an/news/nhi-phan.md": "UTF-8", "xa-an/news/chi-gach.md": "'---' đóng lại",
        "xa-an/news/rong.md": "Thiếu phần khai báo", "xa-an/staff/bom.md": "Thiếu phần khai báo",
        "xa-an/pages/chi-khai-bao.md": "Thiếu 'title'", "xa-an/schedule/danh-sach.yaml": "khóa: giá trị",
        "xa-an/schedule/so.yaml": "khóa: giá trị", "xa-an/procedures/ba-tai-lieu.md": "Thiếu 'title'",
        "xa-binh/site.yaml": "khóa: giá trị", "xa-chi/site.yaml": "'menu'", "xa-dao/site.yaml": "UTF-8",
    }
    for name, words in expected.items():
        assert any(words in p for p in result.errors_in(name)), (name, errors)
    assert (result.out / "xa-an" / "tin-tuc" / "ab" / "index.html").is_file()  # NUL removed: 'AB'
    assert not (result.out / "xa-binh").exists()
    assert (result.out / "xa-chi" / "tin-tuc" / "tin-xa-chi" / "index.html").is_file()


def test_control_characters_and_line_breaks_cannot_forge_a_message(builds):
    """A value or a file name written over several lines, or with terminal
    escapes, still gives one message per problem: its other lines indented,
    control characters shown escaped (assert_well_behaved checks every line)."""
    result = run_build(builds, {
        "xa-an/news/a\ngia.md:1: lỗi: \x1b[31mgiả\x1b[0m.md": "không có khai báo",
        "xa-an/news/ngay.md": "---\ntitle: Ngày lạ\ndate: |\n  abc\n  gia.md:1: lỗi: giả\n---\nx\n",
        "xa-an/news/khoa.md": '---\ntitle: Khóa lạ\ndate: 2026-11-01\n"a\\ngia.md:2: lỗi: giả": x\n---\nx\n',
    })
    assert "\x1b" not in result.stderr
    assert f"{result.sites}/xa-an/news/a\\ngia.md:1: lỗi: \\x1b[31mgiả\\x1b[0m.md:1: lỗi:" in result.stderr
    assert "\n    gia.md:1: lỗi: giả'" in result.stderr
    assert "\n    gia.md:2: lỗi: giả'" in result.stderr


def test_reading_a_site_skips_named_pipes(tmp_path):
    """A FIFO (or a device) among a site's files is never opened: reading it
    would wait for a writer for ever. (The build as a whole: the test below.)"""
    from datetime import datetime

    from sitegen.content.dates import LOCAL_TZ
    from sitegen.content.loader import load_site
    from sitegen.content.markdown import MarkdownRenderer

    sites = write_tree(tmp_path / "sites", {**BASE, "xa-an/news/2026-11-01-tin.md": news("Tin")})
    os.mkfifo(sites / "xa-an" / "news" / "ong.md")
    os.mkfifo(sites / "xa-an" / "files" / "ong.pdf")
    (sites / "xa-an" / "images" / "ong.jpg").symlink_to(sites / "xa-an" / "files" / "ong.pdf")
    loaded = load_site(sites / "xa-an", "sites/xa-an", datetime(2026, 11, 22, 10, tzinfo=LOCAL_TZ),
                       MarkdownRenderer())
    assert [a.title for a in loaded.content.of("news")] == ["Tin"]
    assert "files/ong.pdf" not in loaded.content.files and "images/ong.jpg" not in loaded.content.files


def test_a_named_pipe_in_a_site_folder_does_not_hang_the_build(tmp_path):
    sites = write_tree(tmp_path / "sites", {**BASE, "xa-an/news/2026-11-01-tin.md": news("Tin")})
    os.mkfifo(sites / "xa-an" / "news" / "ong.md")
    done = _build_with_timeout(sites, tmp_path / "out", seconds=5)
    assert done is not None, "the build hung on the named pipe"


def _build_with_timeout(sites: Path, out: Path, seconds: float):
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--sites", str(sites),
                                "--out", str(out), "--now", NOW], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=sites.parent, start_new_session=True)
    try:
        process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        return None
    return process


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forked test process
# across exec, so it would count the test's own memory.
PEAK = ("import re, sys; from sitegen.cli import main; code = main(sys.argv[1:]); "
        "status = open('/proc/self/status').read(); "
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) // 1024, file=sys.stderr); sys.exit(code)")


def _build_measured(sites: Path, out: Path) -> tuple[subprocess.CompletedProcess, int]:
    """A build in its own process: its outcome and its peak memory in MB."""
    done = subprocess.run([sys.executable, "-c", PEAK, "build", "--sites", str(sites), "--out", str(out),
                           "--now", NOW, "--no-report"], capture_output=True, text=True, timeout=300, cwd=REPO)
    *lines, peak = done.stderr.strip().splitlines()
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout, "\n".join(lines)), int(peak)


def test_a_huge_text_file_is_not_read_into_memory(tmp_path):
    sites = write_tree(tmp_path / "sites", {**BASE, "xa-an/news/2026-11-01-tin.md": news("Tin")})
    with open(sites / "xa-an" / "news" / "khong-lo.md", "wb") as handle:  # sparse: no disk used
        handle.truncate(256 * 1024 * 1024)
    done, peak = _build_measured(sites, tmp_path / "out")
    assert done.returncode == 1 and "khong-lo.md: lỗi: Tệp quá lớn" in done.stderr, done.stderr
    assert peak < 150, f"peak {peak} MB"


def _png(width: int, height: int) -> bytes:
    """A grey PNG of any size, a few hundred kB however large."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(bytes(width + 1) * height, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def test_a_truncated_picture_does_not_stop_the_build(builds):
    """Half a picture (an upload cut short) is named, published as it is, and its
    article still published with it."""
    photo = next((REPO / "sites").rglob("*.jpg")).read_bytes()
    result = builds.build({
        "xa-an/images/nua.jpg": photo[: len(photo) // 2],
        "xa-an/news/2026-11-01-anh.md": news("Ảnh tải dở", image="images/nua.jpg"),
    })
    assert_well_behaved(result)
    assert re.search(r"xa-an/images/nua\.jpg: lỗi: Không đọc được ảnh", result.stderr), result.stderr
    article = (result.out / "xa-an" / "tin-tuc" / "anh-tai-do" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Ảnh tải dở</h1>" in article and "images/nua.jpg" in article
    assert (result.out / "xa-an" / "images" / "nua.jpg").read_bytes() == photo[: len(photo) // 2]


def test_a_picture_bomb_is_refused_with_a_message(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        **BASE, "xa-an/images/bom.png": _png(9_500, 9_500),
        "xa-an/news/2026-11-01-anh.md": news("Ảnh bom", image="images/bom.png"),
    })
    done, peak = _build_measured(sites, tmp_path / "out")
    assert done.returncode in (0, 1), done.stderr
    assert all(PROBLEM.match(line) or CONTINUATION.match(line) for line in done.stderr.splitlines()), done.stderr
    assert peak < 120, f"peak {peak} MB"


# Isolation between sites (part of the brief's 'nothing reaches another site') --

def test_a_commune_cannot_take_the_root_portal(builds):
    # The root portal is the site the others name as their parent: one commune
    # that deletes its 'parent:' cannot outrank it.
    result = builds.build({"xa-an/site.yaml": "name: Trang giả mạo\nkind: province\n",
                           "xa-binh/site.yaml": commune_site("Bình")})
    assert "Cổng thông tin điện tử huyện Mẫu" in (result.out / "index.html").read_text()
    assert (result.out / GOOD_ARTICLE).is_file()


def test_a_commune_cannot_post_onto_another_commune(builds):
    result = builds.build({
        "xa-an/site.yaml": commune_site("An", parent="xa-binh"),
        "xa-an/news/2026-11-01-chen.md": news("Tin chen ngang", to_parent="true"),
        "xa-binh/site.yaml": commune_site("Bình"),
    })
    assert "Tin chen ngang" not in (result.out / "xa-binh" / "index.html").read_text()


# Reproducible output ---------------------------------------------------------

def _copy_shuffled(source: Path, target: Path, seed: int) -> None:
    """Copy a tree creating its folders and files in a shuffled order, so that
    the directory listings come back in another order."""
    files = [p for p in source.rglob("*") if p.is_file()]
    random.Random(seed).shuffle(files)
    for path in files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build_process(sites: Path, out: Path, **env: str) -> subprocess.Popen:
    """A build as the webmaster runs it, with only env deciding the time and hash seed."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    environment.update(env)
    out.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--sites", str(sites),
                             "--out", str(out)], env=environment, cwd=out.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


EPOCH_2026_11_22 = "1795316400"  # 22/11/2026 10:00 in Hà Nội


def test_two_builds_of_one_portal_are_byte_identical(tmp_path):
    """Three sites of the sample portal, copied twice in different orders, built
    with different hash seeds in two processes at once: the same bytes."""
    outputs = []
    processes = []
    for number, seed in ((1, "0"), (2, "4242")):
        sites = tmp_path / f"run-{number}" / "sites"
        for site in ("phu-tho", "an-binh", "hoa-binh"):
            _copy_shuffled(REPO / "sites" / site, sites / site, seed=number)
        out = tmp_path / f"run-{number}" / "out"
        outputs.append(out)
        processes.append(_build_process(sites, out, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH=EPOCH_2026_11_22))
    for process in processes:
        _stdout, stderr = process.communicate(timeout=300)
        assert process.returncode in (0, 1), stderr
        assert "Traceback" not in stderr
    first, second = (_tree(out) for out in outputs)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_source_date_epoch_decides_what_is_due(tmp_path):
    sites = write_tree(tmp_path / "sites", {
        **BASE, "xa-an/news/hen.md": news("Tin hẹn giờ", "2026-12-15 08:00"),
    })
    before, after = tmp_path / "truoc" / "out", tmp_path / "sau" / "out"
    runs = [_build_process(sites, before, SOURCE_DATE_EPOCH=EPOCH_2026_11_22),
            _build_process(sites, after, SOURCE_DATE_EPOCH=str(int(EPOCH_2026_11_22) + 30 * 86400))]
    for process in runs:
        _stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert not (before / "xa-an" / "tin-tuc" / "tin-hen-gio").exists()
    assert "Tin hẹn giờ" not in "".join(p.read_text(errors="replace") for p in before.rglob("*.html"))
    assert (after / "xa-an" / "tin-tuc" / "tin-hen-gio" / "index.html").is_file()
