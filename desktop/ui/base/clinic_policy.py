"""What a clinic's set-up changes on screen, decided once at start-up and handed to the views.

At home every answer is the default. On a clinic's kiosk (``supportback clinic setup``, the
clinic's TOML) no file goes in or out except the clinic's own export, staff look after PINs and
locking, no reminders are offered, and the picker may list people by their initials only.
The main window passes this down to the cards that show any of it; no widget looks it up.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.exchange.folder_export import FolderTarget
from desktop.security.clinic_config import ClinicConfig
from desktop.store.profile_info import CHOSEN, INITIALS


@dataclass(frozen=True)
class ClinicPolicy:
    kiosk: bool = False
    clinic_name: str = ""
    recipients: tuple[str, ...] = ()  # the clinic's keys: kiosk exports go only to them
    export_folder: str = ""  # and only into this folder
    picker_names: str = CHOSEN  # how the picker lists people (profile_info.PICKER_NAMES)
    lock_timeout_minutes: int = 0  # kiosk only: lock after this long without use

    @classmethod
    def from_config(cls, config: ClinicConfig, kiosk: bool = False) -> ClinicPolicy:
        """The policy of this computer: the clinic's configuration, kiosk mode also when asked for."""
        kiosk = kiosk or config.kiosk
        return cls(kiosk=kiosk, clinic_name=config.clinic_name, recipients=tuple(config.recipients),
                   export_folder=config.export_folder, picker_names=config.picker_names,
                   lock_timeout_minutes=config.lock_timeout_minutes if kiosk else 0)

    @property
    def initials_required(self) -> bool:
        return self.picker_names == INITIALS

    @property
    def files_allowed(self) -> bool:
        """CSV files, calendar files and the data folder: Settings leaves them out on a kiosk."""
        return not self.kiosk

    @property
    def patient_manages_pin(self) -> bool:
        """Whether the patient sets their own PIN and auto-lock (on a kiosk the staff do)."""
        return not self.kiosk

    @property
    def reminders_offered(self) -> bool:
        """A shared clinic computer shows nobody's reminders."""
        return not self.kiosk

    @property
    def kiosk_export(self) -> tuple[tuple[str, ...], str] | None:
        """On a kiosk: (the clinic's keys, the clinic's folder) for the clinic export; else None."""
        return (self.recipients, self.export_folder) if self.kiosk else None

    def folder_target(self) -> FolderTarget | None:
        """Where automatic folder exports go on a kiosk: the clinic's folder and keys (turned off,
        an empty folder, when either is missing); at home None, and the patient's own choice applies."""
        if not self.kiosk:
            return None
        return FolderTarget(self.export_folder if self.recipients and self.export_folder else "", self.recipients)


HOME = ClinicPolicy()
