"""`supportback clinic caseload FOLDER` as a clinician runs it: a plain table by need with the
rejected files listed apart, --json rows for scripts, and the clinic's call notes opened with
--notes-passphrase-file (without it, the list says the notes were not opened)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from caseload_helpers import TODAY, new_patient, patient_data, sources, truncate, write_export
from cli_helpers import clinic_keygen, run_cli

from desktop import paths
from desktop.store.clinic_notes import CallNote, set_up_notes

PASSPHRASE = "kettle by the north window"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("caseload-cli")
    recipient, identity = clinic_keygen(folder)
    secret = next(line for line in identity.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-"))
    made = sources(folder / "sources", recipient, secret, days=30)
    inbox = folder / "inbox"
    inbox.mkdir()
    for n, code in enumerate(["ANNA", "ASKED", "RED"]):
        p = new_patient(code, n)
        write_export(inbox, recipient, patient_data(
            made.plain, p, indicators=[], call_requests=made.call_requests if code == "ASKED" else None,
            emergency=made.emergency if code == "RED" else None), p)
    truncate(write_export(inbox, recipient, patient_data(made.plain, new_patient("CUT", 9)), new_patient("CUT", 9),
                          name="cut.age"))
    return inbox, identity


def test_the_table_lists_patients_by_need_and_rejected_files_apart(inbox, data_root):
    folder, identity = inbox
    result = run_cli("--data-dir", str(data_root), "clinic", "caseload", str(folder), "--identity", str(identity))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    table = [line for line in lines if line.startswith(("RED", "ASKED", "ANNA"))]
    assert [line.split()[0] for line in table] == ["RED", "ASKED", "ANNA"]
    assert "Paused for safety (emergency)" in table[0] and "Asked for a call" in table[1]
    assert "No call notes have been set up" in result.stdout
    assert "cut.age: rejected: it is damaged, altered or cut short" in result.stdout
    assert "CUT" not in " ".join(table)


def test_json_rows_and_the_notes_opened_with_a_passphrase_file(inbox, data_root, tmp_path):
    folder, identity = inbox
    notes = set_up_notes(paths.clinic_dir(data_root), PASSPHRASE)
    words = tmp_path / "pass.txt"
    words.write_text(PASSPHRASE + "\n")
    base = ("--data-dir", str(data_root), "clinic", "caseload", str(folder), "--identity", str(identity), "--json")
    without = json.loads(run_cli(*base).stdout)
    assert not without["notes_opened"] and [p["code"] for p in without["patients"]] == ["RED", "ASKED", "ANNA"]
    asked = without["patients"][1]
    assert asked["needs"] == ["call_request"] and asked["call_reason"] == "My back is worse since Tuesday"
    assert [(r["file"], "cut short" in r["reason"]) for r in without["rejected"]] == [("cut.age", True)]

    notes.add(CallNote(asked["participant_id"], TODAY, 10, next_step="Walk daily",
                       follow_up=TODAY + dt.timedelta(days=7)))
    called = json.loads(run_cli(*base, "--notes-passphrase-file", str(words)).stdout)
    assert called["notes_opened"] and [p["code"] for p in called["patients"]] == ["RED", "ANNA", "ASKED"]
    week_on = json.loads(run_cli("--today", (TODAY + dt.timedelta(days=7)).isoformat(), *base,
                                 "--notes-passphrase-file", str(words)).stdout)
    assert [p["code"] for p in week_on["patients"]][:2] == ["RED", "ASKED"]
    assert week_on["patients"][1]["needs"][0] == "follow_up"

    text_run = run_cli(*base[:-1])  # not on a terminal and no file: the list says the notes were not opened
    assert "Call notes were not opened" in text_run.stdout
