"""`clinic open --charts DIR`: the patient's charts as PNGs, drawn without a display, beside the
same printed summary as without it."""

from __future__ import annotations

from cli_helpers import clinic_keygen, run_cli
from PySide6.QtGui import QImage


def test_charts_are_written_as_pngs_and_the_summary_is_unchanged(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "45").returncode == 0
    assert run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e.age")).returncode == 0
    plain = run_cli("clinic", "open", str(tmp_path / "e.age"), "--identity", str(identity))
    # no display at all: the charts are drawn off screen whatever the platform says
    charted = run_cli("clinic", "open", str(tmp_path / "e.age"), "--identity", str(identity),
                      "--charts", str(tmp_path / "charts"), env={"QT_QPA_PLATFORM": "", "DISPLAY": ""})
    assert plain.returncode == charted.returncode == 0, charted.stderr
    assert charted.stdout.startswith(plain.stdout)
    assert "Wrote 4 chart(s)" in charted.stdout
    written = sorted(p.name.rsplit("-", 1)[1] for p in (tmp_path / "charts").glob("*.png"))
    assert written == ["comparison.png", "days.png", "rmdq.png", "weeks.png"]
    for path in (tmp_path / "charts").glob("*.png"):
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 300


def test_an_export_before_any_diary_writes_no_charts_and_says_why(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e.age")).returncode == 0
    charted = run_cli("clinic", "open", str(tmp_path / "e.age"), "--identity", str(identity),
                      "--charts", str(tmp_path / "charts"))
    assert charted.returncode == 0, charted.stderr
    assert "No charts written: the diary has 0 day(s)" in charted.stdout
    assert list((tmp_path / "charts").glob("*.png")) == []


def test_point3_odd_dates_in_a_signed_export_are_a_one_line_refusal_not_a_traceback(tmp_path):
    """2026-02-30, month 13, year 0000, 0001-01-01 and 9999-12-31 in a diary, and 24:00:00 or a
    leap second, signed by the device: `clinic open --charts` says why and stops, at once."""
    import json
    import time

    from exchange_helpers import encrypt_document, new_device_key, signed_plaintext

    from desktop.exchange import signing

    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "20").returncode == 0
    assert run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e.age")).returncode == 0
    opened = run_cli("clinic", "open", str(tmp_path / "e.age"), "--identity", str(identity))
    assert opened.returncode == 0, opened.stderr
    import pyrage
    from pyrage import x25519

    secret = next(line for line in identity.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-"))
    data = json.loads(pyrage.decrypt((tmp_path / "e.age").read_bytes(), [x25519.Identity.from_str(secret)]))["data"]
    key = new_device_key()
    for field, value in (("date", "2026-02-30"), ("date", "2026-13-01"), ("date", "0000-01-01"),
                         ("date", "0001-01-01"), ("date", "9999-12-31"), ("updated_at", "2026-03-01T24:00:00.000000Z"),
                         ("updated_at", "2026-03-01T23:59:60.000000Z")):
        changed = json.loads(json.dumps(data))
        changed["diary"][0][field] = value
        plaintext = signed_plaintext(signing.canonical_json(changed), key, changed["participant"]["participant_id"])
        path = encrypt_document(None, recipient, tmp_path / "odd.age", raw=plaintext)
        started = time.monotonic()
        result = run_cli("clinic", "open", str(path), "--identity", str(identity), "--charts", str(tmp_path / "c"))
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith("supportback: ") and result.stderr.count("\n") == 1, result.stderr
        assert ("not on the calendar" in result.stderr or "before 2000-01-01" in result.stderr
                or "after the day it was made" in result.stderr), result.stderr
        assert time.monotonic() - started < 15
        assert not (tmp_path / "c").exists() or not list((tmp_path / "c").iterdir())
