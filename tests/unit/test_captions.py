"""WebVTT captions: what we ship parses, and hand-edited mistakes are named by line."""

from __future__ import annotations

import pytest

from desktop.content.captions import CaptionError, cue_at, parse_vtt, read_vtt
from desktop.content.video_catalogue import load_video_catalogue

VALID = """WEBVTT

NOTE written by hand

1
00:00:00.000 --> 00:00:02.500
Lie on your back.

00:02.500 --> 00:00:05.000 align:center
Squeeze your <b>bottom</b>
and lift.
"""


def test_a_valid_file_gives_cues_with_times_and_text():
    cues = parse_vtt(VALID)
    assert [(c.start_ms, c.end_ms, c.text) for c in cues] == [
        (0, 2500, "Lie on your back."), (2500, 5000, "Squeeze your bottom and lift.")]
    assert cue_at(cues, 1000) == "Lie on your back."
    assert cue_at(cues, 2500) == "Squeeze your bottom and lift."
    assert cue_at(cues, 5000) == ""


def test_windows_line_endings_and_a_byte_order_mark_are_fine():
    assert len(parse_vtt("\ufeff" + VALID.replace("\n", "\r\n"))) == 2


@pytest.mark.parametrize("content, problem", [
    ("1\n00:00:00.000 --> 00:00:01.000\nHi\n", "line 1 must start with WEBVTT"),
    ("WEBVTT\n\n00:00:00.000 -> 00:00:01.000\nHi\n", "line 3: expected a timing line"),
    ("WEBVTT\n\n00:00:00,000 --> 00:00:01.000\nHi\n", "line 3: the timing"),
    ("WEBVTT\n\n00:00:03.000 --> 00:00:01.000\nHi\n", "line 3: a caption must end after it starts"),
    ("WEBVTT\n\nfirst\n00:00:00.000 --> 00:00:01.000\n", "line 4: the caption has no text"),
    ("WEBVTT\n\n00:00:75.000 --> 00:01:01.000\nHi\n", "line 3: minutes and seconds go up to 59"),
])
def test_mistakes_are_reported_with_the_file_and_line(content, problem):
    with pytest.raises(CaptionError) as caught:
        parse_vtt(content, "bridge.vtt")
    assert str(caught.value).startswith("bridge.vtt:")
    assert problem in str(caught.value)


def test_a_missing_file_is_a_caption_error(tmp_path):
    with pytest.raises(CaptionError, match="missing"):
        read_vtt(tmp_path / "none.vtt")


def test_every_shipped_caption_file_parses_and_fits_its_video():
    for entry in load_video_catalogue().entries.values():
        cues = read_vtt(entry.captions)
        assert cues[0].start_ms == 0
        assert cues[-1].end_ms <= round(entry.duration_s * 1000) + 100
        assert all(a.end_ms <= b.start_ms for a, b in zip(cues, cues[1:]))
