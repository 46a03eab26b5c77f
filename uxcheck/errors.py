"""uxcheck's exceptions. Each message says what went wrong, where, and what to do about it."""
from __future__ import annotations


class UxcheckError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with (see the contract)."""

    exit_code = 3


class UsageError(UxcheckError):
    """Bad command-line usage (exit 2)."""

    exit_code = 2


class InvalidFileError(UsageError):
    """An invalid flow file or rule pack: names the file, the line and the problem (exit 2)."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class NoBrowserError(UxcheckError):
    """No browser could be found or launched (exit 3)."""

    exit_code = 3


class RunFailedError(UxcheckError):
    """The run itself failed, e.g. every target was unreachable (exit 3)."""

    exit_code = 3


class PluginError(UxcheckError):
    """A rule plugin could not be loaded or is declared twice."""

    exit_code = 2
