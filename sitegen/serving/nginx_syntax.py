"""nginx's syntax, written so that no text can change what a line means.

Every argument of every directive goes through arg(), which quotes it or
refuses it (a '$', a control character): no value can add a directive, a
variable or a header. Only what the configuration's own modules wrote (Raw)
may hold a '$'. A file named in the configuration (file_name()) is refused too
when nginx would read it as a pattern.
"""

from __future__ import annotations

import re

from ..messages.console import Said


class ConfigError(Said):
    """The portal cannot be served as configured; message(lang) says why."""


class Raw(str):
    """An argument this module wrote itself (one of its variables, a regular
    expression of escaped paths): it may hold a '$'. Anything else may not."""


def directive(indent: str, name: str, *args: str, block: bool = False) -> str:
    """One line of the file: every argument through arg()."""
    words = " ".join(arg(word) for word in (name, *args))
    return f"{indent}{words} {{" if block else f"{indent}{words};"


_BARE = re.compile(r"[A-Za-z0-9_./:~-]+")
_REFUSED = re.compile(r"[\x00-\x1f\x7f]")
_PATTERN = re.compile(r"[*?\[]")  # include reads a name holding one as a pattern of names (glob)


def literal(text: str) -> str:
    """Text nginx must read as it is: refused when it holds a '$' (a variable)."""
    if "$" in text or _REFUSED.search(text):
        raise ConfigError("nginx-refused", text=repr(text))
    return text


def arg(word: str) -> str:
    """One argument, quoted when nginx would otherwise split or read it; a '$'
    only in what this module wrote itself (Raw)."""
    if not isinstance(word, Raw):
        literal(word)
    elif _REFUSED.search(word):
        raise ConfigError("nginx-refused", text=repr(word))
    if _BARE.fullmatch(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def file_name(path: str, option: str) -> str:
    """An absolute file name given on the command line (option: which one), as
    arg() will write it: refused when nginx cannot take it as it is."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError("nginx-refused-file", option=option, path=repr(path)) from None
    if "$" in path or _REFUSED.search(path) or _PATTERN.search(path) or not path.startswith("/"):
        raise ConfigError("nginx-refused-file", option=option, path=repr(path))
    return path


def comment(text: str) -> str:
    """Text in a comment line: on that line only."""
    return _REFUSED.sub("?", text)
