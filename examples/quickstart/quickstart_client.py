"""REST helper of examples/quickstart/run.sh (Python standard library only).

  quickstart_client.py setup --server URL     gives the logged-in user a tenant named after this OS
                                              user (tasks run as the tenant's OS user)
  quickstart_client.py wait --server URL --project NAME --instance ID [--timeout S]
                                              waits for the instance, prints each task's state and log;
                                              exits 1 unless the instance succeeded
"""
import argparse
import getpass
import json
import sys
import time
import urllib.parse
import urllib.request


def call(base, method, path, fields=None, session=None):
    data = urllib.parse.urlencode(fields or {})
    url = base.rstrip("/") + path + ("?" + data if method == "GET" and data else "")
    request = urllib.request.Request(url, data=None if method == "GET" else data.encode(), method=method)
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if session:
        request.add_header("sessionId", session)
    with urllib.request.urlopen(request, timeout=60) as response:
        envelope = json.loads(response.read())
    if envelope.get("code") != 0:
        sys.exit(f"{method} {path} failed: {envelope}")
    return envelope.get("data")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["setup", "wait"])
    parser.add_argument("--server", required=True)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="dolphinscheduler123")
    parser.add_argument("--project")
    parser.add_argument("--instance", type=int)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    session = call(args.server, "POST", "/login", {"userName": args.user, "userPassword": args.password})["sessionId"]

    def api(method, path, fields=None):
        return call(args.server, method, path, fields, session)

    if args.command == "setup":
        tenant_code = getpass.getuser()
        tenants = {t["tenantCode"]: t for t in api("GET", "/tenants/list")}
        if tenant_code not in tenants:
            tenants[tenant_code] = api("POST", "/tenants", {"tenantCode": tenant_code, "queueId": 1})
            print(f"tenant {tenant_code}: created")
        me = api("GET", "/users/get-user-info")
        if me.get("tenantCode") != tenant_code:
            api("POST", "/users/update", {"id": me["id"], "userName": me["userName"], "state": 1,
                                          "email": me.get("email") or "admin@example.com",
                                          "tenantId": tenants[tenant_code]["id"]})
            print(f"user {me['userName']}: runs tasks as tenant {tenant_code}")
        return

    project = next((p["code"] for p in api("GET", "/projects/list") if p["name"] == args.project), None)
    if project is None:
        sys.exit(f"project {args.project} does not exist")
    deadline = time.time() + args.timeout
    while True:
        instance = api("GET", f"/projects/{project}/process-instances/{args.instance}")
        if instance["state"] in ("SUCCESS", "FAILURE", "STOP", "KILL", "PAUSE"):
            break
        if time.time() > deadline:
            sys.exit(f"instance {args.instance} is still {instance['state']} after {args.timeout} s")
        time.sleep(0.5)
    print(f"\ninstance {args.instance} ({instance['name']}): {instance['state']}")
    tasks = api("GET", f"/projects/{project}/process-instances/{args.instance}/tasks")["taskList"]
    for task in sorted(tasks, key=lambda t: t["id"]):
        log = api("GET", "/log/detail", {"taskInstanceId": task["id"], "skipLineNum": 0, "limit": 200})["message"]
        body = [line for line in log.splitlines() if line and not line.startswith(("[LOG-PATH]", "[INFO]", "[porpoise"))]
        print(f"  {task['name']:<15} {task['taskType']:<10} {task['state']:<8} " + " | ".join(body)[:100])
    if instance["state"] != "SUCCESS":
        sys.exit(1)


if __name__ == "__main__":
    main()
