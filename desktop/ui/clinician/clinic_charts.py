"""The patient's own Progress charts, drawn from an export for the clinician: walking and pain
day by day (flare-ups, exercise days and weekly walking goals marked), week by week, the
activity-pain comparison with the very sentence the patient reads, and Roland-Morris scores.

The chart widgets are the patient's (timeline_chart, weekly_chart, comparison_chart,
rmdq_scores); only the words around them are for a clinician. With too few diary days the
charts are replaced by one calm "not enough data yet" card. Each chart sits in a "figure"
(title, chart, key) that is what "Save charts as PNG" writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.content.insights import group_phrase, insight_settings
from desktop.content.loader import text
from desktop.exchange.clinic_data import ClinicReport, comparison_numbers, occasion_name
from desktop.ui.charts.chart_legend import timeline_legend, weekly_legend
from desktop.ui.clinician.clinic_header import reading
from desktop.ui.widgets.widgets import label

FIGURE_STYLE = "QWidget#figure { background: white; }"


def _figure(title: str) -> tuple[QWidget, QVBoxLayout]:
    figure = QWidget()
    figure.setObjectName("figure")
    figure.setStyleSheet(FIGURE_STYLE)
    layout = QVBoxLayout(figure)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.setSpacing(8)
    layout.addWidget(label(title, "figureTitle"))
    return figure, layout


def _card(parent_layout) -> QVBoxLayout:
    frame = QFrame()
    frame.setObjectName("card")
    inner = QVBoxLayout(frame)
    inner.setContentsMargins(14, 12, 14, 12)
    inner.setSpacing(8)
    parent_layout.addWidget(frame)
    return inner


class ClinicCharts(QWidget):
    def __init__(self, report: ClinicReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.figures: dict[str, QWidget] = {}  # name -> the widget saved as <stem>-<name>.png
        self.timeline = self.weekly = self.comparison_chart = self.rmdq_view = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("The patient's charts"), "h2"))
        if not report.enough_for_charts:
            self.not_enough = QFrame()
            self.not_enough.setObjectName("tipCard")
            inner = QVBoxLayout(self.not_enough)
            inner.setContentsMargins(18, 14, 18, 14)
            inner.addWidget(label(text("clinic_not_enough_title"), "careHeading"))
            inner.addWidget(reading(text("clinic_not_enough", days=len(report.entries),
                                         minimum=report.charts_from_days)))
            layout.addWidget(self.not_enough)
        else:
            self._build_timeline(_card(layout))
            self._build_weekly(_card(layout))
            self._build_comparison(_card(layout))
        self._build_rmdq(_card(layout))

    # Building -------------------------------------------------------------------------
    def _build_timeline(self, card: QVBoxLayout) -> None:
        from desktop.ui.charts.timeline_chart import TimelineChart

        figure, inner = _figure(self.tr("Walking and pain, day by day"))
        self.timeline = TimelineChart()
        self.timeline.set_goals(self.report.walking_goals)
        self.timeline.range = "all" if len(self.report.entries) <= 120 else "quarter"
        self.timeline.set_entries(self.report.entries, self.report.exported_on)
        inner.addWidget(self.timeline)
        inner.addWidget(timeline_legend(self.tr("Their walking goal that week (minutes a day)")))
        card.addWidget(figure)
        row = QHBoxLayout()
        row.addWidget(label(self.tr("Show:"), wrap=False))
        group = QButtonGroup(self)
        self.range_buttons: dict[str, QPushButton] = {}
        for key, title in (("month", self.tr("Last month")), ("quarter", self.tr("Last 3 months")),
                           ("all", self.tr("All"))):
            button = QPushButton(title)
            button.setCheckable(True)
            button.setObjectName("rangeButton")
            button.setAccessibleName(self.tr("Day by day chart: %1").replace("%1", title))
            button.clicked.connect(lambda _checked=False, k=key: self.show_range(k))
            group.addButton(button)
            row.addWidget(button)
            self.range_buttons[key] = button
        self.range_buttons[self.timeline.range].setChecked(True)
        row.addStretch(1)
        card.addLayout(row)
        self.figures["days"] = figure

    def _build_weekly(self, card: QVBoxLayout) -> None:
        from desktop.ui.charts.weekly_chart import WeeklyChart

        figure, inner = _figure(self.tr("Week by week: minutes walked, average pain and limitation"))
        self.weekly = WeeklyChart()
        self.weekly.set_weeks(self.report.weeks)
        inner.addWidget(self.weekly)
        inner.addWidget(weekly_legend())
        card.addWidget(figure)
        self.figures["weeks"] = figure

    def _build_comparison(self, card: QVBoxLayout) -> None:
        from desktop.ui.charts.comparison_chart import ComparisonChart

        result = self.report.walking_comparison
        settings = insight_settings()
        figure, inner = _figure(self.tr("Activity and next-day pain: the comparison the patient sees"))
        self.comparison_chart = ComparisonChart()
        self.comparison_chart.show_comparison(result, group_phrase(result.activity, result.lag_days, True, settings),
                                              group_phrase(result.activity, result.lag_days, False, settings),
                                              self.report.patient_sentence)
        self.comparison_chart.setVisible(result.enough_data)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.comparison_chart, 3)
        side = QVBoxLayout()
        side.addWidget(label(self.tr("What the patient's Progress page says:"), "muted"))
        self.patient_sentence = reading(f"“{self.report.patient_sentence}”", "quote",
                                        accessible=self.tr("What the patient reads: %1").replace(
                                            "%1", self.report.patient_sentence))
        side.addWidget(self.patient_sentence)
        self.numbers = reading("\n\n".join(comparison_numbers(c) for c in (result, self.report.exercise_comparison)),
                               "muted")
        side.addWidget(self.numbers)
        side.addStretch(1)
        row.addLayout(side, 2)
        inner.addLayout(row)
        card.addWidget(figure)
        if result.enough_data:
            self.figures["comparison"] = figure

    def _build_rmdq(self, card: QVBoxLayout) -> None:
        from desktop.ui.charts.rmdq_scores import RmdqScores

        figure, inner = _figure(self.tr("Roland-Morris score over time (0 to 24)"))
        if self.report.rmdq:
            self.rmdq_view = RmdqScores(occasion_name=lambda occasion: occasion_name(occasion).capitalize(),
                                        change_words=lambda change: text("clinic_rmdq_change", change=f"{change:+d}"))
            self.rmdq_view.show_scores(self.report.rmdq)
            inner.addWidget(self.rmdq_view)
            self.figures["rmdq"] = figure
        else:
            inner.addWidget(reading(text("clinic_no_rmdq"), "muted"))
        card.addWidget(figure)

    # Behaviour ------------------------------------------------------------------------
    def show_range(self, key: str) -> None:
        self.range_buttons[key].setChecked(True)
        self.timeline.show_range(key)

    def apply_fonts(self) -> None:
        for chart in (self.timeline, self.weekly):
            if chart is not None:
                chart.apply_fonts()
        if self.comparison_chart is not None:
            self.comparison_chart.updateGeometry()
            self.comparison_chart.update()

    def save_pngs(self, folder: Path, stem: str) -> list[Path]:
        """Write each chart (with its title and key) as <stem>-<name>.png; OSError on failure."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, figure in self.figures.items():
            path = folder / f"{stem}-{name}.png"
            # Down to the figure's last line: a card stretched to its neighbour's adds only white.
            children = figure.findChildren(QWidget, options=Qt.FindDirectChildrenOnly)
            bottoms = [child.geometry().bottom() for child in children if child.isVisible()]
            height = min(figure.height(), max(bottoms, default=figure.height()) + 12)
            if not figure.grab(QRect(0, 0, figure.width(), height)).save(str(path), "PNG"):
                raise OSError(f"could not write {path}")
            written.append(path)
        return written
