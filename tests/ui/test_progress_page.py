"""The Progress page as a patient uses it: choose what to compare, read the summary, copy it,
move along the timeline, save charts, and see new diary days straight away."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar
from ui_helpers import ROOT, button, click, press, scale_button

from desktop.content.evidence_words import one_line
from desktop.content.insights import evidence_settings, insight_settings
from desktop.content.loader import text
from desktop.domain.demo import demo_entries
from desktop.domain.evidence import analyse, scheduled_look
from desktop.domain.insights import compare
from desktop.ui.charts.chart_style import epoch

TODAY = dt.date(2026, 3, 15)


def mouse(widget, kind, position, button=Qt.NoButton) -> None:
    """A real mouse event (QTest's mouseMove carries no held button, which dragging needs)."""
    held = button if kind != QEvent.MouseButtonRelease else Qt.NoButton
    event = QMouseEvent(kind, QPointF(position), QPointF(widget.mapToGlobal(position)),
                        button if kind != QEvent.MouseMove else Qt.NoButton, held, Qt.NoModifier)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def demo_diary(diary):
    entries = demo_entries(120, 1, TODAY, [e.key for e in diary.catalogue.exercises])
    diary.replace_all(entries)
    return entries


@pytest.fixture
def page(window):
    window.show_page("progress")
    return window.page("progress")


def expected_summary(entries, activity: str, lag: int) -> str:
    look = scheduled_look(min(e.day for e in entries), TODAY)
    return one_line(analyse(entries, activity, lag, evidence_settings(), as_of=look), evidence_settings())


def test_progress_comes_straight_after_the_diary(window):
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles.index("Diary") + 1 == titles.index("Progress") < titles.index("Settings")


def test_pyqtgraph_is_loaded_only_when_progress_is_first_opened(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.store.database import open_database\n"
        "from desktop.ui.app.app import application, build_window\n"
        "app = application()\n"
        f"window = build_window(open_database(Path({str(tmp_path)!r}), 'default'), 'default', app)\n"
        "window.show(); app.processEvents()\n"
        "for key in ('diary', 'settings'): window.show_page(key); app.processEvents()\n"
        "before = 'pyqtgraph' in sys.modules\n"
        "window.show_page('progress'); app.processEvents()\n"
        "print(before, 'pyqtgraph' in sys.modules)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_choosing_activity_and_day_changes_the_numbers_and_the_summary(qtbot, demo_diary, page):
    assert page.summary.text() == expected_summary(demo_diary, "walking", 1)
    assert page.comparison_chart.isVisible()
    seen = {page.summary.text()}
    for activity_title, activity in (("Back exercises", "exercises"), ("Walking (10 minutes or more)", "walking")):
        click(qtbot, button(page, activity_title))
        for lag_title, lag in (("The same day", 0), ("The next day", 1)):
            click(qtbot, button(page, lag_title))
            assert (page.result.activity, page.result.lag_days) == (activity, lag)
            assert page.summary.text() == expected_summary(demo_diary, activity, lag)
            result = compare(demo_diary, activity, lag, insight_settings())
            assert page.comparison_chart.result == result
            evidence = page.evidence
            assert (evidence.activity, evidence.lag_days) == (activity, lag)
            if not page.how_button.isChecked():
                click(qtbot, page.how_button)
            assert page.how.isVisible()
            low, high = (f"{round(v, 1) + 0.0:+.1f}" for v in evidence.interval)
            assert f"98.5% sure the real difference is between {low} and {high}" in page.how.text()
            seen.add(page.summary.text())
    assert len(seen) == 4


def test_choices_work_from_the_keyboard(qtbot, demo_diary, page):
    walking = button(page, "Walking (10 minutes or more)")
    walking.setFocus()
    press(qtbot, Qt.Key_Down)  # radio buttons in a group (one a line) move with the arrow keys
    assert button(page, "Back exercises").isChecked()
    assert page.summary.text() == expected_summary(demo_diary, "exercises", 1)


def test_too_few_days_hides_the_bars_and_encourages(qtbot, diary, window):
    from desktop.domain.diary import DiaryEntry

    for offset in range(4):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=offset), pain=4, walking_minutes=20, limitation=3))
    window.show_page("progress")
    page = window.page("progress")
    assert not page.comparison_chart.isVisible() and not page.how.isVisible()
    assert not page.save_comparison_button.isEnabled()
    assert "not enough diary to tell" in page.summary.text()


