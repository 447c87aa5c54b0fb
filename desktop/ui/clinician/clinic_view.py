"""A read-only window showing one patient's export to a clinician.

Top to bottom: who and what (with a safety pause shown unmistakably), flags for targeted
support, the CARE summary, and the patient's own charts. Nothing here can change the export:
there is selectable text, charts to look at, and actions that copy or save; given the clinic
folder, the window also holds the clinic's own call notes (clinic_notes_panel.py), kept apart.
Keyboard: Tab moves through the sections, Ctrl+W or Esc closes, Ctrl++ / Ctrl+- change the
text size.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.clinic_data import ClinicReport
from desktop.ui.base.style import DEFAULT_TEXT_SIZE, TEXT_SIZES, apply_style
from desktop.ui.clinician.clinic_care import ClinicCare
from desktop.ui.clinician.clinic_charts import ClinicCharts
from desktop.ui.clinician.clinic_flags import ClinicFlags
from desktop.ui.clinician.clinic_header import ClinicHeader
from desktop.ui.widgets.widgets import label

# Styles only this window uses (the app's style sheet gives cards, headings and buttons).
WINDOW_STYLE = """
QFrame#flagCard { background: #fff4e0; border: 2px solid #b35c00; border-radius: 10px; }
QFrame#flagCard QLabel { background: transparent; }
QLabel#flagIcon { font-size: 22pt; color: #8a4b00; }
QLabel#flagTitle { font-weight: bold; color: #6b3a00; }
QLabel#careHeading { font-weight: bold; color: #1f6f78; }
QLabel#alertDetail { font-weight: bold; }
QLabel#figureTitle { font-weight: bold; }
QLabel#quote { font-style: italic; }
QLabel#fact:focus, QLabel#quote:focus, QFrame QLabel:focus { border: 2px solid #b35c00; border-radius: 4px; }
QPushButton#rangeButton:checked { background: #1f6f78; color: white; border-color: #1f6f78; }
QPushButton#rangeButton:checked:focus { border: 2px solid #b35c00; }
QWidget#actions { background: #e6efee; }
"""


class ClinicWindow(QMainWindow):
    def __init__(self, title: str, report: ClinicReport, notes_folder: Path | None = None):
        super().__init__()
        self.report = report
        self.file_title = title
        self.setWindowTitle(self.tr("%1 - SupportBack export (read-only): %2").replace("%1", report.who).replace(
            "%2", title))
        self.setStyleSheet(WINDOW_STYLE)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._actions())

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        body = QWidget()
        self.body = body
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 20, 28, 28)
        layout.setSpacing(22)
        self.header = ClinicHeader(report)
        self.flags = ClinicFlags(report.flags)
        self.care = ClinicCare(report.care)
        self.safety = _safety_history(report)
        self.charts = ClinicCharts(report)
        from desktop.ui.clinician.clinic_call_request import call_request_card

        # An open call request right under who the patient is (and any safety pause), before the rest.
        self.call_request = call_request_card(report.call_request)
        parts = [p for p in (self.header, self.call_request) if p is not None] + [self.flags, self.safety, self.care]
        self.notes_panel = None
        if notes_folder is not None:
            from desktop.domain.clock import clock_from_environment
            from desktop.ui.clinician.clinic_notes_panel import ClinicNotesPanel

            self.notes_panel = ClinicNotesPanel(notes_folder, report.participant_id, clock_from_environment().today())
            parts.append(self.notes_panel)
        for part in (*parts, self.charts):
            layout.addWidget(part)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)
        self.setCentralWidget(central)

        for keys in (QKeySequence("Ctrl+W"), QKeySequence(Qt.Key_Escape)):
            QShortcut(keys, self, self.close)
        for keys in (QKeySequence.ZoomIn, QKeySequence("Ctrl+=")):
            QShortcut(keys, self, lambda: self.change_text_size(+1))
        QShortcut(QKeySequence.ZoomOut, self, lambda: self.change_text_size(-1))
        screen = self.screen().availableGeometry()  # a laptop's 768 lines must show the whole window
        self.resize(min(1280, screen.width() - 40), min(900, screen.height() - 60))

    def _actions(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("actions")
        row = QHBoxLayout(bar)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(10)
        self.copy_button = QPushButton(self.tr("Copy summary"))
        self.copy_button.setToolTip(self.tr("Copy the whole summary as text, to paste into notes"))
        self.copy_button.clicked.connect(self.copy_summary)
        self.save_button = QPushButton(self.tr("Save charts as PNG…"))
        self.save_button.setEnabled(bool(self.charts_available()))
        self.save_button.clicked.connect(self.ask_and_save_charts)
        self.pdf_button = QPushButton(self.tr("Summary PDF…"))
        self.pdf_button.setToolTip(self.tr("Save a one-to-two page summary for the appointment as a PDF"))
        self.pdf_button.clicked.connect(self.ask_and_save_summary_pdf)
        self.fhir_button = QPushButton(self.tr("FHIR file…"))
        self.fhir_button.setToolTip(self.tr("Save the diary and scores as a FHIR R4 Bundle (JSON) for a health record"))
        self.fhir_button.clicked.connect(self.ask_and_save_fhir)
        self.smaller_button = QPushButton(self.tr("A−"))
        self.smaller_button.setAccessibleName(self.tr("Smaller text"))
        self.smaller_button.clicked.connect(lambda: self.change_text_size(-1))
        self.larger_button = QPushButton(self.tr("A+"))
        self.larger_button.setAccessibleName(self.tr("Larger text"))
        self.larger_button.clicked.connect(lambda: self.change_text_size(+1))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close this window (Ctrl+W or Esc)"))
        self.close_button.clicked.connect(self.close)
        self.message = label("", "muted")
        self._forget_message = QTimer(self, singleShot=True, interval=8000)
        self._forget_message.timeout.connect(lambda: self.message.setText(""))
        for widget in (self.copy_button, self.save_button, self.pdf_button, self.fhir_button):
            row.addWidget(widget)
        row.addWidget(self.message, 1)
        for widget in (self.smaller_button, self.larger_button, self.close_button):
            row.addWidget(widget)
        return bar

    def charts_available(self) -> bool:
        return self.report.enough_for_charts or bool(self.report.rmdq)

    # Actions --------------------------------------------------------------------------
    def copy_summary(self) -> None:
        QApplication.clipboard().setText(self.report.summary)
        self._say(self.tr("Summary copied as text."))

    def ask_and_save_charts(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save charts as PNG in which folder?"),
                                                  str(Path.home()))
        if folder:
            self.save_charts(Path(folder))

    def save_charts(self, folder: Path) -> list[Path]:
        try:
            written = self.charts.save_pngs(folder, chart_stem(self.report))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Charts not saved"),
                                self.tr("The charts could not be saved: %1. Please choose another folder.").replace(
                                    "%1", str(exc)))
            return []
        self._say(self.tr("%1 chart(s) saved in %2.").replace("%1", str(len(written))).replace("%2", str(folder)))
        return written

    def _ask_file(self, title: str, name: str, kinds: str) -> Path | None:
        chosen, _kind = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), kinds)
        return Path(chosen) if chosen else None

    def ask_and_save_summary_pdf(self) -> None:
        target = self._ask_file(self.tr("Save the summary as a PDF"), f"{chart_stem(self.report)}-summary.pdf",
                                self.tr("PDF files (*.pdf)"))
        if target is not None:
            self.save_summary_pdf(target)

    def save_summary_pdf(self, target: Path) -> bool:
        from desktop.domain.clock import clock_from_environment
        from desktop.exchange.appointment_summary import appointment_summary
        from desktop.ui.clinician.summary_pdf import write_summary_pdf

        panel = self.notes_panel
        notes = panel.previous() if panel is not None and panel.notes is not None else None
        summary = appointment_summary(self.report, clock_from_environment().today(), notes=notes)
        return self._write(target, lambda: write_summary_pdf(summary, target, self.report.weeks),
                           self.tr("Summary saved as %1."))

    def ask_and_save_fhir(self) -> None:
        target = self._ask_file(self.tr("Save as a FHIR R4 Bundle"), f"{chart_stem(self.report)}-fhir.json",
                                self.tr("JSON files (*.json)"))
        if target is not None:
            self.save_fhir(target)

    def save_fhir(self, target: Path) -> bool:
        import json

        from desktop.exchange.fhir_bundle import fhir_bundle
        from desktop.exchange.files import write_text_atomically

        bundle = fhir_bundle(self.report)
        return self._write(target, lambda: write_text_atomically(
            target, json.dumps(bundle, indent=1, ensure_ascii=False) + "\n"), self.tr("FHIR file saved as %1."))

    def _write(self, target: Path, write: Callable[[], object], done: str) -> bool:
        try:
            write()
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr(
                "The file could not be saved: %1. Please choose another folder.").replace("%1", str(exc)))
            return False
        self._say(done.replace("%1", str(target)))
        return True

    def change_text_size(self, step: int) -> None:
        sizes = list(TEXT_SIZES)
        app = QApplication.instance()
        current = app.property("clinicTextSize") or DEFAULT_TEXT_SIZE
        chosen = sizes[max(0, min(len(sizes) - 1, sizes.index(current) + step))]
        app.setProperty("clinicTextSize", chosen)
        apply_style(app, chosen)
        self.charts.apply_fonts()
        self.smaller_button.setEnabled(chosen != sizes[0])
        self.larger_button.setEnabled(chosen != sizes[-1])

    def _say(self, words: str) -> None:
        self.message.setText(words)
        self._forget_message.start()


def _safety_history(report: ClinicReport) -> QWidget:
    """Every red-flag answer, clearance, confirmation and mood score, dated, oldest first."""
    from desktop.content.loader import text
    from desktop.ui.clinician.clinic_header import reading

    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    layout.addWidget(label(text("clinic_safety_history"), "h2"))
    lines = report.safety_history or (text("clinic_safety_history_none"),)
    layout.addWidget(reading("\n".join(lines), accessible=f"{text('clinic_safety_history')}: {' '.join(lines)}"))
    return box


def chart_stem(report: ClinicReport) -> str:
    """File names of saved charts start with the participant (short) and the export number."""
    return f"supportback-{report.participant_id[:8]}-export{report.sequence}"


def _window(title: str, report: ClinicReport, notes_folder: Path | None = None) -> ClinicWindow:
    from desktop.ui.base.application import application

    app = application()
    apply_style(app, DEFAULT_TEXT_SIZE)
    return ClinicWindow(title, report, notes_folder)


def show_clinic_window(title: str, report: ClinicReport, charts_folder: Path | None = None,
                       charts_written: Callable[[list[Path]], None] | None = None,
                       notes_folder: Path | None = None) -> int:
    """Open the window (saving the charts first if asked) and run until it is closed."""
    window = _window(title, report, notes_folder)
    window.show()
    if charts_folder is not None:
        QApplication.processEvents()
        written = window.charts.save_pngs(charts_folder, chart_stem(report))
        if charts_written is not None:
            charts_written(written)
    window.copy_button.setFocus()
    return QApplication.instance().exec()


def write_chart_pngs(report: ClinicReport, folder: Path) -> list[Path]:
    """Render the charts without showing anything on screen (the caller chose an offscreen
    platform) and write them as PNGs; an empty list when the export has too little to draw."""
    window = _window("", report)
    window.show()
    QApplication.processEvents()
    try:
        return window.charts.save_pngs(folder, chart_stem(report))
    finally:
        window.close()
        window.deleteLater()
