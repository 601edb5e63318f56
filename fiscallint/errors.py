"""Errors that end the linting of one input with a clear one-line message."""


class InputError(Exception):
    """An input could not be read or linted (not found, not decodable, bad PDF, bound hit)."""


class ConfigError(Exception):
    """The configuration or the command line is invalid."""
