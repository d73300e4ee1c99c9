"""REST and MLflow helper of examples/ml-tutorial/run.sh (standard library only, except `experiment` and
`check`, which need the ML virtual environment's mlflow).

  tutorial_client.py setup      --server URL --env-file FILE   tenant for this OS user bound to the
                                                               user, and the Environment `ml-tutorial`
  tutorial_client.py experiment --tracking-uri URI --artifacts DIR   MLflow experiment `airplane`
  tutorial_client.py wait       --server URL --project P --workflow W [--instance ID] [--timeout S]
  tutorial_client.py check      --tracking-uri URI --model NAME --port PORT --data DIR

Log-in: --user/--password (default admin / dolphinscheduler123). Every command exits non-zero with a
message when something is not as expected.
"""
import argparse
import getpass
import json
import sys
import time
import urllib.parse
import urllib.request

ENVIRONMENT = "ml-tutorial"


class Api:
    """DolphinScheduler REST conventions: form bodies, the sessionId header, {code, msg, data} envelopes."""

    def __init__(self, base, user, password):
        self.base = base.rstrip("/")
        self.session = None
        self.session = self.post("/login", {"userName": user, "userPassword": password})["sessionId"]

    def call(self, method, path, fields=None):
        data = urllib.parse.urlencode(fields or {})
        url = self.base + path
        body = None
        if method == "GET":
            url += "?" + data if data else ""
        else:
            body = data.encode()
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        if self.session:
            request.add_header("sessionId", self.session)
        with urllib.request.urlopen(request, timeout=60) as response:
            envelope = json.loads(response.read())
        if envelope.get("code") != 0:
            raise SystemExit(f"{method} {path} {fields or {}} failed: {envelope}")
        return envelope.get("data")

    def get(self, path, fields=None):
        return self.call("GET", path, fields)

    def post(self, path, fields=None):
        return self.call("POST", path, fields)


def login(args):
    return Api(args.server, args.user, args.password)


def setup(args):
    api = login(args)
    tenant_code = getpass.getuser()
    tenants = {t["tenantCode"]: t for t in api.get("/tenants/list")}
    if tenant_code not in tenants:
        tenants[tenant_code] = api.post("/tenants", {"tenantCode": tenant_code, "queueId": 1, "description": ""})
        print(f"tenant {tenant_code}: created")
    me = api.get("/users/get-user-info")
    if me.get("tenantCode") != tenant_code:
        api.post("/users/update", {"id": me["id"], "userName": me["userName"], "email": me.get("email") or "admin@example.com",
                                   "tenantId": tenants[tenant_code]["id"], "state": 1, "phone": me.get("phone") or ""})
        print(f"user {me['userName']}: now runs tasks as tenant {tenant_code}")
    config = open(args.env_file).read()
    existing = [e for e in api.get("/environment/query-environment-list") if e["name"] == ENVIRONMENT]
    fields = {"name": ENVIRONMENT, "config": config, "description": "ML tutorial: the venv with mlflow and dvc",
              "workerGroups": json.dumps(["default"])}
    if existing:
        api.post("/environment/update", {**fields, "code": existing[0]["code"]})
        print(f"environment {ENVIRONMENT}: updated (code {existing[0]['code']})")
    else:
        code = api.post("/environment/create", fields)
        print(f"environment {ENVIRONMENT}: created (code {code})")


def experiment(args):
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=args.tracking_uri, registry_uri=args.tracking_uri)
    if client.get_experiment_by_name("airplane") is None:
        # With a database store and no tracking server the artifact location must be given, else the
        # artifacts would land in the execute directory of the training task.
        client.create_experiment("airplane", artifact_location="file://" + args.artifacts)
        print(f"MLflow experiment airplane: created, artifacts in {args.artifacts}")


def project_code(api, name):
    for project in api.get("/projects/list"):
        if project["name"] == name:
            return project["code"]
    raise SystemExit(f"project {name} does not exist")


