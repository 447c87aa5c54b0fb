""""I'd like to talk to a physio" on Home and in the weekly review, driven by mouse and keyboard:
the request is recorded (and said to be), honest that it is not for urgent help, can be taken
back, and the next export carries it."""

from __future__ import annotations

import datetime as dt

import pytest
from programme_helpers import MovableClock, visible_button
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_programme_walkthrough import answer_all, onboard
from ui_helpers import click

from desktop.content.loader import text
from desktop.domain.call_request import MAX_REASON
from desktop.exchange import payload
from desktop.store.call_requests import CallRequestService
from desktop.ui.widgets.formatting import long_day

TODAY = dt.date(2026, 3, 15)


def _visible_words(widget) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(lbl.text() for lbl in widget.findChildren(QLabel) if lbl.isVisible())


def test_asking_by_mouse_on_home_records_it_says_so_and_the_export_carries_it(qtbot, window, database):
    card = window.home_page.call_request
    assert card.ask_button.text() == "I'd like to talk to a physio"
    assert not card.form.isVisible()
    click(qtbot, card.ask_button)
    assert card.form.isVisible() and card.reason.hasFocus()
    qtbot.keyClicks(card.reason, "My goal feels too hard")
    click(qtbot, card.send_button)

    assert CallRequestService(database, window.home_page.diary.clock).current().reason == "My goal feels too hard"
    words = _visible_words(card)
    assert "Your physio team will see this next time your diary reaches them" in words
    assert long_day(TODAY) in words and "My goal feels too hard" in words
    assert text("call_request_not_urgent") in words  # never presented as urgent help
    assert not card.ask_button.isVisible() and card.withdraw_button.isVisible()
    with database.reading() as connection:
        rows = payload.read_data(connection, "p")["call_requests"]
    assert [(r["reason"], r["withdrawn"]) for r in rows] == [("My goal feels too hard", False)]


def test_asking_and_withdrawing_by_keyboard(qtbot, window, database):
    card = window.home_page.call_request
    card.ask_button.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)  # the focused button opens the form
    assert card.form.isVisible()
    qtbot.keyClicks(QApplication.focusWidget(), "Leg ache")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)  # Enter in the field records it
    service = CallRequestService(database, window.home_page.diary.clock)
    assert service.current().reason == "Leg ache"
    assert QApplication.focusWidget() is card.withdraw_button
    qtbot.keyClick(card.withdraw_button, Qt.Key_Space)
    assert service.current() is None
    assert [r.withdrawn for r in service.all()] == [True]
    assert card.ask_button.isVisible() and text("call_request_withdrawn") in _visible_words(card)


def test_a_reason_too_long_is_explained_and_kept_to_shorten(qtbot, window, database):
    card = window.home_page.call_request
    click(qtbot, card.ask_button)
    long_reason = "a" * (MAX_REASON + 5)
    qtbot.keyClicks(card.reason, long_reason)
    assert card.left.text() == text("call_request_characters_left", count=-5)
    click(qtbot, card.send_button)
    assert card.problem.isVisible() and card.problem.text() == text("call_request_reason_too_long")
    assert card.reason.text() == long_reason  # nothing lost
    assert CallRequestService(database, window.home_page.diary.clock).all() == []
    for _ in range(5):
        qtbot.keyClick(card.reason, Qt.Key_Backspace)
    qtbot.keyClick(card.reason, Qt.Key_Return)
    assert CallRequestService(database, window.home_page.diary.clock).current().reason == "a" * MAX_REASON
    assert not card.problem.isVisible()


def test_cancel_closes_the_form_and_records_nothing(qtbot, window, database):
    card = window.home_page.call_request
    click(qtbot, card.ask_button)
    qtbot.keyClicks(card.reason, "never mind")
    click(qtbot, card.cancel_button)
    assert not card.form.isVisible() and card.ask_button.isVisible()
    assert CallRequestService(database, window.home_page.diary.clock).all() == []


@pytest.fixture
def clock():
    return MovableClock(dt.date(2026, 3, 2))


def test_the_weekly_review_offers_it_and_home_shows_it_at_once(qtbot, make_window, clock):
    window = make_window(clock=clock)
    window.show_page("week")
    page = window.page("week")
    onboard(qtbot, page, limitation=3)
    visible_button(page, "Start session 1").click()
    flow = page.flow
    for _ in range(3):
        flow.next()
    flow.exercises.setChecked(True)
    for _ in range(3):
        flow.next()
    clock.day += dt.timedelta(days=8)
    page.refresh()
    visible_button(page, "Start session 2").click()
    flow = page.flow
    answer_all(flow.safety)
    flow.next()
    flow.next()  # "How your week went"
    card = flow.call_request
    assert card.isVisible() and card.ask_button.isVisible()
    click(qtbot, card.ask_button)
    qtbot.keyClicks(card.reason, "Can we talk about my exercises?")
    click(qtbot, card.send_button)
    assert "Your physio team will see this" in _visible_words(card)
    home_card = window.home_page.call_request
    assert home_card.recorded.text() == card.recorded.text()  # Home heard of it through the store
    assert not home_card.ask_button.isVisibleTo(window.home_page)


def test_the_card_never_presents_itself_as_urgent_help(qtbot, window):
    """Hazard H-20: before asking, while typing and once recorded, the card says it is not for
    urgent help and names the route that is (the safety advice, GP, 111, 999)."""
    card = window.home_page.call_request
    warning = text("call_request_not_urgent")
    assert "not a way to get urgent help" in warning and "999" in warning and "111" in warning
    assert "safety advice" in warning
    for step in (lambda: None, lambda: click(qtbot, card.ask_button),
                 lambda: (qtbot.keyClicks(card.reason, "numb legs"), click(qtbot, card.send_button))):
        step()
        assert card.not_urgent.isVisible() and card.not_urgent.text() == warning
    recorded = card.recorded.text()
    for promise in ("soon", "today", "within", "urgent"):  # no promise of when anyone will call
        assert promise not in recorded.lower()


def test_with_folder_sync_on_a_request_goes_to_the_clinics_folder_at_once(qtbot, window, tmp_path, monkeypatch):
    """Asked the same day a copy was already written (a diary change would wait for tomorrow):
    the request is not held back, and the copy in the folder carries it."""
    import json

    import pyrage
    from pyrage import x25519
    from PySide6.QtWidgets import QFileDialog

    from desktop.domain import folder_sync
    from desktop.exchange.age_files import generate_identity

    monkeypatch.setattr("desktop.ui.app.folder_sync_runner.SETTLE_MS", 50)
    folder = tmp_path / "Physio"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    secret, recipient = generate_identity()
    window.show_page("settings")
    window.settings_page.clinic_export.key.setText(recipient)
    click(qtbot, window.settings_page.folder_sync.choose_button)  # the first copy, at once
    assert len(list(folder.glob("*.age"))) == 1
    window.show_page("home")
    card = window.home_page.call_request
    click(qtbot, card.ask_button)
    qtbot.keyClicks(card.reason, "Please call")
    with qtbot.waitSignal(window.signals.folder_export_attempted, timeout=3000,
                          check_params_cb=lambda outcome: outcome.reason == folder_sync.CALL_REQUEST):
        click(qtbot, card.send_button)
    newest = max(folder.glob("*.age"))
    document = json.loads(pyrage.decrypt(newest.read_bytes(), [x25519.Identity.from_str(secret)]))
    assert [(r["reason"], r["withdrawn"]) for r in document["data"]["call_requests"]] == [("Please call", False)]
