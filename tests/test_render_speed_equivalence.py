"""The shortcuts taken for speed change no byte: Markdown bodies come out as
stock Python-Markdown makes them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import sitegen.content.markdown as md_module
from sitegen.content.markdown import MarkdownRenderer

ROOT = Path(__file__).resolve().parent.parent
SITE_FILES = frozenset({"images/anh.jpg", "files/van-ban.pdf", "gioi-thieu.md"})

# Each inline pattern's marks, alone, doubled, escaped, unclosed and nested.
TRICKY = [
    "`code`", "``a ` b``", "\\`not code\\`", "\\\\`code`", "a ` b", "`` ` ``", "`a\\`b`",
    "[link](images/anh.jpg)", "[a [b] c](/gioi-thieu/ \"title\")", "\\[not a link]", "[unclosed",
    "![anh](images/anh.jpg \"Chú thích\")", "![](images/thieu.jpg)", "!\\[x]", "![a](b) [c](d)",
    "[ref][r]\n\n[r]: files/van-ban.pdf \"Văn bản\"", "[r][]\n\n[r]: /x", "[short]\n\n[short]: /y",
    "<http://a.vn/x?y=1&z=2>", "<thu@xa.gov.vn>", "<b>đậm</b> <i>x", "<!-- ghi chú --> chữ",
    "&amp; &#x3C; &copy; & &#1; &#xFFFF;", "dòng một  \ndòng hai", "*a* **b** ***c*** _d_ __e__ ___f___",
    "**a *b* c**", "*a **b** c*", "a*b*c a_b_c", "* * *", "**unclosed *", "_a_b_", "\\*a\\*",
    "# Tiêu đề `mã` [liên kết](/x)\n\n## Tiêu đề\n\n## Tiêu đề\n\n### *Nhấn*", "[TOC]\n\n## Một\n\n### Hai",
    "| a | `b|c` |\n|---|---|\n| [x](/y) | *z* |", "- [a](/b)\n- `c`\n    - **d**", "> [a](javascript:alert(1))",
    "[x](data:text/html,abc) <script>alert(1)</script>", "a\u2028b \x01 \ufeff", "```\n[not](link)\n```",
    "    `indented code`", "<div>\n*raw block*\n</div>", "a <span>`x`</span> b", "\\\\\\` x",
]

PIECES = ["`", "``", "\\", "[", "]", "(", ")", "!", "*", "**", "_", "<", ">", "&", "&amp;", "  \n", "\n", "\n\n",
          " ", "chữ", "a", "http://x.vn/y", "<b>", "</b>", "a@b.vn", "# ", "- ", "1. ", "> ", "    ", "|", "\"",
          "images/anh.jpg", "[r]: /r", "[r]", "[TOC]"]


def _random_bodies(count: int) -> list[str]:
    rng = random.Random(20261122)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 50))) for _ in range(count)]


def _sample_bodies() -> list[str]:
    return [path.read_text(encoding="utf-8").split("---", 2)[-1]
            for path in sorted((ROOT / "sites").rglob("*.md"))]


@pytest.fixture(scope="module")
def renderers():
    quick = MarkdownRenderer()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(md_module, "_quick_inline", lambda md: None)
        stock = MarkdownRenderer()
        for allow_html in (False, True):
            stock._instance(allow_html)
    return quick, stock


def test_the_quick_inline_pass_is_the_one_used(renderers):
    quick, stock = renderers
    assert type(quick._instance(False)[0].treeprocessors["inline"]).__name__ == "_QuickInline"
    assert type(stock._instance(False)[0].treeprocessors["inline"]).__name__ == "InlineProcessor"


@pytest.mark.parametrize("allow_html", [False, True])
def test_bodies_are_the_same_as_with_stock_python_markdown(renderers, allow_html):
    quick, stock = renderers
    bodies = TRICKY + _sample_bodies() + _random_bodies(800)
    for text in bodies:
        got = quick.render(text, path="a.md", body_line=3, site_files=SITE_FILES, allow_html=allow_html)
        expected = stock.render(text, path="a.md", body_line=3, site_files=SITE_FILES, allow_html=allow_html)
        assert got == expected, text


LIMITS = [
    {},  # the real ones
    {"MAX_BLOCKS": 5, "MAX_LINES_COST": 30, "MAX_MARKS_COST": 200, "MAX_BODY_MARKS_COST": 900},
    {"MAX_BLOCKS": 50, "MAX_LINES_COST": 400, "MAX_MARKS_COST": 3000, "MAX_BODY_MARKS_COST": 6000},
]
SHAPES = [" ", "\t", "-", "*", "+", ">", "1.", "2)", "123456789.", "a", "chữ", "[", "<", "`", "_", "**", "\n",
          "\n\n", "# ", "|", "\r"]


@pytest.mark.parametrize("limits", LIMITS)
def test_the_complexity_shortcut_agrees_with_the_line_by_line_pass(monkeypatch, limits):
    for name, value in limits.items():
        monkeypatch.setattr(md_module, name, value)
    rng = random.Random(7)
    bodies = TRICKY + _sample_bodies()
    for _ in range(1500):
        bodies.append("".join(rng.choice(SHAPES) for _ in range(rng.randint(1, rng.choice([5, 40, 300])))))
        bodies.append("\n".join(rng.choice(["> ", "- ", "\t", "    ", "1. ", "* "]) * rng.randint(1, 40) + "x"
                                for _ in range(3)))
        bodies.append("\n".join(rng.choice(["chữ"] * 8 + ["", "a [b"]) for _ in range(rng.randint(1, 80))))
    line_by_line = md_module.too_complex
    for text in bodies:
        quick = md_module.too_complex(text)
        with monkeypatch.context() as patch:
            patch.setattr(md_module, "_within_every_limit", lambda text: False)
            assert quick == line_by_line(text), text
