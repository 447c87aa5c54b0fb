"""`profile protect|unprotect` in-process: a failure half-way, the waits, the prompts, auto-lock."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import cli, paths
from desktop.content.loader import exercise_catalogue
from desktop.domain.clock import FixedClock
from desktop.domain.diary import DiaryEntry
from desktop.security import keys
from desktop.security.profile_lock import PASSPHRASE, PIN, ProfileLock
from desktop.store import encryption
from desktop.store.database import open_database
from desktop.store.diary_service import DiaryService
from desktop.store.profile_admin import create_profile
from desktop.store.settings_service import SettingsService

TODAY = dt.date(2026, 3, 15)
MARKER = "WOMBAT-MARKER-7730"
OLD_PIN, OLD_PASSPHRASE, NEW_PASSPHRASE = "4821", "green kettle on the hill", "blue teapot by the sea"


@pytest.fixture(autouse=True)
def _no_keys_left():
    yield
    keys._KEYS.clear()


def _profile_with_backups(root, secret: str | None, kind: str | None) -> list[DiaryEntry]:
    """A profile 'Sam' with three days, two backups, protected by secret (None: nothing)."""
    create_profile(root, "Sam", secret, kind)
    if secret is not None:
        assert ProfileLock(paths.profile_dir(root, "Sam")).try_secret(secret).ok
    database = open_database(root, "Sam")
    diary = DiaryService(database, exercise_catalogue(), FixedClock(TODAY))
    for back in range(3):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=back), pain=3 + back, walking_minutes=10,
                              limitation=2, note=f"{MARKER} {back}"))
        if back:
            database.backup_now()
    entries = diary.between()
    database.close()
    keys._KEYS.clear()
    return entries


def _entries(root, secret: str | None) -> list[DiaryEntry]:
    keys._KEYS.clear()
    if secret is not None:
        assert ProfileLock(paths.profile_dir(root, "Sam")).try_secret(secret).ok
    database = open_database(root, "Sam")
    try:
        return DiaryService(database, exercise_catalogue(), FixedClock(TODAY)).between()
    finally:
        database.close()
        keys._KEYS.clear()


def _files(root):
    return [paths.database_path(root, "Sam"), *sorted(paths.backups_dir(root, "Sam").iterdir())]


def _secret(tmp_path, name: str, secret: str) -> str:
    path = tmp_path / name
    path.write_text(secret + "\n")
    return str(path)


def _fail_on_second_file(monkeypatch):
    """The second file's conversion fails (a full disk), after the first was converted."""
    real, calls = encryption._convert_file, []

    def converting(path, old_key, new_key):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, old_key, new_key)

    monkeypatch.setattr(encryption, "_convert_file", converting)
    return calls


@pytest.mark.parametrize("old_secret, old_kind, command", [
    (OLD_PIN, PIN, ["protect", "Sam", "--new-passphrase-file", "NEW"]),  # encrypting
    (OLD_PASSPHRASE, PASSPHRASE, ["unprotect", "Sam"]),  # decrypting
    (OLD_PASSPHRASE, PASSPHRASE, ["protect", "Sam", "--new-passphrase-file", "NEW"]),  # a new key
    (None, None, ["protect", "Sam", "--new-passphrase-file", "NEW"]),  # from no protection
])
def test_a_failure_half_way_leaves_the_old_protection_and_every_row(tmp_path, data_root, monkeypatch, capsys,
                                                                    old_secret, old_kind, command):
    entries = _profile_with_backups(data_root, old_secret, old_kind)
    lock = ProfileLock(paths.profile_dir(data_root, "Sam"))
    encrypted_before = [keys.is_encrypted(p) for p in _files(data_root)]
    calls = _fail_on_second_file(monkeypatch)
    argv = ["--data-dir", str(data_root), "profile",
            *[_secret(tmp_path, "new.txt", NEW_PASSPHRASE) if a == "NEW" else a for a in command]]
    if old_secret is not None:
        argv += ["--passphrase-file", _secret(tmp_path, "old.txt", old_secret)]

    assert cli.main(argv) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert len(calls) >= 2 and "No space left" in err and "keeps its old PIN or passphrase" in err
    assert len(err.strip().splitlines()) == 1
    assert OLD_PASSPHRASE not in err and NEW_PASSPHRASE not in err
    assert lock.kind == old_kind
    assert [keys.is_encrypted(p) for p in _files(data_root)] == encrypted_before
    assert not list(paths.profile_dir(data_root, "Sam").rglob("*.converting"))
    if old_secret is not None:
        assert not lock.try_secret(NEW_PASSPHRASE).ok
    assert _entries(data_root, old_secret) == entries
    monkeypatch.undo()  # and the same command works once the disk has room
    assert cli.main(argv) == cli.EXIT_OK


