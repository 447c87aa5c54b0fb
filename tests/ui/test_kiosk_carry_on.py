"""A session in progress survives the lock: "Carry on from where you were?" for the same patient only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from ui_helpers import click, scale_button, settle

from desktop import paths
from desktop.content.loader import text
from desktop.domain.clock import FixedClock
from desktop.domain.goals import WALKING, suggested_goal
from desktop.security.clinic_config import ClinicConfig, write_clinic_config
from desktop.security.profile_lock import PIN, ProfileLock
from desktop.store.database import open_database
from desktop.store.profile_admin import create_profile
from desktop.store.programme_service import Onboarding, ProgrammeService, SessionResult
from desktop.ui.app.app_session import AppSession
from desktop.ui.programme.flow_progress import PROGRESS_SETTING

ADMIN_PIN = "975310"
STARTED = dt.date(2026, 3, 1)  # two weeks before the tests' today: session 2 is open


@pytest.fixture(autouse=True)
def _home_mode_afterwards(app):
    yield
    app.setAttribute(Qt.AA_DontUseNativeDialogs, False)


def make_profile(root, name: str, pin: str, session1_done: bool = True) -> None:
    from desktop.content.programme import programme_content

    create_profile(root, name)
    ProfileLock(paths.profile_dir(root, name)).set_secret(pin, PIN)
    if not session1_done:
        return
    database = open_database(root, name)
    programme = ProgrammeService(database, programme_content, FixedClock(STARTED))
    content = programme.content
    programme.complete_onboarding(Onboarding(
        safety={q.id: False for q in content.safety_questions}, pain_now=6, pain_week=6, limitation_week=4,
        rmdq={q.id: False for q in content.rmdq_items}, barriers={q.id: False for q in content.barrier_questions},
        reminder_time=None))
    from desktop.domain.safety_rules import check_items

    history = {item.id for item in check_items(content.safety.items, "history")}
    programme.record_screening("history", {q.id: False for q in content.safety.questions if q.id in history})
    goal = suggested_goal(WALKING, 2, content.rules)
    programme.complete_session(SessionResult(1, (goal,), level=2, activity_choice=WALKING))
    database.close()


def start(qtbot, app, root, config) -> AppSession:
    session = AppSession(root, app, config)
    session.quit_app = lambda: None
    session.ask_admin_pin = lambda _parent: ADMIN_PIN
    session.start()
    qtbot.addWidget(session.gate)
    qtbot.waitExposed(session.gate)
    return session


def type_pin(qtbot, session, profile: str, pin: str) -> None:
    button = session.gate.picker.buttons[profile]
    qtbot.waitUntil(lambda: button.height() > 0, timeout=3000)  # laid out, so a click lands on it
    qtbot.mouseClick(button, Qt.LeftButton)
    assert session.gate.stack.currentWidget() is session.gate.pin_entry
    qtbot.keyClicks(session.gate.pin_entry.field, pin)
    qtbot.keyClick(session.gate.pin_entry.field, Qt.Key_Return)
    settle(qtbot)


def go_to(qtbot, window, title: str) -> None:
    navigation = window.navigation
    item = navigation.findItems(title, Qt.MatchExactly)[0]
    qtbot.mouseClick(navigation.viewport(), Qt.LeftButton, pos=navigation.visualItemRect(item).center())


def visible_button(widget, caption: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == caption and b.isVisible()]
    assert len(found) == 1, f"no single visible {caption!r}: {[b.text() for b in widget.findChildren(QPushButton)]}"
    return found[0]


def choose(qtbot, radio) -> None:
    """Click a radio button on its round indicator (a wide one does not react beyond its words)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    scroll_to(radio)
    if not hasattr(radio, "initStyleOption"):  # a choice card: a click anywhere on it chooses it
        click(qtbot, radio)
        return
    option = QStyleOptionButton()
    radio.initStyleOption(option)
    spot = radio.style().subElementRect(QStyle.SE_RadioButtonIndicator, option, radio).center()
    qtbot.mouseClick(radio, Qt.LeftButton, pos=spot)
    assert radio.isChecked()


def scroll_to(widget) -> None:
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)


