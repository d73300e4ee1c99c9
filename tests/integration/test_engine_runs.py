"""Runs real workflows end to end over HTTP: real task processes, real files, real logs (issue 4)."""
import os
import time
from datetime import datetime

import pytest

from conftest import Server
from engine_helpers import EngineEnv


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("engine-srv")).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def env(server):
    return EngineEnv(server.client())


def lines(path):
    return path.read_text().split() if path.exists() else []


def ns_times(path):
    """{label: nanoseconds} from lines 'label ns' written by `echo label $(date +%s%N) >> file`."""
    out = {}
    for line in path.read_text().splitlines():
        label, ns = line.split()
        out[label] = int(ns)
    return out


def process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie left for its (dead) parent counts as gone
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_chain_runs_in_order(env, tmp_path):
    out = tmp_path / "order"
    wf = env.workflow("chain")
    for name in "abcd":
        wf.shell(name, f"echo {name} >> {out}")
    wf.edge("a", "b", "c", "d")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS"
    assert lines(out) == ["a", "b", "c", "d"]
    assert env.summary(iid) == {n: "SUCCESS" for n in "abcd"}


def test_fan_out_fan_in(env, tmp_path):
    out = tmp_path / "times"
    wf = env.workflow("fan")
    wf.shell("root", f"echo root $(date +%s%N) >> {out}")
    for i in range(3):
        wf.shell(f"mid{i}", f"echo mid{i}_start $(date +%s%N) >> {out}; sleep 0.5; echo mid{i}_end $(date +%s%N) >> {out}")
        wf.edge("root", f"mid{i}", "join")
    wf.shell("join", f"echo join $(date +%s%N) >> {out}")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS", env.summary(iid)
    t = ns_times(out)
    starts = [t[f"mid{i}_start"] for i in range(3)]
    ends = [t[f"mid{i}_end"] for i in range(3)]
    assert min(starts) > t["root"]
    assert max(starts) < min(ends), "the three middle tasks should overlap (8 worker slots)"
    assert t["join"] > max(ends), "join must wait for every middle task"
    assert len(env.tasks(iid)) == 5


def test_failure_continue_runs_independent_branch(env, tmp_path):
    out = tmp_path / "ran"
    wf = env.workflow("fail-continue")
    wf.shell("bad", f"echo bad >> {out}; exit 3")
    wf.shell("after_bad", f"echo after_bad >> {out}")
    wf.shell("slow", f"sleep 1; echo slow >> {out}")
    wf.shell("after_slow", f"echo after_slow >> {out}")
    wf.edge("bad", "after_bad")
    wf.edge("slow", "after_slow")
    wf.save()
    iid, inst = wf.run(failure_strategy="CONTINUE")
    assert inst["state"] == "FAILURE"
    assert sorted(lines(out)) == ["after_slow", "bad", "slow"]
    s = env.summary(iid)
    assert s["bad"] == "FAILURE" and s["slow"] == "SUCCESS" and s["after_slow"] == "SUCCESS"
    assert s.get("after_bad") in (None, "SKIPPED"), s


def test_failure_end_kills_running_tasks(env, tmp_path):
    out = tmp_path / "ran"
    wf = env.workflow("fail-end")
    wf.shell("bad", "sleep 0.3; exit 1")
    wf.shell("slow", f"sleep 20; echo slow >> {out}")
    wf.shell("after_slow", f"echo after_slow >> {out}")
    wf.edge("slow", "after_slow")
    wf.save()
    t0 = time.time()
    iid, inst = wf.run(failure_strategy="END", timeout=15)
    assert inst["state"] == "FAILURE"
    assert time.time() - t0 < 12, "END must kill the running task instead of waiting for it"
    s = env.summary(iid)
    assert s["bad"] == "FAILURE" and s["slow"] == "KILL", s
    assert "after_slow" not in s or s["after_slow"] not in ("SUCCESS", "RUNNING_EXECUTION"), s
    time.sleep(0.3)
    assert lines(out) == []


