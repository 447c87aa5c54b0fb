"""Every page that shows data reflects a change made anywhere else at once (issue 16).

The store announces each committed change (store/changes.py); the pages listen. These tests
change data from each place that writes (the Home flare-up plan, the Diary page, another
service such as a session review, a CSV import, a restored backup, the programme) while the
pages that show it are open, and look at what those pages then show.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox
from ui_helpers import click, scale_button, settle

from desktop.content.loader import exercise_catalogue
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.exchange.diary_csv import HEADER
from desktop.store.diary_service import DiaryService


def _mark_flare_up_from_home(window, monkeypatch) -> None:
    from desktop.ui.pages.flare_up_dialog import FlareUpDialog

    shown = []
    monkeypatch.setattr(FlareUpDialog, "exec", lambda self: shown.append(self) or 0)
    window.show_page("home")
    click_button = window.home_page.flare_button
    click_button.click()
    shown[0].mark_today()


def test_a_flare_up_marked_from_home_shows_on_the_open_diary_and_survives_its_save(
        qtbot, window, diary, today, monkeypatch):
    diary.save(DiaryEntry(day=today, pain=7, walking_minutes=10, limitation=6))
    window.open_diary_day(today)
    page = window.diary_page
    assert not page.form.flare_up.isChecked()

    _mark_flare_up_from_home(window, monkeypatch)
    assert page.form.flare_up.isChecked() and not page.is_dirty()

    window.show_page("diary")
    click(qtbot, scale_button(page.form.pain, 5))
    click(qtbot, page.save_button)
    saved = diary.get(today)
    assert saved.pain == 5 and saved.flare_up is True


def test_unsaved_answers_stay_when_a_flare_up_is_marked_elsewhere(qtbot, window, diary, today, monkeypatch):
    diary.save(DiaryEntry(day=today, pain=7, walking_minutes=10, limitation=6))
    window.open_diary_day(today)
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 4))  # changed here, not saved yet
    assert page.is_dirty()

    _mark_flare_up_from_home(window, monkeypatch)
    assert page.form.pain.value() == 4 and page.form.flare_up.isChecked() and page.is_dirty()
    assert "Not saved" in page.state_label.text()
    window.show_page("diary")
    click(qtbot, page.save_button)
    saved = diary.get(today)
    assert (saved.pain, saved.flare_up, saved.walking_minutes) == (4, True, 10)


def test_a_save_from_another_service_reaches_home_diary_and_progress(qtbot, window, database, today):
    window.open_diary_day(today)
    page, home, progress = window.diary_page, window.home_page, window.page("progress")
    assert page.form.pain.value() is None and "today" not in home.today_summary.text().lower()
    days_before = len(progress.entries)

    elsewhere = DiaryService(database, exercise_catalogue(), FixedClock(today))  # e.g. a session review
    elsewhere.save(DiaryEntry(day=today, pain=3, walking_minutes=25, limitation=2))
    assert page.form.pain.value() == 3 and page.form.walking.value() == 25 and not page.is_dirty()
    assert home.today_summary.isVisibleTo(home) and home.today_summary.text() != ""
    assert len(progress.entries) == days_before + 1

    elsewhere.delete(today)
    assert page.form.pain.value() is None
    assert len(progress.entries) == days_before


def test_a_csv_import_reaches_the_open_diary_day(qtbot, window, dialogs, tmp_path, today):
    day = today - dt.timedelta(days=1)
    window.open_diary_day(day)
    csv = tmp_path / "days.csv"
    csv.write_text(",".join(HEADER) + "\n" + f"{day.isoformat()},2,30,,1,no,,,\n", encoding="utf-8")
    dialogs.open_file = str(csv)
    dialogs.answer(QMessageBox.Yes)
    window.show_page("settings")
    window.settings_page.import_csv()
    settle(qtbot)
    assert window.diary_page.form.pain.value() == 2 and window.diary_page.form.walking.value() == 30


def test_a_restored_backup_reaches_the_diary_and_home(qtbot, window, diary, database, dialogs, today):
    diary.save(DiaryEntry(day=today, pain=6, walking_minutes=5, limitation=5))
    window.show_page("settings")
    click(qtbot, window.settings_page.backup_button)
    diary.save(DiaryEntry(day=today, pain=1, walking_minutes=40, limitation=1))
    window.open_diary_day(today)
    assert window.diary_page.form.pain.value() == 1

    window.show_page("settings")
    window.settings_page.refresh_backups()
    window.settings_page.backup_list.setCurrentRow(0)
    dialogs.answer(QMessageBox.Yes)
    with qtbot.waitSignal(window.signals.diary_replaced, timeout=5000):
        click(qtbot, window.settings_page.restore_button)
    assert window.diary_page.form.pain.value() == 6
    assert "6" in window.home_page.today_summary.text()


def test_a_programme_change_reaches_home_while_it_is_open(qtbot, window):
    home = window.home_page
    window.show_page("home")
    before = home.programme_text.text()
    programme = home.programme
    programme.record_screening("week2", {q.id: True for q in programme.content.safety_questions})
    assert home.programme_text.text() != before  # now says the programme is paused for safety


def test_a_failing_listener_does_not_make_a_saved_day_look_unsaved(database, today):
    seen = []
    database.changes.subscribe(lambda change: 1 / 0)
    database.changes.subscribe(seen.append)
    diary = DiaryService(database, exercise_catalogue(), FixedClock(today))
    diary.save(DiaryEntry(day=today, pain=3, walking_minutes=0, limitation=2))
    assert diary.get(today).pain == 3 and len(seen) == 1
