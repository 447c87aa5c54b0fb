""""Summary for the appointment" as a PDF: from the clinician window (with the last call notes
once the clinic notes are open) and from the patient's Settings (never with clinic notes).
The PDF's own text is read back with pdftotext when it is installed; the laid-out document's
text is checked always."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from statistics import mean

import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519
from PySide6.QtCore import Qt

from desktop import paths
from desktop.content.loader import exercise_catalogue
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_reader import read_export
from desktop.store.clinic_notes import CallNote
from desktop.store.diary_service import DiaryService
from desktop.ui.clinician.clinic_view import ClinicWindow

TODAY = dt.date(2026, 3, 15)
PASSPHRASE = "lantern over the old bridge"


def pdf_text(path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    words = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    return unicodedata.normalize("NFKC", words)  # the PDF's "fi" ligatures as two letters


def pdf_pages(path) -> int:
    return path.read_bytes().count(b"/Type /Page\n") or path.read_bytes().count(b"/Type /Page ")


@pytest.fixture
def settings_window(window):
    window.show_page("settings")
    return window


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf-export")
    secret, recipient, _identity = clinic_key(folder)
    database = demo_profile(folder / "demo", days=70, seed=4)
    try:
        path = make_export(database, recipient, folder / "e.age")
    finally:
        database.close()
    return read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def test_the_clinicians_pdf_holds_the_numbers_and_the_last_call(qtbot, export, data_root, tmp_path, dialogs):
    report = clinic_report(export)
    window = ClinicWindow("e.age", report, paths.clinic_dir(data_root))
    qtbot.addWidget(window)
    window.show()
    panel = window.notes_panel
    qtbot.keyClicks(panel.passphrase, PASSPHRASE)
    qtbot.keyClicks(panel.confirm, PASSPHRASE)
    qtbot.mouseClick(panel.open_button, Qt.LeftButton)
    panel.save(CallNote(report.participant_id, TODAY - dt.timedelta(days=2), 18, address="Nervous about gardening",
                        next_step="Try ten minutes of weeding", follow_up=TODAY + dt.timedelta(days=10)))
    target = tmp_path / "summary.pdf"
    dialogs.save_file = str(target)
    qtbot.mouseClick(window.pdf_button, Qt.LeftButton)
    assert "Summary saved" in window.message.text()
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert 1 <= pdf_pages(target) <= 2
    diary = export.data["diary"]
    first = dt.date.fromisoformat(diary[0]["date"])
    before = mean(d["pain"] for d in diary if dt.date.fromisoformat(d["date"]) < first + dt.timedelta(days=14))
    expected = ["Summary for the appointment", "Nervous about gardening", "Try ten minutes of weeding",
                f"{report.rmdq[0][2]} of 24", f"{before:.1f}", report.participant_id]
    words = pdf_text(target)
    if words is not None:  # compared without spaces: a long id may break across two lines
        flat = "".join(words.split()).lower()
        for text in expected:
            assert "".join(text.split()).lower() in flat, text
    from desktop.exchange.appointment_summary import appointment_summary
    from desktop.ui.clinician.summary_pdf import summary_document

    laid_out = summary_document(appointment_summary(report, TODAY, notes=panel.previous())).toPlainText()
    for text in expected:
        assert text.lower() in " ".join(laid_out.split()).lower(), text


def test_before_the_notes_are_opened_the_pdf_says_they_are_not_included(qtbot, export, tmp_path, dialogs,
                                                                           data_root):
    window = ClinicWindow("e.age", clinic_report(export), paths.clinic_dir(data_root))
    qtbot.addWidget(window)
    target = tmp_path / "closed.pdf"
    assert window.save_summary_pdf(target)
    words = pdf_text(target)
    if words is not None:
        assert "Call notes not included" in " ".join(words.split())


def test_the_patients_own_summary_from_settings(qtbot, settings_window, database, tmp_path, dialogs):
    diary = DiaryService(database, exercise_catalogue(), FixedClock(TODAY))
    for back in range(30):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=back), pain=7 if back >= 16 else 3,
                              walking_minutes=5 if back >= 16 else 25, limitation=3))
    card = settings_window.settings_page.appointment_summary
    target = tmp_path / "mine.pdf"
    dialogs.save_file = str(target)
    card.button.setFocus()
    qtbot.keyClick(card.button, Qt.Key_Space)
    assert "Saved" in card.status.text()
    assert target.read_bytes().startswith(b"%PDF")
    words = pdf_text(target)
    if words is not None:
        flat = " ".join(words.split())
        assert "summary for my appointment" in flat.lower()
        assert "7.0 on average in the first two weeks" in flat and "3.0 in the last two weeks (lower)" in flat
        assert "5 minutes a day on average in the first two weeks, 25 in the last two weeks" in flat
        assert "support calls" not in flat.lower() and "Participant" not in flat


def test_a_folder_that_cannot_be_written_gives_a_message_and_no_file(qtbot, export, tmp_path, dialogs):
    window = ClinicWindow("e.age", clinic_report(export))
    qtbot.addWidget(window)
    assert not window.save_summary_pdf(tmp_path / "no such folder" / "s.pdf")
    assert dialogs.warnings and not (tmp_path / "no such folder").exists()
    assert list(tmp_path.glob("**/*.pdf")) == []


def test_the_fhir_button_saves_a_bundle_of_the_export(qtbot, export, tmp_path, dialogs):
    import json

    window = ClinicWindow("e.age", clinic_report(export))
    qtbot.addWidget(window)
    target = tmp_path / "bundle.json"
    dialogs.save_file = str(target)
    qtbot.mouseClick(window.fhir_button, Qt.LeftButton)
    assert "FHIR file saved" in window.message.text()
    bundle = json.loads(target.read_text(encoding="utf-8"))
    pain = [e for e in bundle["entry"] if e["resource"].get("code", {}).get("coding", [{}])[0].get("code") == "72514-3"]
    assert bundle["type"] == "collection" and len(pain) == len(export.data["diary"])


def test_the_patient_saves_their_own_fhir_bundle_from_settings(qtbot, settings_window, database, tmp_path, dialogs):
    import json

    diary = DiaryService(database, exercise_catalogue(), FixedClock(TODAY))
    for back in range(10):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=back), pain=4, walking_minutes=20, limitation=3))
    card = settings_window.settings_page.appointment_summary
    target = tmp_path / "mine.json"
    dialogs.save_file = str(target)
    card.fhir_button.setFocus()
    qtbot.keyClick(card.fhir_button, Qt.Key_Space)
    assert "Saved" in card.status.text()
    bundle = json.loads(target.read_text(encoding="utf-8"))
    codes = [e["resource"].get("code", {}).get("coding", [{}])[0].get("code") for e in bundle["entry"]]
    assert bundle["type"] == "collection" and codes.count("72514-3") == 10
    patient = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    assert "name" not in patient
    assert not card.save_fhir(tmp_path / "no such folder" / "x.json") and "could not be saved" in card.status.text()
