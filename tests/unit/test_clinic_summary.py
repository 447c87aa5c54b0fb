"""The clinician's summary: CARE order, and each flag for targeted support raised only when due."""

from __future__ import annotations

import datetime as dt

from desktop.exchange.clinic_summary import flag_rules, flags, summary_text, walking_link
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


def test_activity_that_is_followed_by_less_pain_raises_no_link_flag():
    linked = [_day(i, pain=3 if i % 2 else 7, walking=0 if i % 2 else 40) for i in range(30)]
    # days with more walking (even offsets) are followed (offset - 1, odd) by pain 3
    link = walking_link(linked)
    assert link.outcome == "lower" and link.active_mean_pain < link.inactive_mean_pain
    raised = flags(_export(diary=linked), flag_rules(), TODAY)
    assert not any("activity-pain" in f for f in raised)
    flat = [_day(i, pain=5, walking=40 if i % 2 else 0) for i in range(30)]
    assert any("no visible activity-pain link after 30 diary days: next-day pain 5.0 after days with 10+ minutes'"
               in f for f in flags(_export(diary=flat), flag_rules(), TODAY))
    # after walking days pain is a third of a point lower: real, but less than the 0.5 that counts
    slight = [_day(i, pain=(4 if (i // 2) % 3 == 0 else 5) if i % 2 else 5, walking=0 if i % 2 else 40)
              for i in range(30)]
    assert -0.5 < walking_link(slight).difference < 0
    assert any("activity-pain" in f for f in flags(_export(diary=slight), flag_rules(), TODAY))
    short = [_day(i, pain=5, walking=40 if i % 2 else 0) for i in range(10)]
    assert not any("activity-pain" in f for f in flags(_export(diary=short), flag_rules(), TODAY))


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
