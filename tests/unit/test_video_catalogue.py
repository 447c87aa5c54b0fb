"""videos/manifest.json: every clip is listed, present and unchanged; damage is detected."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.content.exercise_guides import exercise_guides
from desktop.content.loader import ContentError
from desktop.content.video_catalogue import VideoStatus, file_sha256, load_video_catalogue
from desktop.paths import videos_dir


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the shipped videos folder that a test may damage."""
    target = tmp_path / "videos"
    shutil.copytree(videos_dir(), target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "motions"))
    return target


def test_every_exercise_guide_has_a_listed_healthy_video_with_pictures():
    catalogue = load_video_catalogue()
    for guide in exercise_guides():
        entry = catalogue.get(guide.video)
        assert entry is not None, guide.key
        assert catalogue.status(guide.video) is VideoStatus.OK
        assert entry.keyframes and all(k.path.exists() and k.caption for k in entry.keyframes)
        assert 10 <= entry.duration_s <= 25


def test_the_videos_folder_stays_under_30_mb():
    total = sum(p.stat().st_size for p in videos_dir().rglob("*") if p.is_file())
    assert total < 30_000_000


def test_a_changed_byte_makes_the_video_damaged(copy):
    path = copy / "bridge.mp4"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    catalogue = load_video_catalogue(copy)
    assert catalogue.status("bridge") is VideoStatus.DAMAGED
    assert catalogue.status("walking") is VideoStatus.OK


def test_a_shorter_file_is_damaged_and_a_removed_one_missing(copy):
    (copy / "walking.mp4").write_bytes(b"not a video")
    (copy / "bridge.mp4").unlink()
    catalogue = load_video_catalogue(copy)
    assert catalogue.status("walking") is VideoStatus.DAMAGED
    assert catalogue.status("bridge") is VideoStatus.MISSING
    assert catalogue.status("no-such-clip") is VideoStatus.UNLISTED


def test_a_clinic_can_replace_a_clip_by_updating_the_manifest(copy):
    replacement = copy / "our-bridge.mp4"
    replacement.write_bytes((copy / "walking.mp4").read_bytes())
    manifest = json.loads((copy / "manifest.json").read_text())
    entry = next(e for e in manifest["videos"] if e["id"] == "bridge")
    entry.update(file="our-bridge.mp4", bytes=replacement.stat().st_size, sha256=file_sha256(replacement))
    (copy / "manifest.json").write_text(json.dumps(manifest))
    catalogue = load_video_catalogue(copy)
    assert catalogue.status("bridge") is VideoStatus.OK
    assert catalogue.get("bridge").path == replacement


@pytest.mark.parametrize("change, problem", [
    (lambda m: m.pop("videos"), "needs a top-level 'videos' list"),
    (lambda m: m["videos"][0].pop("sha256"), "video 1 needs 'sha256'"),
    (lambda m: m["videos"][1].update(sha256="abc"), "'sha256' must be 64 hexadecimal digits"),
    (lambda m: m["videos"][0].update(file="../../etc/passwd"), "must be a path inside the videos folder"),
    (lambda m: m["videos"].append(dict(m["videos"][0])), "is listed twice"),
    (lambda m: m["videos"][2].update(duration_s=0), "must be more than 0"),
])
def test_a_broken_manifest_names_the_file_and_the_problem(copy, change, problem):
    manifest = json.loads((copy / "manifest.json").read_text())
    change(manifest)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ContentError) as caught:
        load_video_catalogue(copy)
    assert "manifest.json" in str(caught.value) and problem in str(caught.value)


def test_a_manifest_that_is_not_json_or_missing_is_a_content_error(copy):
    (copy / "manifest.json").write_text("{not json")
    with pytest.raises(ContentError, match="cannot be read"):
        load_video_catalogue(copy)
    (copy / "manifest.json").unlink()
    with pytest.raises(ContentError, match="missing"):
        load_video_catalogue(copy)
