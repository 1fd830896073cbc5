"""Organisations: every record of a sales organisation, and queries over them."""

from __future__ import annotations

import ctypes
import datetime
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from . import _lib
from .batch import Batch
from .days import from_day
from .enums import Kind, coerce
from ._handle import OwnedHandle

if TYPE_CHECKING:
    from .reassign import Reassignment
    from .risk import RiskModel, RiskScores

PathLike = Union[str, "os.PathLike[str]"]
KindLike = Union[Kind, int, str]


@dataclass(frozen=True)
class Rep:
    """A rep as the organisation holds them."""

    id: str
    name: str
    team: Optional[str]
    manager: Optional[str]
    seniority: int
    capacity: int
    territory: str
    segment: str
    departed_on: Optional[datetime.date]
    destination: str
    to_competitor: bool
    accounts_owned: int

    @property
    def active(self) -> bool:
        return self.departed_on is None


@dataclass(frozen=True)
class Account:
    """An account as the organisation holds it."""

    id: str
    name: str
    tier: str
    annual_value: float
    customer_since: Optional[datetime.date]
    renewal_on: Optional[datetime.date]
    territory: str
    segment: str
    group: str
    owner: Optional[str]
    contacts: int


def _path(path: PathLike, what: str) -> bytes:
    return _lib.encode(os.fspath(path), what)


