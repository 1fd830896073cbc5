"""Handover plans: what must happen before a rep's last day, account by
account (docs/handover.md), carried out on the organisation and undone.

    plan = org.reassign(departing=["r017"], today="2026-11-01")
    with baton.plan_handover(org, {"r017": "2026-11-30"}, plan, today="2026-11-01") as h:
        for task in h.tasks[:5]:
            print(task.due, task.role, task.title, task.details[:1])
        h.apply(org)          # every account and deal to its successor
        h.undo(org)           # and back, exactly
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime
import json
import time
from dataclasses import dataclass
from typing import Any, List, Mapping, Optional, Sequence, Tuple, Union

from . import _handover_lib as _hl
from . import _lib
from ._handle import OwnedHandle
from .days import DayLike, from_day, to_day
from .errors import InvalidError
from .reassign import Reassignment


@dataclass(frozen=True)
class AccountHandover:
    """One account of the plan, by revenue at risk."""

    account: str
    leaver: str
    successor: Optional[str]  # None: the plan left it unassigned
    value: float
    risk: float
    reasons: List[str]

    @property
    def value_at_risk(self) -> float:
        return self.value * self.risk


@dataclass(frozen=True)
class HandoverTask:
    """A task: of an account (``account`` set) or of a leaver (None)."""

    index: int
    account: Optional[str]
    leaver: str
    kind: str
    role: str
    rep: Optional[str]
    due: datetime.date
    status: str
    title: str
    details: List[str]


Leavers = Union[Mapping[str, DayLike], Sequence[Tuple[Any, ...]]]


def _leavers(departures: Leavers) -> List[Tuple[str, int, bool]]:
    """{rep: last_day} or [(rep, last_day[, to_competitor]), ...]."""
    if isinstance(departures, (str, bytes)) or not isinstance(departures, (Mapping, Sequence)):
        raise TypeError("departures must be a mapping {rep: last_day} or a list of "
                        "(rep, last_day[, to_competitor]), not %s" % type(departures).__name__)
    items = list(departures.items()) if isinstance(departures, Mapping) else list(departures)
    out = []
    for k, item in enumerate(items):
        if not isinstance(item, tuple) or len(item) not in (2, 3):
            raise TypeError("departures[%d] must be (rep, last_day[, to_competitor])" % k)
        rep, last_day = item[0], item[1]
        if not isinstance(rep, str):
            raise TypeError(
                "departures[%d]: the rep must be a str, not %s" % (k, type(rep).__name__))
        competitor = item[2] if len(item) == 3 else False
        if not isinstance(competitor, bool):
            raise TypeError("departures[%d]: to_competitor must be a bool" % k)
        day = to_day(last_day, "departures[%d] last day" % k)
        if day == _lib.NO_DAY:
            raise InvalidError("departures[%d] (%s): a last day is required" % (k, rep))
        out.append((rep, day, competitor))
    if not out:
        raise InvalidError("plan_handover: departures: name a rep")
    return out


class Handover(OwnedHandle):
    """A handover plan: its accounts and tasks as plain values, and the
    library's plan, which apply() and undo() carry out on the organisation."""

    _DESTROY = "baton_handover_destroy"

    def __init__(self, org: Any, handle: Any) -> None:
        self._handle = handle
        self.accounts = self._read_accounts(org)
        self._tasks = self._read_tasks(org)

    def _read_accounts(self, org: Any) -> List[AccountHandover]:
        library, handle = _lib.lib(), self._live()
        n = ctypes.c_size_t(0)
        library.baton_handover_accounts(None, None, None, None, None, None, 0, ctypes.byref(n),
                                        handle)
        count = n.value
        arrays = [(ctypes.c_uint32 * count)() for _ in range(3)]
        value, risk = (ctypes.c_double * count)(), (ctypes.c_double * count)()
        reasons = (ctypes.c_uint32 * count)()
        _lib.check(library.baton_handover_accounts(*arrays, value, risk, reasons, count, None,
                                                   handle))
        out = []
        for k in range(count):
            texts = [_lib.read_string(library.baton_handover_reason, handle, k, r)
                     for r in range(reasons[k])]
            successor = arrays[2][k]
            out.append(AccountHandover(
                org.id_of("account", arrays[0][k]), org.id_of("rep", arrays[1][k]),
                None if successor == _lib.NO_INDEX else org.id_of("rep", successor),
                value[k], risk[k], texts))
        return out

    def _read_tasks(self, org: Any) -> List[HandoverTask]:
        library, handle = _lib.lib(), self._live()
        n = ctypes.c_size_t(0)
        library.baton_handover_tasks(None, None, None, None, None, None, None, None, 0,
                                     ctypes.byref(n), handle)
        count = n.value
        u32 = [(ctypes.c_uint32 * count)() for _ in range(4)]  # account, leaver, rep, details
        i32 = [(ctypes.c_int32 * count)() for _ in range(4)]  # kind, role, due, status
        _lib.check(library.baton_handover_tasks(u32[0], u32[1], i32[0], i32[1], u32[2], i32[2],
                                                i32[3], u32[3], count, None, handle))
        tasks = []
        for k in range(count):
            account, rep = u32[0][k], u32[2][k]
            details = [_lib.read_string(library.baton_handover_task_detail, handle, k, d)
                       for d in range(u32[3][k])]
            tasks.append(HandoverTask(
                k, None if account == _lib.NO_INDEX else self.accounts[account].account,
                org.id_of("rep", u32[1][k]), _hl.TASK_KINDS[i32[0][k]], _hl.ROLES[i32[1][k]],
                None if rep == _lib.NO_INDEX else org.id_of("rep", rep), from_day(i32[2][k]),
                _hl.STATUSES[i32[3][k]],
                _lib.read_string(library.baton_handover_task_title, handle, k), details))
        return tasks

    @property
    def tasks(self) -> List[HandoverTask]:
        """Every task: each account's by due day, in plan order, then the leavers'."""
        return list(self._tasks)

    @property
    def state(self) -> str:
        """"draft", "applied" or "undone"."""
        state = ctypes.c_int32(0)
        _lib.check(_lib.lib().baton_handover_state(ctypes.byref(state), self._live()))
        return _hl.STATES[state.value]

    def set_status(self, task: int, status: str) -> None:
        """Marks task number ``task`` "open", "done" or "skipped"."""
        if not isinstance(task, int) or isinstance(task, bool):
            raise TypeError("task must be an int, not %s" % type(task).__name__)
        if status not in _hl.STATUSES:
            raise InvalidError("status must be one of %s, not %r" % (", ".join(_hl.STATUSES),
                                                                      status))
        if not 0 <= task < len(self._tasks):
            raise InvalidError("task %d is out of range (%d tasks)" % (task, len(self._tasks)))
        _lib.check(_lib.lib().baton_handover_set_task_status(
            self._live(), task, _hl.STATUSES.index(status)))
        self._tasks[task] = dataclasses.replace(self._tasks[task], status=status)

    def apply(self, org: Any) -> None:
        """Carries the draft plan out on ``org``, all or nothing."""
        _lib.check(_lib.lib().baton_org_apply_handover(_org(org)._live(), self._live()))

    def undo(self, org: Any) -> None:
        """Takes ``org`` back to exactly where it was before apply()."""
        _lib.check(_lib.lib().baton_org_undo_handover(_org(org)._live(), self._live()))

    def store(self, org: Any, at: Optional[int] = None) -> str:
        """Keeps this draft in ``org``'s handover book, which its snapshots
        carry, and returns the stored plan's id ("H1"); ``at`` is the time
        for the audit log in Unix seconds (None: now)."""
        return _lib.read_string(_lib.lib().baton_org_store_handover, _org(org)._live(),
                                self._live(), _at(at))


