"""videos/render.py: the same motion gives the same frames, and the shipped files match it."""

from __future__ import annotations

import json

import pytest

from desktop.paths import videos_dir
from videos import render
from videos.timeline import Motion, MotionError, load_motions


@pytest.fixture(autouse=True)
def _qt(qapp):
    """Rendering paints with QPainter, which needs a Qt application."""


def test_rendering_twice_gives_identical_frames_and_the_figure_moves():
    motion = next(m for m in load_motions() if m.id == "bridge")
    frames = [0, 60, 100]
    first = [render.frame_bytes(render.render_frame(motion, i)) for i in frames]
    again = [render.frame_bytes(render.render_frame(motion, i)) for i in frames]
    assert first == again
    assert len(first[0]) == render.WIDTH * render.HEIGHT * 3
    assert first[0] != first[2]  # resting at 0 s, hips up at about 4 s


def test_shipped_captions_and_manifest_match_the_motion_files(tmp_path):
    manifest = {e["id"]: e for e in json.loads((videos_dir() / "manifest.json").read_text())["videos"]}
    motions = load_motions()
    assert {m.id for m in motions} == set(manifest)
    for motion in motions:
        render.write_captions(motion, tmp_path / "c.vtt")
        assert (tmp_path / "c.vtt").read_text() == (videos_dir() / manifest[motion.id]["captions"]).read_text(), (
            f"{motion.id}: captions are out of date; run python -m videos.render {motion.id}")
        assert manifest[motion.id]["frames"] == render.frame_count(motion)


def test_a_clip_outside_10_to_25_seconds_is_refused():
    data = json.loads((videos_dir() / "motions" / "bridge.json").read_text())
    data["repetitions"] = 5  # 32 s
    with pytest.raises(MotionError, match="keep clips between 10 and 25 s"):
        Motion(data, "bridge.json")
