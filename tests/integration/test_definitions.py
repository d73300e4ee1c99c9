"""Issue 3: workflow definitions over HTTP - create/update/versions/release/delete, copy/move, task definitions,
validation errors that change nothing, and DolphinScheduler JSON import/export that remaps every code reference."""
import copy
import json
import re
import sqlite3
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAX_SAFE_INTEGER = 2 ** 53 - 1


# ---------------------------------------------------------------------------------------------- helpers

def new_project(api, name="defs"):
    return api.post("/projects", {"projectName": name})["data"]["code"]


def gen_codes(api, pc, n):
    return api.get(f"/projects/{pc}/task-definition/gen-task-codes", {"genNum": n})["data"]


def shell(code, name, script="echo hello", **extra):
    """A SHELL task the way the 3.1 UI sends it: numbers as strings, "" for null, version 0."""
    task = {"code": code, "name": name, "description": "", "taskType": "SHELL",
            "taskParams": {"localParams": [], "rawScript": script, "resourceList": []},
            "flag": "YES", "taskPriority": "MEDIUM", "workerGroup": "default", "environmentCode": -1,
            "failRetryTimes": "0", "failRetryInterval": "1", "timeoutFlag": "CLOSE", "timeoutNotifyStrategy": "",
            "timeout": 0, "delayTime": "0", "taskGroupId": 0, "taskGroupPriority": 0, "cpuQuota": -1,
            "memoryMax": -1, "taskExecuteType": "BATCH", "version": 0}
    task.update(extra)
    return task


def logic(code, name, task_type, params):
    return {"code": code, "name": name, "taskType": task_type, "taskParams": params, "version": 0}


def rel(pre, post, condition_type="NONE"):
    return {"name": "", "preTaskCode": pre, "preTaskVersion": 0, "postTaskCode": post, "postTaskVersion": 0,
            "conditionType": condition_type, "conditionParams": {}}


def form(name, tasks, relations, **fields):
    data = {"name": name, "description": "", "tenantCode": "default", "executionType": "PARALLEL", "timeout": 0,
            "globalParams": "[]",
            "locations": json.dumps([{"taskCode": t["code"], "x": 100 * i, "y": 50} for i, t in enumerate(tasks)]
                                    if isinstance(tasks, list) else []),
            "taskDefinitionJson": tasks if isinstance(tasks, str) else json.dumps(tasks),
            "taskRelationJson": relations if isinstance(relations, str) else json.dumps(relations)}
    data.update(fields)
    return data


def create(api, pc, name, tasks, relations, expect=0, **fields):
    r = api.request("POST", f"/projects/{pc}/process-definition", data=form(name, tasks, relations, **fields))
    assert r.status_code == 201, (r.status_code, r.text)
    body = r.json()
    assert body["code"] == expect, body
    return body


def update(api, pc, code, name, tasks, relations, expect=0, **fields):
    return api.put(f"/projects/{pc}/process-definition/{code}", form(name, tasks, relations, **fields), expect=expect)


def chain(api, pc, name, n=2, script="echo"):
    """Creates a workflow t1 -> t2 -> ... and returns (workflow code, tasks, relations)."""
    codes = gen_codes(api, pc, n)
    tasks = [shell(c, f"t{i + 1}", f"{script} {i + 1}") for i, c in enumerate(codes)]
    relations = [rel(0, codes[0])] + [rel(a, b) for a, b in zip(codes, codes[1:])]
    wf = create(api, pc, name, tasks, relations)["data"]["code"]
    return wf, tasks, relations


def dag(api, pc, code):
    return api.get(f"/projects/{pc}/process-definition/{code}")["data"]


def tasks_by_name(dag_data):
    return {t["name"]: t for t in dag_data["taskDefinitionList"]}


def list_all(api, pc, **params):
    q = {"pageNo": 1, "pageSize": 100}
    q.update(params)
    return api.get(f"/projects/{pc}/process-definition", q)["data"]


def versions(api, pc, code):
    return api.get(f"/projects/{pc}/process-definition/{code}/versions", {"pageNo": 1, "pageSize": 100})["data"]


def snapshot(api, pc):
    """Everything a rejected request must leave as it was."""
    items = list_all(api, pc)["totalList"]
    state = {"list": [(w["code"], w["name"], w["version"], w["releaseState"], w["updateTime"]) for w in items]}
    for w in items:
        state[w["code"]] = (dag(api, pc, w["code"]), versions(api, pc, w["code"])["total"])
    state["tasks"] = api.get(f"/projects/{pc}/task-definition", {"pageNo": 1, "pageSize": 100})["data"]["total"]
    return state


def db_counts(server):
    """Row counts of every definition table, read from the SQLite file itself."""
    files = [p for p in Path(server.data_dir).rglob("*.db")]
    assert files, list(Path(server.data_dir).rglob("*"))
    con = sqlite3.connect(f"file:{files[0]}?mode=ro", uri=True)
    try:
        tables = ["t_process_definition", "t_process_definition_log", "t_task_definition", "t_task_definition_log",
                  "t_process_task_relation", "t_process_task_relation_log", "t_schedule"]
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def import_file(api, pc, content, expect=0, filename="workflow.json"):
    if isinstance(content, (list, dict)):
        content = json.dumps(content)
    files = {"file": (filename, content.encode() if isinstance(content, str) else content, "application/json")}
    return api.post(f"/projects/{pc}/process-definition/import", files=files, expect=expect)


def export(api, pc, codes):
    r = api.request("POST", f"/projects/{pc}/process-definition/batch-export",
                    data={"codes": ",".join(str(c) for c in codes)})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    return r.json()


def fixture(name):
    return json.loads((FIXTURES / name).read_text())


def by_name(items):
    return {w["name"]: w for w in items}


# ---------------------------------------------------------------------------------------------- create

def test_create_accepts_the_shapes_real_clients_send(api):
    pc = new_project(api)
    a, b, c = gen_codes(api, pc, 3)
    tasks = [
        shell(a, "hello", "echo hello", someUnknownKey={"x": 1}),
        # taskParams as JSON text, codes as strings, enums by name
        shell(str(b), "world", failRetryTimes="2", taskPriority="HIGH", timeoutFlag="OPEN",
              timeoutNotifyStrategy="WARNFAILED", timeout="5",
              taskParams=json.dumps({"localParams": [{"prop": "x", "direct": "IN", "type": "VARCHAR", "value": "1"}],
                                     "rawScript": "echo ${x}", "resourceList": []})),
        shell(c, "third", flag="NO"),
    ]
    relations = [rel(0, a), rel(str(a), str(b), condition_type="NONE"),
                 {**rel(b, c), "conditionType": 0, "conditionParams": "{}", "extra": True}]
    globals_ = [{"prop": "dt", "value": "2023-01-01", "direct": "IN", "type": "VARCHAR"}]
    r = api.request("POST", f"/projects/{pc}/process-definition",
                    data=form("wf1", tasks, relations, globalParams=json.dumps(globals_), timeout="10",
                              description="first workflow", otherParamsJson="{}"))
    assert r.status_code == 201
    body = r.json()
    assert body["code"] == 0 and body["success"] is True, body
    created = body["data"]
    assert created["name"] == "wf1" and created["version"] == 1 and created["releaseState"] == "OFFLINE"
    assert 0 < created["code"] <= MAX_SAFE_INTEGER

    got = dag(api, pc, created["code"])
    wf = got["processDefinition"]
    assert wf["tenantCode"] == "default" and wf["timeout"] == 10 and wf["description"] == "first workflow"
    assert isinstance(wf["globalParams"], str) and wf["globalParamMap"] == {"dt": "2023-01-01"}
    assert isinstance(wf["locations"], str) and json.loads(wf["locations"])[0]["taskCode"] == a
    assert wf["userName"] == "admin"
    tasks_out = tasks_by_name(got)
    assert set(tasks_out) == {"hello", "world", "third"}
    world = tasks_out["world"]
    assert world["code"] == b and world["version"] == 1
    assert world["taskParams"]["rawScript"] == "echo ${x}" and isinstance(world["taskParams"], dict)
    assert world["failRetryTimes"] == 2 and world["taskPriority"] == "HIGH" and world["timeout"] == 5
    assert world["timeoutNotifyStrategy"] == "WARNFAILED" and world["taskParamMap"] == {"x": "1"}
    assert tasks_out["third"]["flag"] == "NO"
    assert tasks_out["hello"]["timeoutNotifyStrategy"] is None
    assert "someUnknownKey" not in tasks_out["hello"]
    edges = {(r["preTaskCode"], r["postTaskCode"]) for r in got["processTaskRelationList"]}
    assert edges == {(0, a), (a, b), (b, c)}
    for r in got["processTaskRelationList"]:
        assert r["postTaskVersion"] == 1 and r["preTaskVersion"] == (0 if r["preTaskCode"] == 0 else 1)
        assert r["conditionType"] == "NONE" and r["conditionParams"] == {}