def test_retry_until_success(env, tmp_path):
    count = tmp_path / "count"
    wf = env.workflow("retry")
    # fails on attempts 1 and 2, succeeds on attempt 3
    wf.shell("flaky", f"echo x >> {count}; [ $(wc -l < {count}) -ge 3 ]", failRetryTimes=2, failRetryInterval=0)
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS"
    assert len(lines(count)) == 3
    task = env.tasks_by_name(iid)["flaky"]
    assert task["state"] == "SUCCESS" and task["retryTimes"] == 2
    assert len(env.tasks(iid)) == 1, "only one valid task instance per task"


def test_retry_exhausted_fails(env, tmp_path):
    count = tmp_path / "count"
    wf = env.workflow("retry-exhausted")
    wf.shell("always_bad", f"echo x >> {count}; exit 1", failRetryTimes=1, failRetryInterval=0)
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "FAILURE"
    assert len(lines(count)) == 2
    assert env.tasks_by_name(iid)["always_bad"]["retryTimes"] == 1


@pytest.mark.skipif(not os.environ.get("PORPOISE_SLOW_TESTS"),
                    reason="task timeouts are whole minutes (TaskDefinition.timeout); set PORPOISE_SLOW_TESTS=1")
def test_task_timeout_kills_process_group(env, tmp_path):
    pids = tmp_path / "pids"
    wf = env.workflow("timeout")
    wf.shell("sleepy", f"sleep 300 & echo $! >> {pids}; echo $$ >> {pids}; wait", timeoutFlag="OPEN",
             timeoutNotifyStrategy="FAILED", timeout=1)
    wf.save()
    iid, inst = wf.run(timeout=100)
    assert inst["state"] == "FAILURE"
    assert env.summary(iid)["sleepy"] == "FAILURE"
    time.sleep(0.5)
    assert [p for p in map(int, lines(pids)) if process_alive(p)] == []


def test_stop_kills_running_task_and_its_children(env, tmp_path):
    pids = tmp_path / "pids"
    after = tmp_path / "after"
    wf = env.workflow("stop")
    wf.shell("long", f"sleep 60 & echo $! >> {pids}; echo $$ >> {pids}; wait")
    wf.shell("next", f"echo next >> {after}")
    wf.edge("long", "next")
    wf.save()
    iid = env.start(wf.code)
    env.wait_task_state(iid, "long", "RUNNING_EXECUTION")
    deadline = time.time() + 10
    while len(lines(pids)) < 2 and time.time() < deadline:
        time.sleep(0.05)
    assert len(lines(pids)) == 2
    env.execute(iid, "STOP")
    inst = env.wait_finished(iid, timeout=20)
    assert inst["state"] == "STOP"
    assert env.summary(iid)["long"] == "KILL"
    deadline = time.time() + 10
    alive = [int(p) for p in lines(pids)]
    while alive and time.time() < deadline:
        alive = [p for p in alive if process_alive(p)]
        time.sleep(0.1)
    assert alive == [], "the task's process group must be gone after STOP"
    assert lines(after) == []


def test_pause_then_recover_suspended(env, tmp_path):
    out = tmp_path / "ran"
    wf = env.workflow("pause")
    wf.shell("first", f"sleep 1.5; echo first >> {out}")
    wf.shell("second", f"echo second >> {out}")
    wf.edge("first", "second")
    wf.save()
    iid = env.start(wf.code)
    env.wait_task_state(iid, "first", "RUNNING_EXECUTION")
    env.execute(iid, "PAUSE")
    inst = env.wait_finished(iid, timeout=20)
    assert inst["state"] == "PAUSE"
    assert lines(out) == ["first"], "the running task finishes; nothing new starts while paused"
    assert env.summary(iid).get("second") in (None, "PAUSE")
    env.execute(iid, "RECOVER_SUSPENDED_PROCESS")
    inst = env.wait_state(iid, {"SUCCESS", "FAILURE", "STOP"}, timeout=20)
    assert inst["state"] == "SUCCESS"
    assert lines(out) == ["first", "second"]
    assert env.summary(iid) == {"first": "SUCCESS", "second": "SUCCESS"}


