"""Churn risk: the probability that an account lapses, with its reasons, the
revenue at risk per account, rep and team, what departures do to it, and
fitting models to a company's own history.

    with baton.Org.from_csv("examples/sample") as org:
        scores = baton.score(org, as_of="2026-11-01")     # the default model
        scores.total_value_at_risk, scores.reps[0].sole_value
        why = baton.explain(org, "a0001", as_of="2026-11-01")
        why.risk, why.reasons                             # ["renewal in 21 days", ...]
        change = baton.what_if(org, ["r007"], as_of="2026-11-01", plan=plan)

    fit = baton.fit_csv("history.csv", numeric=["tenure"], categorical=["plan"],
                        outcome="churned", positive="yes")
    fit.summary.mean_fold_auc, fit.model.weights

Risk = logistic(bias + sum of weight * (feature - centre) / scale) over the
model's features: Baton's built-in account features ("owner_share", ...) and
"signal:<name>" features whose values the caller passes per account
(``signals={"usage": [...]}``). Scores and fits are deterministic; numpy is
used when it is importable (``scores.risk_array()``), never required.

Dates (``as_of``) are datetime.date, "YYYY-MM-DD" or days since 1970-01-01,
as everywhere in the package.
"""

from __future__ import annotations

import ctypes
import numbers
import operator
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _lib
from . import _risk_lib as _rl
from ._handle import OwnedHandle
from .days import DayLike, to_day
from .enums import Kind
from .errors import InvalidError

PathLike = Union[str, bytes, "os.PathLike[str]"]
Ids = Union[str, Iterable[str]]

_INT32 = (-(2**31), 2**31 - 1)
_NATIVE_ORDER = {"@", "=", "<" if sys.byteorder == "little" else ">"}


# ---- checking and converting arguments --------------------------------------


def _text(value: Any, what: str) -> bytes:
    """A str as the NUL-free UTF-8 a C string takes."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise InvalidError("%s: contains a NUL character" % what)
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as error:
        # Only lone surrogates get here: a str that is not Unicode text.
        raise InvalidError("%s: not valid Unicode text (%s)" % (what, error.reason)) from None


def _names(values: Ids, what: str) -> List[str]:
    """A list of ids or names; a single str is one of them."""
    if isinstance(values, str):
        return [values]
    if isinstance(values, (bytes, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(
            "%s must be a str or an iterable of str, not %s" % (what, type(values).__name__)
        )
    items = list(values)
    for k, value in enumerate(items):
        if not isinstance(value, str):
            raise TypeError("%s[%d] must be a str, not %s" % (what, k, type(value).__name__))
    return items


def _c_strings(values: Sequence[Optional[str]], what: str) -> Any:
    """A const char *[] of strings (None stays NULL)."""
    encoded = [
        None if value is None else _text(value, "%s[%d]" % (what, k))
        for k, value in enumerate(values)
    ]
    return (ctypes.c_char_p * len(encoded))(*encoded)


def _path(path: PathLike, what: str = "path") -> bytes:
    try:
        path = os.fspath(path)
    except TypeError:
        raise TypeError(
            "%s must be a str, bytes or os.PathLike, not %s" % (what, type(path).__name__)
        ) from None
    if isinstance(path, bytes):
        if b"\0" in path:
            raise InvalidError("%s: contains a NUL byte" % what)
        return path
    return _text(path, what)


def _integer(value: Any, what: str, low: int = _INT32[0], high: int = _INT32[1]) -> int:
    if isinstance(value, bool):
        raise TypeError("%s must be an int, not bool" % what)
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError("%s must be an int, not %s" % (what, type(value).__name__)) from None
    if not low <= number <= high:
        raise InvalidError("%s: %d is out of range (%d to %d)" % (what, number, low, high))
    return number


def _real(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a number, not %s" % (what, type(value).__name__))
    return float(value)


def _flag(value: Any, what: str) -> int:
    """0 or 1 from a bool, or from a number equal to 0 or 1."""
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, numbers.Real):
        raise TypeError("%s must be a bool or 0/1, not %s" % (what, type(value).__name__))
    if value == 1:
        return 1
    if value == 0:
        return 0
    raise InvalidError("%s: %r is neither 0 nor 1" % (what, value))


def _day(value: DayLike, what: str) -> int:
    day = to_day(value, what)
    if day == _lib.NO_DAY:
        raise InvalidError("%s: a day is required" % what)
    return _integer(day, what)


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        raise ImportError("this needs numpy (python3-numpy); the list attributes do not") from None
    return numpy


def _native_view(values: Any, formats: str) -> Optional[memoryview]:
    """A C-contiguous memoryview of values if it is a buffer (numpy array,
    array.array) of one of the native struct formats given, else None."""
    try:
        view = memoryview(values)
    except TypeError:
        return None
    code = view.format
    if len(code) == 2 and code[0] in _NATIVE_ORDER:
        code = code[1]
    if code not in formats or not view.c_contiguous:
        return None
    return view


def _as_numpy(values: Any) -> Optional[Any]:
    """values as a numpy array if it already is one (numpy imported), else None."""
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(values, numpy.ndarray):
        return values
    return None


def _doubles(values: Any, what: str, count: Optional[int] = None) -> Any:
    """A c_double array of a sequence of numbers (or a float64 buffer, copied
    at C speed). NaN passes, for the library to name the account or row."""
    if isinstance(values, (str, bytes, Mapping)):
        raise TypeError("%s must be a sequence of numbers, not %s" % (what, type(values).__name__))
    array = _as_numpy(values)
    if array is not None and array.ndim == 1 and array.dtype.kind in "biuf":
        values = array.astype("float64", copy=False)
    view = _native_view(values, "d")
    if view is not None and view.ndim == 1:
        out = (ctypes.c_double * len(view)).from_buffer_copy(view)
    else:
        if not isinstance(values, Iterable):
            raise TypeError(
                "%s must be a sequence of numbers, not %s" % (what, type(values).__name__)
            )
        items = [_real(value, "%s[%d]" % (what, k)) for k, value in enumerate(values)]
        out = (ctypes.c_double * len(items))(*items)
    if count is not None and len(out) != count:
        raise InvalidError("%s: %d values where %d are needed" % (what, len(out), count))
    return out


def _outcomes(values: Any, what: str, count: Optional[int]) -> Any:
    """A uint8_t array of 0/1 outcomes from bools, 0/1 numbers or a numpy array."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise TypeError("%s must be a sequence of 0/1 or bools, not %s"
                        % (what, type(values).__name__))
    array = _as_numpy(values)
    if array is not None and array.ndim == 1 and array.dtype.kind in "biuf":
        bad = ((array != 0) & (array != 1)).nonzero()[0]
        if len(bad):
            raise InvalidError("%s[%d]: %r is neither 0 nor 1" % (what, bad[0], array[bad[0]]))
        values = array.astype("uint8")
    view = _native_view(values, "?B")
    if view is not None and view.ndim == 1:
        # Bytes above 1 are refused by the library, naming the row.
        out = (ctypes.c_uint8 * len(view)).from_buffer_copy(view)
    else:
        items = [_flag(value, "%s[%d]" % (what, k)) for k, value in enumerate(values)]
        out = (ctypes.c_uint8 * len(items))(*items)
    if count is not None and len(out) != count:
        raise InvalidError("%s: %d outcomes for %d rows" % (what, len(out), count))
    return out


