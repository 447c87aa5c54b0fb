import datetime as dt

from PySide6.QtWidgets import QPushButton

from desktop.domain.diary import DiaryEntry


def test_start_prompts_show_once_and_open_the_missed_day(qtbot, window, diary, today):
    for offset in (1, 2, 4, 5, 6, 7):
        diary.save(DiaryEntry(day=today - dt.timedelta(days=offset), pain=3, walking_minutes=10, limitation=2))
    home = window.home_page
    home.refresh()
    home.show_start_prompts()
    assert home.prompts.isVisible() and len(home.prompts.notes) == 1
    missed = today - dt.timedelta(days=3)
    button = [b for b in home.prompts.findChildren(QPushButton) if b.text().startswith("Fill in")][0]
    button.click()
    assert window.current_section() == "diary" and window.diary_page.day == missed
    window.show_page("home")
    home.prompts.notes and [b for b in home.prompts.findChildren(QPushButton) if b.text() == "Not now"][0].click()
    assert not home.prompts.isVisible()
    # opening the app again does not repeat the same note
    again = window.home_page
    again.show_start_prompts()
    assert len(again.prompts.notes) == 0


def test_calendar_file_is_saved_from_settings(qtbot, window, dialogs, tmp_path):
    window.show_page("settings")
    page = window.settings_page
    target = tmp_path / "reminders.ics"
    dialogs.save_file = str(target)
    page.export_calendar()
    content = target.read_text(encoding="utf-8")
    assert content.startswith("BEGIN:VCALENDAR") and "RRULE:FREQ=DAILY" in content
    assert "Saved" in page.calendar_status.text()


def test_tray_reminder_needs_a_tray_and_never_repeats(qtbot, window):
    from desktop.ui.app.reminder_tray import ReminderTray

    home = window.home_page
    tray = ReminderTray(window, home.diary, home.programme, home.settings)
    # Offscreen there is no system tray: nothing is shown and nothing is marked as reminded.
    assert tray.tray is None and tray.check(dt.datetime(2026, 3, 15, 20, 0)) is False
    assert home.settings.get("diary_last_reminded", "") == ""


def test_tray_reminder_at_the_chosen_time_once_a_day_and_not_after_filling_in(qtbot, window, today):
    from desktop.store.programme_service import Onboarding
    from desktop.ui.app.reminder_tray import ReminderTray

    home = window.home_page
    content = home.programme.content
    home.programme.complete_onboarding(Onboarding(
        safety={q.id: False for q in content.safety_questions}, pain_now=5, pain_week=5, limitation_week=5,
        rmdq={q.id: False for q in content.rmdq_items}, barriers={q.id: False for q in content.barrier_questions},
        reminder_time="19:00"))
    shown = []

    class FakeTray:
        def showMessage(self, title, message):
            shown.append((title, message))

    tray = ReminderTray(window, home.diary, home.programme, home.settings)
    tray.tray = FakeTray()
    evening = dt.datetime.combine(today, dt.time(19, 5))
    assert tray.check(evening - dt.timedelta(minutes=10)) is False
    assert tray.check(evening) is True and len(shown) == 1 and "diary" in shown[0][1]
    assert tray.check(evening + dt.timedelta(hours=1)) is False  # never twice a day
    assert tray.check(evening + dt.timedelta(days=1)) is True  # the next evening, still nothing written
    home.diary.save(DiaryEntry(day=today, pain=3, walking_minutes=10, limitation=2))
    assert tray.check(evening + dt.timedelta(days=2)) is False  # today's entry exists: no reminder
