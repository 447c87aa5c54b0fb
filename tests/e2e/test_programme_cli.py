import sqlite3

from cli_helpers import run_cli


def _rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_demo_completes_the_sessions_its_dates_imply(data_root):
    assert run_cli("demo", "--days", "120").returncode == 0
    db = data_root / "profiles" / "Demo" / "diary.sqlite"
    assert [n for (n,) in _rows(db, "SELECT number FROM session_record ORDER BY number")] == [1, 2, 3, 4, 5, 6]
    assert _rows(db, "SELECT count(*) FROM questionnaire_response WHERE questionnaire='rmdq'") == [(48,)]
    result = run_cli("demo", "--days", "17")
    assert "3 completed weekly session(s)" in result.stdout  # days 1, 8 and 15
    assert [n for (n,) in _rows(db, "SELECT number FROM session_record ORDER BY number")] == [1, 2, 3]


def test_today_option_moves_the_clock_and_refuses_a_bad_date(data_root, tmp_path):
    result = run_cli("--today", "2026-05-01", "demo", "--days", "10")
    assert result.returncode == 0, result.stderr
    db = data_root / "profiles" / "Demo" / "diary.sqlite"
    assert _rows(db, "SELECT max(day) FROM diary_day") == [("2026-05-01",)]
    bad = run_cli("--today", "2026-02-30", "--smoke-test")
    assert bad.returncode == 2 and "not a date" in bad.stderr
    # the option works after the subcommand too
    assert run_cli("demo", "--days", "5", "--today", "2026-06-01").returncode == 0
    assert _rows(db, "SELECT max(day) FROM diary_day") == [("2026-06-01",)]


def test_broken_programme_content_stops_start_up_naming_the_file(tmp_path):
    import shutil

    from cli_helpers import ROOT

    copy = tmp_path / "app"
    shutil.copytree(ROOT / "desktop", copy / "desktop")
    shutil.copytree(ROOT / "resources", copy / "resources")
    rules = copy / "resources" / "content" / "en" / "programme" / "rules.json"
    rules.write_text(rules.read_text().replace('"unlock_days": 7', '"unlock_days": "seven"'))
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=str(copy))
    result = subprocess.run([sys.executable, "-m", "desktop", "--smoke-test"], capture_output=True, text=True,
                            env=env, cwd=copy, timeout=60)
    assert result.returncode == 1
    assert "rules.json" in result.stderr and "unlock_days" in result.stderr


def test_broken_session_words_also_stop_the_smoke_test(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    from cli_helpers import ROOT

    copy = tmp_path / "app"
    shutil.copytree(ROOT / "desktop", copy / "desktop")
    shutil.copytree(ROOT / "resources", copy / "resources")
    (copy / "resources" / "content" / "en" / "programme" / "sessions.json").write_text("{ not json")
    env = dict(os.environ, PYTHONPATH=str(copy))
    result = subprocess.run([sys.executable, "-m", "desktop", "--smoke-test"], capture_output=True, text=True,
                            env=env, cwd=copy, timeout=60)
    assert result.returncode == 1 and "sessions.json" in result.stderr
