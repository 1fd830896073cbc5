"""Churn risk from Python: models, scores, explanations, what-ifs and fits on
the bundled sample, and bad input of every kind."""

import collections
import ctypes
import datetime
import math
import pickle
import random
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

import baton
from baton import _lib, _risk_lib

AS_OF = "2026-11-01"
ROOT = Path(__file__).resolve().parents[2]
FIT_FEATURES = ["single_threaded", "days_since_interaction", "days_to_renewal"]


def busiest_rep(org):
    owners = collections.Counter(org.owner_of(a) for a in org.ids("account"))
    owners.pop(None, None)
    return max(owners, key=lambda rep: (owners[rep], rep))


def logistic(x):
    return 1.0 / (1.0 + math.exp(-x))


# ---- the ctypes layer ---------------------------------------------------------


def test_structs_match_the_c_header(tmp_path):
    """sizeof and offsetof of the risk structs, from a C compiler, against
    the ctypes Structures (catches a field added to baton.h but not here)."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler")
    structs = {
        "baton_risk_options": _risk_lib.RiskOptions,
        "baton_risk_fit_options": _risk_lib.RiskFitOptions,
        "baton_risk_fit_summary": _risk_lib.RiskFitSummary,
    }
    lines = ['#include <stdio.h>', '#include <stddef.h>', '#include "baton.h"',
             "int main(void) {"]
    for c_name, struct in structs.items():
        lines.append('printf("%s %%zu\\n", sizeof(%s));' % (c_name, c_name))
        for field, _ in struct._fields_:
            lines.append('printf("%s.%s %%zu\\n", offsetof(%s, %s));'
                         % (c_name, field, c_name, field))
    lines.append("return 0; }")
    source = tmp_path / "layout.c"
    source.write_text("\n".join(lines))
    program = tmp_path / "layout"
    subprocess.run([compiler, "-std=c99", "-I", str(ROOT / "capi"), str(source), "-o",
                    str(program)], check=True)
    reported = dict(line.split() for line in subprocess.run(
        [str(program)], check=True, capture_output=True, text=True).stdout.splitlines())
    for c_name, struct in structs.items():
        assert int(reported[c_name]) == ctypes.sizeof(struct), c_name
        for field, _ in struct._fields_:
            assert int(reported["%s.%s" % (c_name, field)]) == getattr(struct, field).offset


def test_every_risk_function_is_declared():
    header = (ROOT / "capi" / "baton.h").read_text()
    risk = {
        line.split("(")[0].split()[-1]
        for line in header.splitlines()
        if line.startswith("BATON_API") and "risk" in line.split("(")[0]
    }
    assert risk == set(_risk_lib.PROTOTYPES)
    assert risk <= set(_lib._PROTOTYPES)


# ---- models -------------------------------------------------------------------


def test_the_default_model_and_its_terms():
    with baton.RiskModel.default() as model:
        terms = model.terms
        assert terms.features == model.features
        assert terms.features[:2] == ["owner_share", "unowned"]
        assert "days_to_renewal" in terms.features and len(model) == len(terms.features) == 17
        assert len(terms.centre) == len(terms.scale) == len(terms.weight) == 17
        assert all(s > 0 for s in terms.scale)
        assert model.weights["single_threaded"] > 0  # single-threaded accounts lapse more
        assert model.bias == terms.bias and math.isfinite(terms.bias)
        assert repr(model) == "<baton.RiskModel with 17 features>"
    assert model.closed and repr(model) == "<baton.RiskModel closed>"
    with pytest.raises(baton.ClosedError):
        model.terms
    with pytest.raises(baton.ClosedError):
        model.to_text()
    model.close()  # idempotent
    with pytest.raises(TypeError, match="RiskModel.default"):
        baton.RiskModel()


def test_models_round_trip_through_text_files_and_pickle(tmp_path):
    model = baton.RiskModel.default()
    text = model.to_text()
    assert text.startswith("baton-risk-model 1\nbias ")
    again = baton.RiskModel.from_text(text)
    assert again.terms == model.terms and again.to_text() == text
    path = tmp_path / "model.txt"
    model.save(path)
    assert path.read_text() == text
    loaded = baton.RiskModel.load(str(path), expected_features=model.features)
    assert loaded.terms == model.terms
    assert pickle.loads(pickle.dumps(model)).terms == model.terms

    with pytest.raises(baton.InvalidError) as caught:
        baton.RiskModel.load(path, expected_features=["unowned"] + model.features[1:])
    assert "feature 0 is owner_share where unowned was expected" in str(caught.value)
    with pytest.raises(baton.InvalidError, match="feature 17 is .nothing. where x was"):
        baton.RiskModel.from_text(text, expected_features=model.features + ["x"])
    with pytest.raises(baton.NotFoundError, match="cannot open"):
        baton.RiskModel.load(tmp_path / "missing.txt")
    with pytest.raises(baton.InvalidError, match="risk model line 1: not a Baton risk model"):
        baton.RiskModel.from_text("hello\n")
    with pytest.raises(baton.InvalidError, match="risk model line 3: centre: not a finite"):
        baton.RiskModel.from_text("baton-risk-model 1\nbias 0\nfeature x 1 1 owner_share\n")
    with pytest.raises(baton.InvalidError, match="scale"):
        baton.RiskModel.from_terms(["owner_share"], [1.0], scale=[0.0])
    with pytest.raises(baton.InvalidError, match="'owner_share' is listed twice"):
        baton.RiskModel.from_terms(["owner_share", "owner_share"], [1.0, 2.0])
    # As for a snapshot: the temporary cannot be created (ENOENT).
    with pytest.raises(baton.NotFoundError, match="no-such-dir/model.txt.tmp"):
        model.save(tmp_path / "no-such-dir" / "model.txt")
    with pytest.raises(baton.BatonIOError, match="Is a directory"):
        model.save(tmp_path)
    model.close()
    with pytest.raises(baton.ClosedError):
        model.save(path)


def test_a_model_travels_in_the_organisations_snapshot(sample, tmp_path):
    model = baton.RiskModel.from_terms(["unowned", "open_complaints"], [1.5, 0.25], bias=-2)
    path = tmp_path / "org.baton"
    sample.save(path, risk_model=model)
    with baton.Org.load(path) as loaded:
        assert loaded.state_hash() == sample.state_hash()
    carried = baton.RiskModel.from_snapshot(path, expected_features=model.features)
    assert carried.terms == model.terms
    with pytest.raises(baton.InvalidError, match="feature 1 is open_complaints where"):
        baton.RiskModel.from_snapshot(path, expected_features=["unowned", "tenure_days"])
    plain = tmp_path / "plain.baton"
    sample.save(plain)
    with pytest.raises(baton.NotFoundError, match="no risk model"):
        baton.RiskModel.from_snapshot(plain)
    with pytest.raises(TypeError, match="risk_model must be a baton.RiskModel"):
        sample.save(path, risk_model="model")


def test_model_arguments_are_checked():
    with pytest.raises(TypeError, match="text must be a str"):
        baton.RiskModel.from_text(b"baton-risk-model 1\n")
    with pytest.raises(TypeError, match="text must be a str"):
        baton.RiskModel.from_text(None)
    with pytest.raises(baton.InvalidError, match="text: contains a NUL"):
        baton.RiskModel.from_text("baton-risk-model 1\0")
    with pytest.raises(baton.InvalidError, match="text: not valid Unicode"):
        baton.RiskModel.from_text("baton-risk-model 1\udcff")
    with pytest.raises(TypeError, match=r"expected_features\[0\] must be a str"):
        baton.RiskModel.from_text("baton-risk-model 1\n", expected_features=[1])
    with pytest.raises(TypeError, match="path must be"):
        baton.RiskModel.load(3)
    with pytest.raises(baton.InvalidError, match="path: contains a NUL"):
        baton.RiskModel.load("model\0.txt")
    with pytest.raises(baton.InvalidError, match="weight: 1 values where 2 are needed"):
        baton.RiskModel.from_terms(["owner_share", "unowned"], [1.0])
    with pytest.raises(TypeError, match=r"weight\[0\] must be a number"):
        baton.RiskModel.from_terms(["owner_share"], ["heavy"])
    with pytest.raises(baton.InvalidError, match=r"features\[0\]: .* must be one line"):
        baton.RiskModel.from_terms(["owner\nfeature 0 1 1 unowned"], [1.0])


# ---- scores -------------------------------------------------------------------


def test_scores_on_the_sample(sample):
    scores = baton.score(sample, as_of=AS_OF)
    ids = sample.ids("account")
    assert scores.accounts == ids
    assert len(scores.risk) == len(scores.value_at_risk) == len(ids) == 2000
    assert all(0 < r < 1 for r in scores.risk)
    values = {a: sample.account(a).annual_value for a in ids[:50]}
    for k, account in enumerate(ids[:50]):
        assert scores.value_at_risk[k] == pytest.approx(scores.risk[k] * values[account])
    assert scores.total_value == pytest.approx(sum(sample.account(a).annual_value for a in ids))
    assert scores.total_value_at_risk == pytest.approx(sum(scores.value_at_risk))
    assert 0 < scores.total_value_at_risk < scores.total_value

    assert [r.rep for r in scores.reps] == sample.ids("rep")
    assert [t.team for t in scores.teams] == sample.ids("team")
    rep = busiest_rep(sample)
    [mine] = [r for r in scores.reps if r.rep == rep]
    book = sample.accounts_of_rep(rep)
    assert mine.accounts == len(book)
    assert mine.value == pytest.approx(sum(sample.account(a).annual_value for a in book))
    assert mine.value_at_risk == pytest.approx(
        sum(scores.risk_of(a) * sample.account(a).annual_value for a in book))
    assert 0 <= mine.sole_value <= scores.total_value
    assert sum(r.sole_value for r in scores.reps) <= scores.total_value + 1e-6
    assert sum(t.value_at_risk for t in scores.teams) <= scores.total_value_at_risk + 1e-6
    assert sum(r.accounts for r in scores.reps) <= len(ids)
    with pytest.raises(KeyError):
        scores.risk_of("nobody")


def test_scores_are_deterministic_and_do_not_depend_on_threads_or_date_form(sample):
    one = baton.score(sample, as_of=AS_OF, threads=1)
    assert baton.score(sample, as_of=datetime.date(2026, 11, 1), threads=2) == one
    assert baton.score(sample, as_of=baton.to_day(AS_OF)) == one
    with baton.RiskModel.default() as model:
        assert sample.risk(model, as_of=AS_OF) == one
    later = baton.score(sample, as_of="2027-03-01")
    assert later.risk != one.risk


def test_scores_as_numpy_arrays(sample):
    numpy = pytest.importorskip("numpy")
    scores = sample.risk(as_of=AS_OF)
    risk = scores.risk_array()
    assert risk.dtype == numpy.float64 and risk.shape == (2000,)
    assert risk.tolist() == scores.risk
    assert scores.value_at_risk_array().tolist() == scores.value_at_risk
    risk[0] = 5  # a copy: the result does not change
    assert scores.risk[0] < 1


def test_scoring_from_several_threads_at_once(sample):
    expected = baton.score(sample, as_of=AS_OF, threads=1)
    results, errors = [], []

    def work():
        try:
            for _ in range(3):
                results.append(baton.score(sample, as_of=AS_OF, threads=1))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 12 and all(r == expected for r in results)


def test_leavers_and_new_owners_change_the_scenario(sample):
    rep = busiest_rep(sample)
    book = sample.accounts_of_rep(rep)
    base = baton.score(sample, as_of=AS_OF)
    gone = baton.score(sample, as_of=AS_OF, leavers=[rep])
    rival = baton.score(sample, as_of=AS_OF, leavers=rep, to_competitor=True)
    assert baton.score(sample, as_of=AS_OF, leavers=[rep], to_competitor=[True]) == rival
    for account in book:
        assert gone.risk_of(account) > base.risk_of(account)
        assert rival.risk_of(account) >= gone.risk_of(account)
    assert gone.total_value_at_risk > base.total_value_at_risk
    [mine] = [r for r in gone.reps if r.rep == rep]
    assert mine.accounts == 0 and mine.value_at_risk == 0

    account = book[0]
    unowned = baton.score(sample, as_of=AS_OF, new_owners={account: None})
    assert unowned.risk_of(account) > base.risk_of(account)
    other = next(r for r in sample.ids("rep") if r != rep and sample.rep(r).active)
    moved = baton.score(sample, as_of=AS_OF, new_owners={account: other})
    [theirs] = [r for r in moved.reps if r.rep == other]
    [before] = [r for r in base.reps if r.rep == other]
    assert theirs.accounts == before.accounts + 1


def test_signals_feed_signal_features(sample):
    numpy = pytest.importorskip("numpy")
    n = sample.count("account")
    model = baton.RiskModel.from_terms(["signal:usage", "unowned"], [-1.0, 0.5], bias=-1.0,
                                       centre=[0.5, 0], scale=[0.25, 1])
    assert model.features == ["signal:usage", "unowned"]
    usage = [k / (n - 1) for k in range(n)]
    scores = baton.score(sample, model, as_of=AS_OF, signals={"usage": usage})
    assert scores.risk[0] > scores.risk[-1]  # heavy users stay
    with_numpy = baton.score(sample, model, as_of=AS_OF,
                             signals={"usage": numpy.array(usage, dtype=numpy.float32)})
    assert with_numpy.risk[0] == pytest.approx(scores.risk[0])
    assert baton.score(sample, model, as_of=AS_OF,
                       signals={"usage": numpy.array(usage)}) == scores
    why = baton.explain(sample, sample.ids("account")[0], model, as_of=AS_OF,
                        signals={"usage": usage})
    assert why.features["signal:usage"] == 0
    assert why.contributions["signal:usage"] == pytest.approx(2.0)

    with pytest.raises(baton.InvalidError, match="no signal named usage"):
        baton.score(sample, model, as_of=AS_OF)
    with pytest.raises(baton.InvalidError,
                       match=r"signals\['usage'\]: 3 values for 2000 accounts"):
        baton.score(sample, model, as_of=AS_OF, signals={"usage": [1, 2, 3]})
    bad = list(usage)
    bad[7] = float("nan")
    with pytest.raises(baton.InvalidError) as caught:
        baton.score(sample, model, as_of=AS_OF, signals={"usage": bad})
    assert "signal usage: account %s" % sample.ids("account")[7] in str(caught.value)
    with pytest.raises(TypeError, match=r"signals\['usage'\]\[0\] must be a number"):
        baton.score(sample, model, as_of=AS_OF, signals={"usage": ["high"] * n})
    with pytest.raises(TypeError, match="signals must map names"):
        baton.score(sample, model, as_of=AS_OF, signals=[usage])
    with pytest.raises(TypeError, match="signals: names must be str"):
        baton.score(sample, model, as_of=AS_OF, signals={1: usage})
    with pytest.raises(TypeError, match=r"signals\['usage'\] must be a sequence"):
        baton.score(sample, model, as_of=AS_OF, signals={"usage": 0.5})


def test_bad_scenarios_raise_clear_errors(sample):
    with pytest.raises(TypeError, match="score takes a baton.Org"):
        baton.score("org", as_of=AS_OF)
    with pytest.raises(TypeError, match="model must be a baton.RiskModel"):
        baton.score(sample, "default", as_of=AS_OF)
    with pytest.raises(TypeError, match="as_of"):
        baton.score(sample)
    with pytest.raises(baton.InvalidError, match="^as_of: a day is required$"):
        baton.score(sample, as_of=None)
    with pytest.raises(baton.InvalidError, match="^as_of: no such date: '2026-02-30'$"):
        baton.score(sample, as_of="2026-02-30")
    with pytest.raises(baton.InvalidError, match="as_of: .* is out of range"):
        baton.score(sample, as_of=2**40)
    with pytest.raises(TypeError, match="not a datetime"):
        baton.score(sample, as_of=datetime.datetime(2026, 11, 1))
    with pytest.raises(baton.NotFoundError) as caught:
        baton.score(sample, as_of=AS_OF, leavers=["r999"])
    assert str(caught.value) == 'baton_risk_score: options->leavers[0]: no rep with id "r999"'
    with pytest.raises(TypeError, match=r"leavers\[1\] must be a str"):
        baton.score(sample, as_of=AS_OF, leavers=["r001", 7])
    with pytest.raises(TypeError, match="leavers must be a str or an iterable"):
        baton.score(sample, as_of=AS_OF, leavers=7)
    with pytest.raises(baton.InvalidError, match=r"leavers\[0\]: not valid Unicode"):
        baton.score(sample, as_of=AS_OF, leavers=["r\udcff"])
    with pytest.raises(baton.InvalidError, match="to_competitor: 2 entries for 1 leavers"):
        baton.score(sample, as_of=AS_OF, leavers=["r001"], to_competitor=[True, False])
    with pytest.raises(TypeError, match="to_competitor must be a bool"):
        baton.score(sample, as_of=AS_OF, leavers=["r001"], to_competitor="yes")
    with pytest.raises(baton.NotFoundError, match="owner_accounts.0.: no account"):
        baton.score(sample, as_of=AS_OF, new_owners={"a-none": "r001"})
    with pytest.raises(baton.NotFoundError, match="owner_reps.0.: no rep"):
        baton.score(sample, as_of=AS_OF, new_owners={"a0001": "r-none"})
    with pytest.raises(TypeError, match="new_owners maps account ids"):
        baton.score(sample, as_of=AS_OF, new_owners={"a0001": 3})
    with pytest.raises(TypeError, match="new_owners must map"):
        baton.score(sample, as_of=AS_OF, new_owners=[("a0001", "r001")])
    with pytest.raises(baton.InvalidError, match="threads: -1 is out of range"):
        baton.score(sample, as_of=AS_OF, threads=-1)
    with pytest.raises(TypeError, match="threads must be an int"):
        baton.score(sample, as_of=AS_OF, threads=1.5)
    with pytest.raises(TypeError, match="threads must be an int, not bool"):
        baton.score(sample, as_of=AS_OF, threads=True)
    model = baton.RiskModel.default()
    model.close()
    with pytest.raises(baton.ClosedError):
        baton.score(sample, model, as_of=AS_OF)
    sample.close()
    with pytest.raises(baton.ClosedError):
        baton.score(sample, as_of=AS_OF)


# ---- explanations -------------------------------------------------------------


def test_explanations_add_up(sample):
    scores = baton.score(sample, as_of=AS_OF)
    riskiest = max(range(len(scores.risk)), key=scores.risk.__getitem__)
    account = scores.accounts[riskiest]
    with baton.RiskModel.default() as model:
        why = baton.explain(sample, account, model, as_of=AS_OF)
        bias = model.bias
        features = model.features
    assert why.account == account
    assert why.risk == pytest.approx(scores.risk[riskiest], abs=1e-12)
    assert why.risk == pytest.approx(logistic(why.logit))
    assert list(why.features) == list(why.contributions) == features
    assert bias + sum(why.contributions.values()) == pytest.approx(why.logit)
    assert 1 <= len(why.reasons) <= 3 and all(isinstance(r, str) and r for r in why.reasons)
    assert why.features["owner_share"] >= 0 and why.features["tier_weight"] > 0

    assert baton.explain(sample, account, as_of=AS_OF, reasons=0).reasons == []
    assert len(baton.explain(sample, account, as_of=AS_OF, reasons=1).reasons) == 1
    # A leaver's account: the explanation sees the departure.
    rep = busiest_rep(sample)
    mine = sample.accounts_of_rep(rep)[0]
    after = baton.explain(sample, mine, as_of=AS_OF, leavers=[rep])
    assert after.features["unowned"] == 1
    assert after.risk > baton.explain(sample, mine, as_of=AS_OF).risk


def test_explain_bad_input(sample):
    with pytest.raises(baton.NotFoundError, match='no account with id "a-none"'):
        baton.explain(sample, "a-none", as_of=AS_OF)
    with pytest.raises(TypeError, match="account must be a str"):
        baton.explain(sample, 1, as_of=AS_OF)
    with pytest.raises(TypeError, match="account must be a str"):
        baton.explain(sample, None, as_of=AS_OF)
    with pytest.raises(baton.InvalidError, match="account: not valid Unicode"):
        baton.explain(sample, "a\udc80", as_of=AS_OF)
    with pytest.raises(baton.InvalidError, match="reasons: -1 is out of range"):
        baton.explain(sample, "a0001", as_of=AS_OF, reasons=-1)
    with pytest.raises(TypeError, match="explain takes a baton.Org"):
        baton.explain(None, "a0001", as_of=AS_OF)


# ---- departures ---------------------------------------------------------------


def test_what_if_a_rep_leaves_with_and_without_a_plan(sample):
    rep = busiest_rep(sample)
    book = set(sample.accounts_of_rep(rep))
    change = baton.what_if(sample, [rep], as_of=AS_OF)
    rows = {row.account: row for row in change.accounts}
    assert book <= set(rows)
    for account in book:
        row = rows[account]
        assert row.owner_before == rep and row.owner_after is None
        assert row.after_departure > row.before
        assert row.after_plan == row.after_departure
        assert row.value == sample.account(account).annual_value
    at_risk = [row.value * row.after_departure for row in change.accounts]
    assert at_risk == sorted(at_risk, reverse=True)
    assert change.value_at_risk_before == pytest.approx(
        sum(row.value * row.before for row in change.accounts))
    assert change.value_at_risk_after_departure == pytest.approx(sum(at_risk))
    assert change.value_at_risk_after_plan == change.value_at_risk_after_departure
    base = baton.score(sample, as_of=AS_OF)
    for account in list(book)[:10]:
        assert rows[account].before == pytest.approx(base.risk_of(account))

    with baton.reassign(sample, departing=[rep], today=AS_OF) as plan:
        planned = baton.what_if(sample, rep, as_of=AS_OF, plan=plan)
        successors = {a.account: a.to_rep for a in plan.accounts}
    assert planned.value_at_risk_before == pytest.approx(change.value_at_risk_before)
    assert planned.value_at_risk_after_plan < planned.value_at_risk_after_departure
    for row in planned.accounts:
        if row.account in book:
            assert row.owner_after == successors[row.account]
    # Most successors lower the risk the departure raised (not every one: a
    # successor who was the only other tie leaves the key players uncovered).
    owned = [row for row in planned.accounts if row.account in book]
    lowered = [row for row in owned if row.after_plan < row.after_departure]
    assert len(lowered) > len(owned) / 2
    for row in planned.accounts:
        if row.account not in book:  # tied to the leaver, owned by someone else
            assert row.after_plan == row.after_departure
    rival = baton.what_if(sample, [rep], as_of=AS_OF, to_competitor=True)
    assert rival.value_at_risk_after_departure >= change.value_at_risk_after_departure


def test_what_if_bad_input(sample):
    rep = busiest_rep(sample)
    with pytest.raises(baton.InvalidError):
        baton.what_if(sample, [], as_of=AS_OF)
    with pytest.raises(baton.NotFoundError, match="no rep with id"):
        baton.what_if(sample, ["r999"], as_of=AS_OF)
    with pytest.raises(TypeError, match="plan must be a baton.Reassignment"):
        baton.what_if(sample, [rep], as_of=AS_OF, plan="plan")
    with pytest.raises(TypeError, match="what_if takes a baton.Org"):
        baton.what_if(42, [rep], as_of=AS_OF)
    plan = baton.reassign(sample, departing=[rep], today=AS_OF)
    copy = sample.copy()
    with baton.Batch() as batch:  # any change makes the plan stale
        batch.change_owner(sample.accounts_of_rep(rep)[0], None)
        copy.apply(batch)
    with pytest.raises(baton.StateError, match="another state of the organisation"):
        baton.what_if(copy, [rep], as_of=AS_OF, plan=plan)
    copy.close()
    plan.close()
    with pytest.raises(baton.ClosedError):
        baton.what_if(sample, [rep], as_of=AS_OF, plan=plan)


# ---- fitting ------------------------------------------------------------------


def synthetic(rows=3000, seed=7):
    """Two informative columns and a noise column, outcomes drawn from a known
    logistic model: risk = logistic(-1 + 2 x0 - x1)."""
    rng = random.Random(seed)
    x = [[rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)] for _ in range(rows)]
    lapsed = [rng.random() < logistic(-1 + 2 * a - b) for a, b, _ in x]
    return x, lapsed


def test_fit_table_from_rows_mapping_and_numpy():
    x, lapsed = synthetic()
    with baton.fit_table(x, ["a", "b", "noise"], lapsed) as fit:
        weights = fit.model.weights
        summary = fit.summary
        assert fit.model.features == ["a", "b", "noise"]
        assert weights["a"] > 1.5 and weights["b"] < -0.7 and abs(weights["noise"]) < 0.15
        assert summary.rows == 3000 and summary.skipped_rows == 0 and summary.folds == 5
        assert 0 < summary.iterations < 100
        assert 0.8 < summary.auc < 1 and 0 < summary.log_loss < 0.7 and 0 < summary.brier < 0.25
        assert abs(summary.cv_auc - summary.auc) < 0.02
        assert len(fit.fold_aucs) == 5
        assert summary.mean_fold_auc == pytest.approx(sum(fit.fold_aucs) / 5)
        assert len(fit.calibration) == 10
        assert sum(b.rows for b in fit.calibration) == 3000
        assert all(b.low < b.high for b in fit.calibration)
        terms = fit.model.terms
    assert fit.model.closed

    columns = {"a": [r[0] for r in x], "b": [r[1] for r in x], "noise": [r[2] for r in x]}
    with baton.fit_table(columns, lapsed=[int(v) for v in lapsed]) as again:
        assert again.model.terms == terms
    numpy = pytest.importorskip("numpy")
    matrix = numpy.array(x)
    with baton.fit_table(matrix, ["a", "b", "noise"], numpy.array(lapsed)) as fast:
        assert fast.model.terms == terms
    # Other dtypes and layouts are converted: a Fortran-ordered copy, int outcomes.
    with baton.fit_table(numpy.asfortranarray(matrix), ["a", "b", "noise"],
                         numpy.array(lapsed, dtype=numpy.int64)) as fortran:
        assert fortran.model.terms == terms
    readonly = matrix.copy()
    readonly.flags.writeable = False
    with baton.fit_table(readonly, ["a", "b", "noise"], lapsed, folds=0) as plain:
        assert plain.model.terms == terms
        assert plain.fold_aucs == [] and plain.summary.folds == 0
        assert plain.summary.cv_auc == 0 and plain.summary.mean_fold_auc == 0
        assert sum(b.rows for b in plain.calibration) == 3000  # in sample


def test_fit_options_change_the_fit():
    x, lapsed = synthetic(800)
    with baton.fit_table(x, ["a", "b", "noise"], lapsed, folds=0, l2=1.0) as light, \
            baton.fit_table(x, ["a", "b", "noise"], lapsed, folds=0, l2=500.0) as heavy:
        assert abs(heavy.model.weights["a"]) < abs(light.model.weights["a"])
    with baton.fit_table(x, ["a", "b", "noise"], lapsed, folds=3, calibration_bins=4) as fit:
        assert len(fit.fold_aucs) == 3 and len(fit.calibration) == 4


def test_fit_table_bad_input():
    x, lapsed = synthetic(200)
    columns = ["a", "b", "noise"]
    with pytest.raises(baton.InvalidError, match="column c is constant"):
        baton.fit_table([row + [1.0] for row in x], columns + ["c"], lapsed)
    with pytest.raises(baton.InvalidError, match="fitting needs rows that lapsed and rows"):
        baton.fit_table(x, columns, [False] * 200)
    bad = [list(row) for row in x]
    bad[4][1] = float("nan")
    with pytest.raises(baton.InvalidError, match="row 5, column b: value is missing"):
        baton.fit_table(bad, columns, lapsed)
    with pytest.raises(baton.InvalidError, match="lapsed: 199 outcomes for 200 rows"):
        baton.fit_table(x, columns, lapsed[:-1])
    with pytest.raises(baton.InvalidError, match=r"lapsed\[3\]: 2 is neither 0 nor 1"):
        baton.fit_table(x, columns, [0, 1, 0, 2] + [0] * 196)
    with pytest.raises(TypeError, match=r"lapsed\[0\] must be a bool or 0/1"):
        baton.fit_table(x, columns, ["yes"] * 200)
    with pytest.raises(TypeError, match="fit_table needs lapsed"):
        baton.fit_table(x, columns)
    with pytest.raises(TypeError, match="columns is required"):
        baton.fit_table(x, lapsed=lapsed)
    with pytest.raises(baton.InvalidError, match=r"values\[0\]: 3 values for 2 columns"):
        baton.fit_table(x, ["a", "b"], lapsed)
    with pytest.raises(TypeError, match=r"values\[0\]\[1\] must be a number"):
        baton.fit_table([[1.0, "x", 2.0]] + x[1:], columns, lapsed)
    with pytest.raises(TypeError, match="values must be a 2-D array"):
        baton.fit_table(5, columns, lapsed)
    with pytest.raises(baton.InvalidError, match="columns must name the mapping's keys"):
        baton.fit_table({"a": [1.0, 2.0]}, ["b"], [0, 1])
    with pytest.raises(baton.InvalidError, match=r"values\['b'\]: 1 values where the first"):
        baton.fit_table({"a": [1.0, 2.0], "b": [1.0]}, lapsed=[0, 1])
    with pytest.raises(TypeError, match=r"columns\[0\] must be a str"):
        baton.fit_table(x, [1, 2, 3], lapsed)
    with pytest.raises(baton.InvalidError, match=r"columns\[0\]: not valid Unicode"):
        baton.fit_table(x, ["\udcff", "b", "c"], lapsed)
    # Names a model cannot carry (the library's fit would take them).
    with pytest.raises(baton.InvalidError, match=r"columns\[2\]: 'a' is listed twice"):
        baton.fit_table(x, ["a", "b", "a"], lapsed)
    for name in ["", " b", "b ", "b\nfeature 0 1 1 c"]:
        with pytest.raises(baton.InvalidError, match=r"columns\[1\]: .* must be one line"):
            baton.fit_table(x, ["a", name, "noise"], lapsed)
    with pytest.raises(TypeError, match="l2 must be a number"):
        baton.fit_table(x, columns, lapsed, l2="1")
    with pytest.raises(baton.InvalidError, match="l2 must be finite and not negative"):
        baton.fit_table(x, columns, lapsed, l2=-1.0)
    with pytest.raises(baton.InvalidError, match="folds must not be negative"):
        baton.fit_table(x, columns, lapsed, folds=-2)
    with pytest.raises(baton.InvalidError, match="max_iterations must be at least 1"):
        baton.fit_table(x, columns, lapsed, max_iterations=0)
    with pytest.raises(TypeError, match="folds must be an int"):
        baton.fit_table(x, columns, lapsed, folds=5.0)
    with pytest.raises(baton.InvalidError, match="training table: no rows"):
        baton.fit_table([], columns, [])
    with pytest.raises(baton.StateError):
        baton.fit_table(x, columns, lapsed, l2=0.0, max_iterations=1, folds=0)
    numpy = pytest.importorskip("numpy")
    with pytest.raises(baton.InvalidError, match=r"values has shape \(200, 3\) for 2 columns"):
        baton.fit_table(numpy.array(x), ["a", "b"], lapsed)
    with pytest.raises(baton.InvalidError, match=r"lapsed\[1\]: 0.5 is neither 0 nor 1"):
        baton.fit_table(numpy.array(x), columns, numpy.array([1.0, 0.5] + [0.0] * 198))


def write_history(path, rows):
    path.write_text("id,spend,plan,churned\n" + "".join(",".join(r) + "\n" for r in rows))
    return path


def test_fit_csv_one_hot_and_incomplete_rows(tmp_path):
    rng = random.Random(3)
    rows = []
    for k in range(400):
        plan = rng.choice(["basic", "pro", "max"])
        spend = rng.gauss(50, 10)
        lapse = rng.random() < logistic({"basic": 1.0, "pro": 0.0, "max": -1.0}[plan]
                                        - (spend - 50) / 10)
        rows.append(["c%d" % k, "%.3f" % spend, plan, "yes" if lapse else "no"])
    rows[10][1] = " "  # a blank value, as Telco's TotalCharges
    path = write_history(tmp_path / "history.csv", rows)

    with baton.fit_csv(path, ["spend"], ["plan"], outcome="churned", positive="yes",
                       skip_incomplete=True) as fit:
        assert fit.model.features == ["spend", "plan=basic", "plan=max", "plan=pro"]
        assert fit.summary.rows == 399 and fit.summary.skipped_rows == 1
        weights = fit.model.weights
        assert weights["spend"] < 0 and weights["plan=basic"] > weights["plan=max"]
    with pytest.raises(baton.ParseError, match=r"history.csv:12:2: spend: empty value"):
        baton.fit_csv(str(path), numeric=["spend"], categorical=["plan"], outcome="churned",
                      positive="yes")
    with pytest.raises(baton.ParseError, match='history.csv:1: no column "tier"'):
        baton.fit_csv(path, ["spend"], ["tier"], outcome="churned", positive="yes")
    rows[10][1] = "lots"
    write_history(path, rows)
    with pytest.raises(baton.ParseError, match=r":12:2: spend: not a finite number: \"lots\""):
        baton.fit_csv(path, ["spend"], ["plan"], outcome="churned", positive="yes",
                      skip_incomplete=True)
    rows[10][1] = "50"
    rows[11][3] = "maybe"
    write_history(path, rows)
    with pytest.raises(baton.ParseError, match=r":13:4: outcome \"maybe\" is neither"):
        baton.fit_csv(path, ["spend"], ["plan"], outcome="churned", positive="yes")
    with pytest.raises(baton.NotFoundError):
        baton.fit_csv(tmp_path / "missing.csv", ["spend"], outcome="churned", positive="yes")
    with pytest.raises(TypeError, match="outcome"):
        baton.fit_csv(path, ["spend"], ["plan"], positive="yes")
    with pytest.raises(TypeError, match="positive must be a str"):
        baton.fit_csv(path, ["spend"], outcome="churned", positive=True)
    with pytest.raises(TypeError, match=r"numeric\[0\] must be a str"):
        baton.fit_csv(path, [1], outcome="churned", positive="yes")
    with pytest.raises(baton.InvalidError, match="outcome: contains a NUL"):
        baton.fit_csv(path, ["spend"], outcome="churned\0", positive="yes")
    with pytest.raises(baton.InvalidError, match=r"numeric\[1\]: 'spend' is listed twice"):
        baton.fit_csv(path, ["spend", "spend"], outcome="churned", positive="yes")
    with pytest.raises(TypeError, match="skip_incomplete must be a bool"):
        baton.fit_csv(path, ["spend"], outcome="churned", positive="yes", skip_incomplete="no")


def test_fit_org_on_the_sample_history(sample):
    # Outcomes drawn from the default model, so a fit must find its signs.
    scores = baton.score(sample, as_of=AS_OF)
    rng = random.Random(5)
    lapsed = [rng.random() < r for r in scores.risk]
    with baton.fit_org(sample, FIT_FEATURES, scores.accounts, lapsed, as_of=AS_OF) as fit:
        assert fit.model.features == FIT_FEATURES
        weights = fit.model.weights
        assert weights["days_since_interaction"] > 0  # stale contact raises risk
        assert weights["days_to_renewal"] < 0  # a distant renewal lowers it
        assert fit.summary.rows == 2000 and fit.summary.mean_fold_auc > 0.6
        # The fitted model scores the same organisation.
        rescored = baton.score(sample, fit.model, as_of=AS_OF)
        assert len(rescored.risk) == 2000

    with pytest.raises(baton.InvalidError, match="nonsense: not an account feature"):
        baton.fit_org(sample, ["nonsense"], scores.accounts, lapsed, as_of=AS_OF)
    with pytest.raises(baton.NotFoundError, match=r'accounts\[1\]: no account with id "zz"'):
        baton.fit_org(sample, FIT_FEATURES, ["a0001", "zz"], [0, 1], as_of=AS_OF)
    with pytest.raises(baton.InvalidError, match="lapsed: 1999 outcomes for 2000 rows"):
        baton.fit_org(sample, FIT_FEATURES, scores.accounts, lapsed[:-1], as_of=AS_OF)
    with pytest.raises(baton.InvalidError, match="as_of: a day is required"):
        baton.fit_org(sample, FIT_FEATURES, scores.accounts, lapsed, as_of=None)
    with pytest.raises(TypeError, match="fit_org takes a baton.Org"):
        baton.fit_org(object(), FIT_FEATURES, scores.accounts, lapsed, as_of=AS_OF)
    with pytest.raises(TypeError, match=r"accounts\[0\] must be a str"):
        baton.fit_org(sample, FIT_FEATURES, [1], [1], as_of=AS_OF)
