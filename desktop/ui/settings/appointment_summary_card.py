"""Settings card "Summary for my appointment": the patient's own summary saved as a PDF
(the patient version: no clinic notes, no participant id)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from desktop.content.loader import text
from desktop.domain.clock import Clock
from desktop.exchange.appointment_summary import appointment_summary, report_from_database
from desktop.store.disk_errors import user_message
from desktop.ui.widgets.widgets import label


class AppointmentSummaryCard(QFrame):
    def __init__(self, database, clock: Clock, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.database = database
        self.clock = clock  # asked at each save: the app may stay open past midnight
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(text("summary_card_title"), "h2"))
        layout.addWidget(label(text("summary_card_hint"), "muted"))
        row = QHBoxLayout()
        self.button = QPushButton(text("summary_card_button"))
        self.button.clicked.connect(self.ask_and_save)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = label("", "muted")
        layout.addWidget(self.status)

    def ask_and_save(self) -> None:
        suggested = Path.home() / f"supportback-summary-{self.clock.today().isoformat()}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, text("summary_card_title"), str(suggested),
                                              self.tr("PDF files (*.pdf)"))
        if name:
            self.save(Path(name))

    def save(self, target: Path) -> bool:
        from desktop.ui.clinician.summary_pdf import write_summary_pdf

        today = self.clock.today()
        report = report_from_database(self.database, today)
        summary = appointment_summary(report, today, for_patient=True)
        try:
            write_summary_pdf(summary, target, report.weeks)
        except OSError as exc:
            self.status.setText(text("summary_card_failed", reason=user_message(exc)))
            return False
        self.status.setText(text("summary_card_saved", path=target))
        return True
