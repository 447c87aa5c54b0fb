"""Settings, "Keep my clinic up to date" (issue 24): choose a folder, copies appear there by
themselves after a diary change, a missing folder is said calmly on Home and tried again."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pyrage
import pytest
from pyrage import x25519
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from ui_helpers import button, click

from desktop.content.loader import text
from desktop.domain import folder_sync
from desktop.domain.diary import DiaryEntry
from desktop.exchange.age_files import generate_identity
from desktop.store.usage_service import UsageService

TODAY = dt.date(2026, 3, 15)


@pytest.fixture(autouse=True)
def quick_runner(monkeypatch):
    """The runner's waits shortened from seconds and half an hour to a blink."""
    monkeypatch.setattr("desktop.ui.app.folder_sync_runner.SETTLE_MS", 50)
    monkeypatch.setattr("desktop.ui.app.folder_sync_runner.RETRY_MS", 200)


ASKED: list[str] = []


@pytest.fixture
def chosen_folder(monkeypatch, tmp_path):
    """The folder the patient picks in the folder dialog (its titles asked go to ASKED)."""
    folder = tmp_path / "Nextcloud" / "Physio"
    folder.mkdir(parents=True)
    ASKED.clear()

    def choose(_parent, title, start, *args, **kwargs):
        ASKED.append(title)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    return folder


def _exports(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if folder_sync.EXPORT_NAME.match(p.name))


def _card(window):
    window.show_page("settings")
    return window.settings_page.folder_sync


def test_choose_a_folder_with_the_mouse_then_copy_and_turn_off_from_the_keyboard(
        qtbot, window, chosen_folder, database):
    secret, recipient = generate_identity()
    card = _card(window)
    assert card.where.text() == text("folder_sync_off")
    assert not card.now_button.isEnabled() and not card.off_button.isEnabled()
    click(qtbot, card.choose_button)  # no clinic key yet: it says what to do first, asks nothing
    assert card.status.text() == text("folder_sync_need_key") and ASKED == []
    window.settings_page.clinic_export.key.setText(recipient)  # typed in the card above
    click(qtbot, card.choose_button)
    assert ASKED and _exports(chosen_folder)  # the first copy at once
    assert card.status.text() == text("folder_sync_written")
    assert str(chosen_folder) in card.where.text() and "The last copy was put there on" in card.last.text()
    document = json.loads(pyrage.decrypt((chosen_folder / _exports(chosen_folder)[0]).read_bytes(),
                                         [x25519.Identity.from_str(secret)]))
    assert document["manifest"]["sequence"] == 1

    # The keyboard: Tab from "Choose a folder..." reaches "Put a copy there now"; Space presses it.
    card.choose_button.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is card.now_button
    qtbot.keyClick(card.now_button, Qt.Key_Space)
    assert len(_exports(chosen_folder)) == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is card.off_button
    qtbot.keyClick(card.off_button, Qt.Key_Space)
    assert card.where.text() == text("folder_sync_off") and card.status.text() == text("folder_sync_turned_off")
    assert QApplication.focusWidget() is card.choose_button  # focus not lost on a disabled button
    assert not card.off_button.isEnabled() and len(_exports(chosen_folder)) == 2  # copies already there stay
    reasons = [e.detail["reason"] for e in UsageService(database).recent() if e.kind == "folder_export"]
    assert reasons == ["on_request", "first"]


def test_a_diary_change_or_a_review_puts_a_copy_there_by_itself(qtbot, make_window, chosen_folder, monkeypatch):
    from programme_helpers import MovableClock

    clock = MovableClock(TODAY)
    window = make_window(clock=clock)
    window.settings_page.clinic_export.key.setText(generate_identity()[1])
    card = _card(window)
    click(qtbot, card.choose_button)
    assert len(_exports(chosen_folder)) == 1
    home = window.home_page
    # The same day: the diary change waits until tomorrow (at most once a day).
    home.diary.save(DiaryEntry(day=TODAY, pain=3, walking_minutes=15, limitation=2))
    qtbot.wait(400)
    assert len(_exports(chosen_folder)) == 1
    # The next day, the next change goes by itself, once.
    clock.day = TODAY + dt.timedelta(days=1)
    monkeypatch.setenv("SUPPORTBACK_TODAY", clock.day.isoformat())
    with qtbot.waitSignal(window.signals.folder_export_attempted, timeout=3000,
                          check_params_cb=lambda outcome: outcome.reason == folder_sync.DIARY_CHANGED):
        home.diary.save(DiaryEntry(day=clock.day, pain=2, walking_minutes=25, limitation=2))
    assert len(_exports(chosen_folder)) == 2
    home.diary.save(DiaryEntry(day=clock.day, pain=1, walking_minutes=30, limitation=1))
    qtbot.wait(400)
    assert len(_exports(chosen_folder)) == 2
    # A weekly review goes at once, the same day.
    from desktop.domain.goals import WALKING, suggested_goal
    from desktop.store.programme_service import SessionResult

    programme = home.programme
    with qtbot.waitSignal(window.signals.folder_export_attempted, timeout=3000,
                          check_params_cb=lambda outcome: outcome.reason == folder_sync.WEEKLY_REVIEW):
        programme.complete_session(SessionResult(1, (suggested_goal(WALKING, 2, programme.rules),), level=2))
    assert len(_exports(chosen_folder)) == 3
    assert "The last copy was put there on" in card.last.text()


