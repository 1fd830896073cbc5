"""Dates: the C API counts whole days since 1970-01-01."""

from __future__ import annotations

import ctypes
import datetime
from typing import Optional, Union

from . import _lib, errors

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()

DayLike = Union[datetime.date, str, int, None]


def to_day(value: DayLike, field: str = "date") -> int:
    """Days since 1970-01-01 from a date, an ISO "YYYY-MM-DD" string or an
    int (taken as days already); None and "" mean "no date"."""
    if value is None:
        return _lib.NO_DAY
    if isinstance(value, datetime.datetime):
        raise TypeError("%s: pass a datetime.date, not a datetime (Baton counts days)" % field)
    if isinstance(value, datetime.date):
        return value.toordinal() - _EPOCH_ORDINAL
    if isinstance(value, str):
        day = ctypes.c_int32(0)
        rc = _lib.lib().baton_day_parse(ctypes.byref(day), value.encode("utf-8"))
        if rc != _lib.OK:
            raise errors.error_for(rc, "%s: %s" % (field, _lib.last_error()))
        return day.value
    if isinstance(value, int) and not isinstance(value, bool):
        return _lib.integer(value, ctypes.c_int32, field)
    raise TypeError(
        "%s must be a datetime.date, an ISO date string or days since 1970-01-01, not %s"
        % (field, type(value).__name__)
    )


def from_day(day: int) -> Optional[datetime.date]:
    """The date of a day count; None for "no date"."""
    if day == _lib.NO_DAY:
        return None
    return datetime.date.fromordinal(day + _EPOCH_ORDINAL)
