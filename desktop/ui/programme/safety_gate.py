"""Safety first on every page: what domain/safety_gate.py says a page shows, above or instead of it.

The main window puts this above its pages. Emergency advice not yet confirmed takes every
page's place (Settings keeps its page under it) and cannot be dismissed without its own
confirmation; a check the diary or the walking guide asked for does the same until answered;
other open advice, and a profile not yet screened, hold the exercises and put a one-line
reminder above the diary and Progress. After a check with nothing to act on, the all-clear
shows above the page until the patient moves on.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.content.safety import trigger_rules
from desktop.domain import safety_gate as gate
from desktop.domain.safety_rules import CLEAR
from desktop.store import safety_service
from desktop.store.diary_service import DiaryService
from desktop.store.programme_service import ProgrammeService
from desktop.ui.base.signals import AppSignals
from desktop.ui.programme.safety_advice import SafetyAdvice
from desktop.ui.programme.safety_check import SafetyCheck
from desktop.ui.widgets.widgets import card, discard, label

COVERING = (gate.ADVICE, gate.CHECK, gate.WAIT_FOR_CHECK, gate.WAIT_FOR_CHECKUP, gate.WAIT_FOR_SURGEON)


class SafetyGate(QWidget):
    covering_changed = Signal(bool)  # True: the page under it is hidden
    confirmed = Signal(str)  # the patient confirmed being checked after this level of advice

    def __init__(self, programme: ProgrammeService, diary: DiaryService, signals: AppSignals,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.programme = programme
        self.diary = diary
        self.signals = signals
        self.section = gate.HOME
        self.view = gate.OPEN
        self.covers = False
        self._key: tuple = ()
        self.body: QWidget | None = None
        self.notice: str = ""  # the all-clear after a check, until the patient moves on
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.hide()
        signals.programme_changed.connect(self.refresh)
        signals.diary_saved.connect(lambda _day: self.refresh())
        signals.diary_deleted.connect(lambda _day: self.refresh())
        signals.diary_replaced.connect(self.refresh)
        # Start-up paints first; the check follows at once (an open emergency straight away).
        if self._emergency_open():
            self.refresh()
        else:
            QTimer.singleShot(0, self, self._first_refresh)

    def _first_refresh(self) -> None:
        # Not for a window already closed again (a profile locked at once: its file may be shut).
        if self.window().isVisible():
            self.refresh()

    def _emergency_open(self) -> bool:
        snapshot = self.programme.snapshot()
        return snapshot.paused_for_safety and snapshot.safety_outcome == "emergency"

    # What to show ------------------------------------------------------------------------
    def show_for(self, section: str) -> None:
        if section != self.section:
            self.notice = ""
        self.section = section
        self.refresh()

    def current_status(self):
        today = self.programme.clock.today()
        rules = trigger_rules()
        entries = self.diary.between(today - dt.timedelta(days=rules.look_back_days + rules.flare_up_longer_than_days),
                                     today)
        record = self.programme.safety_record()
        status, trigger, request = safety_service.status(record, self.programme.content.safety, entries, rules,
                                                         today, self.programme.snapshot().onboarded)
        return record, status, trigger, request

    def refresh(self) -> None:
        record, status, trigger, request = self.current_status()
        view = gate.page_view(status, self.section)
        key = (view, status.open_level, status.pending_check, trigger, request, self.notice,
               self.section == gate.WEEK)
        self.view = view
        if key != self._key:
            self._key = key
            self._build(view, record, status, trigger, request)
        covers = view in COVERING
        if covers != self.covers:
            self.covers = covers
            self.covering_changed.emit(covers)

    def _build(self, view, record, status, trigger, request) -> None:
        if self.body is not None:
            self._layout.removeWidget(self.body)
            discard(self.body)
            self.body = None
        words = self.programme.content.safety.words
        content = self.programme.content.safety
        widget = None
        if view == gate.ADVICE_ABOVE:  # Settings: the advice in short above the page, kept until confirmed
            words_of_level = content.levels[status.open_level]
            widget = self._reminder(f"<b>⚠ {words_of_level.title}.</b> {words_of_level.advice[0]}", name="alertCard",
                                    button=self.tr("Read the advice"))
        elif view == gate.ADVICE:
            found = safety_service.open_findings(record, content)
            widget = SafetyAdvice(content, status.open_level, found, self.programme.confirm_assessed)
            widget.confirmed.connect(lambda level: QTimer.singleShot(0, lambda: self.confirmed.emit(level)))
        elif view == gate.CHECK:
            widget = self._check(status, trigger, request)
        elif view == gate.REMINDER:
            widget = self._reminder(words.banner_paused if status.open_level != CLEAR
                                    else words.banner_not_screened)
        elif view in (gate.WAIT_FOR_CHECK, gate.WAIT_FOR_CHECKUP, gate.WAIT_FOR_SURGEON):
            text = {gate.WAIT_FOR_CHECK: words.exercises_not_screened,
                    gate.WAIT_FOR_CHECKUP: words.exercises_paused,
                    gate.WAIT_FOR_SURGEON: " ".join(content.surgery_note)}[view]
            widget = self._reminder(text, name="alertCard" if view == gate.WAIT_FOR_CHECKUP else "todoCard")
        elif self.notice:
            widget = card(label("✓ " + self.notice), name="doneCard")
        if widget is None:
            self.hide()
            return
        self.body = self._framed(widget, scroll=view in (gate.ADVICE, gate.CHECK), covers=view in COVERING)
        self._layout.addWidget(self.body)
        self.body.show()
        self.show()

    def _check(self, status, trigger, request) -> QWidget:
        rules = trigger_rules()
        checks = self.programme.content.safety.checks
        today = self.programme.clock.today().isoformat()
        if request:
            kind, occasion, reason = "nerve", f"{request}-{today}", checks[request]
        else:
            days = rules.pain_days_in_a_row if trigger.kind == "pain" else rules.flare_up_longer_than_days
            reason = checks[trigger.kind].format(pain=rules.pain_at_least, days=days)
            kind, occasion = "weekly", f"{trigger.kind}-{today}"
        check = SafetyCheck(self.programme, kind, occasion, reason)
        check.answered.connect(self._answered)
        return check

    def _answered(self, level: str) -> None:
        if level == CLEAR:
            self.notice = self.programme.content.safety.words.all_clear
        self._key = ()
        self.refresh()

    def _reminder(self, text: str, name: str = "todoCard", button: str = "") -> QWidget:
        frame = QFrame()
        frame.setObjectName(name)
        row = QHBoxLayout(frame)
        row.setContentsMargins(16, 10, 16, 10)
        row.addWidget(label(text), 1)
        if self.section != gate.WEEK:
            button = QPushButton(button or self.tr("Go to This week"))
            button.clicked.connect(lambda: self.signals.section_requested.emit(gate.WEEK))
            row.addWidget(button)
        return frame

    def _framed(self, widget: QWidget, scroll: bool, covers: bool) -> QWidget:
        if not scroll:
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(24, 16, 24, 0)
            layout.addWidget(widget)
            if covers:
                layout.addStretch(1)
            return holder
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.NoFrame)
        holder = QWidget()
        holder.setObjectName("page")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(widget)
        layout.addStretch(1)
        area.setWidget(holder)
        return area
