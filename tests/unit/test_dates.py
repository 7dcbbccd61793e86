"""The date forms editors write (content/dates.py), without a build."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from sitegen.content.dates import LOCAL_TZ, ImpossibleDate, build_time, parse_when


@pytest.mark.parametrize("text, expected, all_day", [
    ("27/06/2019 17:00", datetime(2019, 6, 27, 17, 0), False),
    ("27/6/2019", datetime(2019, 6, 27), True),
    ("2019-06-27 17:00", datetime(2019, 6, 27, 17, 0), False),
    ("2019-06-27T17:00:05", datetime(2019, 6, 27, 17, 0, 5), False),
    ("27-06-2019 8h30", datetime(2019, 6, 27, 8, 30), False),
    ("27.06.2019 lúc 8 giờ 30 phút", datetime(2019, 6, 27, 8, 30), False),
    ("8h30 ngày 27/06/2019", datetime(2019, 6, 27, 8, 30), False),
    ("  27/06/2019   17:00 ", datetime(2019, 6, 27, 17, 0), False),
])
def test_the_forms_editors_write_are_local_moments(text, expected, all_day):
    when = parse_when(text)
    assert when.moment == expected.replace(tzinfo=LOCAL_TZ)
    assert when.all_day is all_day


def test_an_offset_is_turned_into_local_time():
    """What a browser-based editor writes: ISO with an offset, or UTC."""
    assert parse_when("2026-12-01T02:30:00Z").moment == datetime(2026, 12, 1, 9, 30, tzinfo=LOCAL_TZ)
    assert parse_when("2026-12-01T09:30:00+07:00").moment.hour == 9
    assert parse_when("2026-12-01T00:30:00-02:00").moment == datetime(2026, 12, 1, 9, 30, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize("text, words", [
    ("31/02/2026", "2/2026 chỉ có 28 ngày"),
    ("29/02/2100", "2/2100 chỉ có 28 ngày"),
    ("15/13/2026", "không có tháng 13"),
    ("15/12/2026 25:00", "giờ phải từ 0 đến 23"),
    ("15/12/1066", "năm 1066"),
])
def test_an_impossible_date_says_why_in_vietnamese(text, words):
    with pytest.raises(ImpossibleDate) as caught:
        parse_when(text)
    assert words in caught.value.words.vi and caught.value.words.en


def test_a_leap_day_exists_only_in_leap_years():
    assert parse_when("29/02/2024").moment.day == 29
    with pytest.raises(ImpossibleDate):
        parse_when("29/02/2026")


@pytest.mark.parametrize("text", ["hôm nay", "27 tháng 6 năm 2019", "2019/06/27", "27/06/19", ""])
def test_other_text_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_when(text)


def test_the_builds_clock_honours_its_setting_then_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795500000")
    assert build_time() == datetime.fromtimestamp(1795500000, timezone.utc).astimezone(LOCAL_TZ)
    assert build_time("22/11/2026 10:00") == datetime(2026, 11, 22, 10, 0, tzinfo=LOCAL_TZ)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_time().tzinfo == LOCAL_TZ
