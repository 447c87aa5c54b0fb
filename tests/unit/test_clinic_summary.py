"""The clinician's summary: CARE order, and each flag for targeted support raised only when due."""

from __future__ import annotations

import datetime as dt

from desktop.exchange.clinic_summary import flag_rules, flags, summary_text
from desktop.exchange.export_reader import VerifiedExport

TODAY = dt.date(2026, 3, 15)


def _export(diary=(), questionnaires=(), indicators=(), goals=(), sessions=()) -> VerifiedExport:
    data = {"participant": {"participant_id": "p", "study_code": "TRIAL-7", "app_version": "0.1.0"},
            "settings": {}, "programme": {"uuid": "u", "started_on": "2026-01-01", "activity_choice": "walking",
                                          "safety_outcome": "clear", "paused_for_safety": False,
                                          "indicators": list(indicators), "reminder_time": None, "updated_at": "t"},
            "sessions": list(sessions), "goals": list(goals), "diary": list(diary),
            "questionnaires": list(questionnaires), "events": []}
    return VerifiedExport("e", "p", "k", 3, "2026-03-15T10:00:00.000000Z", TODAY.isoformat(), data)


def _day(offset: int, pain: int, walking: int, flare_up: bool = False) -> dict:
    return {"uuid": str(offset), "date": (TODAY - dt.timedelta(days=offset)).isoformat(), "pain": pain,
            "limitation": 3, "walking_minutes": walking, "flare_up": flare_up, "sleep": None, "mood": None,
            "exercises": [], "note": "", "updated_at": "t"}


def _rmdq(occasion: str, day: str, ticked: int) -> list[dict]:
    return [{"uuid": f"{occasion}{i}", "questionnaire": "rmdq", "occasion": occasion, "item_id": f"i{i}",
             "value": int(i < ticked), "answered_on": day, "updated_at": "t"} for i in range(24)]