def type_into(qtbot, spin, number: int) -> None:
    qtbot.waitUntil(spin.isVisible, timeout=3000)  # a goal editor is shown once the event loop runs
    click(qtbot, spin)
    qtbot.keyClick(spin, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(spin, str(number))


def on_screen(widget) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    return "\n".join(w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)
                     if w.isVisible())


def events(database, kind: str) -> int:
    with database.reading() as connection:
        return connection.execute("SELECT COUNT(*) FROM usage_event WHERE kind = ?", (kind,)).fetchone()[0]


def kept_setting(root, name: str) -> str:
    database = open_database(root, name)
    try:
        with database.reading() as connection:
            row = connection.execute("SELECT value FROM app_setting WHERE key = ?", (PROGRESS_SETTING,)).fetchone()
        return row[0] if row else ""
    finally:
        database.close()


def test_the_idle_lock_keeps_a_session_in_progress_for_the_same_patient_only(qtbot, app, data_root, tmp_path, dialogs):
    make_profile(data_root, "Patient A", "1111")
    make_profile(data_root, "Patient B", "2222")
    config = write_clinic_config(tmp_path / "clinic.toml", "Riverside", ADMIN_PIN, [])
    session = start(qtbot, app, data_root, config)

    # A starts session 2 and gets as far as changing next week's goal.
    type_pin(qtbot, session, "Patient A", "1111")
    window = session.window
    go_to(qtbot, window, "This week")
    week = window.page("week")
    click(qtbot, visible_button(week, "Start session 2"))
    flow = week.flow
    for group in flow.safety.groups.values():
        choose(qtbot, group.button(0))  # No
    click(qtbot, flow.next_button)
    type_into(qtbot, flow.days_met, 4)
    click(qtbot, flow.next_button)
    obstacles = flow.obstacles.buttons()
    if obstacles:
        choose(qtbot, obstacles[1])
    click(qtbot, flow.next_button)
    click(qtbot, scale_button(flow.limitation, 6))
    click(qtbot, flow.next_button)
    choose(qtbot, flow.choice.button(3))  # change the goal
    minutes = flow.editors[0].minutes
    chosen = minutes.value() - 5  # a step down, which the goal step accepts (a box takes more than that)
    type_into(qtbot, minutes, chosen)
    assert minutes.value() == chosen
    reached = flow.index
    assert flow.current().title == "Your goal for next week"
    assert events(session.database, "session_started") == 1
    checks = events(session.database, "safety_check")

    session.idle.timer.timeout.emit()  # A walks away; five quiet minutes later
    assert session.window is None

    # B sees nothing of it.
    type_pin(qtbot, session, "Patient B", "2222")
    go_to(qtbot, session.window, "This week")
    assert text("carry_on_heading") not in on_screen(session.window)
    with session.database.reading() as connection:
        kept = connection.execute("SELECT COUNT(*) FROM app_setting WHERE key = ?", (PROGRESS_SETTING,)).fetchone()[0]
        assert kept == 0
    qtbot.mouseClick(session.window.lock_button, Qt.LeftButton)  # "I've finished"

    # A comes back: asked first, then carried on to the same step with every answer.
    type_pin(qtbot, session, "Patient A", "1111")
    window = session.window
    week = window.page("week")
    assert window.current_section() == "week"
    shown = on_screen(week)
    assert text("carry_on_heading") in shown
    assert text("carry_on_text", what=text("carry_on_what_session", number=2)) in shown
    carry_on = visible_button(week, text("carry_on_button"))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is carry_on, timeout=3000)
    qtbot.keyClick(carry_on, Qt.Key_Space)  # the keyboard is enough
    flow = week.flow
    assert flow.index == reached and flow.current().title == "Your goal for next week"
    assert flow.progress.text() == f"Step {reached + 1} of {len(flow.steps)}"
    assert flow.choice.checkedId() == 3 and flow.editors[0].isEnabled()
    assert flow.editors[0].minutes.value() == chosen
    assert flow.limitation.value() == 6 and flow.days_met.value() == 4
    assert all(answer is False for answer in flow.safety.answers().values())
    assert len(flow.safety.answers()) == len(flow.safety.questions)
    if obstacles:
        assert flow.obstacles.checkedId() == 1
    assert kept_setting_now(session) == ""  # asked and answered: nothing left over
    assert events(session.database, "session_started") == 1  # carried on, not started again
    assert events(session.database, "safety_check") == checks  # the safety check is not recorded again
    click(qtbot, flow.back_button)
    assert flow.limitation.value() == 6
    click(qtbot, flow.next_button)
    click(qtbot, flow.next_button)
    assert flow.current().title == "Your plan"

    # Finished for now: "I've finished" keeps it as well; this time A starts the session again.
    qtbot.mouseClick(window.lock_button, Qt.LeftButton)
    assert kept_setting(data_root, "Patient A")
    type_pin(qtbot, session, "Patient A", "1111")
    week = session.window.page("week")
    click(qtbot, visible_button(week, text("carry_on_start_again")))
    flow = week.flow
    assert flow.index == 1  # from the start, but today's safety check (answered above) is not asked twice
    assert kept_setting_now(session) == ""
    session.lock()
    assert kept_setting(data_root, "Patient A")  # the new start is kept in its turn
    session.shutdown()


