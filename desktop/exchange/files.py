"""Writing files so that a crash leaves either the old file or the whole new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text_atomically(target: Path, content: str) -> None:
    """Write a whole file or nothing: a temporary file beside it, flushed, then renamed."""
    target = target.expanduser()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name such as diary.csv")
    fd, temp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".supportback-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