def _feature_names(names: List[str], what: str) -> List[str]:
    """Names a fitted model can carry: one line each, no leading or trailing
    space, none twice. The library's fit does not check them, and a model
    with such a name cannot be saved (a newline would even change the text
    form into another model), so they are refused here."""
    seen = set()
    for k, name in enumerate(names):
        if not name or name != name.strip(" ") or "\n" in name or "\r" in name:
            raise InvalidError(
                "%s[%d]: %r: a name must be one line without leading or trailing spaces"
                % (what, k, name)
            )
        if name in seen:
            raise InvalidError("%s[%d]: %r is listed twice" % (what, k, name))
        seen.add(name)
    return names


def _org(org: Any, function: str) -> Any:
    from .org import Org

    if not isinstance(org, Org):
        raise TypeError("%s takes a baton.Org, not %s" % (function, type(org).__name__))
    return org


# ---- models -----------------------------------------------------------------


@dataclass(frozen=True)
class RiskTerms:
    """A model's terms: per feature its centre, scale (> 0) and weight (per
    standardised unit), entry k of each list belonging to features[k]."""

    features: List[str]
    centre: List[float]
    scale: List[float]
    weight: List[float]
    bias: float


class RiskModel(OwnedHandle):
    """A logistic risk model over named features.

    Make one with default() (every built-in feature with documented weights,
    so Baton scores out of the box), load() or from_text() (the text form of
    docs/risk.md), from_terms(), or take one from a fit (RiskFit.model).
    Models pickle through their text form, which round-trips exactly.

    A model is read-only: several threads may score with it at once. close()
    frees the library's memory at once (also on leaving a with block).
    """

    _DESTROY = "baton_risk_model_destroy"

    def __init__(self) -> None:
        raise TypeError(
            "make a RiskModel with RiskModel.default(), .load(), .from_text() or .from_terms()"
        )

    @classmethod
    def _adopt(cls, handle: _rl.RiskModelPtr) -> "RiskModel":
        model = cls.__new__(cls)
        model._handle = handle
        return model

    @classmethod
    def default(cls) -> "RiskModel":
        """Every built-in account feature with the documented weights."""
        handle = _rl.RiskModelPtr()
        _lib.check(_lib.lib().baton_risk_model_default(ctypes.byref(handle)))
        return cls._adopt(handle)

    @classmethod
    def _loaded(cls, function: str, source: bytes, expected_features: Optional[Ids]) -> "RiskModel":
        """A model from one of the library's loaders (text, file, snapshot)."""
        expected = _expected(expected_features)
        handle = _rl.RiskModelPtr()
        _lib.check(
            getattr(_lib.lib(), function)(
                ctypes.byref(handle), source, expected, len(expected) if expected else 0
            )
        )
        return cls._adopt(handle)

    @classmethod
    def from_text(cls, text: str, expected_features: Optional[Ids] = None) -> "RiskModel":
        """A model from its text form. With ``expected_features``, a model for
        other features (or in another order) is refused, naming the first
        difference (InvalidError); so is a malformed line, by its number."""
        return cls._loaded("baton_risk_model_from_text", _text(text, "text"), expected_features)

    @classmethod
    def load(cls, path: PathLike, expected_features: Optional[Ids] = None) -> "RiskModel":
        """A model from a file written by save() (NotFoundError if missing);
        ``expected_features`` as in from_text()."""
        return cls._loaded("baton_risk_model_load", _path(path), expected_features)

    @classmethod
    def from_snapshot(
        cls, path: PathLike, expected_features: Optional[Ids] = None
    ) -> "RiskModel":
        """The model an organisation's snapshot carries (Org.save(path,
        risk_model=...)); NotFoundError if it carries none."""
        return cls._loaded("baton_risk_model_from_snapshot", _path(path), expected_features)

    @classmethod
    def from_terms(
        cls,
        features: Ids,
        weight: Sequence[float],
        bias: float = 0.0,
        centre: Optional[Sequence[float]] = None,
        scale: Optional[Sequence[float]] = None,
    ) -> "RiskModel":
        """A model from its terms (centre 0 and scale 1 by default), checked
        by the library as a loaded one is."""
        names = _feature_names(_names(features, "features"), "features")
        n = len(names)
        columns = {
            "weight": list(_doubles(weight, "weight", n)),
            "centre": [0.0] * n if centre is None else list(_doubles(centre, "centre", n)),
            "scale": [1.0] * n if scale is None else list(_doubles(scale, "scale", n)),
        }
        lines = ["baton-risk-model 1", "bias %r" % _real(bias, "bias")]
        for k, name in enumerate(names):
            lines.append(
                "feature %r %r %r %s"
                % (columns["centre"][k], columns["scale"][k], columns["weight"][k], name)
            )
        return cls.from_text("\n".join(lines) + "\n")

    def save(self, path: PathLike) -> None:
        """Writes the text form to a file, atomically."""
        _lib.check(_lib.lib().baton_risk_model_save(self._live(), _path(path)))

    def to_text(self) -> str:
        """The text form ("baton-risk-model 1", a bias line, a line per feature)."""
        return _lib.read_string(_lib.lib().baton_risk_model_to_text, self._live())

    @property
    def features(self) -> List[str]:
        """The feature names, in the model's order."""
        return self.terms.features

    @property
    def terms(self) -> RiskTerms:
        """Centre, scale and weight per feature, and the bias."""
        library = _lib.lib()
        handle = self._live()
        n = _size(library.baton_risk_model_terms, 3, None, handle)
        centre, scale, weight = [(ctypes.c_double * n)() for _ in range(3)]
        bias = ctypes.c_double(0)
        needed = ctypes.c_size_t(0)
        _lib.check(
            library.baton_risk_model_terms(
                centre, scale, weight, n, ctypes.byref(needed), ctypes.byref(bias), handle
            )
        )
        feature = library.baton_risk_model_feature
        features = [_lib.read_string(feature, handle, k) for k in range(n)]
        return RiskTerms(features, list(centre), list(scale), list(weight), bias.value)

    @property
    def weights(self) -> Dict[str, float]:
        """Feature name -> weight (per standardised unit)."""
        terms = self.terms
        return dict(zip(terms.features, terms.weight))

    @property
    def bias(self) -> float:
        return self.terms.bias

    def __len__(self) -> int:
        return _size(_lib.lib().baton_risk_model_terms, 3, None, self._live())

    def __repr__(self) -> str:
        if self.closed:
            return "<baton.RiskModel closed>"
        return "<baton.RiskModel with %d features>" % len(self)

    def __getstate__(self) -> str:
        return self.to_text()

    def __setstate__(self, text: str) -> None:
        handle = _rl.RiskModelPtr()
        text_bytes = _text(text, "text")
        _lib.check(
            _lib.lib().baton_risk_model_from_text(ctypes.byref(handle), text_bytes, None, 0)
        )
        self._handle = handle


