"""Engine benchmarks over the REST API of a real porpoise standalone server (issue 4). Prints figures and ratios.

  layered : 10 layers x 100 tasks, each depending on 2 tasks of the previous layer, running `true`;
            time from the start request to workflow SUCCESS vs `make -j<slots>` on the same DAG.
  chain   : 1,000 tasks in a chain, same comparison.
  latency : start request -> first task process (the task writes `date +%s%N`), p50/p99, measured from the
            request being sent and from its response being received.
  burst   : N one-task workflow instances started at once (concurrent start requests), time until all SUCCESS.

Usage: engine_bench.py [--bin PATH] [--slots 2] [--only layered,chain,latency,burst] [--burst 10000]
                       [--latency-runs 200]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.environ.get("PORPOISE_BIN", str(ROOT / "build" / "bin" / "porpoise")))
    ap.add_argument("--slots", type=int, default=2)
    ap.add_argument("--only", default="layered,chain,latency,burst")
    ap.add_argument("--burst", type=int, default=10000)
    ap.add_argument("--latency-runs", type=int, default=200)
    ap.add_argument("--burst-threads", type=int, default=16)
    return ap.parse_args()


ARGS = parse_args()
os.environ["PORPOISE_BIN"] = ARGS.bin
from conftest import Server  # noqa: E402  (reads PORPOISE_BIN at import)
from engine_helpers import EngineEnv  # noqa: E402


# ------------------------------------------------------------------ DAG shapes

def layered_dag(layers=10, width=100):
    """{task: [predecessors]}: task (L, i) depends on (L-1, i) and (L-1, (i+1) % width)."""
    deps = {}
    for layer in range(layers):
        for i in range(width):
            name = f"t{layer}_{i}"
            deps[name] = [] if layer == 0 else [f"t{layer - 1}_{i}", f"t{layer - 1}_{(i + 1) % width}"]
    return deps


def chain_dag(n=1000):
    return {f"c{i}": ([] if i == 0 else [f"c{i - 1}"]) for i in range(n)}


# ------------------------------------------------------------------ make baseline

def time_make(deps, jobs):
    with tempfile.TemporaryDirectory() as d:
        mk = Path(d) / "Makefile"
        with open(mk, "w") as f:
            f.write(".PHONY: all " + " ".join(deps) + "\n")
            f.write("all: " + " ".join(deps) + "\n")
            for name, pre in deps.items():
                f.write(f"{name}: {' '.join(pre)}\n\ttrue\n")
        t0 = time.perf_counter()
        subprocess.run(["make", "-s", f"-j{jobs}", "-f", str(mk), "all"], check=True, cwd=d)
        return time.perf_counter() - t0


# ------------------------------------------------------------------ porpoise runs

def save_dag(env, name, deps, script="true"):
    wf = env.workflow(name)
    wf.reserve_codes(len(deps))
    for task in deps:
        wf.shell(task, script)
    for task, pre in deps.items():
        for p in pre:
            wf.edge(p, task)
    wf.save()
    return wf


def time_to_success(env, wf_code, timeout=600, **start_kw):
    t0 = time.perf_counter()
    iid = env.start(wf_code, **start_kw)
    while True:
        inst = env.instance(iid)
        if inst["state"] in ("SUCCESS", "FAILURE", "STOP", "PAUSE"):
            break
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"instance {iid} still {inst['state']} after {timeout}s")
        time.sleep(0.005)
    elapsed = time.perf_counter() - t0
    if inst["state"] != "SUCCESS":
        raise RuntimeError(f"instance {iid} ended {inst['state']}")
    return elapsed, iid


def compare(env, label, deps):
    wf = save_dag(env, f"bench-{label}", deps)
    porpoise_s, iid = time_to_success(env, wf.code)
    n_ok = sum(1 for t in env.tasks(iid) if t["state"] == "SUCCESS")
    make_s = time_make(deps, ARGS.slots)
    dry_s, _ = time_to_success(env, wf.code, dryRun=1)
    print(f"{label}: {len(deps)} tasks ({n_ok} SUCCESS), worker slots {ARGS.slots}")
    print(f"  porpoise start->SUCCESS {porpoise_s:8.3f} s  ({len(deps) / porpoise_s:7.1f} tasks/s)")
    print(f"  make -j{ARGS.slots}              {make_s:8.3f} s  ({len(deps) / make_s:7.1f} tasks/s)")
    print(f"  ratio porpoise/make     {porpoise_s / make_s:8.2f}x   (target <= 2x)")
    print(f"  porpoise dry run        {dry_s:8.3f} s  ({len(deps) / dry_s:7.1f} tasks/s; engine + store only, no processes)")
    sys.stdout.flush()


def percentile(values, p):
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def bash_baseline(runs):
    """Milliseconds from spawning `bash -c 'source env; date +%s%N'` here to the stamp it prints."""
    env_script = ROOT / "conf" / "dolphinscheduler_env.sh"
    source = f"source {env_script}; " if env_script.exists() else ""
    out = []
    for _ in range(runs):
        t0 = time.time_ns()
        stamp = subprocess.run(["bash", "-c", source + "date +%s%N"], capture_output=True, text=True).stdout
        out.append((int(stamp) - t0) / 1e6)
    return out


def latency(env, runs):
    stamp = Path(tempfile.mkdtemp()) / "stamp"
    wf = env.workflow("bench-latency")
    wf.shell("stamp", f"date +%s%N > {stamp}")
    wf.save()
    from_request, from_response = [], []
    for _ in range(runs):
        if stamp.exists():
            stamp.unlink()
        sent = time.time_ns()
        iid = env.start(wf.code)
        answered = time.time_ns()
        env.wait_state(iid, "SUCCESS", timeout=30)
        began = int(stamp.read_text())
        from_request.append((began - sent) / 1e6)
        from_response.append((began - answered) / 1e6)
    print(f"latency: {runs} sequential one-task starts; task = `date +%s%N` after bash and the env script")
    for label, vals in (("request sent    ", from_request), ("response received", from_response)):
        print(f"  from {label} -> task process: p50 {percentile(vals, 50):7.2f} ms  p99 {percentile(vals, 99):7.2f} ms"
              f"  min {min(vals):7.2f} ms  max {max(vals):7.2f} ms")
    base = bash_baseline(min(runs, 100))
    print(f"  baseline: this script spawning bash (sourcing the env script) -> date: p50 {percentile(base, 50):7.2f} ms"
          f"  p99 {percentile(base, 99):7.2f} ms  (the part of the latency that is process start-up, not engine)")
    print("  (targets from response: p50 <= 2 ms, p99 <= 10 ms)")
    sys.stdout.flush()


def burst(env, server, n, threads):
    wf = env.workflow("bench-burst")
    wf.shell("one", "true")
    wf.save()
    ids, errors = [], []
    lock = threading.Lock()
    per_thread = [n // threads + (1 if i < n % threads else 0) for i in range(threads)]

    def fire(count):
        client = server.client()
        mine = EngineEnv.__new__(EngineEnv)
        mine.api, mine.pc = client, env.pc
        got = []
        for _ in range(count):
            try:
                got.append(mine.start(wf.code))
            except AssertionError as e:  # a refused start (non-zero code) is reported, not retried
                with lock:
                    errors.append(str(e)[:200])
        with lock:
            ids.extend(got)

    t0 = time.perf_counter()
    workers = [threading.Thread(target=fire, args=(c,)) for c in per_thread]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    submitted = time.perf_counter() - t0
    pc = env.pc

    def count(state):
        return env.api.get(f"/projects/{pc}/process-instances", {"pageNo": 1, "pageSize": 1,
                           "processDefineCode": wf.code, "stateType": state})["data"]["total"]

    done = 0
    while time.perf_counter() - t0 < 600:
        done = count("SUCCESS")
        if done + count("FAILURE") >= len(ids):
            break
        time.sleep(0.05)
    total = time.perf_counter() - t0
    failed = count("FAILURE")
    print(f"burst: {n} one-task instances via {threads} concurrent clients, worker slots {ARGS.slots}")
    print(f"  start requests accepted {len(ids)}, refused {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"  all start requests answered after {submitted:7.2f} s ({len(ids) / submitted:7.1f} starts/s)")
    print(f"  all instances finished after       {total:7.2f} s  SUCCESS {done}  FAILURE {failed}"
          f"  ({done / total:7.1f} instances/s; target <= 10 s)")
    sys.stdout.flush()


def main():
    data = Path(tempfile.mkdtemp(prefix="porpoise-bench-"))
    conf = data / "bench.yaml"
    conf.write_text(f"worker:\n  slots: {ARGS.slots}\n")
    server = Server(data, extra_args=["--config", str(conf)]).start()
    try:
        env = EngineEnv(server.client(), project_name="bench")
        only = set(ARGS.only.split(","))
        print(f"porpoise binary {ARGS.bin}; cpus {os.cpu_count()}; load {os.getloadavg()[0]:.1f}")
        if "layered" in only:
            compare(env, "layered", layered_dag())
        if "chain" in only:
            compare(env, "chain", chain_dag())
        if "latency" in only:
            latency(env, ARGS.latency_runs)
        if "burst" in only:
            burst(env, server, ARGS.burst, ARGS.burst_threads)
    finally:
        server.stop()
        print(f"(server data dir {data})")


if __name__ == "__main__":
    main()
