"""MLFLOW task against real MLflow: Porpoise's preset projects (mlflow-preset/) run with `mlflow run`
on a small synthetic dataset, tracked in a local SQLite store, models registered, then deployed with
`mlflow models serve` on a free loopback port, queried, and stopped.
"""
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

try:
    import numpy as np
    import pandas as pd
except ImportError:  # only when run without the ML venv, and conftest then skips every test
    np = pd = None
from conftest import PRESET, VENV, free_port

MODEL = "porpoise_test_model"


def synthetic_frame(rows, seed):
    """Two noisy numeric features and one text feature; the label depends on all three."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"x1": rng.normal(size=rows), "x2": rng.normal(size=rows),
                          "colour": rng.choice(["red", "green", "blue"], size=rows)})
    score = frame.x1 + 0.7 * frame.x2 + (frame.colour == "red") * 0.8 + rng.normal(scale=0.6, size=rows)
    frame["label"] = (score > 0.3).astype(int)
    return frame


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A SQLite tracking store with the experiments the tests use, and the data files.

    With a database store and no tracking server, MLflow puts the artifacts of an experiment under
    ./mlruns of the process that creates it: the store is initialised from inside its own folder and the
    experiments get explicit artifact locations there.
    """
    from mlflow.tracking import MlflowClient

    root = tmp_path_factory.mktemp("mlflow")
    synthetic_frame(240, seed=1).to_csv(root / "data.csv", index=False)
    folder = root / "train_data"
    folder.mkdir()
    synthetic_frame(180, seed=2).to_csv(folder / "train.csv", index=False)
    synthetic_frame(60, seed=3).to_csv(folder / "test.csv", index=False)
    uri = f"sqlite:///{root / 'mlflow.db'}"
    previous = os.getcwd()
    os.chdir(root)
    try:
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        for name in ("porpoise-tests", "custom"):
            client.create_experiment(name, artifact_location=(root / "artifacts" / name).as_uri())
    finally:
        os.chdir(previous)
    return {"root": root, "uri": uri, "csv": root / "data.csv", "folder": folder, "client": client}


@pytest.fixture(scope="module")
def client(store):
    return store["client"]


def preset_settings():
    return {"ml.mlflow.preset_repository": str(PRESET)}


def project_task(job_type, store, **fields):
    return {"mlflowTaskType": "MLflow Projects", "mlflowJobType": job_type, "mlflowTrackingUri": "${tracking}",
            "experimentName": "porpoise-tests", **fields}


def runs_of(client, experiment="porpoise-tests"):
    experiment = client.get_experiment_by_name(experiment)
    return client.search_runs([experiment.experiment_id], order_by=["attributes.start_time ASC"])


def production_version(client, name):
    return [v for v in client.search_model_versions(f"name='{name}'") if v.current_stage == "Production"]


@pytest.fixture(scope="module")
def basic_run(module_tasks, store, client):
    task = project_task("BasicAlgorithm", store, algorithm="rf", dataPath="${data}", modelName=MODEL,
                        params="n_estimators=${trees};max_features='sqrt'", searchParams="max_depth=[3, 6]")
    result = module_tasks.run("MLFLOW", task, params={"tracking": store["uri"], "data": str(store["csv"]), "trees": 40},
                              settings=preset_settings())
    return result


def test_basic_algorithm_trains_logs_and_registers(basic_run, client):
    basic_run.check()
    run = runs_of(client)[-1]
    assert run.info.status == "FINISHED"
    assert run.data.params["algorithm"] == "rf"
    assert run.data.params["param_n_estimators"] == "40"
    assert run.data.params["best_max_depth"] in ("3", "6")
    assert 0.6 < run.data.metrics["f1-score"] <= 1.0
    artifacts = [a.path for a in client.list_artifacts(run.info.run_id)]
    assert "sklearn_model" in artifacts
    production = production_version(client, MODEL)
    assert [str(v.version) for v in production] == ["1"] and production[0].run_id == run.info.run_id
    assert str(client.get_model_version_by_alias(MODEL, "production").version) == "1"