def test_an_empty_profile_gets_every_heading_in_care_order_and_a_low_engagement_flag():
    text = summary_text(_export())
    headings = ["CONGRATULATE", "ADDRESS CONCERNS", "REASSURE", "ENCOURAGE", "FLAGS"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "TRIAL-7" in text and "No goal set yet" in text
    assert "FLAG low engagement: diary filled in on 0 of the last 14 days" in text


def _diary_with_effect(days: int, effect: float, seed: int = 7, exercises: bool = True) -> list[dict]:
    """Walking on a random half of the days changes the next day's pain by ``effect`` points."""
    import random

    rng = random.Random(seed)
    diary, walked = [], False
    for offset in range(days - 1, -1, -1):
        pain = max(0, min(10, round(5 + (effect if walked else 0) + rng.gauss(0, 1))))
        walked = rng.random() < 0.5
        day = _day(offset, pain, 40 if walked else 0)
        day["exercises"] = ["bridge"] if exercises and rng.random() < 0.4 else []
        diary.append(day)
    return diary


def _link_flags(diary) -> dict[str, str]:
    return {f.split(":")[0].removeprefix("FLAG ").strip(): f for f in flags(_export(diary=diary), flag_rules(), TODAY)
            if f.startswith("FLAG walking") or f.startswith("FLAG back exercises")}


def test_link_flags_say_lower_per_activity_with_the_numbers():
    raised = _link_flags(_diary_with_effect(42, -1.5))
    assert "next-day pain lower after it" in raised["walking (10+ minutes)"]
    assert "98.5% interval" in raised["walking (10+ minutes)"]
    assert "no activity-pain link so far" in raised["back exercises"]


def test_pain_higher_after_activity_is_flagged_as_possible_boom_bust():
    raised = _link_flags(_diary_with_effect(42, +1.5))
    assert "higher after it, possible boom-bust" in raised["walking (10+ minutes)"]


def test_no_link_and_not_enough_data_are_told_apart():
    raised = _link_flags(_diary_with_effect(42, 0.0, exercises=False))
    assert "no activity-pain link so far" in raised["walking (10+ minutes)"]
    assert "not enough data yet" in raised["back exercises"]


def test_no_link_flags_before_three_weeks_of_diary():
    assert _link_flags(_diary_with_effect(10, -1.5)) == {}


def test_the_clinician_reads_the_same_statement_as_the_patient():
    from desktop.content.evidence_words import one_line
    from desktop.content.insights import evidence_settings
    from desktop.domain.evidence import analyse, scheduled_look
    from desktop.exchange.clinic_summary import activity_link, diary_entries

    entries = diary_entries(_diary_with_effect(42, -1.5))
    patient = analyse(entries, "walking", 1, evidence_settings(), as_of=scheduled_look(entries[0].day, TODAY))
    assert activity_link(entries, "walking", TODAY) == patient
    assert one_line(patient, evidence_settings()).startswith("Your pain the next day has been lower")


def test_worsening_rmdq_and_several_indicators_are_flagged_and_improvement_congratulated():
    diary = [_day(i, 4, 30) for i in range(14)]
    worse = _rmdq("baseline", "2026-01-01", 8) + _rmdq("session6", "2026-02-10", 12)
    raised = flags(_export(diary, worse, indicators=("low_mood", "long_history")), flag_rules(), TODAY)
    assert any("worsening Roland-Morris score: 8 at baseline to 12 at session6" in f for f in raised)
    assert any("several barrier indicators (2)" in f for f in raised)
    assert not any("low engagement" in f for f in raised)
    better = _rmdq("baseline", "2026-01-01", 12) + _rmdq("session6", "2026-02-10", 5)
    text = summary_text(_export(diary, better, indicators=("low_mood",)))
    assert "improved from 12 to 5" in text
    assert "FLAG " not in text and "- No flags." in text


def test_flare_ups_are_raised_as_a_concern_with_reassurance():
    diary = [_day(i, 4, 30, flare_up=(i == 2)) for i in range(14)]
    text = summary_text(_export(diary))
    concerns = text[text.index("ADDRESS CONCERNS"):text.index("REASSURE")]
    assert "1 flare-up day(s)" in concerns
    assert "Flare-ups are common" in text[text.index("REASSURE"):text.index("ENCOURAGE")]


def _rating(offset: int, expected, after, before=None, activity="walking") -> dict:
    return {"uuid": f"r{offset}", "date": (TODAY - dt.timedelta(days=offset)).isoformat(), "activity": activity,
            "expected_pain": expected, "pain_before": before, "pain_after": after, "updated_at": "t"}


def test_before_and_after_ratings_reach_the_clinician_with_every_count():
    export = _export(diary=[_day(i, 4, 20) for i in range(20)])
    export.data["activity_ratings"] = [_rating(i, 7, 4, before=6) for i in range(9)] + [
        _rating(9, 5, 5), _rating(10, 3, 6, before=3), _rating(11, 6, 2, activity="exercises")]
    text = summary_text(export)
    congratulate = text[text.index("CONGRATULATE"):text.index("ADDRESS CONCERNS")]
    assert ("expected pain compared with pain afterwards 12 times: better than expected 10, as expected 1, "
            "worse than expected 1") in congratulate
    assert "Pain rated before and after activity 10 times: lower after 9, higher after 1." in congratulate


def test_ratings_mostly_worse_than_expected_are_a_concern_not_a_success():
    export = _export(diary=[_day(i, 4, 20) for i in range(20)])
    export.data["activity_ratings"] = [_rating(0, 2, 6), _rating(1, 3, 7), _rating(2, 6, 3)]
    text = summary_text(export)
    concerns = text[text.index("ADDRESS CONCERNS"):text.index("REASSURE")]
    assert "better than expected 1, as expected 0, worse than expected 2" in concerns
    assert "better than expected" not in text[:text.index("ADDRESS CONCERNS")]


def test_walking_not_answered_is_left_out_of_averages_and_said_in_the_weekly_chart():
    # the first two weeks walked 10 a day, the last two 30, some days not answered: the averages stay
    # 10 and 30 (an unanswered day read as 0 would pull them down)
    diary = [_day(i, 4, None if i % 3 == 0 else 10) for i in range(29, 14, -1)] + [
        _day(i, 4, None if i % 2 else 30) for i in range(14, -1, -1)]
    text = summary_text(_export(diary=diary))
    assert "Walking went from about 10 to 30 minutes a day" in text
    assert "day(s) not noted" in text
    only_unanswered = summary_text(_export(diary=[_day(i, 4, None) for i in range(3)]))
    assert "walking not noted" in only_unanswered
