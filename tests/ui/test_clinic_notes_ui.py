"""The clinician records a support call from the keyboard, closes the window, opens it again
and finds the note; a wrong passphrase says so and opens nothing."""

from __future__ import annotations

import datetime as dt

import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_reader import read_export
from desktop.store.clinic_notes import open_notes
from desktop.ui.clinician.clinic_view import ClinicWindow

PASSPHRASE = "kettle by the north window"
TODAY = dt.date(2026, 3, 15)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notes-export")
    secret, recipient, _identity = clinic_key(folder)
    database = demo_profile(folder / "demo", days=40, seed=3)
    try:
        path = make_export(database, recipient, folder / "e.age")
    finally:
        database.close()
    return clinic_report(read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)])))


def _open(qtbot, report, folder) -> ClinicWindow:
    window = ClinicWindow("e.age", report, folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _type_passphrase(qtbot, panel, secret: str, twice: bool = False) -> None:
    panel.passphrase.setFocus()
    qtbot.waitUntil(panel.passphrase.hasFocus)
    qtbot.keyClicks(panel.passphrase, secret)
    if twice:
        qtbot.keyClick(panel.passphrase, Qt.Key_Tab)
        assert panel.confirm.hasFocus()
        qtbot.keyClicks(panel.confirm, secret)
        qtbot.keyClick(panel.confirm, Qt.Key_Return)
    else:
        qtbot.keyClick(panel.passphrase, Qt.Key_Return)


def _tab_to(qtbot, window, widget, presses: int) -> None:
    for _ in range(presses):
        if widget.hasFocus():
            break
        qtbot.keyClick(_focused(window), Qt.Key_Tab)
    assert widget.hasFocus(), _focused(window)


def _focused(window):
    return QApplication.focusWidget()


def test_a_call_note_typed_with_the_keyboard_is_listed_after_reopening(qtbot, report, data_root):
    folder = paths.clinic_dir(data_root)
    window = _open(qtbot, report, folder)
    panel = window.notes_panel
    assert not panel.is_open and panel.confirm.isVisible()  # first time: choose it, twice
    _type_passphrase(qtbot, panel, PASSPHRASE, twice=True)
    assert panel.is_open
    assert "No calls recorded yet" in panel.history.text()
    form = panel.form
    assert form.call_date.hasFocus()
    # Day (today; Tab steps through its day, month and year first), then minutes, the four CARE
    # boxes and the next step.
    _tab_to(qtbot, window, form.minutes, presses=4)
    form.minutes.lineEdit().selectAll()
    qtbot.keyClicks(_focused(window), "25")
    words = {"congratulate": "Walked on five days", "address": "Worried the stairs will hurt",
             "reassure": "Soreness after walking is common", "encourage": "Keep the morning walk"}
    for key in ("congratulate", "address", "reassure", "encourage"):
        qtbot.keyClick(_focused(window), Qt.Key_Tab)
        assert form.care[key].hasFocus(), key
        qtbot.keyClicks(form.care[key], words[key])
    qtbot.keyClick(_focused(window), Qt.Key_Tab)
    assert form.next_step.hasFocus()
    qtbot.keyClicks(form.next_step, "Add two minutes a week")
    qtbot.keyClick(form.next_step, Qt.Key_Return, Qt.ControlModifier)
    assert panel.message.text() == "Call note saved."
    assert "Worried the stairs will hurt" in panel.history.text()
    due = TODAY + dt.timedelta(days=14)
    window.close()

    again = _open(qtbot, report, folder)
    panel = again.notes_panel
    assert not panel.confirm.isVisible()
    assert "Worried the stairs will hurt" not in panel.history.text()  # nothing shows before the passphrase
    _type_passphrase(qtbot, panel, PASSPHRASE)
    assert panel.is_open
    for text in (*words.values(), "Add two minutes a week", "25 min"):
        assert text in panel.history.text()
    assert due.strftime("%B") in panel.follow_up.text() and str(due.day) in panel.follow_up.text()
    [note] = open_notes(folder, PASSPHRASE).notes_for(report.participant_id)
    assert (note.minutes, note.call_date, note.follow_up, note.reassure) == (
        25, TODAY, due, "Soreness after walking is common")


def test_a_wrong_passphrase_gives_a_clear_message_and_opens_nothing(qtbot, report, data_root):
    folder = paths.clinic_dir(data_root)
    window = _open(qtbot, report, folder)
    _type_passphrase(qtbot, window.notes_panel, PASSPHRASE, twice=True)
    window.close()

    again = _open(qtbot, report, folder)
    panel = again.notes_panel
    _type_passphrase(qtbot, panel, "the wrong words entirely")
    assert not panel.is_open
    assert panel.problem.isVisible() and "not the clinic notes passphrase" in panel.problem.text()
    assert panel.passphrase.text() == "" and panel.passphrase.hasFocus()


def test_a_damaged_notes_file_is_reported_in_the_window_and_left_as_it_is(qtbot, report, data_root):
    folder = paths.clinic_dir(data_root)
    window = _open(qtbot, report, folder)
    _type_passphrase(qtbot, window.notes_panel, PASSPHRASE, twice=True)
    window.close()
    database = folder / paths.CLINIC_NOTES_FILENAME
    database.write_bytes(b"\x00" * 4096)
    again = _open(qtbot, report, folder)
    _type_passphrase(qtbot, again.notes_panel, PASSPHRASE)
    assert not again.notes_panel.is_open
    assert "cannot be read" in again.notes_panel.problem.text()
    assert database.read_bytes() == b"\x00" * 4096


def test_choosing_two_different_passphrases_is_refused(qtbot, report, data_root):
    window = _open(qtbot, report, paths.clinic_dir(data_root))
    panel = window.notes_panel
    qtbot.keyClicks(panel.passphrase, PASSPHRASE)
    qtbot.keyClicks(panel.confirm, PASSPHRASE + "x")
    qtbot.mouseClick(panel.open_button, Qt.LeftButton)
    assert not panel.is_open and "not the same" in panel.problem.text()
