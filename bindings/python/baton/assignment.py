"""The assignment problem behind every reassignment, usable on its own.

Accounts carry a load weight and a penalty for staying unassigned; reps carry
an existing load, a capacity and a load cost ``lambda * load**2``; arcs say
which rep may take which account, at what cost. A plan gives each account at
most one rep along one of its arcs, within every rep's capacity, and costs
the arcs chosen, plus the load cost added, plus the penalties of the accounts
left out. docs/assignment-format.md has the CSV format and every limit.

    problem = baton.AssignmentProblem.from_arrays(
        rep_ids=["r0", "r1"], capacity=[2, 3], load=[0, 1], lambda_=[5, 5],
        account_ids=["acme", "globex"], unassigned_penalty=[1000, 1000],
        arc_account=[0, 0, 1], arc_rep=[0, 1, 1], arc_cost=[10, 30, 20])
    solution = baton.solve(problem)
    solution.objective, solution.rep_of     # (..., [0, 1])

Reps, accounts and arcs are addressed by their indices in the order given.
"""

from __future__ import annotations

import ctypes
import math
import operator
import os
import struct
import sys
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from . import _lib
from ._progress import Progress, ProgressRelay
from ._handle import OwnedHandle
from .errors import InvalidError

PathLike = Union[str, "os.PathLike[str]"]
#: Called with the share of work done in [0, 1]; returning False (or 0)
#: cancels the run, anything else (None included) lets it go on.

_OUTCOMES = {
    _lib.ASSIGNMENT_OPTIMAL: "optimal",
    _lib.ASSIGNMENT_FEASIBLE: "feasible",
    _lib.ASSIGNMENT_EVALUATED: "evaluated",
}


@dataclass(frozen=True)
class AssignmentSolution:
    """A plan and what it costs.

    ``outcome`` is "optimal" (proven: the objective equals the lower bound),
    "feasible" (a valid plan; the lower bound says how far from optimal it
    can be) or "evaluated" (a plan given to evaluate(), with no bound).
    ``rep_of[i]`` is the rep index given to account ``i``, or None;
    ``added_load[j]`` the load the plan adds to rep ``j``.
    """

    outcome: str
    objective: int
    arc_cost: int
    load_cost: int
    penalty_cost: int
    lower_bound: Optional[int]
    relative_gap: Optional[float]
    rep_of: List[Optional[int]]
    added_load: List[int]

    @property
    def optimal(self) -> bool:
        return self.outcome == "optimal"


def _formats(ctype: Any) -> set:
    """The struct format characters of native integers the size of ctype."""
    signed = ctype(-1).value == -1
    letters = "bhilq" if signed else "BHILQ"
    return {c for c in letters if struct.calcsize(c) == ctypes.sizeof(ctype)}


_INT64 = (ctypes.c_int64, -(2**63), 2**63 - 1, "int64")
_UINT32 = (ctypes.c_uint32, 0, 2**32 - 1, "uint32")
_NATIVE_ORDER = {"@", "=", "<" if sys.byteorder == "little" else ">"}


def _from_buffer(values: Any, ctype: Any) -> Optional[Any]:
    """A copy of a buffer (array.array, numpy array) of exactly ctype's
    native layout, or None if values is not one."""
    try:
        view = memoryview(values)
    except TypeError:
        return None
    code = view.format
    if len(code) == 2 and code[0] in _NATIVE_ORDER:
        code = code[1]
    if view.ndim != 1 or not view.c_contiguous or code not in _formats(ctype):
        return None
    return (ctype * len(view)).from_buffer_copy(view)


def _array(values: Any, kind: tuple, what: str, count: Optional[int]) -> Any:
    """A ctypes array of a sequence of ints; None stays None (the library's
    default). Checks the type, range and (if given) number of the values."""
    if values is None:
        return None
    ctype, low, high, type_name = kind
    array = _from_buffer(values, ctype)
    if array is None:
        items = list(values)
        for k, value in enumerate(items):
            if isinstance(value, bool):
                raise TypeError("%s[%d] must be an int, not bool" % (what, k))
            try:
                items[k] = operator.index(value)
            except TypeError:
                raise TypeError(
                    "%s[%d] must be an int, not %s" % (what, k, type(value).__name__)
                ) from None
            if not low <= items[k] <= high:
                raise InvalidError(
                    "%s[%d]: %d is out of range for %s" % (what, k, items[k], type_name)
                )
        array = (ctype * len(items))(*items)
    if count is not None and len(array) != count:
        raise InvalidError("%s has %d entries for %d ids" % (what, len(array), count))
    return array


def _ids(ids: Iterable[str], what: str) -> Any:
    encoded = []
    for k, id in enumerate(ids):
        if not isinstance(id, str):
            raise TypeError("%s[%d] must be a str, not %s" % (what, k, type(id).__name__))
        encoded.append(id.encode("utf-8"))
    return (ctypes.c_char_p * len(encoded))(*encoded)


def _path(path: PathLike) -> bytes:
    return _lib.encode(os.fspath(path), "directory")


