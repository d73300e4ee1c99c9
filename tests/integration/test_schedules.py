"""Schedules REST API (spec ds-api.md §3.12) against the real binary: create, update, online/offline,
delete, list, preview, DolphinScheduler's error codes, and a schedule firing every second."""
import json
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests

from conftest import Server

BASE_SCHEDULE = {"startTime": "2024-01-01 00:00:00", "endTime": "2099-12-31 00:00:00",
                 "crontab": "0 0 * * * ? *", "timezoneId": "UTC"}


def schedule_json(**overrides):
    return json.dumps({**BASE_SCHEDULE, **overrides})


def create_project(api):
    return api.post("/projects", {"projectName": "sched_" + uuid.uuid4().hex[:8]})["data"]["code"]


def task_code(api, pc):
    body = api.get(f"/projects/{pc}/task-definition/gen-task-codes", {"genNum": 1}, expect=None)
    if body.get("code") == 0 and body.get("data"):
        return body["data"][0]
    return int(time.time() * 1000) * 100 + uuid.uuid4().int % 100


def create_workflow(api, pc, online=True, script="echo scheduled at ${system.biz.date}"):
    code = task_code(api, pc)
    tasks = [{"code": code, "name": "say", "description": "", "taskType": "SHELL",
              "taskParams": {"localParams": [], "rawScript": script, "resourceList": []},
              "flag": "YES", "taskPriority": "MEDIUM", "workerGroup": "default", "environmentCode": -1,
              "failRetryTimes": 0, "failRetryInterval": 1, "timeoutFlag": "CLOSE", "timeoutNotifyStrategy": "",
              "timeout": 0, "delayTime": 0, "taskGroupId": 0, "taskGroupPriority": 0, "cpuQuota": -1,
              "memoryMax": -1, "taskExecuteType": "BATCH"}]
    relations = [{"name": "", "preTaskCode": 0, "preTaskVersion": 0, "postTaskCode": code, "postTaskVersion": 0,
                  "conditionType": "NONE", "conditionParams": {}}]
    body = api.post(f"/projects/{pc}/process-definition",
                    {"name": "wf_" + uuid.uuid4().hex[:8], "tenantCode": "default", "description": "",
                     "executionType": "PARALLEL", "timeout": 0, "globalParams": "[]",
                     "locations": json.dumps([{"taskCode": code, "x": 100, "y": 100}]),
                     "taskDefinitionJson": json.dumps(tasks), "taskRelationJson": json.dumps(relations)})
    wf = body["data"]["processDefinition"]["code"] if "processDefinition" in body["data"] else body["data"]["code"]
    if online:
        release(api, pc, wf, "ONLINE")
    return wf


def release(api, pc, wf, state):
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": state})


def definitions_available(server):
    api = server.client()
    pc = create_project(api)
    r = api.request("GET", f"/projects/{pc}/process-definition", params={"pageNo": 1, "pageSize": 10})
    try:
        return r.json().get("code") == 0
    except ValueError:
        return False  # the SPA fallback answered: no such endpoint yet


@pytest.fixture
def ctx(server):
    if not definitions_available(server):
        pytest.skip("workflow definition endpoints are not in this build yet")
    api = server.client()
    pc = create_project(api)
    return api, pc


def create_schedule(api, pc, wf, expect=0, http=201, **fields):
    data = {"processDefinitionCode": wf, "schedule": schedule_json(), **fields}
    r = api.request("POST", f"/projects/{pc}/schedules", data=data)
    assert r.status_code == http, r.text
    body = r.json()
    assert body["code"] == expect, body
    return body


def schedules_of(api, pc, wf):
    return api.get(f"/projects/{pc}/schedules",
                   {"processDefinitionCode": wf, "pageNo": 1, "pageSize": 10})["data"]["totalList"]


def test_create_requires_an_online_workflow_and_returns_the_schedule(ctx):
    api, pc = ctx
    wf = create_workflow(api, pc, online=False)
    body = create_schedule(api, pc, wf, expect=50004)
    assert "not online" in body["msg"]
    release(api, pc, wf, "ONLINE")
    s = create_schedule(api, pc, wf, schedule=schedule_json(timezoneId="Asia/Shanghai"), warningType="FAILURE",
                        failureStrategy="END", processInstancePriority="HIGH", workerGroup="default")["data"]
    assert s["id"] > 0
    assert s["processDefinitionCode"] == wf
    assert s["releaseState"] == "OFFLINE"
    assert s["crontab"] == "0 0 * * * ? *"
    assert s["timezoneId"] == "Asia/Shanghai"
    assert s["startTime"] == "2024-01-01 00:00:00"
    assert s["endTime"] == "2099-12-31 00:00:00"
    assert s["warningType"] == "FAILURE"
    assert s["failureStrategy"] == "END"
    assert s["processInstancePriority"] == "HIGH"
    assert s["environmentCode"] == -1
    assert s["userName"] == "admin"
    assert s["processDefinitionName"].startswith("wf_")
    # Defaults when the optional fields are absent (or empty, as the UI sends them).
    wf2 = create_workflow(api, pc)
    d = create_schedule(api, pc, wf2, warningGroupId="", environmentCode="")["data"]
    assert (d["warningType"], d["failureStrategy"], d["processInstancePriority"], d["workerGroup"],
            d["warningGroupId"], d["environmentCode"]) == ("NONE", "CONTINUE", "MEDIUM", "default", 1, -1)


