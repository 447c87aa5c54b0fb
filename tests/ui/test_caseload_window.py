"""The caseload window as a physiotherapist uses it: arrow down and Enter open a patient's
clinician window; a call note saved there re-sorts the list (the patient drops down) and the
follow-up date brings them back; a new export dropped in the folder appears while it is open."""

from __future__ import annotations

import datetime as dt

import pytest
from caseload_helpers import TODAY, new_patient, patient_data, sources, tamper, write_export
from exchange_helpers import clinic_key
from PySide6.QtCore import QPoint, Qt

from desktop import paths
from desktop.exchange.age_files import BoundedDecryptor
from desktop.exchange.caseload import CaseloadReader
from desktop.ui.clinician.caseload_window import CaseloadWindow

PASSPHRASE = "kettle by the north window"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("caseload-window")
    secret, recipient, _identity = clinic_key(folder)
    return folder, secret, recipient, sources(folder / "sources", recipient, secret, days=30)


@pytest.fixture
def inbox(made, tmp_path):
    _folder, secret, recipient, data = made
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    patients = [new_patient(code, n) for n, code in enumerate(["RED", "ASKED", "QUIET", "A1", "B2", "C3"])]
    for p in patients:
        write_export(inbox, recipient, patient_data(
            data.plain, p, indicators=[], call_requests=data.call_requests if p.code == "ASKED" else None,
            emergency=data.emergency if p.code == "RED" else None,
            diary_until=TODAY - dt.timedelta(days=12) if p.code == "QUIET" else None), p)
    tamper(write_export(inbox, recipient, patient_data(data.plain, new_patient("BAD", 50)), new_patient("BAD", 50),
                        name="from-a-usb-stick.age"))
    return inbox, secret, recipient, data


@pytest.fixture
def notes():
    return None


@pytest.fixture
def window(qtbot, inbox, data_root, notes):
    folder, secret, _recipient, _data = inbox
    with BoundedDecryptor(secret) as identity:
        reader = CaseloadReader(folder, identity)
        window = CaseloadWindow(reader, reader.read(TODAY), paths.clinic_dir(data_root), notes)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.table.setFocus()
        qtbot.waitUntil(window.table.hasFocus)
        yield window
        for opened in window.opened:
            opened.close()


def _opened(qtbot, window):
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.opened))
    return window.opened[-1]


def test_arrow_down_and_enter_open_the_patient_and_a_call_note_resorts_the_list(qtbot, window, monkeypatch):
    assert window.participants_in_view()[:3] == ["RED", "ASKED", "QUIET"]
    assert "from-a-usb-stick.age: rejected:" in window.rejected.text() and window.rejected.isVisible()
    assert "BAD" not in window.participants_in_view()
    qtbot.keyClick(window.table, Qt.Key_Down)
    qtbot.keyClick(window.table, Qt.Key_Return)
    clinic = _opened(qtbot, window)
    assert clinic.windowTitle().startswith("ASKED")
    assert clinic.call_request is not None

    panel = clinic.notes_panel
    clinic.activateWindow()
    qtbot.waitUntil(clinic.isActiveWindow)
    panel.passphrase.setFocus()
    qtbot.keyClicks(panel.passphrase, PASSPHRASE)
    qtbot.keyClick(panel.passphrase, Qt.Key_Tab)
    qtbot.keyClicks(panel.confirm, PASSPHRASE)
    qtbot.keyClick(panel.confirm, Qt.Key_Return)
    assert panel.is_open
    qtbot.waitUntil(lambda: window.notes is not None)  # the list now reads the notes too
    form = panel.form
    form.minutes.setFocus()
    form.minutes.lineEdit().selectAll()
    qtbot.keyClicks(form.minutes.lineEdit(), "20")
    form.next_step.setFocus()
    qtbot.keyClicks(form.next_step, "Call again in two weeks")
    qtbot.keyClick(form.next_step, Qt.Key_Return, Qt.ControlModifier)
    assert panel.message.text() == "Call note saved."

    order = window.participants_in_view()
    assert order[:2] == ["RED", "QUIET"] and order.index("ASKED") > 1  # dropped down the list
    assert "Call notes opened" in window.summary.text()

    monkeypatch.setenv("SUPPORTBACK_TODAY", (TODAY + dt.timedelta(days=14)).isoformat())  # two weeks on
    clinic.close()  # back to the caseload, which reads the folder again on F5
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_F5)
    assert window.participants_in_view()[:2] == ["RED", "ASKED"]  # the follow-up date has come
    row = window.proxy.index(1, 2)
    assert "Follow-up due" in row.data()