class AssignmentProblem(OwnedHandle):
    """An assignment problem: reps, accounts and the arcs between them.

    Build one empty and set its reps, accounts and arcs (each set_ call
    replaces the whole list and returns the problem, so calls chain), or use
    from_arrays or from_csv. Values are checked by validate(), solve() and
    write_csv(), which name the first bad item.

    Read-only methods may run from several threads at once; set_ methods and
    close need the problem to themselves. close() frees the library's memory
    at once (also on leaving a with block); the garbage collector does it
    otherwise.
    """

    _DESTROY = "baton_assignment_problem_destroy"


    def __init__(self) -> None:
        self._handle: Optional[_lib.AssignmentProblemPtr] = None
        handle = _lib.AssignmentProblemPtr()
        _lib.check(_lib.lib().baton_assignment_problem_create(ctypes.byref(handle)))
        self._handle = handle

    @classmethod
    def from_csv(cls, directory: PathLike) -> "AssignmentProblem":
        """Reads reps.csv, accounts.csv and arcs.csv from a directory. Errors
        name file:line:column (ParseError); a missing directory or file
        raises NotFoundError."""
        handle = _lib.AssignmentProblemPtr()
        _lib.check(
            _lib.lib().baton_assignment_problem_read_csv(ctypes.byref(handle), _path(directory))
        )
        problem = cls.__new__(cls)
        problem._handle = handle
        return problem

    @classmethod
    def from_arrays(
        cls,
        *,
        rep_ids: Sequence[str],
        capacity: Sequence[int],
        account_ids: Sequence[str],
        arc_account: Sequence[int],
        arc_rep: Sequence[int],
        arc_cost: Sequence[int],
        load: Optional[Sequence[int]] = None,
        lambda_: Optional[Sequence[int]] = None,
        weight: Optional[Sequence[int]] = None,
        unassigned_penalty: Optional[Sequence[int]] = None,
    ) -> "AssignmentProblem":
        """A problem from parallel lists (or arrays) of reps, accounts and
        arcs; see set_reps, set_accounts and set_arcs."""
        problem = cls()
        try:
            problem.set_reps(rep_ids, capacity, load=load, lambda_=lambda_)
            problem.set_accounts(account_ids, weight=weight, unassigned_penalty=unassigned_penalty)
            problem.set_arcs(arc_account, arc_rep, arc_cost)
        except BaseException:
            problem.close()
            raise
        return problem

    def __repr__(self) -> str:
        if self.closed:
            return "<baton.AssignmentProblem closed>"
        counts = self.counts()
        return "<baton.AssignmentProblem with %d reps, %d accounts, %d arcs>" % (
            counts["reps"],
            counts["accounts"],
            counts["arcs"],
        )

    # ---- contents ------------------------------------------------------------

    def set_reps(
        self,
        ids: Sequence[str],
        capacity: Sequence[int],
        *,
        load: Optional[Sequence[int]] = None,
        lambda_: Optional[Sequence[int]] = None,
    ) -> "AssignmentProblem":
        """Replaces every rep: their ids, capacities (the most load each may
        carry), loads carried before the plan (default 0) and load-cost
        factors lambda (default 0)."""
        ids = _ids(ids, "ids")
        n = len(ids)
        capacity = _array(capacity, _INT64, "capacity", n)
        load = _array(load, _INT64, "load", n)
        lambda_ = _array(lambda_, _INT64, "lambda_", n)
        _lib.check(
            _lib.lib().baton_assignment_problem_set_reps(self._live(), ids, load, capacity,
                                                         lambda_, n)
        )
        return self

    def set_accounts(
        self,
        ids: Sequence[str],
        *,
        weight: Optional[Sequence[int]] = None,
        unassigned_penalty: Optional[Sequence[int]] = None,
    ) -> "AssignmentProblem":
        """Replaces every account: their ids, load weights (default 1) and
        penalties for staying unassigned (default 0)."""
        ids = _ids(ids, "ids")
        n = len(ids)
        weight = _array(weight, _INT64, "weight", n)
        penalty = _array(unassigned_penalty, _INT64, "unassigned_penalty", n)
        _lib.check(
            _lib.lib().baton_assignment_problem_set_accounts(self._live(), ids, weight, penalty, n)
        )
        return self

    def set_arcs(
        self, account: Sequence[int], rep: Sequence[int], cost: Sequence[int]
    ) -> "AssignmentProblem":
        """Replaces every arc: arc k lets rep index rep[k] take account index
        account[k] at cost cost[k]."""
        account = _array(account, _UINT32, "account", None)
        n = len(account)
        rep = _array(rep, _UINT32, "rep", None)
        cost = _array(cost, _INT64, "cost", None)
        for name, array in (("rep", rep), ("cost", cost)):
            if len(array) != n:
                raise InvalidError("%s has %d entries for %d arcs" % (name, len(array), n))
        _lib.check(
            _lib.lib().baton_assignment_problem_set_arcs(self._live(), account, rep, cost, n)
        )
        return self

    def counts(self) -> Dict[str, int]:
        """The numbers of reps, accounts and arcs: {"reps": 3, ...}."""
        reps, accounts, arcs = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_size_t()
        _lib.check(
            _lib.lib().baton_assignment_problem_counts(
                ctypes.byref(reps), ctypes.byref(accounts), ctypes.byref(arcs), self._live()
            )
        )
        return {"reps": reps.value, "accounts": accounts.value, "arcs": arcs.value}

    def rep_ids(self) -> List[str]:
        """The ids of the reps, in index order."""
        function = _lib.lib().baton_assignment_problem_rep_id
        handle = self._live()
        return [_lib.read_string(function, handle, k) for k in range(self.counts()["reps"])]

    def account_ids(self) -> List[str]:
        """The ids of the accounts, in index order."""
        function = _lib.lib().baton_assignment_problem_account_id
        handle = self._live()
        return [_lib.read_string(function, handle, k) for k in range(self.counts()["accounts"])]

    # ---- checks, files, solving ----------------------------------------------

    def validate(self) -> None:
        """Raises InvalidError naming the first bad item ("rep r2: capacity:
        -5 is negative"); returns None for a valid problem."""
        _lib.check(_lib.lib().baton_assignment_problem_validate(self._live()))

    def write_csv(self, directory: PathLike) -> None:
        """Writes reps.csv, accounts.csv and arcs.csv into a directory
        (created if missing), as from_csv reads them. An invalid problem is
        not written (InvalidError)."""
        _lib.check(_lib.lib().baton_assignment_problem_write_csv(self._live(), _path(directory)))

    def solve(self, progress: Optional[Progress] = None) -> AssignmentSolution:
        """solve(self, progress)."""
        return solve(self, progress)

    def evaluate(self, rep_of: Sequence[Optional[int]]) -> AssignmentSolution:
        """evaluate(self, rep_of)."""
        return evaluate(self, rep_of)


