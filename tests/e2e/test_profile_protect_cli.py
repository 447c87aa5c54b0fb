"""`supportback profile protect|unprotect`, run as a clinic's script would run it."""

from __future__ import annotations

import json
import sqlite3

from tests.cli_helpers import run_cli

MARKER = "QUOKKA-MARKER-5521"
PIN = "482913"
PASSPHRASE = "green kettle on the hill"
CSV_HEADER = "date,pain,walking_minutes,exercises,limitation,flare_up,sleep,mood,note\n"


def _secret_file(tmp_path, name, secret):
    path = tmp_path / name
    path.write_text(secret + "\n")
    return str(path)


def _no_secret_shown(result, *secrets):
    for secret in secrets:
        assert secret not in result.stdout and secret not in result.stderr


def _encrypted_rows(path, profile_dir) -> int:
    """diary_day rows of an encrypted file, opened with the key from lock.json's salt."""
    from sqlcipher3 import dbapi2

    from desktop.security.keys import derive_key

    key = derive_key(PASSPHRASE, bytes.fromhex(json.loads((profile_dir / "lock.json").read_text())["key_salt"]))
    connection = dbapi2.connect(str(path))
    try:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return connection.execute("SELECT count(*) FROM diary_day").fetchone()[0]
    finally:
        connection.close()


