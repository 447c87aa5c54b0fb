"""The clinician's window for one real export: header, flags, CARE summary and the patient's own
charts drawn with the export's numbers; calm when there is little data; and read-only."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QSlider,
    QTextEdit,
)

from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.clinic_summary import summary_text
from desktop.exchange.export_reader import VerifiedExport, read_export
from desktop.ui.charts.chart_style import epoch
from desktop.ui.clinician.clinic_view import ClinicWindow


def _export(tmp_path, days: int) -> VerifiedExport:
    secret, recipient, _identity = clinic_key(tmp_path)
    database = demo_profile(tmp_path / "demo", days=days, seed=7)
    try:
        path = make_export(database, recipient, tmp_path / "e.age")
    finally:
        database.close()
    return read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def _changed(export: VerifiedExport, **data) -> VerifiedExport:
    return VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                          export.exported_at, export.exported_on, dict(export.data, **data))


def _open(qtbot, export: VerifiedExport) -> ClinicWindow:
    window = ClinicWindow("e.age", clinic_report(export))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def restore_style(qapp):
    font, sheet = qapp.font(), qapp.styleSheet()
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    qapp.setProperty("clinicTextSize", None)


def test_charts_show_the_exports_own_numbers(qtbot, tmp_path):
    export = _export(tmp_path, 60)
    diary = export.data["diary"]
    window = _open(qtbot, export)
    assert "read-only" in window.windowTitle() and "e.age" in window.windowTitle()
    assert window.header.facts["participant"].text() == export.participant_id
    assert window.header.facts["diary"].text().startswith(f"{len(diary)} days")

    timeline = window.charts.timeline
    days = [dt.date.fromisoformat(d["date"]) for d in diary]
    assert list(timeline.bars.opts["height"]) == [d["walking_minutes"] for d in diary]
    assert list(timeline.bars.opts["x"]) == [epoch(day) for day in days]
    xs, ys = timeline.pain_line.getData()  # every day of the diary's span; a missing day is empty
    pain_by_x = {x: y for x, y in zip(xs, ys) if not np.isnan(y)}
    assert pain_by_x == {epoch(day): timeline.plot.pain_to_amount(d["pain"]) for day, d in zip(days, diary)}
    flare_days = {epoch(day) for day, d in zip(days, diary) if d["flare_up"]}
    assert set(timeline.flare_marks.getData()[0]) == flare_days
    goal_minutes = {g["minutes_per_day"] for g in export.data["goals"] if g["activity"] == "walking"}
    _goal_x, goal_y = timeline.goal_line.getData()
    assert {int(y) for y in goal_y if not np.isnan(y)} == goal_minutes

    weeks: dict[dt.date, int] = {}
    for day, d in zip(days, diary):
        monday = day - dt.timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + d["walking_minutes"]
    assert list(window.charts.weekly.bars.opts["height"]) == [weeks[m] for m in sorted(weeks)]

    comparison = window.charts.comparison_chart.result
    assert comparison.active_days + comparison.inactive_days > 0 and comparison.enough_data
    assert window.charts.comparison_chart.isVisible()
    assert window.report.patient_sentence in window.charts.patient_sentence.text()

    rmdq = {}
    for item in export.data["questionnaires"]:
        if item["questionnaire"] == "rmdq":
            rmdq[item["occasion"]] = rmdq.get(item["occasion"], 0) + item["value"]
    bars = window.charts.rmdq_view.findChildren(QProgressBar)
    assert sorted(bar.value() for bar in bars) == sorted(rmdq.values()) and len(bars) == 2


def test_care_sections_in_order_and_flags_as_cards_with_words(qtbot, tmp_path):
    export = _export(tmp_path, 60)
    flagged = _changed(export, diary=export.data["diary"][:-14],  # nothing in the last two weeks
                       programme=dict(export.data["programme"], indicators=["low_mood", "long_history"]))
    window = _open(qtbot, flagged)
    cards = window.flags.cards
    kinds = [flag.kind for flag in window.report.flags]
    assert len(cards) == len(kinds) and kinds[:2] == ["indicators", "engagement"]
    words = [" ".join(label.text() for label in card.findChildren(QLabel)) for card in cards]
    assert "Several barrier indicators" in words[0] and "low mood or anxiety" in words[0]
    assert "Low engagement" in words[1] and "0 of the last 14 days" in words[1]
    links = [kind for kind in kinds if kind.startswith("link_")]
    assert len(links) == 2  # one for walking, one for back exercises, from the patient's own statement
    for kind in links:
        assert ("walking" in words[kinds.index(kind)]) or ("back exercises" in words[kinds.index(kind)])
    assert all(card.accessibleName() for card in cards)

    sections = window.care.sections
    assert list(sections) == ["congratulate", "address", "reassure", "encourage"]
    place = {key: label.mapTo(window.body, label.rect().topLeft()) for key, label in sections.items()}
    assert place["congratulate"].x() < place["address"].x() and place["congratulate"].y() < place["reassure"].y()
    assert place["reassure"].x() < place["encourage"].x()
    assert "Current goal" in sections["encourage"].text()
    assert window.header.safety is None


def test_a_programme_paused_for_safety_is_shown_first_in_words(qtbot, tmp_path):
    export = _export(tmp_path, 20)
    paused = _changed(export, programme=dict(export.data["programme"], paused_for_safety=True,
                                             safety_outcome="emergency"))
    window = _open(qtbot, paused)
    banner = window.header.safety
    assert banner is not None and banner.isVisible()
    said = " ".join(label.text() for label in banner.findChildren(QLabel))
    assert "PROGRAMME PAUSED FOR SAFETY" in said and "emergency department" in said
    assert banner.mapTo(window.body, banner.rect().topLeft()).y() < window.flags.mapTo(window.body,
                                                                                        window.flags.rect().topLeft()).y()
    assert "Paused for safety" in window.header.facts["programme"].text()
    assert "urgent assessment (emergency department) advised" in window.care.sections["address"].text()


@pytest.mark.parametrize("days", [0, 3])
def test_an_export_with_little_data_says_not_enough_yet_instead_of_empty_charts(qtbot, tmp_path, days):
    import pyqtgraph as pg

    export = _export(tmp_path, 30)
    little = _changed(export, diary=export.data["diary"][-days:] if days else [],
                      **({} if days else {"programme": None, "sessions": [], "goals": [], "questionnaires": []}))
    window = _open(qtbot, little)
    assert window.charts.not_enough.isVisible()
    said = " ".join(label.text() for label in window.charts.not_enough.findChildren(QLabel))
    assert "Not enough diary yet" in said and f"{days} day(s) so far" in said
    assert window.findChildren(pg.PlotWidget) == [] and window.charts.timeline is None
    if not days:
        assert window.header.facts["diary"].text() == "No diary days yet"
        assert "Not started" in window.header.facts["programme"].text()
        assert not window.save_button.isEnabled()


def test_nothing_in_the_window_can_be_edited(qtbot, tmp_path):
    window = _open(qtbot, _export(tmp_path, 60))
    for kind in (QLineEdit, QAbstractSpinBox, QComboBox, QSlider):
        assert window.findChildren(kind) == [], kind
    for kind in (QTextEdit, QPlainTextEdit):
        assert all(widget.isReadOnly() for widget in window.findChildren(kind))
    # The only buttons copy, save (charts, the summary PDF, a FHIR file), change the text size, close,
    # or choose how much of the chart to show.
    names = {button.text() for button in window.findChildren(QAbstractButton)}
    assert names == {"Copy summary", "Save charts as PNG…", "Summary PDF…", "FHIR file…", "A−", "A+", "Close",
                     "Last month", "Last 3 months", "All"}
    fact = window.header.facts["diary"]
    before = fact.text()
    fact.setFocus()
    qtbot.keyClicks(fact, "typed")
    qtbot.keyClick(fact, Qt.Key_Delete)
    assert fact.text() == before
    assert all(label.accessibleName() for label in window.header.facts.values())


def _focused(qtbot, window: ClinicWindow) -> None:
    window.activateWindow()
    window.copy_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.copy_button)


def test_tab_reaches_every_section_and_esc_closes(qtbot, tmp_path):
    window = _open(qtbot, _export(tmp_path, 60))
    _focused(qtbot, window)
    reached = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        reached.append(QApplication.focusWidget())
    for part in (window.header, window.care, window.charts):
        assert any(part.isAncestorOf(widget) for widget in reached), part
    assert window.charts.timeline.plot in reached and window.charts.weekly.plot in reached
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert not window.isVisible()


def test_ctrl_w_closes(qtbot, tmp_path):
    window = _open(qtbot, _export(tmp_path, 20))
    _focused(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_W, Qt.ControlModifier)
    assert not window.isVisible()


def test_copy_summary_save_charts_and_larger_text(qtbot, tmp_path, monkeypatch, restore_style):
    export = _export(tmp_path, 60)
    window = _open(qtbot, export)
    qtbot.mouseClick(window.copy_button, Qt.LeftButton)
    assert QApplication.clipboard().text() == summary_text(export)
    assert "copied" in window.message.text()

    folder = tmp_path / "charts"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(window.save_button, Qt.LeftButton)
    written = sorted(folder.glob("*.png"))
    assert [p.name.rsplit("-", 1)[1] for p in written] == ["comparison.png", "days.png", "rmdq.png", "weeks.png"]
    assert all(p.name.startswith(f"supportback-{export.participant_id[:8]}-export1-") for p in written)
    for path in written:
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 300 and image.height() > 80
    assert "4 chart(s) saved" in window.message.text()

    before = QApplication.font().pointSizeF()
    qtbot.mouseClick(window.larger_button, Qt.LeftButton)
    assert QApplication.font().pointSizeF() > before
    qtbot.mouseClick(window.smaller_button, Qt.LeftButton)
    assert QApplication.font().pointSizeF() == pytest.approx(before) or not window.smaller_button.isEnabled()