def _problem(problem: Any) -> _lib.AssignmentProblemPtr:
    if not isinstance(problem, AssignmentProblem):
        raise TypeError("expected a baton.AssignmentProblem, not %s" % type(problem).__name__)
    return problem._live()


def _read(handle: _lib.AssignmentSolutionPtr) -> AssignmentSolution:
    """The solution behind a handle, as Python objects; frees the handle."""
    library = _lib.lib()
    try:
        summary = _lib.AssignmentSummary(version=_lib.ASSIGNMENT_SUMMARY_VERSION)
        _lib.check(library.baton_assignment_solution_summary(ctypes.byref(summary), handle))
        rep_of = _lib.read_array(library.baton_assignment_solution_rep_of, ctypes.c_uint32, handle)
        added = _lib.read_array(
            library.baton_assignment_solution_added_load, ctypes.c_int64, handle
        )
    finally:
        library.baton_assignment_solution_destroy(handle)
    unassigned = _lib.ASSIGNMENT_UNASSIGNED
    return AssignmentSolution(
        outcome=_OUTCOMES[summary.outcome],
        objective=summary.objective,
        arc_cost=summary.arc_cost,
        load_cost=summary.load_cost,
        penalty_cost=summary.penalty_cost,
        lower_bound=None
        if summary.lower_bound == _lib.ASSIGNMENT_NO_BOUND
        else summary.lower_bound,
        relative_gap=None if math.isnan(summary.relative_gap) else summary.relative_gap,
        rep_of=[None if rep == unassigned else rep for rep in rep_of],
        added_load=added,
    )


def solve(problem: AssignmentProblem, progress: Optional[Progress] = None) -> AssignmentSolution:
    """Solves an assignment problem. Deterministic; with every weight 1 the
    plan is optimal, otherwise feasible with a lower bound.

    ``progress``, if given, is called now and then from this thread with the
    share of work done in [0, 1]. Returning False (or 0) cancels the run,
    which raises CancelledError; an exception it raises cancels the run and
    propagates. The problem must not be changed or closed meanwhile.
    Raises InvalidError naming the first bad item of an invalid problem.
    """
    handle = _problem(problem)
    relay = ProgressRelay(progress)
    solution = _lib.AssignmentSolutionPtr()
    rc = _lib.lib().baton_assignment_solve(ctypes.byref(solution), handle, relay.callback, None)
    if relay.raised:
        if rc == _lib.OK:  # only if the library ignored the cancel
            _lib.lib().baton_assignment_solution_destroy(solution)
        raise relay.raised[0]
    _lib.check(rc)
    return _read(solution)


def evaluate(problem: AssignmentProblem, rep_of: Sequence[Optional[int]]) -> AssignmentSolution:
    """What a plan of the caller's costs: ``rep_of[i]`` is the rep index for
    account ``i``, or None. The result's outcome is "evaluated", with no
    lower bound or gap. A plan that gives an account a rep it has no arc to,
    or loads a rep beyond its capacity, raises StateError naming it."""
    handle = _problem(problem)
    unassigned = _lib.ASSIGNMENT_UNASSIGNED
    plan = _array(
        [unassigned if rep is None else rep for rep in rep_of], _UINT32, "rep_of", None
    )
    solution = _lib.AssignmentSolutionPtr()
    _lib.check(
        _lib.lib().baton_assignment_evaluate(ctypes.byref(solution), handle, plan, len(plan))
    )
    return _read(solution)