def _expected(features: Optional[Ids]) -> Optional[Any]:
    if features is None:
        return None
    return _c_strings(_names(features, "expected_features"), "expected_features")


def _size(function: Any, arrays: int, *args: Any) -> int:
    """The element count an (arrays..., cap, needed, *args) accessor reports
    when asked with NULL arrays and cap 0."""
    needed = ctypes.c_size_t(0)
    rc = function(*([None] * arrays), 0, ctypes.byref(needed), *args)
    if rc != _lib.EBUFS:
        _lib.check(rc)
    return needed.value


def _model(model: Optional[RiskModel]) -> Tuple[RiskModel, bool]:
    """The model to use and whether it is ours to close (the default)."""
    if model is None:
        return RiskModel.default(), True
    if not isinstance(model, RiskModel):
        raise TypeError("model must be a baton.RiskModel, not %s" % type(model).__name__)
    return model, False


# ---- the scenario (baton_risk_options) --------------------------------------


def _scenario(
    org: Any,
    as_of: DayLike,
    leavers: Ids,
    to_competitor: Union[bool, Sequence[bool]],
    new_owners: Optional[Mapping[str, Optional[str]]],
    signals: Optional[Mapping[str, Any]],
    reasons: int,
    threads: int,
) -> Tuple[Any, list]:
    """The C options, and the arrays they point into (keep them alive)."""
    options = _rl.RiskOptions(version=_rl.RISK_OPTIONS_VERSION)
    options.as_of = _day(as_of, "as_of")
    leaver_ids = _names(leavers, "leavers")
    if isinstance(to_competitor, (bool, str, bytes)) or not isinstance(to_competitor, Iterable):
        flags = [_flag(to_competitor, "to_competitor")] * len(leaver_ids)
    else:
        flags = [_flag(v, "to_competitor[%d]" % k) for k, v in enumerate(to_competitor)]
        if len(flags) != len(leaver_ids):
            raise InvalidError(
                "to_competitor: %d entries for %d leavers" % (len(flags), len(leaver_ids))
            )
    leaver_array = _c_strings(leaver_ids, "leavers")
    flag_array = (ctypes.c_uint8 * len(flags))(*flags)
    options.leavers, options.to_competitor = leaver_array, flag_array
    options.leaver_count = len(leaver_ids)

    owners = {} if new_owners is None else new_owners
    if not isinstance(owners, Mapping):
        raise TypeError(
            "new_owners must map account ids to rep ids, not %s" % type(owners).__name__
        )
    for account, rep in owners.items():
        if not isinstance(account, str) or not (rep is None or isinstance(rep, str)):
            raise TypeError("new_owners maps account ids (str) to rep ids (str, or None: nobody)")
    owner_accounts = _c_strings(list(owners), "new_owners")
    owner_reps = _c_strings(list(owners.values()), "new_owners values")
    options.owner_accounts, options.owner_reps = owner_accounts, owner_reps
    options.owner_count = len(owners)

    signal_map = {} if signals is None else signals
    if not isinstance(signal_map, Mapping):
        raise TypeError("signals must map names to per-account values, not %s"
                        % type(signal_map).__name__)
    # The C API takes no length per signal: it reads one value per account.
    accounts = org.count(Kind.ACCOUNT)
    names = list(signal_map)
    columns = []
    for name in names:
        if not isinstance(name, str):
            raise TypeError("signals: names must be str, not %s" % type(name).__name__)
        values = _doubles(signal_map[name], "signals[%r]" % name)
        if len(values) != accounts:
            raise InvalidError(
                "signals[%r]: %d values for %d accounts (one per account, in index order)"
                % (name, len(values), accounts)
            )
        columns.append(values)
    signal_names = _c_strings(names, "signals")
    signal_values = (ctypes.POINTER(ctypes.c_double) * len(columns))(
        *[ctypes.cast(column, ctypes.POINTER(ctypes.c_double)) for column in columns]
    )
    options.signal_names, options.signal_values = signal_names, signal_values
    options.signal_count = len(names)
    options.reasons = _integer(reasons, "reasons", 0)
    options.threads = _integer(threads, "threads", 0)
    keep_alive = [leaver_array, flag_array, owner_accounts, owner_reps, signal_names,
                  signal_values, columns]
    return options, keep_alive


