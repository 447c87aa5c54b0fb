"""Getting started: welcome, the safety check (signs, then health history asked once), how your
back is now, about your back, how you have been feeling, reminders.

Each safety step is saved as it is answered. Advice stops the flow (the page shows it); once the
patient confirms being checked, the flow is made again with ``resume`` and carries on from the
first step not yet answered, never from the Welcome."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from desktop.content.loader import text
from desktop.domain.questionnaires import suggest_clinician
from desktop.domain.safety_rules import CLEAR, check_items, unasked
from desktop.store import safety_service
from desktop.store.programme_service import Onboarding, ProgrammeService
from desktop.ui.programme.history_list import HistoryList
from desktop.ui.programme.mood_check import MoodQuestions, needs_help, signposting
from desktop.ui.programme.rmdq_checklist import RmdqChecklist
from desktop.ui.widgets.scale_input import ScaleInput
from desktop.ui.widgets.step_flow import Step, StepFlow, paragraphs
from desktop.ui.widgets.widgets import card, column, discard, label
from desktop.ui.widgets.yes_no_list import YesNoList


class OnboardingFlow(StepFlow):
    """Emits completed(outcome) once everything is saved, or stopped_for_safety(outcome)."""

    completed = Signal(str)
    stopped_for_safety = Signal(str)

    def __init__(self, programme: ProgrammeService, resume: bool = False, parent: QWidget | None = None):
        content = programme.content
        super().__init__(content.onboarding.welcome_title, parent)
        self.programme = programme
        self.content = content
        safety = content.safety
        record = programme.safety_record()
        self.resume = resume
        self.signs_answered = resume and safety_service.screened(record, safety)
        self.history_answered = resume and not unasked(safety.items, record.known())
        onboarding, baseline = content.onboarding, content.baseline
        not_chosen = text("scale_not_chosen")

        self.add(Step(self.tr("Welcome"), paragraphs(onboarding.welcome + onboarding.what_to_expect),
                      shown=lambda: not self.resume))

        self.safety = YesNoList(content.safety_questions)
        self.add(Step(self.tr("First, a quick safety check"),
                      column(label(safety.words.first_intro), label(safety.words.first_new, "muted"),
                             self.safety),
                      check=self._check_safety, shown=lambda: not self.signs_answered))

        once = {item.id for item in check_items(safety.items, "history")}
        self.history = HistoryList(tuple(q for q in safety.questions if q.id in once), safety.words.clearance)
        self.add(Step(self.tr("About your health"), column(label(safety.words.history_intro), self.history),
                      check=self._check_history, shown=lambda: not self.history_answered))

        self.all_clear = card(label("✓ " + safety.words.all_clear), name="doneCard")
        self.all_clear.setVisible(False)
        self.pain_now = ScaleInput(baseline.pain_now, text("pain_low"), text("pain_high"), not_chosen)
        self.pain_week = ScaleInput(baseline.pain_week, text("pain_low"), text("pain_high"), not_chosen)
        self.limitation = ScaleInput(baseline.limitation_week, text("limitation_low"), text("limitation_high"),
                                     not_chosen)
        self.add(Step(self.tr("How your back is now"),
                      column(self.all_clear, label(baseline.intro), self.pain_now, self.pain_week,
                             self.limitation),
                      check=self._check_baseline))

        self.rmdq = RmdqChecklist(content)
        self.add(Step(self.tr("What your back stops you doing"), self.rmdq))

        self.barriers = YesNoList(content.barrier_questions)
        self.add(Step(self.tr("About your back"), column(label(content.barriers.intro), self.barriers),
                      check=lambda: self._all_answered(self.barriers)))

        self.mood = MoodQuestions()
        self.add(Step(self.tr("How you have been feeling"), column(label(self.mood.content.intro), self.mood),
                      check=self._check_mood))

        self.remind = QCheckBox(onboarding.reminder_time_label)
        self.remind_time = QTimeEdit(QTime(19, 0))
        self.remind_time.setDisplayFormat("HH:mm")
        self.remind_time.setAccessibleName(onboarding.reminder_time_label)
        self.remind.toggled.connect(self.remind_time.setEnabled)
        self.remind_time.setEnabled(False)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.remind)
        row_layout.addWidget(self.remind_time)
        row_layout.addStretch(1)
        self.clinic_code = QLineEdit()
        self.clinic_code.setMaxLength(64)
        self.clinic_code.setAccessibleName(onboarding.clinic_code_intro)
        self.add(Step(self.tr("Reminders and your clinic"),
                      column(label(onboarding.reminders_intro), row, label(onboarding.clinic_code_intro),
                             self.clinic_code)))

        self.done_text = column()
        self.add(Step(self.tr("You are ready"), self.done_text, entered=self._fill_done))
        self.finished.connect(self._save)
        if resume:
            self._show(self._neighbour(+1) if not self.steps[0].shown() else 0)

    # Checks ------------------------------------------------------------------------------
    def _all_answered(self, questions: YesNoList) -> str | None:
        missing = questions.unanswered()
        if missing:
            return self.tr("Please answer Yes or No to every question (%1 left).").replace("%1", str(len(missing)))
        return None

    def _check_safety(self) -> str | None:
        problem = self._all_answered(self.safety)
        if problem:
            return problem
        return self._record("onboarding", self.safety.answers())

    def _check_history(self) -> str | None:
        problem = self._all_answered(self.history)
        if problem:
            return problem
        return self._record("history", self.history.answers(), self.history.clearances())

    def _record(self, occasion: str, answers: dict, clearances: frozenset[str] = frozenset()) -> str | None:
        """Save a safety step. Advice stops the flow here: it matters more than finishing the
        questions; the programme is paused and the page shows the advice."""
        outcome = self.programme.record_screening(occasion, answers, clearances)
        if outcome != CLEAR:
            self.stopped_for_safety.emit(outcome)
            return ""
        self.all_clear.setVisible(True)
        return None

    def _check_mood(self) -> str | None:
        missing = self.mood.unanswered()
        if missing:
            return self.tr("Please choose an answer for every question (%1 left).").replace("%1", str(len(missing)))
        return None

    def _check_baseline(self) -> str | None:
        for scale in (self.pain_now, self.pain_week, self.limitation):
            if scale.value() is None:
                scale.setFocus()
                return self.tr("Please choose a number from 0 to 10 for each question.")
        return None

    def next(self) -> None:
        problem = self.current().check()
        if problem == "":  # the step took over (red-flag advice shown)
            return
        super().next()

    # Finishing ---------------------------------------------------------------------------
    def _indicators(self) -> set[str]:
        indicator_of = {q.id: q.tag for q in self.content.barrier_questions}
        return {indicator_of[q] for q, yes in self.barriers.answers().items() if yes}

    def _fill_done(self) -> None:
        layout = self.done_text.layout()
        while layout.count():
            discard(layout.takeAt(0).widget())
        texts = list(self.content.onboarding.done)
        indicators = self._indicators()
        for indicator in sorted(indicators):
            texts.append(self.content.barriers.tailoring[indicator][0])
        layout.addWidget(paragraphs(texts))
        if suggest_clinician(indicators, self.content.rules.suggest_clinician_from_indicators):
            layout.addWidget(card(label(self.content.barriers.suggest_clinician), name="tipCard"))
        if not self.mood.unanswered() and needs_help(self.mood.scores()):
            layout.addWidget(signposting(self.mood.content))
        safety = self.content.safety
        known = {**self.programme.safety_record().known(), **self.history.answers()}
        if known.get("pregnant"):
            layout.addWidget(card(label(safety.words.pregnancy_note), name="tipCard"))
        if known.get("spinal_surgery"):
            layout.addWidget(card(label(safety.words.surgery_title, "h2"), paragraphs(list(safety.surgery_note)),
                                  name="todoCard"))

    def answers(self) -> Onboarding:
        return Onboarding(
            safety=None,  # saved step by step
            pain_now=self.pain_now.value(), pain_week=self.pain_week.value(),
            limitation_week=self.limitation.value(),
            rmdq=self.rmdq.answers(),
            barriers=self.barriers.answers(),
            reminder_time=self.remind_time.time().toString("HH:mm") if self.remind.isChecked() else None,
            clinic_code=self.clinic_code.text(),
            mood=self.mood.answers() if not self.mood.unanswered() else None)

    def _save(self) -> None:
        outcome = self.programme.complete_onboarding(self.answers())
        self.completed.emit(outcome)