def test_automl_with_flaml_on_a_train_test_folder(basic_run, module_tasks, store, client):
    task = project_task("AutoML", store, automlTool="flaml", dataPath=str(store["folder"]), modelName=MODEL,
                        params="time_budget=8;metric=accuracy;estimator_list=['lgbm', 'rf', 'lrl1']")
    result = module_tasks.run("MLFLOW", task, params={"tracking": store["uri"]}, settings=preset_settings())
    result.check()
    assert "FLAML chose" in result.output
    run = runs_of(client)[-1]
    assert run.data.params["tool"] == "flaml"
    assert run.data.params["best_estimator"] in ("lgbm", "rf", "lrl1")
    assert "artifact" in [a.path for a in client.list_artifacts(run.info.run_id)]
    versions = client.search_model_versions(f"name='{MODEL}'")
    assert sorted(str(v.version) for v in versions) == ["1", "2"]
    # The version with the best f1-score is the one in Production, and only that one.
    scores = {str(v.version): client.get_run(v.run_id).data.metrics["f1-score"] for v in versions}
    best = max(scores, key=lambda version: (scores[version], int(version)))
    assert [str(v.version) for v in production_version(client, MODEL)] == [best]


def test_unsupported_automl_tool_fails_the_task(module_tasks, store):
    task = project_task("AutoML", store, automlTool="autosklearn", dataPath=str(store["csv"]))
    result = module_tasks.run("MLFLOW", task, params={"tracking": store["uri"]}, settings=preset_settings())
    assert result.exit_code != 0
    assert "AutoML tool 'autosklearn' is not supported" in result.output


def test_custom_project_from_a_local_folder(module_tasks, store, client, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "MLproject").write_text(
        "name: custom\nentry_points:\n  main:\n    parameters:\n      alpha: {type: float, default: 0.1}\n"
        "    command: python fit.py {alpha}\n")
    (project / "fit.py").write_text(
        "import sys, mlflow\nwith mlflow.start_run():\n    mlflow.log_metric('alpha_squared', float(sys.argv[1]) ** 2)\n")
    task = {"mlflowTaskType": "MLflow Projects", "mlflowJobType": "CustomProject", "mlflowTrackingUri": store["uri"],
            "experimentName": "custom", "mlflowProjectRepository": str(project), "params": "-P alpha=${alpha}"}
    module_tasks.run("MLFLOW", task, params={"alpha": "0.5"}).check()
    run = runs_of(client, "custom")[-1]
    assert run.data.params["alpha"] == "0.5"
    assert run.data.metrics["alpha_squared"] == pytest.approx(0.25)