# ---- scores -----------------------------------------------------------------


@dataclass(frozen=True)
class RepRisk:
    """A rep's book: accounts owned, their annual value and revenue at risk,
    and the key-person exposure (``sole_value``: the value of the accounts
    that rest on this rep alone)."""

    rep: str
    accounts: int
    value: float
    value_at_risk: float
    sole_value: float


@dataclass(frozen=True)
class TeamRisk:
    """A team's accounts (owned by its active reps), value and revenue at risk."""

    team: str
    accounts: int
    value: float
    value_at_risk: float


@dataclass(frozen=True)
class RiskScores:
    """Every account's risk (0..1) and revenue at risk (annual value * risk),
    in the organisation's index order (``accounts`` holds the ids), every
    rep's and team's totals, and the organisation's."""

    accounts: List[str]
    risk: List[float]
    value_at_risk: List[float]
    reps: List[RepRisk]
    teams: List[TeamRisk]
    total_value: float
    total_value_at_risk: float
    _arrays: Tuple[Any, Any] = field(repr=False, compare=False)

    def risk_of(self, account: str) -> float:
        """The risk of one account, by id (KeyError if there is none)."""
        try:
            return self.risk[self.accounts.index(account)]
        except ValueError:
            raise KeyError(account) from None

    def risk_array(self) -> Any:
        """``risk`` as a numpy float64 array (needs numpy)."""
        return _numpy().frombuffer(self._arrays[0], dtype="float64").copy()

    def value_at_risk_array(self) -> Any:
        """``value_at_risk`` as a numpy float64 array (needs numpy)."""
        return _numpy().frombuffer(self._arrays[1], dtype="float64").copy()