def test_point3_a_day_from_the_year_1_stored_before_the_rule_does_not_break_progress(qtbot, diary, database, window):
    """CSV import used to accept 0001-01-01; such a day may still be in a diary. The page leaves it
    out instead of raising OverflowError (days can no longer be saved before 2000-01-01)."""
    from desktop.domain.diary import DiaryEntry
    from desktop.store import diary_writer

    for offset in range(6):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=offset), pain=4, walking_minutes=20, limitation=3))
    with database.writing() as session:  # as an import before the rule did
        diary_writer.upsert(session, DiaryEntry(day=dt.date(1, 1, 1), pain=9, walking_minutes=0, limitation=9))
    window.show_page("progress")
    page = window.page("progress")
    assert [e.day for e in page.entries][0] == TODAY - dt.timedelta(days=5)
    page.show_range("all")
    first, _last = page.timeline.visible_days()
    assert first >= dt.date(2000, 1, 1)


def test_copy_summary_puts_the_sentence_on_the_clipboard(qtbot, demo_diary, page):
    QApplication.clipboard().setText("something else")
    click(qtbot, button(page, "Copy summary"))
    assert QApplication.clipboard().text() == page.summary.text() == expected_summary(demo_diary, "walking", 1)
    assert page.copied.text().startswith("Copied")


def test_range_buttons_show_the_last_week_month_or_everything(qtbot, demo_diary, page):
    chart = page.timeline
    assert chart.visible_days() == (TODAY - dt.timedelta(days=29), TODAY)  # a month to start with
    click(qtbot, button(page, "Last week"))
    assert chart.visible_days() == (TODAY - dt.timedelta(days=6), TODAY)
    assert button(page, "Last week").isChecked()
    click(qtbot, button(page, "All"))
    assert chart.visible_days() == (demo_diary[0].day, TODAY)


def test_pointing_at_a_day_reads_it_out_in_words(qtbot, demo_diary, page):
    chart = page.timeline
    click(qtbot, button(page, "Last week"))
    day = demo_diary[-1].day
    point = chart.plot.mapFromScene(chart.plot.main_view.mapViewToScene(QPointF(epoch(day), 5)))
    mouse(chart.plot.viewport(), QEvent.MouseMove, point)
    assert chart.shown_day == day
    assert "pain" in chart.readout.text() and str(day.day) in chart.readout.text()


def test_arrow_keys_move_the_day_read_out(qtbot, demo_diary, page):
    chart = page.timeline
    chart.plot.setFocus()
    press(qtbot, Qt.Key_End)
    assert chart.shown_day == demo_diary[-1].day
    press(qtbot, Qt.Key_Left)
    assert chart.shown_day == demo_diary[-2].day
    press(qtbot, Qt.Key_Home)
    assert chart.shown_day == demo_diary[0].day
    first, last = chart.visible_days()
    assert first <= demo_diary[0].day <= last  # the chart moved to show the day read out


def test_a_long_diary_shows_pain_as_an_average_when_zoomed_out_and_says_so(qtbot, diary, window):
    entries = demo_entries(400, 3, TODAY, [e.key for e in diary.catalogue.exercises])
    diary.replace_all(entries)
    window.show_page("progress")
    page = window.page("progress")
    chart = page.timeline
    assert not chart.average_note.isVisible()  # a month: every day as it was recorded
    _x, daily = chart.pain_line.getData()
    click(qtbot, button(page, "All"))
    assert chart.average_note.isVisible() and "average of 7 days" in chart.average_note.text()
    _x, averaged = chart.pain_line.getData()
    assert averaged[~np.isnan(averaged)].std() < daily[~np.isnan(daily)].std()  # smoother
    click(qtbot, button(page, "Last week"))
    assert not chart.average_note.isVisible()