@pytest.mark.parametrize("algorithm", ["lr", "svm", "xgboost", "lightgbm"])
def test_preset_basic_algorithms(algorithm, store, tmp_path):
    """The other algorithms of the preset, run directly (the task command line is covered above)."""
    env = {**os.environ, "MLFLOW_TRACKING_URI": (tmp_path / "mlruns").as_uri(),
           "MLFLOW_EXPERIMENT_NAME": "algorithms"}
    command = [str(VENV / "bin" / "python"), "train.py", "--algorithm", algorithm, "--data_path", str(store["csv"])]
    done = subprocess.run(command, cwd=PRESET / "Project-BasicAlgorithm", env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    f1 = float(done.stdout.split("f1-score ")[1].split()[0])
    assert 0.6 < f1 <= 1.0


def test_preset_rejects_an_unknown_estimator_parameter(store, tmp_path):
    env = {**os.environ, "MLFLOW_TRACKING_URI": (tmp_path / "mlruns").as_uri()}
    command = [str(VENV / "bin" / "python"), "train.py", "--algorithm", "lr", "--data_path", str(store["csv"]),
               "--params", "n_trees=5"]
    done = subprocess.run(command, cwd=PRESET / "Project-BasicAlgorithm", env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode != 0
    assert "LogisticRegression has no parameter n_trees" in done.stderr


def test_preset_merges_param_file_and_params(store, tmp_path):
    """param_file (JSON here, relative to where the run starts) and params combine; params win."""
    (tmp_path / "lr.json").write_text('{"C": 0.25, "max_iter": 500}')
    env = {**os.environ, "MLFLOW_TRACKING_URI": (tmp_path / "mlruns").as_uri(), "MLFLOW_EXPERIMENT_NAME": "files"}
    train = PRESET / "Project-BasicAlgorithm" / "train.py"
    command = [str(VENV / "bin" / "python"), str(train), "--algorithm", "LR", "--data_path", str(store["csv"]),
               "--param_file", "lr.json", "--params", "max_iter=300;solver='liblinear'"]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    from mlflow.tracking import MlflowClient

    files = MlflowClient(tracking_uri=(tmp_path / "mlruns").as_uri())
    run = files.search_runs([files.get_experiment_by_name("files").experiment_id])[0]
    assert {k: v for k, v in run.data.params.items() if k.startswith("param_")} == {
        "param_C": "0.25", "param_max_iter": "300", "param_solver": "liblinear"}


def serve_task(store, key, port):
    return {"mlflowTaskType": "MLflow Models", "deployType": "MLFLOW", "mlflowTrackingUri": store["uri"],
            "deployModelKey": key, "deployPort": "${port}"}


def stop_server(pid):
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(60):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    os.killpg(pid, signal.SIGKILL)


def test_deployed_model_keeps_serving_after_the_task_and_answers(basic_run, module_tasks, store, tmp_path):
    basic_run.check()
    port = free_port()
    serve_dir = tmp_path / "serve"
    result = module_tasks.run("MLFLOW", serve_task(store, f"models:/{MODEL}/Production", port), params={"port": port},
                              settings={"ml.mlflow.serve_dir": str(serve_dir), "ml.mlflow.serve_wait_seconds": "180"})
    pid_file = serve_dir / f"mlflow-serve-{port}.pid"
    pid = int(pid_file.read_text()) if pid_file.exists() else None
    try:
        result.check()
        assert "The model server answers" in result.output
        assert os.getpgid(pid) == pid, "the server should lead its own process group, apart from the task's"
        rows = pd.read_csv(store["csv"]).drop(columns=["label"]).head(5)
        body = json.dumps({"dataframe_split": rows.to_dict(orient="split", index=False)}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/invocations", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            predictions = json.loads(response.read())["predictions"]
        assert len(predictions) == 5 and set(predictions) <= {0, 1}
        assert (serve_dir / f"mlflow-serve-{port}.log").exists()
    finally:
        if pid:
            stop_server(pid)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=5)


def test_deploying_an_unknown_model_fails_with_the_server_log(module_tasks, store, tmp_path):
    port = free_port()
    serve_dir = tmp_path / "serve"
    result = module_tasks.run("MLFLOW", serve_task(store, "models:/no_such_model/Production", port),
                              params={"port": port}, settings={"ml.mlflow.serve_dir": str(serve_dir)})
    assert result.exit_code == 1, result.output
    assert "The model server exited before answering" in result.output
    assert "no_such_model" in result.output
    assert not (serve_dir / f"mlflow-serve-{port}.pid").exists()


def test_docker_deploy_fails_clearly_without_a_docker_engine(module_tasks, store):
    """These machines have no docker engine (at most the client): the task must say so, not hang."""
    if shutil.which("docker") and subprocess.run(["docker", "info"], capture_output=True).returncode == 0:
        pytest.skip("a docker engine answers on this machine; this test covers workers without one")
    task = {"mlflowTaskType": "MLflow Models", "deployType": "DOCKER", "mlflowTrackingUri": store["uri"],
            "deployModelKey": f"models:/{MODEL}/Production", "deployPort": "7000"}
    result = module_tasks.run("MLFLOW", task, timeout=120)
    assert result.exit_code == 1, result.output
    assert ("docker is not installed on this worker" in result.output
            or "the docker engine is not reachable from this worker" in result.output), result.output