def _read_scores(org: Any, handle: _rl.RiskScoresPtr) -> RiskScores:
    library = _lib.lib()
    needed = ctypes.c_size_t(0)
    n = _size(library.baton_risk_scores_accounts, 2, handle)
    risk, at_risk = (ctypes.c_double * n)(), (ctypes.c_double * n)()
    _lib.check(library.baton_risk_scores_accounts(risk, at_risk, n, ctypes.byref(needed), handle))

    r = _size(library.baton_risk_scores_reps, 4, handle)
    rep_columns = [(ctypes.c_int64 * r)()] + [(ctypes.c_double * r)() for _ in range(3)]
    _lib.check(library.baton_risk_scores_reps(*rep_columns, r, ctypes.byref(needed), handle))
    t = _size(library.baton_risk_scores_teams, 3, handle)
    team_columns = [(ctypes.c_int64 * t)()] + [(ctypes.c_double * t)() for _ in range(2)]
    _lib.check(library.baton_risk_scores_teams(*team_columns, t, ctypes.byref(needed), handle))
    total, total_at_risk = ctypes.c_double(0), ctypes.c_double(0)
    _lib.check(
        library.baton_risk_scores_totals(ctypes.byref(total), ctypes.byref(total_at_risk), handle)
    )
    rep_ids, team_ids = org.ids(Kind.REP), org.ids(Kind.TEAM)
    return RiskScores(
        accounts=org.ids(Kind.ACCOUNT),
        risk=list(risk),
        value_at_risk=list(at_risk),
        reps=[RepRisk(rep_ids[k], *(column[k] for column in rep_columns)) for k in range(r)],
        teams=[TeamRisk(team_ids[k], *(column[k] for column in team_columns)) for k in range(t)],
        total_value=total.value,
        total_value_at_risk=total_at_risk.value,
        _arrays=(risk, at_risk),
    )


def score(
    org: Any,
    model: Optional[RiskModel] = None,
    *,
    as_of: DayLike,
    leavers: Ids = (),
    to_competitor: Union[bool, Sequence[bool]] = False,
    new_owners: Optional[Mapping[str, Optional[str]]] = None,
    signals: Optional[Mapping[str, Any]] = None,
    threads: int = 0,
) -> RiskScores:
    """Scores every account of ``org`` with ``model`` (None: the default
    model) as of a day.

    The scenario: ``leavers`` (rep ids) are treated as leaving on ``as_of``,
    to a competitor if ``to_competitor`` says so (one bool for all, or one
    per leaver); ``new_owners`` (account id -> rep id, or None for nobody)
    replaces recorded owners, as a plan not yet applied would; ``signals``
    gives the values of the model's "signal:<name>" features, one per account
    in index order (a list or a numpy array). ``threads``: 0 for one per
    core; the result does not depend on it. The Org is only read: scoring it
    from several threads at once is safe.

    Raises InvalidError naming the option, feature, signal or account.
    """
    org = _org(org, "score")
    model, owned = _model(model)
    try:
        options, keep_alive = _scenario(
            org, as_of, leavers, to_competitor, new_owners, signals, 3, threads
        )
        handle = _rl.RiskScoresPtr()
        _lib.check(
            _lib.lib().baton_risk_score(
                ctypes.byref(handle), org._live(), model._live(), ctypes.byref(options)
            )
        )
        del keep_alive
        try:
            return _read_scores(org, handle)
        finally:
            _lib.lib().baton_risk_scores_destroy(handle)
    finally:
        if owned:
            model.close()


# ---- explanations -----------------------------------------------------------


@dataclass(frozen=True)
class RiskExplanation:
    """One account's risk taken apart: ``features`` (raw values) and
    ``contributions`` (weight * standardised value, in logit units; they sum
    to ``logit - bias``) by feature name, in the model's order, and the
    strongest ``reasons`` in words, strongest first."""

    account: str
    risk: float
    logit: float
    features: Dict[str, float]
    contributions: Dict[str, float]
    reasons: List[str]


def explain(
    org: Any,
    account: str,
    model: Optional[RiskModel] = None,
    *,
    as_of: DayLike,
    leavers: Ids = (),
    to_competitor: Union[bool, Sequence[bool]] = False,
    new_owners: Optional[Mapping[str, Optional[str]]] = None,
    signals: Optional[Mapping[str, Any]] = None,
    reasons: int = 3,
) -> RiskExplanation:
    """Why an account is at risk, in the scenario of score() (which see).
    ``reasons``: how many reasons in words to keep at most. Raises
    NotFoundError for an unknown account."""
    org = _org(org, "explain")
    account_id = _text(account, "account")
    model, owned = _model(model)
    try:
        options, keep_alive = _scenario(
            org, as_of, leavers, to_competitor, new_owners, signals, reasons, 0
        )
        handle = _rl.RiskExplanationPtr()
        _lib.check(
            _lib.lib().baton_risk_explain(
                ctypes.byref(handle), org._live(), model._live(), ctypes.byref(options),
                account_id,
            )
        )
        del keep_alive
        try:
            return _read_explanation(account, model.features, handle)
        finally:
            _lib.lib().baton_risk_explanation_destroy(handle)
    finally:
        if owned:
            model.close()


