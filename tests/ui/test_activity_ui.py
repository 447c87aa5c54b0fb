"""Steps from a phone or watch: the Settings card (by keyboard) and the Diary's measured line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer

from desktop.domain.diary import DiaryEntry
from desktop.store.activity_service import ActivityService

TODAY = dt.date(2026, 3, 15)  # tests/conftest.py
DATA = Path(__file__).resolve().parents[1] / "data" / "activity"


def _csv(path: Path, first: dt.date, days: int, steps=lambda i: 3000 + 100 * i) -> Path:
    lines = ["date,steps,walking_minutes"]
    for i in range(days):
        lines.append(f"{first + dt.timedelta(days=i)},{steps(i)},{30 if i % 2 else ''}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(qtbot, card, path: Path) -> bool:
    with qtbot.waitSignal(card.import_finished, timeout=10000) as finished:
        card.import_path(path)
    return finished.args[0]


@pytest.fixture
def card(window):
    window.show_page("settings")
    return window.settings_page.activity


def _press_import_by_keyboard(qtbot, window, card) -> None:
    # Reach the button with Tab from the diary CSV button before it, as a keyboard user would.
    start = window.settings_page.findChildren(type(card.import_button))
    start = next(b for b in start if b.text() == "&Add days from a CSV file...")
    start.setFocus(Qt.TabFocusReason)
    for _ in range(12):
        if window.focusWidget() is card.import_button:
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key_Tab)
    assert window.focusWidget() is card.import_button, "the Import button cannot be reached with Tab"
    with qtbot.waitSignal(card.import_finished, timeout=10000):
        qtbot.keyClick(card.import_button, Qt.Key_Space)


def test_import_by_keyboard_shows_what_was_imported_and_again_changes_nothing(qtbot, window, card, dialogs,
                                                                              tmp_path, database):
    assert card.kept.text() == "No steps have been imported yet."
    dialogs.open_file = str(_csv(tmp_path / "steps.csv", dt.date(2026, 2, 1), 42))
    with qtbot.waitSignal(window.signals.activity_imported, timeout=10000):
        _press_import_by_keyboard(qtbot, window, card)
    assert card.status.text() == ("✓ Imported 42 days, from 1 February to 14 March (CSV file): "
                                  "42 new, 0 corrected, 0 already the same.")
    assert card.kept.text() == "You have measured steps for 42 days, from 1 February to 14 March."
    assert dialogs.warnings == []

    _press_import_by_keyboard(qtbot, window, card)
    assert "0 new, 0 corrected, 42 already the same." in card.status.text()
    assert len(ActivityService(database, window.diary_page.diary.clock).between()) == 42


def test_a_bad_file_says_why_and_keeps_the_steps(qtbot, window, card, dialogs, tmp_path, database):
    _import(qtbot, card, _csv(tmp_path / "steps.csv", dt.date(2026, 3, 1), 5))
    before = ActivityService(database, window.diary_page.diary.clock).between()
    notes = tmp_path / "notes.txt"
    notes.write_text("Walked to the park with the dog.\n", encoding="utf-8")
    cut = tmp_path / "export.xml"
    cut.write_bytes((DATA / "export.xml").read_bytes()[:2500])
    for path, reason in ((notes, "none of the formats SupportBack knows"), (cut, "ends too early")):
        dialogs.open_file = str(path)
        _press_import_by_keyboard(qtbot, window, card)
        shown = dialogs.warnings[-1]
        assert shown.title == "Nothing was imported"
        assert shown.text.startswith(f"{path.name} could not be imported.") and reason in shown.text
        assert shown.text.endswith("Your steps have not been changed.")
    assert ActivityService(database, window.diary_page.diary.clock).between() == before
    assert card.kept.text() == "You have measured steps for 5 days, from 1 March to 5 March."


def test_the_diary_shows_measured_steps_beside_the_walking_answer(qtbot, window, card, tmp_path):
    diary_page = window.diary_page
    diary_page.diary.save(DiaryEntry(day=dt.date(2026, 3, 10), pain=4, walking_minutes=20, limitation=3))
    window.show_page("diary")
    diary_page.open_day(dt.date(2026, 3, 10))
    assert not diary_page.measured.isVisible()  # nothing measured yet

    window.show_page("settings")
    _import(qtbot, card, _csv(tmp_path / "steps.csv", dt.date(2026, 3, 9), 3, steps=lambda i: 6400 + 50 * i))
    window.show_page("diary")
    # The open day updates as soon as the import is saved.
    assert diary_page.measured.isVisible()
    steps = QLocale().toString(6450)  # the locale's way of writing numbers ("6,450" in English)
    assert diary_page.measured.text() == (f"Your phone or watch counted {steps} steps and 30 minutes of walking "
                                          "on this day (CSV file).")
    assert diary_page.form.walking.value() == 20  # the patient's own answer is left as it was
    diary_page.open_day(dt.date(2026, 3, 9))
    assert diary_page.measured.text() == (f"Your phone or watch counted {QLocale().toString(6400)} steps "
                                          "on this day (CSV file).")
    diary_page.open_day(dt.date(2026, 3, 12))
    assert not diary_page.measured.isVisible()


def test_a_large_export_is_read_while_the_window_keeps_answering(qtbot, window, card, tmp_path):
    record = ('<Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
              'startDate="2026-03-{d:02d} 10:{m:02d}:00 +0000" endDate="2026-03-{d:02d} 10:{m:02d}:59 +0000" '
              'value="7"/>\n')
    body = "".join(record.format(d=1 + i % 14, m=i % 60) for i in range(60000))
    path = tmp_path / "export.xml"
    path.write_text(f'<?xml version="1.0"?>\n<HealthData locale="en_GB">\n{body}</HealthData>\n', encoding="utf-8")
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    with qtbot.waitSignal(card.import_finished, timeout=30000) as finished:
        card.import_path(path)
        assert not card.import_button.isEnabled()  # one import at a time
        assert card.status.text().startswith("Reading export.xml...")
    timer.stop()
    assert finished.args == [True] and card.import_button.isEnabled()
    assert ticks, "the window did not answer while the file was read"
    assert card.status.text().startswith("✓ Imported 14 days, from 1 March to 14 March (Apple Health)")
