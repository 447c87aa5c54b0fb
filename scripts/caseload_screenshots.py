"""Save PNGs of the clinic's caseload window with a made-up inbox, to look at what a clinician sees.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/caseload_screenshots.py OUT_DIR

Twelve made-up patients (one paused for safety after an emergency red-flag answer, one who asked
for a call, two with several barrier indicators, two who stopped the diary) and two damaged
files, made with the test helpers (tests/caseload_helpers.py) in a temporary folder. Saves
caseload.png (as opened) and caseload-sorted.png (sorted by last diary day).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("SUPPORTBACK_TODAY", "2026-03-15")


def main(out: Path) -> None:
    from caseload_helpers import TODAY, new_patient, patient_data, sources, tamper, truncate, write_export
    from exchange_helpers import clinic_key

    from desktop.exchange.age_files import BoundedDecryptor
    from desktop.exchange.caseload import CaseloadReader

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        os.environ["SUPPORTBACK_DATA_DIR"] = str(folder / "data")
        secret, recipient, _identity = clinic_key(folder)
        made = sources(folder / "sources", recipient, secret, days=120)
        inbox = folder / "inbox"
        inbox.mkdir()
        codes = ["LBP-014", "LBP-027", "LBP-003", "LBP-031", "LBP-008", "LBP-019", "LBP-022", "LBP-005",
                 "LBP-011", "LBP-016", "LBP-024", "LBP-029"]
        for n, code in enumerate(codes):
            p = new_patient(code, n)
            write_export(inbox, recipient, patient_data(
                made.plain, p, call_requests=made.call_requests if n == 1 else None,
                emergency=made.emergency if n == 4 else None, indicators=None if n in (2, 6) else [],
                diary_until=TODAY - dt.timedelta(days=8 + 3 * n) if n in (3, 9) else None), p)
        tamper(write_export(inbox, recipient, patient_data(made.plain, new_patient("X", 90)), new_patient("X", 90),
                            name="from-reception.age"))
        truncate(write_export(inbox, recipient, patient_data(made.plain, new_patient("Y", 91)),
                              new_patient("Y", 91), name="usb-copy.age"))
        with BoundedDecryptor(secret) as identity:  # the decrypting child starts before Qt
            reader = CaseloadReader(inbox, identity)
            caseload = reader.read(TODAY)
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QApplication

            from desktop.ui.base.application import application
            from desktop.ui.base.style import DEFAULT_TEXT_SIZE, apply_style
            from desktop.ui.clinician.caseload_window import CaseloadWindow

            app = application()
            apply_style(app, DEFAULT_TEXT_SIZE)
            window = CaseloadWindow(reader, caseload, folder / "data" / "clinic")
            window.resize(1280, 720)
            window.show()
            window.table.setFocus()
            for _ in range(5):
                QApplication.processEvents()
            window.grab().save(str(out / "caseload.png"))
            window.table.sortByColumn(4, Qt.AscendingOrder)
            QApplication.processEvents()
            window.grab().save(str(out / "caseload-sorted.png"))
            window.close()
    print(f"Saved caseload.png and caseload-sorted.png in {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