def test_start_failure_task_process_reruns_only_failed_part(env, tmp_path):
    out = tmp_path / "ran"
    marker = tmp_path / "marker"
    wf = env.workflow("recover-failed")
    wf.shell("ok", f"echo ok >> {out}")
    wf.shell("once_bad", f"echo once_bad >> {out}; if [ -e {marker} ]; then exit 0; fi; touch {marker}; exit 1")
    wf.shell("tail", f"echo tail >> {out}")
    wf.edge("ok", "once_bad", "tail")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "FAILURE"
    assert lines(out) == ["ok", "once_bad"]
    env.execute(iid, "START_FAILURE_TASK_PROCESS")
    time.sleep(0.2)
    inst = env.wait_state(iid, {"SUCCESS", "FAILURE", "STOP"}, timeout=20)
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert lines(out) == ["ok", "once_bad", "once_bad", "tail"]
    assert env.summary(iid) == {"ok": "SUCCESS", "once_bad": "SUCCESS", "tail": "SUCCESS"}


def test_start_failure_rejected_unless_failed(env, tmp_path):
    wf = env.workflow("recover-not-failed")
    wf.shell("fine", "true")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS"
    body = env.execute(iid, "START_FAILURE_TASK_PROCESS", expect=None)
    assert body["code"] == 50006, body


def test_repeat_running_reruns_everything(env, tmp_path):
    out = tmp_path / "ran"
    wf = env.workflow("repeat")
    wf.shell("a", f"echo a >> {out}")
    wf.shell("b", f"echo b >> {out}")
    wf.edge("a", "b")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS" and inst["runTimes"] == 1
    env.execute(iid, "REPEAT_RUNNING")
    deadline = time.time() + 20
    while len(lines(out)) < 4 and time.time() < deadline:
        time.sleep(0.05)
    inst = env.wait_state(iid, "SUCCESS", timeout=20)
    assert inst["runTimes"] == 2
    assert lines(out) == ["a", "b", "a", "b"]
    assert env.summary(iid) == {"a": "SUCCESS", "b": "SUCCESS"}


def test_force_success_flips_failed_instance(env, tmp_path):
    wf = env.workflow("force")
    wf.shell("bad", "exit 2")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "FAILURE"
    tid = env.tasks_by_name(iid)["bad"]["id"]
    env.api.post(f"/projects/{env.pc}/task-instances/{tid}/force-success")
    assert env.tasks_by_name(iid)["bad"]["state"] == "FORCED_SUCCESS"
    assert env.instance(iid)["state"] == "SUCCESS"
    # a second force-success is refused: the task is no longer FAILURE/KILL
    body = env.api.post(f"/projects/{env.pc}/task-instances/{tid}/force-success", expect=None)
    assert body["code"] == 10166, body


def test_params_global_start_and_out_passing(env, tmp_path):
    out = tmp_path / "values"
    wf = env.workflow("params")
    wf.param("greeting", "hello").param("target", "world")
    wf.shell("producer", "echo '${setValue(token=k=v;x)}'; echo \"#{setValue(num=42)}\"",
             local_params=[{"prop": "token", "direct": "OUT", "type": "VARCHAR", "value": ""},
                           {"prop": "num", "direct": "OUT", "type": "VARCHAR", "value": ""}])
    wf.shell("consumer", f"echo \"${{greeting}} ${{target}} ${{token}} ${{num}} $[yyyyMMdd]\" >> {out}")
    wf.edge("producer", "consumer")
    wf.save()
    before = datetime.now().strftime("%Y%m%d")
    iid, inst = wf.run(start_params={"target": "porpoise"})
    after = datetime.now().strftime("%Y%m%d")
    assert inst["state"] == "SUCCESS", env.summary(iid)
    greeting, target, token, num, day = out.read_text().split()
    assert (greeting, target, token, num) == ("hello", "porpoise", "k=v;x", "42")
    assert day in (before, after)
    producer = env.tasks_by_name(iid)["producer"]
    assert "k=v;x" in producer["varPool"]


