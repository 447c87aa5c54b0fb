"""Before-and-after pain ratings (issue 17, point 4), as a patient gives them: from the diary's
walking and exercise cards, by mouse and by keyboard, all optional; and the Progress page's
"What I expected and what happened"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from test_every_screen_fits import _clipped, _shown
from ui_helpers import click, press, scale_button

from desktop.content.loader import text
from desktop.domain.expectations import ActivityRating
from desktop.store.rating_service import RatingService
from desktop.ui.base.style import TEXT_SIZES
from desktop.ui.pages.rating_dialog import RatingDialog

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def page(window):
    window.show_page("diary")
    return window.diary_page


@pytest.fixture
def ratings(database, today):
    from desktop.domain.clock import FixedClock

    return RatingService(database, FixedClock(today))


def open_dialog(qtbot, page, activity: str) -> RatingDialog:
    click(qtbot, page.form.rate_buttons[activity])
    dialog = page.rating_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=2000)
    return dialog


def test_rate_a_walk_by_mouse_expected_first_then_how_it_was(qtbot, page, ratings, window):
    button = page.form.rate_buttons["walking"]
    assert button.text() == text("rate_button")
    dialog = open_dialog(qtbot, page, "walking")
    assert dialog.windowTitle() == text("rate_title_walking")
    click(qtbot, scale_button(dialog.expected, 7))
    with qtbot.waitSignal(window.signals.ratings_changed, timeout=2000):
        click(qtbot, dialog.save_button)
    assert ratings.get(TODAY, "walking") == ActivityRating(TODAY, "walking", 7, None, None)
    assert button.text() == text("rate_button_done")
    assert ratings.get(TODAY, "exercises") is None

    dialog = open_dialog(qtbot, page, "walking")  # back after the walk
    assert dialog.expected.value() == 7
    click(qtbot, scale_button(dialog.before, 6))
    click(qtbot, scale_button(dialog.after, 4))
    click(qtbot, dialog.save_button)
    assert ratings.get(TODAY, "walking") == ActivityRating(TODAY, "walking", 7, 6, 4)
    assert page.diary.get(TODAY) is None  # the diary day itself is untouched: nothing forced

    window.show_page("progress")
    words = window.page("progress").expectations.text_shown()
    assert "you expected 7; it was 4." in words and "Last time (a walk" in words


def test_rate_exercises_by_keyboard_alone_enter_saves_and_escape_changes_nothing(qtbot, page, ratings):
    button = page.form.rate_buttons["exercises"]
    page.form_scroll.ensureWidgetVisible(button)
    button.setFocus(Qt.TabFocusReason)
    press(qtbot, Qt.Key_Space)
    dialog = page.rating_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.expected, timeout=2000)
    press(qtbot, Qt.Key_3)
    press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is dialog.before
    press(qtbot, Qt.Key_5)
    press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is dialog.after
    press(qtbot, Qt.Key_2)
    press(qtbot, Qt.Key_Right)
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert ratings.get(TODAY, "exercises") == ActivityRating(TODAY, "exercises", 3, 5, 3)

    # the keyboard comes back to the button that opened the ratings
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button, timeout=2000)
    press(qtbot, Qt.Key_Space)
    dialog = page.rating_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.after, timeout=2000)  # expected given: after next
    press(qtbot, Qt.Key_9)
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert ratings.get(TODAY, "exercises").pain_after == 3  # Esc kept what was there


def test_clearing_every_rating_takes_the_row_out(qtbot, page, ratings):
    ratings.save(ActivityRating(TODAY, "walking", 6, 5, 5))
    page._show_rated()
    dialog = open_dialog(qtbot, page, "walking")
    click(qtbot, dialog.clear_button)
    assert (dialog.expected.value(), dialog.before.value(), dialog.after.value()) == (None, None, None)
    click(qtbot, dialog.save_button)
    assert ratings.get(TODAY, "walking") is None
    assert page.form.rate_buttons["walking"].text() == text("rate_button")


def test_progress_counts_how_often_it_was_better_than_expected(qtbot, window, ratings):
    for back in range(12):
        day = TODAY - dt.timedelta(days=back)
        after = 4 if back < 9 else (7 if back < 11 else 8)  # 9 better, 2 as expected, 1 worse
        ratings.save(ActivityRating(day, "walking", 7, None, after))
    window.show_page("progress")
    card = window.page("progress").expectations
    words = card.text_shown()
    assert "9 of 12 times it was better than you expected." in words
    assert "2 of 12 times it was as you expected." in words and "1 of 12 times it was worse" in words
    ratings.save(ActivityRating(TODAY, "walking", 2, None, 9))  # the page hears of a change at once
    assert "8 of 12 times it was better" in card.text_shown()


@pytest.mark.parametrize("size", ["largest"])
def test_the_rating_dialog_fits_a_small_window_at_the_largest_text(qtbot, make_window, size):
    assert size in TEXT_SIZES
    window = make_window()
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.findData(size))
    window.resize(1024, 600)
    window.show_page("diary")
    dialog = open_dialog(qtbot, window.diary_page, "walking")
    qtbot.wait(250)
    assert dialog.width() <= 1024 and dialog.height() <= 600
    problems = []
    for area in dialog.findChildren(QAbstractScrollArea):
        if _shown(area) and area.horizontalScrollBar().isVisible() and area.horizontalScrollBar().maximum() > 0:
            problems.append("a sideways scroll bar")
    for widget in dialog.findChildren(QWidget):
        if _shown(widget) and (why := _clipped(widget)):
            problems.append(why)
    assert problems == []


def test_the_weekly_review_has_one_line_on_the_weeks_ratings(qtbot, make_window, database):
    from programme_helpers import MovableClock, sessions_done, visible_button

    clock = MovableClock(TODAY - dt.timedelta(days=14))
    window = make_window(clock=clock)
    window.show_page("week")
    week = window.page("week")
    sessions_done(week.programme, clock, 1)  # session 1 done on 1 March; session 2 opens a week later
    review_start = TODAY - dt.timedelta(days=14)  # the week session 2 looks back on
    service = RatingService(database, clock)
    service.save(ActivityRating(review_start + dt.timedelta(days=1), "walking", 7, None, 4))
    service.save(ActivityRating(review_start + dt.timedelta(days=2), "exercises", 5, None, 3))
    service.save(ActivityRating(review_start + dt.timedelta(days=3), "walking", 3, None, 6))
    service.save(ActivityRating(review_start - dt.timedelta(days=2), "walking", 2, None, 9))  # the week before
    week.refresh()
    click(qtbot, visible_button(week, "Start session 2"))
    flow = week.flow
    for question in flow.safety.questions:
        flow.safety.set_answer(question.id, False)
    click(qtbot, flow.next_button)
    click(qtbot, flow.next_button)
    assert flow.current().title == "How your week went"
    shown = " ".join(lbl.text() for lbl in flow.feedback_box.findChildren(type(flow.heading)))
    assert "Your ratings this week: 2 of 3 times pain afterwards was better than you expected." in shown
