"""The pelvic-tilt clip shows its movement (issue 16: it showed almost none): between the relaxed
and the pressed key poses a good part of the picture changes, and the shaded space under the
lower back is there when relaxed and closes when pressed."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from videos.render import draw_pose
from videos.timeline import load_motions


@pytest.fixture
def poses(qapp):
    motion = next(m for m in load_motions() if m.id == "pelvic-tilts")
    (_lie_words, relaxed), (_press_words, pressed) = motion.step_poses()[:2]  # lie as you are; press down
    return draw_pose(motion, relaxed, 0.0), draw_pose(motion, pressed, 0.0)


def shaded(image) -> int:
    """Pixels of the orange shade under the lower back (blended over the background)."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y))
            if colour.red() > 230 and 185 < colour.green() < 215 and 130 < colour.blue() < 170:
                count += 1
    return count


def test_the_tilt_changes_a_good_part_of_the_picture(poses):
    relaxed, pressed = poses
    changed = sum(1 for y in range(0, 360, 2) for x in range(0, 640, 2) if relaxed.pixel(x, y) != pressed.pixel(x, y))
    assert changed / (320 * 180) > 0.08  # the clip before this change: 0.05


def test_the_space_under_the_lower_back_shows_when_relaxed_and_closes_when_pressed(poses):
    relaxed, pressed = poses
    assert shaded(relaxed) > 100
    assert shaded(pressed) < shaded(relaxed) / 4