def _read_explanation(
    account: str, names: List[str], handle: _rl.RiskExplanationPtr
) -> RiskExplanation:
    library = _lib.lib()
    n = len(names)
    risk, logit = ctypes.c_double(0), ctypes.c_double(0)
    count, needed = ctypes.c_size_t(0), ctypes.c_size_t(0)
    features, contributions = (ctypes.c_double * n)(), (ctypes.c_double * n)()
    _lib.check(
        library.baton_risk_explanation_values(
            ctypes.byref(risk), ctypes.byref(logit), ctypes.byref(count), features,
            contributions, n, ctypes.byref(needed), handle,
        )
    )
    if needed.value != n:  # the explanation is of another model: a library bug
        raise AssertionError("explanation has %d features, model %d" % (needed.value, n))
    return RiskExplanation(
        account=account,
        risk=risk.value,
        logit=logit.value,
        features=dict(zip(names, features)),
        contributions=dict(zip(names, contributions)),
        reasons=[
            _lib.read_string(library.baton_risk_explanation_reason, handle, k)
            for k in range(count.value)
        ],
    )


# ---- departures -------------------------------------------------------------


@dataclass(frozen=True)
class DepartureRisk:
    """An account the leavers own or are tied to: its owner before and under
    the plan (None: nobody), its annual value, and its risk before, once the
    leavers have gone, and under the plan."""

    account: str
    owner_before: Optional[str]
    owner_after: Optional[str]
    value: float
    before: float
    after_departure: float
    after_plan: float


@dataclass(frozen=True)
class DepartureWhatIf:
    """What departures do: the affected accounts, by revenue at risk after the
    departure, descending, and their revenue at risk in each state."""

    accounts: List[DepartureRisk]
    value_at_risk_before: float
    value_at_risk_after_departure: float
    value_at_risk_after_plan: float


def what_if(
    org: Any,
    leavers: Ids,
    *,
    as_of: DayLike,
    plan: Any = None,
    model: Optional[RiskModel] = None,
    to_competitor: Union[bool, Sequence[bool]] = False,
    signals: Optional[Mapping[str, Any]] = None,
    threads: int = 0,
) -> DepartureWhatIf:
    """The risk of every account ``leavers`` own or are tied to, before, once
    they have left on ``as_of`` (their accounts without an owner, their ties
    lost), and under ``plan`` (a baton.Reassignment, e.g. from
    baton.reassign(org, departing=leavers, ...); the successors' own ties
    count). Without a plan, "after plan" equals "after departure"."""
    from .reassign import Reassignment

    org = _org(org, "what_if")
    if plan is not None and not isinstance(plan, Reassignment):
        raise TypeError("plan must be a baton.Reassignment or None, not %s" % type(plan).__name__)
    plan_handle = None if plan is None else plan._live()
    model, owned = _model(model)
    try:
        options, keep_alive = _scenario(org, as_of, leavers, to_competitor, None, signals, 3,
                                        threads)
        handle = _rl.RiskWhatIfPtr()
        _lib.check(
            _lib.lib().baton_risk_departure_what_if(
                ctypes.byref(handle), org._live(), model._live(), ctypes.byref(options),
                plan_handle,
            )
        )
        del keep_alive
        try:
            return _read_what_if(org, handle)
        finally:
            _lib.lib().baton_risk_what_if_destroy(handle)
    finally:
        if owned:
            model.close()


def _read_what_if(org: Any, handle: _rl.RiskWhatIfPtr) -> DepartureWhatIf:
    library = _lib.lib()
    n = _size(library.baton_risk_what_if_accounts, 7, handle)
    indices = [(ctypes.c_uint32 * n)() for _ in range(3)]
    values = [(ctypes.c_double * n)() for _ in range(4)]
    needed = ctypes.c_size_t(0)
    _lib.check(
        library.baton_risk_what_if_accounts(*indices, *values, n, ctypes.byref(needed), handle)
    )
    totals = [ctypes.c_double(0) for _ in range(3)]
    _lib.check(library.baton_risk_what_if_totals(*map(ctypes.byref, totals), handle))

    def rep(index: int) -> Optional[str]:
        return None if index == _lib.NO_INDEX else org.id_of(Kind.REP, index)

    account, before, after = indices
    return DepartureWhatIf(
        accounts=[
            DepartureRisk(
                org.id_of(Kind.ACCOUNT, account[k]), rep(before[k]), rep(after[k]),
                *(column[k] for column in values),
            )
            for k in range(n)
        ],
        value_at_risk_before=totals[0].value,
        value_at_risk_after_departure=totals[1].value,
        value_at_risk_after_plan=totals[2].value,
    )


# ---- fitting ----------------------------------------------------------------


