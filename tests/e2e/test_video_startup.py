"""QtMultimedia is loaded when the Exercises page is first shown, never at start-up."""

import json
import subprocess
import sys

from cli_helpers import ROOT

CHECK = r"""
import json, sys
from desktop.cli import main
code = main(["--smoke-test"])
print("LOADED:" + json.dumps({"exit": code, "multimedia": "PySide6.QtMultimedia" in sys.modules}))
"""


def test_start_up_does_not_load_qtmultimedia():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=ROOT, timeout=120)
    loaded = next(line for line in result.stdout.splitlines() if line.startswith("LOADED:"))
    report = json.loads(loaded[len("LOADED:"):])
    assert report == {"exit": 0, "multimedia": False}
