"""The clinic's policy is decided once from its configuration; at home every answer is the default."""

from desktop.security.clinic_config import ClinicConfig
from desktop.store.profile_info import INITIALS
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy


def test_home_lets_the_patient_do_everything():
    assert not HOME.kiosk and HOME.files_allowed and HOME.patient_manages_pin and HOME.reminders_offered
    assert HOME.kiosk_export is None and not HOME.initials_required


def test_a_kiosk_config_becomes_a_kiosk_policy_with_the_clinics_keys_and_folder():
    config = ClinicConfig(clinic_name="Riverside", recipients=("age1abc",), kiosk=True, lock_timeout_minutes=3,
                          export_folder="/srv/inbox", picker_names=INITIALS)
    policy = ClinicPolicy.from_config(config)
    assert policy.kiosk and not policy.files_allowed and not policy.patient_manages_pin
    assert policy.kiosk_export == (("age1abc",), "/srv/inbox") and policy.initials_required
    assert policy.lock_timeout_minutes == 3 and policy.clinic_name == "Riverside"


def test_kiosk_asked_for_on_the_command_line_counts_too_and_home_never_locks_by_policy():
    assert ClinicPolicy.from_config(ClinicConfig(), kiosk=True).kiosk
    assert ClinicPolicy.from_config(ClinicConfig(lock_timeout_minutes=3)).lock_timeout_minutes == 0
