"""insights.json is checked when loaded, and every statement the rules pick has its words."""

from __future__ import annotations

import json

import pytest

from desktop.content import insights as insights_content
from desktop.content import loader
from desktop.content.evidence_words import statement
from desktop.content.insights import evidence_settings, parse_settings
from desktop.content.loader import ContentError, texts
from desktop.domain.evidence import STATES, Evidence
from desktop.domain.insights import ACTIVITIES, LAGS

GOOD = {"walking_threshold_minutes": 10, "minimum_days_per_group": 5, "interval_level": 0.9,
        "bootstrap_resamples": 2000, "bootstrap_seed": 2000, "look_alpha": 0.015, "window_days": 84,
        "similar_margin_points": 0.75, "minimum_model_days": 14}


@pytest.mark.parametrize("change, problem", [
    ({"walking_threshold_minutes": 0}, "Expected a whole number >= 1 (at 'walking_threshold_minutes')"),
    ({"minimum_days_per_group": 2.5}, "Expected a whole number, got a decimal number (at 'minimum_days_per_group')"),
    ({"interval_level": 1.5}, "Expected a number <= 0.99 (at 'interval_level')"),
    ({"bootstrap_resamples": "many"}, "Expected a whole number, got text (at 'bootstrap_resamples')"),
    ({"look_alpha": True}, "Expected a number, got true or false (at 'look_alpha')"),
    ({"threshold": 10}, "unknown key 'threshold'"),
])
def test_a_broken_setting_is_named(change, problem):
    with pytest.raises(ContentError) as caught:
        parse_settings({**GOOD, **change}, "insights.json")
    assert problem in str(caught.value) and "insights.json" in str(caught.value)


def test_a_missing_setting_is_named():
    data = dict(GOOD)
    del data["bootstrap_seed"]
    with pytest.raises(ContentError, match="'bootstrap_seed' is missing"):
        parse_settings(data, "insights.json")


def test_a_broken_file_names_the_file(tmp_path, monkeypatch):
    folder = tmp_path / "resources" / "content" / "en"
    folder.mkdir(parents=True)
    (folder / "insights.json").write_text(json.dumps({**GOOD, "interval_level": 0.2}), encoding="utf-8")
    monkeypatch.setattr(loader, "resources_dir", lambda: tmp_path / "resources")
    insights_content.insight_settings.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"insights\.json.*interval_level"):
            insights_content.insight_settings()
    finally:
        insights_content.insight_settings.cache_clear()


def _evidence(state, activity, lag, more_of=None, interval=(-1.8, -0.9)):
    import datetime as dt

    known = state not in ("not_enough_data",)
    return Evidence(activity, lag, state, dt.date(2026, 3, 1), 30, 15, 15, -1.2 if known else None,
                    interval if known else None, 0.985, ("pain that day", "exercises", "time"),
                    7 if more_of else None, more_of)


@pytest.mark.parametrize("activity", ACTIVITIES)
@pytest.mark.parametrize("lag", LAGS)
def test_every_state_has_its_words_for_every_choice(activity, lag):
    settings = evidence_settings()
    cases = [_evidence("not_enough_data", activity, lag, more) for more in ("active", "inactive", "any", "start")]
    cases += [_evidence(state, activity, lag) for state in STATES if state not in ("not_enough_data", "unsure")]
    cases += [_evidence("unsure", activity, lag, more) for more in ("active", "inactive", "any", None)]
    said = [statement(case, settings) for case in cases]
    headlines = [s.headline for s in said]
    assert len(set(headlines)) == len(headlines)  # each situation gets its own words
    for s in said:
        for part in (s.headline, s.advice, s.schedule, s.how, s.method):
            assert "{" not in part and "}" not in part  # every placeholder filled in


def test_progress_texts_live_in_their_own_file():
    assert "progress_intro" in texts()
    assert not any(key.startswith("progress_") for key in json.loads(
        (loader.content_path("texts.json")).read_text(encoding="utf-8")))
