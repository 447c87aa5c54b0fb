"""The clinic configuration: a TOML file an administrator writes, patients cannot change.

Where: ``$SUPPORTBACK_CLINIC_CONFIG`` if set, else ``clinic.toml`` in platformdirs' site
config folder (``/etc/xdg/SupportBack/clinic.toml`` on Linux,
``C:\\ProgramData\\SupportBack\\clinic.toml`` on Windows). Keys, all optional::

    clinic_name = "Riverside Physiotherapy"   # shown on the profile picker
    recipients = ["age1..."]                  # the clinic's age keys: in kiosk mode exports go only to these
    export_folder = "/srv/supportback/inbox"  # kiosk mode: where "Send my diary to the clinic" saves, and
                                              # where copies go by themselves (exchange/folder_export.py)
    kiosk = true                              # full screen, PIN for every profile, admin PIN to quit
    lock_timeout_minutes = 5                  # lock after this long without mouse or keys (0: never)
    admin_pin_hash = "scrypt$32768$8$1$..."   # written by `supportback clinic setup`
    picker_names = "initials"                 # the picker shows initials only ("chosen": the name each patient chose)

Make the file writable by administrators only (``supportback clinic setup`` writes it; run
it as root/administrator for the real site folder).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.paths import APP_NAME, CLINIC_CONFIG_FILENAME

CLINIC_CONFIG_ENV = "SUPPORTBACK_CLINIC_CONFIG"
# The shape of an age X25519 public key; the full check happens when an export is made.
_AGE_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")
DEFAULT_KIOSK_LOCK_MINUTES = 5
# What the profile picker shows for each person: the name they chose, or only initials.
PICKER_NAMES = ("chosen", "initials")


class ClinicConfigError(ValueError):
    pass


@dataclass(frozen=True)
class ClinicConfig:
    clinic_name: str = ""
    recipients: tuple[str, ...] = ()
    kiosk: bool = False
    lock_timeout_minutes: int = DEFAULT_KIOSK_LOCK_MINUTES
    admin_pin_hash: str = ""
    source: Path | None = field(default=None, compare=False)
    export_folder: str = ""
    picker_names: str = PICKER_NAMES[0]


def config_path() -> Path:
    override = os.environ.get(CLINIC_CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import site_config_dir

    return Path(site_config_dir(APP_NAME, appauthor=False)) / CLINIC_CONFIG_FILENAME


def load_clinic_config(path: Path | None = None) -> ClinicConfig:
    """The configuration, or the home defaults when there is no file."""
    import tomllib

    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ClinicConfig()
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError is a ValueError
        raise ClinicConfigError(f"The clinic configuration {path} cannot be read: {exc}") from None
    return _parse(data, path)


def _parse(data: dict, path: Path) -> ClinicConfig:
    def problem(key: str, need: str) -> ClinicConfigError:
        return ClinicConfigError(f"In the clinic configuration {path}, {key!r} must be {need}.")

    known = {"clinic_name", "recipients", "kiosk", "lock_timeout_minutes", "admin_pin_hash", "export_folder",
             "picker_names"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ClinicConfigError(f"In the clinic configuration {path}, unknown key(s): {', '.join(unknown)}.")
    name = data.get("clinic_name", "")
    if not isinstance(name, str):
        raise problem("clinic_name", "text")
    recipients = data.get("recipients", [])
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        raise problem("recipients", "a list of texts")
    if not all(_AGE_RECIPIENT.match(r) for r in recipients):
        raise problem("recipients", "a list of age public keys (age1...)")
    folder = data.get("export_folder", "")
    if not isinstance(folder, str):
        raise problem("export_folder", "a folder path")
    kiosk = data.get("kiosk", False)
    if not isinstance(kiosk, bool):
        raise problem("kiosk", "true or false")
    minutes = data.get("lock_timeout_minutes", DEFAULT_KIOSK_LOCK_MINUTES)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 24 * 60:
        raise problem("lock_timeout_minutes", "a whole number of minutes from 0 to 1440")
    admin = data.get("admin_pin_hash", "")
    if not isinstance(admin, str) or (admin and not admin.startswith("scrypt$")):
        raise problem("admin_pin_hash", "a hash written by `supportback clinic setup`")
    picker_names = data.get("picker_names", PICKER_NAMES[0])
    if picker_names not in PICKER_NAMES:
        raise problem("picker_names", '"chosen" or "initials"')
    if kiosk and not admin:
        raise ClinicConfigError(f"The clinic configuration {path} turns kiosk mode on but has no admin PIN; "
                                "run `supportback clinic setup`.")
    return ClinicConfig(name, tuple(recipients), kiosk, minutes, admin, path, folder, picker_names)


def _toml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_clinic_config(path: Path, clinic_name: str, admin_pin: str, recipients: list[str],
                        kiosk: bool = True, lock_timeout_minutes: int = DEFAULT_KIOSK_LOCK_MINUTES,
                        export_folder: str = "", picker_names: str = PICKER_NAMES[0]) -> ClinicConfig:
    from desktop.security.secret_hash import hash_secret

    bad = [r for r in recipients if not _AGE_RECIPIENT.match(r)]
    if bad:
        raise ClinicConfigError(f"Not an age public key (age1...): {', '.join(bad)}. Nothing was written.")
    if picker_names not in PICKER_NAMES:
        raise ClinicConfigError(f"picker_names must be \"chosen\" or \"initials\", not {picker_names!r}. "
                                "Nothing was written.")
    lines = [
        "# SupportBack clinic configuration (written by `supportback clinic setup`).",
        f"clinic_name = {_toml_text(clinic_name)}",
        "recipients = [" + ", ".join(_toml_text(r) for r in recipients) + "]",
        f"kiosk = {'true' if kiosk else 'false'}",
        f"lock_timeout_minutes = {int(lock_timeout_minutes)}",
        f"admin_pin_hash = {_toml_text(hash_secret(admin_pin))}",
        f"export_folder = {_toml_text(export_folder)}",
        f"picker_names = {_toml_text(picker_names)}",
    ]
    # Every patient's account reads this file, only administrators write it: 0755 folders and
    # a 0644 file, whatever the (private) umask of this process.
    for folder in reversed([path.parent, *path.parent.parents]):
        if not folder.exists():
            folder.mkdir()
            folder.chmod(0o755)
    partial = path.with_name(path.name + ".new")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.chmod(0o644)
    os.replace(partial, path)
    return load_clinic_config(path)