class Org(OwnedHandle):
    """An organisation: reps, teams, tiers, accounts, contacts, relationships,
    interactions, deals, complaints and products held.

    Build one empty and apply batches, or read one with from_csv, load or
    from_bytes. Every change goes through apply(), all or nothing.

    Records are looked up by their string ids. Indices (find) are dense
    positions that stay valid until the next change.

    Read-only methods may run from several threads at once; apply,
    import_csv and close need the Org to themselves. close() frees the
    library's memory at once (also on leaving a with block); the garbage
    collector does it otherwise. Orgs pickle through Baton's snapshot format.
    """

    _DESTROY = "baton_org_destroy"


    def __init__(self) -> None:
        self._handle: Optional[_lib.OrgPtr] = None
        handle = _lib.OrgPtr()
        _lib.check(_lib.lib().baton_org_create(ctypes.byref(handle)))
        self._handle = handle

    @classmethod
    def _adopt(cls, handle: _lib.OrgPtr) -> "Org":
        org = cls.__new__(cls)
        org._handle = handle
        return org

    @classmethod
    def from_csv(cls, directory: PathLike) -> "Org":
        """Reads a directory of CSV files (teams.csv, reps.csv, ...)."""
        org = cls()
        try:
            org.import_csv(directory)
        except BaseException:
            org.close()
            raise
        return org

    @classmethod
    def load(cls, path: PathLike) -> "Org":
        """Reads a snapshot file written by save()."""
        handle = _lib.OrgPtr()
        _lib.check(_lib.lib().baton_org_load(ctypes.byref(handle), _path(path, "path")))
        return cls._adopt(handle)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Org":
        """Reads a snapshot made by to_bytes()."""
        data = bytes(data)
        handle = _lib.OrgPtr()
        _lib.check(_lib.lib().baton_org_from_bytes(ctypes.byref(handle), data, len(data)))
        return cls._adopt(handle)

    def copy(self) -> "Org":
        """An independent copy."""
        handle = _lib.OrgPtr()
        _lib.check(_lib.lib().baton_org_copy(ctypes.byref(handle), self._live()))
        return Org._adopt(handle)

    __copy__ = copy

    def __deepcopy__(self, memo: dict) -> "Org":
        return self.copy()

    def __getstate__(self) -> bytes:
        return self.to_bytes()

    def __setstate__(self, state: bytes) -> None:
        handle = _lib.OrgPtr()
        _lib.check(_lib.lib().baton_org_from_bytes(ctypes.byref(handle), state, len(state)))
        self._handle = handle

    def __repr__(self) -> str:
        if self.closed:
            return "<baton.Org closed>"
        return "<baton.Org with %d reps, %d accounts>" % (
            self.count(Kind.REP),
            self.count(Kind.ACCOUNT),
        )

    # ---- files ---------------------------------------------------------------

    def import_csv(self, directory: PathLike) -> None:
        """Adds the records of a CSV directory, all or nothing. Errors name
        file:line:column (ParseError)."""
        _lib.check(_lib.lib().baton_org_import_csv(self._live(), _path(directory, "directory")))

    def export_csv(self, directory: PathLike) -> None:
        """Writes every record as CSV files that import_csv reads back."""
        _lib.check(_lib.lib().baton_org_export_csv(self._live(), _path(directory, "directory")))

    def save(self, path: PathLike, risk_model: Any = None) -> None:
        """Writes a snapshot file atomically; with ``risk_model`` (a
        baton.RiskModel) the snapshot carries it (RiskModel.from_snapshot)."""
        if risk_model is None:
            _lib.check(_lib.lib().baton_org_save(self._live(), _path(path, "path")))
            return
        from .risk import RiskModel  # risk imports org: import it late

        if not isinstance(risk_model, RiskModel):
            raise TypeError(
                "risk_model must be a baton.RiskModel, not %s" % type(risk_model).__name__
            )
        _lib.check(
            _lib.lib().baton_org_save_with_risk_model(
                self._live(), risk_model._live(), _path(path, "path")
            )
        )

    def to_bytes(self) -> bytes:
        """The snapshot as bytes (what save() writes)."""
        library = _lib.lib()
        handle = self._live()
        needed = ctypes.c_size_t(0)
        rc = library.baton_org_to_bytes(None, 0, ctypes.byref(needed), handle)
        while rc == _lib.EBUFS:
            buffer = ctypes.create_string_buffer(needed.value)
            rc = library.baton_org_to_bytes(buffer, needed.value, ctypes.byref(needed), handle)
            if rc == _lib.OK:
                return buffer.raw[: needed.value]
        _lib.check(rc)
        raise AssertionError("baton_org_to_bytes accepted an empty buffer")

    # ---- queries -------------------------------------------------------------

    def apply(self, batch: Batch) -> None:
        """Applies every change of a batch, or none: on error the organisation
        is exactly as it was and the exception names the change, record and
        field."""
        if not isinstance(batch, Batch):
            raise TypeError("apply takes a baton.Batch, not %s" % type(batch).__name__)
        _lib.check(_lib.lib().baton_org_apply(self._live(), batch._live()))

    def reassign(self, **options: Any) -> "Reassignment":
        """baton.reassign(self, **options): plans who takes over which
        accounts (mode, departing, today, team, eligibility, excluded, pins,
        progress and the preferences)."""
        from .reassign import reassign

        return reassign(self, **options)

    def apply_reassignment(self, plan: "Reassignment") -> None:
        """Applies a plan of reassign() made from this organisation, all or
        nothing. Raises StateError if the organisation has changed since the
        plan was made (applying it changes it: a plan applies once)."""
        from .reassign import apply_reassignment

        apply_reassignment(self, plan)

    def risk(self, model: Optional["RiskModel"] = None, **scenario: Any) -> "RiskScores":
        """baton.score(self, model, **scenario): every account's churn risk and
        revenue at risk, per rep and team (as_of, leavers, to_competitor,
        new_owners, signals, threads)."""
        from .risk import score

        return score(self, model, **scenario)

    def state_hash(self) -> int:
        """A 64-bit fingerprint: equal organisations have equal hashes."""
        value = ctypes.c_uint64(0)
        _lib.check(_lib.lib().baton_org_state_hash(ctypes.byref(value), self._live()))
        return value.value

    def count(self, kind: KindLike) -> int:
        """The number of records of one kind."""
        value = ctypes.c_size_t(0)
        kind = coerce(Kind, kind, "kind")
        _lib.check(_lib.lib().baton_org_count(ctypes.byref(value), self._live(), int(kind)))
        return value.value

    def counts(self) -> Dict[str, int]:
        """The number of records of every kind, by kind name ("rep": 50, ...)."""
        return {kind.name.lower(): self.count(kind) for kind in Kind}

    def find(self, kind: KindLike, id: str, second: Optional[str] = None) -> int:
        """The index of a record by its id (or, for account_team,
        relationship and product, by its pair of keys). Raises NotFoundError."""
        index = ctypes.c_uint32(0)
        kind = coerce(Kind, kind, "kind")
        _lib.check(
            _lib.lib().baton_org_find(
                ctypes.byref(index),
                self._live(),
                int(kind),
                _lib.encode(id, "id"),
                _lib.encode(second, "second"),
            )
        )
        return index.value

    def __contains__(self, key: Any) -> bool:
        """(kind, id) in org."""
        kind, id = key
        try:
            self.find(kind, id)
        except LookupError:
            return False
        return True

    def id_of(self, kind: KindLike, index: int) -> str:
        """The id of the record at an index."""
        kind = coerce(Kind, kind, "kind")
        index = _lib.integer(index, ctypes.c_uint32, "index")
        return _lib.read_string(_lib.lib().baton_org_id, self._live(), int(kind), index)

    def ids(self, kind: KindLike) -> List[str]:
        """The ids of every record of a kind, in index order."""
        return [self.id_of(kind, i) for i in range(self.count(kind))]

    def _text(self, kind: Kind, index: int, field: int) -> str:
        return _lib.read_string(_lib.lib().baton_org_text, self._live(), int(kind), index, field)

    def _ref(self, kind: Kind, index: int) -> Optional[str]:
        return None if index == _lib.NO_INDEX else self.id_of(kind, index)

    def rep(self, id: str) -> Rep:
        """A rep by id."""
        index = self.find(Kind.REP, id)
        info = _lib.RepInfo(version=_lib.REP_INFO_VERSION)
        _lib.check(_lib.lib().baton_org_rep_info(ctypes.byref(info), self._live(), index))
        return Rep(
            id=self.id_of(Kind.REP, index),
            name=self._text(Kind.REP, index, _lib.TEXT_NAME),
            team=self._ref(Kind.TEAM, info.team),
            manager=self._ref(Kind.REP, info.manager),
            seniority=info.seniority,
            capacity=info.capacity,
            territory=self._text(Kind.REP, index, _lib.TEXT_TERRITORY),
            segment=self._text(Kind.REP, index, _lib.TEXT_SEGMENT),
            departed_on=from_day(info.departed_on),
            destination=self._text(Kind.REP, index, _lib.TEXT_DESTINATION),
            to_competitor=bool(info.to_competitor),
            accounts_owned=info.accounts_owned,
        )

    def account(self, id: str) -> Account:
        """An account by id."""
        index = self.find(Kind.ACCOUNT, id)
        info = _lib.AccountInfo(version=_lib.ACCOUNT_INFO_VERSION)
        _lib.check(_lib.lib().baton_org_account_info(ctypes.byref(info), self._live(), index))
        return Account(
            id=self.id_of(Kind.ACCOUNT, index),
            name=self._text(Kind.ACCOUNT, index, _lib.TEXT_NAME),
            tier=self.id_of(Kind.TIER, info.tier),
            annual_value=info.annual_value,
            customer_since=from_day(info.customer_since),
            renewal_on=from_day(info.renewal_on),
            territory=self._text(Kind.ACCOUNT, index, _lib.TEXT_TERRITORY),
            segment=self._text(Kind.ACCOUNT, index, _lib.TEXT_SEGMENT),
            group=self._text(Kind.ACCOUNT, index, _lib.TEXT_GROUP),
            owner=self._ref(Kind.REP, info.owner),
            contacts=info.contacts,
        )

    def accounts_of_rep(self, rep: str) -> List[str]:
        """The ids of the accounts a rep owns, in index order."""
        indices = _lib.read_array(
            _lib.lib().baton_org_rep_accounts, ctypes.c_uint32, self._live(), _lib.encode(rep, "rep")
        )
        return [self.id_of(Kind.ACCOUNT, i) for i in indices]

    def owner_of(self, account: str) -> Optional[str]:
        """The id of the rep who owns an account; None if nobody does."""
        owner = _lib.read_string(
            _lib.lib().baton_org_account_owner, self._live(), _lib.encode(account, "account")
        )
        return owner or None
