"""The top of the clinician window: who and what this export is, where the patient is in the
programme, and, unmistakably, a programme paused for safety (words, icon and a red frame)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.exchange.clinic_data import ClinicReport, ProgrammeStatus
from desktop.exchange.clinic_summary import flag_rules
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.widgets import label


def reading(content: str, name: str = "", accessible: str = "") -> QLabel:
    """A label the clinician can select with the mouse and reach with Tab (to hear it read or to
    see where they are). No text cursor: nothing here should look like a field to type in."""
    widget = label(content, name)
    widget.setTextInteractionFlags(Qt.TextSelectableByMouse)
    widget.setFocusPolicy(Qt.StrongFocus)
    widget.setAccessibleName(accessible or content)
    return widget


def programme_words(status: ProgrammeStatus) -> str:
    if status.started_on is None:
        return text("clinic_status_not_started")
    key = "clinic_status_library" if status.in_library else "clinic_status_sessions"
    words = text(key, done=status.sessions_done, total=status.sessions_total, started=long_day(status.started_on))
    return f"{words} {text('clinic_status_paused')}" if status.paused_for_safety else words


def safety_banner(status: ProgrammeStatus, reason: str = "") -> QFrame | None:
    """A red, framed "paused for safety" card; a quieter note for an earlier, confirmed check."""
    if status.paused_for_safety:
        key = {"same_day": "clinic_safety_paused_same_day", "emergency": "clinic_safety_paused_emergency",
               "soon": "clinic_safety_paused_soon"}.get(
            status.safety_outcome, "clinic_safety_paused_other")
        frame = QFrame()
        frame.setObjectName("alertCard")
        row = QHBoxLayout(frame)
        row.setContentsMargins(16, 12, 16, 12)
        icon = label("⚠", "alertTitle", wrap=False)
        icon.setAccessibleName("")
        row.addWidget(icon, 0, Qt.AlignTop)
        words = QVBoxLayout()
        title = text("clinic_safety_paused_title")
        words.addWidget(label(title.upper(), "alertTitle"))
        words.addWidget(reading(text(key), accessible=f"{title}: {text(key)}"))
        if reason:  # which question was answered yes, and when
            words.addWidget(reading(reason, "alertDetail"))
        row.addLayout(words, 1)
        frame.setAccessibleName(title)
        return frame
    if status.safety_outcome in ("same_day", "emergency", "soon"):
        advice = text(f"clinic_safety_advice_{status.safety_outcome}")
        frame = QFrame()
        frame.setObjectName("tipCard")
        row = QHBoxLayout(frame)
        row.setContentsMargins(16, 10, 16, 10)
        row.addWidget(label("ⓘ", "h2", wrap=False), 0, Qt.AlignTop)
        row.addWidget(reading(text("clinic_safety_earlier", advice=advice)), 1)
        return frame
    return None


class ClinicHeader(QWidget):
    def __init__(self, report: ClinicReport, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        # Who first: the study or clinic code the patient gave (the export carries no name).
        self.title = reading(report.who, "h1")
        layout.addWidget(self.title)
        layout.addWidget(label(self.tr("Patient export (read-only)"), "muted"))
        self.safety = safety_banner(report.programme, report.safety_pause)
        if self.safety is not None:
            layout.addWidget(self.safety)

        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        grid.setContentsMargins(20, 14, 20, 14)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(6)
        entries = report.entries
        if entries:
            diary = self.tr("%1 days, %2 to %3; filled in on %4 of the last %5 days").replace(
                "%1", str(len(entries))).replace("%2", long_day(entries[0].day)).replace(
                "%3", long_day(entries[-1].day)).replace("%4", str(report.recent_days)).replace(
                "%5", str(flag_rules().recent_days))
        else:
            diary = self.tr("No diary days yet")
        export = self.tr("#%1, made %2 UTC (the patient's date: %3)").replace("%1", str(report.sequence)).replace(
            "%2", report.exported_at).replace("%3", long_day(report.exported_on))
        self.facts: dict[str, QLabel] = {}
        rows = [("study", self.tr("Study or clinic code"), report.study_code or self.tr("none given")),
                ("participant", self.tr("Participant"), report.participant_id),
                ("export", self.tr("Export"), export),
                ("diary", self.tr("Diary"), diary),
                ("programme", self.tr("Programme"), programme_words(report.programme))]
        if report.programme.activity_choice:
            choice = report.programme.activity_choice.replace("both", self.tr("walking and back exercises"))
            rows.append(("activity", self.tr("Activity chosen"), choice))
        for row, (key, name, value) in enumerate(rows):
            caption = label(name, "muted", wrap=False)
            caption.setAlignment(Qt.AlignRight | Qt.AlignTop)
            grid.addWidget(caption, row, 0)
            fact = reading(value, "fact", accessible=f"{name}: {value}")
            grid.addWidget(fact, row, 1)
            self.facts[key] = fact
        grid.setColumnStretch(1, 1)
        layout.addWidget(card)

