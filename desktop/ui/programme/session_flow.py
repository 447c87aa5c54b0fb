"""A weekly session: session 1 gets started; later sessions review the week and set the next goal."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from desktop.content.expectation_words import week_line
from desktop.content.loader import ExerciseCatalogue, text
from desktop.domain import feedback as fb
from desktop.domain.goals import EXERCISES, WALKING, level_for, suggested_goal
from desktop.domain.questionnaires import CLEAR, screening_outcome
from desktop.store.diary_service import DiaryService
from desktop.store.programme_service import ProgrammeService, ProgrammeSnapshot, SessionResult
from desktop.store.rating_service import RatingService
from desktop.ui.programme.goal_editor import GoalEditor
from desktop.ui.programme.rmdq_checklist import RmdqChecklist
from desktop.ui.programme.weekly_goal_step import CHOICE_KEYS, WeeklyGoalStep
from desktop.ui.widgets.choice_cards import ChoiceCards
from desktop.ui.widgets.goal_text import describe
from desktop.ui.widgets.number_box import NumberBox
from desktop.ui.widgets.scale_input import ScaleInput
from desktop.ui.widgets.step_flow import Step, StepFlow, paragraphs
from desktop.ui.widgets.widgets import card, column, discard, label
from desktop.ui.widgets.yes_no_list import YesNoList

if TYPE_CHECKING:
    from desktop.content.programme_schema import Page

LATER = "later"  # the reading step's "Choose later" card


class SessionFlow(StepFlow):
    """Emits completed(number) once saved, or stopped_for_safety(outcome)."""

    completed = Signal(int)
    stopped_for_safety = Signal(str)
    exercises_requested = Signal()  # the patient wants to see how the exercises are done

    def __init__(self, number: int, programme: ProgrammeService, diary: DiaryService,
                 parent: QWidget | None = None):
        content = programme.content
        self.number = number
        self.programme = programme
        self.diary = diary
        self.content = content
        self.rules = content.rules
        self.catalogue: ExerciseCatalogue = diary.catalogue
        self.snapshot: ProgrammeSnapshot = programme.snapshot()
        sessions = content.sessions
        heading = (sessions.session1.title if number == 1
                   else self.tr("Session %1").replace("%1", str(number)) if number <= self.rules.sessions
                   else sessions.library.title)
        super().__init__(heading, parent)
        self._editors: list[GoalEditor] = []  # session 1's; later sessions' are the goal step's
        self.goal_step: WeeklyGoalStep | None = None
        if number == 1:
            self._build_session1()
        else:
            self._build_review()
        self.finished.connect(self._save)

    @property
    def editors(self) -> list[GoalEditor]:
        return self.goal_step.editors if self.goal_step is not None else self._editors

    # Session 1 ---------------------------------------------------------------------------
    def _build_session1(self) -> None:
        session1 = self.content.sessions.session1
        reassurance = list(session1.page("reassurance").paragraphs)
        for indicator in sorted(self.snapshot.indicators):
            reassurance += self.content.barriers.tailoring[indicator][:1]
        self.add(Step(session1.page("reassurance").title, paragraphs(reassurance)))
        why_activity = session1.page("why_activity")
        self.add(Step(why_activity.title, paragraphs(why_activity.paragraphs)))
        self.walking = QCheckBox(self.tr("Walking"))
        self.exercises = QCheckBox(self.tr("Back exercises"))
        choose, goal = session1.page("choose"), session1.page("goal")
        self.add(Step(choose.title, column(paragraphs(choose.paragraphs), card(self.walking, self.exercises)),
                      check=self._check_choice))
        self.goal_box = column(paragraphs(goal.paragraphs))
        self.add(Step(goal.title, column(self._watch_button(), self.goal_box), check=self._check_goals,
                      entered=self._make_editors))
        self._add_plan_step(session1.page("plan"))

    def _watch_button(self) -> QWidget:
        button = QPushButton(self.tr("Watch how the exercises are done"))
        button.clicked.connect(lambda: self.exercises_requested.emit())
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(button)
        layout.addStretch(1)
        return row

    def _check_choice(self) -> str | None:
        if not (self.walking.isChecked() or self.exercises.isChecked()):
            return self.tr("Please choose walking, back exercises, or both.")
        return None

    def _baseline_level(self) -> int:
        return level_for(self.programme.baseline_limitation() or 0, self.rules)

    def _make_editors(self) -> None:
        wanted = [a for a, box in ((WALKING, self.walking), (EXERCISES, self.exercises)) if box.isChecked()]
        if [e.base.activity for e in self.editors] == wanted:
            return
        for editor in self.editors:
            discard(editor)
        level = self._baseline_level()
        self._editors = [GoalEditor(suggested_goal(a, level, self.rules), self.rules, self.catalogue) for a in wanted]
        for editor in self.editors:
            self.goal_box.layout().addWidget(editor)

    def _check_goals(self) -> str | None:
        for editor in self.editors:
            problem = editor.problem()
            if problem:
                return problem
        return None

    def _add_plan_step(self, page: Page | None = None) -> None:
        if_then = self.content.sessions.if_then
        self.plan_when = QLineEdit()
        self.plan_when.setAccessibleName(if_then.when_label)
        self.plan_where = QLineEdit()
        self.plan_where.setAccessibleName(if_then.where_label)
        texts = list(page.paragraphs) if page else []
        widgets = [paragraphs(texts + [if_then.intro]), label(if_then.example, "muted"),
                   label(if_then.when_label), self.plan_when, label(if_then.where_label), self.plan_where]
        self.add(Step(page.title if page else self.tr("Your plan"), column(*widgets), entered=self._fill_plan))

    def _fill_plan(self) -> None:
        if not self.plan_when.text() and self.snapshot.goals:
            self.plan_when.setText(self.snapshot.goals[0].plan_when)
            self.plan_where.setText(self.snapshot.goals[0].plan_where)

    # Sessions 2-6 and weekly reviews -------------------------------------------------------
    def _build_review(self) -> None:
        sessions = self.content.sessions
        self.safety = YesNoList(self.content.safety_questions)
        self.add(Step(self.tr("A quick safety check"), column(label(self.content.safety.words.intro), self.safety),
                      check=self._check_safety))

        last = self.snapshot.sessions[-1]
        self.week_start = last.completed_on
        entries = self.diary.between(self.week_start - dt.timedelta(days=7), self.week_start + dt.timedelta(days=6))
        self.review = fb.review_week(self.snapshot.goals, entries, self.week_start)
        goal_words = "; ".join(describe(g, self.catalogue) for g in self.snapshot.goals)
        self.days_met = NumberBox(0, 7, self.tr(" days"), self.tr("Days you met your goal"))
        self.days_met.setValue(self.review.days_met)
        self.days_met.setMaximumWidth(240)
        values = {"goal": goal_words, "planned": self.review.days_planned, "met": self.review.days_met}
        self.add(Step(sessions.review.title, column(
            label(sessions.review.intro.format(**values)),
            label(sessions.review.days_met_question.format(**values), "h2"), self.days_met)))

        self.feedback_box = column()
        self.obstacles = QButtonGroup(self)
        from desktop.store.call_requests import CallRequestService
        from desktop.ui.pages.call_request_card import CallRequestCard

        self.call_request = CallRequestCard(CallRequestService(self.diary.database, self.diary.clock))
        self.add(Step(self.tr("How your week went"), column(self.feedback_box, self.call_request),
                      entered=self._fill_feedback))

        self.limitation = ScaleInput(sessions.rerate.question, text("limitation_low"), text("limitation_high"),
                                     text("scale_not_chosen"))
        self.level_note = label("", "muted")
        self.limitation.value_changed.connect(lambda _v: self._explain_level())
        self.add(Step(self.tr("How much pain limited your week"), column(self.limitation, self.level_note),
                      check=lambda: None if self.limitation.value() is not None
                      else self.tr("Please choose a number from 0 to 10.")))

        self.goal_step = WeeklyGoalStep(sessions.goal_choice, self.rules, self.catalogue, self.snapshot.goals,
                                        self._watch_button())
        self.choice = self.goal_step.choice  # ids 0-3: keep, step up, step down, change
        self.goal_box = self.goal_step.goal_box
        self.add(Step(self.tr("Your goal for next week"), self.goal_step,
                      entered=lambda: self.goal_step.enter(self._level(), self._feedback().suggestion),
                      check=self.goal_step.problem))
        self._add_plan_step()

        if self.number <= self.rules.sessions:
            self._add_reading_step()
        if self.number == self.rules.sessions:
            self.rmdq = RmdqChecklist(self.content, intro=sessions.session6.rmdq_intro)
            self.add(Step(self.tr("Looking back"), column(paragraphs(sessions.session6.look_back), self.rmdq)))

    def _add_reading_step(self) -> None:
        """One Learn topic to open this week, as wrapped cards; or "Choose later"."""
        unlocked = set(self.programme.unlocked_modules(self.snapshot))
        locked = [module for module in self.content.modules if module.id not in unlocked]
        if not locked:
            return
        self.reading = ChoiceCards(text("module_choice_title"))
        for module in locked:
            self.reading.add(module.id, module.title, [module.summary, text("module_minutes", minutes=module.minutes)])
        self.reading.add(LATER, text("module_later_title"), [text("module_later_summary")])
        self.reading_step = self.add(Step(text("module_choice_title"), column(
            label(self.content.sessions.module_choice.intro), self.reading),
            check=lambda: None if self.reading.key() is not None else text("module_choice_needed")))

    def _chosen_module(self) -> str | None:
        reading = getattr(self, "reading", None)
        chosen = reading.key() if reading is not None else None
        return chosen if chosen != LATER else None

    def _check_safety(self) -> str | None:
        missing = self.safety.unanswered()
        if missing:
            return self.tr("Please answer Yes or No to every question (%1 left).").replace("%1", str(len(missing)))
        answers = self.safety.answers()
        outcome = screening_outcome(answers, {q.id: q.tag for q in self.content.safety_questions})
        self.programme.record_screening(f"session{self.number}", answers)
        if outcome != CLEAR:  # the session stops; the page shows the advice
            self.stopped_for_safety.emit(outcome)
            return ""
        return None

    def next(self) -> None:
        problem = self.current().check()
        if problem == "":
            return
        super().next()

    def _feedback(self) -> fb.Feedback:
        review = fb.WeekReview(self.days_met.value(), self.review.days_planned, self.review.pain_this_week,
                               self.review.pain_week_before)
        return fb.feedback_for(review, self.rules)

    def _fill_feedback(self) -> None:
        layout = self.feedback_box.layout()
        while layout.count():
            discard(layout.takeAt(0).widget())
        for button in self.obstacles.buttons():
            self.obstacles.removeButton(button)
        result = self._feedback()
        activity = (self.tr("walking") if all(g.activity == WALKING for g in self.snapshot.goals)
                    else self.tr("your back exercises") if all(g.activity == EXERCISES for g in self.snapshot.goals)
                    else self.tr("being active"))
        message = fb.pick_variant(self.content.feedback.variants(result.message_key), self.number).format(
            activity=activity, met=self.days_met.value(), planned=self.review.days_planned)
        layout.addWidget(card(label(message), name="tipCard"))
        # What the patient expected before being active this week, and what happened (if rated).
        rated = RatingService(self.diary.database, self.diary.clock).between(self.week_start - dt.timedelta(days=7))
        expected_line = week_line(fb.ratings_of_week(rated, self.week_start))
        if expected_line:
            layout.addWidget(label(expected_line))
        for indicator in sorted(self.snapshot.indicators):
            tailoring = self.content.barriers.tailoring[indicator]
            layout.addWidget(label(tailoring[self.number % len(tailoring)], "muted"))
        if result.ask_obstacles:
            layout.addWidget(label(self.tr("What got in the way most?"), "h2"))
            self.tip = label("")
            obstacles = dict(self.content.feedback.obstacle_list())
            for index, (key, item) in enumerate(obstacles.items()):
                button = QRadioButton(item.label)
                button.setProperty("obstacle", key)
                self.obstacles.addButton(button, index)
                layout.addWidget(button)
            self.obstacles.buttonClicked.connect(
                lambda b: self.tip.setText(obstacles[b.property("obstacle")].tip))
            layout.addWidget(self.tip)

    def _level(self) -> int:
        return level_for(self.limitation.value() or 0, self.rules)

    def _explain_level(self) -> None:
        rerate = self.content.sessions.rerate
        self.level_note.setText(rerate.level1_explained if self._level() == 1 else rerate.level2_explained)

    # Saving ------------------------------------------------------------------------------
    def _save(self) -> None:
        plan_when, plan_where = self.plan_when.text().strip(), self.plan_where.text().strip()
        goals = tuple(e.goal() for e in self.editors)
        goals = tuple(replace(g, plan_when=plan_when, plan_where=plan_where) for g in goals)
        if self.number == 1:
            choice = "both" if len(goals) == 2 else goals[0].activity
            result = SessionResult(1, goals, level=goals[0].level, activity_choice=choice)
        else:
            feedback = self._feedback()
            obstacle = self.obstacles.checkedButton()
            result = SessionResult(
                self.number, goals, limitation=self.limitation.value(), level=self._level(),
                days_met=self.days_met.value(), days_planned=self.review.days_planned,
                feedback_key=feedback.message_key, obstacle=obstacle.property("obstacle") if obstacle else None,
                goal_choice=CHOICE_KEYS[self.goal_step.chosen()],
                module_id=self._chosen_module(),
                rmdq=self.rmdq.answers() if hasattr(self, "rmdq") else None)
        self.programme.complete_session(result)
        self.completed.emit(self.number)