def test_a_missed_day_reads_as_not_filled_in(qtbot, demo_diary, page):
    chart = page.timeline
    recorded = {e.day for e in demo_diary}
    missed = next(TODAY - dt.timedelta(days=n) for n in range(1, 60) if TODAY - dt.timedelta(days=n) not in recorded)
    click(qtbot, button(page, "All"))
    point = chart.plot.mapFromScene(chart.plot.main_view.mapViewToScene(QPointF(epoch(missed), 5)))
    mouse(chart.plot.viewport(), QEvent.MouseMove, point)
    assert chart.shown_day == missed
    assert chart.readout.text().endswith(": not filled in")
    chart.plot.setFocus()
    press(qtbot, Qt.Key_Right)  # on to the next day that was filled in
    assert chart.shown_day == min(d for d in recorded if d > missed)


def test_weeks_are_read_out_with_the_arrow_keys(qtbot, demo_diary, page):
    weekly = page.weekly
    weeks = list(weekly.weeks.values())
    assert weekly.shown_week == weeks[-1]  # the latest week to start with
    weekly.plot.setFocus()
    press(qtbot, Qt.Key_Left)
    assert weekly.shown_week == weeks[-2]
    week = weeks[-2]
    assert f"walked {week.walking_minutes} min" in weekly.readout.text()
    assert f"on {week.exercise_days} of {week.days_recorded} recorded days" in weekly.readout.text()
    press(qtbot, Qt.Key_Home)
    assert weekly.shown_week == weeks[0]


