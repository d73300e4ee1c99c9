"""Helpers for integration tests that build workflows, run them on a real porpoise server and watch them over HTTP.

Contract: everything goes through the public REST API (ds-api.md); nothing reads the database directly.
`EngineEnv` holds a logged-in client, a project and a tenant named after the OS user (tasks run as that user),
`Workflow` assembles task definitions + relations and saves/releases them, and the wait/query helpers poll the
instance APIs until a state is reached (failing with the last seen state and the task list on timeout).
"""
import getpass
import json
import time

FINISHED_WORKFLOW_STATES = {"SUCCESS", "FAILURE", "STOP", "PAUSE"}
FINISHED_TASK_STATES = {"SUCCESS", "FAILURE", "KILL", "PAUSE", "NEED_FAULT_TOLERANCE", "FORCED_SUCCESS", "SKIPPED"}


def bind_tenant(api):
    """Creates a tenant named after the OS user and binds it to admin (id 1), as starting workflows requires."""
    existing = api.get("/tenants/list")["data"]
    me = getpass.getuser()
    tenant = next((t for t in existing if t["tenantCode"] == me), None)
    if tenant is None:
        tenant = api.post("/tenants", {"tenantCode": me, "queueId": 1})["data"]
    api.post("/users/update", {"id": 1, "userName": "admin", "email": "admin@example.com", "tenantId": tenant["id"],
                               "state": 1})
    return tenant


class EngineEnv:
    """A client bound to one project on a running server, ready to start workflows."""

    def __init__(self, api, project_name="engine"):
        self.api = api
        bind_tenant(api)
        found = api.get("/projects", {"pageNo": 1, "pageSize": 100, "searchVal": project_name})["data"]["totalList"]
        match = [p for p in found if p["name"] == project_name]
        if match:
            self.pc = match[0]["code"]
        else:
            self.pc = api.post("/projects", {"projectName": project_name})["data"]["code"]

    # ----- definitions -----
    def workflow(self, name):
        return Workflow(self, name)

    def gen_codes(self, n):
        return self.api.get(f"/projects/{self.pc}/task-definition/gen-task-codes", {"genNum": n})["data"]

    # ----- running -----
    def start(self, wf_code, failure_strategy="CONTINUE", start_params=None, expect=0, **extra):
        form = {"processDefinitionCode": wf_code, "scheduleTime": "", "failureStrategy": failure_strategy,
                "warningType": "NONE"}
        if start_params is not None:
            form["startParams"] = json.dumps(start_params)
        form.update(extra)
        body = self.api.post(f"/projects/{self.pc}/executors/start-process-instance", form, expect=expect)
        return body["data"]

    def execute(self, instance_id, execute_type, expect=0):
        return self.api.post(f"/projects/{self.pc}/executors/execute",
                             {"processInstanceId": instance_id, "executeType": execute_type}, expect=expect)

    def instance(self, instance_id):
        return self.api.get(f"/projects/{self.pc}/process-instances/{instance_id}")["data"]

    def tasks(self, instance_id):
        """The instance's valid task instances (flag YES), as a list."""
        return self.api.get(f"/projects/{self.pc}/process-instances/{instance_id}/tasks")["data"]["taskList"]

    def tasks_by_name(self, instance_id):
        return {t["name"]: t for t in self.tasks(instance_id)}

    def all_task_instances(self, instance_id):
        """Every task instance row of the instance (including retried/invalidated ones) via the paging API."""
        data = self.api.get(f"/projects/{self.pc}/task-instances",
                            {"pageNo": 1, "pageSize": 1000, "processInstanceId": instance_id})["data"]
        return data["totalList"]

    def wait_state(self, instance_id, states, timeout=30):
        """Polls until the workflow instance is in one of `states`; returns the instance."""
        if isinstance(states, str):
            states = {states}
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            last = self.instance(instance_id)
            if last["state"] in states:
                return last
            time.sleep(0.05)
        raise AssertionError(f"instance {instance_id} did not reach {states}; last state "
                             f"{last and last['state']}; tasks {self.summary(instance_id)}")

    def wait_finished(self, instance_id, timeout=30):
        return self.wait_state(instance_id, FINISHED_WORKFLOW_STATES, timeout)

    def wait_task_state(self, instance_id, task_name, states, timeout=30):
        if isinstance(states, str):
            states = {states}
        deadline = time.time() + timeout
        while time.time() < deadline:
            t = self.tasks_by_name(instance_id).get(task_name)
            if t and t["state"] in states:
                return t
            time.sleep(0.05)
        raise AssertionError(f"task {task_name} of {instance_id} did not reach {states}: {self.summary(instance_id)}")

    def summary(self, instance_id):
        """{task name: state} of the valid task instances."""
        return {t["name"]: t["state"] for t in self.tasks(instance_id)}

    def log(self, task_instance_id, skip=0, limit=1000):
        return self.api.get("/log/detail", {"taskInstanceId": task_instance_id, "skipLineNum": skip,
                                            "limit": limit})["data"]

    def full_log(self, task_instance_id):
        """Reads the whole log the way the UI does: page until the message comes back empty."""
        text, skip = "", 0
        for _ in range(1000):
            data = self.log(task_instance_id, skip, 1000)
            if not data["message"]:
                return text
            text += data["message"]
            skip += data["lineNum"]
        raise AssertionError("log never returned an empty message")


