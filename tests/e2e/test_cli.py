"""The `supportback` command as a user or script runs it: exit codes, messages, effects."""

import sqlite3

from cli_helpers import run_cli

from desktop import __version__
from desktop.exchange.diary_csv import HEADER

HEAD = ",".join(HEADER) + "\n"


def _count(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM diary_day").fetchone()[0]
    finally:
        conn.close()


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_usage_error_exits_2():
    result = run_cli("diary", "frobnicate")
    assert result.returncode == 2
    assert "usage" in result.stderr.lower()


def test_smoke_test_prints_timings_and_creates_default_profile(data_root):
    result = run_cli("--smoke-test")
    assert result.returncode == 0, result.stderr
    line = [text for text in result.stdout.splitlines() if text.startswith("first_paint_ms=")][0]
    fields = dict(part.split("=") for part in line.split())
    assert int(fields["first_paint_ms"]) > 0 and int(fields["ready_ms"]) >= int(fields["first_paint_ms"])
    assert (data_root / "profiles" / "default" / "diary.sqlite").exists()


def test_demo_makes_a_realistic_profile_and_smoke_test_opens_it(data_root):
    result = run_cli("demo", "--days", "90", "--seed", "3")
    assert result.returncode == 0, result.stderr
    db = data_root / "profiles" / "Demo" / "diary.sqlite"
    days = _count(db)
    assert 60 <= days < 90  # some days missed, as real people do
    again = run_cli("demo", "--days", "90", "--seed", "3")
    assert again.returncode == 0 and _count(db) == days  # same seed, same diary
    smoke = run_cli("--profile", "Demo", "--smoke-test")
    assert smoke.returncode == 0, smoke.stderr


def test_import_export_round_trip_and_idempotent_import(tmp_path, data_root):
    source = tmp_path / "in.csv"
    source.write_text(HEAD + "2026-03-14,4,20,knee rolls;Bridge,3,yes,7,,first\n"
                             "2026-03-13,6,0,,8,no,,5,\"a, b\"\n", encoding="utf-8")
    first = run_cli("diary", "import", str(source))
    assert first.returncode == 0, first.stderr
    assert "2 new" in first.stdout
    second = run_cli("diary", "import", str(source))
    assert second.returncode == 0 and "2 unchanged" in second.stdout
    out = tmp_path / "out.csv"
    exported = run_cli("diary", "export", str(out))
    assert exported.returncode == 0, exported.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(HEADER)
    assert "2026-03-14,4,20,knee rolls;bridge,3,yes,7,,first" in text
    # into a second profile and out again: identical
    assert run_cli("--profile", "copy", "diary", "import", str(out)).returncode == 0
    out2 = tmp_path / "out2.csv"
    assert run_cli("diary", "export", str(out2), "--profile", "copy").returncode == 0
    assert out2.read_text(encoding="utf-8") == text


def test_notes_a_spreadsheet_would_run_are_exported_quoted_and_import_back_unchanged(tmp_path, data_root):
    source = tmp_path / "in.csv"
    source.write_text(HEAD + "2026-03-14,4,20,,3,no,,,'=SUM(A1:A9)\n"
                             "2026-03-13,4,20,,3,no,,,''@quoted on purpose\n"
                             "2026-03-12,4,20,,3,no,,,-2 outside\n", encoding="utf-8")
    assert run_cli("diary", "import", str(source)).returncode == 0
    out = tmp_path / "out.csv"
    assert run_cli("diary", "export", str(out)).returncode == 0
    notes = [line.split(",", 8)[8] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert notes == ["'-2 outside", "''@quoted on purpose", "'=SUM(A1:A9)"]
    assert run_cli("--profile", "copy", "diary", "import", str(out)).returncode == 0
    out2 = tmp_path / "out2.csv"
    assert run_cli("diary", "export", str(out2), "--profile", "copy").returncode == 0
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    conn = sqlite3.connect(data_root / "profiles" / "copy" / "diary.sqlite")
    try:
        stored = [row[0] for row in conn.execute("SELECT note FROM diary_day ORDER BY day")]
    finally:
        conn.close()
    assert stored == ["-2 outside", "'@quoted on purpose", "=SUM(A1:A9)"]


def test_malformed_import_names_the_line_and_changes_nothing(tmp_path, data_root):
    good = tmp_path / "good.csv"
    good.write_text(HEAD + "2026-03-10,4,20,,3,no,,,\n", encoding="utf-8")
    assert run_cli("diary", "import", str(good)).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(HEAD + "2026-03-11,4,20,,3,no,,,\n2026-03-12,4,20,handstands,3,no,,,\n", encoding="utf-8")
    result = run_cli("diary", "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "line 3" in result.stderr and "handstands" in result.stderr
    assert _count(data_root / "profiles" / "default" / "diary.sqlite") == 1


def test_future_date_in_import_is_refused(tmp_path):
    bad = tmp_path / "future.csv"
    bad.write_text(HEAD + "2099-01-01,4,20,,3,no,,,\n", encoding="utf-8")
    result = run_cli("diary", "import", str(bad))
    assert result.returncode == 1 and "future" in result.stderr


def test_missing_file_is_a_one_line_failure(tmp_path):
    result = run_cli("diary", "import", str(tmp_path / "nope.csv"))
    assert result.returncode == 1
    assert result.stderr.startswith("supportback: ") and "Traceback" not in result.stderr


def test_global_options_work_in_any_position(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    result = run_cli("diary", "export", str(tmp_path / "x.csv"), "--data-dir", str(elsewhere))
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "profiles" / "default" / "diary.sqlite").exists()


def test_several_profiles_without_choice_stops_with_a_list(tmp_path):
    assert run_cli("--profile", "Anna", "diary", "export", str(tmp_path / "a.csv")).returncode == 0
    assert run_cli("--profile", "Ben", "diary", "export", str(tmp_path / "b.csv")).returncode == 0
    result = run_cli("diary", "export", str(tmp_path / "c.csv"))
    assert result.returncode == 1
    assert "Anna" in result.stderr and "Ben" in result.stderr and "--profile" in result.stderr


def test_bad_profile_name_is_refused():
    result = run_cli("--profile", "../escape", "diary", "export", "x.csv")
    assert result.returncode == 1 and "cannot be a profile name" in result.stderr


def test_doctor_reports_healthy_setup(data_root):
    assert run_cli("--smoke-test").returncode == 0
    result = run_cli("doctor")
    # no backups yet is reported as a problem with a fix
    assert "no backups yet" in result.stdout and "fix:" in result.stdout
    assert result.returncode == 1
    from desktop.store.database import open_database

    db = open_database(data_root, "default")
    db.backup_now()
    db.close()
    result = run_cli("doctor")
    assert result.returncode == 0, result.stdout
    assert "healthy" in result.stdout and "Video playback" in result.stdout


def test_doctor_finds_a_damaged_diary_and_names_the_backup(data_root):
    from desktop.store.database import open_database

    db = open_database(data_root, "default")
    db.backup_now()
    db.close()
    path = data_root / "profiles" / "default" / "diary.sqlite"
    data = bytearray(path.read_bytes())
    data[0:16] = b"definitely not!!"
    path.write_bytes(bytes(data))
    result = run_cli("doctor")
    assert result.returncode == 1
    assert "damaged" in result.stdout and "restore the backup" in result.stdout
    opened = run_cli("diary", "export", "x.csv")
    assert opened.returncode == 1 and "damaged" in opened.stderr


def test_newer_database_is_refused_by_commands(data_root):
    assert run_cli("--smoke-test").returncode == 0
    conn = sqlite3.connect(data_root / "profiles" / "default" / "diary.sqlite")
    conn.execute("UPDATE alembic_version SET version_num='9999_newer'")
    conn.commit()
    conn.close()
    result = run_cli("diary", "export", "x.csv")
    assert result.returncode == 1 and "newer version of SupportBack" in result.stderr
    assert run_cli("--smoke-test").returncode == 1


def test_doctor_names_a_damaged_or_missing_video_and_the_fix(data_root, tmp_path):
    import shutil

    from desktop.paths import videos_dir

    copy = tmp_path / "videos"
    shutil.copytree(videos_dir(), copy, ignore=shutil.ignore_patterns("*.py", "__pycache__", "motions"))
    healthy = run_cli("doctor", env={"SUPPORTBACK_VIDEOS_DIR": str(copy)})
    assert "All 7 exercise videos and their captions are complete." in healthy.stdout
    (copy / "bridge.mp4").write_bytes(b"changed")
    (copy / "walking.mp4").unlink()
    (copy / "cat-camel.vtt").write_text("not captions")
    result = run_cli("doctor", env={"SUPPORTBACK_VIDEOS_DIR": str(copy)})
    assert result.returncode == 1
    assert "bridge: file" in result.stdout and "does not match its checksum" in result.stdout
    assert "walking: file" in result.stdout and "is missing" in result.stdout
    assert "cat-camel.vtt: line 1 must start with WEBVTT" in result.stdout
    assert "videos/manifest.json" in result.stdout  # the fix names the file to edit


def test_point3_and_point5_a_refused_import_changes_nothing_and_names_the_line(tmp_path, data_root):
    good = tmp_path / "good.csv"
    good.write_text(HEAD + "2026-03-10,4,20,,3,no,,,kept\n", encoding="utf-8")
    assert run_cli("diary", "import", str(good)).returncode == 0
    for body, words in (("2026-03-11,4,20,,3,no,,,\n0001-01-01,4,20,,3,no,,,\n", "line 3: 0001-01-01 is before"),
                        ("2026-03-11,１,20,,3,no,,,\n", "line 2: pain must be a whole number"),
                        ('2026-03-11,4,20,,3,no,,,"nul\x00"\n', "line 2: The note holds a control character")):
        bad = tmp_path / "bad.csv"
        bad.write_text(HEAD + body, encoding="utf-8")
        result = run_cli("diary", "import", str(bad))
        assert result.returncode == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert _count(data_root / "profiles" / "default" / "diary.sqlite") == 1


def test_point3_today_must_be_a_real_day_from_2000():
    for value in ("20261201", "2026-02-30", "1999-12-31"):
        result = run_cli("--today", value, "insights")
        assert result.returncode == 2 and "--today" in result.stderr, result.stderr