def test_task_with_code_zero_and_tasks_without_relations(api):
    pc = new_project(api)
    (a,) = gen_codes(api, pc, 1)
    # DolphinScheduler gives a code-0 task a fresh code; a task without relations becomes a root.
    created = create(api, pc, "loose", [shell(a, "a"), shell(0, "fresh")], [rel(0, a)])["data"]
    got = tasks_by_name(dag(api, pc, created["code"]))
    assert set(got) == {"a", "fresh"}
    assert got["fresh"]["code"] > 0 and got["fresh"]["code"] != a


def test_sub_process_and_sub_workflow_references(api):
    pc = new_project(api)
    child, _, _ = chain(api, pc, "child")
    s1, s2 = gen_codes(api, pc, 2)
    tasks = [logic(s1, "as_sub_process", "SUB_PROCESS", {"processDefinitionCode": str(child), "localParams": []}),
             logic(s2, "as_sub_workflow", "SUB_WORKFLOW", {"workflowDefinitionCode": child})]
    parent = create(api, pc, "parent", tasks, [rel(0, s1), rel(s1, s2)])["data"]["code"]
    got = tasks_by_name(dag(api, pc, parent))
    assert got["as_sub_process"]["taskType"] == "SUB_PROCESS"
    assert got["as_sub_process"]["taskParams"]["processDefinitionCode"] == str(child)
    assert got["as_sub_workflow"]["taskParams"]["workflowDefinitionCode"] == child

    # A SUB_PROCESS without its workflow code is rejected by the plugin.
    (bad,) = gen_codes(api, pc, 1)
    body = create(api, pc, "nochild", [logic(bad, "s", "SUB_PROCESS", {})], [rel(0, bad)], expect=50020)
    assert "processDefinitionCode" in body["msg"]

    # The child may not run its parent: a sub-workflow cycle.
    before = snapshot(api, pc)
    child_dag = dag(api, pc, child)
    (loop,) = gen_codes(api, pc, 1)
    tasks = child_dag["taskDefinitionList"] + [logic(loop, "back_to_parent", "SUB_PROCESS",
                                                     {"processDefinitionCode": parent})]
    relations = [rel(r["preTaskCode"], r["postTaskCode"]) for r in child_dag["processTaskRelationList"]]
    relations.append(rel(0, loop))
    body = update(api, pc, child, "child", tasks, relations, expect=50019)
    assert "back_to_parent" in body["msg"] and "child" in body["msg"]
    assert snapshot(api, pc) == before


# ---------------------------------------------------------------------------------------------- update / versions

def test_update_makes_a_version_only_when_something_changed(api):
    pc = new_project(api)
    wf, tasks, relations = chain(api, pc, "versioned", 3)
    first = dag(api, pc, wf)

    # The same content again (as the UI sends it, with version 0 everywhere): no new version.
    update(api, pc, wf, "versioned", tasks, relations, locations=form("versioned", tasks, relations)["locations"])
    assert versions(api, pc, wf)["total"] == 1
    assert dag(api, pc, wf)["processDefinition"]["version"] == 1

    # One task changes: workflow v2, that task v2, the others keep v1.
    changed = copy.deepcopy(tasks)
    changed[1]["taskParams"]["rawScript"] = "echo changed"
    data = update(api, pc, wf, "versioned", changed, relations)["data"]
    assert data["version"] == 2
    second = dag(api, pc, wf)
    v = {t["name"]: t["version"] for t in second["taskDefinitionList"]}
    assert v == {"t1": 1, "t2": 2, "t3": 1}
    assert {(r["postTaskCode"], r["postTaskVersion"]) for r in second["processTaskRelationList"]} >= {
        (tasks[1]["code"], 2)}

    # Only a workflow field changes: v3, task versions unchanged.
    update(api, pc, wf, "versioned", changed, relations, description="now described")
    assert dag(api, pc, wf)["processDefinition"]["version"] == 3
    assert {t["name"]: t["version"] for t in dag(api, pc, wf)["taskDefinitionList"]} == v

    # Renaming to a name that is taken is refused, renaming to a free one works.
    chain(api, pc, "other")
    update(api, pc, wf, "other", changed, relations, expect=10168)
    update(api, pc, wf, "renamed", changed, relations, description="now described")
    page = versions(api, pc, wf)
    assert page["total"] == 4
    assert [x["version"] for x in page["totalList"]] == [4, 3, 2, 1]
    assert page["totalList"][-1]["name"] == "versioned" and page["totalList"][0]["name"] == "renamed"
    assert all(x["operateTime"] and x["modifyBy"] == "admin" for x in page["totalList"])
    paged = api.get(f"/projects/{pc}/process-definition/{wf}/versions", {"pageNo": 2, "pageSize": 3})["data"]
    assert paged["total"] == 4 and [x["version"] for x in paged["totalList"]] == [1] and paged["totalPage"] == 2

    # Switch back to version 1: the definition reads exactly as it did.
    api.get(f"/projects/{pc}/process-definition/{wf}/versions/1")
    back = dag(api, pc, wf)
    assert back["processDefinition"]["version"] == 1 and back["processDefinition"]["name"] == "versioned"
    assert tasks_by_name(back)["t2"]["taskParams"]["rawScript"] == "echo 2"
    assert tasks_by_name(back) == tasks_by_name(first)
    api.get(f"/projects/{pc}/process-definition/{wf}/versions/9", expect=50003)

    # Delete: not the current version (50053), not a version that does not exist; others go.
    body = api.delete(f"/projects/{pc}/process-definition/{wf}/versions/1", expect=50053)
    assert "version 1" in body["msg"]
    api.delete(f"/projects/{pc}/process-definition/{wf}/versions/2")
    api.delete(f"/projects/{pc}/process-definition/{wf}/versions/2", expect=50003)
    assert [x["version"] for x in versions(api, pc, wf)["totalList"]] == [4, 3, 1]
    # The next save continues after the highest version.
    update(api, pc, wf, "versioned", changed, relations, description="after switch")
    assert dag(api, pc, wf)["processDefinition"]["version"] == 5