def test_create_rejects_bad_input_with_dolphinscheduler_codes(ctx):
    api, pc = ctx
    wf = create_workflow(api, pc)
    same = schedule_json(startTime="2030-01-01 00:00:00", endTime="2030-01-01 00:00:00")
    create_schedule(api, pc, wf, expect=10141, schedule=same)
    reversed_range = schedule_json(startTime="2031-01-01 00:00:00", endTime="2030-01-01 00:00:00")
    create_schedule(api, pc, wf, expect=80003, schedule=reversed_range)
    body = create_schedule(api, pc, wf, expect=10001, schedule=schedule_json(crontab="0 0 25 * * ? *"))
    assert "hours" in body["msg"] and "25" in body["msg"], body["msg"]
    body = create_schedule(api, pc, wf, expect=130031, schedule=schedule_json(timezoneId="Mars/Olympus"))
    assert "Mars/Olympus" in body["msg"]
    create_schedule(api, pc, wf, expect=10076, schedule="{not json")
    create_schedule(api, pc, wf, expect=10076, schedule=json.dumps({"crontab": "0 0 * * * ? *"}))
    create_schedule(api, pc, wf, expect=10076, schedule=schedule_json(startTime="yesterday"))
    create_schedule(api, pc, 123456789, expect=50003)
    create_schedule(api, 42, wf, expect=10190)
    # Nothing half-written: the workflow still has no schedule, and one can be created now.
    assert schedules_of(api, pc, wf) == []
    first = create_schedule(api, pc, wf)["data"]
    body = create_schedule(api, pc, wf, expect=10204)
    assert str(first["id"]) in body["msg"]


def test_update_by_id_and_by_workflow_code(ctx):
    api, pc = ctx
    wf = create_workflow(api, pc)
    sid = create_schedule(api, pc, wf)["data"]["id"]
    api.put(f"/projects/{pc}/schedules/{sid}",
            {"schedule": schedule_json(crontab="0 30 6 ? * MON-FRI *", timezoneId="Europe/Berlin"),
             "warningType": "ALL", "warningGroupId": 1, "processInstancePriority": "LOW"})
    s = schedules_of(api, pc, wf)[0]
    assert (s["crontab"], s["timezoneId"], s["warningType"], s["processInstancePriority"]) == \
        ("0 30 6 ? * MON-FRI *", "Europe/Berlin", "ALL", "LOW")
    assert s["failureStrategy"] == "END"  # DolphinScheduler's default for update
    api.put(f"/projects/{pc}/schedules/update/{wf}",
            {"schedule": schedule_json(crontab="0 0 12 * * ? *"), "failureStrategy": "CONTINUE"})
    s = schedules_of(api, pc, wf)[0]
    assert (s["crontab"], s["timezoneId"], s["failureStrategy"], s["processInstancePriority"]) == \
        ("0 0 12 * * ? *", "UTC", "CONTINUE", "LOW")
    body = api.put(f"/projects/{pc}/schedules/{sid}", {"schedule": schedule_json(crontab="0 61 * * * ? *")},
                   expect=10001)
    assert "minutes" in body["msg"]
    api.put(f"/projects/{pc}/schedules/{sid}",
            {"schedule": schedule_json(startTime="2030-01-01 00:00:00", endTime="2029-01-01 00:00:00")}, expect=80003)
    api.put(f"/projects/{pc}/schedules/99999", {"schedule": schedule_json()}, expect=10022)
    api.put(f"/projects/{pc}/schedules/update/99999", {"schedule": schedule_json()}, expect=10022)
    api.put(f"/projects/{pc}/schedules/{sid}", {}, expect=10077)
    # Online schedules cannot be edited.
    api.post(f"/projects/{pc}/schedules/{sid}/online")
    api.put(f"/projects/{pc}/schedules/{sid}", {"schedule": schedule_json()}, expect=10023)
    api.put(f"/projects/{pc}/schedules/update/{wf}", {"schedule": schedule_json()}, expect=10023)
    assert schedules_of(api, pc, wf)[0]["crontab"] == "0 0 12 * * ? *"


