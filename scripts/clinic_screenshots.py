"""Save PNGs of the clinician window for real exports: a 1-year demo, a nearly empty one (2 diary
days) and one paused for safety with flags, to look at what a physiotherapist sees.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/clinic_screenshots.py OUT_DIR [TEXT_SIZE]
Writes <name>-window.png (the window as it opens) and <name>-full.png (the whole scrolled page).
"""

import copy
import sys
import tempfile
from pathlib import Path

import pyrage
from pyrage import x25519

from desktop.cli import main as cli_main
from desktop.exchange.age_files import generate_identity
from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_file import export_profile
from desktop.exchange.export_reader import VerifiedExport, read_export
from desktop.store.database import open_database
from desktop.ui.app.app import application
from desktop.ui.base.style import apply_style
from desktop.ui.clinician.clinic_view import ClinicWindow


def real_export(days: int, seed: int) -> VerifiedExport:
    root = Path(tempfile.mkdtemp())
    secret, recipient = generate_identity()
    cli_main(["--data-dir", str(root), "demo", "--days", str(days), "--seed", str(seed)])
    database = open_database(root, "Demo")
    try:
        export_profile(database, [recipient], root / "e.age")
    finally:
        database.close()
    plain = pyrage.decrypt((root / "e.age").read_bytes(), [x25519.Identity.from_str(secret)])
    return read_export(plain)


def paused_with_flags(export: VerifiedExport) -> VerifiedExport:
    """The same export as if the patient had a same-day red flag, several barriers and fewer days, ..."""
    data = copy.deepcopy(export.data)
    data["programme"].update(paused_for_safety=True, safety_outcome="same_day",
                             indicators=["low_mood", "long_history", "structural_beliefs"])
    data["diary"] = data["diary"][:-10]
    data["participant"] = dict(data["participant"], study_code="TRIAL-7")
    # the yes that paused it (the first item that calls for a same-day assessment), at session 2
    from desktop.content.programme import programme_content

    item = next(q for q in programme_content().safety.questions if q.item.urgency == "same_day")
    data["questionnaires"] = data["questionnaires"] + [
        {"uuid": "00000000-0000-4000-8000-000000000002", "questionnaire": "screening", "occasion": "session2",
         "item_id": item.id, "value": 1, "answered_on": export.exported_on, "updated_at": export.exported_at}]
    # ... who asked for a call, with a reason
    data["call_requests"] = [{"uuid": "00000000-0000-4000-8000-000000000001", "requested_on": export.exported_on,
                              "reason": "My leg feels odd after walking and I'm not sure I should go on",
                              "withdrawn": False, "updated_at": export.exported_at}]
    return VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                          export.exported_at, export.exported_on, data)


def every_flag(export: VerifiedExport) -> VerifiedExport:
    """Every kind of flag at once: several barriers, no recent diary, flat pain, a worse RMDQ."""
    data = copy.deepcopy(export.data)
    data["programme"]["indicators"] = ["low_mood", "long_history", "severe_limitation"]
    data["diary"] = [dict(day, pain=5) for day in data["diary"][:-15]]
    for item in data["questionnaires"]:
        if item["questionnaire"] == "rmdq" and item["occasion"] != "baseline":
            item["value"] = 1
    return VerifiedExport(export.export_id, export.participant_id, export.device_key_id, export.sequence,
                          export.exported_at, export.exported_on, data)


out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
app = application()
apply_style(app, sys.argv[2] if len(sys.argv) > 2 else "normal")
year = real_export(365, 1)
sixty = real_export(60, 3)
exports = {"year": year, "nearly-empty": real_export(2, 2), "paused": paused_with_flags(sixty),
           "every-flag": every_flag(sixty)}
for name, export in exports.items():
    window = ClinicWindow(f"{name}.age", clinic_report(export))
    window.resize(1280, 900)
    window.show()
    app.processEvents()
    window.grab().save(str(out / f"{name}-window.png"))
    window.body.resize(window.body.width(), window.body.sizeHint().height())
    app.processEvents()
    window.body.grab().save(str(out / f"{name}-full.png"))
    window.charts.save_pngs(out / f"{name}-charts", "chart")
    window.close()
print("saved to", out)
