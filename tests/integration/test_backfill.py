"""Issue 7: complement data (backfill) over 5 dates, serial and parallel."""
import getpass
import json
import time

import pytest

DATES = ["2024-03-01 00:00:00", "2024-03-02 00:00:00", "2024-03-03 00:00:00", "2024-03-04 00:00:00",
         "2024-03-05 00:00:00"]


def make_workflow(api):
    t = api.post("/tenants", {"tenantCode": getpass.getuser(), "queueId": 1})["data"]
    api.post("/users/update", {"id": 1, "userName": "admin", "email": "xxx@qq.com", "tenantId": t["id"], "state": 1})
    pc = api.post("/projects", {"projectName": "backfill"})["data"]["code"]
    code = api.get(f"/projects/{pc}/task-definition/gen-task-codes", {"genNum": 1})["data"][0]
    tasks = [{"code": code, "name": "show", "taskType": "SHELL",
              "taskParams": {"rawScript": "echo bizdate=${system.biz.date} day=$[yyyyMMdd]"}}]
    rels = [{"preTaskCode": 0, "postTaskCode": code}]
    wf = api.post(f"/projects/{pc}/process-definition", {"name": "bf", "tenantCode": "default",
                                                          "taskDefinitionJson": json.dumps(tasks),
                                                          "taskRelationJson": json.dumps(rels)})["data"]["code"]
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": "ONLINE"})
    return pc, wf


def wait_all(api, pc, wf, count):
    for _ in range(300):
        items = api.get(f"/projects/{pc}/process-instances", {"pageNo": 1, "pageSize": 50,
                                                              "processDefineCode": wf})["data"]["totalList"]
        if len(items) == count and all(i["state"] in ("SUCCESS", "FAILURE") for i in items):
            return items
        time.sleep(0.1)
    raise AssertionError(f"instances did not finish: {items}")


@pytest.mark.parametrize("run_mode,parallelism", [("RUN_MODE_SERIAL", ""), ("RUN_MODE_PARALLEL", "2")])
def test_backfill_five_dates(api, run_mode, parallelism):
    pc, wf = make_workflow(api)
    api.post(f"/projects/{pc}/executors/start-process-instance", {
        "processDefinitionCode": wf, "failureStrategy": "CONTINUE", "warningType": "NONE",
        "execType": "COMPLEMENT_DATA", "runMode": run_mode, "expectedParallelismNumber": parallelism,
        "scheduleTime": json.dumps({"complementScheduleDateList": ",".join(DATES)})})
    items = wait_all(api, pc, wf, 5)
    assert sorted(i["scheduleTime"] for i in items) == DATES
    assert all(i["state"] == "SUCCESS" and i["commandType"] == "COMPLEMENT_DATA" for i in items)
    for inst in items:
        task = api.get(f"/projects/{pc}/process-instances/{inst['id']}/tasks")["data"]["taskList"][0]
        log = api.get("/log/detail", {"taskInstanceId": task["id"], "skipLineNum": 0, "limit": 100})["data"]["message"]
        day = inst["scheduleTime"][:10].replace("-", "")
        prev = {"20240301": "20240229", "20240302": "20240301", "20240303": "20240302", "20240304": "20240303",
                "20240305": "20240304"}[day]
        assert f"bizdate={prev} day={day}" in log, log


def test_backfill_range_and_limits(api):
    pc, wf = make_workflow(api)
    api.post(f"/projects/{pc}/executors/start-process-instance", {
        "processDefinitionCode": wf, "failureStrategy": "CONTINUE", "warningType": "NONE",
        "execType": "COMPLEMENT_DATA", "runMode": "RUN_MODE_SERIAL",
        "scheduleTime": json.dumps({"complementStartDate": "2024-03-01 00:00:00",
                                    "complementEndDate": "2024-03-03 00:00:00"})})
    items = wait_all(api, pc, wf, 3)
    assert sorted(i["scheduleTime"] for i in items) == DATES[:3]
    too_many = ",".join(f"2024-01-{d:02d} 00:00:00" for d in range(1, 32)) + "," + ",".join(
        f"2024-02-{d:02d} 00:00:00" for d in range(1, 30)) + "," + ",".join(
        f"2024-03-{d:02d} 00:00:00" for d in range(1, 32)) + "," + ",".join(f"2024-04-{d:02d} 00:00:00" for d in range(1, 11))
    api.post(f"/projects/{pc}/executors/start-process-instance", {
        "processDefinitionCode": wf, "failureStrategy": "CONTINUE", "warningType": "NONE",
        "execType": "COMPLEMENT_DATA", "scheduleTime": json.dumps({"complementScheduleDateList": too_many})},
        expect=1400003)
    api.post(f"/projects/{pc}/executors/start-process-instance", {
        "processDefinitionCode": wf, "failureStrategy": "CONTINUE", "warningType": "NONE",
        "execType": "COMPLEMENT_DATA", "scheduleTime": json.dumps({"complementStartDate": "2024-03-05 00:00:00",
                                                                   "complementEndDate": "2024-03-01 00:00:00"})},
        expect=80003)
