"""Progress: what the patient's own diary says about being active and pain.

The comparison (with its summary sentence, which can be copied), the day-by-day timeline and
the week-by-week view. Built the first time the section is opened; pyqtgraph is loaded then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.content.evidence_words import statement, steps_in_words
from desktop.content.insights import evidence_settings, group_phrase, insight_settings, measured_settings
from desktop.content.loader import text
from desktop.domain.dates import EARLIEST_DAY
from desktop.domain.evidence import analyse, scheduled_look
from desktop.domain.expectations import summarise
from desktop.domain.insights import EXERCISES, WALKING, compare, weekly_summaries
from desktop.domain.measured_walking import MEASURED, measured_series
from desktop.store.activity_service import ActivityService
from desktop.store.diary_service import DiaryService
from desktop.store.rating_service import RatingService
from desktop.ui.base.signals import AppSignals
from desktop.ui.charts.chart_legend import steps_legend, timeline_legend, weekly_legend
from desktop.ui.charts.chart_style import save_png
from desktop.ui.charts.comparison_chart import ComparisonChart
from desktop.ui.charts.rmdq_scores import RmdqScores
from desktop.ui.charts.timeline_chart import TimelineChart
from desktop.ui.charts.weekly_chart import WeeklyChart
from desktop.ui.pages.expectations_card import ExpectationsCard
from desktop.ui.pages.progress_measured import StepsToggle, WalkingSourceChoice
from desktop.ui.widgets.widgets import label, scrolling_page

# Choices on this page: a visible keyboard focus and a clearly marked chosen range.
_PAGE_STYLE = """
QRadioButton { spacing: 8px; padding: 4px 8px; border: 2px solid transparent; border-radius: 6px; }
QRadioButton:focus { border: 2px solid #b35c00; }
QRadioButton::indicator { width: 20px; height: 20px; }
QPushButton#rangeButton:checked { background: #1f6f78; color: white; border-color: #1f6f78; }
QPushButton#rangeButton:checked:focus { border: 2px solid #b35c00; }
"""


def _card(layout: QVBoxLayout, title: str, hint: str) -> QVBoxLayout:
    frame = QFrame()
    frame.setObjectName("card")
    inner = QVBoxLayout(frame)
    inner.setContentsMargins(20, 16, 20, 16)
    inner.setSpacing(10)
    inner.addWidget(label(title, "h2"))
    inner.addWidget(label(hint, "muted"))
    layout.addWidget(frame)
    return inner


class ProgressPage(QWidget):
    def __init__(self, diary: DiaryService, signals: AppSignals, parent: QWidget | None = None,
                 rmdq_scores: Callable[[], list[tuple[str, dt.date, int]]] | None = None,
                 walking_goals: Callable[[], list[tuple[dt.date, dt.date, int]]] | None = None,
                 stepwise: bool = False):
        """``stepwise``: leave the building to ``build_step`` (one slice of idle time each)."""
        super().__init__(parent)
        self.setObjectName("page")
        self.setStyleSheet(_PAGE_STYLE)
        self.diary = diary
        self.signals = signals
        self.settings = insight_settings()
        self.evidence_settings = evidence_settings()
        self.measured_settings = measured_settings()
        self.activity_store = ActivityService(diary.database, diary.clock)
        self.steps: dict[dt.date, int] = {}  # measured by a phone or watch
        self.rmdq_scores = rmdq_scores
        self.walking_goals = walking_goals
        self.entries = []
        self.result = None  # the raw comparison the chart shows
        self.evidence = None  # the adjusted weekly statement
        self._steps: Iterator[None] | None = self._build()
        if not stepwise:
            self.finish_building()

    def build_step(self) -> bool:
        """Build the next part of the page; True once it is all there."""
        if self._steps is not None:
            try:
                next(self._steps)
                return False
            except StopIteration:
                self._steps = None
        return True

    def finish_building(self) -> None:
        while not self.build_step():
            pass

    def _build(self) -> Iterator[None]:
        """The page in parts, each a short stretch of the GUI thread (charts, then their data)."""
        signals = self.signals
        layout = scrolling_page(self, self.tr("Progress"))
        layout.addWidget(label(text("progress_intro")))
        self._build_comparison(_card(layout, text("progress_compare_heading"), text("progress_compare_hint")))
        yield
        self._build_timeline(_card(layout, text("progress_timeline_heading"), text("progress_timeline_hint")))
        yield
        self._build_weekly(_card(layout, text("progress_weekly_heading"), text("progress_weekly_hint")))
        # The patient's own before-and-after ratings: what they expected, and what happened.
        self.ratings = RatingService(self.diary.database, self.diary.clock)
        self.expectations = ExpectationsCard()
        layout.addWidget(self.expectations)
        if self.rmdq_scores is not None:
            self.rmdq_view = RmdqScores()
            _card(layout, text("progress_rmdq_heading"), text("progress_rmdq_hint")).addWidget(self.rmdq_view)
        layout.addStretch(1)
        yield
        self.entries = self.diary.between(EARLIEST_DAY)
        self._read_steps()
        self.update_comparison()
        yield
        self._show_entries()
        if self.rmdq_scores is not None:
            signals.programme_changed.connect(self.refresh)
        for signal in (signals.diary_saved, signals.diary_deleted):
            signal.connect(lambda _day: self.refresh())
        signals.diary_replaced.connect(self.refresh)
        signals.activity_imported.connect(self.refresh)
        signals.ratings_changed.connect(self._show_expectations)
        signals.text_size_changed.connect(lambda _size: self._apply_fonts())

    # Building -------------------------------------------------------------------------
    def _choice_row(self, caption: str, options: list[tuple[str, object]]) -> tuple[QVBoxLayout, dict]:
        """The caption, then one choice a line: it fits at any text size without sideways scrolling."""
        row = QVBoxLayout()
        row.setSpacing(4)
        row.addWidget(label(caption))
        group = QButtonGroup(self)
        buttons = {}
        for title, key in options:
            button = QRadioButton(title)
            group.addButton(button)
            row.addWidget(button)
            buttons[key] = button
        return row, buttons

    def _build_comparison(self, card: QVBoxLayout) -> None:
        minutes = self.settings.walking_threshold_minutes
        row, self.activity_buttons = self._choice_row(self.tr("Active means:"), [
            (self.tr("Walking (%1 minutes or more)").replace("%1", str(minutes)), WALKING),
            (self.tr("Back exercises"), EXERCISES)])
        card.addLayout(row)
        row, self.lag_buttons = self._choice_row(self.tr("Look at pain:"), [
            (self.tr("The next day"), 1), (self.tr("The same day"), 0)])
        card.addLayout(row)
        self.source_choice = WalkingSourceChoice(self.measured_settings.active_steps)
        self.source_choice.source_changed.connect(lambda _source: self.update_comparison())
        card.addWidget(self.source_choice)
        self.activity_buttons[WALKING].setChecked(True)
        self.lag_buttons[1].setChecked(True)
        for button in [*self.activity_buttons.values(), *self.lag_buttons.values()]:
            button.toggled.connect(self._choice_toggled)

        # The statement first, full width, and the chart of plain averages under it: one column
        # reflows at any text size and window width (no sideways scrolling).
        side = QVBoxLayout()
        self.summary = label("")
        self.summary.setObjectName("summary")
        self.summary.setAccessibleName(self.tr("What your diary shows"))
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        side.addWidget(self.summary)
        self.schedule = label("", "muted")
        side.addWidget(self.schedule)
        self.how_button = QToolButton()
        self.how_button.setText(text("evidence_how_heading"))
        self.how_button.setCheckable(True)
        self.how_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.how_button.setArrowType(Qt.RightArrow)
        self.how_button.toggled.connect(self._show_how)
        side.addWidget(self.how_button)
        self.how = label("", "muted")
        self.how.setAccessibleName(text("evidence_how_heading"))
        self.how.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.how.setVisible(False)
        side.addWidget(self.how)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy summary"))
        self.copy_button.clicked.connect(self.copy_summary)
        self.save_comparison_button = QPushButton(self.tr("Save chart as PNG"))
        self.save_comparison_button.setAccessibleName(self.tr("Save comparison chart as PNG"))
        self.save_comparison_button.clicked.connect(
            lambda: save_png(self, self.comparison_chart, "supportback-comparison.png"))  # made below, before use
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_comparison_button)
        buttons.addStretch(1)
        side.addLayout(buttons)
        self.copied = label("", "muted")
        side.addWidget(self.copied)
        self._forget_copied = QTimer(self, singleShot=True, interval=6000)
        self._forget_copied.timeout.connect(lambda: self.copied.setText(""))
        card.addLayout(side)
        self.comparison_chart = ComparisonChart()
        self.comparison_chart.setMaximumWidth(640)
        card.addWidget(self.comparison_chart)

    def _build_timeline(self, card: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.range_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for key, title in (("week", self.tr("Last week")), ("month", self.tr("Last month")), ("all", self.tr("All"))):
            button = QPushButton(title)
            button.setCheckable(True)
            button.setObjectName("rangeButton")
            button.clicked.connect(lambda _checked=False, k=key: self.show_range(k))
            group.addButton(button)
            row.addWidget(button)
            self.range_buttons[key] = button
        self.range_buttons["month"].setChecked(True)
        row.addStretch(1)
        card.addLayout(row)
        self.steps_toggle = StepsToggle()
        card.addWidget(self.steps_toggle)
        self.timeline = TimelineChart()
        card.addWidget(self.timeline)
        card.addWidget(timeline_legend())
        self.steps_key = steps_legend()
        self.steps_key.setVisible(False)
        card.addWidget(self.steps_key)
        self.steps_toggle.toggled.connect(self._show_steps)
        # Below the chart, not beside the range buttons: the row then fits at the largest text.
        save_row = QHBoxLayout()
        self.save_timeline_button = QPushButton(self.tr("Save chart as PNG"))
        self.save_timeline_button.setAccessibleName(self.tr("Save day by day chart as PNG"))
        self.save_timeline_button.clicked.connect(lambda: save_png(self, self.timeline.plot, "supportback-days.png"))
        save_row.addWidget(self.save_timeline_button)
        save_row.addStretch(1)
        card.addLayout(save_row)

    def _build_weekly(self, card: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_weekly_button = QPushButton(self.tr("Save chart as PNG"))
        self.save_weekly_button.setAccessibleName(self.tr("Save week by week chart as PNG"))
        self.save_weekly_button.clicked.connect(lambda: save_png(self, self.weekly.plot, "supportback-weeks.png"))
        row.addWidget(self.save_weekly_button)
        card.addLayout(row)
        self.weekly = WeeklyChart()
        card.addWidget(self.weekly)
        card.addWidget(weekly_legend())

    # Behaviour ------------------------------------------------------------------------
    @property
    def activity(self) -> str:
        return next(key for key, button in self.activity_buttons.items() if button.isChecked())

    @property
    def lag_days(self) -> int:
        return next(key for key, button in self.lag_buttons.items() if button.isChecked())

    def refresh(self) -> None:
        """Read the diary again and redraw everything (after a save, delete, import or restore)."""
        # From EARLIEST_DAY: a day before it (imported before the rule) would stretch the charts
        # back to the year 1, past what dates can hold.
        self.entries = self.diary.between(EARLIEST_DAY)
        self._read_steps()
        self.update_comparison()
        self._show_entries()

    def _read_steps(self) -> None:
        """Steps from a phone or watch; the choices about them appear once there are some."""
        self.steps = {m.day: m.steps for m in self.activity_store.between(EARLIEST_DAY) if m.steps is not None}
        self.steps_toggle.setVisible(bool(self.steps))
        self.source_choice.offer(bool(self.steps))
        if not self.steps:
            self.steps_toggle.setChecked(False)

    def _show_steps(self, shown: bool) -> None:
        self.timeline.show_steps(shown)
        self.steps_key.setVisible(shown)

    def _show_entries(self) -> None:
        if self.walking_goals is not None:
            self.timeline.set_goals(self.walking_goals())
        self.timeline.set_measured(self.steps)
        self.timeline.set_entries(self.entries, self.diary.clock.today())
        self.weekly.set_weeks(weekly_summaries(self.entries))
        if self.rmdq_scores is not None:
            self.rmdq_view.show_scores(self.rmdq_scores())
        self._show_expectations()

    def _show_expectations(self) -> None:
        self.expectations.show_summary(summarise(self.ratings.between()))

    def _choice_toggled(self, checked: bool) -> None:
        # A slot that returns nothing: PySide6 mishandles a bool returned by a lambda slot.
        if checked:
            self.update_comparison()

    @property
    def source(self) -> str:
        """Where walking comes from for the statement: "diary" or "measured" (walking only)."""
        return MEASURED if self.activity == WALKING and self.source_choice.source == MEASURED else "diary"

    def update_comparison(self) -> None:
        self.source_choice.for_activity(self.activity == WALKING)
        measured = self.measured_settings if self.source == MEASURED else None
        entries = self.entries if measured is None else measured_series(
            self.entries, self.steps, measured, self.evidence_settings.walking_threshold_minutes)
        result = self.result = compare(entries, self.activity, self.lag_days, self.settings)
        first_day = entries[0].day if entries else None
        look = scheduled_look(first_day, self.diary.clock.today())
        self.evidence = analyse(entries, self.activity, self.lag_days, self.evidence_settings, as_of=look)
        said = statement(self.evidence, self.evidence_settings, measured)
        sentence = " ".join(part for part in (said.headline, said.advice) if part)
        self.summary.setText(sentence)
        self.schedule.setText(said.schedule)
        self.schedule.setVisible(bool(said.schedule))
        self.how.setText(said.how + "\n\n" + said.method)
        self.copied.setText("")
        steps = steps_in_words(measured.active_steps) if measured else None
        active_words = group_phrase(result.activity, result.lag_days, True, self.settings, steps)
        other_words = group_phrase(result.activity, result.lag_days, False, self.settings, steps)
        self.comparison_chart.show_comparison(result, active_words, other_words, sentence)
        self.comparison_chart.setVisible(result.enough_data)
        self.save_comparison_button.setEnabled(result.enough_data)

    def _show_how(self, shown: bool) -> None:
        self.how_button.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)
        self.how.setVisible(shown)

    def show_range(self, key: str) -> None:
        self.range_buttons[key].setChecked(True)
        self.timeline.show_range(key)

    def copy_summary(self) -> None:
        QApplication.clipboard().setText(self.summary.text())
        self.copied.setText(self.tr("Copied. You can paste it into a message or a note."))
        self._forget_copied.start()

    def _apply_fonts(self) -> None:
        self.timeline.apply_fonts()
        self.weekly.apply_fonts()
        self.comparison_chart.updateGeometry()
        self.comparison_chart.update()