def test_update_removes_and_adds_tasks(api):
    pc = new_project(api)
    wf, tasks, relations = chain(api, pc, "shrink", 3)
    # Drop t3, add t4 after t1.
    (t4,) = gen_codes(api, pc, 1)
    new_tasks = tasks[:2] + [shell(t4, "t4")]
    new_rel = relations[:2] + [rel(tasks[0]["code"], t4)]
    update(api, pc, wf, "shrink", new_tasks, new_rel)
    assert set(tasks_by_name(dag(api, pc, wf))) == {"t1", "t2", "t4"}
    api.get(f"/projects/{pc}/task-definition/{tasks[2]['code']}", expect=50030)
    assert api.get(f"/projects/{pc}/task-definition/{t4}")["data"]["name"] == "t4"
    # A task code of another workflow cannot be saved into this one.
    other, other_tasks, _ = chain(api, pc, "other")
    before = snapshot(api, pc)
    body = update(api, pc, wf, "shrink", new_tasks + [shell(other_tasks[0]["code"], "stolen")],
                  new_rel + [rel(0, other_tasks[0]["code"])], expect=10001)
    assert "other" in body["msg"] and str(other_tasks[0]["code"]) in body["msg"]
    assert snapshot(api, pc) == before
    assert tasks_by_name(dag(api, pc, other))["t1"]["name"] == "t1"


# ---------------------------------------------------------------------------------------------- list / query

def test_list_paging_search_and_queries(api):
    pc = new_project(api)
    codes = {}
    for i in range(12):
        codes[f"wf_{i:02d}"] = chain(api, pc, f"wf_{i:02d}", 1)[0]
    create(api, pc, "special_%", [shell(gen_codes(api, pc, 1)[0], "x")], "[]", expect=50017)
    (x,) = gen_codes(api, pc, 1)
    create(api, pc, "described", [shell(x, "x")], [rel(0, x)], description="nightly ETL")

    page = api.get(f"/projects/{pc}/process-definition", {"pageNo": 2, "pageSize": 5})["data"]
    assert page["total"] == 13 and page["totalPage"] == 3 and page["currentPage"] == 2 and page["start"] == 5
    assert page["pageSize"] == 5 and len(page["totalList"]) == 5
    newest = list_all(api, pc)["totalList"]
    assert newest[0]["name"] == "described"  # update_time desc
    assert newest[-1]["name"] == "wf_00"
    row = newest[0]
    assert row["userName"] == "admin" and row["modifyBy"] == "admin" and row["scheduleReleaseState"] is None
    assert row["releaseState"] == "OFFLINE" and isinstance(row["globalParams"], str)

    assert list_all(api, pc, searchVal="wf_1")["total"] == 2  # wf_10, wf_11
    assert list_all(api, pc, searchVal="ETL")["total"] == 1  # description
    assert list_all(api, pc, searchVal="_0")["total"] == 10  # "_" is literal: wf_00..wf_09
    assert list_all(api, pc, searchVal="%")["total"] == 0
    assert list_all(api, pc, userId=1)["total"] == 13
    assert list_all(api, pc, userId=99)["total"] == 0
    api.get(f"/projects/{pc}/process-definition", {"pageNo": 0, "pageSize": 10}, expect=10001)
    api.get(f"/projects/{pc}/process-definition", {"pageNo": 1}, expect=10001)
    api.get("/projects/123/process-definition", {"pageNo": 1, "pageSize": 10}, expect=10190)

    by_name_dag = api.get(f"/projects/{pc}/process-definition/query-by-name", {"name": "wf_03"})["data"]
    assert by_name_dag["processDefinition"]["code"] == codes["wf_03"]
    assert len(by_name_dag["taskDefinitionList"]) == 1
    api.get(f"/projects/{pc}/process-definition/query-by-name", {"name": "nope"}, expect=50003)
    api.get(f"/projects/{pc}/process-definition/999", expect=50003)
    api.get(f"/projects/{pc}/process-definition/abc", expect=50003)

    body = api.get(f"/projects/{pc}/process-definition/verify-name", {"name": "wf_03"}, expect=10168)
    assert "wf_03" in body["msg"]
    api.get(f"/projects/{pc}/process-definition/verify-name", {"name": "fresh"})
    api.get(f"/projects/{pc}/process-definition/verify-name", {"name": "wf_03", "code": codes["wf_03"]})

    simple = api.get(f"/projects/{pc}/process-definition/simple-list")["data"]
    assert {s["name"] for s in simple} >= {"wf_00", "described"} and len(simple) == 13
    assert set(simple[0]) == {"id", "code", "name", "projectCode"}
    short = api.get(f"/projects/{pc}/process-definition/query-process-definition-list")["data"]
    assert {"code": codes["wf_05"], "name": "wf_05", "version": 1} in short
    tasks = api.get(f"/projects/{pc}/process-definition/query-task-definition-list",
                    {"processDefinitionCode": codes["wf_05"]})["data"]
    assert [t["name"] for t in tasks] == ["t1"]
    all_dags = api.get(f"/projects/{pc}/process-definition/all")["data"]
    assert len(all_dags) == 13 and "taskDefinitionList" in all_dags[0]
    listed = api.get(f"/projects/{pc}/process-definition/{codes['wf_05']}/tasks")["data"]
    assert listed[0]["name"] == "t1"
    batch = api.get(f"/projects/{pc}/process-definition/batch-query-tasks",
                    {"codes": f"{codes['wf_05']},{codes['wf_06']},424242"})["data"]
    assert set(batch) == {str(codes["wf_05"]), str(codes["wf_06"])}


# ---------------------------------------------------------------------------------------------- release / delete

def test_release_edit_and_delete_rules(api):
    pc = new_project(api)
    wf, tasks, relations = chain(api, pc, "guarded")
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": "ONLINE", "name": "guarded"})
    assert dag(api, pc, wf)["processDefinition"]["releaseState"] == "ONLINE"
    before = snapshot(api, pc)

    changed = copy.deepcopy(tasks)
    changed[0]["taskParams"]["rawScript"] = "echo edited"
    body = update(api, pc, wf, "guarded", changed, relations, expect=50008)
    assert "guarded" in body["msg"] and "ONLINE" in body["msg"]
    body = api.delete(f"/projects/{pc}/process-definition/{wf}", expect=50021)
    assert "guarded" in body["msg"]
    api.get(f"/projects/{pc}/process-definition/{wf}/versions/1", expect=50008)
    api.post(f"/projects/{pc}/process-definition/batch-move",
             {"codes": str(wf), "targetProjectCode": new_project(api, "elsewhere")}, expect=50021)
    assert snapshot(api, pc) == before

    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": "SIDEWAYS"}, expect=10001)
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {}, expect=10108)
    api.post(f"/projects/{pc}/process-definition/777/release", {"releaseState": "ONLINE"}, expect=50003)
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": "OFFLINE"})
    # Update with releaseState=ONLINE saves and releases in one go.
    update(api, pc, wf, "guarded", changed, relations, releaseState="ONLINE")
    got = dag(api, pc, wf)["processDefinition"]
    assert got["releaseState"] == "ONLINE" and got["version"] == 2
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": "OFFLINE"})
    api.delete(f"/projects/{pc}/process-definition/{wf}")
    api.get(f"/projects/{pc}/process-definition/{wf}", expect=50003)
    api.delete(f"/projects/{pc}/process-definition/{wf}", expect=50003)
    for t in tasks:
        api.get(f"/projects/{pc}/task-definition/{t['code']}", expect=50030)
    assert list_all(api, pc)["total"] == 0


def test_delete_refused_while_referenced(api):
    pc = new_project(api)
    child, _, _ = chain(api, pc, "child")
    (s,) = gen_codes(api, pc, 1)
    create(api, pc, "parent", [logic(s, "sub", "SUB_PROCESS", {"processDefinitionCode": child})], [rel(0, s)])
    body = api.delete(f"/projects/{pc}/process-definition/{child}", expect=10193)
    assert "parent.sub" in body["msg"]


def test_batch_delete_is_all_or_nothing(api):
    pc = new_project(api)
    a = chain(api, pc, "a")[0]
    b = chain(api, pc, "b")[0]
    c = chain(api, pc, "c")[0]
    api.post(f"/projects/{pc}/process-definition/{c}/release", {"releaseState": "ONLINE"})
    before = snapshot(api, pc)
    body = api.post(f"/projects/{pc}/process-definition/batch-delete", {"codes": f"{a},{b},{c}"}, expect=50026)
    assert str(c) in body["msg"] and "online" in body["msg"]
    assert snapshot(api, pc) == before
    api.post(f"/projects/{pc}/process-definition/batch-delete", {"codes": f"{a},x"}, expect=50026)
    api.post(f"/projects/{pc}/process-definition/batch-delete", {"codes": f"{a},{b}"})
    assert [w["name"] for w in list_all(api, pc)["totalList"]] == ["c"]


