"""The ML task types through the real server: a pydolphinscheduler YAML workflow (DVC init, upload and
download, then MLflow BasicAlgorithm training with model registration) is submitted with
`porpoise yaml` to a `porpoise standalone-server` started for the test, and run by its worker; the
results are checked over REST and in git, DVC and MLflow themselves.

Needs the ML venv (bin/ml-venv.sh; conftest skips every test without it) and the porpoise binary
($PORPOISE_BIN, default <repo>/build/bin/porpoise). The second test runs the whole ML tutorial
(examples/ml-tutorial/run.sh: AutoML training, evaluation, model serving; about 2.5 minutes, the first
test about 1); PORPOISE_ML_TUTORIAL=0 leaves it out.
"""
import getpass
import importlib.util
import json
import os
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from conftest import PRESET, REPO, VENV

BINARY = Path(os.environ.get("PORPOISE_BIN", REPO / "build" / "bin" / "porpoise"))
PROJECT = "ml-e2e"
MODEL = "e2e_model"


def load_integration_helpers():
    """tests/integration/conftest.py (Server, Client) under its own module name: ours is also `conftest`."""
    spec = importlib.util.spec_from_file_location("integration_conftest", REPO / "tests" / "integration" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    if not BINARY.exists():
        pytest.skip(f"{BINARY} is missing: build the porpoise target or set PORPOISE_BIN")
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="module")
def server(work):
    """A standalone server whose MLFLOW tasks use the repository's preset projects."""
    helpers = load_integration_helpers()
    data_dir = work / "server"
    data_dir.mkdir()
    config = work / "application.yaml"
    config.write_text(textwrap.dedent(f"""\
        paths:
          data-dir: {data_dir}
          log-dir: {data_dir}/logs
          env-script: {REPO}/conf/dolphinscheduler_env.sh
          execute-dir: {data_dir}/exec
        tasks:
          ml:
            mlflow:
              preset_repository: {PRESET}
              serve_dir: {work}/serve
        """))
    server = helpers.Server(data_dir, extra_args=["--config", str(config)], ).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api(server, work):
    """Logged-in client; admin runs tasks as a tenant named after this OS user; Environment `ml-venv`."""
    api = server.client()
    tenant = api.post("/tenants", {"tenantCode": getpass.getuser(), "queueId": 1, "description": ""})["data"]
    api.post("/users/update", {"id": 1, "userName": "admin", "email": "admin@example.com", "tenantId": tenant["id"],
                               "state": 1})
    git_config = work / "gitconfig"
    git_config.write_text("")  # no identity: the DVC task must commit without one from the user
    config = "\n".join([f"export PATH={VENV}/bin:$PATH", f"export PYTHON_LAUNCHER={VENV}/bin/python",
                        "export DVC_NO_ANALYTICS=1", "export GIT_CONFIG_NOSYSTEM=1",
                        f"export GIT_CONFIG_GLOBAL={git_config}"])
    api.post("/environment/create", {"name": "ml-venv", "config": config, "description": "",
                                     "workerGroups": json.dumps(["default"])})
    return api


@pytest.fixture(scope="module")
def tracking(work):
    """SQLite tracking store with the experiment created beforehand, artifacts in a folder of their own."""
    from mlflow.tracking import MlflowClient

    uri = f"sqlite:///{work / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    client.create_experiment("e2e", artifact_location=(work / "artifacts").as_uri())
    return {"uri": uri, "client": client}


WORKFLOW_YAML = """\
repository: &repository {work}/dvc/repo
store_url: &store_url {work}/dvc/store
env: &env ml-venv

workflow:
  name: ml_e2e
  project: {project}
  run: true

tasks:
  - name: create_git_repo
    task_type: Shell
    command: git init --bare {work}/dvc/repo

  - name: init_dvc
    deps: [create_git_repo]
    task_type: DVCInit
    environment_name: *env
    repository: *repository
    store_url: *store_url

  - name: make_data
    deps: [init_dvc]
    task_type: Python
    environment_name: *env
    definition: |
      import numpy as np, pandas as pd, os
      rng = np.random.default_rng(7)
      rows = int("${{rows}}")
      frame = pd.DataFrame({{"x1": rng.normal(size=rows), "x2": rng.normal(size=rows),
                             "colour": rng.choice(["red", "blue"], size=rows)}})
      frame["label"] = ((frame.x1 + frame.x2 + (frame.colour == "red") + rng.normal(scale=0.4, size=rows)) > 0.5).astype(int)
      os.makedirs("${{out}}", exist_ok=True)
      frame.to_csv("${{out}}/data.csv", index=False)
      print("rows written:", len(frame))
    local_params:
      - {{ "prop": "rows", "direct": "IN", "type": "VARCHAR", "value": 300 }}
      - {{ "prop": "out", "direct": "IN", "type": "VARCHAR", "value": {work}/made }}

  - name: upload_data
    deps: [make_data]
    task_type: DVCUpload
    environment_name: *env
    repository: *repository
    data_path_in_worker: {work}/made
    data_path_in_dvc_repository: data
    version: v1
    message: synthetic data 300

  - name: download_data
    deps: [upload_data]
    task_type: DVCDownload
    environment_name: *env
    repository: *repository
    data_path_in_dvc_repository: data
    data_path_in_worker: {work}/pulled
    version: v1

  - name: train
    deps: [download_data]
    task_type: MLFlowProjectsBasicAlgorithm
    environment_name: *env
    mlflow_tracking_uri: {tracking}
    experiment_name: e2e
    model_name: {model}
    algorithm: LR
    parameters: C=0.5
    data_path: {work}/pulled/data.csv
"""


