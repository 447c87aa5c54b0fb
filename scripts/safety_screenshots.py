"""Save PNGs of the safety screens at a text size, in a small 1024x600 window.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/safety_screenshots.py OUT_DIR [normal|large|larger]
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path

from desktop.domain.diary import DiaryEntry
from desktop.store.database import open_database
from desktop.ui.app.app import application, build_window
from desktop.ui.base.style import apply_style

out = Path(sys.argv[1])
size = sys.argv[2] if len(sys.argv) > 2 else "normal"
out.mkdir(parents=True, exist_ok=True)
app = application()
day = [dt.date(2026, 3, 2)]
clock = type("MovingClock", (), {"today": lambda self: day[0],
                                 "now": lambda self: dt.datetime.combine(day[0], dt.time(12), dt.UTC)})()


def shot(window, name):
    for _ in range(3):
        app.processEvents()
        window.resize(1024, 600)  # as small as the pages on show allow (Home's own minimum is larger)
    app.processEvents()
    window.grab().save(str(out / f"{size}-{name}.png"))


def answer(questions, yes=()):
    for q in questions.questions:
        questions.set_answer(q.id, q.id in yes)


def new_window():
    day[0] = dt.date(2026, 3, 2)
    root = Path(tempfile.mkdtemp())
    window = build_window(open_database(root, "default"), "default", app, clock)
    apply_style(app, size)
    window.setMinimumSize(0, 0)
    window.resize(1024, 600)
    window.show()
    window.show_page("week")
    return window


def onboard(window, safety_yes=(), history_yes=(), mood=0, stop_at_done=False):
    page = window.page("week")
    flow = page.start_onboarding()
    flow.next()
    answer(flow.safety, safety_yes)
    flow.next()
    if page.flow is None:
        return None
    answer(flow.history, history_yes)
    flow.next()
    if page.flow is None:
        return None
    for scale in (flow.pain_now, flow.pain_week, flow.limitation):
        scale.set_value(5, notify=True)
    flow.next()
    flow.next()
    answer(flow.barriers)
    flow.next()
    for item in flow.mood.groups:
        flow.mood.set_answer(item, mood)
    flow.next()
    flow.next()
    if stop_at_done:
        return flow
    flow.next()
    return None


# Onboarding: the signs, the history with its tick, the all-clear.
window = new_window()
page = window.page("week")
flow = page.start_onboarding()
flow.next()
shot(window, "onboarding-signs")
answer(flow.safety)
flow.next()
flow.history.set_answer("cancer_history", True, cleared=True)
shot(window, "onboarding-history")
answer(flow.history)
flow.next()
shot(window, "onboarding-all-clear")

# Emergency: advice first on every page.
window = new_window()
onboard(window, safety_yes={"leg_weakness"})
window.show_page("home")
shot(window, "emergency-home")
window.show_page("diary")
shot(window, "emergency-diary")
window.show_page("settings")
shot(window, "emergency-settings")

# GP today, GP this week.
window = new_window()
onboard(window, safety_yes={"fever_unwell"})
shot(window, "same-day-week")
window.show_page("exercises")
shot(window, "same-day-exercises")
window.show_page("diary")
shot(window, "same-day-diary")
window = new_window()
onboard(window, history_yes={"cancer_history"})
shot(window, "soon-week")

# Checks between sessions.
window = new_window()
onboard(window)
day[0] = dt.date(2026, 3, 5)
diary = window.page("week").diary
window.show_page("diary")
for offset in (1, 2, 3):
    diary.save(DiaryEntry(dt.date(2026, 3, 2) + dt.timedelta(days=offset), pain=8, walking_minutes=0, limitation=6))
shot(window, "pain-check")
window = new_window()
onboard(window)
window.show_page("exercises")
window.page("exercises").show_exercise("walking")
window.page("exercises").guide_view.warning_button.click()
shot(window, "walking-check")

# Pregnancy, a recent operation, mood.
window = new_window()
onboard(window, history_yes={"pregnant"})
shot(window, "pregnancy-week")
window = new_window()
onboard(window, history_yes={"spinal_surgery"})
shot(window, "surgery-week")
window = new_window()
flow = onboard(window, mood=2, stop_at_done=True)
shot(window, "mood-signposting")
print("saved in", out)