# ---------------------------------------------------------------------------------------------- copy / move

def branching(api, pc, name):
    """start -> check (CONDITIONS) -> ok | bad; ok -> route (SWITCH) -> left | right."""
    start, check, ok, bad, route, left, right = gen_codes(api, pc, 7)
    tasks = [shell(start, "start"),
             logic(check, "check", "CONDITIONS", {
                 "dependence": {"relation": "AND", "dependTaskList": [
                     {"relation": "AND", "dependItemList": [{"depTaskCode": start, "status": "SUCCESS"}]}]},
                 "conditionResult": {"successNode": [ok], "failedNode": [str(bad)]}}),
             shell(ok, "ok"), shell(bad, "bad"),
             logic(route, "route", "SWITCH", {"switchResult": {
                 "dependTaskList": [{"condition": "${x} == 1", "nextNode": left}], "nextNode": str(right)}}),
             shell(left, "left"), shell(right, "right")]
    relations = [rel(0, start), rel(start, check), rel(check, ok), rel(check, bad), rel(ok, route),
                 rel(route, left), rel(route, right)]
    wf = create(api, pc, name, tasks, relations, globalParams=json.dumps(
        [{"prop": "x", "direct": "IN", "type": "VARCHAR", "value": "1"}]))["data"]["code"]
    return wf


def assert_branch_references_resolve(dag_data):
    t = tasks_by_name(dag_data)
    code = {n: x["code"] for n, x in t.items()}
    cond = t["check"]["taskParams"]
    assert cond["dependence"]["dependTaskList"][0]["dependItemList"][0]["depTaskCode"] == code["start"]
    assert cond["conditionResult"]["successNode"] == [code["ok"]]
    assert cond["conditionResult"]["failedNode"] == [str(code["bad"])]  # a numeric string stays a string
    sw = t["route"]["taskParams"]["switchResult"]
    assert sw["dependTaskList"][0]["nextNode"] == code["left"]
    assert sw["nextNode"] == str(code["right"])
    locs = json.loads(dag_data["processDefinition"]["locations"])
    assert {l["taskCode"] for l in locs} == set(code.values())
    return code


def test_copy_gives_new_codes_and_rewires_branches(api):
    pc = new_project(api)
    other = new_project(api, "target")
    wf = branching(api, pc, "branchy")
    original = assert_branch_references_resolve(dag(api, pc, wf))
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": "ONLINE"})

    api.post(f"/projects/{pc}/process-definition/batch-copy", {"codes": str(wf), "targetProjectCode": pc})
    names = by_name(list_all(api, pc)["totalList"])
    copies = [n for n in names if n != "branchy"]
    assert len(copies) == 1 and re.fullmatch(r"branchy_copy_\d{17}", copies[0]), copies
    copied = names[copies[0]]
    assert copied["code"] != wf and copied["releaseState"] == "OFFLINE"
    copy_codes = assert_branch_references_resolve(dag(api, pc, copied["code"]))
    assert not set(copy_codes.values()) & set(original.values())
    assert dag(api, pc, copied["code"])["processDefinition"]["globalParamMap"] == {"x": "1"}
    # The original is untouched.
    assert assert_branch_references_resolve(dag(api, pc, wf)) == original

    api.post(f"/projects/{pc}/process-definition/batch-copy", {"codes": str(wf), "targetProjectCode": other})
    there = list_all(api, other)["totalList"]
    assert len(there) == 1 and there[0]["name"].startswith("branchy_copy_") and there[0]["projectCode"] == other
    assert_branch_references_resolve(dag(api, other, there[0]["code"]))
    api.post(f"/projects/{pc}/process-definition/batch-copy", {"codes": "424242", "targetProjectCode": other},
             expect=50003)
    api.post(f"/projects/{pc}/process-definition/batch-copy", {"codes": str(wf), "targetProjectCode": 1},
             expect=10190)


def test_move_between_projects(api):
    pc = new_project(api)
    other = new_project(api, "target")
    wf = branching(api, pc, "mover")
    before = assert_branch_references_resolve(dag(api, pc, wf))
    chain(api, other, "taken")
    taken = chain(api, pc, "taken")[0]
    api.post(f"/projects/{pc}/process-definition/batch-move", {"codes": f"{wf},{taken}", "targetProjectCode": other},
             expect=10168)
    assert {w["name"] for w in list_all(api, pc)["totalList"]} == {"mover", "taken"}  # nothing moved

    api.post(f"/projects/{pc}/process-definition/batch-move", {"codes": str(wf), "targetProjectCode": other})
    assert {w["name"] for w in list_all(api, pc)["totalList"]} == {"taken"}
    api.get(f"/projects/{pc}/process-definition/{wf}", expect=50003)
    moved = dag(api, other, wf)
    assert moved["processDefinition"]["projectCode"] == other
    assert all(t["projectCode"] == other for t in moved["taskDefinitionList"])
    assert assert_branch_references_resolve(moved) == before  # same codes
    assert api.get(f"/projects/{other}/task-definition/{before['start']}")["data"]["projectCode"] == other
    assert versions(api, other, wf)["totalList"][0]["projectCode"] == other


# ---------------------------------------------------------------------------------------------- task definitions

def test_gen_task_codes(api):
    pc = new_project(api)
    one = gen_codes(api, pc, 1)
    hundred = gen_codes(api, pc, 100)
    assert len(one) == 1 and len(hundred) == 100 and len(set(hundred)) == 100
    assert all(isinstance(c, int) and 0 < c <= MAX_SAFE_INTEGER for c in hundred)
    for bad in (0, 101, -1, "abc", ""):
        body = api.get(f"/projects/{pc}/task-definition/gen-task-codes", {"genNum": bad}, expect=50017)
        assert "genNum" in body["msg"]
    api.get(f"/projects/{pc}/task-definition/gen-task-codes", expect=50017)
    api.get("/projects/1/task-definition/gen-task-codes", {"genNum": 1}, expect=10190)


def test_task_definition_list_and_query(api):
    pc = new_project(api)
    wf = branching(api, pc, "tasks_here")
    chain(api, pc, "plain", 2)
    page = api.get(f"/projects/{pc}/task-definition", {"pageNo": 1, "pageSize": 4})["data"]
    assert page["total"] == 9 and len(page["totalList"]) == 4 and page["totalPage"] == 3
    switch = api.get(f"/projects/{pc}/task-definition",
                     {"pageNo": 1, "pageSize": 10, "taskType": "SWITCH"})["data"]["totalList"]
    assert [t["taskName"] for t in switch] == ["route"]
    row = switch[0]
    assert row["processDefinitionCode"] == wf and row["processDefinitionName"] == "tasks_here"
    ok_code = tasks_by_name(dag(api, pc, wf))["ok"]["code"]
    assert row["upstreamTaskMap"] == {str(ok_code): str(ok_code)}
    by_wf = api.get(f"/projects/{pc}/task-definition",
                    {"pageNo": 1, "pageSize": 10, "searchWorkflowName": "plain"})["data"]
    assert by_wf["total"] == 2
    by_task = api.get(f"/projects/{pc}/task-definition",
                      {"pageNo": 1, "pageSize": 10, "searchTaskName": "ri"})["data"]["totalList"]
    assert [t["taskName"] for t in by_task] == ["right"]
    assert api.get(f"/projects/{pc}/task-definition",
                   {"pageNo": 1, "pageSize": 10, "taskExecuteType": "STREAM"})["data"]["total"] == 0
    api.get(f"/projects/{pc}/task-definition", {"pageNo": 1, "pageSize": 0}, expect=10001)

    one = api.get(f"/projects/{pc}/task-definition/{row['taskCode']}")["data"]
    assert one["name"] == "route" and one["taskType"] == "SWITCH"
    assert one["processTaskRelationList"] == [{"processDefinitionCode": wf, "preTaskCode": ok_code,
                                                "postTaskCode": row["taskCode"]}]
    api.get(f"/projects/{pc}/task-definition/123", expect=50030)
    other = new_project(api, "other")
    api.get(f"/projects/{other}/task-definition/{row['taskCode']}", expect=50030)


