"""Who takes over: reassigning accounts when reps leave, when accounts have no
owner, or when a team's book is rebalanced.

    with baton.Org.from_csv("examples/sample") as org:
        plan = baton.reassign(org, departing=["r007"], today="2026-11-01")
        for account in plan.accounts:
            print(account.account, account.from_rep, "->", account.to_rep,
                  account.reasons[0])
        org.apply_reassignment(plan)   # every owner change, all or nothing

A plan fits only the organisation it was made from, as it was: once the
organisation changes (also by applying the plan), applying it raises
StateError. Costs are in points (see baton.h, "Reassignment", or
include/baton/reassign.hpp for what each preference means).
"""

from __future__ import annotations

import ctypes
import operator
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _lib
from ._progress import Progress, ProgressRelay
from .days import DayLike, to_day
from ._handle import OwnedHandle
from .errors import ClosedError, InvalidError

#: Called with the share of work done in [0, 1]; returning False (or 0)
#: cancels the run, anything else (None included) lets it go on.

MODES = {
    "offboard": _lib.REASSIGN_OFFBOARD,
    "assign_unowned": _lib.REASSIGN_ASSIGN_UNOWNED,
    "rebalance": _lib.REASSIGN_REBALANCE,
}
ELIGIBILITY = {
    "same_team": _lib.ELIGIBLE_SAME_TEAM,
    "same_territory": _lib.ELIGIBLE_SAME_TERRITORY,
    "same_segment": _lib.ELIGIBLE_SAME_SEGMENT,
}
_UNASSIGNED = {
    _lib.UNASSIGNED_NONE: None,
    _lib.UNASSIGNED_NO_ELIGIBLE_REP: "no_eligible_rep",
    _lib.UNASSIGNED_CAPACITY_EXHAUSTED: "capacity_exhausted",
    _lib.UNASSIGNED_TIER_LIMIT: "tier_limit",
}
_OUTCOMES = {_lib.REASSIGN_OPTIMAL: "optimal", _lib.REASSIGN_FEASIBLE: "feasible"}
_INTEGER_PREFERENCES = (
    "move_cost",
    "max_candidates",
    "stranger_cost",
    "relationship_points",
    "recency_half_life_days",
    "account_team_points",
    "group_points",
    "territory_points",
    "segment_points",
    "team_points",
    "seniority_excess_points",
    "lambda_",
    "unassigned_points",
)
_REAL_PREFERENCES = ("key_player_factor", "value_per_point")
#: The keyword arguments of reassign() beyond the named ones: max_moves and
#: the preferences, with the library's defaults.
PREFERENCES = ("max_moves",) + _INTEGER_PREFERENCES + _REAL_PREFERENCES
_BALANCE = (
    "min_utilisation",
    "max_utilisation",
    "mean_utilisation",
    "stddev_utilisation",
    "max_min_ratio",
)


@dataclass(frozen=True)
class AccountReassignment:
    """One account of a plan.

    ``to_rep`` is the successor's id (== ``from_rep``: it stays), or None when
    nobody can take it; ``unassigned_reason`` then says why
    ("no_eligible_rep", "capacity_exhausted", "tier_limit"). ``cost`` holds
    the successor's cost terms in points (discounts negative) and their
    "total"; ``reasons`` explains the choice in words, strongest first.
    """

    account: str
    from_rep: Optional[str]
    to_rep: Optional[str]
    pinned: bool
    unassigned_reason: Optional[str]
    cost: Dict[str, int]
    reasons: List[str]


@dataclass(frozen=True)
class RepLoad:
    """A rep's load (the sum of tier load weights) before and after a plan."""

    rep: str
    before: int
    after: int
    capacity: int


class _Plan(OwnedHandle):
    """Owns the library's baton_reassignment handle."""

    _DESTROY = "baton_reassignment_destroy"

    def __init__(self, handle: _lib.ReassignmentPtr) -> None:
        self._handle = handle


@dataclass(frozen=True)
class Reassignment:
    """A reassignment plan, as plain values, and the library's plan to apply.

    ``outcome`` is "optimal" (proven over the candidates) or "feasible" (the
    lower bound says how far from optimal it can be). ``accounts`` are the
    accounts of the run in the organisation's index order; ``reps`` the reps
    who may take accounts and the departing reps. ``balance_before`` and
    ``balance_after`` hold the utilisation (load / capacity) statistics:
    min, max, mean, stddev and max/min ratio.

    The library's plan stays alive inside until close() (also on leaving a
    with block) or garbage collection; org.apply_reassignment needs it.
    """

    outcome: str
    objective: int
    lower_bound: int
    relative_gap: float
    moves: int
    unassigned: int
    accounts: List[AccountReassignment]
    reps: List[RepLoad]
    balance_before: Dict[str, float]
    balance_after: Dict[str, float]
    state_hash: int
    _plan: _Plan = field(repr=False, compare=False)

    @property
    def optimal(self) -> bool:
        return self.outcome == "optimal"

    def close(self) -> None:
        """Frees the library's plan; the values stay, applying it raises
        ClosedError. Idempotent."""
        self._plan.close()

    @property
    def closed(self) -> bool:
        return self._plan.closed

    def __enter__(self) -> "Reassignment":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def _live(self) -> _lib.ReassignmentPtr:
        if self._plan.closed:
            raise ClosedError("operation on a closed Reassignment")
        return self._plan._live()


