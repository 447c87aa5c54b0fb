"""Settings > Daily diary reminder: on/off and the time, by mouse and keyboard, and the systemd timer it sets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from scheduler_helpers import calls, fake_tool, path_with

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.store.programme_service import Onboarding
from desktop.system.reminder_state import ReminderState, read_state, write_state


def onboard(programme, reminder_time: str | None = None) -> None:
    content = programme.content
    programme.complete_onboarding(Onboarding(
        safety={q.id: False for q in content.safety_questions}, pain_now=5, pain_week=5, limitation_week=5,
        rmdq={q.id: False for q in content.rmdq_items}, barriers={q.id: False for q in content.barrier_questions},
        reminder_time=reminder_time))


@pytest.fixture
def systemctl(tmp_path, monkeypatch):
    log = fake_tool(tmp_path / "bin", "systemctl")
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    return log


@pytest.fixture
def units(tmp_path):
    return tmp_path / "home" / ".config" / "systemd" / "user"  # XDG_CONFIG_HOME, set in tests/conftest.py


@pytest.fixture
def card(window):
    window.show_page("settings")
    card = window.settings_page.reminders
    window.settings_page.findChild(QScrollArea).ensureWidgetVisible(card, 0, 0)
    return card


def timers(units) -> list[str]:
    return sorted(p.name for p in units.glob("supportback-reminder-*")) if units.exists() else []


def test_before_getting_started_the_card_says_where_to_choose(card, window):
    assert not card.remind.isVisible() and card.note.isVisible()
    assert card.note.text() == text("reminders_not_yet")
    onboard(window.home_page.programme)  # the card hears of it at once
    assert card.remind.isVisible() and not card.note.isVisible()
    assert not card.remind.isChecked() and not card.time.isEnabled()


def test_turn_on_change_the_time_and_turn_off_by_mouse_and_keyboard(qtbot, card, window, systemctl, units):
    programme = window.home_page.programme
    onboard(programme)
    qtbot.mouseClick(card.remind, Qt.LeftButton, pos=QPoint(10, card.remind.height() // 2))
    assert card.remind.isChecked() and card.time.isEnabled()
    assert programme.snapshot().reminder_time == "19:00"  # saved at once, with the usual time
    assert len(timers(units)) == 2 and card.status.text() == text("reminders_saved_on", time="19:00")
    timer = next(units.glob("*.timer"))
    assert "OnCalendar=*-*-* 19:00:00" in timer.read_text()
    assert ["--user", "enable", timer.name] in calls(systemctl)

    # The keyboard: Tab into the time (its hours are selected), type 20:30, Enter.
    card.remind.setFocus()
    qtbot.keyClick(card.remind, Qt.Key_Tab)
    qtbot.waitUntil(lambda: card.time.hasFocus() and card.time.lineEdit().selectedText() == "19")
    qtbot.keyClicks(card.time, "2030")
    qtbot.keyClick(card.time, Qt.Key_Return)
    assert programme.snapshot().reminder_time == "20:30"
    assert "OnCalendar=*-*-* 20:30:00" in timer.read_text()
    assert card.status.text() == text("reminders_saved_on", time="20:30")

    # The arrow keys step the selected hour; the time is saved once the keys rest.
    card.time.setFocus()
    qtbot.waitUntil(lambda: card.time.lineEdit().selectedText() == "20")
    qtbot.keyClick(card.time, Qt.Key_Up)
    qtbot.waitUntil(lambda: programme.snapshot().reminder_time == "21:30", timeout=3000)
    assert "OnCalendar=*-*-* 21:30:00" in timer.read_text()

    # The big buttons beside it move the time by a quarter of an hour.
    qtbot.mouseClick(card.steps[1], Qt.LeftButton)
    assert card.time.time().toString("HH:mm") == "21:45"
    qtbot.waitUntil(lambda: programme.snapshot().reminder_time == "21:45", timeout=3000)
    qtbot.mouseClick(card.steps[0], Qt.LeftButton)
    qtbot.waitUntil(lambda: programme.snapshot().reminder_time == "21:30", timeout=3000)

    # Clicking into the time with the mouse also selects the hours, so typing replaces them.
    card.remind.setFocus()
    qtbot.mouseClick(card.time.lineEdit(), Qt.LeftButton, pos=QPoint(card.time.lineEdit().width() - 8, 8))
    qtbot.waitUntil(lambda: card.time.lineEdit().selectedText() == "21")

    # Space on the check box turns reminders off: the timer goes, and the tray stays quiet too.
    card.remind.setFocus()
    qtbot.keyClick(card.remind, Qt.Key_Space)
    assert not card.remind.isChecked() and not card.time.isEnabled() and not card.steps[1].isEnabled()
    assert programme.snapshot().reminder_time is None
    assert timers(units) == [] and card.status.text() == text("reminders_saved_off")
    assert ["--user", "disable", "--now", timer.name] in calls(systemctl)
    assert card.time.time().toString("HH:mm") == "21:30"  # offered again when turned back on


def test_when_the_computer_refuses_the_app_still_reminds_and_says_so_calmly(qtbot, card, window, units):
    onboard(window.home_page.programme)  # tests/conftest.py: this systemctl cannot reach a user session
    qtbot.mouseClick(card.remind, Qt.LeftButton, pos=QPoint(10, card.remind.height() // 2))
    assert window.home_page.programme.snapshot().reminder_time == "19:00"
    assert card.status.text() == text("reminders_saved_app_only", time="19:00")
    assert timers(units) == []


def test_on_a_clinic_kiosk_there_are_no_reminders(qtbot, app, make_window):
    from desktop.ui.base.clinic_policy import ClinicPolicy

    window = make_window(policy=ClinicPolicy(kiosk=True))
    onboard(window.home_page.programme, "19:00")
    window.show_page("settings")
    card = window.settings_page.reminders
    assert not card.remind.isVisible() and card.note.text() == text("reminders_kiosk")


# The tray while the app runs ---------------------------------------------------------------

class FakeTray:
    def __init__(self):
        self.shown = []

    def showMessage(self, title, message):
        self.shown.append((title, message))


def test_tray_gives_onboardings_time_to_the_scheduler_and_then_stays_quiet(qtbot, window, systemctl, units, today):
    from desktop.ui.app.reminder_tray import ReminderTray

    home = window.home_page
    onboard(home.programme, "19:00")
    tray = ReminderTray(window, home.diary, home.programme, home.settings)  # at start-up
    assert len(timers(units)) == 2
    tray.tray = FakeTray()
    assert tray.check(dt.datetime.combine(today, dt.time(19, 5))) is False  # systemd reminds: one, not two
    assert tray.tray.shown == []
    home.programme.set_reminder_time("08:15")  # chosen elsewhere (say, an older copy put back)
    tray.check(dt.datetime.combine(today, dt.time(7, 0)))
    assert "OnCalendar=*-*-* 08:15:00" in next(units.glob("*.timer")).read_text()


def test_tray_notes_beside_the_diary_whether_today_is_in(qtbot, window, today):
    from desktop.ui.app.reminder_tray import ReminderTray

    home = window.home_page
    onboard(home.programme, "19:00")
    folder = home.diary.database.path.parent
    tray = ReminderTray(window, home.diary, home.programme, home.settings)
    tray.check(dt.datetime.combine(today, dt.time(9, 0)))
    assert read_state(folder).filled_in_on is None
    home.diary.save(DiaryEntry(day=today, pain=3, walking_minutes=10, limitation=2))
    tray.check(dt.datetime.combine(today, dt.time(9, 1)))
    assert read_state(folder).filled_in_on == today


def test_a_reminder_the_scheduler_gave_today_is_not_repeated_by_the_tray(qtbot, window, today):
    from desktop.ui.app.reminder_tray import ReminderTray

    home = window.home_page
    onboard(home.programme, "19:00")
    tray = ReminderTray(window, home.diary, home.programme, home.settings)
    tray.tray = FakeTray()
    folder = home.diary.database.path.parent
    write_state(folder, read_state(folder).but(reminded_on=today))  # `supportback remind` ran at 19:00
    assert tray.check(dt.datetime.combine(today, dt.time(19, 30))) is False
    assert read_state(folder) != ReminderState() and tray.tray.shown == []
    assert QApplication.instance() is not None
