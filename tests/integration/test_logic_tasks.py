"""CONDITIONS, SWITCH, SUB_PROCESS and DEPENDENT tasks run over HTTP on a real server (issue 5)."""
import time

import pytest

from conftest import Server
from engine_helpers import EngineEnv


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("logic-srv")).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def env(server):
    return EngineEnv(server.client(), project_name="logic")


def ran(path):
    return sorted(path.read_text().split()) if path.exists() else []


# ---------------------------------------------------------------- CONDITIONS

def conditions_workflow(env, name, out):
    """up (exit ${rc}) -> cond -> ok -> ok_next ; cond -> ko. cond checks up == SUCCESS."""
    wf = env.workflow(name)
    wf.param("rc", "0")
    up = wf.shell("up", f"echo up >> {out}; exit ${{rc}}")
    ok = wf.shell("ok", f"echo ok >> {out}")
    wf.shell("ok_next", f"echo ok_next >> {out}")
    ko = wf.shell("ko", f"echo ko >> {out}")
    wf.task("cond", "CONDITIONS", {
        "dependence": {"relation": "AND", "dependTaskList": [
            {"relation": "AND", "dependItemList": [{"depTaskCode": up, "status": "SUCCESS"}]}]},
        "conditionResult": {"successNode": [ok], "failedNode": [ko]}})
    wf.edge("up", "cond", "ok", "ok_next")
    wf.edge("cond", "ko")
    wf.save()
    return wf


def test_conditions_success_branch(env, tmp_path):
    out = tmp_path / "ran"
    wf = conditions_workflow(env, "cond-success", out)
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert ran(out) == ["ok", "ok_next", "up"]
    s = env.summary(iid)
    assert s["up"] == "SUCCESS" and s["cond"] == "SUCCESS" and s["ok"] == "SUCCESS" and s["ok_next"] == "SUCCESS"
    assert s["ko"] == "SKIPPED", s


@pytest.mark.parametrize("strategy", ["CONTINUE", "END"])
def test_conditions_failure_branch(env, tmp_path, strategy):
    out = tmp_path / "ran"
    wf = conditions_workflow(env, f"cond-failure-{strategy}", out)
    iid, inst = wf.run(failure_strategy=strategy, start_params={"rc": "1"})
    s = env.summary(iid)
    assert ran(out) == ["ko", "up"], s
    assert s["up"] == "FAILURE" and s["cond"] == "SUCCESS" and s["ko"] == "SUCCESS", s
    assert s["ok"] == "SKIPPED" and s["ok_next"] == "SKIPPED", s
    # the failure of `up` is handled by the CONDITIONS task, so the workflow succeeds (spec §3.3 HEAD, §6.8)
    assert inst["state"] == "SUCCESS", s


def test_conditions_branch_merge(env, tmp_path):
    """Both branches lead to `join`; it runs once after the branch that was taken."""
    out = tmp_path / "ran"
    wf = env.workflow("cond-merge")
    up = wf.shell("up", f"echo up >> {out}")
    ok = wf.shell("ok", f"sleep 0.3; echo ok >> {out}")
    ko = wf.shell("ko", f"echo ko >> {out}")
    wf.shell("join", f"echo join >> {out}")
    wf.task("cond", "CONDITIONS", {
        "dependence": {"relation": "OR", "dependTaskList": [
            {"relation": "AND", "dependItemList": [{"depTaskCode": up, "status": "SUCCESS"}]}]},
        "conditionResult": {"successNode": [ok], "failedNode": [ko]}})
    wf.edge("up", "cond", "ok", "join")
    wf.edge("cond", "ko", "join")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert (tmp_path / "ran").read_text().split() == ["up", "ok", "join"]
    assert env.summary(iid)["ko"] == "SKIPPED"


# ---------------------------------------------------------------- SWITCH

def switch_workflow(env, name, out, with_default=True):
    wf = env.workflow(name)
    wf.param("route", "none")
    a = wf.shell("branch_a", f"echo branch_a >> {out}")
    b = wf.shell("branch_b", f"echo branch_b >> {out}")
    items = [{"condition": '${route} == "a"', "nextNode": a}, {"condition": "${route} == 'b'", "nextNode": b}]
    result = {"dependTaskList": items}
    if with_default:
        result["nextNode"] = wf.shell("fallback", f"echo fallback >> {out}")
    wf.task("switch", "SWITCH", {"switchResult": result})
    wf.shell("after_a", f"echo after_a >> {out}")
    wf.edge("switch", "branch_a", "after_a")
    wf.edge("switch", "branch_b")
    if with_default:
        wf.edge("switch", "fallback")
    wf.save()
    return wf


