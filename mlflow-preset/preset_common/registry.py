"""Model registration as DolphinScheduler's preset projects do it.

register_and_promote(): creates the registered model if needed, registers the run's model as a new
version, then moves the version with the best `f1-score` (over all versions) to the Production stage,
archiving any other Production version, and points the `production` alias at it as well (stages are
deprecated in recent MLflow; the alias is their successor). `models:/<name>/Production` and
`models:/<name>@production` then both name the best model.
"""
import math
import warnings

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient

RANKING_METRIC = "f1-score"


def _score(client, version):
    metrics = client.get_run(version.run_id).data.metrics if version.run_id else {}
    return metrics.get(RANKING_METRIC, -math.inf)


def register_and_promote(run_id, artifact_path, model_name):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*stage.*", category=FutureWarning)
        return _register_and_promote(run_id, artifact_path, model_name)


def _register_and_promote(run_id, artifact_path, model_name):
    client = MlflowClient()
    try:
        client.get_registered_model(model_name)
    except MlflowException:
        client.create_registered_model(model_name)
    new_version = mlflow.register_model(f"runs:/{run_id}/{artifact_path}", model_name)
    print(f"Registered {model_name} version {new_version.version}")

    escaped = model_name.replace("'", "\\'")
    versions = client.search_model_versions(f"name='{escaped}'")
    best = max(versions, key=lambda v: (_score(client, v), int(v.version)))
    for version in versions:
        if version.current_stage == "Production" and version.version != best.version:
            client.transition_model_version_stage(model_name, version.version, "Archived")
    if best.current_stage != "Production":
        client.transition_model_version_stage(model_name, best.version, "Production")
    client.set_registered_model_alias(model_name, "production", best.version)
    print(f"{model_name} version {best.version} ({RANKING_METRIC} {_score(client, best):.4f}) is in Production")
    return new_version.version, best.version
