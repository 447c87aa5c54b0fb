"""The one date and time rule (desktop/domain/dates.py) and the paths of the app's own diary
that use it (issue 15, point 3): the diary store, the clock, and the bulk calendar check."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import dates
from desktop.domain.clock import ClockError, clock_from_environment
from desktop.domain.diary import DiaryEntry, DiaryValidationError
from desktop.exchange.bulk_calendar import real_dates, real_times

TODAY = dt.date(2026, 3, 15)


@pytest.mark.parametrize("text", ["20261201", "2025-W01-1", "2026-3-1", "2026-03-01 ", "2026-03-01T00:00",
                                  "２０２６-０３-０１", "2026-03-0١", "", "2026/03/01"])
def test_point3_a_day_must_be_written_yyyy_mm_dd_in_ascii_digits(text):
    with pytest.raises(dates.DateRuleError, match="is not a date like 2026-03-01"):
        dates.read_day(text)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "0000-01-01", "2025-02-29", "2026-04-31", "2026-00-10"])
def test_point3_a_day_must_be_on_the_calendar(text):
    with pytest.raises(dates.DateRuleError, match="is not a day on the calendar"):
        dates.read_day(text)


def test_point3_days_are_bounded_by_2000_and_the_latest_day():
    assert dates.read_day("2024-02-29") == dt.date(2024, 2, 29)
    dates.check_day(dates.EARLIEST_DAY, TODAY)
    dates.check_day(TODAY, TODAY)
    with pytest.raises(dates.DateRuleError, match="before 2000-01-01, the earliest day"):
        dates.check_day(dt.date(1999, 12, 31), TODAY)
    with pytest.raises(dates.DateRuleError, match="before 2000-01-01"):
        dates.check_day(dt.date(1, 1, 1), TODAY)
    with pytest.raises(dates.DateRuleError, match=r"after today \(2026-03-15\)"):
        dates.check_day(dt.date(9999, 12, 31), TODAY)
    assert dates.days_within(["2000-01-01", "2026-03-15"], TODAY)
    assert not dates.days_within(["1999-12-31", "2026-03-01"], TODAY)
    assert not dates.days_within(["2026-03-16"], TODAY)
    assert dates.latest_export_day(TODAY) == dt.date(2026, 3, 16)


@pytest.mark.parametrize("text", ["2026-03-15T24:00:00.000000Z", "2026-03-15T23:59:60.000000Z",
                                  "2026-03-15T23:60:00.000000Z", "2026-02-30T10:00:00.000000Z",
                                  "0000-01-01T10:00:00.000000Z"])
def test_point3_times_24_00_and_leap_seconds_are_not_on_the_calendar(text):
    with pytest.raises(dates.DateRuleError, match="not a time on the calendar"):
        dates.read_time(text)
    assert not real_times([text]) and not real_times([text] * 5)


def test_point3_times_are_not_before_2000_and_reminders_are_real_times_of_day():
    moment = dates.read_time("2026-03-15T23:59:59.999999Z")
    dates.check_time(moment)
    with pytest.raises(dates.DateRuleError, match="before 2000-01-01"):
        dates.check_time(dates.read_time("1999-12-31T23:59:59.000000Z"))
    assert dates.times_within(["2000-01-01T00:00:00.000000Z"])
    assert not dates.times_within(["1970-01-01T00:00:00.000000Z", "2026-01-01T00:00:00.000000Z"])
    assert dates.read_clock_time("23:59") == dt.time(23, 59)
    for text in ("24:00", "12:60", "9:30", "０９:３０"):
        with pytest.raises(dates.DateRuleError, match="not a time of day"):
            dates.read_clock_time(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99),
                          st.integers(0, 99), st.integers(0, 99)), min_size=1, max_size=6))
def test_point3_the_bulk_calendar_check_gives_the_rules_answer(parts):
    times = [f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.000000Z" for y, mo, d, h, mi, s in parts]

    def rule(read, text) -> bool:
        try:
            read(text)
        except dates.DateRuleError:
            return False
        return True
    assert real_times(times) == all(rule(dates.read_time, t) for t in times)
    assert real_dates([t[:10] for t in times]) == all(rule(dates.read_day, t[:10]) for t in times)


def test_point3_the_diary_store_refuses_a_day_before_2000_and_changes_nothing(diary):
    diary.save(DiaryEntry(day=TODAY, pain=3, walking_minutes=10, limitation=2))
    for day in (dt.date(1, 1, 1), dt.date(1999, 12, 31)):
        with pytest.raises(DiaryValidationError, match="before 2000-01-01"):
            diary.save(DiaryEntry(day=day, pain=3, walking_minutes=10, limitation=2))
    with pytest.raises(DiaryValidationError, match="in the future"):
        diary.save(DiaryEntry(day=dt.date(9999, 12, 31), pain=3, walking_minutes=10, limitation=2))
    assert [e.day for e in diary.between()] == [TODAY]


def test_point5_the_diary_store_refuses_a_nul_in_a_note(diary):
    with pytest.raises(DiaryValidationError, match=r"control character \(U\+0000\)"):
        diary.save(DiaryEntry(day=TODAY, pain=3, walking_minutes=10, limitation=2, note="before\x00after"))
    diary.save(DiaryEntry(day=TODAY, pain=3, walking_minutes=10, limitation=2, note="tab\tand\r\nlines"))
    assert diary.get(TODAY).note == "tab\tand\r\nlines"


@pytest.mark.parametrize("value", ["20261201", "2026-02-30", "1999-12-31"])
def test_point3_supportback_today_follows_the_rule(monkeypatch, value):
    monkeypatch.setenv("SUPPORTBACK_TODAY", value)
    with pytest.raises(ClockError):
        clock_from_environment()