# ---------------------------------------------------------------------------------------------- validation

def validation_cases(codes, other_task_code):
    a, b, c = codes
    ok_tasks = [shell(a, "a"), shell(b, "b")]
    ok_rel = [rel(0, a), rel(a, b)]
    long_text = "é" * 256
    return [
        # (label, tasks, relations, extra fields, code, words the message must contain)
        ("cycle", [shell(a, "a"), shell(b, "b"), shell(c, "c")], [rel(0, a), rel(a, b), rel(b, c), rel(c, b)], {},
         50019, ["b", "c", "cycle"]),
        ("self loop", ok_tasks, [rel(0, a), rel(b, b)], {}, 50019, ["b"]),
        ("unknown post task", ok_tasks, ok_rel + [rel(a, 999)], {}, 50030, ["999"]),
        ("unknown pre task", ok_tasks, ok_rel + [rel(998, b)], {}, 10001, ["998"]),
        ("post task 0", ok_tasks, ok_rel + [rel(a, 0)], {}, 50036, ["postTaskCode 0"]),
        ("duplicate names", [shell(a, "same"), shell(b, "same")], ok_rel, {}, 50045, ["same"]),
        ("duplicate codes", [shell(a, "a"), shell(a, "b")], [rel(0, a)], {}, 10001, [str(a), "twice"]),
        ("tasks not JSON", '[{"code": 1,', json.dumps(ok_rel), {}, 10001, ["taskDefinitionJson"]),
        ("relations not JSON", ok_tasks, "not json", {}, 10001, ["taskRelationJson"]),
        ("tasks not an array", json.dumps({"code": a}), json.dumps(ok_rel), {}, 50017, ["taskDefinitionJson"]),
        ("no tasks", "[]", json.dumps(ok_rel), {}, 50017, ["taskDefinitionJson"]),
        ("no relations", ok_tasks, "[]", {}, 50017, ["taskRelationJson"]),
        ("unknown task type", [shell(a, "a"), {**shell(b, "b"), "taskType": "SPARKLE"}], ok_rel, {}, 50020,
         ["SPARKLE", "b"]),
        ("shell without script", [shell(a, "a"), {**shell(b, "b"), "taskParams": {"localParams": []}}], ok_rel, {},
         50020, ["rawScript", "b"]),
        ("bad local param", [shell(a, "a"), {**shell(b, "b"), "taskParams": {
            "rawScript": "x", "localParams": [{"prop": "p", "direct": "SIDEWAYS", "type": "VARCHAR", "value": ""}]}}],
         ok_rel, {}, 50020, ["direct", "b"]),
        ("switch without result", [shell(a, "a"), logic(b, "sw", "SWITCH", {})], ok_rel, {}, 50020,
         ["switchResult", "sw"]),
        ("switch to a stranger", [shell(a, "a"), logic(b, "sw", "SWITCH", {"switchResult": {"nextNode": 4242}})],
         ok_rel, {}, 50020, ["4242", "sw"]),
        ("conditions bad status", [shell(a, "a"), logic(b, "cond", "CONDITIONS", {
            "dependence": {"dependTaskList": [{"dependItemList": [{"depTaskCode": a, "status": "GREAT"}]}]}})],
         ok_rel, {}, 50020, ["GREAT", "cond"]),
        ("conditions tests a stranger", [shell(a, "a"), logic(b, "cond", "CONDITIONS", {
            "dependence": {"dependTaskList": [{"dependItemList": [{"depTaskCode": 4343, "status": "SUCCESS"}]}]}})],
         ok_rel, {}, 50020, ["4343", "cond"]),
        ("bad number", [shell(a, "a"), shell(b, "b", failRetryTimes="many")], ok_rel, {}, 10001,
         ["b", "failRetryTimes"]),
        ("bad enum", [shell(a, "a"), shell(b, "b", taskPriority="URGENT")], ok_rel, {}, 10001, ["URGENT"]),
        ("bad condition type", ok_tasks, [rel(0, a), rel(a, b, "MAYBE")], {}, 10001, ["conditionType", "MAYBE"]),
        ("task params not JSON", [shell(a, "a"), shell(b, "b", taskParams="{oops")], ok_rel, {}, 10001,
         ["taskParams", "b"]),
        ("unknown tenant", ok_tasks, ok_rel, {"tenantCode": "ghost"}, 10017, ["ghost"]),
        ("description too long", ok_tasks, ok_rel, {"description": long_text}, 1400004, ["description"]),
        ("bad globalParams", ok_tasks, ok_rel, {"globalParams": "{"}, 10001, ["globalParams"]),
        ("globalParams not an array", ok_tasks, ok_rel, {"globalParams": '{"a":1}'}, 10001, ["globalParams"]),
        ("bad locations", ok_tasks, ok_rel, {"locations": "[{"}, 10001, ["locations"]),
        ("negative timeout", ok_tasks, ok_rel, {"timeout": "-1"}, 10001, ["timeout"]),
        ("another workflow's task", [shell(a, "a"), shell(other_task_code, "b")], [rel(0, a), rel(a, other_task_code)],
         {}, 10001, [str(other_task_code), "existing"]),
    ]


def test_every_validation_error_has_its_code_and_changes_nothing(api, server):
    pc = new_project(api)
    existing, existing_tasks, existing_rel = chain(api, pc, "existing", 2)
    codes = gen_codes(api, pc, 3)
    before = snapshot(api, pc)
    rows_before = db_counts(server)
    for label, tasks, relations, fields, code, words in validation_cases(codes, existing_tasks[0]["code"]):
        body = create(api, pc, "candidate", tasks, relations, expect=code, **fields)
        for w in words:
            assert w in body["msg"], (label, body["msg"])
        if label != "another workflow's task":
            body = update(api, pc, existing, "existing", tasks, relations, expect=code, **fields)
            for w in words:
                assert w in body["msg"], (label, "update", body["msg"])
    assert snapshot(api, pc) == before
    assert db_counts(server) == rows_before
    # Parameter problems outside the JSON fields.
    r = api.request("POST", f"/projects/{pc}/process-definition", data={k: v for k, v in form(
        "x", [shell(codes[0], "a")], [rel(0, codes[0])]).items() if k != "name"})
    assert r.status_code == 201 and r.json()["code"] == 10105 and "name" in r.json()["msg"]
    body = create(api, pc, "x", [shell(codes[0], "a")], [rel(0, codes[0])], expect=10105, executionType="FAST")
    assert "executionType" in body["msg"]
    create(api, pc, "existing", [shell(codes[0], "a")], [rel(0, codes[0])], expect=10168)
    create(api, 1234, "x", [shell(codes[0], "a")], [rel(0, codes[0])], expect=10190)
    update(api, pc, 31337, "x", [shell(codes[0], "a")], [rel(0, codes[0])], expect=50003)
    assert snapshot(api, pc) == before