def wait_for_instance(api, project, workflow_code, timeout=240):
    deadline = time.time() + timeout
    while True:
        listing = api.get(f"/projects/{project}/process-instances",
                          {"pageNo": 1, "pageSize": 10, "processDefineCode": workflow_code})["data"]["totalList"]
        if listing and listing[0]["state"] in ("SUCCESS", "FAILURE", "STOP", "KILL"):
            return listing[0]
        assert time.time() < deadline, f"workflow still running after {timeout} s: {listing}"
        time.sleep(1)


def task_logs(api, tasks):
    return "\n".join(f"--- {t['name']} {t['state']}\n" + api.get("/log/detail", {
        "taskInstanceId": t["id"], "skipLineNum": 0, "limit": 400})["data"]["message"] for t in tasks)


def test_dvc_and_mlflow_workflow_through_the_server(server, api, work, tracking):
    path = work / "ml_e2e.yaml"
    path.write_text(WORKFLOW_YAML.format(work=work, project=PROJECT, tracking=tracking["uri"], model=MODEL))
    done = subprocess.run([str(BINARY), "yaml", "-f", str(path), "--server", server.base], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "workflow 'ml_e2e': started" in done.stdout, done.stdout

    project = next(p["code"] for p in api.get("/projects/list")["data"] if p["name"] == PROJECT)
    definitions = api.get(f"/projects/{project}/process-definition",
                          {"pageNo": 1, "pageSize": 10, "searchVal": "ml_e2e"})["data"]["totalList"]
    workflow = next(w for w in definitions if w["name"] == "ml_e2e")
    detail = api.get(f"/projects/{project}/process-definition/{workflow['code']}")["data"]
    types = {t["name"]: t["taskType"] for t in detail["taskDefinitionList"]}
    assert types["init_dvc"] == "DVC" and types["train"] == "MLFLOW"
    environment = api.get("/environment/query-environment-list")["data"][0]["code"]
    assert all(t["environmentCode"] == environment for t in detail["taskDefinitionList"] if t["name"] != "create_git_repo")

    instance = wait_for_instance(api, project, workflow["code"])
    tasks = api.get(f"/projects/{project}/process-instances/{instance['id']}/tasks")["data"]["taskList"]
    states = {t["name"]: t["state"] for t in tasks}
    assert instance["state"] == "SUCCESS", f"{states}\n{task_logs(api, tasks)}"
    assert set(states.values()) == {"SUCCESS"} and len(states) == 6, states

    # DVC: the bare repository holds the tag, the remote the data; the download equals the upload.
    tags = subprocess.run(["git", "--git-dir", str(work / "dvc" / "repo"), "tag"], capture_output=True, text=True)
    assert tags.stdout.split() == ["v1"], tags
    assert any((work / "dvc" / "store").rglob("*")), "the DVC remote is empty"
    assert (work / "pulled" / "data.csv").read_bytes() == (work / "made" / "data.csv").read_bytes()

    # MLflow: the run used the preset project with our parameters and registered the model.
    client = tracking["client"]
    runs = client.search_runs([client.get_experiment_by_name("e2e").experiment_id])
    assert len(runs) == 1
    run = runs[0]
    assert run.info.status == "FINISHED"
    assert run.data.params["algorithm"].lower() == "lr"
    assert run.data.params["param_C"] == "0.5"
    assert 0.6 < run.data.metrics["f1-score"] <= 1.0
    versions = client.search_model_versions(f"name='{MODEL}'")
    assert [(str(v.version), v.current_stage) for v in versions] == [("1", "Production")]
    assert versions[0].run_id == run.info.run_id

    train_log = task_logs(api, [t for t in tasks if t["name"] == "train"])
    assert "python train.py --algorithm lr" in train_log and "--model_name e2e_model" in train_log, train_log


@pytest.mark.skipif(os.environ.get("PORPOISE_ML_TUTORIAL") == "0", reason="PORPOISE_ML_TUTORIAL=0: ML tutorial not run")
def test_ml_tutorial_runs_end_to_end(tmp_path):
    if not BINARY.exists():
        pytest.skip(f"{BINARY} is missing: build the porpoise target or set PORPOISE_BIN")
    env = {**os.environ, "PORPOISE_BIN": str(BINARY), "ML_TUTORIAL_HOME": str(tmp_path / "tutorial")}
    done = subprocess.run([str(REPO / "examples" / "ml-tutorial" / "run.sh")], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-6000:]
    assert "model airplane: version 1 is in Production" in done.stdout
    assert "served model on port" in done.stdout