@dataclass(frozen=True)
class FitSummary:
    """How well a fit did: in sample (auc, log_loss, brier) and out of fold
    (cv_*: every row predicted by the model fitted without its fold;
    mean_fold_auc: the mean of the folds' AUCs, as scikit-learn's
    cross_val_score reports it). Without folds the cv_ figures are 0."""

    iterations: int
    rows: int
    skipped_rows: int
    folds: int
    auc: float
    log_loss: float
    brier: float
    cv_auc: float
    cv_log_loss: float
    cv_brier: float
    mean_fold_auc: float


@dataclass(frozen=True)
class CalibrationBin:
    """Rows whose predicted risk is in [low, high): how many, their mean
    prediction and the share that lapsed."""

    low: float
    high: float
    rows: int
    mean_predicted: float
    observed: float


@dataclass(frozen=True)
class RiskFit:
    """A fitted model with its quality figures. ``calibration`` is out of
    fold (in sample without folds). close() (or leaving a with block)
    closes the model."""

    model: RiskModel
    summary: FitSummary
    fold_aucs: List[float]
    calibration: List[CalibrationBin]

    def close(self) -> None:
        self.model.close()

    def __enter__(self) -> "RiskFit":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


#: The keyword arguments every fit_* function takes, with the library's defaults.
FIT_OPTIONS = tuple(_rl.RISK_FIT_DEFAULTS)


def _fit_options(
    l2: float, max_iterations: int, tolerance: float, folds: int, calibration_bins: int
) -> Any:
    options = _rl.RiskFitOptions(version=_rl.RISK_FIT_OPTIONS_VERSION)
    options.l2 = _real(l2, "l2")
    options.max_iterations = _integer(max_iterations, "max_iterations")
    options.tolerance = _real(tolerance, "tolerance")
    options.folds = _integer(folds, "folds")
    options.calibration_bins = _integer(calibration_bins, "calibration_bins")
    return options


def _read_fit(handle: _rl.RiskFitPtr) -> RiskFit:
    """The fit behind a handle, as Python values; frees the handle."""
    library = _lib.lib()
    try:
        summary = _rl.RiskFitSummary(version=_rl.RISK_FIT_SUMMARY_VERSION)
        _lib.check(library.baton_risk_fit_summary_get(ctypes.byref(summary), handle))
        fold_aucs = _lib.read_array(library.baton_risk_fit_fold_aucs, ctypes.c_double, handle)
        n = _size(library.baton_risk_fit_calibration, 5, handle)
        columns = [(ctypes.c_double * n)(), (ctypes.c_double * n)(), (ctypes.c_int64 * n)(),
                   (ctypes.c_double * n)(), (ctypes.c_double * n)()]
        needed = ctypes.c_size_t(0)
        _lib.check(library.baton_risk_fit_calibration(*columns, n, ctypes.byref(needed), handle))
        model_handle = _rl.RiskModelPtr()
        _lib.check(library.baton_risk_fit_model(ctypes.byref(model_handle), handle))
    finally:
        library.baton_risk_fit_destroy(handle)
    return RiskFit(
        model=RiskModel._adopt(model_handle),
        summary=FitSummary(**{name: getattr(summary, name) for name, _ in
                              _rl.RiskFitSummary._fields_[1:]}),
        fold_aucs=fold_aucs,
        calibration=[CalibrationBin(*(column[k] for column in columns)) for k in range(n)],
    )


def _fit(function: Any, *args: Any) -> RiskFit:
    handle = _rl.RiskFitPtr()
    _lib.check(function(ctypes.byref(handle), *args))
    return _read_fit(handle)


def _table(values: Any, columns: Optional[Sequence[str]]) -> Tuple[List[str], Any, int]:
    """Column names, the row-major c_double values and the row count of a
    table given as a 2-D float buffer (numpy array), a mapping of column
    name to values, or a sequence of rows."""
    if isinstance(values, Mapping):
        names = list(values) if columns is None else _names(columns, "columns")
        if set(names) != set(values) or len(names) != len(values):
            raise InvalidError("columns must name the mapping's keys, each once")
        data = [_doubles(values[name], "values[%r]" % name) for name in names]
        rows = len(data[0]) if data else 0
        for name, column in zip(names, data):
            if len(column) != rows:
                raise InvalidError("values[%r]: %d values where the first column has %d"
                                   % (name, len(column), rows))
        out = (ctypes.c_double * (rows * len(names)))()
        for c, column in enumerate(data):
            out[c::len(names)] = column[:]
        return names, out, rows
    if columns is None:
        raise TypeError("columns is required unless values is a mapping of column to values")
    names = _names(columns, "columns")
    width = len(names)
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError("values must be a 2-D array, a mapping or a sequence of rows, not %s"
                        % type(values).__name__)
    array = _as_numpy(values)
    if array is not None and array.ndim == 2 and array.dtype.kind in "biuf":
        values = _numpy().ascontiguousarray(array, dtype="float64")
    view = _native_view(values, "d")
    if view is not None:
        if view.ndim != 2 or view.shape[1] != width:
            raise InvalidError("values has shape %s for %d columns" % (view.shape, width))
        flat = view.cast("B")
        n = view.shape[0] * width
        if view.readonly:
            return names, (ctypes.c_double * n).from_buffer_copy(flat), view.shape[0]
        return names, (ctypes.c_double * n).from_buffer(flat), view.shape[0]
    out: List[float] = []
    rows = 0
    for r, row in enumerate(values):
        row_values = _doubles(row, "values[%d]" % r)
        if len(row_values) != width:
            raise InvalidError("values[%d]: %d values for %d columns" % (r, len(row_values), width))
        out.extend(row_values)
        rows += 1
    return names, (ctypes.c_double * len(out))(*out), rows


