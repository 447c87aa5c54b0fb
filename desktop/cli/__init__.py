"""The ``supportback`` command: opens the app, or runs one of its subcommands.

``dispatch`` parses the words (``parser``) and hands them to one module per command group;
``errors`` holds the exit codes and the failures said in one line. Every command module is
imported only when its command runs, so opening the app compiles little.
"""

from desktop.cli.dispatch import main
from desktop.cli.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandFailed

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "CommandFailed", "main"]
