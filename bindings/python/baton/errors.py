"""Exceptions raised by the baton package, one per C API status code."""

from __future__ import annotations

from typing import Optional


class BatonError(Exception):
    """Base of every error raised by Baton.

    ``code`` is the C API's status code (a negative ``BATON_E*`` value, see
    ``baton.h``), or None for errors the Python layer raises itself.
    ``str(error)`` is the library's message, which names the file, line and
    column, or the record id and field, that was wrong.
    """

    code: Optional[int] = None

    def __init__(self, message: str, code: Optional[int] = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidError(BatonError, ValueError):
    """A bad argument or value: a dangling reference, a departed owner, NaN."""

    code = -1


class NotFoundError(BatonError, LookupError):
    """No record, file or directory of that name."""

    code = -2


class ExistsError(BatonError, ValueError):
    """A record with that id (or pair of ids) already exists."""

    code = -3


class ParseError(BatonError, ValueError):
    """A malformed input file; the message starts with file:line:column."""

    code = -4


class CorruptError(BatonError, ValueError):
    """A snapshot is truncated or corrupted."""

    code = -5


class BatonIOError(BatonError, OSError):
    """Reading or writing a file failed."""

    code = -6


class BufferTooSmallError(BatonError):
    """A buffer was too small (the package sizes buffers; seeing this is a bug)."""

    code = -7


class OutOfMemoryError(BatonError, MemoryError):
    """The library ran out of memory."""

    code = -8


class CancelledError(BatonError):
    """The operation was cancelled, e.g. by a progress callback of solve()."""

    code = -9


class InternalError(BatonError):
    """A bug in Baton; please report the message."""

    code = -10


class StateError(BatonError):
    """A precondition failed, e.g. removing a rep who still owns accounts."""

    code = -11


class ClosedError(BatonError, ValueError):
    """An operation on an Org, Batch or AssignmentProblem after close()."""


class LibraryError(BatonError, OSError):
    """libbaton.so could not be found, loaded, or is of another major version."""


_BY_CODE = {
    cls.code: cls
    for cls in (
        InvalidError,
        NotFoundError,
        ExistsError,
        ParseError,
        CorruptError,
        BatonIOError,
        BufferTooSmallError,
        OutOfMemoryError,
        CancelledError,
        InternalError,
        StateError,
    )
}


def error_for(code: int, message: str) -> BatonError:
    """The exception for a status code, carrying the library's message."""
    cls = _BY_CODE.get(code, BatonError)
    return cls(message, code)
