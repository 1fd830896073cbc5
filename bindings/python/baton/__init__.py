"""Baton: keep customers when a sales rep leaves.

A ctypes binding of Baton's C library (libbaton.so); see baton._lib for
where the library is looked for. The library is loaded on first use.

    import baton

    with baton.Org.from_csv("examples/sample") as org:
        print(org.counts())
        print(org.owner_of(org.ids("account")[0]))
"""

from __future__ import annotations

from typing import Tuple

from . import _lib
from .assignment import AssignmentProblem, AssignmentSolution, evaluate, solve
from .batch import Batch
from .days import from_day, to_day
from .enums import (
    AccountRole,
    Attitude,
    Channel,
    ContactRole,
    DealStage,
    Depth,
    Kind,
    Severity,
)
from .errors import (
    BatonError,
    BatonIOError,
    BufferTooSmallError,
    CancelledError,
    ClosedError,
    CorruptError,
    ExistsError,
    InternalError,
    InvalidError,
    LibraryError,
    NotFoundError,
    OutOfMemoryError,
    ParseError,
    StateError,
)
from .handover import (
    AccountHandover,
    Handover,
    HandoverTask,
    apply_stored_handover,
    handover_book,
    plan_handover,
    set_stored_task_status,
    undo_stored_handover,
)
from .org import Account, Org, Rep
from .reassign import (
    AccountReassignment,
    Reassignment,
    RepLoad,
    apply_reassignment,
    reassign,
)
from .risk import (
    CalibrationBin,
    DepartureRisk,
    DepartureWhatIf,
    FitSummary,
    RepRisk,
    RiskExplanation,
    RiskFit,
    RiskModel,
    RiskScores,
    RiskTerms,
    TeamRisk,
    explain,
    fit_csv,
    fit_org,
    fit_table,
    score,
    what_if,
)

__version__ = "0.1.0"


def library_version() -> Tuple[int, int, int]:
    """The (major, minor, patch) version of the loaded libbaton.so."""
    number = _lib.lib().baton_version()
    return (number // 1000000, number // 1000 % 1000, number % 1000)


def library_path() -> str:
    """Where libbaton.so was loaded from."""
    return _lib.path()


__all__ = [
    "Account",
    "AccountHandover",
    "AccountReassignment",
    "AccountRole",
    "AssignmentProblem",
    "AssignmentSolution",
    "Attitude",
    "BatonError",
    "BatonIOError",
    "Batch",
    "BufferTooSmallError",
    "CalibrationBin",
    "CancelledError",
    "Channel",
    "ClosedError",
    "ContactRole",
    "CorruptError",
    "DealStage",
    "DepartureRisk",
    "DepartureWhatIf",
    "Depth",
    "ExistsError",
    "FitSummary",
    "Handover",
    "HandoverTask",
    "InternalError",
    "InvalidError",
    "Kind",
    "LibraryError",
    "NotFoundError",
    "Org",
    "OutOfMemoryError",
    "ParseError",
    "Reassignment",
    "Rep",
    "RepLoad",
    "RepRisk",
    "RiskExplanation",
    "RiskFit",
    "RiskModel",
    "RiskScores",
    "RiskTerms",
    "Severity",
    "StateError",
    "TeamRisk",
    "apply_reassignment",
    "apply_stored_handover",
    "evaluate",
    "explain",
    "fit_csv",
    "fit_org",
    "fit_table",
    "from_day",
    "handover_book",
    "library_path",
    "plan_handover",
    "library_version",
    "reassign",
    "score",
    "set_stored_task_status",
    "solve",
    "to_day",
    "undo_stored_handover",
    "what_if",
]
