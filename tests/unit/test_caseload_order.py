"""The caseload's order of need (domain/caseload_order.py), rule by rule."""

from __future__ import annotations

import datetime as dt

from desktop.domain.caseload_order import (
    CALL_REQUEST,
    FLAGS,
    FOLLOW_UP,
    NO_DIARY,
    REST,
    SAFETY,
    Standing,
    in_order,
    needs,
)

TODAY = dt.date(2026, 3, 15)
DAY = dt.timedelta(days=1)


def patient(who: str, **values) -> Standing:
    values.setdefault("last_diary_day", TODAY - DAY)
    return Standing(key=f"id-{who}", who=who, exported_on=values.pop("exported_on", TODAY - DAY), **values)


def order(*standings: Standing, today: dt.date = TODAY) -> list[str]:
    return [s.who for s in in_order(list(standings), today)]


def test_the_order_of_need():
    everyone = [
        patient("rest"),
        patient("quiet", last_diary_day=TODAY - 9 * DAY),
        patient("flagged", support_flags=2),
        patient("due", last_call=TODAY - 14 * DAY, follow_up=TODAY),
        patient("asked", call_requested_on=TODAY - 2 * DAY),
        patient("paused", paused_for_safety=True),
    ]
    assert order(*everyone) == ["paused", "asked", "due", "flagged", "quiet", "rest"]
    assert order(*reversed(everyone)) == ["paused", "asked", "due", "flagged", "quiet", "rest"]


def test_needs_are_listed_most_pressing_first():
    s = patient("all", paused_for_safety=True, call_requested_on=TODAY, support_flags=1,
                last_diary_day=TODAY - 8 * DAY)
    assert needs(s, TODAY) == (SAFETY, CALL_REQUEST, FLAGS, NO_DIARY)
    assert needs(patient("none"), TODAY) == (REST,)


def test_within_a_need():
    assert order(patient("later", call_requested_on=TODAY - DAY),
                 patient("earlier", call_requested_on=TODAY - 5 * DAY)) == ["earlier", "later"]
    assert order(patient("one", support_flags=1), patient("three", support_flags=3)) == ["three", "one"]
    assert order(patient("8", last_diary_day=TODAY - 8 * DAY), patient("20", last_diary_day=TODAY - 20 * DAY)) \
        == ["20", "8"]
    assert order(patient("b"), patient("A")) == ["A", "b"]


def test_a_call_answers_the_request_and_the_flags_until_the_follow_up_comes():
    before = patient("x", call_requested_on=TODAY - 3 * DAY, support_flags=2)
    assert needs(before, TODAY) == (CALL_REQUEST, FLAGS)
    called = patient("x", call_requested_on=TODAY - 3 * DAY, support_flags=2, last_call=TODAY,
                     follow_up=TODAY + 14 * DAY)
    assert needs(called, TODAY) == (REST,)
    others = [patient("flagged", support_flags=1), patient("quiet", last_diary_day=TODAY - 10 * DAY)]
    assert order(called, *others) == ["flagged", "quiet", "x"]  # dropped down
    later = TODAY + 14 * DAY
    # Two weeks on, everyone else has stopped writing too; x's follow-up date brings x back on top.
    assert needs(called, later)[0] == FOLLOW_UP
    assert order(called, *others, patient("asked", call_requested_on=later), today=later)[:2] == ["asked", "x"]


def test_a_newer_export_brings_flags_back_after_a_call():
    s = patient("x", support_flags=1, last_call=TODAY - 5 * DAY, exported_on=TODAY - 6 * DAY)
    assert FLAGS not in needs(s, TODAY)
    s = patient("x", support_flags=1, last_call=TODAY - 5 * DAY, exported_on=TODAY - 1 * DAY)
    assert FLAGS in needs(s, TODAY)


def test_a_call_does_not_lift_a_safety_pause():
    s = patient("x", paused_for_safety=True, last_call=TODAY, follow_up=TODAY + 7 * DAY)
    assert needs(s, TODAY) == (SAFETY,)


def test_silence_is_counted_from_the_last_diary_day_and_a_call_after_it_answers_it():
    assert NO_DIARY not in needs(patient("x", last_diary_day=TODAY - 6 * DAY), TODAY)
    assert NO_DIARY in needs(patient("x", last_diary_day=TODAY - 7 * DAY), TODAY)
    assert NO_DIARY in needs(patient("x", last_diary_day=None, exported_on=TODAY - 7 * DAY), TODAY)
    called = patient("x", last_diary_day=TODAY - 10 * DAY, last_call=TODAY - 2 * DAY)
    assert NO_DIARY not in needs(called, TODAY)
    early_call = patient("x", last_diary_day=TODAY - 10 * DAY, last_call=TODAY - 8 * DAY)
    assert NO_DIARY in needs(early_call, TODAY)
