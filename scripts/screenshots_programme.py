"""Save PNGs of the programme screens (onboarding, safety advice, a session, goal, a module).

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_programme.py OUT_DIR
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path

from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.store.database import open_database
from desktop.ui.app.app import application, build_window

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
app = application()


class Clock(FixedClock):
    pass


day = [dt.date(2026, 3, 2)]
clock = type("MovingClock", (), {"today": lambda self: day[0], "now": lambda self: dt.datetime.now(dt.UTC)})()


def shot(window, name):
    app.processEvents()
    window.grab().save(str(out / f"{name}.png"))


def answer_all(yes_no, yes=()):
    for q in yes_no.questions:
        yes_no.set_answer(q.id, q.id in yes)


def new_window():
    root = Path(tempfile.mkdtemp())
    window = build_window(open_database(root, "default"), "default", app, clock)
    window.resize(1280, 800)
    window.show()
    window.show_page("week")
    return window


window = new_window()
page = window.page("week")
shot(window, "week-start")
page.start_onboarding()
shot(window, "onboarding-welcome")
page.flow.next()
shot(window, "onboarding-safety")
emergency = next(q.id for q in page.programme.content.safety_questions if q.tag == "emergency")
answer_all(page.flow.safety, {emergency})
page.flow.next()
shot(window, "safety-advice")

window = new_window()
page = window.page("week")
flow = page.start_onboarding()
flow.next()
answer_all(flow.safety)
flow.next()
answer_all(flow.history)  # the health questions asked once
flow.next()
for scale, value in ((flow.pain_now, 6), (flow.pain_week, 5), (flow.limitation, 7)):
    scale.set_value(value, notify=True)
shot(window, "onboarding-baseline")
flow.next()
shot(window, "onboarding-rmdq")
flow.next()
structural = [q.id for q in flow.barriers.questions if q.tag in ("structural_beliefs", "low_mood")]
answer_all(flow.barriers, set(structural))
flow.next()
for item in flow.mood.groups:  # PHQ-2 and GAD-2
    flow.mood.set_answer(item, 0)
flow.next()
flow.next()
shot(window, "onboarding-done")
flow.next()
flow = page.start_session(1)
shot(window, "session1-reassurance")
flow.next()
flow.next()
flow.walking.setChecked(True)
flow.exercises.setChecked(True)
flow.next()
shot(window, "session1-goal")
flow.next()
flow.plan_when.setText("After lunch")
flow.plan_where.setText("along the canal")
shot(window, "session1-plan")
flow.next()
shot(window, "week-locked")
day[0] = dt.date(2026, 3, 9)
for offset in range(7):
    page.diary.save(DiaryEntry(day=dt.date(2026, 3, 2) + dt.timedelta(days=offset), pain=5 - offset % 2,
                               walking_minutes=10 if offset % 3 else 0, limitation=5,
                               exercises=frozenset({"bridge", "knee-rolls"}) if offset % 2 else frozenset()))
page.refresh()
window.show_page("home")
shot(window, "home-programme")
window.show_page("week")
flow = page.start_session(2)
answer_all(flow.safety)
flow.next()
shot(window, "session2-review")
flow.next()
buttons = flow.obstacles.buttons()
if buttons:
    buttons[0].click()
shot(window, "session2-feedback")
flow.next()
flow.limitation.set_value(4, notify=True)
flow.next()
shot(window, "session2-goal")
flow.next()
flow.next()
shot(window, "session2-module")
flow.modules.buttons()[1].setChecked(True)
flow.next()
window.show_page("learn")
learn = window.page("learn")
learn.list.setCurrentRow(1)
shot(window, "learn-module")
window.show_page("home")
print("saved to", out)