def wait(args):
    api = login(args)
    project = project_code(api, args.project)
    instance_id = args.instance
    if not instance_id:
        listing = api.get(f"/projects/{project}/process-instances",
                          {"pageNo": 1, "pageSize": 1, "searchVal": args.workflow})["totalList"]
        if not listing:
            raise SystemExit(f"workflow {args.workflow} has no instance")
        instance_id = listing[0]["id"]
    deadline = time.time() + args.timeout
    last = None
    while True:
        instance = api.get(f"/projects/{project}/process-instances/{instance_id}")
        tasks = api.get(f"/projects/{project}/process-instances/{instance_id}/tasks")["taskList"]
        summary = ", ".join(f"{t['name']}={t['state']}" for t in tasks)
        if summary != last:
            print(f"  {args.workflow} #{instance_id} {instance['state']}: {summary}", flush=True)
            last = summary
        if instance["state"] in ("SUCCESS", "FAILURE", "STOP", "KILL", "PAUSE"):
            break
        if time.time() > deadline:
            raise SystemExit(f"workflow {args.workflow} instance {instance_id} still {instance['state']} "
                             f"after {args.timeout} s")
        time.sleep(1)
    for task in tasks:
        if task["state"] not in ("SUCCESS", "SKIPPED") or args.show_logs:
            log = api.get("/log/detail", {"taskInstanceId": task["id"], "skipLineNum": 0, "limit": 1000})
            print(f"----- log of {task['name']} ({task['state']}) -----\n{log['message']}")
    if instance["state"] != "SUCCESS":
        raise SystemExit(f"workflow {args.workflow} instance {instance_id} ended {instance['state']}")


def check(args):
    import pandas as pd
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=args.tracking_uri, registry_uri=args.tracking_uri)
    versions = client.search_model_versions(f"name='{args.model}'")
    production = [v for v in versions if v.current_stage == "Production"]
    if len(production) != 1:
        raise SystemExit(f"model {args.model}: expected one Production version, found "
                         f"{[(v.version, v.current_stage) for v in versions]}")
    run = client.get_run(production[0].run_id)
    print(f"model {args.model}: version {production[0].version} is in Production "
          f"(run {run.info.run_id}, accuracy {run.data.metrics.get('accuracy')}, tool {run.data.params.get('tool')})")
    rows = pd.read_csv(f"{args.data}/inference.csv").head(10)
    body = json.dumps({"dataframe_split": rows.to_dict(orient="split", index=False)}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{args.port}/invocations", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        predictions = json.loads(response.read())["predictions"]
    if len(predictions) != len(rows) or not {int(p) for p in predictions} <= {0, 1}:
        raise SystemExit(f"the served model answered {predictions} for {len(rows)} rows")
    print(f"served model on port {args.port} answers: {predictions}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def with_server(sub):
        sub.add_argument("--server", required=True)
        sub.add_argument("--user", default="admin")
        sub.add_argument("--password", default="dolphinscheduler123")
        return sub

    sub = with_server(commands.add_parser("setup"))
    sub.add_argument("--env-file", required=True)
    sub.set_defaults(run=setup)
    sub = commands.add_parser("experiment")
    sub.add_argument("--tracking-uri", required=True)
    sub.add_argument("--artifacts", required=True)
    sub.set_defaults(run=experiment)
    sub = with_server(commands.add_parser("wait"))
    sub.add_argument("--project", required=True)
    sub.add_argument("--workflow", required=True)
    sub.add_argument("--instance", type=int)
    sub.add_argument("--timeout", type=float, default=900)
    sub.add_argument("--show-logs", action="store_true")
    sub.set_defaults(run=wait)
    sub = commands.add_parser("check")
    sub.add_argument("--tracking-uri", required=True)
    sub.add_argument("--model", required=True)
    sub.add_argument("--port", type=int, required=True)
    sub.add_argument("--data", required=True)
    sub.set_defaults(run=check)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
