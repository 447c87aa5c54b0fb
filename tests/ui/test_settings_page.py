"""Settings: text size, backups and going back to one, diary CSV files in and out."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import button, click, scale_button

from desktop.domain.diary import DiaryEntry
from desktop.exchange.diary_csv import HEADER
from desktop.store.settings_service import SettingsService

TODAY = dt.date(2026, 3, 15)
DOCUMENTED_HEADER = "date,pain,walking_minutes,exercises,limitation,flare_up,sleep,mood,note"


def entry(day: dt.date, pain: int = 5, **more) -> DiaryEntry:
    return DiaryEntry(day=day, pain=pain, walking_minutes=more.pop("walking", 20), limitation=3, **more)


@pytest.fixture
def settings_window(window):
    window.show_page("settings")
    assert window.pages.currentWidget() is window.settings_page
    return window


# Text size ---------------------------------------------------------------------------------

def test_text_size_change_is_kept_and_makes_the_text_bigger(qtbot, settings_window, database, app, make_window):
    page = settings_window.settings_page
    save_button = settings_window.diary_page.save_button
    assert page.text_size.currentData() == "normal"
    assert app.font().pointSizeF() == 12.0
    normal_width = save_button.sizeHint().width()

    with qtbot.waitSignal(settings_window.signals.text_size_changed, timeout=2000,
                          check_params_cb=lambda size: size == "large"):
        page.text_size.setFocus()
        qtbot.keyClick(page.text_size, Qt.Key_Down)  # Normal -> Large, as with the keyboard

    assert page.text_size.currentText() == "Large"
    assert SettingsService(database).get("text_size", "normal") == "large"
    assert app.font().pointSizeF() == 14.0
    assert save_button.font().pointSizeF() == 14.0
    assert save_button.sizeHint().width() > normal_width

    page.text_size.setCurrentIndex(page.text_size.findData("larger"))
    assert SettingsService(database).get("text_size", "normal") == "larger"
    assert app.font().pointSizeF() == 16.5

    # Next time the app starts, the choice is still there.
    settings_window.close()
    apply_default(app)
    again = make_window()
    assert again.settings_page.text_size.currentData() == "larger"
    assert app.font().pointSizeF() == 16.5


def apply_default(app):
    from desktop.ui.base.style import apply_style

    apply_style(app, "normal")
    assert app.font().pointSizeF() == 12.0


# Backups -----------------------------------------------------------------------------------

def test_back_up_now_adds_a_copy_to_the_list(qtbot, settings_window, database):
    page = settings_window.settings_page
    assert page.backup_list.count() == 0
    assert page.backup_status.text().startswith("No copies yet")
    assert not page.restore_button.isEnabled()

    click(qtbot, page.backup_button)
    assert page.backup_list.count() == 1
    assert page.backup_list.item(0).text().startswith("Copy from ")
    assert page.backup_status.text().startswith("✓ A new copy was made at ")
    assert len(list(database.backups_dir.glob("diary-*.sqlite"))) == 1

    click(qtbot, page.backup_button)  # nothing changed since: the same copy again
    assert page.backup_list.count() == 1  # listed once (was twice, with the same label)
    assert page.backup_status.text().startswith("✓ A new copy was made at ")


def test_each_different_copy_is_listed_once_with_its_own_label(qtbot, diary, database, make_window):
    from desktop.store import backup

    minute = dt.datetime(2026, 3, 15, 9, 30, 5, tzinfo=dt.UTC)
    diary.save(entry(dt.date(2026, 3, 10), pain=3))
    backup.create_backup(database.path, database.backups_dir, now=minute)
    backup.create_backup(database.path, database.backups_dir, now=minute + dt.timedelta(milliseconds=300))  # the same
    diary.save(entry(dt.date(2026, 3, 11), pain=4))
    backup.create_backup(database.path, database.backups_dir, now=minute + dt.timedelta(milliseconds=600))
    diary.save(entry(dt.date(2026, 3, 12), pain=5))
    backup.create_backup(database.path, database.backups_dir, now=minute + dt.timedelta(seconds=20))
    window = make_window()
    window.show_page("settings")
    page = window.settings_page
    labels = [page.backup_list.item(row).text() for row in range(page.backup_list.count())]
    assert len(labels) == 3 and len(set(labels)) == 3, labels
    local = minute.astimezone()
    assert labels[0] == f"Copy from Sunday 15 March 2026, {local:%H:%M}:25"
    assert labels[1] == f"Copy from Sunday 15 March 2026, {local:%H:%M}:05 (1)"
    assert labels[2] == f"Copy from Sunday 15 March 2026, {local:%H:%M}:05 (2)"


def test_restore_a_backup_brings_back_the_diary_as_it_was(qtbot, diary, database, make_window, dialogs):
    diary.save(entry(dt.date(2026, 3, 10), pain=3, note="before the copy"))
    window = make_window()
    window.show_page("settings")
    settings = window.settings_page
    click(qtbot, settings.backup_button)

    # After the copy: change a day and add another one, through the Diary page.
    window.show_page("diary")
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 8))
    click(qtbot, scale_button(page.form.limitation, 8))
    click(qtbot, page.save_button)
    assert diary.count() == 2

    window.show_page("settings")
    settings.backup_list.setCurrentRow(0)
    assert settings.restore_button.isEnabled()
    dialogs.answer(QMessageBox.Cancel)
    click(qtbot, settings.restore_button)
    assert diary.count() == 2  # Cancel changes nothing
    assert not (database.path.parent / "set-aside").exists()

    dialogs.answer(QMessageBox.Yes)
    with qtbot.waitSignal(window.signals.diary_replaced, timeout=5000):
        click(qtbot, settings.restore_button)
    assert "set-aside" in dialogs.questions[-1].text

    assert [e.day for e in diary.between()] == [dt.date(2026, 3, 10)]
    assert diary.get(dt.date(2026, 3, 10)).note == "before the copy"
    assert diary.get(TODAY) is None
    # The app shows the restored diary straight away.
    assert page.days_list.count() == 1
    assert page.day == TODAY and page.form.pain.value() is None
    assert window.home_page.today_status.text().startswith("Today's diary is not filled in")
    assert settings.backup_list.count() == 1

    # The diary as it was just before is kept, not deleted.
    kept = list((database.path.parent / "set-aside").glob("*.sqlite"))
    assert len(kept) == 1, kept
    with sqlite3.connect(f"file:{kept[0]}?mode=ro", uri=True) as conn:
        days = sorted(row[0] for row in conn.execute("SELECT day FROM diary_day"))
        pain_today = conn.execute("SELECT pain FROM diary_day WHERE day = ?", (TODAY.isoformat(),)).fetchone()
    conn.close()
    assert days == ["2026-03-10", TODAY.isoformat()]
    assert pain_today == (8,)

    # And the diary keeps working after the restore.
    window.show_page("diary")
    click(qtbot, scale_button(page.form.pain, 1))
    click(qtbot, scale_button(page.form.limitation, 1))
    click(qtbot, page.save_button)
    assert diary.get(TODAY).pain == 1


def test_restoring_a_damaged_backup_says_so_and_keeps_the_diary(qtbot, diary, database, make_window, dialogs):
    diary.save(entry(dt.date(2026, 3, 10), pain=3))
    window = make_window()
    window.show_page("settings")
    settings = window.settings_page
    click(qtbot, settings.backup_button)
    copy = settings.backup_list.item(0).data(Qt.UserRole)
    with open(copy.path, "r+b") as fh:  # the copy is damaged later, e.g. by a failing disk
        fh.write(b"this is not a database any more " * 4)
    diary.save(entry(dt.date(2026, 3, 11), pain=4))

    settings.backup_list.setCurrentRow(0)
    dialogs.answer(QMessageBox.Yes)
    click(qtbot, settings.restore_button)

    told = dialogs.of_kind("warning") + dialogs.of_kind("critical")
    assert len(told) == 1, "the user must be told that the copy could not be used"
    assert [e.day for e in diary.between()] == [dt.date(2026, 3, 10), dt.date(2026, 3, 11)]
    assert not (database.path.parent / "set-aside").exists()


# CSV export and import ---------------------------------------------------------------------

def test_csv_export_writes_the_documented_header_and_every_day(qtbot, diary, make_window, dialogs, tmp_path):
    diary.save(entry(dt.date(2026, 3, 14), pain=2, walking=30, exercises=frozenset({"bridge", "knee-rolls"}),
                     flare_up=True, sleep=7, note="good, \"mostly\""))
    diary.save(entry(dt.date(2026, 3, 1), pain=6, walking=0))
    window = make_window()
    window.show_page("settings")
    target = tmp_path / "out" / "my diary.csv"
    target.parent.mkdir()
    dialogs.save_file = str(target)

    click(qtbot, button(window.settings_page, "Save diary as CSV..."))

    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == DOCUMENTED_HEADER == ",".join(HEADER)
    assert lines[1:] == [
        "2026-03-01,6,0,,3,no,,,",
        '2026-03-14,2,30,knee rolls;bridge,3,yes,7,,"good, ""mostly"""',
    ]
    assert window.settings_page.csv_status.text() == f"✓ Saved 2 days to {target}"