def test_known_tenant_is_stored(api):
    api.post("/tenants", {"tenantCode": "etl", "queueId": 1})
    pc = new_project(api)
    (a,) = gen_codes(api, pc, 1)
    wf = create(api, pc, "tenanted", [shell(a, "a")], [rel(0, a)], tenantCode="etl")["data"]["code"]
    got = dag(api, pc, wf)["processDefinition"]
    assert got["tenantCode"] == "etl" and got["tenantId"] > 0
    assert list_all(api, pc)["totalList"][0]["tenantCode"] == "etl"


# ---------------------------------------------------------------------------------------------- import

def old_codes_of(doc):
    """Every workflow and task code of an export file."""
    out = set()
    for e in doc:
        wf = e.get("processDefinition") or e.get("workflowDefinition")
        out.add(int(wf["code"]))
        out.update(int(t["code"]) for t in e["taskDefinitionList"])
    return out


def test_import_ds31_file_remaps_every_reference(api, server):
    pc = new_project(api)
    doc = fixture("ds31_branching_export.json")
    imported = import_file(api, pc, doc)["data"]
    assert [w["name"] for w in imported] == ["branching_pipeline", "child_load"]
    rows = by_name(list_all(api, pc)["totalList"])
    assert set(rows) == {"branching_pipeline", "child_load"}
    parent_code, child_code = rows["branching_pipeline"]["code"], rows["child_load"]["code"]
    # An ONLINE workflow and an ONLINE schedule in the file arrive OFFLINE.
    assert rows["branching_pipeline"]["releaseState"] == "OFFLINE"
    assert rows["branching_pipeline"]["scheduleReleaseState"] == "OFFLINE"
    assert rows["child_load"]["scheduleReleaseState"] is None

    parent, child = dag(api, pc, parent_code), dag(api, pc, child_code)
    old = old_codes_of(doc)
    new = {parent_code, child_code} | {t["code"] for d in (parent, child) for t in d["taskDefinitionList"]}
    assert not old & new
    # No old code survives anywhere in the stored definitions.
    stored_text = json.dumps([parent, child])
    for code in old:
        assert str(code) not in stored_text, code

    p = tasks_by_name(parent)
    c = tasks_by_name(child)
    code = {n: t["code"] for n, t in {**p, **c}.items()}
    assert parent["processDefinition"]["version"] == 1
    assert all(t["version"] == 1 and t["projectCode"] == pc for t in p.values())
    assert parent["processDefinition"]["tenantCode"] == "default"  # the foreign tenantId 3 is not trusted
    assert parent["processDefinition"]["globalParamMap"] == {"mode": "full"}
    edges = {(r["preTaskCode"], r["postTaskCode"]) for r in parent["processTaskRelationList"]}
    assert edges == {(0, code["extract"]), (code["extract"], code["check_extract"]),
                     (code["check_extract"], code["on_success"]), (code["check_extract"], code["on_failure"]),
                     (code["on_success"], code["route"]), (code["route"], code["full_load"]),
                     (code["route"], code["run_child"]), (code["route"], code["default_path"]),
                     (0, code["wait_for_child"])}
    cond = p["check_extract"]["taskParams"]
    assert cond["dependence"]["dependTaskList"][0]["dependItemList"][0]["depTaskCode"] == code["extract"]
    assert cond["conditionResult"] == {"successNode": [code["on_success"]], "failedNode": [code["on_failure"]]}
    sw = p["route"]["taskParams"]["switchResult"]
    assert sw["dependTaskList"][0]["nextNode"] == code["full_load"]
    assert sw["dependTaskList"][1]["nextNode"] == str(code["run_child"])  # string in the file, string now
    assert sw["dependTaskList"][0]["condition"] == '${mode} == "full"'
    assert sw["nextNode"] == [code["default_path"]]  # the default branch, an array in the file
    assert p["run_child"]["taskParams"]["processDefinitionCode"] == child_code
    groups = p["wait_for_child"]["taskParams"]["dependence"]["dependTaskList"]
    assert groups[0]["dependItemList"][0] == {"projectCode": pc, "definitionCode": child_code,
                                              "depTaskCode": code["load"], "cycle": "day", "dateValue": "today"}
    assert groups[0]["dependItemList"][1]["depTaskCode"] == 0 and groups[0]["dependItemList"][1]["definitionCode"] == child_code
    # A workflow of another system stays as it was.
    assert groups[1]["dependItemList"][0] == doc[0]["taskDefinitionList"][8]["taskParams"]["dependence"][
        "dependTaskList"][1]["dependItemList"][0]
    locs = json.loads(parent["processDefinition"]["locations"])
    assert len(locs) == 9  # the entry of a task that is not in the file is dropped
    assert {(l["taskCode"], l["x"], l["y"]) for l in locs} >= {(code["extract"], 80, 200), (code["wait_for_child"], 80, 400)}
    assert {l["taskCode"] for l in locs} == {t["code"] for t in p.values()}
    # The rest of each task came across.
    assert c["load"]["taskType"] == "PYTHON" and c["load"]["taskParamList"][0]["direct"] == "OUT"

    # The schedule came along, OFFLINE.
    exported = export(api, pc, [parent_code])[0]
    sched = exported["schedule"]
    assert sched["crontab"] == "0 0 2 * * ? *" and sched["releaseState"] == "OFFLINE"
    assert sched["processDefinitionCode"] == parent_code and sched["timezoneId"] == "Asia/Shanghai"
    assert (sched["startTime"], sched["endTime"]) == ("2023-04-10 00:00:00", "2124-04-10 00:00:00")
    assert sched["failureStrategy"] == "END" and sched["processInstancePriority"] == "HIGH"
    assert sched["warningType"] == "FAILURE" and sched["userName"] == "admin"
    assert db_counts(server)["t_schedule"] == 1

    # Import the same file again: names get "(1)", and the second parent runs the second child.
    again = import_file(api, pc, doc)["data"]
    assert [w["name"] for w in again] == ["branching_pipeline(1)", "child_load(1)"]
    rows = by_name(list_all(api, pc)["totalList"])
    parent2 = dag(api, pc, rows["branching_pipeline(1)"]["code"])
    assert tasks_by_name(parent2)["run_child"]["taskParams"]["processDefinitionCode"] == rows["child_load(1)"]["code"]
    third = import_file(api, pc, doc)["data"]
    assert [w["name"] for w in third] == ["branching_pipeline(2)", "child_load(2)"]


def test_import_ds32_style_file(api):
    pc = new_project(api)
    doc = fixture("ds32_workflow_export.json")
    import_file(api, pc, doc)
    rows = by_name(list_all(api, pc)["totalList"])
    assert set(rows) == {"child32", "parent32"}
    parent = tasks_by_name(dag(api, pc, rows["parent32"]["code"]))
    assert parent["sub"]["taskType"] == "SUB_WORKFLOW"
    assert parent["sub"]["taskParams"]["workflowDefinitionCode"] == rows["child32"]["code"]
    assert parent["pick"]["taskParams"]["switchResult"]["dependTaskList"][0]["nextNode"] == parent["sub"]["code"]
    assert parent["pick"]["taskParams"]["switchResult"]["nextNode"] == parent["other"]["code"]
    child = dag(api, pc, rows["child32"]["code"])
    assert len(child["processTaskRelationList"]) == 2


def test_imported_workflow_can_be_released_edited_and_exported(api):
    pc = new_project(api)
    import_file(api, pc, fixture("ds32_workflow_export.json"))
    rows = by_name(list_all(api, pc)["totalList"])
    code = rows["child32"]["code"]
    api.post(f"/projects/{pc}/process-definition/{code}/release", {"releaseState": "ONLINE"})
    api.post(f"/projects/{pc}/process-definition/{code}/release", {"releaseState": "OFFLINE"})
    d = dag(api, pc, code)
    tasks = d["taskDefinitionList"]
    relations = d["processTaskRelationList"]
    # What GET returns can be sent straight back: nothing changed, no new version.
    update(api, pc, code, "child32", tasks, relations, locations=d["processDefinition"]["locations"],
           description=d["processDefinition"]["description"])
    assert versions(api, pc, code)["total"] == 1


