"""This week: getting started, safety advice and checks, the weekly session, and library mode.

After a lock in the middle of a flow, it first asks whether to carry on from where the patient
was (flow_progress.py keeps the flow's step and answers in the profile's own database).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.content.safety import trigger_rules
from desktop.domain.safety_rules import CLEAR, findings, session_check_done
from desktop.domain.schedule import SessionState, current_session
from desktop.store import safety_service
from desktop.store.diary_service import DiaryService
from desktop.store.programme_service import ProgrammeService
from desktop.ui.base.signals import AppSignals
from desktop.ui.programme.mood_check import MoodCheck
from desktop.ui.programme.onboarding_flow import OnboardingFlow
from desktop.ui.programme.rmdq_flow import RmdqFlow
from desktop.ui.programme.safety_advice import SafetyAdvice
from desktop.ui.programme.safety_check import SafetyCheck
from desktop.ui.programme.session_flow import SessionFlow
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.goal_text import describe
from desktop.ui.widgets.step_flow import paragraphs
from desktop.ui.widgets.widgets import card, column, discard, label
from desktop.ui.widgets.wrapping_check import WrappingCheck


class _GoalDiary:
    """The diary as a session sees it, listing fewer exercises to choose from (in pregnancy)."""

    def __init__(self, diary: DiaryService, catalogue):
        self._diary = diary
        self.catalogue = catalogue

    def __getattr__(self, name: str):
        return getattr(self._diary, name)


class WeekPage(QWidget):
    def __init__(self, programme: ProgrammeService, diary: DiaryService, signals: AppSignals,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.programme = programme
        self.diary = diary
        self.signals = signals
        self.flow: QWidget | None = None
        self.all_clear: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(32, 24, 32, 16)
        self.body: QWidget | None = None
        self.kept: dict | None = None  # a flow kept at a lock, waiting for "Carry on" or "Start again"
        self._forget_kept = lambda: None
        signals.programme_changed.connect(self.refresh)
        self.refresh()

    # What to show ----------------------------------------------------------------------
    def refresh(self) -> None:
        if self.flow is not None:
            return  # never pull a flow away from under the patient
        self.ready_to_start = False  # True only while "Get started" is all this page offers
        if self.kept is not None:
            if self.can_carry_on(self.kept):
                self._show_offer(self.kept)
                return
            self._decided()
        snapshot = self.programme.snapshot()
        content = self.programme.content
        record = self.programme.safety_record()
        # No diary here: the diary's triggers are the safety gate's; this page asks the history check.
        status = safety_service.status(record, content.safety, (), trigger_rules(), self.programme.clock.today(),
                                       snapshot.onboarded)[0]
        if snapshot.paused_for_safety:
            self._show_pause(record, snapshot.safety_outcome or "same_day")
        elif status.pending_check == "history":
            check = SafetyCheck(self.programme, "history", "history", content.safety.checks["history"])
            self._show_cards(check)
        elif not snapshot.onboarded and status.screened:
            self._show_cards(label(content.onboarding.welcome_title, "h1"),
                             self._button(self.tr("&Carry on getting started"),
                                          lambda _=False: self.start_onboarding(resume=True)))
        elif not snapshot.onboarded:
            # The welcome and what to expect are the first step of getting started: said there, once.
            self.ready_to_start = True
            self._show_cards(label(content.onboarding.welcome_title, "h1"),
                             label(content.onboarding.not_started),
                             self._button(self.tr("&Get started"), lambda _=False: self.start_onboarding()))
        elif status.surgery_hold:
            self._show_surgery_hold()
        elif self._mood_due(snapshot, record):
            self.start_mood("session6")
        elif self.programme.in_library(snapshot):
            self._show_library(snapshot, record)
        else:
            status = current_session(self.programme.statuses(snapshot))
            widgets = [label(self.tr("This week"), "h1")]
            if status.state == SessionState.OPEN:
                title = (content.sessions.session1.title if status.number == 1
                         else self.tr("Session %1 is ready").replace("%1", str(status.number)))
                widgets += [label(title, "h2")]
                if status.opens_on and self.programme.clock.today() > status.opens_on:
                    widgets.append(label(content.sessions.late, "muted"))
                widgets.append(self._button(self.tr("&Start session %1").replace("%1", str(status.number)),
                                            lambda _=False, n=status.number: self.start_session(n)))
            else:
                widgets.append(label(content.sessions.locked.format(date=long_day(status.opens_on))))
            widgets += self._goal_widgets(snapshot) + self._pregnancy_widgets(record)
            self._show_cards(*widgets)

    def _goal_widgets(self, snapshot) -> list[QWidget]:
        if not snapshot.goals:
            return []
        widgets = [label(self.tr("Your goal this week"), "h2")]
        for goal in snapshot.goals:
            words = describe(goal, self.diary.catalogue)
            widgets.append(label("• " + words[:1].upper() + words[1:]))
        plan = snapshot.goals[0]
        if plan.plan_when or plan.plan_where:
            widgets.append(label(self.tr("Your plan: %1 %2").replace("%1", plan.plan_when)
                                 .replace("%2", plan.plan_where), "muted"))
        return widgets

    def _pregnancy_widgets(self, record) -> list[QWidget]:
        if not safety_service.pregnant(record):
            return []
        words = self.programme.content.safety.words
        over = QPushButton(words.pregnancy_over)
        over.clicked.connect(lambda: self.programme.set_circumstance("pregnant", False))
        return [card(label(words.pregnancy_note), column(over), name="tipCard")]

    def _show_library(self, snapshot, record) -> None:
        content = self.programme.content
        widgets = [label(content.sessions.library.title, "h1"), paragraphs(content.sessions.library.intro)]
        for occasion in self.programme.follow_ups_due(snapshot):  # none or one
            widgets.append(self._button(self.tr("Answer a short questionnaire about your back"),
                                        lambda _=False, o=occasion: self.start_rmdq(o)))
        last = snapshot.sessions[-1]
        opens = last.completed_on + dt.timedelta(days=content.rules.unlock_days)
        if self.programme.clock.today() >= opens:
            widgets.append(self._button(self.tr("&Review your week and set next week's goal"),
                                        lambda _=False, n=last.number + 1: self.start_session(n)))
        else:
            widgets.append(label(self.tr("Your next weekly review opens on %1.").replace("%1", long_day(opens))))
        widgets += self._goal_widgets(snapshot) + self._pregnancy_widgets(record)
        self._show_cards(*widgets)

    def _show_pause(self, record, level: str) -> None:
        content = self.programme.content.safety
        found = safety_service.open_findings(record, content)
        advice = SafetyAdvice(content, level, found, self.programme.confirm_assessed)
        advice.confirmed.connect(lambda _level: QTimer.singleShot(0, self.resume_after_check))
        self._show_cards(advice)

    def _show_surgery_hold(self) -> None:
        safety = self.programme.content.safety
        tick = WrappingCheck(safety.words.surgery_confirm)
        start = self._button(safety.words.surgery_button, lambda _=False: self.programme.confirm_assessed("surgery"))
        start.setEnabled(False)
        tick.toggled.connect(start.setEnabled)
        self._show_cards(card(label(safety.words.surgery_title, "h1"), paragraphs(list(safety.surgery_note)),
                              tick, column(start), name="todoCard"))

    def _mood_due(self, snapshot, record) -> bool:
        six = self.programme.rules.sessions
        return (any(s.number == six for s in snapshot.sessions)
                and not safety_service.mood_scores(record, f"session{six}"))

    def resume_after_check(self) -> None:
        """After 'I have been checked': carry on where the patient was, not at the start."""
        snapshot = self.programme.snapshot()
        if self.flow is not None or snapshot.paused_for_safety:
            return
        if not snapshot.onboarded:
            self.start_onboarding(resume=True)
            return
        status = current_session(self.programme.statuses(snapshot))
        if status.state == SessionState.OPEN and status.number > 1 and self._session_checked(status.number):
            self.start_session(status.number)

    def _session_checked(self, number: int) -> bool:
        record = self.programme.safety_record()
        check = record.check(f"session{number}")
        if check is None:
            return False
        found = findings(self.programme.content.safety.items, check.answers, {}, record.clearances)
        return session_check_done(check.answered_on, not found, record.last_confirmed(
            ("emergency", "same_day", "soon")), self.programme.clock.today())

    # Carrying on after a lock -------------------------------------------------------------
    def can_carry_on(self, kept: dict) -> bool:
        """Whether the kept flow is still the one this page would start now."""
        snapshot = self.programme.snapshot()
        kind = kept.get("kind")
        if snapshot.paused_for_safety or (kind == "onboarding") == snapshot.onboarded:
            return False
        if kind == "rmdq":
            return kept.get("occasion") in self.programme.follow_ups_due(snapshot)
        return kind == "onboarding" or (kind == "session" and kept.get("number") == self._open_session(snapshot))

    def _open_session(self, snapshot) -> int | None:
        if self.programme.in_library(snapshot):
            last = snapshot.sessions[-1]
            opens = last.completed_on + dt.timedelta(days=self.programme.content.rules.unlock_days)
            return last.number + 1 if self.programme.clock.today() >= opens else None
        status = current_session(self.programme.statuses(snapshot))
        return status.number if status.state == SessionState.OPEN else None

    def offer_to_carry_on(self, kept: dict, forget) -> None:
        """Ask "Carry on from where you were?"; ``forget`` drops the kept flow once the patient has chosen."""
        self.kept, self._forget_kept = kept, forget
        self.refresh()

    def _show_offer(self, kept: dict) -> None:
        kind, number = kept.get("kind"), kept.get("number")
        what = {"onboarding": text("carry_on_what_onboarding"), "rmdq": text("carry_on_what_questionnaire")}.get(
            kind, text("carry_on_what_session", number=number) if isinstance(number, int)
            and number <= self.programme.content.rules.sessions else text("carry_on_what_review"))
        self.carry_on_button = self._button(text("carry_on_button"), lambda _=False: self.carry_on())
        self.start_again_button = QPushButton(text("carry_on_start_again" if kind == "session"
                                                   else "carry_on_start_again_other"))
        self.start_again_button.clicked.connect(lambda _=False: self.start_again())
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.carry_on_button)
        row.addWidget(self.start_again_button)
        row.addStretch(1)
        self._show_cards(label(text("carry_on_heading"), "h1"), label(text("carry_on_text", what=what)), buttons)
        QTimer.singleShot(0, self.carry_on_button.setFocus)  # once shown: Enter carries on

    def _decided(self) -> dict | None:
        kept, self.kept = self.kept, None
        self._forget_kept()
        self._forget_kept = lambda: None
        return kept

    def carry_on(self) -> None:
        from desktop.ui.programme.flow_progress import replay

        kept = self._decided()
        replay(self._start_kept(kept, resumed=True), kept)

    def start_again(self) -> None:
        self._start_kept(self._decided(), resumed=False)

    def _start_kept(self, kept: dict, resumed: bool):
        if kept["kind"] == "onboarding":
            return self.start_onboarding(bool(kept.get("safety_checked")))
        if kept["kind"] == "rmdq":
            return self.start_rmdq(kept["occasion"])
        return self.start_session(kept["number"], record=not resumed)

    # Flows -------------------------------------------------------------------------------
    def start_onboarding(self, resume: bool = False) -> OnboardingFlow:
        flow = OnboardingFlow(self.programme, resume)
        flow.completed.connect(lambda _outcome: self._flow_done())
        flow.stopped_for_safety.connect(lambda _outcome: self._flow_done())
        self._show_flow(flow)
        return flow

    def start_session(self, number: int, record: bool = True) -> SessionFlow:
        if record:  # not when carrying on with one already started
            self.programme.record_event("session_started", session=number)
        diary = self.diary
        if safety_service.pregnant(self.programme.safety_record()):
            prone = frozenset(e.key for e in self.diary.catalogue.exercises if e.prone)
            diary = _GoalDiary(self.diary, self.diary.catalogue.without(prone))
        checked = number > 1 and self._session_checked(number)
        flow = SessionFlow(number, self.programme, diary)
        flow.completed.connect(self._session_done)
        flow.exercises_requested.connect(lambda: self.signals.section_requested.emit("exercises"))
        flow.stopped_for_safety.connect(lambda _outcome: self._flow_done())
        if number > 1:
            flow.step_changed.connect(lambda index, n=number: self._after_check(index, n))
        self._show_flow(flow)
        if checked:  # resume after the check already answered: it is not asked again
            first = flow.steps[0]
            first.check = lambda: None
            first.shown = lambda: False
            flow.next()
        return flow

    def _after_check(self, index: int, number: int) -> None:
        """The all-clear, once a session's check found nothing to act on."""
        if self.all_clear is None:
            return
        record = self.programme.safety_record()
        check = record.check(f"session{number}")
        clear = check is not None and not any(check.answers.values()) and record.open_level == CLEAR
        self.all_clear.setVisible(index > 0 and clear and check.answered_on == self.programme.clock.today())

    def start_rmdq(self, occasion: str) -> RmdqFlow:
        flow = RmdqFlow(self.programme, occasion)
        flow.completed.connect(lambda: self._flow_done())
        self._show_flow(flow)
        return flow

    def start_mood(self, occasion: str) -> MoodCheck:
        check = MoodCheck(self.programme, occasion)
        check.done.connect(self._flow_done)
        self._show_flow(check)
        return check

    def _show_flow(self, flow: QWidget) -> None:
        self.all_clear = card(label("✓ " + self.programme.content.safety.words.all_clear), name="doneCard")
        self.all_clear.setVisible(False)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.all_clear)
        layout.addWidget(flow, 1)
        self._replace(holder)
        self.flow = flow

    def _session_done(self, number: int) -> None:
        """A short completion screen: what was chosen, and when the next session opens."""
        self.flow = None
        self.all_clear = None
        snapshot = self.programme.snapshot()
        if self._mood_due(snapshot, self.programme.safety_record()):
            self.refresh()  # the mood questions come first (session 6)
            return
        done = next((s for s in snapshot.sessions if s.number == number), None)
        widgets: list[QWidget] = [label(text("session_done_title", number=number), "h1")]
        if snapshot.goals:
            goal_words = "; ".join(describe(goal, self.diary.catalogue) for goal in snapshot.goals)
            widgets.append(label(text("session_done_goal", goal=goal_words)))
            planned = next((g for g in snapshot.goals if g.plan_when or g.plan_where), None)
            if planned is not None:
                widgets.append(label(text("session_done_plan", when=planned.plan_when, where=planned.plan_where),
                                     "muted"))
        if done is not None and done.module_id and any(m.id == done.module_id for m in self.programme.content.modules):
            title = next((m.title for m in self.programme.content.modules if m.id == done.module_id), "")
            widgets.append(label(text("session_done_module", module=title)))
        opens = (done.completed_on if done else self.programme.clock.today()) + dt.timedelta(
            days=self.programme.content.rules.unlock_days)
        key = "session_done_library" if number >= self.programme.content.rules.sessions else "session_done_next"
        widgets.append(label(text(key, date=long_day(opens))))
        done_row = QWidget()  # a button of its own size, not a bar across the page
        row = QHBoxLayout(done_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._button(self.tr("&Done"), lambda _=False: self.refresh()))
        row.addStretch(1)
        widgets.append(done_row)
        self._show_cards(*widgets)

    def _flow_done(self) -> None:
        self.flow = None
        self.all_clear = None
        self.refresh()  # the store announced the saved answers while the flow was still showing

    # Layout helpers ----------------------------------------------------------------------
    def _button(self, caption: str, action) -> QPushButton:
        button = QPushButton(caption)
        button.setObjectName("primary")
        button.clicked.connect(action)
        return button

    def _show_cards(self, *widgets: QWidget) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setSpacing(14)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll.setWidget(holder)
        self._replace(scroll)

    def _replace(self, widget: QWidget) -> None:
        if self.body is not None:
            self._layout.removeWidget(self.body)
            discard(self.body)
        self.body = widget
        self._layout.addWidget(widget)
        widget.show()