@pytest.mark.parametrize("route,expected", [("a", ["after_a", "branch_a"]), ("b", ["branch_b"]),
                                            ("zzz", ["fallback"])])
def test_switch_chooses_branch_by_start_param(env, tmp_path, route, expected):
    out = tmp_path / "ran"
    wf = switch_workflow(env, f"switch-{route}", out)
    iid, inst = wf.run(start_params={"route": route})
    s = env.summary(iid)
    assert inst["state"] == "SUCCESS", s
    assert ran(out) == expected
    assert s["switch"] == "SUCCESS"
    for name in ("branch_a", "after_a", "branch_b", "fallback"):
        assert s[name] == ("SUCCESS" if name in expected else "SKIPPED"), s


def test_switch_uses_global_default_value(env, tmp_path):
    out = tmp_path / "ran"
    wf = switch_workflow(env, "switch-global", out)
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS"
    assert ran(out) == ["fallback"]


def test_switch_no_match_without_default_fails(env, tmp_path):
    out = tmp_path / "ran"
    wf = switch_workflow(env, "switch-nodefault", out, with_default=False)
    iid, inst = wf.run(start_params={"route": "zzz"})
    s = env.summary(iid)
    assert s["switch"] == "FAILURE", s
    assert inst["state"] == "FAILURE", s
    assert ran(out) == []
    tid = env.tasks_by_name(iid)["switch"]["id"]
    log = env.full_log(tid).lower()
    assert "matched" in log and "default" in log, log  # the log says no branch matched and none is default


def test_switch_on_upstream_out_param(env, tmp_path):
    out = tmp_path / "ran"
    wf = env.workflow("switch-upstream")
    wf.shell("decide", "echo '${setValue(score=87)}'",
             local_params=[{"prop": "score", "direct": "OUT", "type": "VARCHAR", "value": ""}])
    hi = wf.shell("high", f"echo high >> {out}")
    lo = wf.shell("low", f"echo low >> {out}")
    wf.task("switch", "SWITCH", {"switchResult": {
        "dependTaskList": [{"condition": "${score} >= 80 && !(${score} > 100)", "nextNode": hi}], "nextNode": lo}})
    wf.edge("decide", "switch", "high")
    wf.edge("switch", "low")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert ran(out) == ["high"]
    assert env.summary(iid)["low"] == "SKIPPED"


# ---------------------------------------------------------------- SUB_PROCESS

def test_sub_process_runs_child(env, tmp_path):
    out = tmp_path / "ran"
    child = env.workflow("child")
    child.shell("child_task", f"echo child_task >> {out}")
    child_code = child.save()
    parent = env.workflow("parent")
    parent.shell("before", f"echo before >> {out}")
    parent.task("sub", "SUB_PROCESS", {"processDefinitionCode": child_code})
    parent.shell("after", f"echo after >> {out}")
    parent.edge("before", "sub", "after")
    parent.save()
    iid, inst = parent.run(timeout=60)
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert (tmp_path / "ran").read_text().split() == ["before", "child_task", "after"]
    sub_ti = env.tasks_by_name(iid)["sub"]
    assert sub_ti["state"] == "SUCCESS"
    pc = env.pc
    child_id = env.api.get(f"/projects/{pc}/process-instances/query-sub-by-parent",
                           {"taskId": sub_ti["id"]})["data"]["subProcessInstanceId"]
    assert child_id != iid
    child_inst = env.instance(child_id)
    assert child_inst["state"] == "SUCCESS"
    assert child_inst["processDefinitionCode"] == child_code
    parent_id = env.api.get(f"/projects/{pc}/process-instances/query-parent-by-sub",
                            {"subId": child_id})["data"]["parentWorkflowInstance"]
    assert parent_id == iid
    assert env.summary(child_id) == {"child_task": "SUCCESS"}


def test_sub_process_failure_fails_parent(env, tmp_path):
    child = env.workflow("child-bad")
    child.shell("boom", "exit 4")
    child_code = child.save()
    parent = env.workflow("parent-bad")
    parent.task("sub", "SUB_PROCESS", {"processDefinitionCode": child_code})
    parent.save()
    iid, inst = parent.run(timeout=60)
    assert inst["state"] == "FAILURE"
    assert env.summary(iid)["sub"] == "FAILURE"


