"""The Diary page as a patient uses it: fill in a day by mouse or keyboard, edit, back-fill, delete."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import button, click, press, scale_button, scale_says

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.ui.widgets.formatting import long_day

TODAY = dt.date(2026, 3, 15)
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def page(window):
    window.show_page("diary")
    return window.diary_page


def entry(day: dt.date, pain: int = 5, limitation: int = 4, walking: int = 20, **more) -> DiaryEntry:
    return DiaryEntry(day=day, pain=pain, walking_minutes=walking, limitation=limitation, **more)


def click_list_day(qtbot, page, day: dt.date) -> None:
    lst = page.days_list
    for row in range(lst.count()):
        item = lst.item(row)
        if item.data(Qt.UserRole) == day:
            lst.scrollToItem(item)
            qtbot.mouseClick(lst.viewport(), Qt.LeftButton, pos=lst.visualItemRect(item).center())
            return
    raise AssertionError(f"{day} is not in the list of days")


def listed_days(page) -> list[dt.date]:
    return [page.days_list.item(row).data(Qt.UserRole) for row in range(page.days_list.count())]


# Filling in today --------------------------------------------------------------------------

def test_a_new_day_starts_empty_and_says_nothing_is_saved(page):
    assert page.day == TODAY
    assert page.date_edit.date() == QDate(2026, 3, 15)
    assert page.form.pain.value() is None and page.form.limitation.value() is None
    assert page.state_label.text() == "Nothing saved for this day yet"
    assert not page.delete_button.isEnabled()
    assert page.count_label.text() == "0 days recorded"


def test_fill_in_today_with_the_mouse_and_save(qtbot, page, diary, window):
    form = page.form
    click(qtbot, scale_button(form.pain, 6))
    assert form.pain.value() == 6
    assert scale_button(form.pain, 6).isChecked() and not scale_button(form.pain, 5).isChecked()
    click(qtbot, scale_button(form.limitation, 3))
    plus_five = button(form, "+5 min")
    click(qtbot, plus_five)
    click(qtbot, plus_five)
    click(qtbot, form.exercise_boxes["bridge"])
    click(qtbot, form.flare_up)
    click(qtbot, scale_button(form.sleep, 8))
    form.note.setFocus()
    qtbot.keyClicks(form.note, "Walked to the shop")
    assert page.state_label.text() == "Not saved yet"

    with qtbot.waitSignal(window.signals.diary_saved, timeout=2000,
                          check_params_cb=lambda day: day == TODAY):
        click(qtbot, page.save_button)

    assert page.state_label.text().startswith("✓ Saved at ")
    assert page.state_label.property("state") == "saved"
    assert diary.get(TODAY) == DiaryEntry(day=TODAY, pain=6, walking_minutes=10, limitation=3, flare_up=True,
                                          exercises=frozenset({"bridge"}), sleep=8, mood=None,
                                          note="Walked to the shop")
    assert page.delete_button.isEnabled()
    assert not page.is_dirty()


def test_fill_in_today_with_the_keyboard_only(qtbot, page, diary, window):
    # Alt+D (the "&Day:" label) puts the keyboard in the day field; Tab leads on to the scales.
    qtbot.keyClick(window, Qt.Key_D, Qt.AltModifier)
    assert QApplication.focusWidget() is page.date_edit
    for _ in range(10):
        if QApplication.focusWidget() is page.form.pain:
            break
        press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is page.form.pain, "Tab never reached the pain scale"

    press(qtbot, Qt.Key_7)
    assert page.form.pain.value() == 7
    assert scale_says(page.form.pain) == "You chose 7 out of 10"
    press(qtbot, Qt.Key_Right)  # arrows move along the scale
    assert page.form.pain.value() == 8
    press(qtbot, Qt.Key_Left)
    press(qtbot, Qt.Key_Left)
    assert page.form.pain.value() == 6

    press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is page.form.limitation
    press(qtbot, Qt.Key_1)
    press(qtbot, Qt.Key_0)  # "1" then "0" is ten
    assert page.form.limitation.value() == 10
    press(qtbot, Qt.Key_Home)
    assert page.form.limitation.value() == 0
    press(qtbot, Qt.Key_End)
    press(qtbot, Qt.Key_Down)
    assert page.form.limitation.value() == 9

    for _ in range(4):
        if QApplication.focusWidget() is page.form.walking:
            break
        press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is page.form.walking
    for _ in range(3):
        press(qtbot, Qt.Key_Up)  # 5 minutes a step
    assert page.form.walking.value() == 15

    with qtbot.waitSignal(window.signals.diary_saved, timeout=2000):
        press(qtbot, Qt.Key_S, Qt.ControlModifier)

    assert page.state_label.text().startswith("✓ Saved at ")
    saved = diary.get(TODAY)
    assert (saved.pain, saved.limitation, saved.walking_minutes) == (6, 9, 15)


def test_alt_s_saves_too(qtbot, page, diary, window):
    page.form.pain.setFocus(Qt.TabFocusReason)
    press(qtbot, Qt.Key_3)
    press(qtbot, Qt.Key_Tab)
    press(qtbot, Qt.Key_2)
    with qtbot.waitSignal(window.signals.diary_saved, timeout=2000):
        press(qtbot, Qt.Key_S, Qt.AltModifier)  # the underlined S of "Save"
    assert diary.get(TODAY).pain == 3


def test_typing_0_after_coming_back_to_a_scale_chooses_0(qtbot, page):
    # "1" then "0" means ten only when typed one after the other. A patient who typed 1,
    # moved on, and comes back to correct the answer to 0 must get 0, not 10.
    page.form.pain.setFocus(Qt.TabFocusReason)
    press(qtbot, Qt.Key_1)
    press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is page.form.limitation
    press(qtbot, Qt.Key_Backtab, Qt.ShiftModifier)
    assert QApplication.focusWidget() is page.form.pain
    press(qtbot, Qt.Key_0)
    assert page.form.pain.value() == 0


def test_optional_scale_can_be_cleared_from_the_keyboard(qtbot, page):
    page.form.mood.setFocus(Qt.TabFocusReason)
    press(qtbot, Qt.Key_4)
    assert page.form.mood.value() == 4
    press(qtbot, Qt.Key_Delete)
    assert page.form.mood.value() is None
    assert scale_says(page.form.mood) == text("scale_not_chosen")


def test_saving_without_pain_explains_and_saves_nothing(qtbot, page, diary, window):
    click(qtbot, scale_button(page.form.limitation, 2))
    with qtbot.assertNotEmitted(window.signals.diary_saved):
        click(qtbot, page.save_button)
    assert page.state_label.text() == text("save_needs_pain")
    assert "choose how bad your pain is" in page.state_label.text()
    assert page.state_label.property("state") == "error"
    assert QApplication.focusWidget() is page.form.pain  # straight to the missing answer
    assert diary.get(TODAY) is None
    assert diary.count() == 0


def test_saving_without_limitation_explains_and_saves_nothing(qtbot, page, diary):
    click(qtbot, scale_button(page.form.pain, 2))
    click(qtbot, page.save_button)
    assert page.state_label.text() == text("save_needs_limitation")
    assert QApplication.focusWidget() is page.form.limitation
    assert diary.count() == 0


def test_ctrl_s_with_nothing_chosen_saves_nothing(qtbot, page, diary):
    page.form.pain.setFocus()
    press(qtbot, Qt.Key_S, Qt.ControlModifier)
    assert page.state_label.text() == text("save_needs_pain")
    assert diary.count() == 0


# Editing and back-filling ------------------------------------------------------------------

def test_edit_an_existing_day(qtbot, diary, make_window):
    diary.save(entry(TODAY, pain=5, limitation=4, walking=20, exercises=frozenset({"knee-rolls"})))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page

    assert page.form.pain.value() == 5 and scale_button(page.form.pain, 5).isChecked()
    assert page.form.walking.value() == 20
    assert page.form.exercise_boxes["knee-rolls"].isChecked()
    assert page.state_label.text() == "✓ Saved"
    assert not page.save_button.isEnabled()  # nothing to save until something changes

    click(qtbot, scale_button(page.form.pain, 2))
    assert page.state_label.text() == "Not saved yet"
    assert page.save_button.isEnabled()
    click(qtbot, page.save_button)

    saved = diary.get(TODAY)
    assert saved.pain == 2 and saved.walking_minutes == 20 and saved.exercises == {"knee-rolls"}
    assert diary.count() == 1
    assert page.count_label.text() == "1 day recorded"
    assert "pain 2 out of 10" in page.days_list.item(0).text()


def test_changing_an_answer_back_is_not_an_unsaved_change(qtbot, diary, make_window):
    diary.save(entry(TODAY, pain=5))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 7))
    assert page.is_dirty()
    click(qtbot, scale_button(page.form.pain, 5))
    assert not page.is_dirty()
    assert page.state_label.text() == "✓ Saved"


def test_back_fill_an_earlier_day_with_the_date_field(qtbot, page, diary):
    page.date_edit.setFocus(Qt.TabFocusReason)
    qtbot.keyClick(page.date_edit, Qt.Key_Down)  # one day back
    assert page.day == YESTERDAY
    assert page.date_edit.date() == QDate(2026, 3, 14)
    assert page.state_label.text() == "Nothing saved for this day yet"

    click(qtbot, scale_button(page.form.pain, 3))
    click(qtbot, scale_button(page.form.limitation, 1))
    click(qtbot, page.save_button)

    assert diary.get(YESTERDAY).pain == 3
    assert diary.get(TODAY) is None
    assert listed_days(page) == [YESTERDAY]

    click(qtbot, page.today_button)
    assert page.day == TODAY and page.form.pain.value() is None


def test_back_fill_a_day_weeks_ago_from_the_calendar(qtbot, page, diary):
    long_ago = dt.date(2026, 1, 30)
    page.date_edit.setDate(QDate(2026, 1, 30))  # what picking it in the calendar pop-up does
    assert page.day == long_ago
    click(qtbot, scale_button(page.form.pain, 9))
    click(qtbot, scale_button(page.form.limitation, 9))
    click(qtbot, page.save_button)
    assert diary.get(long_ago).pain == 9


def test_the_date_field_refuses_days_in_the_future(qtbot, page):
    assert page.date_edit.maximumDate() == QDate(2026, 3, 15)
    assert page.date_edit.calendarWidget().maximumDate() == QDate(2026, 3, 15)  # the pop-up too
    page.date_edit.setFocus(Qt.TabFocusReason)
    qtbot.keyClick(page.date_edit, Qt.Key_Up)
    assert page.date_edit.date() == QDate(2026, 3, 15)
    page.date_edit.setDate(QDate(2026, 3, 20))
    assert page.date_edit.date() == QDate(2026, 3, 15)
    assert page.day == TODAY
    assert page.date_edit.toolTip() == text("diary_future")


def test_point3_the_date_field_starts_at_2000(qtbot, page):
    assert page.date_edit.minimumDate() == QDate(2000, 1, 1)
    assert page.date_edit.calendarWidget().minimumDate() == QDate(2000, 1, 1)
    page.date_edit.setDate(QDate(1, 1, 1))
    assert page.date_edit.date() == QDate(2000, 1, 1)


def test_opening_a_future_day_shows_today_instead(page):
    assert page.open_day(TODAY + dt.timedelta(days=3))
    assert page.day == TODAY


# Deleting and undo -------------------------------------------------------------------------

def test_delete_asks_and_cancel_keeps_the_day(qtbot, diary, make_window, dialogs):
    diary.save(entry(TODAY, pain=4))
    window = make_window()
    page = window.diary_page
    window.show_page("diary")
    dialogs.answer(QMessageBox.Cancel)
    with qtbot.assertNotEmitted(window.signals.diary_deleted):
        click(qtbot, page.delete_button)
    assert len(dialogs.questions) == 1
    assert dialogs.questions[0].text == text("delete_confirm", day=long_day(TODAY))
    assert diary.get(TODAY).pain == 4
    assert page.form.pain.value() == 4
    assert not page.undo_button.isVisible()


def test_delete_with_yes_removes_the_day_and_undo_brings_it_back(qtbot, diary, make_window, dialogs):
    original = entry(TODAY, pain=4, limitation=2, walking=35, exercises=frozenset({"bridge", "cat-camel"}),
                     sleep=6, note="stiff in the morning")
    diary.save(original)
    with diary.database.reading() as conn:
        (uuid,), = conn.execute("SELECT uuid FROM diary_day").fetchall()
    window = make_window()
    window.show_page("diary")
    page = window.diary_page

    dialogs.answer(QMessageBox.Yes)
    with qtbot.waitSignal(window.signals.diary_deleted, timeout=2000):
        click(qtbot, page.delete_button)
    assert diary.get(TODAY) is None
    assert page.form.pain.value() is None
    assert page.state_label.text() == f"Deleted the entry for {long_day(TODAY)}."
    assert page.undo_button.isVisible()
    assert page.days_list.count() == 0
    assert "not filled in yet" in window.home_page.today_status.text()
    with diary.database.reading() as conn:  # the next export tells researchers the day went
        assert conn.execute("SELECT uuid, section FROM deleted_row").fetchall() == [(uuid, "diary")]

    with qtbot.waitSignal(window.signals.diary_saved, timeout=2000):
        click(qtbot, page.undo_button)
    assert diary.get(TODAY) == original
    assert page.form.pain.value() == 4 and page.form.note.toPlainText() == "stiff in the morning"
    assert not page.undo_button.isVisible()
    assert page.state_label.text() == "✓ Saved"
    assert listed_days(page) == [TODAY]
    with diary.database.reading() as conn:  # the very same row is back, and no longer counted as deleted
        assert conn.execute("SELECT uuid FROM diary_day").fetchall() == [(uuid,)]
        assert conn.execute("SELECT count(*) FROM deleted_row").fetchone() == (0,)


# Unsaved changes when switching days --------------------------------------------------------

@pytest.fixture
def half_filled(qtbot, diary, make_window):
    """Yesterday is saved (pain 2); today has unsaved answers (pain 6, limitation 1)."""
    diary.save(entry(YESTERDAY, pain=2, limitation=2))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 6))
    click(qtbot, scale_button(page.form.limitation, 1))
    assert page.is_dirty()
    return page


def test_switching_day_with_unsaved_changes_cancel_stays(qtbot, half_filled, diary, dialogs):
    page = half_filled
    dialogs.answer(QMessageBox.Cancel)
    click_list_day(qtbot, page, YESTERDAY)
    assert len(dialogs.questions) == 1
    assert dialogs.questions[0].title == "Unsaved changes"
    assert long_day(TODAY) in dialogs.questions[0].text
    assert page.day == TODAY
    assert page.date_edit.date() == QDate(2026, 3, 15)
    assert page.form.pain.value() == 6  # the answers are still there
    assert page.is_dirty()
    assert diary.get(TODAY) is None


def test_switching_day_with_unsaved_changes_discard_drops_them(qtbot, half_filled, diary, dialogs):
    page = half_filled
    dialogs.answer(QMessageBox.Discard)
    click_list_day(qtbot, page, YESTERDAY)
    assert page.day == YESTERDAY
    assert page.form.pain.value() == 2
    assert diary.get(TODAY) is None
    assert not page.is_dirty()


def test_switching_day_with_unsaved_changes_save_keeps_them(qtbot, half_filled, diary, dialogs):
    page = half_filled
    dialogs.answer(QMessageBox.Save)
    click_list_day(qtbot, page, YESTERDAY)
    assert page.day == YESTERDAY
    assert page.form.pain.value() == 2
    assert diary.get(TODAY).pain == 6
    assert listed_days(page) == [TODAY, YESTERDAY]


def test_switching_day_with_the_date_field_cancel_puts_the_date_back(qtbot, half_filled, dialogs):
    page = half_filled
    dialogs.answer(QMessageBox.Cancel)
    page.date_edit.setFocus(Qt.TabFocusReason)
    qtbot.keyClick(page.date_edit, Qt.Key_Down)
    assert len(dialogs.questions) == 1
    assert page.date_edit.date() == QDate(2026, 3, 15)
    assert page.day == TODAY and page.form.pain.value() == 6


def test_switching_day_with_save_but_an_unfinished_form_stays(qtbot, diary, make_window, dialogs):
    diary.save(entry(YESTERDAY, pain=2))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 6))  # no limitation chosen: cannot be saved
    dialogs.answer(QMessageBox.Save)
    click_list_day(qtbot, page, YESTERDAY)
    assert page.day == TODAY
    assert page.form.pain.value() == 6
    assert page.state_label.text() == text("save_needs_limitation")
    assert diary.get(TODAY) is None


# The list of days --------------------------------------------------------------------------

def test_list_of_days_updates_after_each_save_newest_first(qtbot, page, diary):
    assert page.days_list.count() == 0
    click(qtbot, scale_button(page.form.pain, 6))
    click(qtbot, scale_button(page.form.limitation, 3))
    click(qtbot, page.save_button)
    assert listed_days(page) == [TODAY]
    assert page.count_label.text() == "1 day recorded"
    assert "pain 6 out of 10" in page.days_list.item(0).text()

    page.date_edit.setDate(QDate(2026, 3, 10))
    click(qtbot, scale_button(page.form.pain, 1))
    click(qtbot, scale_button(page.form.limitation, 1))
    click(qtbot, page.save_button)
    assert listed_days(page) == [TODAY, dt.date(2026, 3, 10)]
    assert page.count_label.text() == "2 days recorded"
    assert page.days_list.currentItem().data(Qt.UserRole) == dt.date(2026, 3, 10)


def test_choosing_a_day_in_the_list_opens_it(qtbot, diary, make_window):
    diary.save(entry(dt.date(2026, 3, 1), pain=8, note="bad day"))
    diary.save(entry(dt.date(2026, 3, 9), pain=3))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page
    click_list_day(qtbot, page, dt.date(2026, 3, 1))
    assert page.day == dt.date(2026, 3, 1)
    assert page.date_edit.date() == QDate(2026, 3, 1)
    assert page.form.pain.value() == 8 and page.form.note.toPlainText() == "bad day"


def test_choosing_a_day_in_the_list_with_the_keyboard(qtbot, diary, make_window):
    diary.save(entry(dt.date(2026, 3, 1), pain=8))
    diary.save(entry(dt.date(2026, 3, 9), pain=3))
    window = make_window()
    window.show_page("diary")
    page = window.diary_page
    page.days_list.setFocus(Qt.TabFocusReason)
    press(qtbot, Qt.Key_Home)
    press(qtbot, Qt.Key_Down)  # moving through the list does not open days...
    assert page.day == TODAY
    press(qtbot, Qt.Key_Return)  # ...Enter does
    assert page.day == dt.date(2026, 3, 1)
    assert page.form.pain.value() == 8


def test_a_note_longer_than_the_limit_is_cut_short(qtbot, page):
    from desktop.domain.diary import NOTE_MAX_CHARS

    page.form.note.setPlainText("x" * (NOTE_MAX_CHARS + 50))
    assert len(page.form.note.toPlainText()) == NOTE_MAX_CHARS


def test_point6_a_full_disk_when_saving_says_so_in_words_without_the_note(qtbot, page, diary, monkeypatch):
    import sqlite3

    from sqlalchemy import event

    from desktop.store import engine as engine_module

    real = engine_module.make_engine

    def full_engine(path):  # SQLite's own answer when the disk fills up during the INSERT
        engine = real(path)
        event.listen(engine, "before_cursor_execute", lambda _c, _cu, statement, *_: (
            statement.upper().startswith("INSERT") and _raise(sqlite3.OperationalError("database or disk is full"))))
        return engine

    def _raise(exc):
        raise exc

    monkeypatch.setattr(engine_module, "make_engine", full_engine)
    page.diary.database.release_connections()
    click(qtbot, scale_button(page.form.pain, 6))
    click(qtbot, scale_button(page.form.limitation, 3))
    page.form.note.setPlainText("a private worry")
    click(qtbot, page.save_button)
    assert page.state_label.text() == "Not saved: The disk is full. Your answers are still here; please try again."
    assert page.form.note.toPlainText() == "a private worry"
    assert diary.get(TODAY) is None
