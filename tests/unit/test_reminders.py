import datetime as dt

import pytest

from desktop.domain.reminders import (
    ALREADY_REMINDED,
    BEFORE_TIME,
    FILLED_IN,
    REMIND,
    REMINDERS_OFF,
    diary_reminder_due,
    parse_time,
    remind_decision,
    start_prompts,
)
from desktop.exchange.calendar_ics import reminders_calendar

D = dt.date(2026, 3, 15)


def at(hour, minute=0, day=D):
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_remind_decision_says_whether_and_why_not():
    yesterday = D - dt.timedelta(days=1)
    assert remind_decision(at(20), None, False, None) == REMINDERS_OFF
    assert remind_decision(at(18, 59), "19:00", False, None) == BEFORE_TIME
    assert remind_decision(at(19, 0), "19:00", False, None) == REMIND  # at the minute itself
    assert remind_decision(at(23, 59), "19:00", False, yesterday) == REMIND  # after the time, not filled in
    assert remind_decision(at(19, 30), "19:00", True, None) == FILLED_IN  # after the time, filled in
    assert remind_decision(at(19, 30), "19:00", False, D) == ALREADY_REMINDED
    assert remind_decision(at(0, 0), "00:00", False, None) == REMIND


def test_remind_decision_checks_in_a_fixed_order():
    # Off says nothing else; filled in wins over "already reminded" and "too early".
    assert remind_decision(at(7), None, True, D) == REMINDERS_OFF
    assert remind_decision(at(7), "19:00", True, D) == FILLED_IN
    assert remind_decision(at(7), "19:00", False, D) == ALREADY_REMINDED


def test_reminder_times_are_read_strictly():
    assert parse_time("07:05") == dt.time(7, 5)
    for bad in ("7:05", "25:00", "19-00", "", "19:00:00"):
        with pytest.raises(ValueError):
            parse_time(bad)


def test_diary_reminder_comes_at_the_chosen_time_once_and_not_after_filling_in():
    assert not diary_reminder_due(at(18, 59), "19:00", False, None)
    assert diary_reminder_due(at(19, 0), "19:00", False, None)
    assert diary_reminder_due(at(23, 0), "19:00", False, D - dt.timedelta(days=1))
    assert not diary_reminder_due(at(19, 30), "19:00", False, D)  # already reminded today
    assert not diary_reminder_due(at(19, 30), "19:00", True, None)  # today's entry exists
    assert not diary_reminder_due(at(19, 30), None, False, None)  # no reminders chosen


def test_start_prompts_name_missed_days_and_a_ready_session_once():
    recorded = {D - dt.timedelta(days=i) for i in (1, 2, 4, 5, 6, 7)}
    started = D - dt.timedelta(days=30)
    prompts = start_prompts(D, recorded, open_session=3, shown=set(), diary_started=started)
    assert [p.kind for p in prompts] == ["missed_days", "session"]
    assert prompts[0].days == (D - dt.timedelta(days=3),)
    shown = {p.key for p in prompts}
    assert start_prompts(D, recorded, open_session=3, shown=shown, diary_started=started) == []
    # a newly missed day is new news
    again = start_prompts(D + dt.timedelta(days=1), recorded, open_session=3, shown=shown, diary_started=started)
    assert [p.kind for p in again] == ["missed_days"]
    assert start_prompts(D, {D - dt.timedelta(days=i) for i in range(1, 8)}, None, set(), diary_started=started) == []


def test_no_missed_days_before_the_diary_was_started():
    assert start_prompts(D, set(), None, set(), diary_started=None) == []  # nothing written yet
    recorded = {D - dt.timedelta(days=2)}
    prompts = start_prompts(D, recorded, None, set(), diary_started=D - dt.timedelta(days=2))
    assert prompts[0].days == (D - dt.timedelta(days=1),)  # only the day after the first entry


def test_calendar_file_follows_rfc5545():
    text = reminders_calendar([(2, D), (3, D + dt.timedelta(days=7))], "19:30", D, "SupportBack: session {number}",
                              "SupportBack diary", "How was your back today? A long description, with commas; "
                              "and semicolons, that needs folding because it is long." * 2,
                              dt.datetime(2026, 3, 15, 9, 0, tzinfo=dt.UTC))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "DTSTART;VALUE=DATE:20260315" in lines and "DTSTART;VALUE=DATE:20260322" in lines
    assert "SUMMARY:SupportBack: session 3" in lines
    assert "DTSTART:20260315T193000" in lines and "RRULE:FREQ=DAILY" in lines
    unfolded = text.replace("\r\n ", "")
    assert "commas\\; and semicolons\\, that" in unfolded
    assert text.count("BEGIN:VEVENT") == 3 and text.count("UID:") == 3
