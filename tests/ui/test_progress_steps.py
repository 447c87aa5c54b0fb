"""Steps from a phone or watch on the Progress page, as a patient uses it: nothing about them
until some are imported; then "Show steps from my phone or watch" adds a steps panel to the day
chart, and "Walking from:" lets the statement use the steps instead of the diary's answers,
saying so."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from ui_helpers import button, click, press

from desktop.content.evidence_words import one_line
from desktop.content.insights import evidence_settings, measured_settings
from desktop.domain.activity import ActivityDay, ActivityImport
from desktop.domain.clock import FixedClock
from desktop.domain.demo import demo_entries
from desktop.domain.evidence import analyse, scheduled_look
from desktop.domain.measured_walking import measured_series
from desktop.store.activity_service import ActivityService

TODAY = dt.date(2026, 3, 15)
MEASURED = "Steps my phone or watch counted (6,000 or more a day counts as a walking day)"


@pytest.fixture
def demo_diary(diary):
    entries = demo_entries(120, 1, TODAY, [e.key for e in diary.catalogue.exercises])
    diary.replace_all(entries)
    return entries


def _steps(entries) -> dict[dt.date, int]:
    """A phone that mostly agrees with the diary, sometimes not (and some days left at home)."""
    steps = {}
    for index, entry in enumerate(entries):
        walked = (entry.walking_minutes or 0) >= 10
        steps[entry.day] = 200 if index % 9 == 0 else (7000 + index if walked != (index % 4 == 0) else 2500)
    return steps


def _import(database, steps: dict[dt.date, int]) -> None:
    days = tuple(ActivityDay(day, count, None, "Fitbit") for day, count in sorted(steps.items()))
    ActivityService(database, FixedClock(TODAY)).save(ActivityImport("Fitbit", days))


def _expected(entries, steps, measured: bool) -> str:
    settings = evidence_settings()
    chosen = measured_settings() if measured else None
    series = measured_series(entries, steps, chosen, settings.walking_threshold_minutes) if measured else entries
    look = scheduled_look(min(e.day for e in series), TODAY)
    return one_line(analyse(series, "walking", 1, settings, as_of=look), settings, chosen)


def test_without_measured_days_nothing_about_steps_is_shown(qtbot, demo_diary, window):
    window.show_page("progress")
    page = window.page("progress")
    assert page.steps_toggle.isHidden() and page.source_choice.isHidden()
    assert page.source == "diary"
    assert page.timeline.plot.items == (page.timeline.plot.walking_item, page.timeline.plot.pain_item)


def test_show_steps_adds_a_labelled_panel_and_reads_the_days_steps(qtbot, demo_diary, database, window):
    window.show_page("progress")
    page = window.page("progress")
    steps = _steps(demo_diary)
    _import(database, steps)  # the page follows the import (activity_imported)
    assert page.steps_toggle.isVisible() and page.source_choice.isVisible()
    assert not page.steps_toggle.isChecked()
    click(qtbot, button(page, "Show steps from my phone or watch"))
    plot = page.timeline.plot
    assert plot.items == (plot.walking_item, plot.steps_item, plot.pain_item)
    assert plot.steps_item.getAxis("left").labelText == "Steps counted"
    assert plot.minimumHeight() > 360  # taller, so each panel keeps room for its title
    assert page.steps_key.isVisible() and "Steps your phone or watch counted" in page.steps_key.text()
    heights = page.timeline.step_bars.opts["height"]
    assert len(heights) == len(steps) and max(heights) == max(steps.values())
    click(qtbot, button(page, "Last week"))
    page.timeline.plot.setFocus()
    press(qtbot, Qt.Key_End)
    last = demo_diary[-1].day
    assert f"Your phone or watch counted {steps[last]:,} steps." in page.timeline.readout.text()
    click(qtbot, page.steps_toggle)  # and away again
    assert plot.items == (plot.walking_item, plot.pain_item) and not page.steps_key.isVisible()
    assert "phone or watch" not in page.timeline.readout.text()


def test_the_statement_can_use_measured_steps_and_says_so(qtbot, demo_diary, database, window):
    steps = _steps(demo_diary)
    _import(database, steps)
    window.show_page("progress")
    page = window.page("progress")
    assert page.summary.text() == _expected(demo_diary, steps, False)
    assert "phone or watch" not in page.summary.text()
    click(qtbot, button(page, MEASURED))
    assert page.source == "measured"
    said = page.summary.text()
    assert said == _expected(demo_diary, steps, True) != _expected(demo_diary, steps, False)
    assert "This uses the steps your phone or watch counted, not your own walking answers." in said
    assert page.comparison_chart.group_words == ("Days after your phone or watch counted 6,000 steps or more",
                                                 "Days after fewer steps counted")
    # Back exercises come from the diary: the choice is greyed out and says why.
    click(qtbot, button(page, "Back exercises"))
    assert page.source == "diary" and not button(page, MEASURED).isEnabled()
    assert page.source_choice.exercises_note.isVisible()
    assert "phone or watch" not in page.summary.text()
    # From the keyboard: back to walking, then the diary's own answers with the arrow keys.
    click(qtbot, button(page, "Walking (10 minutes or more)"))
    assert page.source == "measured" and page.summary.text() == said
    button(page, MEASURED).setFocus()
    press(qtbot, Qt.Key_Up)
    assert page.source == "diary" and page.summary.text() == _expected(demo_diary, steps, False)