def test_a_new_export_dropped_in_the_folder_appears_while_open(qtbot, window, inbox):
    folder, _secret, recipient, data = inbox
    assert "NEW" not in window.participants_in_view()
    late = new_patient("NEW", 77)
    write_export(folder, recipient, patient_data(data.plain, late, indicators=[],
                                                 call_requests=data.call_requests), late, sequence=2)
    qtbot.waitUntil(lambda: "NEW" in window.participants_in_view(), timeout=5000)
    assert window.participants_in_view().index("NEW") <= 2  # asked for a call: near the top
    older = write_export(folder, recipient, patient_data(data.plain, late, indicators=[]), late, sequence=1)
    qtbot.waitUntil(lambda: window.caseload.set_aside == 1, timeout=5000)
    assert older.exists() and window.participants_in_view().count("NEW") == 1 and not window.caseload.rejected[1:]
    [row] = [r for r, _cells in window.model.rows if r.who == "NEW"]
    assert row.sequence == 2 and row.call_request is not None  # the newest wins, whatever came last


def test_sorting_by_a_heading_and_back_to_the_order_of_need(qtbot, window):
    header = window.table.horizontalHeader()

    def click_heading(column: int) -> None:
        qtbot.mouseClick(header.viewport(), Qt.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 8, header.height() // 2))

    click_heading(1)  # "Patient"
    shown = window.participants_in_view()
    assert shown != ["RED", "ASKED", "QUIET", "A1", "B2", "C3"]
    assert shown in (sorted(shown, key=str.casefold), sorted(shown, key=str.casefold, reverse=True))
    click_heading(0)  # "#": the order of need again
    if window.participants_in_view()[0] != "RED":
        click_heading(0)
    assert window.participants_in_view()[:3] == ["RED", "ASKED", "QUIET"]


@pytest.fixture
def opened_notes(data_root):
    from desktop.store.clinic_notes import CallNote, set_up_notes

    notes = set_up_notes(paths.clinic_dir(data_root), PASSPHRASE)
    return notes, CallNote


def test_a_double_click_opens_the_patient_and_a_missing_folder_is_said(qtbot, window, inbox):
    index = window.proxy.index(2, 1)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())  # a double-click's first press
    qtbot.mouseDClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert _opened(qtbot, window).windowTitle().startswith("QUIET")
    folder = inbox[0]
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()  # the USB stick taken out
    window.reload()
    assert "cannot be read" in window.summary.text()
    assert window.participants_in_view()[:3] == ["RED", "ASKED", "QUIET"]  # what was shown stays


def test_notes_opened_for_the_caseload_open_with_the_patient(qtbot, inbox, data_root, opened_notes):
    notes, call_note = opened_notes
    folder, secret, _recipient, _data = inbox
    with BoundedDecryptor(secret) as identity:
        reader = CaseloadReader(folder, identity)
        caseload = reader.read(TODAY)
        asked = next(r for r in caseload.patients if r.who == "ASKED")
        notes.add(call_note(asked.participant_id, TODAY - dt.timedelta(days=20), 10,
                            follow_up=TODAY - dt.timedelta(days=6)))
        window = CaseloadWindow(reader, caseload, paths.clinic_dir(data_root), notes)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert "Call notes opened: 1 patient" in window.summary.text()
        assert window.participants_in_view()[:2] == ["RED", "ASKED"]
        assert window.proxy.index(1, 2).data() == "Asked for a call; Follow-up due"
        window.table.setFocus()
        qtbot.keyClick(window.table, Qt.Key_Down)
        qtbot.keyClick(window.table, Qt.Key_Enter)
        clinic = _opened(qtbot, window)
        assert clinic.notes_panel.is_open  # no second passphrase
        assert "10 min" in clinic.notes_panel.history.text()
        clinic.close()