def fit_table(
    values: Any,
    columns: Optional[Sequence[str]] = None,
    lapsed: Any = None,
    *,
    l2: float = 1.0,
    max_iterations: int = 100,
    tolerance: float = 1e-10,
    folds: int = 5,
    calibration_bins: int = 10,
) -> RiskFit:
    """Fits a table of numeric columns against 0/1 outcomes (1: lapsed).

    ``values``: a 2-D numpy array (rows x columns; float64 C-contiguous
    arrays are passed without a Python-level copy), a mapping of column name
    to values (``columns`` then optional, giving their order), or a sequence
    of rows. ``lapsed``: one bool or 0/1 per row. Every column is
    standardised (population standard deviation) and the fit minimises the
    sum of log-losses + l2 / 2 * |weights|^2 by Newton's method, the bias not
    penalised (scikit-learn's LogisticRegression with C = 1 / l2).
    ``folds``: consecutive blocks of rows for cross-validation (0: none).

    Raises InvalidError naming the column or row (a constant column, a value
    that is not finite, a single-class outcome), StateError if Newton's
    method does not converge.
    """
    if lapsed is None:
        raise TypeError("fit_table needs lapsed: one 0/1 outcome per row")
    options = _fit_options(l2, max_iterations, tolerance, folds, calibration_bins)
    names, data, rows = _table(values, columns)
    _feature_names(names, "columns")
    outcomes = _outcomes(lapsed, "lapsed", rows)
    return _fit(
        _lib.lib().baton_risk_fit_arrays, _c_strings(names, "columns"), len(names), data,
        outcomes, rows, ctypes.byref(options),
    )


def fit_csv(
    path: PathLike,
    numeric: Ids = (),
    categorical: Ids = (),
    *,
    outcome: str,
    positive: str,
    skip_incomplete: bool = False,
    l2: float = 1.0,
    max_iterations: int = 100,
    tolerance: float = 1e-10,
    folds: int = 5,
    calibration_bins: int = 10,
) -> RiskFit:
    """Reads a CSV file and fits it: ``numeric`` columns as numbers,
    ``categorical`` ones one-hot (features "name=level", levels sorted, after
    the numeric ones), the ``outcome`` column lapsed where it equals
    ``positive``. Other columns are ignored. ``skip_incomplete``: skip rows
    with a blank value (summary.skipped_rows counts them) instead of refusing
    the file. Fitting as fit_table(). Errors in the file raise InvalidError
    or ParseError naming file:line:column; a missing file NotFoundError."""
    options = _fit_options(l2, max_iterations, tolerance, folds, calibration_bins)
    numeric_names = _feature_names(_names(numeric, "numeric"), "numeric")
    categorical_names = _feature_names(_names(categorical, "categorical"), "categorical")
    return _fit(
        _lib.lib().baton_risk_fit_csv, _path(path),
        _c_strings(numeric_names, "numeric"), len(numeric_names),
        _c_strings(categorical_names, "categorical"), len(categorical_names),
        _text(outcome, "outcome"), _text(positive, "positive"),
        _flag(skip_incomplete, "skip_incomplete"), ctypes.byref(options),
    )


def fit_org(
    org: Any,
    features: Ids,
    accounts: Ids,
    lapsed: Any,
    *,
    as_of: DayLike,
    leavers: Ids = (),
    to_competitor: Union[bool, Sequence[bool]] = False,
    signals: Optional[Mapping[str, Any]] = None,
    threads: int = 0,
    l2: float = 1.0,
    max_iterations: int = 100,
    tolerance: float = 1e-10,
    folds: int = 5,
    calibration_bins: int = 10,
) -> RiskFit:
    """Fits account ``features`` (built-in names or "signal:<name>") on an
    organisation's history: the features of ``accounts`` (ids) as of
    ``as_of`` against whether each lapsed afterwards (``lapsed``, one per
    account). The scenario arguments are score()'s. Fitting as fit_table()."""
    org = _org(org, "fit_org")
    options = _fit_options(l2, max_iterations, tolerance, folds, calibration_bins)
    feature_names = _names(features, "features")
    account_ids = _names(accounts, "accounts")
    outcomes = _outcomes(lapsed, "lapsed", len(account_ids))
    scenario, keep_alive = _scenario(org, as_of, leavers, to_competitor, None, signals, 3,
                                     threads)
    fit = _fit(
        _lib.lib().baton_risk_fit_org, org._live(), ctypes.byref(scenario),
        _c_strings(feature_names, "features"), len(feature_names),
        _c_strings(account_ids, "accounts"), outcomes, len(account_ids),
        ctypes.byref(options),
    )
    del keep_alive
    return fit
