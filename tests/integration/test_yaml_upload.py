"""Issue 10: a pydolphinscheduler YAML file uploaded to the import endpoint (as the UI does)."""
import getpass
import time

YAML = """
workflow:
  name: uploaded-yaml
  release_state: online
  run: true
tasks:
  - name: first
    task_type: Shell
    command: echo first
  - name: second
    task_type: Shell
    deps: [first]
    command: echo second
"""


def test_yaml_upload_creates_releases_and_runs(api):
    t = api.post("/tenants", {"tenantCode": getpass.getuser(), "queueId": 1})["data"]
    api.post("/users/update", {"id": 1, "userName": "admin", "email": "xxx@qq.com", "tenantId": t["id"], "state": 1})
    pc = api.post("/projects", {"projectName": "yamlup"})["data"]["code"]
    r = api.post(f"/projects/{pc}/process-definition/import", files={"file": ("wf.yaml", YAML.encode())})
    item = r["data"][0]
    assert item["name"] == "uploaded-yaml"
    dag = api.get(f"/projects/{pc}/process-definition/{item['code']}")["data"]
    assert dag["processDefinition"]["releaseState"] == "ONLINE"
    assert sorted(t["name"] for t in dag["taskDefinitionList"]) == ["first", "second"]
    iid = item["instanceId"]
    for _ in range(100):
        state = api.get(f"/projects/{pc}/process-instances/{iid}")["data"]["state"]
        if state in ("SUCCESS", "FAILURE"):
            break
        time.sleep(0.1)
    assert state == "SUCCESS"


def test_bad_yaml_upload_stores_nothing(api):
    pc = api.post("/projects", {"projectName": "yamlbad"})["data"]["code"]
    bad = b"workflow:\n  name: broken\ntasks:\n  - name: a\n    task_type: NoSuchType\n"
    r = api.post(f"/projects/{pc}/process-definition/import", files={"file": ("bad.yaml", bad)}, expect=50029)
    assert "NoSuchType" in r["msg"] or "task_type" in r["msg"]
    assert api.get(f"/projects/{pc}/process-definition", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 0
