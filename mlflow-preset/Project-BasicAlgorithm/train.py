"""Porpoise preset BasicAlgorithm project: trains a scikit-learn classifier, logs it to MLflow.

algorithm: lr (logistic regression), svm (support vector classifier), rf (random forest), xgboost
(scikit-learn GradientBoostingClassifier, no xgboost needed) or lightgbm (scikit-learn
HistGradientBoostingClassifier, the same histogram-based boosting, no lightgbm needed).
params / param_file: the estimator's constructor arguments ("n_estimators=200;max_depth=5"; params win).
search_params: a grid ("max_depth=[3, 5];n_estimators=[50, 100]") searched with 3-fold cross-validation
on macro F1. The fitted pipeline (preprocessing + estimator) is logged as `sklearn_model` together with
the test metrics accuracy, precision, recall and f1-score; with model_name it is registered and the best
version moved to Production.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mlflow  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from sklearn.ensemble import (  # noqa: E402
    GradientBoostingClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

from preset_common.data import load_dataset, preprocessor  # noqa: E402
from preset_common.evaluation import classification_metrics  # noqa: E402
from preset_common.params import parse_params, parse_search_params, read_param_file  # noqa: E402
from preset_common.registry import register_and_promote  # noqa: E402
from preset_common.workdir import leave_read_only_directory  # noqa: E402

ARTIFACT_PATH = "sklearn_model"

# name -> (estimator class, default arguments, whether numeric features are standardised)
ALGORITHMS = {
    "lr": (LogisticRegression, {"max_iter": 1000}, True),
    "svm": (SVC, {}, True),
    "rf": (RandomForestClassifier, {"random_state": 0}, False),
    "xgboost": (GradientBoostingClassifier, {"random_state": 0}, False),
    "lightgbm": (HistGradientBoostingClassifier, {"random_state": 0}, False),
}


def build_estimator(algorithm, params):
    if algorithm not in ALGORITHMS:
        raise SystemExit(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    estimator_class, defaults, scale = ALGORITHMS[algorithm]
    estimator = estimator_class(**defaults)
    valid = estimator.get_params()
    unknown = sorted(set(params) - set(valid))
    if unknown:
        raise SystemExit(
            f"{estimator_class.__name__} has no parameter {', '.join(unknown)}; valid ones: {', '.join(sorted(valid))}"
        )
    estimator.set_params(**params)
    return estimator, scale


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--algorithm", default="lightgbm")
    parser.add_argument("--data_path", required=True)
    parser.add_argument("--label_column", default="label")
    parser.add_argument("--model_name", default="")
    parser.add_argument("--param_file", default="")
    parser.add_argument("--params", default="")
    parser.add_argument("--search_params", default="")
    args = parser.parse_args()
    if args.param_file:
        args.param_file = str(Path(args.param_file).resolve())
    args.data_path = str(Path(args.data_path).resolve())
    leave_read_only_directory()

    algorithm = args.algorithm.strip().lower()
    params = {**read_param_file(args.param_file), **parse_params(args.params)}
    grid = parse_search_params(args.search_params)
    X_train, X_test, y_train, y_test = load_dataset(args.data_path, args.label_column)
    estimator, scale = build_estimator(algorithm, params)
    model = Pipeline([("preprocess", preprocessor(X_train, scale)), ("model", estimator)])

    with mlflow.start_run() as run:
        mlflow.log_params({f"param_{k}": v for k, v in params.items()})
        if grid:
            folds = int(min(3, y_train.value_counts().min()))
            if folds < 2:
                raise SystemExit("search_params needs at least two training rows of every class")
            search = GridSearchCV(model, {f"model__{k}": v for k, v in grid.items()}, cv=folds, scoring="f1_macro")
            search.fit(X_train, y_train)
            model = search.best_estimator_
            mlflow.log_params({f"best_{k.removeprefix('model__')}": v for k, v in search.best_params_.items()})
            mlflow.log_metric("cv_f1_macro", search.best_score_)
        else:
            model.fit(X_train, y_train)

        predictions = model.predict(X_test)
        metrics = classification_metrics(y_test, predictions)
        mlflow.log_metrics(metrics)
        print("Test metrics: " + ", ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
        mlflow.sklearn.log_model(
            model, artifact_path=ARTIFACT_PATH, signature=infer_signature(X_train, model.predict(X_train))
        )
        print(f"Logged the model as runs:/{run.info.run_id}/{ARTIFACT_PATH}")
        if args.model_name.strip():
            register_and_promote(run.info.run_id, ARTIFACT_PATH, args.model_name.strip())


if __name__ == "__main__":
    main()
