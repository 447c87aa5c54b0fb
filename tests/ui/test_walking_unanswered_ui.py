"""Walking not answered is not 0 (issue 16), driven as a patient would: a new day starts with
walking "Not answered"; "I did not walk" is 0; "I didn't note it" takes an answer back; the
Home tiles, the charts and the Today card keep the difference."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import button, click, press, scale_button

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.domain.goals import EXERCISES, Goal
from desktop.store.programme_service import SessionResult

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def page(window):
    window.show_page("diary")
    return window.diary_page


def answer_pain(qtbot, form) -> None:
    click(qtbot, scale_button(form.pain, 4))
    click(qtbot, scale_button(form.limitation, 3))


def test_skipping_the_walking_question_saves_not_answered_not_no_walk(qtbot, page, diary, window):
    form = page.form
    assert form.walking.text() == text("walking_not_answered") and form.walking.minutes() is None
    answer_pain(qtbot, form)
    with qtbot.waitSignal(window.signals.diary_saved, timeout=2000):
        click(qtbot, page.save_button)
    assert diary.get(TODAY).walking_minutes is None
    window.show_page("home")
    today_tile = window.home_page.week_strip.tiles[-1]
    assert today_tile.text().startswith("Today")
    assert text("walking_tile_none") in today_tile.text() and "No walk" not in today_tile.text()
    assert text("walking_words_none") in today_tile.accessibleName()


def test_no_walk_and_not_answered_by_mouse(qtbot, page, diary, window):
    form = page.form
    answer_pain(qtbot, form)
    click(qtbot, button(form, text("walking_no_walk")))
    assert form.walking.minutes() == 0 and form.walking.text() == "0 minutes"
    click(qtbot, page.save_button)
    assert diary.get(TODAY).walking_minutes == 0

    click(qtbot, button(form, "+5 min"))
    click(qtbot, button(form, "+5 min"))
    click(qtbot, page.save_button)
    assert diary.get(TODAY).walking_minutes == 10

    click(qtbot, button(form, text("walking_unanswered")))  # "I didn't note it"
    assert form.walking.minutes() is None and page.is_dirty()
    click(qtbot, page.save_button)
    assert diary.get(TODAY).walking_minutes is None
    click(qtbot, button(form, "-5 min"))  # stepping down from not answered stays not answered
    assert form.walking.minutes() is None
    click(qtbot, button(form, "-5 min"))
    click(qtbot, button(form, text("walking_no_walk")))
    click(qtbot, button(form, "-5 min"))  # and never steps from 0 into "not answered"
    assert form.walking.minutes() == 0


def test_not_answered_by_keyboard_typing_answers_it_and_the_buttons_take_space(qtbot, page, diary, window):
    form = page.form
    answer_pain(qtbot, form)
    form.limitation.setFocus(Qt.TabFocusReason)
    for _ in range(6):
        if form.walking.hasFocus():
            break
        press(qtbot, Qt.Key_Tab)
    assert form.walking.hasFocus()
    assert form.walking.lineEdit().selectedText() == text("walking_not_answered")  # typing replaces it
    qtbot.keyClicks(QApplication.focusWidget(), "30")
    assert form.walking.minutes() == 30
    press(qtbot, Qt.Key_Tab)
    for _ in range(6):  # on to "I didn't note it", from the keyboard alone
        if QApplication.focusWidget() is form.walking_unanswered:
            break
        press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is form.walking_unanswered
    press(qtbot, Qt.Key_Space)
    assert form.walking.minutes() is None
    press(qtbot, Qt.Key_Backtab)
    assert QApplication.focusWidget() is form.no_walk
    press(qtbot, Qt.Key_Space)
    assert form.walking.minutes() == 0
    with qtbot.waitSignal(window.signals.diary_saved, timeout=2000):
        press(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert diary.get(TODAY).walking_minutes == 0


def test_an_unanswered_day_reads_back_as_not_answered(qtbot, diary, make_window):
    diary.save(DiaryEntry(day=TODAY, pain=5, walking_minutes=None, limitation=4))
    window = make_window()
    window.show_page("diary")
    form = window.diary_page.form
    assert form.walking.minutes() is None and form.walking.text() == text("walking_not_answered")
    assert not window.diary_page.is_dirty()


def test_the_exercises_tick_on_home_leaves_an_unanswered_walk_unanswered(qtbot, window, diary):
    bridge = Goal(EXERCISES, 1, 3, exercise_count=1, repetitions=5, times_per_day=1, exercises=frozenset({"bridge"}))
    window.home_page.programme.complete_session(SessionResult(1, (bridge,), level=1, activity_choice="exercises"))
    diary.save(DiaryEntry(day=TODAY, pain=5, walking_minutes=None, limitation=4))
    window.show_page("home")
    click(qtbot, window.home_page.today_goal.ticks["exercises"])
    saved = diary.get(TODAY)
    assert saved.exercises == frozenset({"bridge"}) and saved.walking_minutes is None


def test_the_chart_draws_no_bar_for_an_unanswered_day(qtbot, window, diary):
    for offset, minutes in ((3, 20), (2, None), (1, 0), (0, 30)):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=offset), pain=4, walking_minutes=minutes, limitation=3))
    window.show_page("progress")
    page = window.page("progress")
    timeline = page.timeline
    heights = list(timeline.bars.opts["height"])
    assert heights == [20.0, 0.0, 30.0]  # three bars: the unanswered day has none (not a 0 bar)
    timeline.show_day(TODAY - dt.timedelta(days=2))
    assert text("walking_words_none") in timeline.readout.text()


def test_a_week_with_walking_never_answered_has_no_weekly_bar(qtbot, window, diary):
    monday = TODAY - dt.timedelta(days=TODAY.weekday())  # this week: walking answered on one day
    diary.save(DiaryEntry(day=monday, pain=4, walking_minutes=25, limitation=3))
    for offset in range(7, 10):  # last week: the question skipped every day
        diary.save(DiaryEntry(day=monday - dt.timedelta(days=offset), pain=5, walking_minutes=None, limitation=3))
    window.show_page("progress")
    weekly = window.page("progress").weekly
    assert list(weekly.bars.opts["height"]) == [25.0]
    weekly.show_week(weekly.weeks[monday - dt.timedelta(days=7)])
    assert "walking not noted" in weekly.readout.text() and "walked 0 min" not in weekly.readout.text()


def test_a_kept_draft_keeps_walking_not_answered(qtbot, database, make_window):
    from desktop.store.settings_service import SettingsService
    from desktop.ui.pages.diary_draft import keep_draft, restore_draft

    settings = SettingsService(database)
    window = make_window()
    window.show_page("diary")
    form = window.diary_page.form
    answer_pain(qtbot, form)
    assert keep_draft(window, settings)  # the idle lock, say
    again = make_window()
    assert restore_draft(again, settings)
    assert again.diary_page.form.walking.minutes() is None and again.diary_page.form.pain.value() == 4