def test_dragging_pans_and_the_wheel_zooms_the_timeline(qtbot, demo_diary, page):
    chart = page.timeline
    before = chart.visible_days()
    viewport = chart.plot.viewport()
    centre = chart.plot.mapFromScene(chart.plot.main_view.sceneBoundingRect().center())  # the pain panel
    mouse(viewport, QEvent.MouseButtonPress, centre, Qt.LeftButton)
    for step in range(1, 11):
        mouse(viewport, QEvent.MouseMove, centre + QPoint(step * 20, 0), Qt.LeftButton)
    mouse(viewport, QEvent.MouseButtonRelease, centre + QPoint(200, 0), Qt.LeftButton)
    after = chart.visible_days()
    assert after[0] < before[0] and after[1] < before[1]  # dragged right: earlier days come into view
    assert (after[1] - after[0]) == (before[1] - before[0])

    wheel = QWheelEvent(QPointF(centre), QPointF(viewport.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, 240),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    zoomed = chart.visible_days()
    assert (zoomed[1] - zoomed[0]) < (after[1] - after[0])  # wheel forward: fewer days, bigger


@pytest.mark.parametrize("button_name, chart_name", [
    ("save_timeline_button", "timeline"), ("save_weekly_button", "weekly"), ("save_comparison_button", "comparison")])
def test_save_chart_as_png_writes_a_picture(qtbot, demo_diary, page, dialogs, tmp_path, button_name, chart_name):
    dialogs.save_file = str(tmp_path / chart_name)  # no extension typed: .png is added
    click(qtbot, getattr(page, button_name))
    saved = tmp_path / f"{chart_name}.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(saved))
    assert image.width() > 200 and image.height() > 150


def test_cancelling_save_writes_nothing(qtbot, demo_diary, page, dialogs, tmp_path):
    dialogs.save_file = ""
    click(qtbot, page.save_timeline_button)
    assert list(tmp_path.glob("*.png")) == []


def test_the_page_follows_a_diary_save_on_the_diary_page(qtbot, window):
    window.show_page("progress")
    page = window.page("progress")
    assert page.summary.text() == text("evidence_not_enough_data_start")
    assert page.timeline.readout.text() == text("progress_empty_timeline")

    window.show_page("diary")
    form = window.diary_page.form
    click(qtbot, scale_button(form.pain, 3))
    click(qtbot, scale_button(form.limitation, 2))
    form.walking.setValue(25)
    click(qtbot, button(window.diary_page, "Save"))
    window.show_page("progress")
    assert page.result.active_days + page.result.inactive_days == 0  # next day: one day makes no pair
    click(qtbot, button(page, "The same day"))
    assert (page.result.active_days, page.result.active_mean_pain) == (1, 3.0)
    assert page.timeline.entries[TODAY].walking_minutes == 25


def test_import_or_restore_redraws_the_page(qtbot, diary, window):
    window.show_page("progress")
    page = window.page("progress")
    entries = demo_entries(60, 2, TODAY, [e.key for e in diary.catalogue.exercises])
    diary.replace_all(entries)
    window.signals.diary_replaced.emit()
    assert page.summary.text() == expected_summary(entries, "walking", 1)
    assert len(page.weekly.weeks) >= 8


def test_chart_text_follows_the_app_text_size(qtbot, demo_diary, page, window):
    window.show_page("settings")
    settings = window.settings_page
    settings.text_size.setCurrentIndex(settings.text_size.findData("larger"))
    tick_font = page.timeline.plot.plot_item.getAxis("left").style["tickFont"]
    assert tick_font.pointSizeF() == pytest.approx(16.5 * 0.9)


def test_rmdq_scores_over_time_are_shown_with_the_change(qtbot, window):
    import datetime as dt

    from desktop.store.programme_service import Onboarding

    programme = window.page("week").programme
    content = programme.content
    items = [q.id for q in content.rmdq_items]
    programme.complete_onboarding(Onboarding(
        safety={q.id: False for q in content.safety_questions}, pain_now=5, pain_week=5, limitation_week=5,
        rmdq={i: n < 12 for n, i in enumerate(items)}, barriers={q.id: False for q in content.barrier_questions}))
    programme.save_rmdq("month3", {i: n < 5 for n, i in enumerate(items)})
    window.show_page("progress")
    page = window.page("progress")
    bars = [b for b in page.rmdq_view.findChildren(QProgressBar)]
    assert [b.value() for b in bars] == [12, 5]
    words = " ".join(lbl.text() for lbl in page.rmdq_view.findChildren(QLabel))
    assert "7 fewer than when you started" in words and "When you started" in words
    assert dt.date(2026, 3, 15).strftime("%B") in words


def test_walking_goals_are_drawn_on_the_timeline_for_the_weeks_they_applied(qtbot, window):
    import datetime as dt

    import numpy as np

    from desktop.domain.clock import FixedClock
    from desktop.domain.goals import EXERCISES, WALKING, Goal
    from desktop.store.programme_service import SessionResult

    programme = window.page("week").programme
    saved = programme.clock
    for number, day, minutes in ((1, dt.date(2026, 3, 1), 10), (2, dt.date(2026, 3, 8), 15)):
        programme.clock = FixedClock(day)
        programme.complete_session(SessionResult(number, (
            Goal(WALKING, 1, 3, minutes_per_day=minutes),
            Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=5, times_per_day=1)), level=1))
    programme.clock = saved
    assert programme.walking_goal_periods() == [(dt.date(2026, 3, 1), dt.date(2026, 3, 7), 10),
                                                (dt.date(2026, 3, 8), dt.date(2026, 3, 15), 15)]
    window.show_page("progress")
    xs, ys = window.page("progress").timeline.goal_line.getData()
    assert [y for y in ys if not np.isnan(y)] == [10, 10, 15, 15]


def test_walking_and_pain_have_their_own_panels_on_one_date_axis(qtbot, diary, window):
    from desktop.domain.diary import DiaryEntry

    for offset in range(10):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=offset), pain=3 + offset % 4,
                              walking_minutes=10 * (offset % 3), limitation=3))
    window.show_page("progress")
    chart = window.page("progress").timeline
    plot = chart.plot
    assert chart.bars in plot.walking_item.items and chart.goal_line in plot.walking_item.items
    assert chart.pain_line in plot.pain_item.items and chart.pain_line not in plot.walking_item.items
    assert plot.walking_item.getAxis("left").labelText == "Walking (minutes)"
    assert plot.pain_item.getAxis("left").labelText == "Pain (0 to 10)"
    assert plot.walking_view.viewRange()[0] == plot.main_view.viewRange()[0]  # one date axis for both
    # a 10-day diary: "last month" starts at the first diary day, not three weeks before it
    chart.show_range("month")
    assert chart.visible_days()[0] == TODAY - dt.timedelta(days=9)