def test_online_offline_rules(ctx):
    api, pc = ctx
    wf = create_workflow(api, pc)
    sid = create_schedule(api, pc, wf)["data"]["id"]
    api.post(f"/projects/{pc}/schedules/{sid}/offline", expect=10126)
    api.post(f"/projects/{pc}/schedules/{sid}/online")
    assert schedules_of(api, pc, wf)[0]["releaseState"] == "ONLINE"
    body = api.post(f"/projects/{pc}/schedules/{sid}/online", expect=10126)
    assert "ONLINE" in body["msg"]
    api.post(f"/projects/{pc}/schedules/{sid}/offline")
    assert schedules_of(api, pc, wf)[0]["releaseState"] == "OFFLINE"
    api.post(f"/projects/{pc}/schedules/99999/online", expect=10022)
    # Taking the workflow offline takes its online schedule offline; an offline workflow cannot go online.
    api.post(f"/projects/{pc}/schedules/{sid}/online")
    release(api, pc, wf, "OFFLINE")
    assert schedules_of(api, pc, wf)[0]["releaseState"] == "OFFLINE"
    api.post(f"/projects/{pc}/schedules/{sid}/online", expect=50004)


def test_delete(ctx):
    api, pc = ctx
    wf = create_workflow(api, pc)
    sid = create_schedule(api, pc, wf)["data"]["id"]
    api.post(f"/projects/{pc}/schedules/{sid}/online")
    api.delete(f"/projects/{pc}/schedules/{sid}", expect=50023)
    api.post(f"/projects/{pc}/schedules/{sid}/offline")
    api.delete(f"/projects/{pc}/schedules/{sid}")
    assert schedules_of(api, pc, wf) == []
    api.delete(f"/projects/{pc}/schedules/{sid}", expect=10022)
    api.delete(f"/projects/{pc}/schedules/abc", expect=50024)


def test_list_paging_and_project_list(ctx):
    api, pc = ctx
    wf1 = create_workflow(api, pc)
    wf2 = create_workflow(api, pc)
    create_schedule(api, pc, wf1)
    create_schedule(api, pc, wf2)
    page = api.get(f"/projects/{pc}/schedules", {"processDefinitionCode": wf1, "pageNo": 1, "pageSize": 10})["data"]
    assert page["total"] == 1 and page["totalPage"] == 1 and page["currentPage"] == 1
    assert page["totalList"][0]["processDefinitionCode"] == wf1
    name = page["totalList"][0]["processDefinitionName"]
    hit = api.get(f"/projects/{pc}/schedules",
                  {"processDefinitionCode": wf1, "pageNo": 1, "pageSize": 10, "searchVal": name[3:]})["data"]
    assert hit["total"] == 1
    miss = api.get(f"/projects/{pc}/schedules",
                   {"processDefinitionCode": wf1, "pageNo": 1, "pageSize": 10, "searchVal": "zzz"})["data"]
    assert miss["total"] == 0 and miss["totalList"] == []
    everything = api.get(f"/projects/{pc}/schedules", {"pageNo": 1, "pageSize": 1})["data"]
    assert everything["total"] == 2 and everything["totalPage"] == 2 and len(everything["totalList"]) == 1
    api.get(f"/projects/{pc}/schedules", {"processDefinitionCode": 5, "pageNo": 1, "pageSize": 10}, expect=50003)
    api.get(f"/projects/{pc}/schedules", {"processDefinitionCode": wf1, "pageNo": 0, "pageSize": 10}, expect=10001)
    listed = api.post(f"/projects/{pc}/schedules/list")["data"]
    assert sorted(s["processDefinitionCode"] for s in listed) == sorted([wf1, wf2])
    other = create_project(api)
    assert api.post(f"/projects/{other}/schedules/list")["data"] == []


