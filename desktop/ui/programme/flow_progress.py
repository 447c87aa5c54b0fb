"""A session in progress, kept when the app locks, in that profile's own database only.

Like the diary draft (diary_draft.py): locking stores the flow on the This week page (a
weekly session, getting started, or a follow-up questionnaire) as one setting,
``flow_progress``: which flow, the step reached, and every answer on its steps. The next
time the same profile opens, the This week page asks "Carry on from where you were?"; the
setting is removed once the patient has chosen (or when that flow is no longer open).

Answers are read from the flow's own widgets (check boxes, radio buttons, the 0-10 scales'
buttons, text fields, spin boxes, times, lists), each named by its place among the step's
widgets. Carrying on builds the same flow again and goes through its steps in order as the
patient did: each step is entered (so it builds what depends on earlier answers, such as the
goal editors) and its answers are put back the way a patient gives them (a click, typed
text), until nothing changes. A step's checks are not run again, so nothing is recorded twice.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from desktop.store.settings_service import SettingsService
from desktop.ui.widgets.step_flow import StepFlow

PROGRESS_SETTING = "flow_progress"
_NO_VALUE = object()
_PASSES = 6  # putting an answer back may rebuild later widgets (a goal editor): go round again


def describe(flow: QWidget) -> dict | None:
    """Which flow this is, in a form that can build it again; None for anything else."""
    from desktop.ui.programme.onboarding_flow import OnboardingFlow
    from desktop.ui.programme.rmdq_flow import RmdqFlow
    from desktop.ui.programme.session_flow import SessionFlow

    if isinstance(flow, SessionFlow):
        return {"kind": "session", "number": flow.number}
    if isinstance(flow, OnboardingFlow):
        return {"kind": "onboarding", "safety_checked": True}  # replayed with resume: steps already stored are skipped
    if isinstance(flow, RmdqFlow):
        return {"kind": "rmdq", "occasion": flow.occasion}
    return None


def capture(flow: StepFlow) -> dict:
    return {"step": flow.index,
            "answers": {str(i): {place: _read(widget) for place, widget in _answer_widgets(step.widget)}
                        for i, step in enumerate(flow.steps)}}


def replay(flow: StepFlow, kept: dict) -> None:
    """Take a freshly built flow to the kept step with the kept answers."""
    answers = kept.get("answers", {})
    target = min(int(kept.get("step", 0)), len(flow.steps) - 1)
    for index in range(target + 1):
        if index and not flow.steps[index].shown():
            continue
        flow._show(index)  # entered, as Next would (without its checks: they were passed before)
        _put_back(flow.steps[index].widget, answers.get(str(index), {}))
    for index in range(target + 1, len(flow.steps)):  # steps the patient went back from
        _put_back(flow.steps[index].widget, answers.get(str(index), {}))
    if flow.index != target and flow.steps[target].shown():
        flow._show(target)


# Keeping and offering ---------------------------------------------------------------------
def keep_progress(window, settings: SettingsService) -> bool:
    """Store the flow in progress on the This week page, if there is one. True when kept."""
    week = window.page_if_built("week")
    flow = getattr(week, "flow", None)
    kind = describe(flow) if isinstance(flow, StepFlow) else None
    if kind is None:
        return False  # an offer still waiting for an answer keeps its setting as it is
    settings.set(PROGRESS_SETTING, json.dumps({**kind, **capture(flow)}))
    return True


def offer_kept_progress(window, settings: SettingsService, go_there: bool = True) -> bool:
    """Ask on the This week page whether to carry on with a kept flow. True when asked."""
    raw = settings.get(PROGRESS_SETTING, "")
    if not raw:
        return False
    try:
        kept = json.loads(raw)
        valid = isinstance(kept, dict) and isinstance(kept.get("answers"), dict) and isinstance(kept.get("step"), int)
    except ValueError:
        valid = False
    week = window.page("week")
    if not valid or not week.can_carry_on(kept):
        settings.set(PROGRESS_SETTING, "")
        return False
    week.offer_to_carry_on(kept, forget=lambda: settings.set(PROGRESS_SETTING, ""))
    if go_there:
        window.show_page("week")
    return True


# Reading and putting back answers -----------------------------------------------------------
def _answer_widgets(root: QWidget):
    """(place, widget) of every widget holding an answer under root, in a fixed order."""
    def walk(widget: QWidget, place: str):
        counts: dict[str, int] = {}
        for child in widget.children():
            if not isinstance(child, QWidget) or child.isWindow() or _put_away(child):
                continue
            kind = type(child).__name__
            counts[kind] = counts.get(kind, -1) + 1
            here = f"{place}/{kind}{counts[kind]}"
            if _read(child) is not _NO_VALUE:
                yield here, child
            elif not isinstance(child, (QAbstractSpinBox, QComboBox, QAbstractSlider)):
                yield from walk(child, here)
    yield from walk(root, "")


def _put_away(widget: QWidget) -> bool:
    """Hidden on purpose: a widget being replaced (discarded) or one not in use. A widget just
    added to a shown page is hidden too until the event loop shows it, but not on purpose."""
    return widget.isHidden() and widget.testAttribute(Qt.WA_WState_ExplicitShowHide)


def _read(widget: QWidget):
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else _NO_VALUE
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    return _NO_VALUE


def _put_back(root: QWidget, answers: dict) -> None:
    for _ in range(_PASSES):
        changed = False
        for place, widget in list(_answer_widgets(root)):
            if place in answers and not _put_away(widget) and _set(widget, answers[place]):
                changed = True
        if not changed:
            return


def _set(widget: QWidget, value) -> bool:
    """Give the widget this answer the way a patient would; True when something changed."""
    if isinstance(widget, QAbstractButton):
        if not isinstance(value, bool) or widget.isChecked() == value or not widget.isEnabled():
            return False
        if value or isinstance(widget, QCheckBox):  # a chosen radio or scale button is unchosen by choosing another
            widget.click()
            return True
        return False
    if isinstance(widget, QLineEdit) and isinstance(value, str) and widget.text() != value:
        widget.setText(value)
        return True
    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and isinstance(value, str) and widget.toPlainText() != value:
        widget.setPlainText(value)
        return True
    if isinstance(widget, QDateTimeEdit) and isinstance(value, str):
        return _set_time(widget, value)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)) and number:
        if widget.value() != value:
            widget.setValue(int(value) if isinstance(widget, QSpinBox) else float(value))
            return widget.value() == value
        return False
    if isinstance(widget, QComboBox) and isinstance(value, int) and widget.currentIndex() != value:
        if 0 <= value < widget.count():
            widget.setCurrentIndex(value)
            return True
    return False


def _set_time(widget: QDateTimeEdit, value: str) -> bool:
    from PySide6.QtCore import QDateTime

    moment = QDateTime.fromString(value, "yyyy-MM-ddTHH:mm:ss")
    if not moment.isValid() or widget.dateTime() == moment:
        return False
    widget.setDateTime(moment)
    return True
