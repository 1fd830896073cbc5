"""Baton's enumerations; values match the BATON_* constants of baton.h.

Wherever the package takes one, it also takes its int value or its name as
written in CSV files ("decision_maker", "shared_values"), in any case.
"""

from __future__ import annotations

import enum
from typing import Type, TypeVar, Union


class Kind(enum.IntEnum):
    """Kinds of record."""

    TEAM = 0
    REP = 1
    TIER = 2
    ACCOUNT = 3
    ACCOUNT_TEAM = 4
    CONTACT = 5
    RELATIONSHIP = 6
    INTERACTION = 7
    DEAL = 8
    COMPLAINT = 9
    PRODUCT = 10


class Depth(enum.IntEnum):
    """How deep a relationship runs, shallow to deep."""

    SOCIAL = 1
    SHARED_INTERESTS = 2
    EMOTIONAL_TRUST = 3
    MUTUAL_BENEFIT = 4
    SHARED_VALUES = 5


class ContactRole(enum.IntEnum):
    DECISION_MAKER = 0
    CHAMPION = 1
    INFLUENCER = 2
    USER = 3
    PROCUREMENT = 4
    TECHNICAL = 5
    FINANCE = 6
    OTHER = 7


class Attitude(enum.IntEnum):
    UNKNOWN = 0
    SUPPORTER = 1
    NEUTRAL = 2
    SKEPTIC = 3
    OPPONENT = 4


class Channel(enum.IntEnum):
    CALL = 0
    EMAIL = 1
    MEETING = 2
    VISIT = 3
    MESSAGE = 4
    EVENT = 5
    OTHER = 6


class AccountRole(enum.IntEnum):
    """A rep's role on an account's team."""

    BACKUP = 0
    CUSTOMER_SUCCESS = 1
    MANAGER = 2
    SPECIALIST = 3
    EXECUTIVE_SPONSOR = 4


class DealStage(enum.IntEnum):
    PROSPECTING = 0
    QUALIFICATION = 1
    PROPOSAL = 2
    NEGOTIATION = 3
    WON = 4
    LOST = 5


class Severity(enum.IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


#: The BATON_ENUM_* number of each enumeration, for baton_enum_name().
ENUM_TYPES = {
    Kind: 0,
    Depth: 1,
    ContactRole: 2,
    Attitude: 3,
    Channel: 4,
    AccountRole: 5,
    DealStage: 6,
    Severity: 7,
}

E = TypeVar("E", bound=enum.IntEnum)


def coerce(cls: Type[E], value: Union[E, int, str], field: str = "value") -> E:
    """A member of `cls` from a member, an int value or a name."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(member.name.lower() for member in cls)
            raise ValueError(
                "%s: unknown %s %r (expected one of %s)" % (field, cls.__name__, value, names)
            ) from None
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return cls(value)
        except ValueError:
            raise ValueError("%s: %d is not a %s" % (field, value, cls.__name__)) from None
    raise TypeError(
        "%s must be a %s, its int value or its name, not %s"
        % (field, cls.__name__, type(value).__name__)
    )
