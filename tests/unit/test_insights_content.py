"""insights.json is checked when loaded, and every summary sentence the rules pick exists."""

from __future__ import annotations

import json

import pytest

from desktop.content import insights as insights_content
from desktop.content import loader
from desktop.content.insights import parse_settings, summary_sentence
from desktop.content.loader import ContentError, texts
from desktop.domain.insights import ACTIVITIES, LAGS, Comparison, Interval

GOOD = {"walking_threshold_minutes": 10, "minimum_days_per_group": 5, "interval_level": 0.9,
        "bootstrap_resamples": 2000, "bootstrap_seed": 2000, "clear_margin_points": 0.5}


@pytest.mark.parametrize("change, problem", [
    ({"walking_threshold_minutes": 0}, "'walking_threshold_minutes' must be between 1 and 1440"),
    ({"minimum_days_per_group": 2.5}, "'minimum_days_per_group' must be a whole number"),
    ({"interval_level": 1.5}, "'interval_level' must be between 0.5 and 0.99"),
    ({"bootstrap_resamples": "many"}, "'bootstrap_resamples' must be a whole number"),
    ({"clear_margin_points": True}, "'clear_margin_points' must be a number"),
    ({"threshold": 10}, "unknown setting(s): threshold"),
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


def _comparison(outcome_interval, active=20, inactive=20, enough=True, activity="walking", lag=1):
    return Comparison(activity, lag, active, inactive, 4.0, 5.0, enough, -1.0 if enough else None,
                      outcome_interval, None, None, 5)


@pytest.mark.parametrize("activity", ACTIVITIES)
@pytest.mark.parametrize("lag", LAGS)
def test_every_outcome_has_its_words_for_every_choice(activity, lag):
    settings = parse_settings(GOOD, "insights.json")
    cases = [
        _comparison(None, 0, 0, False, activity, lag),
        _comparison(None, 2, 9, False, activity, lag),
        _comparison(None, 9, 2, False, activity, lag),
        _comparison(None, 2, 2, False, activity, lag),
        _comparison(Interval(-1.8, -0.9), activity=activity, lag=lag),
        _comparison(Interval(-1.8, -0.1), activity=activity, lag=lag),
        _comparison(Interval(-0.8, 0.3), activity=activity, lag=lag),
        _comparison(Interval(0.2, 1.1), activity=activity, lag=lag),
    ]
    sentences = [summary_sentence(case, settings) for case in cases]
    assert len(set(sentences)) == len(sentences)  # each situation gets its own words
    assert all("{" not in s and "}" not in s for s in sentences)  # every placeholder filled in


def test_progress_texts_live_in_their_own_file():
    assert "progress_intro" in texts()
    assert not any(key.startswith("progress_") for key in json.loads(
        (loader.content_path("texts.json")).read_text(encoding="utf-8")))