# ---------------------------------------------------------------- DEPENDENT

def dependent_workflow(env, name, target_code, dep_task_code=0):
    wf = env.workflow(name)
    wf.task("wait_for", "DEPENDENT", {"dependence": {"relation": "AND", "dependTaskList": [
        {"relation": "AND", "dependItemList": [
            {"projectCode": env.pc, "definitionCode": target_code, "depTaskCode": dep_task_code, "cycle": "day",
             "dateValue": "today"}]}]}})
    wf.save()
    return wf


def test_dependent_on_workflow_that_succeeded_today(env, tmp_path):
    target = env.workflow("dep-target")
    target.shell("produce", "true")
    target.save()
    tiid, tinst = target.run()
    assert tinst["state"] == "SUCCESS"
    whole = dependent_workflow(env, "dep-whole", target.code)
    iid, inst = whole.run(timeout=30)
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert env.summary(iid)["wait_for"] == "SUCCESS"
    one_task = dependent_workflow(env, "dep-task", target.code, target.code_of("produce"))
    iid, inst = one_task.run(timeout=30)
    assert inst["state"] == "SUCCESS", env.summary(iid)


def test_dependent_on_failed_workflow_fails(env, tmp_path):
    target = env.workflow("dep-target-bad")
    target.shell("produce", "exit 1")
    target.save()
    tiid, tinst = target.run()
    assert tinst["state"] == "FAILURE"
    wf = dependent_workflow(env, "dep-on-bad", target.code)
    iid, inst = wf.run(timeout=30)
    assert inst["state"] == "FAILURE"
    assert env.summary(iid)["wait_for"] == "FAILURE"


def test_dependent_waits_for_workflow_not_run_yet(env, tmp_path):
    target = env.workflow("dep-target-later")
    target.shell("produce", "true")
    target.save()
    wf = dependent_workflow(env, "dep-waiting", target.code)
    iid = env.start(wf.code)
    time.sleep(1.5)
    assert env.instance(iid)["state"] == "RUNNING_EXECUTION"
    assert env.summary(iid)["wait_for"] == "RUNNING_EXECUTION"
    tiid, tinst = target.run()
    assert tinst["state"] == "SUCCESS"
    inst = env.wait_finished(iid, timeout=30)
    assert inst["state"] == "SUCCESS", env.summary(iid)


def test_sub_process_passes_params_down_and_out_values_up(env, tmp_path):
    out = tmp_path / "values"
    child = env.workflow("child-params")
    child.param("p", "child-default")
    child.shell("child_task", f"echo child:${{p}} >> {out}; echo '${{setValue(res=99)}}'",
                local_params=[{"prop": "res", "direct": "OUT", "type": "VARCHAR", "value": ""}])
    child_code = child.save()
    parent = env.workflow("parent-params")
    parent.param("p", "from-parent")
    parent.task("sub", "SUB_PROCESS", {"processDefinitionCode": child_code,
                                       "localParams": [{"prop": "res", "direct": "OUT", "type": "VARCHAR",
                                                        "value": ""}]})
    parent.shell("after", f"echo parent:${{res}} >> {out}")
    parent.edge("sub", "after")
    parent.save()
    iid, inst = parent.run(timeout=60)
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert out.read_text().split() == ["child:from-parent", "parent:99"]


def test_stopping_parent_stops_child(env, tmp_path):
    pids = tmp_path / "pids"
    child = env.workflow("child-long")
    child.shell("long", f"echo $$ >> {pids}; sleep 60")
    child_code = child.save()
    parent = env.workflow("parent-long")
    parent.task("sub", "SUB_PROCESS", {"processDefinitionCode": child_code})
    parent.save()
    iid = env.start(parent.code)
    sub_ti = env.wait_task_state(iid, "sub", "RUNNING_EXECUTION")
    deadline = time.time() + 15
    while not pids.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert pids.exists(), "the child task never started"
    child_id = env.api.get(f"/projects/{env.pc}/process-instances/query-sub-by-parent",
                           {"taskId": sub_ti["id"]})["data"]["subProcessInstanceId"]
    env.execute(iid, "STOP")
    assert env.wait_finished(iid, timeout=30)["state"] == "STOP"
    assert env.wait_finished(child_id, timeout=30)["state"] == "STOP"
    assert env.summary(child_id)["long"] == "KILL"
    assert env.summary(iid)["sub"] == "KILL"