def _at(at: Optional[int]) -> int:
    return int(time.time()) if at is None else _lib.integer(at, ctypes.c_int64, "at")


def handover_book(org: Any) -> dict:
    """``org``'s handover book: the stored plans with their accounts, tasks and
    states, and the audit log (docs/handover.md, "The stored book")."""
    return json.loads(_lib.read_string(_lib.lib().baton_org_handover_book, _org(org)._live()))


def apply_stored_handover(org: Any, plan: str, at: Optional[int] = None) -> None:
    """Carries out the stored draft ``plan`` on ``org``, all or nothing."""
    _lib.check(_lib.lib().baton_org_apply_stored_handover(
        _org(org)._live(), _lib.encode(plan, "plan"), _at(at)))


def undo_stored_handover(org: Any, plan: str, at: Optional[int] = None) -> None:
    """Reverses the applied stored ``plan`` field by field."""
    _lib.check(_lib.lib().baton_org_undo_stored_handover(
        _org(org)._live(), _lib.encode(plan, "plan"), _at(at)))


def set_stored_task_status(org: Any, plan: str, task: str, status: str,
                           at: Optional[int] = None) -> None:
    """Marks ``task`` ("a0042/notify_customer") of the stored ``plan`` "open",
    "done" or "skipped"."""
    if status not in _hl.STATUSES:
        raise InvalidError("status must be one of %s, not %r" % (", ".join(_hl.STATUSES),
                                                                  status))
    _lib.check(_lib.lib().baton_org_set_stored_task_status(
        _org(org)._live(), _lib.encode(plan, "plan"), _lib.encode(task, "task"),
        _hl.STATUSES.index(status), _at(at)))


def _org(org: Any) -> Any:
    from .org import Org  # org imports this module's neighbours: import late

    if not isinstance(org, Org):
        raise TypeError("org must be a baton.Org, not %s" % type(org).__name__)
    return org


def plan_handover(org: Any, departures: Leavers, reassignment: Reassignment, today: DayLike,
                  model: Any = None) -> Handover:
    """The handover plan for the accounts ``departures`` own ({rep: last_day} or
    [(rep, last_day, to_competitor)]), with the successors of
    ``reassignment``, ordered by revenue at risk; ``model`` a
    baton.RiskModel (None: the default)."""
    from .risk import RiskModel

    org = _org(org)
    if not isinstance(reassignment, Reassignment):
        raise TypeError("reassignment must be a baton.Reassignment, not %s"
                        % type(reassignment).__name__)
    if model is not None and not isinstance(model, RiskModel):
        raise TypeError("model must be a baton.RiskModel or None, not %s" % type(model).__name__)
    items = _leavers(departures)
    day = to_day(today, "today")
    if day == _lib.NO_DAY:
        raise InvalidError("plan_handover: today: a day is required")
    n = len(items)
    ids = (ctypes.c_char_p * n)(*[_lib.encode(rep, "departures") for rep, _, _ in items])
    days = (ctypes.c_int32 * n)(*[d for _, d, _ in items])
    competitor = (ctypes.c_uint8 * n)(*[1 if c else 0 for _, _, c in items])
    options = _hl.HandoverOptions(version=_hl.HANDOVER_OPTIONS_VERSION, leavers=ids,
                                  last_days=days, to_competitor=competitor, leaver_count=n,
                                  today=day)
    handle = _hl.HandoverPtr()
    _lib.check(_lib.lib().baton_handover_plan(
        ctypes.byref(handle), org._live(), ctypes.byref(options), reassignment._live(),
        None if model is None else model._live()))
    return Handover(org, handle)
