import datetime as dt
import statistics

import pytest

from desktop.content.loader import ContentError, exercise_catalogue, text, texts
from desktop.domain.clock import ClockError, clock_from_environment
from desktop.domain.demo import demo_entries
from desktop.domain.diary import validate_entry
from desktop.store.profiles import DEFAULT_PROFILE, ProfileError, check_profile_name, list_profiles, resolve_profile

TODAY = dt.date(2026, 3, 15)
KEYS = [e.key for e in exercise_catalogue().exercises]


def test_catalogue_has_the_programme_exercises_and_matches_names_loosely():
    names = {e.name for e in exercise_catalogue().exercises}
    assert names == {"knee rolls", "pelvic tilts", "knee-to-chest stretch", "bridge", "cat-camel", "back extension"}
    assert exercise_catalogue().match_name("  Knee   ROLLS ").key == "knee-rolls"
    assert exercise_catalogue().match_name("cartwheel") is None


def test_patient_texts_load_and_fill_in_values():
    assert texts()["today_missing"]
    assert "Monday" in text("delete_confirm", day="Monday")
    with pytest.raises(ContentError):
        text("no_such_text")


def test_demo_data_is_realistic_and_reproducible():
    entries = demo_entries(365, seed=7, today=TODAY, exercise_keys=KEYS)
    assert entries == demo_entries(365, seed=7, today=TODAY, exercise_keys=KEYS)
    assert entries != demo_entries(365, seed=8, today=TODAY, exercise_keys=KEYS)
    assert entries[-1].day == TODAY
    assert 0.75 * 365 < len(entries) < 0.95 * 365  # missed days
    assert any(e.flare_up for e in entries)
    for entry in entries:
        validate_entry(entry, TODAY, frozenset(KEYS))
    # A modest, real link: pain is lower on days after being active.
    by_day = {e.day: e for e in entries}
    after_active, after_rest = [], []
    for e in entries:
        before = by_day.get(e.day - dt.timedelta(days=1))
        if before is not None:
            (after_active if before.active else after_rest).append(e.pain)
    difference = statistics.mean(after_rest) - statistics.mean(after_active)
    assert 0.3 < difference < 2.5
    assert len({e.pain for e in entries}) >= 5  # noisy, not flat


def test_clock_reads_the_environment(monkeypatch):
    monkeypatch.setenv("SUPPORTBACK_TODAY", "2026-01-02")
    assert clock_from_environment().today() == dt.date(2026, 1, 2)
    monkeypatch.setenv("SUPPORTBACK_TODAY", "tomorrow")
    with pytest.raises(ClockError):
        clock_from_environment()
    monkeypatch.delenv("SUPPORTBACK_TODAY")
    assert clock_from_environment().today() == dt.date.today()


def test_profile_resolution(tmp_path):
    root = tmp_path
    assert resolve_profile(root, None) == DEFAULT_PROFILE
    for name in ("Anna", "ben"):
        folder = root / "profiles" / name
        folder.mkdir(parents=True)
        (folder / "diary.sqlite").write_bytes(b"")
    assert list_profiles(root) == ["Anna", "ben"]
    with pytest.raises(ProfileError, match="Anna, ben"):
        resolve_profile(root, None)
    assert resolve_profile(root, "Anna") == "Anna"


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden", "x" * 41, "trailing.", "nul\0"])
def test_unsafe_profile_names_are_refused(name):
    with pytest.raises(ProfileError):
        check_profile_name(name)


def test_texts_merge_part_files_and_refuse_a_name_used_twice(tmp_path, monkeypatch):
    import json

    from desktop.content import loader

    folder = tmp_path / "resources" / "content" / "en"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts.json").write_text(json.dumps({"a": "one"}))
    (folder / "texts" / "part.json").write_text(json.dumps({"b": "two"}))
    monkeypatch.setattr(loader, "resources_dir", lambda: tmp_path / "resources")
    loader.texts.cache_clear()
    try:
        assert loader.texts() == {"a": "one", "b": "two"}
        (folder / "texts" / "other.json").write_text(json.dumps({"a": "again"}))
        loader.texts.cache_clear()
        with pytest.raises(ContentError, match="already used"):
            loader.texts()
    finally:
        loader.texts.cache_clear()
