"""The red-flag rules (domain/safety_rules.py, safety_gate.py, safety_triggers.py, mood.py):
which answer calls for which help, what history and clearances change, what each page shows,
and when the diary brings the check back. Pure: no database, no Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.content.programme import programme_content
from desktop.content.safety import trigger_rules
from desktop.domain import mood
from desktop.domain.diary import DiaryEntry
from desktop.domain.safety_gate import (
    ADVICE,
    ADVICE_ABOVE,
    CHECK,
    OPEN,
    REMINDER,
    SECTIONS,
    WAIT_FOR_CHECK,
    WAIT_FOR_CHECKUP,
    WAIT_FOR_SURGEON,
    SafetyStatus,
    page_view,
    sessions_wait,
)
from desktop.domain.safety_rules import (
    CLEAR,
    EMERGENCY,
    SAME_DAY,
    SOON,
    check_items,
    confirmation_kind,
    findings,
    level_of,
    outcome_after_check,
    session_check_done,
    to_clear,
    unasked,
)
from desktop.domain.safety_triggers import (
    FLARE_UP,
    PAIN,
    due_trigger,
    flare_up_trigger,
    pain_trigger,
    request_pending,
)

SAFETY = programme_content().safety
ITEMS = SAFETY.items
SYMPTOMS = [i.id for i in check_items(ITEMS, "weekly")]
NO = {item: False for item in SYMPTOMS}
DAY = dt.date(2026, 3, 2)

# Which help each answer calls for on its own (NICE NG59 and the usual red-flag lists).
URGENCY = {
    "saddle_numbness": EMERGENCY, "bladder_bowel": EMERGENCY, "sexual_function": EMERGENCY,
    "leg_weakness": EMERGENCY, "both_legs": EMERGENCY,
    "fever_unwell": SAME_DAY, "fall_injury": SAME_DAY,
    "recent_infection": SOON, "minor_fall": SOON, "night_pain": SOON, "thoracic_pain": SOON, "weight_loss": SOON,
    "cancer_history": SOON, "osteoporosis": SOON, "steroids": SOON, "immunosuppression": SOON,
    "injected_drugs": SOON, "morning_stiffness": SOON,
    "started_young": CLEAR, "pregnant": CLEAR, "spinal_surgery": CLEAR,
}


def level(answers, known=None, cleared=()):
    return level_of(findings(ITEMS, answers, known or {}, cleared))


# The screen ------------------------------------------------------------------------------------
def test_every_red_flag_is_asked_with_its_urgency():
    assert {i.id: i.urgency for i in ITEMS} == URGENCY
    nerve = {i.id for i in check_items(ITEMS, "nerve")}
    assert nerve == {"saddle_numbness", "bladder_bowel", "sexual_function", "leg_weakness", "both_legs"}
    assert set(check_items(ITEMS, "history")) == {i for i in ITEMS if i.group != "symptom"}


def test_the_weekly_check_asks_only_symptoms_never_history():
    weekly = {q.id for q in programme_content().safety_questions}
    assert weekly == set(SYMPTOMS)
    assert not weekly & {"cancer_history", "osteoporosis", "steroids", "immunosuppression", "injected_drugs",
                         "morning_stiffness", "pregnant", "spinal_surgery"}


@pytest.mark.parametrize("item", sorted(URGENCY))
def test_a_yes_alone_calls_for_its_own_level(item):
    found = findings(ITEMS, {item: True}, {"started_young": True} if item == "morning_stiffness" else {}, ())
    assert level_of(found) == URGENCY[item]


def test_all_no_is_clear():
    assert level(NO) == CLEAR


def test_history_makes_a_symptom_more_urgent():
    assert level({**NO, "night_pain": True}) == SOON
    assert level({**NO, "night_pain": True}, known={"cancer_history": True}) == SAME_DAY
    assert level({**NO, "minor_fall": True}, known={"osteoporosis": True}) == SAME_DAY
    assert level({**NO, "minor_fall": True}, known={"steroids": True}) == SAME_DAY
    assert level({**NO, "recent_infection": True}, known={"injected_drugs": True}) == SAME_DAY
    assert level({**NO, "recent_infection": True}, known={"immunosuppression": True}) == SAME_DAY
    # ... and never less urgent
    assert level({**NO, "fever_unwell": True}, known={"cancer_history": True}) == SAME_DAY


def test_a_cleared_history_item_calls_for_nothing_but_still_raises_new_symptoms():
    known = {"cancer_history": True}
    assert level({}, known=known) == SOON
    assert level({}, known=known, cleared={"cancer_history"}) == CLEAR
    assert level({**NO, "weight_loss": True}, known=known, cleared={"cancer_history"}) == SAME_DAY


def test_the_inflammatory_pattern_counts_only_when_both_are_yes():
    assert level({"morning_stiffness": True, "started_young": False}) == CLEAR
    assert level({"morning_stiffness": False, "started_young": True}) == CLEAR
    assert level({"morning_stiffness": True, "started_young": True}) == SOON
    assert level({"morning_stiffness": True, "started_young": True}, cleared={"morning_stiffness"}) == CLEAR


def test_pregnancy_and_surgery_adapt_the_programme_but_call_for_no_advice():
    assert level({"pregnant": True, "spinal_surgery": True}) == CLEAR


def test_a_cancer_survivor_cleared_once_is_not_paused_in_12_weeks_unless_a_new_symptom():
    first = {**NO, "cancer_history": True}
    assert level(first, cleared={"cancer_history"}) == CLEAR
    known = dict(first)
    open_level = CLEAR
    for week in range(1, 13):
        found = findings(ITEMS, NO, known, {"cancer_history"})
        open_level = outcome_after_check(open_level, found)
        assert open_level == CLEAR, f"paused at week {week}"
    found = findings(ITEMS, {**NO, "thoracic_pain": True}, known, {"cancer_history"})
    assert outcome_after_check(open_level, found) == SAME_DAY


def test_new_advice_never_lowers_advice_not_yet_confirmed():
    assert outcome_after_check(EMERGENCY, findings(ITEMS, NO, {}, ())) == EMERGENCY
    assert outcome_after_check(SOON, findings(ITEMS, {**NO, "leg_weakness": True}, {}, ())) == EMERGENCY


def test_each_level_has_its_own_confirmation_and_the_emergency_one_needs_two_ticks():
    assert {confirmation_kind(level) for level in (EMERGENCY, SAME_DAY, SOON)} == {EMERGENCY, SAME_DAY, SOON}
    with pytest.raises(ValueError):
        confirmation_kind(CLEAR)
    words = SAFETY.levels
    assert len({words[level].confirm for level in words}) == 3
    assert len(words[EMERGENCY].confirm) == 2
    assert all(len(words[level].confirm) == 1 for level in (SAME_DAY, SOON))


def test_a_confirmation_clears_the_history_it_was_about():
    known = {"cancer_history": True, "osteoporosis": False, "morning_stiffness": True, "started_young": True}
    assert to_clear(ITEMS, known, ()) == {"cancer_history", "morning_stiffness"}
    assert to_clear(ITEMS, known, {"cancer_history"}) == {"morning_stiffness"}


def test_history_never_answered_is_asked_once():
    assert {i.id for i in unasked(ITEMS, {**NO})} == {i.id for i in check_items(ITEMS, "history")}
    assert unasked(ITEMS, {i.id: False for i in ITEMS}) == ()


def test_a_session_started_again_resumes_after_its_check():
    assert not session_check_done(None, True, None, DAY)
    assert session_check_done(DAY, True, None, DAY)
    assert not session_check_done(DAY - dt.timedelta(days=1), True, None, DAY)  # a new day: ask again
    assert not session_check_done(DAY, False, None, DAY)  # advice still open
    assert session_check_done(DAY, False, DAY + dt.timedelta(days=2), DAY + dt.timedelta(days=2))


# What each page shows ---------------------------------------------------------------------------
def test_an_emergency_answer_gates_every_page_until_confirmed():
    status = SafetyStatus(screened=True, open_level=EMERGENCY)
    views = {section: page_view(status, section) for section in SECTIONS}
    assert views == {**{s: ADVICE for s in SECTIONS}, "settings": ADVICE_ABOVE}
    assert sessions_wait(status)
    confirmed = SafetyStatus(screened=True, open_level=CLEAR)
    assert {page_view(confirmed, s) for s in SECTIONS} == {OPEN}
    assert not sessions_wait(confirmed)


@pytest.mark.parametrize("level", [SAME_DAY, SOON])
def test_gp_advice_holds_the_exercises_and_sessions_and_reminds_on_the_diary(level):
    status = SafetyStatus(screened=True, open_level=level)
    assert page_view(status, "exercises") == WAIT_FOR_CHECKUP
    assert page_view(status, "diary") == page_view(status, "progress") == REMINDER
    assert page_view(status, "learn") == page_view(status, "settings") == OPEN
    assert sessions_wait(status)


def test_before_the_first_check_the_exercises_wait():
    status = SafetyStatus()
    assert page_view(status, "exercises") == WAIT_FOR_CHECK
    assert page_view(status, "diary") == REMINDER
    assert page_view(status, "week") == OPEN
    assert sessions_wait(status)


def test_a_check_the_diary_asked_for_comes_before_the_page():
    status = SafetyStatus(screened=True, pending_check="nerve")
    assert page_view(status, "diary") == page_view(status, "home") == CHECK
    assert page_view(status, "settings") == OPEN
    assert page_view(SafetyStatus(screened=True, pending_check="history"), "diary") == OPEN
    # an emergency still comes first
    assert page_view(SafetyStatus(screened=True, open_level=EMERGENCY, pending_check="nerve"), "diary") == ADVICE


def test_after_a_back_operation_the_exercises_wait_for_the_surgeons_go_ahead():
    status = SafetyStatus(screened=True, surgery_hold=True)
    assert page_view(status, "exercises") == WAIT_FOR_SURGEON
    assert page_view(status, "diary") == OPEN
    assert sessions_wait(status)


# Checks between sessions -----------------------------------------------------------------------
RULES = trigger_rules()


def days(pains, start=DAY, flare=False):
    return [DiaryEntry(start + dt.timedelta(days=i), pain=p, walking_minutes=0, limitation=3, flare_up=flare)
            for i, p in enumerate(pains) if p is not None]


def test_the_thresholds_come_from_resources():
    assert (RULES.pain_at_least, RULES.pain_days_in_a_row, RULES.flare_up_longer_than_days,
            RULES.mood_signpost_from) == (8, 3, 14, 3)


def test_pain_of_8_on_three_days_in_a_row_fires_and_not_below():
    today = DAY + dt.timedelta(days=4)
    assert pain_trigger(days([8, 8, 8]), None, RULES, today).day == DAY + dt.timedelta(days=2)
    assert pain_trigger(days([5, 8, 9, 10]), None, RULES, today).kind == PAIN
    assert pain_trigger(days([8, 8, 7]), None, RULES, today) is None  # only two days
    assert pain_trigger(days([7, 7, 7, 7]), None, RULES, today) is None  # below 8
    assert pain_trigger(days([8, 8, None, 8]), None, RULES, today) is None  # not in a row
    assert pain_trigger(days([8, 8, 8]), DAY + dt.timedelta(days=2), RULES, today) is None  # checked since
    assert pain_trigger(days([8, 8, 8, 8]), DAY, RULES, today).day == DAY + dt.timedelta(days=3)


def test_an_old_run_back_filled_outside_the_look_back_does_not_fire():
    today = DAY + dt.timedelta(days=RULES.look_back_days + 3)
    assert pain_trigger(days([9, 9, 9]), None, RULES, today) is None


def test_a_flare_up_marked_for_more_than_14_days_fires_and_not_at_14():
    today = DAY + dt.timedelta(days=20)
    assert flare_up_trigger(days([5] * 14, flare=True), None, RULES, today) is None
    fired = flare_up_trigger(days([5] * 15, flare=True), None, RULES, today)
    assert fired is not None and fired.kind == FLARE_UP and fired.day == DAY + dt.timedelta(days=14)
    # days not filled in do not end a flare-up; a day without one does
    gaps = days([5, None, None] * 5 + [5], flare=True)
    assert flare_up_trigger(gaps, None, RULES, today) is not None
    broken = days([5] * 7, flare=True) + days([5], start=DAY + dt.timedelta(days=7)) + days(
        [5] * 7, start=DAY + dt.timedelta(days=8), flare=True)
    assert flare_up_trigger(broken, None, RULES, today) is None


def test_due_trigger_picks_the_first_and_none_when_quiet():
    today = DAY + dt.timedelta(days=5)
    assert due_trigger(days([3, 4, 5]), None, RULES, today) is None
    assert due_trigger(days([9, 9, 9]), None, RULES, today).kind == PAIN


def test_a_requested_nerve_check_is_open_until_answered_after_the_request():
    asked = dt.datetime(2026, 3, 2, 10)
    assert request_pending(asked, None)
    assert request_pending(asked, asked - dt.timedelta(minutes=1))
    assert not request_pending(asked, asked + dt.timedelta(minutes=1))
    assert not request_pending(None, None)


# Mood ----------------------------------------------------------------------------------------------
def test_phq2_and_gad2_scores_and_the_signposting_threshold():
    assert mood.score(mood.PHQ2, {"phq2_1": 1, "phq2_2": 2}) == 3
    assert mood.score(mood.GAD2, {"gad2_1": 0, "gad2_2": 0}) == 0
    with pytest.raises(ValueError):
        mood.score(mood.PHQ2, {"phq2_1": 4, "phq2_2": 0})
    with pytest.raises(ValueError):
        mood.score(mood.PHQ2, {"phq2_1": 1})
    assert mood.needs_signposting({mood.PHQ2: 3, mood.GAD2: 0}, RULES.mood_signpost_from)
    assert mood.needs_signposting({mood.PHQ2: 0, mood.GAD2: 3}, RULES.mood_signpost_from)
    assert not mood.needs_signposting({mood.PHQ2: 2, mood.GAD2: 2}, RULES.mood_signpost_from)