def test_after_five_wrong_tries_the_next_waits_as_in_the_app(tmp_path, data_root, capsys):
    _profile_with_backups(data_root, OLD_PIN, PIN)
    wrong = _secret(tmp_path, "wrong.txt", "9999")
    right = _secret(tmp_path, "right.txt", OLD_PIN)
    argv = ["--data-dir", str(data_root), "profile", "unprotect", "Sam", "--passphrase-file"]
    for _ in range(4):
        assert cli.main(argv + [wrong]) == cli.EXIT_FAILED
        assert "not the PIN" in capsys.readouterr().err
    assert cli.main(argv + [wrong]) == cli.EXIT_FAILED
    assert "wait 30 seconds" in capsys.readouterr().err
    assert cli.main(argv + [right]) == cli.EXIT_FAILED  # not even checked while the wait runs
    assert "wait 30 seconds" in capsys.readouterr().err
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).kind == PIN


def test_unprotect_turns_locking_after_idle_minutes_off_as_settings_does(tmp_path, data_root):
    from desktop.store.settings_service import AUTO_LOCK_SETTING  # the key Settings and the command share

    _profile_with_backups(data_root, OLD_PIN, PIN)
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).try_secret(OLD_PIN).ok
    database = open_database(data_root, "Sam")
    SettingsService(database).set(AUTO_LOCK_SETTING, "5")
    database.close()
    argv = ["--data-dir", str(data_root), "profile", "unprotect", "Sam",
            "--passphrase-file", _secret(tmp_path, "pin.txt", OLD_PIN)]
    assert cli.main(argv) == cli.EXIT_OK
    database = open_database(data_root, "Sam")
    assert SettingsService(database).get(AUTO_LOCK_SETTING, "") == "0"
    database.close()


def test_on_a_terminal_the_new_pin_is_asked_twice_hidden(data_root, monkeypatch, capsys):
    import getpass

    entries = _profile_with_backups(data_root, None, None)
    answers = iter(["2468", "2468"])
    prompts = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: prompts.append(prompt) or next(answers))
    assert cli.main(["--data-dir", str(data_root), "profile", "protect", "Sam", "--ask-pin"]) == cli.EXIT_OK
    assert prompts == ["New PIN for Sam: ", "The same PIN again: "]
    assert "2468" not in capsys.readouterr().out
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).kind == PIN

    answers = iter(["2468", "a long enough passphrase", "a long enough passphrasE"])  # current, new, again
    assert cli.main(["--data-dir", str(data_root), "profile", "protect", "Sam", "--ask-passphrase"]) == 1
    assert "differ" in capsys.readouterr().err
    assert ProfileLock(paths.profile_dir(data_root, "Sam")).kind == PIN
    assert _entries(data_root, "2468") == entries


def test_without_a_terminal_a_prompt_option_is_refused(data_root, capsys):
    _profile_with_backups(data_root, None, None)
    assert cli.main(["--data-dir", str(data_root), "profile", "protect", "Sam", "--ask-pin"]) == cli.EXIT_FAILED
    assert "--pin-file" in capsys.readouterr().err
