"""Batches: changes to an organisation, applied all or nothing by Org.apply."""

from __future__ import annotations

import ctypes
from typing import Any, Optional, Union

from . import _lib
from .days import DayLike, to_day
from .enums import (
    AccountRole,
    Attitude,
    Channel,
    ContactRole,
    DealStage,
    Depth,
    Kind,
    Severity,
    coerce,
)
from ._handle import OwnedHandle

_DATE_FIELDS = {
    "departed_on",
    "customer_since",
    "renewal_on",
    "since",
    "last_touch",
    "on",
    "close_on",
    "opened_on",
    "closed_on",
}
_BOOL_FIELDS = {"to_competitor", "key_player"}
# (spec, field) -> enumeration; "role" means different things per spec.
_ENUM_FIELDS = {
    ("account_team", "role"): AccountRole,
    ("contact", "role"): ContactRole,
    ("contact", "attitude"): Attitude,
    ("relationship", "depth"): Depth,
    ("interaction", "channel"): Channel,
    ("deal", "stage"): DealStage,
    ("complaint", "severity"): Severity,
}


def _kind(kind: Union[Kind, int, str]) -> Kind:
    return coerce(Kind, kind, "kind")


def _convert(spec: str, field: str, ctype: Any, value: Any) -> Any:
    """A keyword argument as the C field takes it."""
    where = "%s.%s" % (spec, field)
    if field in _DATE_FIELDS:
        return to_day(value, where)
    if (spec, field) in _ENUM_FIELDS:
        return int(coerce(_ENUM_FIELDS[(spec, field)], value, where))
    if field in _BOOL_FIELDS:
        return 1 if value else 0
    if ctype is ctypes.c_char_p:
        return _lib.encode(value, where)
    if ctype is ctypes.c_double:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("%s must be a number, not %s" % (where, type(value).__name__))
        return float(value)
    if isinstance(value, bool):
        raise TypeError("%s must be an int, not bool" % where)
    return _lib.integer(value, ctype, where)


