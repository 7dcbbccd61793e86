"""The shape a newcomer relies on: every command declares its arguments and
runs itself, the help speaks Vietnamese first, no function is too long to
read, and every message the package says lives in the catalogue."""

from __future__ import annotations

import ast
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli import COMMANDS

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "sitegen"
VIETNAMESE = re.compile(r"[ăâđêôơưạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ]", re.I)


def _sources():
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_declares_its_arguments_and_runs_itself(name):
    module = importlib.import_module(f"sitegen.commands.{name}")
    assert callable(module.add_arguments) and callable(module.run), name


def _help(*args: str, lang_env: str = "C.UTF-8") -> str:
    env = {**os.environ, "LANG": lang_env, "LC_ALL": "", "LANGUAGE": ""}
    done = subprocess.run([sys.executable, "build.py", *args], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_is_in_vietnamese_unless_english_is_asked_for():
    assert "cách dùng:" in _help("--help") and "dựng mọi trang" in _help("--help")
    build = _help("build", "--help")
    assert "thư mục đầu ra" in build and "tùy chọn:" in build and "usage:" not in build
    assert "usage:" in _help("build", "--help", "--lang", "en") and "output folder" in _help("build", "--help",
                                                                                               "--lang", "en")
    assert "usage:" in _help("--help", lang_env="en_US.UTF-8"), "an English LANG"
    for name in COMMANDS:
        assert "cách dùng:" in _help(name, "--help"), name


def test_no_function_is_over_60_lines():
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > 60:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == []


def _strings(tree: ast.AST):
    """Every string the code says (constants and f-string parts), docstrings aside."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node
        elif isinstance(node, ast.JoinedStr):
            yield ast.Constant("".join(p.value for p in node.values if isinstance(p, ast.Constant)),
                               lineno=node.lineno)


def test_no_bilingual_message_outside_the_catalogue():
    """A message in two languages is a pair in sitegen/messages/, never a 'vi / en'
    string or a {'vi': ..., 'en': ...} table in a module of its own."""
    found = []
    for path in _sources():
        if path.parent.name == "messages":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if {"vi", "en"} <= keys:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} a vi/en table")
        for node in _strings(tree):
            text = node.value
            if " / " in text and VIETNAMESE.search(text.split(" / ")[0]) and re.search(r"[A-Za-z]{3}", text.split(
                    " / ", 1)[1]) and not VIETNAMESE.search(text.split(" / ", 1)[1]):
                found.append(f"{path.relative_to(REPO)}:{node.lineno} {text[:60]!r}")
    assert found == []


def test_every_code_the_package_says_is_in_the_catalogue():
    """A code of messages/console.py named anywhere (say, both, an error of ours) exists there in both
    languages: a typo would otherwise show as a crash where the user needed the message."""
    from sitegen.messages.console import CONSOLE

    named = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"\b(?:say|both)\(\s*f?\"([a-z0-9-]+)\"", text))
        named |= set(re.findall(r"[A-Z][a-z]+Error\((?:\d+|source), \"([a-z0-9-]+)\"", text))
        named |= set(re.findall(r"(?:Publish|Deploy|Config|Report)Error\(\"([a-z0-9-]+)\"", text))
    assert len(named) > 60
    assert sorted(named - set(CONSOLE)) == []
    assert all(vi.strip() and en.strip() for vi, en in CONSOLE.values())
