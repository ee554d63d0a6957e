"""The one error type of the library: a refusal a user can read, carried as a message key of the
catalogue (``ucj/locale``) and its parameters, never as prose. Every exception that says why it was
raised derives from it, so the faces (the app's error display, the command line's last line of
defence, ``ucj.core.failures``) name any of them with one branch: ``t(exc.key, lang, **exc.params)``.
"""

from __future__ import annotations


class UcjError(Exception):
    """A refusal with a message key (``key``) and the parameters its message names (``params``).

    Each class derived from it keeps the built-in base it had (ValueError, PermissionError), so that
    what a caller caught before it still catches, and nothing more."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params: dict = params
        super().__init__(f"{key}: {params}" if params else key)


class ParseError(UcjError, ValueError):
    """A value that cannot be read (a number, a month, a date, a percentage); ``value`` is the value
    as given, for the report's value column."""

    def __init__(self, key: str, value: object, **params: object) -> None:
        super().__init__(key, **params)
        self.value = value
        self.args = (f"{key}: {value!r}",)

    @property
    def reason(self) -> str:
        """The message key under its old name: the pages' number fields read ``reason``."""
        return self.key
