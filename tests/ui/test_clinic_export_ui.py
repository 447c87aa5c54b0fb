"""Settings: "Send your diary to your clinic" - key checked as typed, locked file saved, plain result."""

from __future__ import annotations

import json
import sqlite3

import pyrage
from pyrage import x25519
from PySide6.QtCore import Qt
from ui_helpers import settle

from desktop.exchange.age_files import generate_identity


def _card(window):
    window.show_page("settings")
    return window.settings_page.clinic_export


def test_a_mistyped_key_is_explained_and_save_stays_off_until_the_key_is_right(qtbot, window, dialogs, tmp_path):
    card = _card(window)
    assert card.key.accessibleName()
    assert not card.send_button.isEnabled()  # no key yet
    qtbot.mouseClick(card.key, Qt.LeftButton)
    qtbot.keyClicks(card.key, "age1abc")
    assert "does not look like a clinic key" in card.key_status.text()
    assert not card.send_button.isEnabled()  # was enabled with a key that cannot be right
    dialogs.save_file = str(tmp_path / "copy.age")
    qtbot.mouseClick(card.send_button, Qt.LeftButton)
    settle(qtbot)
    assert not (tmp_path / "copy.age").exists() and not card.status.text()
    card.key.selectAll()
    qtbot.keyClicks(card.key, generate_identity()[1])  # pasting the right key over it
    assert "looks like a clinic key" in card.key_status.text() and card.send_button.isEnabled()
    qtbot.keyClick(card.key, Qt.Key_Backspace)  # one letter short again
    assert not card.send_button.isEnabled()
    card.key.clear()
    assert not card.send_button.isEnabled() and not card.key_status.text()


def test_saves_a_locked_copy_only_the_clinic_can_open_and_remembers_the_key(
        qtbot, window, dialogs, tmp_path, database, make_window):
    secret, recipient = generate_identity()
    card = _card(window)
    card.key.setText(recipient)
    assert "looks like a clinic key" in card.key_status.text()
    dialogs.save_file = str(tmp_path / "for-clinic")  # the .age ending is added
    qtbot.mouseClick(card.send_button, Qt.LeftButton)
    settle(qtbot)
    saved = tmp_path / "for-clinic.age"
    assert "Saved" in card.status.text() and str(saved) in card.status.text()
    document = json.loads(pyrage.decrypt(saved.read_bytes(), [x25519.Identity.from_str(secret)]))
    assert document["schema"] == "supportback-export/2"
    with sqlite3.connect(database.path) as conn:
        assert conn.execute("SELECT count(*) FROM usage_event WHERE kind='export_made'").fetchone() == (1,)
    again = _card(make_window())
    assert again.key.text() == recipient  # remembered for next time


def test_a_folder_that_cannot_be_written_gets_a_plain_message(qtbot, window, dialogs, tmp_path):
    card = _card(window)
    card.key.setText(generate_identity()[1])
    dialogs.save_file = str(tmp_path / "missing-folder" / "copy.age")
    qtbot.mouseClick(card.send_button, Qt.LeftButton)
    settle(qtbot)
    assert "could not be saved" in card.status.text() and "Nothing in your diary has changed" in card.status.text()
