"""`porpoise yaml -f FILE` against a real standalone server: a pydolphinscheduler YAML workflow with a
Condition task is submitted and run by the CLI (run as a subprocess), then checked over REST: the
definition exists and is ONLINE, its instance succeeded, the chosen branch ran and the other was skipped.
A malformed file makes the CLI fail with a message naming the file and line. examples/quickstart/run.sh
runs against the same kind of server.
"""
import getpass
import os
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from conftest import BINARY

PROJECT = "yaml-cli-test"

CONDITION_YAML = textwrap.dedent("""\
    # Condition on the result of `check`: success -> on_success, failure -> on_failure.
    check_command: &check_command |
      echo "checked ${value}"
      exit {exit_code}

    workflow:
      name: yaml_condition_{suffix}
      project: {project}
      param:
        value: 42
      run: true

    tasks:
      - name: check
        task_type: Shell
        command: *check_command

      - name: on_success
        deps: [condition]
        task_type: Shell
        command: echo "the check passed"

      - name: on_failure
        deps: [condition]
        task_type: Shell
        command: echo "the check failed"

      - name: condition
        task_type: Condition
        success_task: on_success
        failed_task: on_failure
        op: AND
        groups:
          - op: AND
            groups:
              - task: check
                flag: true
    """)


def run_cli(server, path):
    return subprocess.run([str(BINARY), "yaml", "-f", str(path), "--server", server.base],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def tenant_api(api):
    """Tasks run as the tenant's OS user: give admin a tenant named after the user running the tests."""
    tenant = api.post("/tenants", {"tenantCode": getpass.getuser(), "queueId": 1, "description": ""})["data"]
    api.post("/users/update", {"id": 1, "userName": "admin", "email": "admin@example.com", "tenantId": tenant["id"],
                               "state": 1})
    return api


def project_code(api, name):
    projects = api.get("/projects/list")["data"]
    matches = [p["code"] for p in projects if p["name"] == name]
    assert matches, f"project {name} not found in {[p['name'] for p in projects]}"
    return matches[0]


def workflow_by_name(api, project, name):
    rows = api.get(f"/projects/{project}/process-definition", {"pageNo": 1, "pageSize": 50, "searchVal": name})
    found = [w for w in rows["data"]["totalList"] if w["name"] == name]
    assert len(found) == 1, rows
    return found[0]


def finished_instance(api, project, workflow_code, timeout=60):
    deadline = time.time() + timeout
    while True:
        listing = api.get(f"/projects/{project}/process-instances",
                          {"pageNo": 1, "pageSize": 10, "processDefineCode": workflow_code})["data"]["totalList"]
        done = [i for i in listing if i["state"] in ("SUCCESS", "FAILURE", "STOP", "KILL")]
        if done:
            return done[0], listing
        assert time.time() < deadline, f"no finished instance after {timeout} s: {listing}"
        time.sleep(0.2)


def task_states(api, project, instance_id):
    tasks = api.get(f"/projects/{project}/process-instances/{instance_id}/tasks")["data"]["taskList"]
    return {t["name"]: t["state"] for t in tasks}, tasks


@pytest.mark.parametrize("exit_code,taken,skipped", [(0, "on_success", "on_failure"), (3, "on_failure", "on_success")])
def test_yaml_condition_workflow_runs_the_chosen_branch(server, tenant_api, tmp_path, exit_code, taken, skipped):
    api = tenant_api
    suffix = "ok" if exit_code == 0 else "fails"
    path = tmp_path / "condition.yaml"
    path.write_text(CONDITION_YAML.replace("{suffix}", suffix).replace("{project}", PROJECT)
                    .replace("{exit_code}", str(exit_code)))

    done = run_cli(server, path)
    assert done.returncode == 0, done.stdout + done.stderr
    name = f"yaml_condition_{suffix}"
    assert f"workflow '{name}': created" in done.stdout, done.stdout
    assert f"workflow '{name}': started" in done.stdout, done.stdout

    project = project_code(api, PROJECT)
    workflow = workflow_by_name(api, project, name)
    assert workflow["releaseState"] == "ONLINE"
    detail = api.get(f"/projects/{project}/process-definition/{workflow['code']}")["data"]
    types = {t["name"]: t["taskType"] for t in detail["taskDefinitionList"]}
    assert types == {"check": "SHELL", "on_success": "SHELL", "on_failure": "SHELL", "condition": "CONDITIONS"}

    instance, listing = finished_instance(api, project, workflow["code"])
    assert len(listing) == 1, listing
    states, tasks = task_states(api, project, instance["id"])
    assert instance["state"] == "SUCCESS", (instance, states)
    assert states["check"] == ("SUCCESS" if exit_code == 0 else "FAILURE")
    assert states["condition"] == "SUCCESS"
    assert states[taken] == "SUCCESS"
    assert states.get(skipped) == "SKIPPED", states

    # The chosen branch really ran its script; the global parameter reached the first task.
    by_name = {t["name"]: t for t in tasks}
    log = api.get("/log/detail", {"taskInstanceId": by_name[taken]["id"], "skipLineNum": 0, "limit": 200})["data"]
    assert ("the check passed" if exit_code == 0 else "the check failed") in log["message"]
    log = api.get("/log/detail", {"taskInstanceId": by_name["check"]["id"], "skipLineNum": 0, "limit": 200})["data"]
    assert "checked 42" in log["message"]


def test_resubmitting_updates_the_workflow_as_a_new_version(server, tenant_api, tmp_path):
    api = tenant_api
    path = tmp_path / "condition.yaml"
    path.write_text(CONDITION_YAML.replace("{suffix}", "again").replace("{project}", PROJECT)
                    .replace("{exit_code}", "0").replace("run: true", "run: false"))
    first = run_cli(server, path)
    assert first.returncode == 0, first.stdout + first.stderr
    path.write_text(path.read_text().replace('echo "the check passed"', 'echo "the check passed again"'))
    second = run_cli(server, path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "updated as a new version" in second.stdout, second.stdout
    project = project_code(api, PROJECT)
    workflow = workflow_by_name(api, project, "yaml_condition_again")
    assert workflow["releaseState"] == "ONLINE"
    assert workflow["version"] == 2
    listing = api.get(f"/projects/{project}/process-instances",
                      {"pageNo": 1, "pageSize": 10, "processDefineCode": workflow["code"]})["data"]["totalList"]
    assert listing == [], "run: false must not start the workflow"
    detail = api.get(f"/projects/{project}/process-definition/{workflow['code']}")["data"]
    scripts = {t["name"]: t["taskParams"]["rawScript"] for t in detail["taskDefinitionList"] if t["taskType"] == "SHELL"}
    assert scripts["on_success"] == 'echo "the check passed again"'
    assert len(detail["taskDefinitionList"]) == 4


def test_malformed_yaml_fails_with_file_and_line(server, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("workflow:\n  name: broken\n\ntasks:\n  - name: a\n    task_type: Shell\n"
                    "    command: [echo, unclosed\n  - name: b\n")
    done = run_cli(server, path)
    assert done.returncode != 0
    message = done.stdout + done.stderr
    assert f"{path}:" in message, message
    # The flow sequence opened on line 7 is never closed: the parser's location is on line 7 or later.
    line = int(message.split(f"{path}:")[1].split(":")[0].split()[0])
    assert 7 <= line <= 9, message


def test_unknown_task_type_names_the_line(server, tmp_path):
    path = tmp_path / "unknown.yaml"
    path.write_text("workflow:\n  name: unknown_type\n\ntasks:\n  - name: a\n    task_type: Shell\n    command: echo\n"
                    "  - name: b\n    task_type: NoSuchType\n")
    done = run_cli(server, path)
    assert done.returncode != 0
    message = done.stdout + done.stderr
    assert f"{path}:9" in message, message
    assert "NoSuchType" in message, message


def test_quickstart_example_runs_against_the_server(server):
    """examples/quickstart/run.sh with this server: it sets up the tenant, submits hello.yaml and waits."""
    script = Path(__file__).resolve().parents[2] / "examples" / "quickstart" / "run.sh"
    done = subprocess.run([str(script), server.base], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PORPOISE_BIN": str(BINARY)})
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.startswith("  ")}
    assert rows["task_child_one"][1:] == ["SUCCESS", "child", "one", "got", "7"], done.stdout
    assert rows["big"][1] == "SUCCESS" and rows["small"][1] == "SKIPPED", done.stdout
    assert "): SUCCESS" in done.stdout
