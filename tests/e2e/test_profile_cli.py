"""`supportback profile ...`, `clinic setup` and --passphrase-file, run as a user would."""

from __future__ import annotations

import tomllib

from tests.cli_helpers import holds_in_plain, run_cli


def test_create_list_rename_delete(tmp_path, data_root):
    pin = tmp_path / "pin.txt"
    pin.write_text("4821\n")
    assert run_cli("profile", "create", "Sam", "--passphrase-file", str(pin)).returncode == 0
    made = run_cli("profile", "create", "Alex")
    assert made.returncode == 0, made.stderr
    listed = run_cli("profile", "list")
    assert listed.stdout.splitlines() == ["Alex\tnone", "Sam\tpin"]
    assert not holds_in_plain((data_root / "profiles" / "Sam" / "lock.json").read_text(), "4821")

    again = run_cli("profile", "create", "sam")
    assert again.returncode == 1 and "already a profile" in again.stderr

    # A protected profile needs its PIN for anything that opens its diary.
    refused = run_cli("--profile", "Sam", "diary", "export", str(tmp_path / "out.csv"))
    assert refused.returncode == 1 and "--passphrase-file" in refused.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("1111\n")
    bad = run_cli("--profile", "Sam", "--passphrase-file", str(wrong), "diary", "export", str(tmp_path / "out.csv"))
    assert bad.returncode == 1 and "not the PIN" in bad.stderr
    good = run_cli("diary", "export", str(tmp_path / "out.csv"), "--profile", "Sam", "--passphrase-file", str(pin))
    assert good.returncode == 0, good.stderr

    assert run_cli("profile", "rename", "Alex", "Alexandra").returncode == 0
    script = run_cli("profile", "delete", "Alexandra")  # not a terminal, no --yes
    assert script.returncode == 1 and "--yes" in script.stderr
    assert (data_root / "profiles" / "Alexandra").is_dir()
    assert run_cli("profile", "delete", "Alexandra", "--yes").returncode == 0
    assert not (data_root / "profiles" / "Alexandra").exists()

    locked = run_cli("profile", "delete", "Sam", "--yes")
    assert locked.returncode == 1 and (data_root / "profiles" / "Sam").is_dir()
    assert run_cli("profile", "delete", "Sam", "--yes", "--passphrase-file", str(pin)).returncode == 0
    assert run_cli("profile", "list").stdout.startswith("No profiles yet")


def test_a_passphrase_that_is_too_short_makes_nothing(tmp_path, data_root):
    short = tmp_path / "p.txt"
    short.write_text("abc\n")
    result = run_cli("profile", "create", "Sam", "--passphrase-file", str(short))
    assert result.returncode == 1 and "at least" in result.stderr
    assert not (data_root / "profiles" / "Sam").exists()


def test_clinic_setup_writes_a_documented_toml_without_the_pin(tmp_path):
    pin = tmp_path / "admin.txt"
    pin.write_text("975310\n")
    config = tmp_path / "site" / "clinic.toml"
    from desktop.exchange.age_files import generate_identity

    wrong = run_cli("clinic", "setup", "--name", "Riverside", "--recipient", "physio@example.org",
                    "--admin-pin-file", str(pin), "--config", str(config))
    assert wrong.returncode == 1 and "age public key" in wrong.stderr and not config.exists()
    key = generate_identity()[1]
    result = run_cli("clinic", "setup", "--name", "Riverside", "--recipient", key, "--export-folder",
                     str(tmp_path / "inbox"), "--admin-pin-file", str(pin), "--lock-minutes", "3",
                     "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "lock-down" in result.stdout
    data = tomllib.loads(config.read_text())
    assert data["kiosk"] is True and data["lock_timeout_minutes"] == 3
    assert data["recipients"] == [key] and "975310" not in config.read_text()
    assert data["export_folder"] == str(tmp_path / "inbox")
    no_pin = run_cli("clinic", "setup", "--name", "X", "--config", str(config))
    assert no_pin.returncode == 1 and "--admin-pin-file" in no_pin.stderr


def test_a_passphrase_profile_is_encrypted_on_disk_and_usable_with_its_file(tmp_path, data_root):
    secret = tmp_path / "secret.txt"
    secret.write_text("green kettle on the hill\n")
    made = run_cli("profile", "create", "Priya", "--passphrase-file", str(secret))
    assert made.returncode == 0 and "encrypted" in made.stdout, made.stderr
    csv = tmp_path / "days.csv"
    csv.write_text("date,pain,walking_minutes,exercises,limitation,flare_up,sleep,mood,note\n"
                   "2026-03-10,4,20,,3,no,,,ZEBRA-MARKER-cli\n")
    refused = run_cli("--profile", "Priya", "diary", "import", str(csv))
    assert refused.returncode == 1 and "--passphrase-file" in refused.stderr
    imported = run_cli("--profile", "Priya", "--passphrase-file", str(secret), "diary", "import", str(csv))
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "out.csv"
    exported = run_cli("diary", "export", str(out), "--profile", "Priya", "--passphrase-file", str(secret))
    assert exported.returncode == 0 and "ZEBRA-MARKER-cli" in out.read_text()  # the owner's own plain CSV
    doctor = run_cli("--profile", "Priya", "--passphrase-file", str(secret), "doctor")
    assert "damaged" not in doctor.stdout.lower() + doctor.stderr.lower()
    leaks = [p for p in data_root.rglob("*") if p.is_file() and b"ZEBRA-MARKER-cli" in p.read_bytes()]
    assert leaks == []
    assert run_cli("profile", "list").stdout.strip() == "Priya\tpassphrase"
    # Without the passphrase, doctor (over every profile) says it is encrypted, never damaged.
    assert run_cli("profile", "create", "Tom").returncode == 0
    overview = run_cli("doctor")
    assert "Priya' is encrypted with a passphrase" in overview.stdout and "damaged" not in overview.stdout


def test_demo_does_not_overwrite_a_protected_demo_profile_without_its_pin(tmp_path):
    pin = tmp_path / "pin.txt"
    pin.write_text("4821\n")
    assert run_cli("profile", "create", "Demo", "--passphrase-file", str(pin)).returncode == 0
    refused = run_cli("demo", "--days", "5")
    assert refused.returncode == 1 and "--passphrase-file" in refused.stderr
    assert run_cli("demo", "--days", "5", "--passphrase-file", str(pin)).returncode == 0


def test_point8_the_smoke_test_opens_a_passphrase_profile_with_its_passphrase_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("green kettle on the hill\n")
    assert run_cli("profile", "create", "Priya", "--passphrase-file", str(secret)).returncode == 0
    smoke = run_cli("--smoke-test", "--profile", "Priya", "--passphrase-file", str(secret))
    assert smoke.returncode == 0, smoke.stderr
    assert smoke.stdout.startswith("first_paint_ms=") and "unlock it first" not in smoke.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the right one at all\n")
    refused = run_cli("--smoke-test", "--profile", "Priya", "--passphrase-file", str(wrong))
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == ["supportback: That is not the PIN or passphrase of 'Priya'."]
    # without the file the advice to give one is right
    missing = run_cli("--smoke-test", "--profile", "Priya")
    assert missing.returncode == 1 and "with --passphrase-file F" in missing.stderr
