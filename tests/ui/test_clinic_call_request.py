"""The clinic's side of "I'd like to talk to a physio": an open request in a real export is
shown in the clinician window right under who the patient is, and leads the printed summary;
a withdrawn one is not shown as open; an export without the section (schema 1) shows none."""

from __future__ import annotations

import pyrage
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519
from PySide6.QtWidgets import QLabel

from desktop.domain.clock import clock_from_environment
from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_reader import read_export
from desktop.store.call_requests import CallRequestService
from desktop.ui.clinician.clinic_view import ClinicWindow
from desktop.ui.widgets.formatting import long_day


def _export_with(tmp_path, *actions):
    secret, recipient, _identity = clinic_key(tmp_path)
    database = demo_profile(tmp_path / "demo", days=20, seed=3)
    try:
        service = CallRequestService(database, clock_from_environment())
        for action in actions:
            action(service)
        path = make_export(database, recipient, tmp_path / "e.age")
    finally:
        database.close()
    return read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def test_an_open_request_is_shown_under_the_header_and_leads_the_summary(qtbot, tmp_path):
    export = _export_with(tmp_path, lambda s: s.request("Walking hurts more this week"))
    report = clinic_report(export)
    window = ClinicWindow("e.age", report)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    card = window.call_request
    assert card is not None and card.isVisible()
    words = " ".join(lbl.text() for lbl in card.findChildren(QLabel))
    assert "asked to talk to a physio" in words and "Walking hurts more this week" in words
    assert long_day(clock_from_environment().today()) in words
    layout = window.body.layout()
    assert layout.indexOf(card) == layout.indexOf(window.header) + 1  # before flags and CARE
    assert card.geometry().top() < window.flags.geometry().top()

    summary = report.summary
    call_line = summary.index("CALL REQUESTED")
    assert call_line < summary.index("CONGRATULATE") and call_line < summary.index("FLAGS")
    assert "Walking hurts more this week" in summary.splitlines()[summary[:call_line].count("\n")]


def test_a_withdrawn_request_is_not_shown_as_open(qtbot, tmp_path):
    export = _export_with(tmp_path, lambda s: s.request("x"), lambda s: s.withdraw())
    assert [r["withdrawn"] for r in export.data["call_requests"]] == [True]
    report = clinic_report(export)
    assert report.call_request is None and "CALL REQUESTED" not in report.summary
    window = ClinicWindow("e.age", report)
    qtbot.addWidget(window)
    assert window.call_request is None


def test_a_version_1_export_has_no_request():
    from desktop.exchange.clinic_summary import call_request

    assert call_request({"diary": []}) is None
