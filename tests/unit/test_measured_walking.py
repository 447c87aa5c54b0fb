"""Walking from measured steps: only the analysis's input series changes, never its method."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from desktop.content.evidence_words import one_line, statement
from desktop.content.insights import evidence_settings, measured_settings
from desktop.content.loader import ContentError
from desktop.domain.demo import demo_entries
from desktop.domain.evidence import analyse, scheduled_look
from desktop.domain.measured_walking import MeasuredSettings, measured_series

TODAY = dt.date(2026, 3, 15)
SETTINGS = MeasuredSettings(active_steps=6000, worn_steps=500)
EXERCISES = ["knee-rolls", "pelvic-tilts", "bridge"]


def test_each_day_is_active_from_the_threshold_and_unknown_when_not_carried():
    entries = demo_entries(5, 1, TODAY, EXERCISES)
    steps = {entries[0].day: 6000, entries[1].day: 5999, entries[2].day: 499, entries[3].day: 500}
    series = measured_series(entries, steps, SETTINGS, threshold_minutes=10)
    assert [e.walking_minutes for e in series] == [10, 0, None, 0, None]  # the last day: nothing counted
    for before, after in zip(entries, series, strict=True):  # everything else is the patient's own
        assert dataclasses.replace(after, walking_minutes=before.walking_minutes) == before


def test_steps_that_agree_with_the_diary_give_the_diarys_statement():
    """The same method: a phone agreeing with every walking answer changes nothing at all."""
    entries = [e for e in demo_entries(120, 3, TODAY, EXERCISES) if e.walking_minutes is not None]
    settings = evidence_settings()
    steps = {e.day: 9000 if e.walking_minutes >= settings.walking_threshold_minutes else 1500 for e in entries}
    series = measured_series(entries, steps, measured_settings(), settings.walking_threshold_minutes)
    look = scheduled_look(entries[0].day, TODAY)
    from_diary = analyse(entries, "walking", 1, settings, as_of=look)
    from_steps = analyse(series, "walking", 1, settings, as_of=look)
    assert (from_steps.estimate, from_steps.interval, from_steps.state) == (
        from_diary.estimate, from_diary.interval, from_diary.state)
    assert from_diary.state != "not_enough_data"
    said = one_line(from_steps, settings, measured_settings())
    assert "days with 6,000 steps or more" in statement(from_steps, settings, measured_settings()).how
    assert "minutes" not in statement(from_steps, settings, measured_settings()).how
    assert "uses the steps your phone or watch counted, not your own walking answers" in said
    assert "phone or watch" not in one_line(from_diary, settings)


def test_the_thresholds_come_from_insights_json_and_are_checked(tmp_path, monkeypatch):
    from desktop.content import insights, loader

    assert measured_settings() == MeasuredSettings(6000, 500)
    good = json.loads(loader.content_path("insights.json", loader.DEFAULT_LANGUAGE).read_text())
    bad = tmp_path / "insights.json"
    monkeypatch.setattr(insights, "content_path", lambda *_args: bad)
    try:
        for change, problem in (({"measured_active_steps": 50}, "whole number >= 100 .at .measured_active_steps"),
                                ({"measured_worn_steps": 7000}, "must be lower than")):
            bad.write_text(json.dumps({**good, **change}))
            insights.measured_settings.cache_clear()
            with pytest.raises(ContentError, match=problem):
                insights.measured_settings()
    finally:
        insights.measured_settings.cache_clear()