class Workflow:
    """Assembles a workflow definition: add tasks by name, connect them, then save() (and release ONLINE)."""

    def __init__(self, env, name):
        self.env = env
        self.name = name
        self.tasks = []
        self.codes = {}
        self.edges = []
        self.global_params = []
        self.code = None
        self.code_pool = []

    def reserve_codes(self, n):
        """Fetches n task codes in one request so that adding many tasks does not cost one request each."""
        while n > 0:
            batch = min(n, 100)  # the API hands out at most 100 codes per request
            self.code_pool += self.env.gen_codes(batch)
            n -= batch
        return self

    def task(self, name, task_type, params, **fields):
        code = self.code_pool.pop(0) if self.code_pool else self.env.gen_codes(1)[0]
        params = dict(params)
        params.setdefault("localParams", [])
        params.setdefault("resourceList", [])
        t = {"code": code, "name": name, "taskType": task_type, "taskParams": params, "flag": "YES",
             "taskPriority": "MEDIUM", "workerGroup": "default", "failRetryTimes": 0, "failRetryInterval": 0,
             "timeoutFlag": "CLOSE", "timeout": 0, "delayTime": 0, "environmentCode": -1}
        t.update(fields)
        self.tasks.append(t)
        self.codes[name] = code
        return code

    def shell(self, name, script, local_params=None, **fields):
        return self.task(name, "SHELL", {"rawScript": script, "localParams": local_params or []}, **fields)

    def python(self, name, script, **fields):
        return self.task(name, "PYTHON", {"rawScript": script}, **fields)

    def param(self, name, value, direct="IN", type_="VARCHAR"):
        self.global_params.append({"prop": name, "value": value, "direct": direct, "type": type_})
        return self

    def edge(self, *names):
        """edge("a", "b", "c") adds a->b and b->c."""
        for pre, post in zip(names, names[1:]):
            self.edges.append((pre, post))
        return self

    def code_of(self, name):
        return self.codes[name]

    def relations(self):
        has_pre = {post for _, post in self.edges}
        rels = [{"name": "", "preTaskCode": 0, "preTaskVersion": 0, "postTaskCode": self.codes[t["name"]],
                 "postTaskVersion": 0, "conditionType": "NONE", "conditionParams": {}}
                for t in self.tasks if t["name"] not in has_pre]
        rels += [{"name": "", "preTaskCode": self.codes[a], "preTaskVersion": 0, "postTaskCode": self.codes[b],
                  "postTaskVersion": 0, "conditionType": "NONE", "conditionParams": {}} for a, b in self.edges]
        return rels

    def save(self, online=True, **fields):
        form = {"name": self.name, "tenantCode": "default", "executionType": "PARALLEL",
                "globalParams": json.dumps(self.global_params), "taskDefinitionJson": json.dumps(self.tasks),
                "taskRelationJson": json.dumps(self.relations()), "locations": "", "timeout": 0}
        form.update(fields)
        pc = self.env.pc
        self.code = self.env.api.post(f"/projects/{pc}/process-definition", form)["data"]["code"]
        if online:
            self.env.api.post(f"/projects/{pc}/process-definition/{self.code}/release", {"releaseState": "ONLINE"})
        return self.code

    def run(self, timeout=30, **start_kw):
        """Starts the saved workflow and waits for it to finish; returns (instance id, instance)."""
        iid = self.env.start(self.code, **start_kw)
        return iid, self.env.wait_finished(iid, timeout)