# ---------------------------------------------------------------- imported DolphinScheduler JSON

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def imported(server):
    """ds31_branching_export.json imported unchanged into its own project, both workflows ONLINE."""
    ienv = EngineEnv(server.client(), project_name="imported")
    content = (FIXTURES / "ds31_branching_export.json").read_bytes()
    ienv.api.post(f"/projects/{ienv.pc}/process-definition/import",
                  files={"file": ("ds31_branching_export.json", content, "application/json")})
    found = ienv.api.get(f"/projects/{ienv.pc}/process-definition",
                         {"pageNo": 1, "pageSize": 50})["data"]["totalList"]
    codes = {d["name"]: d["code"] for d in found}
    for name in ("child_load", "branching_pipeline"):
        ienv.api.post(f"/projects/{ienv.pc}/process-definition/{codes[name]}/release", {"releaseState": "ONLINE"})
    detail = ienv.api.get(f"/projects/{ienv.pc}/process-definition/{codes['branching_pipeline']}")["data"]
    task_codes = {t["name"]: t["code"] for t in detail["taskDefinitionList"]}
    return ienv, codes, task_codes


@pytest.mark.parametrize("mode,chosen", [("full", "full_load"), ("child", "run_child"), ("other", "default_path")])
def test_imported_switch_follows_start_param(imported, mode, chosen):
    ienv, codes, task_codes = imported
    # run the SWITCH and what follows it (the DEPENDENT root of the export refers to a project that is not there)
    iid = ienv.start(codes["branching_pipeline"], start_params={"mode": mode},
                     startNodeList=str(task_codes["route"]), taskDependType="TASK_POST")
    inst = ienv.wait_finished(iid, timeout=60)
    s = ienv.summary(iid)
    assert inst["state"] == "SUCCESS", s
    assert s["route"] == "SUCCESS"
    for branch in ("full_load", "run_child", "default_path"):
        assert s[branch] == ("SUCCESS" if branch == chosen else "SKIPPED"), s
    assert set(s) == {"route", "full_load", "run_child", "default_path"}, s
    if chosen == "run_child":
        sub_ti = ienv.tasks_by_name(iid)["run_child"]
        child_id = ienv.api.get(f"/projects/{ienv.pc}/process-instances/query-sub-by-parent",
                                {"taskId": sub_ti["id"]})["data"]["subProcessInstanceId"]
        assert ienv.summary(child_id) == {"prepare": "SUCCESS", "load": "SUCCESS"}


@pytest.mark.parametrize("relation,taken", [("OR", "ok"), ("AND", "ko")])
def test_conditions_over_several_upstream_tasks(env, tmp_path, relation, taken):
    """good succeeds, bad fails; OR of both == SUCCESS picks ok, AND picks ko. `other` runs independently and is a
    second predecessor of `after_ko`, so `after_ko` runs even when `ko` is skipped."""
    out = tmp_path / "ran"
    wf = env.workflow(f"cond-multi-{relation}")
    good = wf.shell("good", f"echo good >> {out}")
    bad = wf.shell("bad", f"echo bad >> {out}; exit 1")
    wf.shell("other", f"sleep 0.2; echo other >> {out}")
    ok = wf.shell("ok", f"echo ok >> {out}")
    ko = wf.shell("ko", f"echo ko >> {out}")
    wf.shell("after_ko", f"echo after_ko >> {out}")
    wf.task("cond", "CONDITIONS", {
        "dependence": {"relation": "AND", "dependTaskList": [
            {"relation": relation, "dependItemList": [{"depTaskCode": good, "status": "SUCCESS"},
                                                      {"depTaskCode": bad, "status": "SUCCESS"}]}]},
        "conditionResult": {"successNode": [ok], "failedNode": [ko]}})
    wf.edge("good", "cond")
    wf.edge("bad", "cond")
    wf.edge("cond", "ok")
    wf.edge("cond", "ko", "after_ko")
    wf.edge("other", "after_ko")
    wf.save()
    iid, inst = wf.run()
    s = env.summary(iid)
    skipped = "ko" if taken == "ok" else "ok"
    assert ran(out) == sorted(["good", "bad", "other", taken, "after_ko"]), s
    assert s[taken] == "SUCCESS" and s[skipped] == "SKIPPED" and s["after_ko"] == "SUCCESS", s
    assert inst["state"] == "SUCCESS", s
