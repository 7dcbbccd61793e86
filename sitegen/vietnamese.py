"""Vietnamese conventions: alphabetical order, dates, numbers, URL names.

Weekday names and number symbols come from Babel's CLDR data for 'vi';
formatting itself is a plain f-string so thousands of pages stay fast.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from functools import lru_cache



@lru_cache(maxsize=None)
def _locale():
    """Babel's 'vi' locale, loaded when first needed: a build that finds
    nothing changed never formats a date, and loading it costs more than that build."""
    from babel import Locale

    return Locale.parse("vi")


@lru_cache(maxsize=None)
def _weekdays() -> tuple[str, ...]:
    """Monday first, as Python's weekday(): 'Thứ Hai' ... 'Chủ Nhật'."""
    return tuple(_locale().days["format"]["wide"][i] for i in range(7))

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
_SHAPE = {  # a base letter with a shape mark is another letter of the alphabet
    ("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư",
}
# Tones in the traditional order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=4096)
def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sort key for Vietnamese order: a ă â b c d đ e ê …, tones second."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        parts = unicodedata.normalize("NFD", char)
        letter, tone = parts[0], 0
        for mark in parts[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                letter = _SHAPE.get((letter, mark), letter)
        letters.append(_RANK.get(letter, 100 + ord(letter)))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def initial(text: str) -> str:
    """The letter a text is filed under in an A–Z list: 'Đăng ký' → 'Đ', 'ấp' → 'Â'."""
    for char in text.strip():
        if char.isalnum():
            parts = unicodedata.normalize("NFD", char.upper())
            kept = "".join(c for c in parts if c not in _TONES)
            return unicodedata.normalize("NFC", kept)
    return "#"


def person_key(name: str) -> tuple:
    """People are listed by given name (the last word), then the full name."""
    words = name.split()
    return collation_key(words[-1] if words else ""), collation_key(name)


def weekday(moment: date) -> str:
    return _weekdays()[moment.weekday()]


def format_date(moment: date) -> str:
    return f"{moment:%d/%m/%Y}"


def format_time(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def format_datetime(moment: datetime) -> str:
    """'Thứ Sáu, 28/06/2019 17:00'."""
    return f"{weekday(moment)}, {moment:%d/%m/%Y %H:%M}"


def format_day(moment: date) -> str:
    """'Thứ Sáu, 28/06/2019'."""
    return f"{weekday(moment)}, {moment:%d/%m/%Y}"


def format_number(value: float) -> str:
    """2.896 and 41,7: '.' groups thousands, ',' marks decimals."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale())


def format_size(size: int) -> str:
    """A file's size as citizens read it: '245 KB', '1,4 MB'."""
    if size >= 1024 * 1024:
        return f"{format_number(round(size / (1024 * 1024), 1))} MB"
    return f"{max(1, round(size / 1024))} KB"


def fold(text: str) -> str:
    """Lowercase ASCII without diacritics ('đ' → 'd'), for forgiving comparisons."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def latin(text: str) -> str:
    """A name as English writes it, without diacritics, case kept: 'Phú Thọ' → 'Phu Tho'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def slugify(text: str, fallback: str = "muc") -> str:
    """ASCII URL name: 'Đảng - Đoàn thể' → 'dang-doan-the'.

    Vietnamese letters are folded here (diacritics dropped, 'đ' → 'd'), which
    is exact and fast; python-slugify transliterates anything else.
    """
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    from slugify import slugify as transliterate  # after the first call, a dictionary lookup

    result = transliterate(folded, max_length=80, word_boundary=True)
    return result or fallback
