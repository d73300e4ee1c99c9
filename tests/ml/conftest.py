"""Shared set-up of the real-tool tests of the MLFLOW, DVC and OPENMLDB task plugins.

Each test renders a task with ml_render_task (the plugins' own render(), see render_task.cpp), then
runs the wrapper with bash exactly like the worker does: cd into the execute directory, source an env
script that puts the ML virtual environment (bin/ml-venv.sh) first on PATH, run the rendered script.

Paths (environment overrides): PORPOISE_ML_VENV (default <repo>/.venv-ml), PORPOISE_ML_RENDER_TASK
(default <repo>/build-ml-tests/bin/ml_render_task). Without the venv every test is skipped with a
message; tests/ml/run.sh creates it, builds the helper and runs this suite.
"""
import json
import os
import shlex
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("PORPOISE_ML_VENV", REPO / ".venv-ml"))
RENDER_TASK = Path(os.environ.get("PORPOISE_ML_RENDER_TASK", REPO / "build-ml-tests" / "bin" / "ml_render_task"))
PRESET = REPO / "mlflow-preset"
FAKES = Path(__file__).resolve().parent / "fakes"


def pytest_collection_modifyitems(config, items):
    if (VENV / "bin" / "python").exists():
        return
    skip = pytest.mark.skip(reason=f"the ML virtual environment {VENV} is missing: run tests/ml/run.sh or bin/ml-venv.sh")
    for item in items:
        item.add_marker(skip)


@dataclass
class TaskResult:
    exit_code: int
    output: str
    execute_dir: Path

    def check(self):
        assert self.exit_code == 0, f"task failed with {self.exit_code}:\n{self.output}"
        return self


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TaskRunner:
    """Renders and runs tasks in numbered execute directories under one temporary folder."""

    def __init__(self, root):
        if not RENDER_TASK.exists():
            pytest.fail(f"{RENDER_TASK} is missing: build it with tests/ml/run.sh (target ml_render_task)")
        self.root = root
        self.count = 0
        git_config = root / "gitconfig"
        git_config.write_text("")  # no identity: the DVC task must set one itself
        self.env_lines = [
            f"export PATH={shlex.quote(str(VENV / 'bin'))}:$PATH",
            f"export PYTHON_LAUNCHER={shlex.quote(str(VENV / 'bin' / 'python'))}",
            "export DVC_NO_ANALYTICS=1",
            "export GIT_CONFIG_NOSYSTEM=1",
            f"export GIT_CONFIG_GLOBAL={shlex.quote(str(git_config))}",
        ]

    def render(self, task_type, task_params, params=None, settings=None, env_lines=(), app_id=None):
        self.count += 1
        execute_dir = self.root / f"exec-{self.count}"
        params_file = self.root / f"task-params-{self.count}.json"
        params_file.write_text(json.dumps(task_params))
        env_file = self.root / f"env-{self.count}.sh"
        env_file.write_text("\n".join([*self.env_lines, *env_lines]) + "\n")
        command = [str(RENDER_TASK), "--type", task_type, "--task-params", str(params_file),
                   "--execute-dir", str(execute_dir), "--env-file", str(env_file),
                   "--app-id", app_id or f"1_{self.count}"]
        for name, value in (params or {}).items():
            command += ["--param", f"{name}={value}"]
        for key, value in (settings or {}).items():
            command += ["--setting", f"{key}={value}"]
        rendered = subprocess.run(command, capture_output=True, text=True)
        return rendered, execute_dir

    def run(self, task_type, task_params, params=None, settings=None, env_lines=(), timeout=600, app_id=None):
        rendered, execute_dir = self.render(task_type, task_params, params, settings, env_lines, app_id)
        assert rendered.returncode == 0, rendered.stderr
        wrapper = rendered.stdout.strip()
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("MLFLOW_", "PYTHON_", "DVC_", "GIT_")) and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        done = subprocess.run(["bash", wrapper], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env, timeout=timeout, start_new_session=True)
        return TaskResult(done.returncode, done.stdout, execute_dir)


@pytest.fixture
def tasks(tmp_path):
    return TaskRunner(tmp_path)


@pytest.fixture(scope="module")
def module_tasks(tmp_path_factory):
    return TaskRunner(tmp_path_factory.mktemp("tasks"))