def _plain_rows(path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM diary_day").fetchone()[0]
    finally:
        connection.close()


def _demo_with_marker(tmp_path):
    assert run_cli("demo", "--days", "20").returncode == 0
    csv = tmp_path / "note.csv"
    csv.write_text(CSV_HEADER + f"2026-03-15,3,25,,2,no,,,{MARKER}\n")
    imported = run_cli("--profile", "Demo", "diary", "import", str(csv))  # a backup is made first
    assert imported.returncode == 0, imported.stderr


def _export(tmp_path, *secret_args) -> str:
    out = tmp_path / "export.csv"
    out.unlink(missing_ok=True)
    result = run_cli("--profile", "Demo", *secret_args, "diary", "export", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_text()


def test_pin_then_passphrase_then_nothing_keeps_every_row_and_backup(tmp_path, data_root):
    _demo_with_marker(tmp_path)
    folder = data_root / "profiles" / "Demo"
    diary_file = folder / "diary.sqlite"
    days = _export(tmp_path)
    assert MARKER in days and MARKER.encode() in diary_file.read_bytes()
    rows = _plain_rows(diary_file)
    backups = sorted((folder / "backups").iterdir())
    backup_rows = [_plain_rows(b) for b in backups]
    assert len(backups) >= 2 and all(backup_rows)
    pin, passphrase = _secret_file(tmp_path, "pin.txt", PIN), _secret_file(tmp_path, "pass.txt", PASSPHRASE)

    with_pin = run_cli("profile", "protect", "Demo", "--pin-file", pin)
    assert with_pin.returncode == 0 and "PIN" in with_pin.stdout, with_pin.stderr
    assert run_cli("profile", "list").stdout.splitlines() == ["Demo\tpin"]
    refused = run_cli("--profile", "Demo", "diary", "export", str(tmp_path / "x.csv"))
    assert refused.returncode == 1 and "--passphrase-file" in refused.stderr
    assert _export(tmp_path, "--passphrase-file", pin) == days
    assert sorted((folder / "backups").iterdir()) == backups
    assert [_plain_rows(b) for b in backups] == backup_rows  # a PIN leaves the files plain

    with_passphrase = run_cli("profile", "protect", "Demo", "--new-passphrase-file", passphrase,
                              "--passphrase-file", pin)
    assert with_passphrase.returncode == 0 and "encrypted" in with_passphrase.stdout, with_passphrase.stderr
    assert run_cli("profile", "list").stdout.splitlines() == ["Demo\tpassphrase"]
    assert MARKER.encode() not in diary_file.read_bytes()
    assert [p.name for p in folder.rglob("*") if p.is_file() and MARKER.encode() in p.read_bytes()] == []
    assert _export(tmp_path, "--passphrase-file", passphrase) == days
    assert sorted((folder / "backups").iterdir()) == backups
    assert _encrypted_rows(diary_file, folder) == rows
    assert [_encrypted_rows(b, folder) for b in backups] == backup_rows

    back = run_cli("profile", "unprotect", "Demo", "--passphrase-file", passphrase)
    assert back.returncode == 0 and "plain" in back.stdout, back.stderr
    assert run_cli("profile", "list").stdout.splitlines() == ["Demo\tnone"]
    assert not (folder / "lock.json").exists()
    assert _plain_rows(diary_file) == rows  # opens without any key
    assert [_plain_rows(b) for b in backups] == backup_rows
    assert _export(tmp_path) == days
    for result in (with_pin, with_passphrase, back):
        _no_secret_shown(result, PIN, PASSPHRASE)


def test_wrong_or_unfit_secrets_change_nothing(tmp_path, data_root):
    _demo_with_marker(tmp_path)
    lock = data_root / "profiles" / "Demo" / "lock.json"
    pin = _secret_file(tmp_path, "pin.txt", PIN)
    assert run_cli("profile", "protect", "Demo", "--pin-file", pin).returncode == 0
    stored = lock.read_text()

    wrong = _secret_file(tmp_path, "wrong.txt", "135799")
    attempts = [
        (("profile", "unprotect", "Demo", "--passphrase-file", wrong), "not the PIN or passphrase"),
        (("profile", "protect", "Demo", "--pin-file", wrong), "--passphrase-file"),  # no current PIN given
        (("profile", "protect", "Demo", "--new-passphrase-file", _secret_file(tmp_path, "short.txt", "kettle"),
          "--passphrase-file", pin), "at least 10 characters"),
        (("profile", "protect", "Demo", "--pin-file", _secret_file(tmp_path, "abc.txt", "12ab"),
          "--passphrase-file", pin), "4 to 12 digits"),
        (("profile", "protect", "Demo", "--pin-file", _secret_file(tmp_path, "three.txt", "123"),
          "--passphrase-file", pin), "4 to 12 digits"),
        (("profile", "protect", "Nobody", "--pin-file", pin), "no profile called 'Nobody'"),
        (("profile", "unprotect", "Nobody"), "no profile called 'Nobody'"),
    ]
    for argv, reason in attempts:
        result = run_cli(*argv)
        assert result.returncode == 1 and reason in result.stderr, (argv, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        _no_secret_shown(result, PIN, "135799", "kettle", "12ab")
    assert json.loads(lock.read_text())["hash"] == json.loads(stored)["hash"]
    assert run_cli("profile", "list").stdout.splitlines() == ["Demo\tpin"]


def test_usage_errors_exit_2_and_a_pin_is_never_an_argument(tmp_path):
    _demo_with_marker(tmp_path)
    for argv in (("profile", "protect", "Demo"),
                 ("profile", "protect", "Demo", "--pin", "4821"),  # not taken as --pin-file
                 ("profile", "protect", "Demo", "--pin-file", "a", "--new-passphrase-file", "b"),
                 ("profile", "unprotect", "Demo", "--pin-file", "a"),
                 ("profile", "unprotect")):
        assert run_cli(*argv).returncode == 2, argv
    assert run_cli("profile", "list").stdout.splitlines() == ["Demo\tnone"]


def test_a_profile_open_in_the_app_is_not_converted(tmp_path, data_root):
    from desktop.ui.base.single_instance import SingleInstance

    _demo_with_marker(tmp_path)
    folder = data_root / "profiles" / "Demo"
    passphrase = _secret_file(tmp_path, "pass.txt", PASSPHRASE)
    app = SingleInstance(folder)  # the lock the running app holds for its profile
    assert app.acquire(listen=False)
    try:
        busy = run_cli("profile", "protect", "Demo", "--new-passphrase-file", passphrase)
    finally:
        app.release()
    assert busy.returncode == 1 and "open in SupportBack" in busy.stderr
    assert not (folder / "lock.json").exists() and MARKER.encode() in (folder / "diary.sqlite").read_bytes()
    done = run_cli("profile", "protect", "Demo", "--new-passphrase-file", passphrase)
    assert done.returncode == 0, done.stderr
    again = run_cli("profile", "unprotect", "Demo")  # no passphrase given, not a terminal
    assert again.returncode == 1 and "--passphrase-file" in again.stderr
    pin = _secret_file(tmp_path, "pin.txt", PIN)
    to_pin = run_cli("profile", "protect", "Demo", "--pin-file", pin, "--passphrase-file", passphrase)
    assert to_pin.returncode == 0 and run_cli("profile", "list").stdout.splitlines() == ["Demo\tpin"]
    assert MARKER.encode() in (folder / "diary.sqlite").read_bytes()  # a PIN alone leaves the file plain
    nothing = run_cli("profile", "unprotect", "Demo", "--passphrase-file", pin)
    assert nothing.returncode == 0
    assert run_cli("profile", "unprotect", "Demo").stdout.startswith("Profile 'Demo' has no PIN")


def test_a_profile_open_in_the_app_is_neither_renamed_nor_deleted(tmp_path, data_root):
    from desktop.ui.base.single_instance import SingleInstance

    _demo_with_marker(tmp_path)
    folder = data_root / "profiles" / "Demo"
    app = SingleInstance(folder)
    assert app.acquire(listen=False)
    try:
        renamed = run_cli("profile", "rename", "Demo", "Demo2")
        deleted = run_cli("profile", "delete", "Demo", "--yes")
    finally:
        app.release()
    for result in (renamed, deleted):
        assert result.returncode == 1 and "open in SupportBack" in result.stderr, result.stderr
    assert (folder / "diary.sqlite").exists()
    assert run_cli("profile", "rename", "Demo", "Demo2").returncode == 0
    assert run_cli("profile", "delete", "Demo2", "--yes").returncode == 0
    assert not (data_root / "profiles" / "Demo2").exists()
