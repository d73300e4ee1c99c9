"""Porpoise preset AutoML project: searches a classifier with FLAML, logs it to MLflow.

tool: flaml (auto-sklearn, the other tool DolphinScheduler's preset offers, does not install on current
Python versions and is refused with a message). params: FLAML AutoML.fit settings as
"time_budget=30;metric='macro_f1';estimator_list=['lgbm', 'rf']" (defaults: time_budget 60 s, metric
macro_f1, seed 0). The preprocessing + best model pipeline is logged as `artifact` with the search
result (best estimator, its configuration, best loss) and the test metrics accuracy, precision, recall,
f1-score; with model_name it is registered and the best version moved to Production.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mlflow  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

from preset_common.data import load_dataset, preprocessor  # noqa: E402
from preset_common.evaluation import classification_metrics  # noqa: E402
from preset_common.params import parse_params  # noqa: E402
from preset_common.registry import register_and_promote  # noqa: E402
from preset_common.workdir import leave_read_only_directory  # noqa: E402

ARTIFACT_PATH = "artifact"
# mlflow_logging off: the run gets the chosen model and its metrics, not one entry per FLAML trial.
DEFAULT_SETTINGS = {"time_budget": 60, "metric": "macro_f1", "seed": 0, "verbose": 1, "mlflow_logging": False}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", default="flaml")
    parser.add_argument("--data_path", required=True)
    parser.add_argument("--label_column", default="label")
    parser.add_argument("--model_name", default="")
    parser.add_argument("--params", default="")
    args = parser.parse_args()
    args.data_path = str(Path(args.data_path).resolve())
    leave_read_only_directory()

    tool = args.tool.strip().lower()
    if tool != "flaml":
        raise SystemExit(f"AutoML tool {args.tool!r} is not supported by the Porpoise preset; use tool flaml")
    settings = {**DEFAULT_SETTINGS, **parse_params(args.params)}
    settings.pop("task", None)
    X_train, X_test, y_train, y_test = load_dataset(args.data_path, args.label_column)
    preprocess = preprocessor(X_train, scale_numbers=False)

    with mlflow.start_run() as run:
        mlflow.log_params({f"automl_{k}": v for k, v in settings.items()})
        from flaml import AutoML

        automl = AutoML()
        model = Pipeline([("preprocess", preprocess), ("model", automl)])
        model.fit(X_train, y_train, model__task="classification", **{f"model__{k}": v for k, v in settings.items()})
        mlflow.log_param("best_estimator", automl.best_estimator)
        mlflow.log_params({f"best_{k}": v for k, v in (automl.best_config or {}).items()})
        mlflow.log_metric("best_loss", automl.best_loss)

        predictions = model.predict(X_test)
        metrics = classification_metrics(y_test, predictions)
        mlflow.log_metrics(metrics)
        print(f"FLAML chose {automl.best_estimator}; test metrics: " + ", ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
        mlflow.sklearn.log_model(
            model, artifact_path=ARTIFACT_PATH, signature=infer_signature(X_train, model.predict(X_train))
        )
        print(f"Logged the model as runs:/{run.info.run_id}/{ARTIFACT_PATH}")
        if args.model_name.strip():
            register_and_promote(run.info.run_id, ARTIFACT_PATH, args.model_name.strip())


if __name__ == "__main__":
    main()
