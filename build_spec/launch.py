"""Entry point of the frozen bundle: the same `supportback` command as `python -m desktop`.

A separate file (not desktop/__main__.py) so PyInstaller does not put desktop/ itself on
the module search path, where desktop/paths.py would also be importable as `paths`.
"""

import multiprocessing
import sys

if sys.platform != "linux":  # Windows and macOS spawn collect workers: let a worker run its job, not the app
    multiprocessing.freeze_support()

from desktop.cli import main

raise SystemExit(main())
