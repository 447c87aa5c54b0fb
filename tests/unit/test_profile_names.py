"""The name each profile is listed under: profile.json, the clinic's picker_names, clinic setup."""

from __future__ import annotations

import stat
import tomllib

import pytest
from cli_helpers import run_cli

from desktop import paths
from desktop.content.loader import text
from desktop.security.clinic_config import ClinicConfigError, load_clinic_config, write_clinic_config
from desktop.store import profile_info
from desktop.store.profile_admin import create_profile


def test_the_chosen_name_is_kept_beside_the_diary_owner_only(data_root):
    create_profile(data_root, "Margaret Smith")
    folder = paths.profile_dir(data_root, "Margaret Smith")
    assert profile_info.read_display_name(folder) == ""
    profile_info.write_display_name(folder, "  Maggie  ")
    info = paths.profile_info_path(folder)
    assert info.name == paths.PROFILE_INFO_FILENAME == "profile.json"
    assert stat.S_IMODE(info.stat().st_mode) == 0o600
    assert profile_info.read_display_name(folder) == "Maggie"
    assert [p.name for p in folder.iterdir() if p.name.startswith(".profile.json")] == []  # no temporary left
    info.write_text("{not json")
    assert profile_info.read_display_name(folder) == ""  # a damaged file: listed by its default


def test_what_the_picker_shows():
    profiles = [("Margaret Smith", ""), ("Tom Jones", "Tommy"), ("John Brown", ""), ("John Green", ""), ("Sam", "")]
    home = profile_info.picker_labels(profiles, "chosen", kiosk=False)
    assert home == {"Margaret Smith": "Margaret Smith", "Tom Jones": "Tommy", "John Brown": "John Brown",
                    "John Green": "John Green", "Sam": "Sam"}
    kiosk = profile_info.picker_labels(profiles, "chosen", kiosk=True)  # never a whole folder name
    assert kiosk == {"Margaret Smith": "Margaret", "Tom Jones": "Tommy", "John Brown": "John B.",
                     "John Green": "John G.", "Sam": "Sam"}
    initials = profile_info.picker_labels(profiles + [("Mary Sharp", "")], "initials", kiosk=True)
    assert initials["Tom Jones"] == "T" and initials["Sam"] == "S"
    assert initials["Margaret Smith"] == "MS (1)" and initials["Mary Sharp"] == "MS (2)"
    assert profile_info.initials("Mary-Jane O'Neil") == "MJO" and profile_info.initials("MS2") == "MS2"


def test_a_chosen_name_is_checked():
    assert profile_info.problem_with("Maggie", "chosen") == ""
    assert profile_info.problem_with("   ", "chosen") == text("display_name_empty")
    assert profile_info.problem_with("x" * 31, "chosen") == text("display_name_too_long", most=30)
    assert profile_info.problem_with("maggie", "chosen", {"maggie"}) == text("display_name_taken", name="maggie")
    assert profile_info.problem_with("ms2", "initials") == ""
    assert profile_info.problem_with("Maggie", "initials") == text("display_name_initials_only", most=4)
    assert profile_info.suggested_name("Margaret Smith", "chosen", kiosk=True) == "Margaret"
    assert profile_info.suggested_name("Margaret Smith", "initials", kiosk=True) == "MS"
    assert profile_info.suggested_name("Margaret Smith", "chosen", kiosk=False) == "Margaret Smith"


def test_the_clinic_configuration_can_require_initials(tmp_path):
    path = tmp_path / "clinic.toml"
    assert load_clinic_config(path).picker_names == "chosen"  # no file: home use
    config = write_clinic_config(path, "Riverside", "97531", [], picker_names="initials")
    assert config.picker_names == "initials" and tomllib.loads(path.read_text())["picker_names"] == "initials"
    assert write_clinic_config(path, "Riverside", "97531", []).picker_names == "chosen"
    with pytest.raises(ClinicConfigError, match="picker_names"):
        write_clinic_config(path, "Riverside", "97531", [], picker_names="full")
    path.write_text('picker_names = "full names"\n')
    with pytest.raises(ClinicConfigError, match="'picker_names' must be \"chosen\" or \"initials\""):
        load_clinic_config(path)
    path.write_text("picker_names = true\n")
    with pytest.raises(ClinicConfigError, match="picker_names"):
        load_clinic_config(path)


def test_clinic_setup_has_an_option_for_the_picker_names(tmp_path):
    pin = tmp_path / "admin.txt"
    pin.write_text("975310\n")
    config = tmp_path / "site" / "clinic.toml"
    result = run_cli("clinic", "setup", "--name", "Riverside", "--admin-pin-file", str(pin), "--picker-names",
                     "initials", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert tomllib.loads(config.read_text())["picker_names"] == "initials"
    wrong = run_cli("clinic", "setup", "--name", "Riverside", "--admin-pin-file", str(pin), "--picker-names",
                    "full", "--config", str(tmp_path / "other.toml"))
    assert wrong.returncode == 2 and "--picker-names" in wrong.stderr
