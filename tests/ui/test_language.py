"""The profile's language: asked once at first start, changed in Settings, and the programme,
exercise guides, captions and dates then come in that language (English filling any gap)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import click

from desktop.content.loader import current_language, set_language
from desktop.domain.diary import DiaryEntry
from desktop.store.settings_service import LANGUAGE_SETTING, SettingsService
from desktop.ui.settings.language_card import LanguageCard, LanguageDialog, ask_language_at_first_start


@pytest.fixture(autouse=True)
def _back_to_english():
    yield
    set_language(None)
    QLocale.setDefault(QLocale.system())


def _visible_text(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_a_polish_profile_opens_getting_started_in_polish(qtbot, database, make_window):
    SettingsService(database).set(LANGUAGE_SETTING, "pl")
    window = make_window()
    assert current_language() == "pl"
    window.show_start()
    shown = _visible_text(window)
    assert "Witamy w SupportBack" in shown and "Jest sześć krótkich sesji, jedna w tygodniu." in shown
    from desktop.ui.widgets.formatting import long_day

    assert long_day(dt.date(2026, 3, 15)).startswith("niedziela")  # dates in Polish too


def test_an_english_profile_is_unchanged(qtbot, make_window):
    window = make_window()
    window.show_start()
    assert current_language() == "en" and "Welcome to SupportBack" in _visible_text(window)


def test_the_first_start_question_stores_the_language_chosen(qtbot, database, monkeypatch):
    asked = []

    def person_chooses_polish(dialog):
        asked.append(dialog)
        dialog.show()  # what exec() does, without waiting for a person
        qtbot.waitExposed(dialog)
        assert dialog.buttons["en"].text() == "English" and dialog.buttons["pl"].text() == "Polski"
        click(qtbot, dialog.buttons["pl"])
        return dialog.result()

    monkeypatch.setattr(LanguageDialog, "exec", person_chooses_polish)
    assert ask_language_at_first_start(database, interactive=False) is None and not asked  # a smoke test is never asked
    assert ask_language_at_first_start(database, interactive=True) == "pl" and len(asked) == 1
    assert SettingsService(database).language() == "pl"
    assert ask_language_at_first_start(database, interactive=True) is None and len(asked) == 1  # asked once only


def test_a_profile_already_in_use_is_not_asked(qtbot, database, diary, today, monkeypatch):
    monkeypatch.setattr(LanguageDialog, "exec", lambda dialog: pytest.fail("asked a profile already in use"))
    diary.save(DiaryEntry(day=today, pain=4, walking_minutes=10, limitation=3))
    assert ask_language_at_first_start(database, interactive=True) is None
    assert SettingsService(database).language() is None


def test_closing_the_question_keeps_english_and_asks_again_next_time(qtbot, database, monkeypatch):
    monkeypatch.setattr(LanguageDialog, "exec", lambda dialog: dialog.reject() or dialog.result())
    assert ask_language_at_first_start(database, interactive=True) is None
    assert SettingsService(database).language() is None


def test_settings_changes_the_language_from_the_keyboard_and_says_when(qtbot, database, make_window):
    window = make_window()
    window.show_page("settings")
    card = window.settings_page.findChild(LanguageCard)
    assert card is not None and card.choice.currentText() == "English" and not card.draft.isVisible()
    card.choice.setFocus()
    qtbot.keyClick(card.choice, Qt.Key_Down)
    assert SettingsService(database).language() == "pl"
    assert card.status.text().startswith("✓ Zapisano") and "Polski" in card.status.text()
    assert card.draft.isVisible() and "tłumacz medyczny" in card.draft.text()
    assert current_language() == "en"  # the pages on show keep their words until SupportBack opens again
    qtbot.keyClick(card.choice, Qt.Key_Up)
    assert SettingsService(database).language() == "en" and card.status.text() == "✓ SupportBack is in English."


def test_the_about_box_says_the_polish_is_a_draft(qtbot, database, make_window):
    window = make_window()
    window.show_page("settings")
    about = window.settings_page.findChild(LanguageCard).about_text()
    assert "English, Polski" in about
    assert "professional clinical translator before clinical use: Polski" in about
    assert "Przed użyciem klinicznym musi ją sprawdzić profesjonalny tłumacz medyczny." in about
