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
        layout.addWidget(label(text("summary_card_fhir_hint"), "muted"))
        row = QHBoxLayout()
        self.fhir_button = QPushButton(text("summary_card_fhir_button"))
        self.fhir_button.clicked.connect(self.ask_and_save_fhir)
        row.addWidget(self.fhir_button)
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

    def ask_and_save_fhir(self) -> None:
        suggested = Path.home() / f"supportback-health-record-{self.clock.today().isoformat()}.json"
        name, _ = QFileDialog.getSaveFileName(self, text("summary_card_fhir_button").rstrip("."), str(suggested),
                                              self.tr("FHIR files (*.json)"))
        if name:
            self.save_fhir(Path(name))

    def save_fhir(self, target: Path) -> bool:
        """The patient's own diary as a FHIR R4 Bundle (the same as `clinic open --fhir` makes)."""
        import json

        from desktop.exchange.fhir_bundle import fhir_bundle
        from desktop.exchange.files import write_text_atomically

        bundle = fhir_bundle(report_from_database(self.database, self.clock.today()))
        try:
            write_text_atomically(target, json.dumps(bundle, indent=1, ensure_ascii=False) + "\n")
        except OSError as exc:
            self.status.setText(text("summary_card_failed", reason=user_message(exc)))
            return False
        self.status.setText(text("summary_card_fhir_saved", path=target))
        return True