def _one_or_many(values: Union[str, Iterable[str], None], what: str) -> List[str]:
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    items = list(values)
    for k, value in enumerate(items):
        if not isinstance(value, str):
            raise TypeError("%s[%d] must be a str, not %s" % (what, k, type(value).__name__))
    return items


def _strings(values: List[Optional[str]]) -> Any:
    return (ctypes.c_char_p * len(values))(
        *[None if value is None else value.encode("utf-8") for value in values]
    )


def _choice(value: Union[str, int], choices: Dict[str, int], what: str) -> int:
    if isinstance(value, str):
        if value not in choices:
            raise InvalidError(
                "%s: %r is not one of %s" % (what, value, ", ".join(sorted(choices)))
            )
        return choices[value]
    if isinstance(value, bool):
        raise TypeError("%s must be a str, not bool" % what)
    return operator.index(value)


def _eligibility(rules: Union[str, int, Iterable[str], None]) -> int:
    if rules is None:
        return 0
    if isinstance(rules, int) and not isinstance(rules, bool):
        return rules
    flags = 0
    for rule in _one_or_many(rules, "eligibility"):
        flags |= _choice(rule, ELIGIBILITY, "eligibility")
    return flags


def _integer(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise TypeError("%s must be an int, not bool" % what)
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError("%s must be an int, not %s" % (what, type(value).__name__)) from None


def _real(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("%s must be a number, not %s" % (what, type(value).__name__))
    return float(value)


def _options(
    mode: Union[str, int],
    departing: Union[str, Iterable[str]],
    today: DayLike,
    team: Optional[str],
    eligibility: Union[str, int, Iterable[str], None],
    excluded: Union[str, Iterable[str]],
    pins: Optional[Mapping[str, Optional[str]]],
    preferences: Dict[str, Any],
) -> tuple:
    """The C options, and the arrays they point into (kept alive by the caller)."""
    options = _lib.ReassignOptions()
    _lib.lib().baton_reassign_options_init(ctypes.byref(options))
    options.mode = _choice(mode, MODES, "mode")
    departing_ids = _strings(_one_or_many(departing, "departing"))
    options.departing = departing_ids
    options.departing_count = len(departing_ids)
    options.team = _lib.encode(team, "team")
    options.today = to_day(today, "today")
    options.eligibility = _eligibility(eligibility)
    excluded_ids = _strings(_one_or_many(excluded, "excluded"))
    options.excluded = excluded_ids
    options.excluded_count = len(excluded_ids)
    pins = dict(pins or {})
    for account, rep in pins.items():
        if not isinstance(account, str) or not (rep is None or isinstance(rep, str)):
            raise TypeError("pins maps account ids to rep ids (or None: stay with the owner)")
    pin_accounts = _strings(list(pins))
    pin_reps = _strings(list(pins.values()))
    options.pin_accounts = pin_accounts
    options.pin_reps = pin_reps
    options.pin_count = len(pins)
    for name, value in preferences.items():
        if name == "max_moves":
            options.max_moves = (
                -1 if value is None else _lib.integer(_integer(value, name), ctypes.c_int64, name)
            )
        elif name in _INTEGER_PREFERENCES:
            field = name.rstrip("_")
            ctype = dict(_lib.ReassignOptions._fields_)[field]
            setattr(options, field, _lib.integer(_integer(value, name), ctype, name))
        elif name in _REAL_PREFERENCES:
            setattr(options, name, _real(value, name))
        else:
            raise TypeError(
                "reassign() got an unexpected keyword argument %r (preferences: %s)"
                % (name, ", ".join(PREFERENCES))
            )
    return options, (departing_ids, excluded_ids, pin_accounts, pin_reps)


def _rep_loads(handle: _lib.ReassignmentPtr, ids: List[str]) -> List[RepLoad]:
    library = _lib.lib()
    count = len(ids)
    before = (ctypes.c_int64 * count)()
    after = (ctypes.c_int64 * count)()
    capacity = (ctypes.c_int64 * count)()
    needed = ctypes.c_size_t(0)
    _lib.check(
        library.baton_reassignment_rep_loads(
            None, before, after, capacity, count, ctypes.byref(needed), handle
        )
    )
    return [RepLoad(ids[k], before[k], after[k], capacity[k]) for k in range(count)]


def _account(handle: _lib.ReassignmentPtr, index: int) -> AccountReassignment:
    library = _lib.lib()
    info = _lib.AccountReassignment(version=_lib.ACCOUNT_REASSIGNMENT_VERSION)
    _lib.check(library.baton_reassignment_account(ctypes.byref(info), handle, index))
    from_rep = _lib.read_string(library.baton_reassignment_from_rep_id, handle, index)
    to_rep = _lib.read_string(library.baton_reassignment_to_rep_id, handle, index)
    return AccountReassignment(
        account=_lib.read_string(library.baton_reassignment_account_id, handle, index),
        from_rep=from_rep or None,
        to_rep=None if info.to == _lib.NO_INDEX else to_rep,
        pinned=bool(info.pinned),
        unassigned_reason=_UNASSIGNED.get(info.unassigned, "unknown"),
        cost={term: getattr(info, term) for term in _lib.COST_TERMS},
        reasons=[
            _lib.read_string(library.baton_reassignment_reason, handle, index, k)
            for k in range(info.reasons)
        ],
    )


def _balance(balance: _lib.LoadBalance) -> Dict[str, float]:
    return {name: getattr(balance, name) for name in _BALANCE}


def _read(handle: _lib.ReassignmentPtr) -> Reassignment:
    """The plan behind a handle, as Python values; the result owns the handle."""
    plan = _Plan(handle)
    try:
        return _values(plan)
    except BaseException:
        plan.close()
        raise


def _values(plan: _Plan) -> Reassignment:
    handle = plan._live()
    library = _lib.lib()
    summary = _lib.ReassignSummary(version=_lib.REASSIGN_SUMMARY_VERSION)
    _lib.check(library.baton_reassignment_summary(ctypes.byref(summary), handle))
    rep_ids = [
        _lib.read_string(library.baton_reassignment_rep_id, handle, k)
        for k in range(summary.reps)
    ]
    return Reassignment(
        outcome=_OUTCOMES[summary.outcome],
        objective=summary.objective,
        lower_bound=summary.lower_bound,
        relative_gap=summary.relative_gap,
        moves=summary.moves,
        unassigned=summary.unassigned,
        accounts=[_account(handle, i) for i in range(summary.accounts)],
        reps=_rep_loads(handle, rep_ids),
        balance_before=_balance(summary.before),
        balance_after=_balance(summary.after),
        state_hash=summary.state_hash,
        _plan=plan,
    )


def reassign(
    org: Any,
    mode: Union[str, int] = "offboard",
    departing: Union[str, Iterable[str]] = (),
    today: DayLike = None,
    team: Optional[str] = None,
    eligibility: Union[str, int, Iterable[str], None] = (),
    excluded: Union[str, Iterable[str]] = (),
    pins: Optional[Mapping[str, Optional[str]]] = None,
    progress: Optional[Progress] = None,
    **preferences: Any,
) -> Reassignment:
    """Plans who takes over which accounts. Deterministic.

    ``mode``: "offboard" (the accounts of the ``departing`` reps; none
    listed: of every departed rep who still owns accounts), "assign_unowned"
    (the accounts nobody owns) or "rebalance" (the accounts of ``team``'s
    active reps, or everyone's, each free to stay or to move at move_cost).
    ``today`` (a date, "YYYY-MM-DD" or days since 1970-01-01) is required.
    ``eligibility``: any of "same_team", "same_territory", "same_segment".
    ``excluded``: rep ids who take nothing. ``pins``: account id -> rep id,
    or None to keep the account with its owner. ``preferences``: max_moves
    (None: no limit) and the points of baton.h's baton_reassign_options
    (``lambda_`` for lambda).

    ``progress``, if given, is called from this thread with the share of work
    done; returning False cancels the run (CancelledError), an exception it
    raises cancels the run and propagates. Bad options raise InvalidError
    naming the option ("reassign options: departing: unknown rep r9").
    """
    from .org import Org

    if not isinstance(org, Org):
        raise TypeError("reassign takes a baton.Org, not %s" % type(org).__name__)
    options, keep_alive = _options(
        mode, departing, today, team, eligibility, excluded, pins, preferences
    )
    relay = ProgressRelay(progress)
    handle = _lib.ReassignmentPtr()
    rc = _lib.lib().baton_reassign(
        ctypes.byref(handle), org._live(), ctypes.byref(options), relay.callback, None
    )
    del keep_alive
    if relay.raised:
        if rc == _lib.OK:  # only if the library ignored the cancel
            _lib.lib().baton_reassignment_destroy(handle)
        raise relay.raised[0]
    _lib.check(rc)
    return _read(handle)


def apply_reassignment(org: Any, plan: Reassignment) -> None:
    """Applies a plan's owner changes to the organisation it was made from,
    all or nothing. Raises StateError if the organisation has changed since
    (applying a plan changes it, so a plan applies once)."""
    from .org import Org

    if not isinstance(org, Org):
        raise TypeError("apply_reassignment takes a baton.Org, not %s" % type(org).__name__)
    if not isinstance(plan, Reassignment):
        raise TypeError(
            "apply_reassignment takes a baton.Reassignment, not %s" % type(plan).__name__
        )
    _lib.check(_lib.lib().baton_org_apply_reassignment(org._live(), plan._live()))