class Batch(OwnedHandle):
    """Changes gathered to be applied to an Org as a whole, or not at all.

    Records are named by their string ids, so a batch may refer to records it
    adds itself. Every add_/update_ method takes the record's fields as
    keyword arguments (the fields of the C spec structs in baton.h; dates as
    datetime.date, ISO strings or day numbers; enumerations as members, ints
    or names) and returns the batch, so calls can be chained::

        with baton.Batch() as batch:
            batch.add_rep("r1", name="Ada", seniority=3, capacity=40)
            batch.add_account("a1", name="Acme", tier="A", owner="r1")
            org.apply(batch)

    A Batch is not thread-safe; close() frees it (also on leaving a with
    block, or when garbage-collected).
    """

    _DESTROY = "baton_batch_destroy"


    def __init__(self) -> None:
        self._handle: Optional[_lib.BatchPtr] = None
        handle = _lib.BatchPtr()
        _lib.check(_lib.lib().baton_batch_create(ctypes.byref(handle)))
        self._handle = handle

    def __len__(self) -> int:
        size = ctypes.c_size_t(0)
        _lib.check(_lib.lib().baton_batch_size(ctypes.byref(size), self._live()))
        return size.value

    def __repr__(self) -> str:
        if self.closed:
            return "<baton.Batch closed>"
        return "<baton.Batch of %d changes>" % len(self)

    def clear(self) -> "Batch":
        """Removes every change, so the batch can be reused."""
        _lib.check(_lib.lib().baton_batch_clear(self._live()))
        return self

    # ---- changes -------------------------------------------------------------

    def _put(self, spec: str, verb: str, fields: dict) -> "Batch":
        struct_type = _lib.SPECS[spec]
        struct = struct_type()
        library = _lib.lib()
        getattr(library, "baton_%s_spec_init" % spec)(ctypes.byref(struct))
        ctypes_of = dict(struct_type._fields_)
        for field, value in fields.items():
            if field == "version" or field not in ctypes_of:
                known = ", ".join(name for name, _ in struct_type._fields_[1:])
                raise TypeError("%s has no field %r (fields: %s)" % (spec, field, known))
            setattr(struct, field, _convert(spec, field, ctypes_of[field], value))
        function = (
            "baton_batch_record_interaction"
            if spec == "interaction"
            else "baton_batch_%s_%s" % (verb, spec)
        )
        _lib.check(getattr(library, function)(self._live(), ctypes.byref(struct)))
        return self

    def add_team(self, id: str, **fields: Any) -> "Batch":
        """Adds a team: name, manager (rep id)."""
        return self._put("team", "add", dict(fields, id=id))

    def update_team(self, id: str, **fields: Any) -> "Batch":
        """Replaces the whole team with this id (unset fields take defaults)."""
        return self._put("team", "update", dict(fields, id=id))

    def add_rep(self, id: str, **fields: Any) -> "Batch":
        """Adds a rep: name, team, manager, seniority (1), capacity, territory,
        segment, departed_on, destination, to_competitor."""
        return self._put("rep", "add", dict(fields, id=id))

    def update_rep(self, id: str, **fields: Any) -> "Batch":
        return self._put("rep", "update", dict(fields, id=id))

    def add_tier(self, id: str, **fields: Any) -> "Batch":
        """Adds a tier: load_weight (1), min_seniority (0), max_per_rep (0: no limit)."""
        return self._put("tier", "add", dict(fields, id=id))

    def update_tier(self, id: str, **fields: Any) -> "Batch":
        return self._put("tier", "update", dict(fields, id=id))

    def add_account(self, id: str, **fields: Any) -> "Batch":
        """Adds an account: name, tier (required), annual_value, customer_since,
        renewal_on, territory, segment, group, owner."""
        return self._put("account", "add", dict(fields, id=id))

    def update_account(self, id: str, **fields: Any) -> "Batch":
        return self._put("account", "update", dict(fields, id=id))

    def add_account_team(self, account: str, rep: str, **fields: Any) -> "Batch":
        """Puts a rep on an account's team: role (AccountRole, default backup)."""
        return self._put("account_team", "add", dict(fields, account=account, rep=rep))

    def update_account_team(self, account: str, rep: str, **fields: Any) -> "Batch":
        return self._put("account_team", "update", dict(fields, account=account, rep=rep))

    def add_contact(self, id: str, **fields: Any) -> "Batch":
        """Adds a contact: account (required), name, role (ContactRole),
        key_player, attitude (Attitude)."""
        return self._put("contact", "add", dict(fields, id=id))

    def update_contact(self, id: str, **fields: Any) -> "Batch":
        return self._put("contact", "update", dict(fields, id=id))

    def add_relationship(self, rep: str, contact: str, **fields: Any) -> "Batch":
        """Adds a rep's tie to a contact: strength (0..1), depth (Depth), since,
        last_touch."""
        return self._put("relationship", "add", dict(fields, rep=rep, contact=contact))

    def update_relationship(self, rep: str, contact: str, **fields: Any) -> "Batch":
        return self._put("relationship", "update", dict(fields, rep=rep, contact=contact))

    def record_interaction(self, on: DayLike, rep: str, account: str, **fields: Any) -> "Batch":
        """Records an interaction: channel (Channel), contact, note."""
        return self._put("interaction", "add", dict(fields, on=on, rep=rep, account=account))

    def add_deal(self, id: str, **fields: Any) -> "Batch":
        """Adds a deal: account (required), owner, stage (DealStage), amount,
        close_on, next_step."""
        return self._put("deal", "add", dict(fields, id=id))

    def update_deal(self, id: str, **fields: Any) -> "Batch":
        return self._put("deal", "update", dict(fields, id=id))

    def add_complaint(self, id: str, **fields: Any) -> "Batch":
        """Adds a complaint: account, opened_on (required), closed_on, severity
        (Severity), summary."""
        return self._put("complaint", "add", dict(fields, id=id))

    def update_complaint(self, id: str, **fields: Any) -> "Batch":
        return self._put("complaint", "update", dict(fields, id=id))

    def add_product(self, account: str, product: str, **fields: Any) -> "Batch":
        """Records a product an account holds: quantity."""
        return self._put("product", "add", dict(fields, account=account, product=product))

    def update_product(self, account: str, product: str, **fields: Any) -> "Batch":
        return self._put("product", "update", dict(fields, account=account, product=product))

    def remove(
        self, kind: Union[Kind, int, str], id: str, second: Optional[str] = None
    ) -> "Batch":
        """Removes a record and what belongs to it. Pairs are keyed (account,
        rep) for account_team, (rep, contact) for relationship, (account,
        product) for product."""
        _lib.check(
            _lib.lib().baton_batch_remove(
                self._live(), int(_kind(kind)), _lib.encode(id, "id"), _lib.encode(second)
            )
        )
        return self

    def change_owner(self, account: str, owner: Optional[str]) -> "Batch":
        """Gives an account to another rep (None: to nobody)."""
        _lib.check(
            _lib.lib().baton_batch_change_owner(
                self._live(), _lib.encode(account, "account"), _lib.encode(owner, "owner")
            )
        )
        return self

    def depart(
        self,
        rep: str,
        on: DayLike,
        destination: Optional[str] = None,
        to_competitor: bool = False,
    ) -> "Batch":
        """Records that a rep leaves on a day, maybe for a competitor."""
        _lib.check(
            _lib.lib().baton_batch_depart(
                self._live(),
                _lib.encode(rep, "rep"),
                to_day(on, "on"),
                _lib.encode(destination, "destination"),
                1 if to_competitor else 0,
            )
        )
        return self
