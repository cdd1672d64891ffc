"""The one error a bad configuration raises, in a module of its own so that catching it
costs nothing: the settings themselves need pydantic."""


class ConfigError(Exception):
    """The configuration cannot be used; the message names every bad key."""


class SettingsRefused(ConfigError):
    """The settings model refused the values; `problems` holds each (dotted key, what is
    wrong in words), for a form that shows every refusal beside its own setting."""

    def __init__(self, message: str, problems: tuple[tuple[str, str], ...]) -> None:
        super().__init__(message)
        self.problems = problems