def test_preview(server):
    api = server.client()
    pc = create_project(api)

    def preview(expect=0, **fields):
        r = api.request("POST", f"/projects/{pc}/schedules/preview", data={"schedule": schedule_json(**fields)})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["code"] == expect, body
        return body

    times = preview(startTime="2090-03-01 00:00:00", endTime="2091-01-01 00:00:00",
                    crontab="0 0 9 ? * MON *", timezoneId="Asia/Shanghai")["data"]
    assert times == ["2090-03-06 09:00:00", "2090-03-13 09:00:00", "2090-03-20 09:00:00",
                     "2090-03-27 09:00:00", "2090-04-03 09:00:00"]
    # Starts from now when the start time is in the past; stops before the end time.
    soon = preview(startTime="2000-01-01 00:00:00", crontab="0 0 * * * ? *")["data"]
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    assert len(soon) == 5
    first = datetime.strptime(soon[0], "%Y-%m-%d %H:%M:%S")
    assert now < first <= now + timedelta(hours=1)
    assert preview(startTime="2090-01-01 00:00:00", endTime="2090-01-01 03:00:00")["data"] == \
        ["2090-01-01 01:00:00", "2090-01-01 02:00:00"]
    body = preview(expect=10140, crontab="0 0 * * *")
    assert "cron" in body["msg"]
    preview(expect=130031, timezoneId="Nowhere/Land")
    r = api.request("POST", f"/projects/{pc}/schedules/preview", data={})
    assert r.json()["code"] == 10139


# ---- end to end: the engine runs the scheduled workflow -------------------------------------------------


def instances_of(api, pc, wf):
    body = api.get(f"/projects/{pc}/process-instances",
                   {"pageNo": 1, "pageSize": 100, "processDefineCode": wf}, expect=None)
    assert body["code"] == 0, body
    return body["data"]["totalList"]


def engine_available(api, pc):
    r = api.request("GET", f"/projects/{pc}/process-instances", params={"pageNo": 1, "pageSize": 1})
    try:
        return r.json().get("code") == 0
    except ValueError:
        return False


def every_second(api, pc, wf):
    start = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    sid = create_schedule(api, pc, wf, schedule=schedule_json(startTime=start, crontab="* * * * * ? *",
                                                               timezoneId="UTC"))["data"]["id"]
    api.post(f"/projects/{pc}/schedules/{sid}/online")
    return sid


def wait_until(predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def test_schedule_firing_every_second_runs_the_workflow_until_offline(ctx):
    api, pc = ctx
    if not engine_available(api, pc):
        pytest.skip("process instance endpoints are not in this build yet")
    wf = create_workflow(api, pc)
    sid = every_second(api, pc, wf)
    runs = wait_until(lambda: len(instances_of(api, pc, wf)) >= 3 and instances_of(api, pc, wf), 15)
    assert len(runs) >= 3
    api.post(f"/projects/{pc}/schedules/{sid}/offline")
    time.sleep(0.5)
    count = len(instances_of(api, pc, wf))
    time.sleep(2.5)
    assert len(instances_of(api, pc, wf)) == count, "no runs after the schedule went offline"
    instances = instances_of(api, pc, wf)
    schedule_times = [i["scheduleTime"] for i in instances]
    assert all(schedule_times), instances
    assert len(set(schedule_times)) == len(schedule_times), "each fire time runs once"
    assert all(i["commandType"] == "SCHEDULER" for i in instances)
    # The task sees the schedule time: system.biz.date is the day before it.
    done = wait_until(lambda: [i for i in instances_of(api, pc, wf) if i["state"] == "SUCCESS"], 15)
    assert done, instances_of(api, pc, wf)
    run = done[0]
    tasks = api.get(f"/projects/{pc}/process-instances/{run['id']}/tasks")["data"]["taskList"]
    log = api.get("/log/detail", {"taskInstanceId": tasks[0]["id"], "skipLineNum": 0, "limit": 1000})["data"]
    scheduled = datetime.strptime(run["scheduleTime"], "%Y-%m-%d %H:%M:%S")
    assert "scheduled at " + (scheduled - timedelta(days=1)).strftime("%Y%m%d") in log["message"], log


def test_restart_during_a_schedule_neither_loses_nor_duplicates_runs(data_dir):
    server = Server(data_dir).start()
    try:
        api = server.client()
        pc = create_project(api)
        if not engine_available(api, pc):
            pytest.skip("process instance endpoints are not in this build yet")
        wf = create_workflow(api, pc)
        every_second(api, pc, wf)
        assert wait_until(lambda: len(instances_of(api, pc, wf)) >= 2, 15)
    finally:
        server.stop()
    time.sleep(2.2)  # fire times pass while the server is down
    server = Server(data_dir, port=server.port).start()
    try:
        api = server.client()
        before = len(instances_of(api, pc, wf))
        assert wait_until(lambda: len(instances_of(api, pc, wf)) >= before + 3, 15)
        times = sorted(datetime.strptime(i["scheduleTime"], "%Y-%m-%d %H:%M:%S") for i in instances_of(api, pc, wf))
        assert len(set(times)) == len(times), "no fire time ran twice"
        gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
        # One catch-up run for the downtime (the latest missed second), so exactly one gap is larger than 1 s.
        assert sum(1 for g in gaps if g > 1) <= 1, gaps
    finally:
        server.stop()
