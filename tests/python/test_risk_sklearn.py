"""Baton's trainer against scikit-learn on the real Telco customer-churn data
(../shared/data/telco, see PROVENANCE.md there): the same one-hot encoding,
standardisation and L2 objective must give the same coefficients (1e-4) and
the same 5-fold AUC (0.005). `pytest -s` prints both sets of figures."""

import csv
import os
from pathlib import Path

import pytest

import baton

numpy = pytest.importorskip("numpy")
sklearn = pytest.importorskip("sklearn")

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import KFold, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TELCO = Path(
    os.environ.get(
        "BATON_TELCO", ROOT / ".." / "shared" / "data" / "telco" / "Telco-Customer-Churn.csv"
    )
)
NUMERIC = ["SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges"]
CATEGORICAL = [
    "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService",
    "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
    "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod",
]
L2 = 1.0
FOLDS = 5

pytestmark = pytest.mark.skipif(not TELCO.exists(), reason="no Telco data at %s" % TELCO)


@pytest.fixture(scope="module")
def telco():
    """The design matrix as Baton builds it: numeric columns, then each
    categorical column one-hot with its levels sorted ("col=level"); the 11
    rows with a blank TotalCharges left out."""
    with open(TELCO, newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["TotalCharges"].strip()]
    levels = [sorted({row[c] for row in rows}) for c in CATEGORICAL]
    encoder = OneHotEncoder(categories=levels, sparse_output=False)
    one_hot = encoder.fit_transform([[row[c] for c in CATEGORICAL] for row in rows])
    numeric = numpy.array([[float(row[c]) for c in NUMERIC] for row in rows])
    x = numpy.hstack([numeric, one_hot])
    y = numpy.array([row["Churn"] == "Yes" for row in rows], dtype=int)
    names = NUMERIC + ["%s=%s" % (c, level) for c, ls in zip(CATEGORICAL, levels) for level in ls]
    return x, y, names


@pytest.fixture(scope="module")
def baton_fit():
    fit = baton.fit_csv(
        TELCO, NUMERIC, CATEGORICAL, outcome="Churn", positive="Yes",
        skip_incomplete=True, l2=L2, folds=FOLDS,
    )
    yield fit
    fit.close()


def sklearn_model():
    # newton-cholesky minimises sum of log-losses + |w|^2 / (2 C), the
    # intercept not penalised: Baton's objective with l2 = 1 / C.
    return LogisticRegression(C=1.0 / L2, solver="newton-cholesky", tol=1e-12, max_iter=1000)


def test_coefficients_agree_with_scikit_learn(telco, baton_fit):
    x, y, names = telco
    terms = baton_fit.model.terms
    assert terms.features == names
    assert baton_fit.summary.rows == len(y) == 7032 and baton_fit.summary.skipped_rows == 11

    scaler = StandardScaler().fit(x)  # population standard deviation, as Baton
    numpy.testing.assert_allclose(terms.centre, scaler.mean_, rtol=1e-12, atol=1e-12)
    numpy.testing.assert_allclose(terms.scale, scaler.scale_, rtol=1e-12)
    reference = sklearn_model().fit(scaler.transform(x), y)

    weight_diff = numpy.abs(numpy.array(terms.weight) - reference.coef_[0])
    bias_diff = abs(terms.bias - reference.intercept_[0])
    print("\nTelco, %d rows x %d columns, l2 = %g" % (len(y), len(names), L2))
    print("%-42s %14s %14s" % ("coefficient", "Baton", "scikit-learn"))
    for name, ours, theirs in zip(names, terms.weight, reference.coef_[0]):
        print("%-42s %14.9f %14.9f" % (name, ours, theirs))
    print("%-42s %14.9f %14.9f" % ("(bias / intercept)", terms.bias, reference.intercept_[0]))
    print("max |weight difference| %.3g, |bias difference| %.3g" % (weight_diff.max(), bias_diff))
    assert weight_diff.max() < 1e-4
    assert bias_diff < 1e-4

    # The same model gives the same in-sample AUC.
    in_sample = roc_auc_score(y, reference.predict_proba(scaler.transform(x))[:, 1])
    print("in-sample AUC: Baton %.6f, scikit-learn %.6f" % (baton_fit.summary.auc, in_sample))
    assert baton_fit.summary.auc == pytest.approx(in_sample, abs=1e-9)


def test_five_fold_auc_agrees_with_scikit_learn(telco, baton_fit):
    x, y, _ = telco
    # KFold without shuffling cuts consecutive blocks, as Baton does; each
    # fold is standardised on its training part inside the pipeline.
    pipeline = make_pipeline(StandardScaler(), sklearn_model())
    theirs = cross_val_score(pipeline, x, y, cv=KFold(FOLDS), scoring="roc_auc")
    ours = numpy.array(baton_fit.fold_aucs)
    print("\n5-fold AUC per fold: Baton %s" % numpy.array2string(ours, precision=6))
    print("                     scikit-learn %s" % numpy.array2string(theirs, precision=6))
    print("mean 5-fold AUC: Baton %.6f, scikit-learn %.6f (difference %.3g)"
          % (baton_fit.summary.mean_fold_auc, theirs.mean(),
             abs(baton_fit.summary.mean_fold_auc - theirs.mean())))
    assert len(ours) == FOLDS and baton_fit.summary.folds == FOLDS
    assert baton_fit.summary.mean_fold_auc == pytest.approx(theirs.mean(), abs=0.005)
    numpy.testing.assert_allclose(ours, theirs, atol=0.005)