def test_csv_export_that_cannot_be_written_says_so(qtbot, settings_window, dialogs, tmp_path):
    dialogs.save_file = str(tmp_path)  # a folder, not a file
    click(qtbot, button(settings_window.settings_page, "Save diary as CSV..."))
    assert len(dialogs.warnings) == 1
    assert dialogs.warnings[0].title == "Not saved"
    assert "could not be written" in dialogs.warnings[0].text
    assert settings_window.settings_page.csv_status.text() == ""


def test_csv_export_cancelled_writes_nothing(qtbot, settings_window, dialogs, tmp_path):
    dialogs.save_file = ""
    click(qtbot, button(settings_window.settings_page, "Save diary as CSV..."))
    assert settings_window.settings_page.csv_status.text() == ""
    assert not list(tmp_path.glob("*.csv"))


def write_csv(path, *rows: str):
    path.write_text("\n".join([DOCUMENTED_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_csv_import_of_a_valid_file_adds_the_days(qtbot, diary, make_window, dialogs, tmp_path):
    diary.save(entry(dt.date(2026, 3, 14), pain=9))
    window = make_window()
    window.show_page("settings")
    settings = window.settings_page
    dialogs.open_file = str(write_csv(
        tmp_path / "from-paper.csv",
        "2026-03-12,4,15,Bridge;cat-camel,2,no,6,,first day",
        "2026-03-14,3,0,,2,yes,,,",
    ))
    dialogs.answer(QMessageBox.Yes)

    with qtbot.waitSignal(window.signals.diary_replaced, timeout=5000):
        click(qtbot, button(settings, "Add days from a CSV file..."))

    assert "Add 2 days from from-paper.csv?" in dialogs.questions[0].text
    assert [e.day for e in diary.between()] == [dt.date(2026, 3, 12), dt.date(2026, 3, 14)]
    assert diary.get(dt.date(2026, 3, 12)).exercises == {"bridge", "cat-camel"}
    assert diary.get(dt.date(2026, 3, 14)).pain == 3  # the file's version replaces the day
    assert settings.csv_status.text() == "✓ Added from from-paper.csv: 1 new days, 1 updated, 0 already the same."
    assert settings.backup_list.count() == 1  # a way back was made first
    # The other pages show the new days at once.
    assert window.diary_page.count_label.text() == "2 days recorded"
    assert window.home_page.week_strip.tiles[3].property("filled") is True


def test_csv_import_into_an_empty_diary(qtbot, settings_window, diary, dialogs, tmp_path):
    dialogs.open_file = str(write_csv(tmp_path / "d.csv", "2026-03-15,1,10,,1,no,,,"))
    dialogs.answer(QMessageBox.Yes)
    with qtbot.waitSignal(settings_window.signals.diary_replaced, timeout=5000):
        click(qtbot, button(settings_window.settings_page, "Add days from a CSV file..."))
    assert diary.get(TODAY).pain == 1
    assert settings_window.home_page.today_status.text().startswith("✓ ")


def test_csv_import_of_a_spreadsheet_saved_file_with_bom_and_crlf(qtbot, settings_window, diary, dialogs, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + DOCUMENTED_HEADER + "\r\n" + "2026-03-14,2,5,Knee rolls,1,Yes,,,\r\n").encode("utf-8"))
    dialogs.open_file = str(path)
    dialogs.answer(QMessageBox.Yes)
    click(qtbot, button(settings_window.settings_page, "Add days from a CSV file..."))
    assert dialogs.warnings == []
    got = diary.get(dt.date(2026, 3, 14))
    assert got.exercises == {"knee-rolls"} and got.flare_up


def test_csv_import_of_a_file_with_no_days_says_so(qtbot, settings_window, diary, dialogs, tmp_path):
    dialogs.open_file = str(write_csv(tmp_path / "empty.csv"))
    click(qtbot, button(settings_window.settings_page, "Add days from a CSV file..."))
    assert [s.title for s in dialogs.of_kind("information")] == ["Nothing to import"]
    assert dialogs.questions == []
    assert diary.count() == 0


def test_csv_export_then_import_changes_nothing(qtbot, diary, make_window, dialogs, tmp_path):
    for day in (3, 7, 11):
        diary.save(entry(dt.date(2026, 3, day), pain=day % 11, exercises=frozenset({"bridge"}), note=f"day {day}"))
    window = make_window()
    window.show_page("settings")
    settings = window.settings_page
    dialogs.save_file = dialogs.open_file = str(tmp_path / "round.csv")
    click(qtbot, button(settings, "Save diary as CSV..."))
    before = diary.between()
    dialogs.answer(QMessageBox.Yes)
    click(qtbot, button(settings, "Add days from a CSV file..."))
    assert diary.between() == before
    assert settings.csv_status.text().endswith("0 new days, 0 updated, 3 already the same.")


def test_csv_import_cancelled_at_the_question_adds_nothing(qtbot, settings_window, diary, dialogs, tmp_path):
    dialogs.open_file = str(write_csv(tmp_path / "d.csv", "2026-03-15,1,10,,1,no,,,"))
    dialogs.answer(QMessageBox.Cancel)
    with qtbot.assertNotEmitted(settings_window.signals.diary_replaced):
        click(qtbot, button(settings_window.settings_page, "Add days from a CSV file..."))
    assert diary.count() == 0


@pytest.mark.parametrize("bad_row, line, reason", [
    ("2026-03-13,eleven,10,,1,no,,,", 3, "pain must be a whole number"),
    ("2026-03-13,4,10,,1,no,,", 3, "expected 9 columns"),
    ("2026-03-20,4,10,,1,no,,,", 3, "in the future"),
    ("2026-03-13,4,10,yoga,1,no,,,", 3, "unknown exercise"),
])
def test_csv_import_of_a_malformed_file_names_the_line_and_changes_nothing(
        qtbot, diary, make_window, dialogs, tmp_path, database, bad_row, line, reason):
    diary.save(entry(dt.date(2026, 3, 1), pain=5))
    window = make_window()
    window.show_page("settings")
    settings = window.settings_page
    dialogs.open_file = str(write_csv(tmp_path / "broken.csv", "2026-03-12,4,15,,2,no,6,,", bad_row,
                                      "2026-03-14,3,0,,2,yes,,,"))
    before = diary.between()

    with qtbot.assertNotEmitted(window.signals.diary_replaced):
        click(qtbot, button(settings, "Add days from a CSV file..."))

    assert dialogs.questions == []  # never offered to import
    assert len(dialogs.warnings) == 1
    warning = dialogs.warnings[0]
    assert warning.title == "Nothing was imported"
    assert f"broken.csv, line {line}:" in warning.text
    assert reason in warning.text
    assert "Your diary has not been changed" in warning.text
    assert diary.between() == before
    assert settings.backup_list.count() == 0
    assert window.diary_page.count_label.text() == "1 day recorded"


def test_csv_import_with_a_wrong_header_names_line_1(qtbot, settings_window, diary, dialogs, tmp_path):
    path = tmp_path / "other-app.csv"
    path.write_text("day,pain\n2026-03-12,4\n", encoding="utf-8")
    dialogs.open_file = str(path)
    click(qtbot, button(settings_window.settings_page, "Add days from a CSV file..."))
    assert "line 1:" in dialogs.warnings[0].text
    assert DOCUMENTED_HEADER in dialogs.warnings[0].text
    assert diary.count() == 0


def test_where_the_diary_is_kept_is_shown(settings_window, database):
    from PySide6.QtWidgets import QLabel

    shown = [label.text() for label in settings_window.settings_page.findChildren(QLabel)]
    assert str(database.path.parent) in shown


def test_busy_cursor_is_not_left_behind_after_a_backup(qtbot, settings_window):
    click(qtbot, settings_window.settings_page.backup_button)
    assert QApplication.overrideCursor() is None


def test_point6_a_full_disk_during_import_or_back_up_now_says_so_in_one_line(qtbot, settings_window, diary,
                                                                            dialogs, tmp_path, monkeypatch):
    import errno

    from sqlalchemy import event

    from desktop.store import backup
    from desktop.store import engine as engine_module

    real = engine_module.make_engine

    def full(*_args):
        raise sqlite3.OperationalError("database or disk is full")

    def full_engine(path):
        engine = real(path)
        event.listen(engine, "before_cursor_execute",
                     lambda _c, _cu, statement, *_: statement.upper().startswith("INSERT") and full())
        return engine

    monkeypatch.setattr(engine_module, "make_engine", full_engine)
    diary.database.release_connections()
    dialogs.open_file = str(write_csv(tmp_path / "d.csv", "2026-03-15,1,10,,1,no,,,my private worry"))
    dialogs.answer(QMessageBox.Yes)
    click(qtbot, button(settings_window.settings_page, "Add days from a CSV file..."))
    assert [(w.title, w.text) for w in dialogs.warnings] == [
        ("Nothing was imported", "The disk is full: nothing was imported.")]
    assert diary.count() == 0

    def no_room(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_fsync_file", no_room)
    click(qtbot, button(settings_window.settings_page, "Back up now"))
    assert settings_window.settings_page.backup_status.text() == "The copy could not be made: The disk is full"
    assert list(diary.database.backups_dir.glob("*.part")) == []