def kept_setting_now(session) -> str:
    from desktop.store.settings_service import SettingsService

    return SettingsService(session.database).get(PROGRESS_SETTING, "")


def test_getting_started_is_kept_too_with_times_and_typed_words(qtbot, app, data_root):
    make_profile(data_root, "Sam", "4821", session1_done=False)
    make_profile(data_root, "Alex", "1357", session1_done=False)
    session = start(qtbot, app, data_root, ClinicConfig())
    type_pin(qtbot, session, "Sam", "4821")
    window = session.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    week = window.page("week")
    assert window.current_section() == "week"  # a new profile opens on getting started (show_start)
    flow = week.flow
    click(qtbot, flow.next_button)
    for group in flow.safety.groups.values():
        choose(qtbot, group.button(0))
    click(qtbot, flow.next_button)
    for group in flow.history.groups.values():  # about your health, asked once
        choose(qtbot, group.button(0))
    click(qtbot, flow.next_button)
    for scale, number in ((flow.pain_now, 7), (flow.pain_week, 5), (flow.limitation, 3)):
        click(qtbot, scale_button(scale, number))
    click(qtbot, flow.next_button)
    boxes = list(flow.rmdq.boxes.values())
    for box in boxes[:3]:
        click(qtbot, box)
    click(qtbot, flow.next_button)
    for group in flow.barriers.groups.values():
        choose(qtbot, group.button(1))
    click(qtbot, flow.next_button)
    for group in flow.mood.groups.values():  # how you have been feeling (PHQ-2, GAD-2): "not at all"
        choose(qtbot, group.button(0))
    click(qtbot, flow.next_button)
    click(qtbot, flow.remind)
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(flow.remind_time, Qt.LeftButton, pos=QPoint(14, flow.remind_time.height() // 2))  # the hours
    qtbot.keyClick(flow.remind_time, Qt.Key_Up)
    assert flow.remind_time.time().toString("HH:mm") == "20:00"
    click(qtbot, flow.clinic_code)
    qtbot.keyClicks(flow.clinic_code, "RIV-42")
    reached = flow.index

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_L, Qt.ControlModifier)  # Lock (Ctrl+L) at home
    assert session.window is None
    type_pin(qtbot, session, "Sam", "4821")
    week = session.window.page("week")
    click(qtbot, visible_button(week, text("carry_on_button")))
    flow = week.flow
    assert flow.index == reached
    assert flow.remind.isChecked() and flow.remind_time.time().toString("HH:mm") == "20:00"
    assert flow.clinic_code.text() == "RIV-42"
    assert (flow.pain_now.value(), flow.pain_week.value(), flow.limitation.value()) == (7, 5, 3)
    assert sum(flow.rmdq.answers().values()) == 3
    assert all(flow.barriers.answers().values()) and not flow.barriers.unanswered()
    click(qtbot, flow.next_button)
    click(qtbot, flow.next_button)  # Finish
    assert week.flow is None and week.programme.snapshot().onboarded
    assert week.programme.snapshot().reminder_time == "20:00"
    session.lock()
    session.shutdown()
