"""Save PNGs of measured steps (issue 23): the Diary's line under the walking question, and
Progress with "Show steps from my phone or watch" ticked and the statement using the steps.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/steps_screenshots.py OUT_DIR
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from PySide6.QtWidgets import QScrollArea

from desktop.domain.activity import ActivityDay, ActivityImport
from desktop.domain.measured_walking import MEASURED
from desktop.store.activity_service import ActivityService
from desktop.ui.app.app import application

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import arguments, demo_window, settle


def main(argv: list[str]) -> None:
    args = arguments(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = application()
    window = demo_window(app, 60, args)
    entries = window.page("progress").diary.between()
    store = ActivityService(window.page("progress").diary.database, window.page("progress").diary.clock)
    chance = random.Random(7)
    days = tuple(ActivityDay(e.day, (chance.randint(6500, 11000) if (e.walking_minutes or 0) >= 10
                                     else chance.randint(1500, 5000)) if chance.random() > 0.08 else 150,
                             None, "Sam’s Apple Watch") for e in entries)
    store.save(ActivityImport("Apple Health", days))
    settle(app, 0.3)

    def save(name: str) -> None:
        settle(app, 0.2)
        window.grab().save(str(args.out / f"{name}.png"))

    window.show_page("diary")
    line = window.page("diary").measured
    scroller = line.parentWidget()
    while scroller is not None and not isinstance(scroller, QScrollArea):
        scroller = scroller.parentWidget()
    if scroller is not None:
        scroller.ensureWidgetVisible(line, 0, 120)
    save("steps-diary")
    window.show_page("progress")
    page = window.page("progress")
    page.source_choice.buttons[MEASURED].setChecked(True)
    save("steps-progress-statement")
    page.steps_toggle.setChecked(True)
    page.findChild(QScrollArea).ensureWidgetVisible(page.timeline, 0, 0)
    save("steps-progress-chart")
    window.close()


if __name__ == "__main__":
    main(sys.argv[1:] or [argparse.SUPPRESS])
