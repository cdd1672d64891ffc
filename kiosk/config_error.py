"""The one error a bad configuration raises, in a module of its own so that catching it
costs nothing: the settings themselves need pydantic."""


class ConfigError(Exception):
    """The configuration cannot be used; the message names every bad key."""
