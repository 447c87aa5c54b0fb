"""Give the daily reminder to the computer's own scheduler, or take it away again.

So a reminder also comes when SupportBack is closed: the scheduler runs
``supportback remind --data-dir D --profile P`` at the chosen time. Linux: a systemd user
timer, enabled with ``systemctl --user``. Windows: ``schtasks``. macOS: ``launchctl``
with a LaunchAgent. When the scheduler is missing or refuses, nothing is left half set up,
and the open app's own tray reminder carries on (reminder_tray.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.exchange.files import write_text_atomically
from desktop.system import schedule_files as files
from desktop.system.reminder_state import read_state, write_state

COMMAND_TIMEOUT_S = 20


@dataclass(frozen=True)
class Outcome:
    scheduled: bool  # the scheduler runs `supportback remind` at the time (False when off, too)
    problem: str = ""  # why it could not be set, in the scheduler's words ("" when set or off)


def launcher() -> list[str]:
    """How to start this same SupportBack from the scheduler: the bundle's executable, or Python."""
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable)
        quiet = executable.with_name("supportbackw.exe")  # Windows: no console window flashes up
        return [str(quiet if sys.platform == "win32" and quiet.exists() else executable)]
    return [sys.executable, "-m", "desktop"]


def systemd_user_dir() -> Path:
    """~/.config/systemd/user, or under $XDG_CONFIG_HOME (where systemd looks for user units)."""
    from platformdirs import user_config_path

    return user_config_path() / "systemd" / "user"


def launch_agents_dir() -> Path:
    return Path.home() / "Library" / "LaunchAgents"


def set_reminder(root: Path, profile: str, reminder_time: str | None, platform: str = sys.platform) -> Outcome:
    """Set (or with None, remove) the profile's reminder with the scheduler, and note it beside the diary."""
    outcome = set_system_reminder(root, profile, reminder_time, platform)
    folder = paths.profile_dir(root, profile)
    write_state(folder, read_state(folder).but(time=reminder_time, scheduled=outcome.scheduled))
    return outcome


def needs_setting(root: Path, profile: str, reminder_time: str | None, thorough: bool = False,
                  platform: str = sys.platform) -> bool:
    """Whether the scheduler is out of step with the reminder time the diary holds.

    True when the time was chosen elsewhere (onboarding, an older copy of the diary put back).
    ``thorough`` (once, at start-up) also when the scheduler's files went missing, or are
    left over, and when the scheduler refused before: it is asked again.
    """
    state = read_state(paths.profile_dir(root, profile))
    if state.time != reminder_time:
        return True
    if not thorough:
        return False
    present = system_reminder_present(root, profile, platform, state.scheduled)
    return present if reminder_time is None else not (state.scheduled and present)


def system_reminder_present(root: Path, profile: str, platform: str = sys.platform, assumed: bool = False) -> bool:
    name = files.job_name(root, profile)
    if platform.startswith("linux"):
        return (systemd_user_dir() / f"{name}.timer").exists()
    if platform == "darwin":
        return (launch_agents_dir() / f"{files.launchd_label(name)}.plist").exists()
    return assumed  # Windows: asking Task Scheduler would be one more slow command


def set_system_reminder(root: Path, profile: str, reminder_time: str | None, platform: str = sys.platform) -> Outcome:
    name = files.job_name(root, profile)
    arguments = files.remind_arguments(launcher(), root, profile)
    if platform.startswith("linux"):
        return _systemd(name, f"SupportBack diary reminder ({profile})", reminder_time, arguments)
    if platform == "win32":
        return _windows(name, reminder_time, arguments)
    if platform == "darwin":
        return _launchd(name, reminder_time, arguments)
    return Outcome(False, "" if reminder_time is None else "no scheduler is known for this system")


def _run(command: list[str]) -> str:
    """Run one scheduler command; its problem in a line, or "" when it worked."""
    try:
        result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{Path(command[0]).name} {' '.join(command[1:])}: {exc}"
    if result.returncode == 0:
        return ""
    said = " ".join((result.stderr or result.stdout).split())
    return f"{Path(command[0]).name} {' '.join(command[1:])}: {said or f'exit code {result.returncode}'}"


def _systemd(name: str, description: str, reminder_time: str | None, arguments: list[str]) -> Outcome:
    folder = systemd_user_dir()
    timer, service = folder / f"{name}.timer", folder / f"{name}.service"
    systemctl = shutil.which("systemctl")
    if reminder_time is None:
        if timer.exists() or service.exists():
            if systemctl:
                _run([systemctl, "--user", "disable", "--now", timer.name])  # not running: nothing to stop
            timer.unlink(missing_ok=True)
            service.unlink(missing_ok=True)
            if systemctl:
                _run([systemctl, "--user", "daemon-reload"])
        return Outcome(False)
    if systemctl is None:
        return Outcome(False, "systemctl was not found")
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomically(service, files.systemd_service(description, arguments))
    write_text_atomically(timer, files.systemd_timer(description, reminder_time, service.name))
    problem = (_run([systemctl, "--user", "daemon-reload"]) or _run([systemctl, "--user", "enable", timer.name])
               or _run([systemctl, "--user", "restart", timer.name]))  # restart: a new time takes effect
    if problem:  # nothing half set up: the files go again
        _run([systemctl, "--user", "disable", timer.name])
        timer.unlink(missing_ok=True)
        service.unlink(missing_ok=True)
        return Outcome(False, problem)
    return Outcome(True)


def _windows(name: str, reminder_time: str | None, arguments: list[str]) -> Outcome:  # untested on Windows
    schtasks = shutil.which("schtasks")
    if reminder_time is None:
        if schtasks:
            _run([schtasks, *files.schtasks_delete(name)[1:]])  # no such task: nothing to delete
        return Outcome(False)
    if schtasks is None:
        return Outcome(False, "schtasks was not found")
    try:
        command = files.schtasks_create(name, reminder_time, arguments)
    except ValueError as exc:
        return Outcome(False, str(exc))
    problem = _run([schtasks, *command[1:]])
    return Outcome(not problem, problem)


def _launchd(name: str, reminder_time: str | None, arguments: list[str]) -> Outcome:  # untested on macOS
    label = files.launchd_label(name)
    plist = launch_agents_dir() / f"{label}.plist"
    launchctl = shutil.which("launchctl")
    if plist.exists() and launchctl:
        _run([launchctl, "unload", "-w", str(plist)])  # not loaded: nothing to unload
    if reminder_time is None:
        plist.unlink(missing_ok=True)
        return Outcome(False)
    if launchctl is None:
        return Outcome(False, "launchctl was not found")
    plist.parent.mkdir(parents=True, exist_ok=True)
    plist.write_bytes(files.launchd_plist(label, reminder_time, arguments))
    problem = _run([launchctl, "load", "-w", str(plist)])
    if problem:
        plist.unlink(missing_ok=True)
    return Outcome(not problem, problem)
