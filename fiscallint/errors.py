"""Errors that end the linting of one input with a clear one-line message."""


class InputError(Exception):
    """An input could not be read or linted (not found, not decodable, bad PDF, bound hit)."""


class Cancelled(Exception):
    """A lint was stopped because its result is no longer wanted (a newer edit, a closed file)."""


class ConfigError(Exception):
    """The configuration or the command line is invalid."""
