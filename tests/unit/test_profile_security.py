"""PINs and passphrases: slow hashes, wrong tries, delays that survive a restart; profile admin."""

from __future__ import annotations

import json

import pytest
from cli_helpers import holds_in_plain

from desktop import paths
from desktop.security.clinic_config import ClinicConfigError, load_clinic_config, write_clinic_config
from desktop.security.profile_lock import FREE_TRIES, PASSPHRASE, PIN, ProfileLock, SecretRejected
from desktop.security.secret_hash import verify_secret
from desktop.store.profile_admin import create_profile, delete_profile, rename_profile
from desktop.store.profiles import ProfileError, list_profiles


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_the_lock_file_holds_a_salted_hash_never_the_pin(tmp_path):
    ProfileLock(tmp_path).set_secret("4821", PIN)
    ProfileLock(tmp_path / "other").set_secret("4821", PIN)
    one = json.loads((tmp_path / "lock.json").read_text())
    two = json.loads((tmp_path / "other" / "lock.json").read_text())
    assert not holds_in_plain((tmp_path / "lock.json").read_text(), "4821")
    assert one["hash"] != two["hash"]  # different salts
    assert one["hash"].startswith("scrypt$32768$8$1$")
    assert verify_secret("4821", one["hash"]) and not verify_secret("4822", one["hash"])


def test_right_pin_opens_wrong_pin_does_not(tmp_path):
    lock = ProfileLock(tmp_path)
    assert not lock.is_protected and lock.try_secret("").ok
    lock.set_secret("4821", PIN)
    assert lock.is_protected and lock.kind == PIN
    assert not lock.try_secret("1234").ok
    assert lock.try_secret("4821").ok
    assert lock.throttle.failures == 0


def test_rules_for_new_secrets(tmp_path):
    lock = ProfileLock(tmp_path)
    for bad, kind in (("12", PIN), ("12ab", PIN), ("short", PASSPHRASE)):
        with pytest.raises(SecretRejected):
            lock.set_secret(bad, kind)
    lock.set_secret("green kettle on the hill", PASSPHRASE)
    assert lock.kind == PASSPHRASE


def test_growing_delays_after_five_wrong_tries_survive_a_restart(tmp_path):
    clock = Clock()
    ProfileLock(tmp_path, clock).set_secret("4821", PIN)
    for _ in range(FREE_TRIES - 1):
        result = ProfileLock(tmp_path, clock).try_secret("0000")
        assert not result.ok and result.wait_seconds == 0
    fifth = ProfileLock(tmp_path, clock).try_secret("0000")
    assert fifth.wait_seconds == 30
    # A new service object (the app restarted) still makes the user wait, even for the right PIN.
    restarted = ProfileLock(tmp_path, clock)
    early = restarted.try_secret("4821")
    assert not early.ok and early.wait_seconds == pytest.approx(30)
    clock.now += 31
    sixth = ProfileLock(tmp_path, clock).try_secret("0000")
    assert sixth.wait_seconds == 60  # longer each time
    clock.now += 61
    assert ProfileLock(tmp_path, clock).try_secret("4821").ok
    assert ProfileLock(tmp_path, clock).throttle.failures == 0


def test_a_damaged_lock_file_keeps_the_profile_locked(tmp_path):
    (tmp_path / "lock.json").write_text("{not json")
    lock = ProfileLock(tmp_path)
    assert lock.is_protected
    assert not lock.try_secret("4821").ok


def test_create_rename_delete(data_root):
    create_profile(data_root, "Sam")
    create_profile(data_root, "Alex")
    with pytest.raises(ProfileError):
        create_profile(data_root, "sam")
    rename_profile(data_root, "Sam", "Samira")
    assert list_profiles(data_root) == ["Alex", "Samira"]
    with pytest.raises(ProfileError):
        rename_profile(data_root, "Samira", "alex")


def test_delete_removes_every_file_of_the_profile(data_root, database):
    from desktop.store.database import open_database

    db = open_database(data_root, "Sam")
    db.backup_now()
    db.close()
    ProfileLock(paths.profile_dir(data_root, "Sam")).set_secret("4821", PIN)
    (paths.profile_dir(data_root, "Sam") / "set-aside").mkdir()
    assert list(paths.backups_dir(data_root, "Sam").iterdir())
    delete_profile(data_root, "Sam")
    assert not paths.profile_dir(data_root, "Sam").exists()
    assert list_profiles(data_root) == ["default"]  # the other profile is untouched
    with pytest.raises(ProfileError):
        delete_profile(data_root, "Sam")


def test_clinic_config_round_trip_and_errors(tmp_path):
    path = tmp_path / "clinic.toml"
    assert load_clinic_config(path).kiosk is False  # no file: home use
    key = "age1" + "q" * 58
    config = write_clinic_config(path, 'Riverside "Physio"', "97531", [key], lock_timeout_minutes=3,
                                 export_folder="/srv/inbox")
    assert config.kiosk and config.clinic_name == 'Riverside "Physio"' and config.lock_timeout_minutes == 3
    assert config.recipients == (key,) and config.export_folder == "/srv/inbox"
    assert verify_secret("97531", config.admin_pin_hash)
    assert "97531" not in path.read_text()
    path.write_text("kiosk = true\n")
    with pytest.raises(ClinicConfigError, match="admin PIN"):
        load_clinic_config(path)
    path.write_text("lock_timeout_minutes = 'soon'\n")
    with pytest.raises(ClinicConfigError, match="lock_timeout_minutes"):
        load_clinic_config(path)
    path.write_text('recipients = ["physio@example.org"]\n')
    with pytest.raises(ClinicConfigError, match="age public keys"):
        load_clinic_config(path)
    path.write_text("kiosk = [\n")
    with pytest.raises(ClinicConfigError, match="cannot be read"):
        load_clinic_config(path)