def test_a_missing_folder_is_said_calmly_on_home_and_tried_again(qtbot, window, chosen_folder):
    window.settings_page.clinic_export.key.setText(generate_identity()[1])
    card = _card(window)
    click(qtbot, card.choose_button)
    assert len(_exports(chosen_folder)) == 1
    kept = chosen_folder.parent / "kept"
    shutil.move(chosen_folder, kept)  # the USB stick is taken out
    click(qtbot, card.now_button)
    assert "could not find the folder" in card.status.text() and "safe" in card.status.text()
    home = window.home_page
    assert home.sync_note.text() == text("home_folder_sync_missing") and not home.sync_note.isHidden()
    assert not chosen_folder.exists()  # never made by us
    shutil.move(kept, chosen_folder)  # back in: the next regular look writes the copy that is due
    with qtbot.waitSignal(window.signals.folder_export_attempted, timeout=3000,
                          check_params_cb=lambda outcome: outcome.path is not None):
        pass
    assert len(_exports(chosen_folder)) == 2 and home.sync_note.isHidden()
    assert card.status.text() == text("folder_sync_written")


def test_the_buttons_have_keyboard_mnemonics(window):
    card = _card(window)
    for caption in ("Choose a folder...", "Put a copy there now", "Turn off"):
        found = button(card, caption)
        assert "&" in found.text() and found.focusPolicy() & Qt.TabFocus


def test_on_a_kiosk_the_clinic_folder_gets_the_copies_and_the_patient_cannot_change_it(
        qtbot, app, make_window, tmp_path):
    from desktop.ui.base.clinic_policy import ClinicPolicy

    secret, recipient = generate_identity()
    inbox = tmp_path / "clinic-inbox"
    inbox.mkdir()
    (inbox / "another-patient.age").write_bytes(b"not ours")
    policy = ClinicPolicy(kiosk=True, recipients=(recipient,), export_folder=str(inbox))
    window = make_window(policy=policy)
    # The clinic's export_folder needs no choice: the first copy goes there by itself.
    qtbot.waitUntil(lambda: len(_exports(inbox)) == 1, timeout=3000)
    card = _card(window)
    assert card.where.text() == str(inbox)
    assert not any(b.isVisible() for b in (card.choose_button, card.now_button, card.off_button))
    send = window.settings_page.clinic_export.send_button
    click(qtbot, send)  # "Send my diary to the clinic": the same names, the same pruning
    click(qtbot, send)
    click(qtbot, send)
    names = _exports(inbox)
    assert len(names) == 3 and names[-1].endswith("-000004.age")  # the newest three of this patient
    assert (inbox / "another-patient.age").read_bytes() == b"not ours"
    assert pyrage.decrypt((inbox / names[-1]).read_bytes(), [x25519.Identity.from_str(secret)])


def test_a_locked_window_writes_nothing_until_it_is_open_again(qtbot, window, chosen_folder):
    window.settings_page.clinic_export.key.setText(generate_identity()[1])
    card = _card(window)
    click(qtbot, card.choose_button)
    window.folder_sync.sync.choose_folder(chosen_folder)  # chosen afresh: a first copy is due
    window.hide()  # locked: the profile's files are being shut
    assert window.folder_sync.run_if_due() is None and len(_exports(chosen_folder)) == 1
    window.show()
    assert window.folder_sync.run_if_due().path is not None and len(_exports(chosen_folder)) == 2
