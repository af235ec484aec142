"""The one exception the client raises for a failed command."""


class FlatLabError(Exception):
    """FlatLab refused the input (exit code 2) or failed (exit code 3), or could not be run.

    ``message`` is FlatLab's own message (it names the option, file, line or field);
    ``exit_code`` the command's exit code; ``kind`` is ``"bad_input"``, ``"internal_error"``
    or ``"not_run"`` (the command line could not be started or answered outside the contract).
    """

    def __init__(self, message, exit_code, kind="bad_input"):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.kind = kind

    def __str__(self):
        return f"{self.message} (exit code {self.exit_code})"
