"""The export round trip as clinics and researchers do it, through the command line."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import subprocess

import jsonschema
import pytest
from cli_helpers import ROOT, clinic_keygen, run_cli


def test_keygen_prints_the_public_key_keeps_the_secret_private_and_never_overwrites(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert recipient.startswith("age1") and len(recipient) == 62
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600
    assert "AGE-SECRET-KEY-1" in identity.read_text()
    before = identity.read_text()
    again = run_cli("clinic", "keygen", "--out", str(identity))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert identity.read_text() == before
    assert "AGE-SECRET-KEY" not in again.stdout + again.stderr


def test_round_trip_export_age_tool_schema_clinic_view_and_collect(tmp_path, data_root):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "60").returncode == 0
    first = run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e1.age"))
    assert first.returncode == 0, first.stderr
    assert "export #1" in first.stdout
    # the clinic key is remembered: the second export needs no --recipient
    second = run_cli("export", "--out", str(tmp_path / "e2.age"))
    assert second.returncode == 0 and "export #2" in second.stdout, second.stderr
    db = data_root / "profiles" / "Demo" / "diary.sqlite"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM usage_event WHERE kind = 'export_made'").fetchone() == (2,)

    age_tool = shutil.which("age")  # the standard tool a clinic without this app would use
    if age_tool:
        plain = subprocess.run([age_tool, "--decrypt", "-i", str(identity), str(tmp_path / "e2.age")],
                               capture_output=True, check=True).stdout
    else:
        import pyrage
        from pyrage import x25519

        from desktop.exchange.age_files import read_identity

        plain = pyrage.decrypt((tmp_path / "e2.age").read_bytes(),
                               [x25519.Identity.from_str(read_identity(identity))])
    document = json.loads(plain)
    schema = json.loads((ROOT / "resources" / "schema" / "export-v2.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["manifest"]["sequence"] == 2
    assert "export." not in json.dumps(document["data"]["settings"])  # no secrets inside

    view = run_cli("clinic", "open", str(tmp_path / "e2.age"), "--identity", str(identity))
    assert view.returncode == 0, view.stderr
    headings = ["CONGRATULATE ON PROGRESS", "ADDRESS CONCERNS", "REASSURE", "ENCOURAGE TOWARD GOALS",
                "FLAGS FOR TARGETED SUPPORT"]
    positions = [view.stdout.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Export #2" in view.stdout

    out = tmp_path / "research"
    collected = run_cli("research", "collect", "--identity", str(identity), "--out", str(out),
                        str(tmp_path / "e1.age"), str(tmp_path / "e2.age"))
    assert collected.returncode == 0, collected.stderr
    assert "2 accepted, 0 duplicate, 0 rejected" in collected.stdout
    for table in ("participants", "diary", "goals", "sessions", "questionnaires", "events", "data-dictionary"):
        assert (out / f"{table}.csv").exists()
    report = json.loads((out / "collect-report.json").read_text())
    assert [f["status"] for f in report["files"]] == ["accepted", "accepted"]
    assert "tables (CSV and Parquet)" in collected.stdout and (out / "diary.parquet").exists()  # Parquet too,
    csv_only = run_cli("research", "collect", "--identity", str(identity), "--out", str(tmp_path / "csv-only"),
                       "--no-parquet", str(tmp_path / "e1.age"))  # unless told not to
    assert "tables (CSV)" in csv_only.stdout and not list((tmp_path / "csv-only").glob("*.parquet"))
    old_layout = tmp_path / "old-layout"
    old_layout.mkdir()
    sqlite3.connect(old_layout / "collect-ledger.sqlite").execute("CREATE TABLE diary (uuid TEXT)").connection.close()
    refused = run_cli("research", "collect", "--identity", str(identity), "--out", str(old_layout),
                      str(tmp_path / "e1.age"))
    assert refused.returncode == 1 and "collect into a new, empty folder" in refused.stderr
    assert "Traceback" not in refused.stderr

    # the export prints the line a study puts on its enrolment list
    enrolled = first.stdout.split("participant_id,device_key_id = ")[1].strip()
    (tmp_path / "enrolment.csv").write_text(f"participant_id,device_key_id\n{enrolled}\n")
    listed = run_cli("research", "collect", "--identity", str(identity), "--out", str(tmp_path / "listed"),
                     "--enrolment", str(tmp_path / "enrolment.csv"), str(tmp_path / "e2.age"))
    assert listed.returncode == 0 and "1 accepted" in listed.stdout, listed.stderr
    (tmp_path / "broken.csv").write_text("who,key\n")
    broken = run_cli("research", "collect", "--identity", str(identity), "--out", str(tmp_path / "listed"),
                     "--enrolment", str(tmp_path / "broken.csv"), str(tmp_path / "e2.age"))
    assert broken.returncode == 1 and "first line must be exactly" in broken.stderr
    if not age_tool:
        pytest.skip("everything ran except decrypting with the `age` tool, which is not installed "
                    "(scripts/test.sh installs it when run as root)")


def test_clear_messages_for_bad_keys_and_rejected_files(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "10").returncode == 0
    nothing = run_cli("export", "--out", str(tmp_path / "x.age"))
    assert nothing.returncode == 1 and "No clinic key was given" in nothing.stderr
    bad = run_cli("export", "--recipient", "age1wrong", "--out", str(tmp_path / "x.age"))
    assert bad.returncode == 1 and "not a clinic key" in bad.stderr
    assert not (tmp_path / "x.age").exists()
    (tmp_path / "notes.age").write_text("hello")
    opened = run_cli("clinic", "open", str(tmp_path / "notes.age"), "--identity", str(identity))
    assert opened.returncode == 1 and "not an age encrypted file" in opened.stderr
    collected = run_cli("research", "collect", "--identity", str(identity), "--out", str(tmp_path / "r"),
                        str(tmp_path / "notes.age"))
    assert collected.returncode == 1
    assert "rejected: " in collected.stderr and "not an age encrypted file" in collected.stderr


def test_collect_shows_a_progress_bar_only_on_a_terminal(tmp_path):
    import os
    import pty
    import sys

    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "10").returncode == 0
    assert run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e.age")).returncode == 0
    args = ["research", "collect", "--identity", str(identity), "--out", str(tmp_path / "r"), str(tmp_path / "e.age")]
    piped = run_cli(*args)
    assert piped.returncode == 0 and "[" not in piped.stderr and "writing the tables" not in piped.stderr
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.run([sys.executable, "-m", "desktop", *args], stdout=subprocess.PIPE, stderr=slave,
                             env=env, cwd=ROOT, timeout=120)
    os.close(slave)
    shown = os.read(master, 4096).decode()
    os.close(master)
    assert process.returncode == 0
    assert "1/1 files" in shown and "#" in shown
    assert shown.index("1/1 files") < shown.index("writing the tables")  # said once the files are done


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_point4_clinic_open_and_collect_refuse_a_fifo_at_once_with_one_line(tmp_path):
    import os

    _, identity = clinic_keygen(tmp_path)
    fifo = tmp_path / "pipe.age"
    os.mkfifo(fifo)
    opened = run_cli("clinic", "open", str(fifo), "--identity", str(identity), timeout=30)
    assert opened.returncode == 1
    assert opened.stderr.strip().splitlines() == [f"supportback: {fifo} could not be opened: it is a named pipe "
                                                  "(FIFO), not a regular file"]
    as_key = run_cli("clinic", "open", str(fifo), "--identity", str(fifo), timeout=30)
    assert as_key.returncode == 1 and "cannot be an identity file: it is a named pipe" in as_key.stderr
    collected = run_cli("research", "collect", "--identity", str(identity), "--out", str(tmp_path / "out"),
                        str(tmp_path), timeout=60)
    assert collected.returncode == 1, collected.stderr
    assert f"rejected: {fifo}: it is a named pipe" in collected.stderr
    assert "0 accepted, 0 duplicate, 1 rejected" in collected.stdout