def sub_workflow_cycle_file():
    doc = fixture("ds32_workflow_export.json")
    child = doc[0]
    parent_code = doc[1]["workflowDefinition"]["code"]
    extra = copy.deepcopy(child["taskDefinitionList"][0])
    extra.update({"code": 9873199999999, "name": "back", "taskType": "SUB_WORKFLOW",
                  "taskParams": {"workflowDefinitionCode": parent_code}})
    child["taskDefinitionList"].append(extra)
    child["workflowTaskRelationList"].append({**child["workflowTaskRelationList"][0], "postTaskCode": 9873199999999})
    return doc


def truncated():
    text = (FIXTURES / "ds31_branching_export.json").read_text()
    return text[: len(text) * 2 // 3]


def without(section, index=0):
    doc = fixture("ds31_branching_export.json")
    del doc[index][section]
    return doc


def emptied(section, index=1):
    doc = fixture("ds31_branching_export.json")
    doc[index][section] = []
    return doc


def with_schedule(**fields):
    doc = fixture("ds31_branching_export.json")
    doc[0]["schedule"].update(fields)
    return doc


BAD_FILES = [
    # (label, content, code, words in the message)
    ("empty file", "", 50018, ["fileContent"]),
    ("blank file", "  \n", 50018, ["fileContent"]),
    ("empty array", "[]", 50018, ["fileContent"]),
    ("truncated", truncated, 50029, ["not valid JSON"]),
    ("a string", '"workflow"', 50029, ["array"]),
    ("numbers", "[1, 2]", 50029, ["workflow #1"]),
    ("wrong shape", '{"foo": 1}', 50018, ["processDefinition"]),
    ("no processDefinition", lambda: without("processDefinition", 1), 50018, ["processDefinition", "#2"]),
    ("no relations", lambda: without("processTaskRelationList"), 50018, ["processTaskRelationList",
                                                                         "branching_pipeline"]),
    ("no tasks", lambda: without("taskDefinitionList", 1), 50018, ["taskDefinitionList", "child_load"]),
    ("empty relations", lambda: emptied("processTaskRelationList"), 50018, ["processTaskRelationList"]),
    ("cycle", lambda: fixture("bad_cycle.json"), 50019, ["k1", "k2", "child32"]),
    ("unknown task type", lambda: fixture("bad_unknown_task_type.json"), 50020, ["SPARKLE", "k2"]),
    ("second workflow bad", lambda: fixture("bad_second_workflow.json"), 50020, ["second_is_bad", "9873299999999"]),
    ("sub-workflow cycle", sub_workflow_cycle_file, 50019, ["back"]),
    ("bad crontab", lambda: with_schedule(crontab="every night"), 50029, ["crontab", "every night",
                                                                         "branching_pipeline"]),
    ("schedule without start", lambda: with_schedule(startTime=None), 50029, ["startTime"]),
    ("schedule ends before it starts", lambda: with_schedule(endTime="2020-01-01 00:00:00"), 50029, ["endTime"]),
    ("schedule not an object", lambda: with_schedule() and [{**with_schedule()[0], "schedule": 5}], 50029,
     ["schedule"]),
    ("bad schedule enum", lambda: with_schedule(failureStrategy="SOMETIMES"), 50029, ["failureStrategy"]),
    ("description too long", lambda: [{**e, "processDefinition": {**e["processDefinition"], "description": "d" * 256}}
                                      for e in fixture("ds31_branching_export.json")], 1400004,
     ["branching_pipeline", "description"]),
    ("duplicate task codes", lambda: [{**e, "taskDefinitionList": e["taskDefinitionList"] * 2}
                                      for e in fixture("ds32_workflow_export.json")], 50029, ["appears twice"]),
]


@pytest.mark.parametrize("label,content,code,words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_rejected_and_store_nothing(api, server, label, content, code, words):
    pc = new_project(api)
    chain(api, pc, "already_here")
    before = snapshot(api, pc)
    rows_before = db_counts(server)
    body = import_file(api, pc, content() if callable(content) else content, expect=code)
    for w in words:
        assert w in body["msg"], (label, body["msg"])
    assert snapshot(api, pc) == before
    assert db_counts(server) == rows_before


def test_import_without_a_file_or_project(api):
    pc = new_project(api)
    body = api.post(f"/projects/{pc}/process-definition/import", {"x": "1"}, expect=50029)
    assert "file" in body["msg"]
    import_file(api, 4242, fixture("ds32_workflow_export.json"), expect=10190)


# ---------------------------------------------------------------------------------------------- export / round trip

VOLATILE = {"id", "createTime", "updateTime", "operateTime", "projectName"}


def normalize(doc):
    """The export with codes replaced by names, and ids, times and workflow names left out."""
    labels = {}
    for e in doc:
        wf = e["processDefinition"]
        base = re.sub(r"\(\d+\)$", "", wf["name"])
        labels[wf["code"]] = f"workflow:{base}"
        labels[wf["projectCode"]] = "project"
        for t in e["taskDefinitionList"]:
            labels[t["code"]] = f"task:{base}.{t['name']}"

    def walk(v, key=None):
        if isinstance(v, dict):
            return {k: walk(x, k) for k, x in v.items() if k not in VOLATILE and not (k == "name" and "releaseState" in v)}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, bool) or v is None:
            return v
        if isinstance(v, int) and v in labels:
            return labels[v]
        if isinstance(v, str):
            if v.isdigit() and int(v) in labels:
                return "text " + labels[int(v)]
            if key in ("locations", "globalParams") and v.startswith("["):
                return walk(json.loads(v))
            if key in ("processDefinitionName",):
                return re.sub(r"\(\d+\)$", "", v)
        return v

    return walk(doc)


def test_export_import_export_round_trip(api):
    pc = new_project(api)
    import_file(api, pc, fixture("ds31_branching_export.json"))
    codes = [w["code"] for w in list_all(api, pc)["totalList"]]
    first = export(api, pc, codes)
    assert len(first) == 2
    target = new_project(api, "round-trip")
    import_file(api, target, first)
    second = export(api, target, [w["code"] for w in list_all(api, target)["totalList"]])
    key = lambda e: e["processDefinition"]["name"]
    first, second = sorted(first, key=key), sorted(second, key=key)
    assert normalize(first) == normalize(second)
    # And the codes really are different.
    assert not old_codes_of(first) & old_codes_of(second)


def test_export_shape_and_odd_requests(api):
    pc = new_project(api)
    other = new_project(api, "other")
    wf = branching(api, pc, "exported")
    foreign = chain(api, other, "foreign")[0]
    doc = export(api, pc, [wf, foreign, 31337])
    assert isinstance(doc, list) and len(doc) == 1  # codes of other projects are skipped
    e = doc[0]
    assert set(e) == {"processDefinition", "processTaskRelationList", "taskDefinitionList", "schedule"}
    assert e["schedule"] is None
    assert isinstance(e["processDefinition"]["globalParams"], str)
    assert isinstance(e["processDefinition"]["locations"], str)
    t = e["taskDefinitionList"][0]
    assert isinstance(t["taskParams"], dict) and "dependence" not in t
    assert e["processDefinition"]["tenantCode"] == "default"
    r = api.request("POST", f"/projects/{pc}/process-definition/batch-export", data={"codes": ""})
    assert r.status_code == 200 and r.text == ""
    api.post(f"/projects/{pc}/process-definition/batch-export", {"codes": "1,x"}, expect=10001)


# ---------------------------------------------------------------------------------------------- one edge / one task

def edges_of(dag_data):
    return {(r["preTaskCode"], r["postTaskCode"]) for r in dag_data["processTaskRelationList"]}


def test_process_task_relation_endpoints(api):
    pc = new_project(api)
    wf, tasks, _ = chain(api, pc, "edges", 3)
    t1, t2, t3 = (t["code"] for t in tasks)
    base = f"/projects/{pc}/process-task-relation"
    r = api.request("POST", base, data={"processDefinitionCode": wf, "preTaskCode": t1, "postTaskCode": t3})
    assert r.status_code == 201 and r.json()["code"] == 0, r.text
    got = dag(api, pc, wf)
    assert edges_of(got) == {(0, t1), (t1, t2), (t2, t3), (t1, t3)}
    assert got["processDefinition"]["version"] == 2
    assert {t["name"] for t in api.get(f"{base}/{t3}/upstream")["data"]} == {"t1", "t2"}
    assert {t["name"] for t in api.get(f"{base}/{t1}/downstream")["data"]} == {"t2", "t3"}
    assert api.get(f"{base}/{t1}/upstream")["data"] == []

    api.delete(f"{base}/{wf}/{t1}/{t3}")
    assert edges_of(dag(api, pc, wf)) == {(0, t1), (t1, t2), (t2, t3)}
    body = api.delete(f"{base}/{wf}/{t1}/{t3}", expect=50017)
    assert f"{t1} -> {t3}" in body["msg"]
    # Without its only upstream edge a task becomes a root.
    api.delete(f"{base}/{t3}/upstream", {"preTaskCodes": str(t2)})
    assert edges_of(dag(api, pc, wf)) == {(0, t1), (t1, t2), (0, t3)}
    api.post(base, {"processDefinitionCode": wf, "preTaskCode": t3, "postTaskCode": t2})
    assert edges_of(dag(api, pc, wf)) == {(0, t1), (t1, t2), (0, t3), (t3, t2)}
    api.delete(f"{base}/{t3}/downstream", {"postTaskCodes": str(t2)})
    assert edges_of(dag(api, pc, wf)) == {(0, t1), (t1, t2), (0, t3)}

    before = snapshot(api, pc)
    body = api.post(base, {"processDefinitionCode": wf, "preTaskCode": t2, "postTaskCode": t1}, expect=50019)
    assert "t1" in body["msg"] and "t2" in body["msg"]
    api.post(base, {"processDefinitionCode": wf, "preTaskCode": t1, "postTaskCode": 999}, expect=50030)
    api.post(base, {"processDefinitionCode": 999, "preTaskCode": t1, "postTaskCode": t2}, expect=50003)
    api.post(base, {"processDefinitionCode": wf, "preTaskCode": t1}, expect=10001)
    api.get(f"{base}/999/upstream", expect=50030)
    assert snapshot(api, pc) == before

    api.delete(f"{base}/{t2}", {"processDefinitionCode": wf})
    assert set(tasks_by_name(dag(api, pc, wf))) == {"t1", "t3"}
    api.get(f"/projects/{pc}/task-definition/{t2}", expect=50030)
    api.post(f"/projects/{pc}/process-definition/{wf}/release", {"releaseState": "ONLINE"})
    api.post(base, {"processDefinitionCode": wf, "preTaskCode": t1, "postTaskCode": t3}, expect=50008)


def test_task_definition_edits(api):
    pc = new_project(api)
    wf = branching(api, pc, "editable")
    code = {n: t["code"] for n, t in tasks_by_name(dag(api, pc, wf)).items()}
    base = f"/projects/{pc}/task-definition"
    (extra,) = gen_codes(api, pc, 1)
    r = api.request("POST", f"{base}/save-single", data={
        "processDefinitionCode": wf, "taskDefinitionJsonObj": json.dumps(shell(extra, "extra", "echo extra")),
        "upstreamCodes": f"{code['left']},{code['right']}"})
    assert r.status_code == 201 and r.json()["code"] == 0, r.text
    assert r.json()["data"]["code"] == extra and r.json()["data"]["version"] == 1
    d = dag(api, pc, wf)
    assert {(code["left"], extra), (code["right"], extra)} <= edges_of(d)
    assert d["processDefinition"]["version"] == 2

    api.put(f"{base}/{extra}", {"taskDefinitionJsonObj": json.dumps(shell(extra, "extra", "echo changed"))})
    t = tasks_by_name(dag(api, pc, wf))["extra"]
    assert t["version"] == 2 and t["taskParams"]["rawScript"] == "echo changed"
    api.put(f"{base}/{extra}/with-upstream",
            {"taskDefinitionJsonObj": json.dumps(shell(extra, "extra", "echo changed")), "upstreamCodes": ""})
    assert (0, extra) in edges_of(dag(api, pc, wf))
    assert not any(post == extra and pre for pre, post in edges_of(dag(api, pc, wf)))
    page = api.get(f"{base}/{extra}/versions", {"pageNo": 1, "pageSize": 10})["data"]
    assert page["total"] == 2 and [v["version"] for v in page["totalList"]] == [2, 1]
    assert page["totalList"][1]["taskParams"]["rawScript"] == "echo extra"

    before = snapshot(api, pc)
    body = api.put(f"{base}/{extra}", {"taskDefinitionJsonObj": json.dumps(
        {**shell(extra, "extra"), "taskParams": {"localParams": []}})}, expect=50020)
    assert "rawScript" in body["msg"]
    api.put(f"{base}/{extra}", {"taskDefinitionJsonObj": "{"}, expect=10001)
    api.post(f"{base}/save-single", {"processDefinitionCode": wf,
                                     "taskDefinitionJsonObj": json.dumps(shell(0, "extra"))}, expect=50045)
    api.post(f"{base}/save-single", {"processDefinitionCode": wf, "taskDefinitionJsonObj": json.dumps(
        shell(0, "dangling")), "upstreamCodes": "4242"}, expect=10001)
    # The SWITCH still points at "left": it cannot go.
    body = api.delete(f"{base}/{code['left']}", expect=50020)
    assert "route" in body["msg"] and str(code["left"]) in body["msg"]
    api.delete(f"{base}/4242", expect=50030)
    assert snapshot(api, pc) == before

    api.delete(f"{base}/{extra}")
    assert "extra" not in tasks_by_name(dag(api, pc, wf))
    api.get(f"{base}/{extra}", expect=50030)


# ---------------------------------------------------------------------------------------------- tree view

def test_view_tree_shows_recent_runs_per_task(api):
    from engine_helpers import EngineEnv
    env = EngineEnv(api, "tree")
    wf = env.workflow("treed")
    wf.shell("first", "echo one")
    wf.shell("second", "exit 3")
    wf.shell("side", "echo side")
    wf.edge("first", "second")
    wf.edge("first", "side")
    code = wf.save()
    path = f"/projects/{env.pc}/process-definition/{code}/view-tree"
    empty = api.get(path, {"limit": 5})["data"]
    assert empty["name"] == "DAG" and empty["instances"] == []
    assert [c["name"] for c in empty["children"]] == ["first"]
    assert sorted(c["name"] for c in empty["children"][0]["children"]) == ["second", "side"]

    runs = [wf.run()[0] for _ in range(3)]  # one after the other
    tree = api.get(path, {"limit": 2})["data"]
    assert [i["id"] for i in tree["instances"]] == runs[:0:-1]  # the two newest, newest first
    assert all(i["state"] == "FAILURE" and i["code"] == code for i in tree["instances"])
    first = tree["children"][0]
    assert first["type"] == "SHELL" and [i["state"] for i in first["instances"]] == ["SUCCESS", "SUCCESS"]
    assert first["instances"][0]["duration"] and first["instances"][0]["startTime"]
    children = {c["name"]: c for c in first["children"]}
    assert [i["state"] for i in children["second"]["instances"]] == ["FAILURE", "FAILURE"]
    api.get(path, {"limit": 0}, expect=10001)
    api.get(path, expect=10001)
    api.get(f"/projects/{env.pc}/process-definition/424242/view-tree", {"limit": 1}, expect=50003)
