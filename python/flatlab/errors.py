"""The one exception the client raises for a failed command."""


class FlatLabError(Exception):
    """FlatLab refused the input (exit code 2), failed (3: a bug), could not read or write a file
    because the disk or file system failed (4), was stopped by a signal, or could not be run.

    ``message`` is FlatLab's own message (it names the option, file, line or field);
    ``exit_code`` the command's exit code; ``kind`` is FlatLab's error kind (``"bad_input"``,
    ``"internal_error"``, ``"io_failure"``; docs/machine-interface.md) or ``"not_run"`` (the command
    line could not be started, or answered outside the contract).
    """

    def __init__(self, message, exit_code, kind="bad_input"):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.kind = kind

    def __str__(self):
        return f"{self.message} (exit code {self.exit_code})"