def test_python_task_gets_parameters(env, tmp_path):
    out = tmp_path / "py"
    wf = env.workflow("python")
    wf.param("n", "7")
    wf.python("py", f"open('{out}', 'w').write(str(${{n}} * 6))")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS", env.full_log(env.tasks(iid)[0]["id"])
    assert out.read_text() == "42"


def test_log_paging_until_empty(env, tmp_path):
    wf = env.workflow("logs")
    wf.shell("talker", "for i in $(seq 1 30); do echo line-$i; done")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS"
    tid = env.tasks_by_name(iid)["talker"]["id"]
    first = env.log(tid, 0, 5)
    assert first["message"].startswith("[LOG-PATH]: ")
    assert first["lineNum"] >= 1
    collected, skip, limit, pages = "", 0, 5, 0
    while True:
        page = env.log(tid, skip, limit)
        if not page["message"]:
            break
        collected += page["message"]
        skip += page["lineNum"]
        pages += 1
        assert pages < 100, "log paging never ends"
    found = [ln for ln in collected.replace("\r", "").splitlines() if ln.strip().startswith("line-")
             or " line-" in ln]
    numbers = [int(ln.split("line-")[1].split()[0]) for ln in found]
    assert numbers == list(range(1, 31))
    assert pages >= 6, "30+ lines with limit 5 need several pages"
    assert env.log(tid, 100000, 10)["message"] == ""
    body = env.api.get("/log/detail", {"taskInstanceId": 987654321, "skipLineNum": 0, "limit": 10}, expect=None)
    assert body["code"] == 10008


def test_crash_recovery_runs_task_once(tmp_path):
    count = tmp_path / "count"
    data = tmp_path / "data"
    data.mkdir()
    first = Server(data).start()
    try:
        env = EngineEnv(first.client())
        wf = env.workflow("crash")
        wf.shell("slow", f"echo started >> {count}; sleep 3; echo done >> {count}")
        wf.shell("after", f"echo after >> {count}")
        wf.edge("slow", "after")
        wf.save()
        iid = env.start(wf.code)
        env.wait_task_state(iid, "slow", "RUNNING_EXECUTION")
        deadline = time.time() + 5
        while not lines(count) and time.time() < deadline:
            time.sleep(0.05)
    finally:
        first.stop("KILL")
    assert lines(count) == ["started"]
    second = Server(data).start()
    try:
        env = EngineEnv(second.client())
        inst = env.wait_state(iid, {"SUCCESS", "FAILURE", "STOP"}, timeout=30)
        assert inst["state"] == "SUCCESS", env.summary(iid)
        assert lines(count) == ["started", "done", "after"], "the task must run exactly once across the restart"
        assert env.summary(iid) == {"slow": "SUCCESS", "after": "SUCCESS"}
    finally:
        second.stop()


def test_parameter_precedence(env, tmp_path):
    """local IN > upstream varPool > startParams > workflow global (spec §5.2)."""
    out = tmp_path / "values"
    wf = env.workflow("precedence")
    wf.param("from_local", "global").param("from_pool", "global").param("from_start", "global")
    wf.param("plain", "global")
    wf.shell("producer", "echo '${setValue(from_pool=pool)}'; echo '${setValue(from_local=pool)}'",
             local_params=[{"prop": "from_pool", "direct": "OUT", "type": "VARCHAR", "value": ""},
                           {"prop": "from_local", "direct": "OUT", "type": "VARCHAR", "value": ""}])
    wf.shell("consumer", f"echo ${{from_local}} ${{from_pool}} ${{from_start}} ${{plain}} >> {out}",
             local_params=[{"prop": "from_local", "direct": "IN", "type": "VARCHAR", "value": "local"}])
    wf.edge("producer", "consumer")
    wf.save()
    iid, inst = wf.run(start_params={"from_start": "start"})
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert out.read_text().split() == ["local", "pool", "start", "global"]


