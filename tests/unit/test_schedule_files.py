"""The scheduler files and commands for `supportback remind`: their content, and systemd's own check."""

from __future__ import annotations

import os
import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.system import schedule_files as files
from desktop.system.notify import notification_command

ROOT = Path("/home/ann/.local/share/SupportBack")
LAUNCHER = [sys.executable, "-m", "desktop"]  # exists, so systemd-analyze finds the command


def test_job_names_are_readable_and_unique_per_data_folder_and_profile():
    name = files.job_name(ROOT, "Ann Smith")
    assert re.fullmatch(r"supportback-reminder-ann-smith-[0-9a-f]{8}", name)
    assert files.job_name(ROOT, "Ann Smith") == name  # the same every time, so it can be removed again
    assert files.job_name(ROOT, "Bob") != name
    assert files.job_name(Path("/tmp/other"), "Ann Smith") != name
    assert files.job_name(ROOT, "Zoë_2.back").startswith("supportback-reminder-zoe-2-back-")
    assert re.fullmatch(r"supportback-reminder-profile-[0-9a-f]{8}", files.job_name(ROOT, "Ωμέγα"))


def test_the_command_names_the_data_folder_and_the_profile():
    assert files.remind_arguments(["supportback"], ROOT, "Ann Smith") == [
        "supportback", "remind", "--data-dir", str(ROOT), "--profile", "Ann Smith"]


def test_systemd_quoting_keeps_every_argument_as_it_is():
    assert files.systemd_quote("plain") == '"plain"'
    assert files.systemd_quote("two words") == '"two words"'
    assert files.systemd_quote('say "hi"') == r'"say \"hi\""'
    assert files.systemd_quote(r"C:\x") == r'"C:\\x"'
    assert files.systemd_quote("100%") == '"100%%"'  # not a %-specifier
    assert files.systemd_quote("$HOME") == '"$$HOME"'  # not a variable


def test_systemd_service_runs_remind_once_for_the_profile():
    service = files.systemd_service("SupportBack diary reminder (Ann Smith)",
                                    files.remind_arguments(["/opt/supportback/supportback"], ROOT, "Ann Smith"))
    assert "Type=oneshot" in service
    assert ('ExecStart="/opt/supportback/supportback" "remind" "--data-dir" '
            f'"{ROOT}" "--profile" "Ann Smith"') in service.splitlines()
    assert "Description=SupportBack diary reminder (Ann Smith)" in service


def test_systemd_timer_is_daily_at_the_local_time_and_catches_up():
    timer = files.systemd_timer("SupportBack diary reminder", "07:05", "x.service").splitlines()
    assert "OnCalendar=*-*-* 07:05:00" in timer  # no time zone: the computer's local time
    assert not any("UTC" in line for line in timer)
    assert "Persistent=true" in timer and "Unit=x.service" in timer and "WantedBy=timers.target" in timer
    with pytest.raises(ValueError):
        files.systemd_timer("SupportBack diary reminder", "7:5", "x.service")


def _verify(folder: Path, *units: Path) -> subprocess.CompletedProcess:
    runtime = folder / "runtime"  # a user manager of its own for the check, with no session needed
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), SYSTEMD_LOG_COLOR="0")
    return subprocess.run(["systemd-analyze", "--user", "verify", *map(str, units)], capture_output=True, text=True,
                          env=env, timeout=60, cwd=folder)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed (Debian: apt-get install systemd; scripts/test.sh does)")
def test_systemd_analyze_accepts_the_unit_files(tmp_path):
    root = tmp_path / "data folder with $pace and 100%"
    name = files.job_name(root, "Ann Smith")
    service, timer = tmp_path / f"{name}.service", tmp_path / f"{name}.timer"
    description = "SupportBack diary reminder (Ann Smith)"
    service.write_text(files.systemd_service(description, files.remind_arguments(LAUNCHER, root, "Ann Smith")))
    timer.write_text(files.systemd_timer(description, "19:30", service.name))
    result = _verify(tmp_path, timer, service)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    # The check itself can fail: a time systemd cannot read, a command that is not there.
    broken = tmp_path / "broken" / f"{name}.timer"
    broken.parent.mkdir()
    broken.write_text(timer.read_text().replace("19:30:00", "25:99:00"))
    (broken.parent / service.name).write_text(service.read_text().replace(sys.executable, "/nonexistent/python"))
    result = _verify(broken.parent, broken, broken.parent / service.name)
    assert result.returncode != 0 and "calendar" in result.stderr and "/nonexistent/python" in result.stderr


def test_windows_task_is_daily_at_the_local_time_with_the_whole_command():
    arguments = files.remind_arguments([r"C:\Program Files\SupportBack\supportbackw.exe"],
                                       Path(r"C:\Users\Ann\AppData\Local\SupportBack"), "Ann Smith")
    create = files.schtasks_create("supportback-reminder-ann-smith-12345678", "07:05", arguments)
    assert create[:6] == ["schtasks", "/Create", "/F", "/TN", r"SupportBack\supportback-reminder-ann-smith-12345678",
                          "/SC"]
    assert create[create.index("/SC") + 1] == "DAILY" and create[create.index("/ST") + 1] == "07:05"
    assert create[create.index("/TR") + 1] == (
        r'"C:\Program Files\SupportBack\supportbackw.exe" remind --data-dir C:\Users\Ann\AppData\Local\SupportBack'
        ' --profile "Ann Smith"')
    assert files.schtasks_delete("supportback-reminder-x-1") == [
        "schtasks", "/Delete", "/F", "/TN", r"SupportBack\supportback-reminder-x-1"]
    with pytest.raises(ValueError, match="261"):
        files.schtasks_create("x", "07:05", ["C:\\" + "a" * 300])


def test_macos_launch_agent_runs_the_command_daily_at_the_local_time():
    label = files.launchd_label("supportback-reminder-ann-smith-12345678")
    assert label == "org.supportback.reminder.ann-smith-12345678"
    arguments = files.remind_arguments(["/Applications/SupportBack.app/Contents/MacOS/supportback"],
                                       Path("/Users/ann/Library/Application Support/SupportBack"), "Ann <&> Smith")
    plist = plistlib.loads(files.launchd_plist(label, "07:05", arguments))
    assert plist["Label"] == label and plist["ProgramArguments"] == arguments
    assert plist["StartCalendarInterval"] == {"Hour": 7, "Minute": 5}


def test_notifications_use_the_computers_own_tool():
    which = {"notify-send": "/usr/bin/notify-send", "osascript": "/usr/bin/osascript",
             "powershell": "C:/ps.exe"}.get
    assert notification_command("SupportBack", "Diary time", "linux", which) == [
        "/usr/bin/notify-send", "--app-name=SupportBack", "SupportBack", "Diary time"]
    mac = notification_command("Support\"Back", 'It\'s "time"', "darwin", which)
    assert mac == ["/usr/bin/osascript", "-e",
                   'display notification "It\'s \\"time\\"" with title "Support\\"Back"']
    windows = notification_command("SupportBack", "It's time", "win32", which)
    assert windows[0] == "C:/ps.exe" and "'It''s time'" in windows[-1]
    assert notification_command("SupportBack", "Diary time", "linux", lambda _name: None) is None
    assert notification_command("SupportBack", "Diary time", "sunos5", which) is None
