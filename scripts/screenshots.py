"""Save a PNG of every page with a demo profile, to look at what a patient sees.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR
           [--text-size normal|large|larger|largest] [--size WIDTHxHEIGHT]

--text-size is one of the sizes in Settings ("largest" is the biggest there is); --size is the
window's size (default 1280x800; try 1024x600, a small laptop or a tablet). Besides each
page: a day filled in later (the Diary's questions name the day), the "Is 300 minutes right?"
question, the first step of getting started and of a weekly session, its goal step (a step up,
a number typed too high, an activity added), the session's "choose something to read" step, the
completion screen, Home's follow-up card months later, the video fallback, and Settings' clinic card with
a bad and a good key.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from desktop.cli import main as cli_main
from desktop.content.loader import text
from desktop.domain.clock import FixedClock
from desktop.exchange.age_files import generate_identity
from desktop.store.database import open_database
from desktop.ui.app.app import application, build_window
from desktop.ui.base.style import TEXT_SIZES


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Save a PNG of every page with a demo profile.")
    parser.add_argument("out", type=Path, help="folder for the PNGs")
    parser.add_argument("text_size_word", nargs="?", help=argparse.SUPPRESS)  # the old second argument
    parser.add_argument("--text-size", choices=[*TEXT_SIZES, "largest"], help="text size (default: normal)")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT (default 1280x800)")
    args = parser.parse_args(argv)
    args.text_size = args.text_size or args.text_size_word or "normal"
    if args.text_size == "largest":
        args.text_size = max(TEXT_SIZES, key=TEXT_SIZES.get)
    if args.text_size not in TEXT_SIZES:
        parser.error(f"--text-size must be one of {', '.join(TEXT_SIZES)} or largest")
    try:
        args.width, args.height = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        parser.error("--size must look like 1024x600")
    return args


def settle(app: QApplication, seconds: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()


def demo_window(app: QApplication, days: int, args: argparse.Namespace, clock=None):
    root = Path(tempfile.mkdtemp())
    cli_main(["--data-dir", str(root), "demo", "--days", str(days)])
    window = build_window(open_database(root, "Demo"), "Demo", app, clock=clock)
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.findData(args.text_size))
    window.resize(args.width, args.height)
    window.show()
    settle(app)
    return window


def main(argv: list[str]) -> None:
    args = arguments(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    window = demo_window(app, 60, args)

    def save(name: str) -> None:
        settle(app)
        window.grab().save(str(out / f"{name}.png"))

    for name in ["home", "week", "diary", "progress", "learn", "settings"]:
        window.show_page(name)
        save(name)
    window.show_page("home")
    window.home_page.findChild(QScrollArea).ensureWidgetVisible(window.home_page.week_strip, 0, 0)
    save("home-last-7-days")
    window.show_page("learn")
    learn = window.page("learn")
    learn.list.setCurrentRow(1)
    save("learn-topic")

    exercises(app, window, save)
    call_request(app, window, save)
    clinic_card(app, window, save)
    diary(app, window, save, out)
    window.close()

    # A profile in its second week: getting started, and a weekly session.
    window = demo_window(app, 10, args)
    week = window.page("week")
    window.show_page("week")
    flow = week.start_onboarding()
    save("onboarding-first-step")
    flow.remind.setChecked(True)
    flow._show(flow.steps.index(next(step for step in flow.steps if step.widget.isAncestorOf(flow.remind_time))))
    save("onboarding-reminders")  # unfinished, so nothing of it is saved; the session's flow takes its place
    flow = week.start_session(len(week.programme.snapshot().sessions) + 1)
    save("session-first-step")
    flow._show(1)  # how the week went: the days the goal was met, in a number box
    save("session-review")
    goal_step(app, flow, save)
    flow._show(flow.steps.index(flow.reading_step))
    save("session-choose-reading")
    flow.reading.cards[1].setFocus()
    flow.reading.choose(flow.reading.cards[1].key)
    save("session-choose-reading-chosen")
    feedback_step = next(step for step in flow.steps if step.widget.isAncestorOf(flow.call_request))
    flow._show(flow.steps.index(feedback_step))
    settle(app)
    flow.stack.currentWidget().ensureWidgetVisible(flow.call_request, 0, 0)
    save("session-call-request")
    settle(app)
    while week.flow is flow:  # on to the end: the completion screen
        flow.next()
        if flow.message.text():
            break
    save("session-done")
    window.close()

    # Months later, the 3-month follow-up is due: its card on Home.
    window = demo_window(app, 60, args, clock=FixedClock(dt.date.today() + dt.timedelta(days=45)))
    window.show_page("home")
    home = window.home_page
    home.findChild(QScrollArea).ensureWidgetVisible(home.programme_card, 0, 0)
    save("home-follow-up")
    window.close()
    print("saved to", out)


def goal_step(app: QApplication, flow, save) -> None:
    """The goal step: a step up (numbers locked, beside last week's), then "Change my goal" with a
    number typed above this week's room, and back exercises added."""
    step = next(step for step in flow.steps if step.widget.isAncestorOf(flow.goal_box))
    flow._show(flow.steps.index(step))
    flow.choice.button(1).click()  # step up
    save("session-goal")
    settle(app)
    flow.stack.currentWidget().ensureWidgetVisible(flow.editors[-1], 0, 0)
    save("session-goal-boxes")
    flow.choice.button(3).click()  # "change my goal": the boxes can be changed
    editor = flow.editors[0]
    box = editor.minutes if hasattr(editor, "minutes") else editor.repetitions
    box.setValue(box.value() + 20)  # more than one step: kept, and the reason shown under it
    settle(app)
    flow.stack.currentWidget().ensureWidgetVisible(box, 0, 120)
    save("session-goal-too-high")
    box.setValue(box.value() - 20)
    other = flow.goal_step.exercises if not flow.goal_step.exercises.isChecked() else flow.goal_step.walking
    other.click()  # add (or drop) an activity
    settle(app)
    flow.stack.currentWidget().ensureWidgetVisible(flow.goal_step.activities, 0, 0)
    save("session-goal-change")
    settle(app)
    flow.stack.currentWidget().ensureWidgetVisible(flow.editors[-1], 0, 0)
    save("session-goal-change-boxes")


def call_request(app: QApplication, window, save) -> None:
    """Home's "I'd like to talk to a physio": the card, its short form, and once recorded."""
    window.show_page("home")
    home = window.home_page
    card = home.call_request
    scroll = home.findChild(QScrollArea)
    scroll.ensureWidgetVisible(card, 0, 0)
    save("home-call-request")
    card.open_form()
    card.reason.setText("My goal feels too hard this week")
    settle(app)
    scroll.ensureWidgetVisible(card, 0, 0)
    save("home-call-request-form")
    card.send()
    settle(app)
    scroll.ensureWidgetVisible(card, 0, 0)
    save("home-call-request-recorded")
    card.withdraw()


def exercises(app: QApplication, window, save) -> None:
    window.show_page("exercises")
    page = window.page("exercises")
    for key in ("bridge", "knee-rolls"):
        page.show_exercise(key)
        if page.player is not None:  # a paused frame a few seconds in, so the picture shows the movement
            page.player.player.play()
            for _ in range(2):
                settle(app, 1.5)
                page.player.player.pause()
                page.player.player.setPosition(5000)
        save(f"exercises-{key}")
    page.show_exercise("cat-camel")
    page._show_fallback(text("video_damaged"))
    save("exercises-fallback")


def clinic_card(app: QApplication, window, save) -> None:
    """Settings, scrolled to "Send your diary to your clinic", with a mistyped key and then a good one."""
    window.show_page("settings")
    card = window.settings_page.clinic_export
    scroll = window.settings_page.findChild(QScrollArea)
    card.key.setText("age1qqqq-not-a-key")
    settle(app)
    scroll.ensureWidgetVisible(card, 0, 0)
    save("settings-clinic-bad-key")
    card.key.setText(generate_identity()[1])
    save("settings-clinic")


def diary(app: QApplication, window, save, out: Path) -> None:
    window.show_page("diary")
    page = window.diary_page
    page.open_day(page.day - dt.timedelta(days=3))
    save("diary-earlier-day")
    page.open_day(page.day - dt.timedelta(days=20))
    save("diary-weeks-ago")
    page.open_day(page.diary.clock.today())
    page.form.walking.setValue(300)

    def grab_question() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, grab_question)
            return
        settle(app, 0.2)
        window.grab().save(str(out / "diary-walking-check-window.png"))
        box.grab().save(str(out / "diary-walking-check.png"))
        next(b for b in box.buttons() if b.text() == text("walking_check_change")).click()

    QTimer.singleShot(0, grab_question)
    page.save()
    save("diary-walking-not-saved")
    page.form.fill(page.diary.get(page.day))
    page.open_day(page.day.replace(day=1) if page.day.day > 1 else page.day)
    page.form.pain.set_value(None, notify=True)
    page.save()
    save("diary-error")
    page.form.fill(page.diary.get(page.day))  # nothing left unsaved, so closing asks nothing


if __name__ == "__main__":
    main(sys.argv[1:])