def test_time_expressions_and_builtins(env, tmp_path):
    from datetime import timedelta
    out = tmp_path / "dates"
    wf = env.workflow("dates")
    wf.param("bizdate", "${system.biz.date}").param("curdate", "${system.biz.curdate}")
    wf.shell("dates", f"echo $[yyyyMMdd] $[yyyyMMdd-1] $[yyyy-MM-dd] ${{bizdate}} ${{curdate}} >> {out}")
    wf.save()
    now = datetime.now()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS", env.full_log(env.tasks(iid)[0]["id"])
    today, yesterday, dashed, bizdate, curdate = out.read_text().split()
    if datetime.now().date() != now.date():
        pytest.skip("ran across midnight")
    assert today == curdate == now.strftime("%Y%m%d")
    assert yesterday == bizdate == (now - timedelta(days=1)).strftime("%Y%m%d")
    assert dashed == now.strftime("%Y-%m-%d")


def test_upstream_out_value_reaches_retried_task(env, tmp_path):
    out = tmp_path / "seen"
    marker = tmp_path / "marker"
    wf = env.workflow("retry-varpool")
    wf.shell("producer", "echo '${setValue(v=seven)}'",
             local_params=[{"prop": "v", "direct": "OUT", "type": "VARCHAR", "value": ""}])
    wf.shell("consumer", f"echo \"${{v}}\" >> {out}; if [ -e {marker} ]; then exit 0; fi; touch {marker}; exit 1",
             failRetryTimes=1, failRetryInterval=0)
    wf.edge("producer", "consumer")
    wf.save()
    iid, inst = wf.run()
    assert inst["state"] == "SUCCESS", env.summary(iid)
    assert lines(out) == ["seven", "seven"], "the retried attempt must see the upstream OUT value too"


def test_log_streams_while_task_runs(env, tmp_path):
    gate = tmp_path / "gate"
    wf = env.workflow("live-log")
    wf.shell("talker", f"echo early-line; while [ ! -e {gate} ]; do sleep 0.05; done; echo late-line")
    wf.save()
    iid = env.start(wf.code)
    tid = env.wait_task_state(iid, "talker", "RUNNING_EXECUTION")["id"]
    deadline = time.time() + 10
    text = ""
    while "early-line" not in text and time.time() < deadline:
        text = env.log(tid, 0, 1000)["message"]
        time.sleep(0.05)
    assert "early-line" in text and "late-line" not in text, text
    gate.touch()
    inst = env.wait_finished(iid)
    assert inst["state"] == "SUCCESS"
    assert "late-line" in env.full_log(tid)


def test_crash_recovery_reruns_task_whose_process_is_gone(tmp_path):
    import signal
    count = tmp_path / "count"
    pid_file = tmp_path / "pid"
    data = tmp_path / "data"
    data.mkdir()
    first = Server(data).start()
    try:
        env = EngineEnv(first.client())
        wf = env.workflow("crash-lost")
        wf.shell("slow", f"echo $$ > {pid_file}; echo started >> {count}; sleep 3; echo done >> {count}")
        wf.shell("after", f"echo after >> {count}")
        wf.edge("slow", "after")
        wf.save()
        iid = env.start(wf.code)
        env.wait_task_state(iid, "slow", "RUNNING_EXECUTION")
        deadline = time.time() + 5
        while not lines(count) and time.time() < deadline:
            time.sleep(0.05)
    finally:
        first.stop("KILL")
    pid = int(pid_file.read_text())
    os.killpg(os.getpgid(pid), signal.SIGKILL)  # the task dies with the server: nothing left to follow
    deadline = time.time() + 5
    while process_alive(pid) and time.time() < deadline:
        time.sleep(0.05)
    assert lines(count) == ["started"]
    second = Server(data).start()
    try:
        env = EngineEnv(second.client())
        inst = env.wait_state(iid, {"SUCCESS", "FAILURE", "STOP"}, timeout=30)
        assert inst["state"] == "SUCCESS", env.summary(iid)
        assert lines(count) == ["started", "started", "done", "after"], "a lost task is failed over and rerun once"
        assert env.summary(iid) == {"slow": "SUCCESS", "after": "SUCCESS"}
    finally:
        second.stop()
