"""Issue 2: login, security admin, projects, transport conventions, persistence, bad input."""
import socket

import requests

from conftest import Server


def test_login_returns_session_and_cookie(server):
    r = requests.post(server.base + "/login", data={"userName": "admin", "userPassword": "dolphinscheduler123"})
    assert r.status_code == 200
    body = r.json()
    assert body["code"] == 0 and body["success"] is True and body["failed"] is False
    assert body["msg"] == "login success"
    assert body["data"]["securityConfigType"] == "PASSWORD"
    assert len(body["data"]["sessionId"]) == 36
    assert r.cookies.get("sessionId") == body["data"]["sessionId"]


def test_wrong_password_and_empty_user(server):
    r = requests.post(server.base + "/login", data={"userName": "admin", "userPassword": "nope"}).json()
    assert r["code"] == 10013 and r["data"] is None and r["failed"] is True
    r = requests.post(server.base + "/login", data={"userName": "", "userPassword": "x"}).json()
    assert r["code"] == 10004


def test_unauthenticated_requests_get_401_with_empty_body(server):
    r = requests.get(server.base + "/projects", params={"pageNo": 1, "pageSize": 10})
    assert r.status_code == 401 and r.text == ""
    r = requests.get(server.base + "/projects", params={"pageNo": 1, "pageSize": 10}, headers={"sessionId": "bogus"})
    assert r.status_code == 401


def test_cookie_authenticates_and_signout_ends_session(server):
    s = requests.Session()
    s.post(server.base + "/login", data={"userName": "admin", "userPassword": "dolphinscheduler123"})
    r = s.get(server.base + "/users/get-user-info")
    assert r.status_code == 200 and r.json()["data"]["userName"] == "admin"
    assert r.json()["data"]["userType"] == "ADMIN_USER"
    assert s.post(server.base + "/signOut").json()["code"] == 0
    assert s.get(server.base + "/users/get-user-info").status_code == 401


def test_tenant_user_binding_and_errors(api):
    r = api.request("POST", "/tenants", data={"tenantCode": "etl", "queueId": 1, "description": "ETL jobs"})
    assert r.status_code == 201
    tenant = r.json()["data"]
    assert tenant["tenantCode"] == "etl" and tenant["queueName"] == "default"
    assert api.post("/tenants", {"tenantCode": "etl", "queueId": 1}, expect=10009)["msg"] == "os tenant code etl already exists"
    api.post("/tenants", {"tenantCode": "bad code!", "queueId": 1}, expect=10164)
    api.post("/tenants", {"tenantCode": "x" * 31, "queueId": 1}, expect=1300016)
    api.get("/tenants/verify-code", {"tenantCode": "etl"}, expect=10009)
    api.get("/tenants/verify-code", {"tenantCode": "fresh"})
    page = api.get("/tenants", {"pageNo": 1, "pageSize": 10, "searchVal": "et"})["data"]
    assert page["total"] == 1 and page["totalPage"] == 1 and page["totalList"][0]["tenantCode"] == "etl"
    # bind the tenant to admin, as the DolphinScheduler quick start does
    api.post("/users/update", {"id": 1, "userName": "admin", "userPassword": "", "email": "xxx@qq.com",
                               "tenantId": tenant["id"], "state": 1})
    me = api.get("/users/get-user-info")["data"]
    assert me["tenantId"] == tenant["id"] and me["tenantCode"] == "etl"
    # password unchanged by the empty userPassword
    api.login()
    # binding an unknown tenant is refused and changes nothing
    api.post("/users/update", {"id": 1, "userName": "admin", "email": "xxx@qq.com", "tenantId": 999, "state": 1},
             expect=10017)
    assert api.get("/users/get-user-info")["data"]["tenantId"] == tenant["id"]
    # a tenant bound to a user cannot be deleted
    api.delete(f"/tenants/{tenant['id']}", expect=10144)


def test_general_user_permissions(api, server):
    tenant = api.post("/tenants", {"tenantCode": "analyst", "queueId": 1})["data"]
    r = api.request("POST", "/users/create", data={"userName": "alice", "userPassword": "alice123",
                                                     "tenantId": tenant["id"], "email": "alice@example.com",
                                                     "state": 1})
    assert r.status_code == 201 and r.json()["code"] == 0
    alice_id = r.json()["data"]["id"]
    assert "userPassword" not in r.json()["data"] or r.json()["data"]["userPassword"] == ""
    api.post("/users/create", {"userName": "alice", "userPassword": "alice123", "tenantId": tenant["id"],
                               "email": "a@example.com"}, expect=10003)
    api.post("/users/create", {"userName": "bob", "userPassword": "b", "tenantId": tenant["id"],
                               "email": "b@example.com"}, expect=1300017)
    api.post("/users/create", {"userName": "bob", "userPassword": "bob123", "tenantId": tenant["id"],
                               "email": "not-an-email"}, expect=10001)
    missing = api.post("/users/create", {"userName": "bob", "tenantId": tenant["id"], "email": "b@example.com"},
                       expect=10090)
    assert "userPassword" in missing["msg"]
    admin_project = api.post("/projects", {"projectName": "admins"})["data"]

    alice = server.client(login=False)
    alice.login("alice", "alice123")
    alice.get("/tenants", {"pageNo": 1, "pageSize": 10}, expect=30001)
    alice.post("/users/create", {"userName": "eve", "userPassword": "eve123", "tenantId": tenant["id"],
                                 "email": "e@example.com"}, expect=30001)
    assert alice.get("/projects", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 0
    alice.get(f"/projects/{admin_project['code']}", expect=30002)
    mine = alice.post("/projects", {"projectName": "alices"})["data"]
    assert alice.get("/projects", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 1
    # admin sees both; a grant makes the admin project visible to alice
    assert api.get("/projects", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 2
    api.post("/users/grant-project-by-code", {"userId": alice_id, "projectCode": admin_project["code"]})
    assert alice.get("/projects", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 2
    assert mine["userName"] == "alice"


def test_project_crud_search_and_paging(api):
    r = api.request("POST", "/projects", data={"projectName": "demo", "description": "first"})
    assert r.status_code == 201
    demo = r.json()["data"]
    assert demo["code"] > 0 and demo["code"] < 2 ** 53 and demo["userName"] == "admin"
    api.post("/projects", {"projectName": "demo"}, expect=10019)
    r = api.request("POST", "/projects", data={})
    assert r.status_code == 201 and r.json()["code"] == 10048 and "projectName" in r.json()["msg"]
    api.post("/projects", {"projectName": "demo2", "description": "x" * 256}, expect=1400004)
    for i in range(12):
        api.post("/projects", {"projectName": f"bulk_{i}"})
    page = api.get("/projects", {"pageNo": 2, "pageSize": 5})["data"]
    assert page["total"] == 13 and page["totalPage"] == 3 and page["currentPage"] == 2 and page["start"] == 5
    assert len(page["totalList"]) == 5
    assert api.get("/projects", {"pageNo": 1, "pageSize": 10, "searchVal": "first"})["data"]["total"] == 1
    api.get("/projects", {"pageNo": 0, "pageSize": 10}, expect=10001)
    api.get("/projects", {"pageNo": 1}, expect=10001)
    got = api.get(f"/projects/{demo['code']}")["data"]
    assert got["name"] == "demo" and got["defCount"] == 0
    api.get("/projects/12345", expect=10018)
    api.put(f"/projects/{demo['code']}", {"projectName": "demo-renamed", "description": "d", "userName": "admin"})
    assert api.get(f"/projects/{demo['code']}")["data"]["name"] == "demo-renamed"
    api.put(f"/projects/{demo['code']}", {"projectName": "bulk_1", "userName": "admin"}, expect=10019)
    api.put(f"/projects/{demo['code']}", {"projectName": "x", "userName": "nobody"}, expect=10010)
    assert api.delete(f"/projects/{demo['code']}")["data"] is True
    api.get(f"/projects/{demo['code']}", expect=10018)
    names = [p["name"] for p in api.get("/projects/created-and-authed")["data"]]
    assert "bulk_0" in names and "demo-renamed" not in names


def test_access_tokens(api, server):
    r = api.request("POST", "/access-tokens", data={"userId": 1, "expireTime": "2099-01-01 00:00:00"})
    assert r.status_code == 201
    token = r.json()["data"]
    assert len(token["token"]) == 32 and token["userName"] == "admin"
    t = requests.get(server.base + "/projects", params={"pageNo": 1, "pageSize": 10}, headers={"token": token["token"]})
    assert t.status_code == 200 and t.json()["code"] == 0
    expired = api.post("/access-tokens", {"userId": 1, "expireTime": "2000-01-01 00:00:00"})["data"]
    t = requests.get(server.base + "/projects", params={"pageNo": 1, "pageSize": 10}, headers={"token": expired["token"]})
    assert t.status_code == 401
    api.post("/access-tokens", {"userId": 1, "expireTime": "tomorrow"}, expect=10001)
    assert api.get("/access-tokens", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 2
    api.delete(f"/access-tokens/{token['id']}")
    t = requests.get(server.base + "/projects", params={"pageNo": 1, "pageSize": 10}, headers={"token": token["token"]})
    assert t.status_code == 401


def test_queues_worker_groups_environments(api):
    assert api.get("/queues/list")["data"][0]["queueName"] == "default"
    r = api.request("POST", "/queues", data={"queue": "q1", "queueName": "q1"})
    assert r.status_code == 201 and r.json()["code"] == 0
    api.post("/queues", {"queue": "q1", "queueName": "other"}, expect=10129)
    assert api.get("/worker-groups/all")["data"] == ["default"]
    api.post("/worker-groups", {"name": "gpu", "addrList": "127.0.0.1:1234"})
    assert api.get("/worker-groups/all")["data"] == ["default", "gpu"]
    api.post("/worker-groups", {"name": "gpu", "addrList": "x"}, expect=10135)
    r = api.request("POST", "/environment/create",
                    data={"name": "py311", "config": "export PYTHON_LAUNCHER=/usr/bin/python3",
                          "workerGroups": '["default"]'})
    assert r.status_code == 201
    code = r.json()["data"]
    envs = api.get("/environment/query-environment-list")["data"]
    assert envs[0]["code"] == code and envs[0]["workerGroups"] == ["default"]
    api.post("/environment/create", {"name": "py311", "config": "x"}, expect=120002)
    api.post("/environment/create", {"name": "empty"}, expect=120004)
    api.post("/environment/update", {"code": code, "name": "py311", "config": "export A=1"})
    assert api.get("/environment/query-by-code", {"environmentCode": code})["data"]["config"] == "export A=1"
    api.post("/environment/delete", {"environmentCode": code})
    assert api.get("/environment/query-environment-list")["data"] == []
    assert api.get("/alert-groups/list")["data"][0]["id"] == 1


def test_data_survives_restart(data_dir):
    s = Server(data_dir).start()
    api = s.client()
    api.post("/tenants", {"tenantCode": "persist", "queueId": 1})
    code = api.post("/projects", {"projectName": "kept"})["data"]["code"]
    s.stop()
    s2 = Server(data_dir, port=s.port).start()
    try:
        api2 = s2.client()
        assert api2.get(f"/projects/{code}")["data"]["name"] == "kept"
        assert api2.get("/tenants", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 1
        # the admin user is seeded only once
        assert api2.get("/users/list-paging", {"pageNo": 1, "pageSize": 10})["data"]["total"] == 1
    finally:
        s2.stop()


def test_data_survives_kill_9(data_dir):
    s = Server(data_dir).start()
    api = s.client()
    code = api.post("/projects", {"projectName": "crash-safe"})["data"]["code"]
    s.stop("KILL")
    s2 = Server(data_dir).start()
    try:
        assert s2.client().get(f"/projects/{code}")["data"]["name"] == "crash-safe"
    finally:
        s2.stop()


def test_ui_redirect_and_spa_fallback(server):
    r = requests.get(server.base + "/", allow_redirects=False)
    assert r.status_code == 302 and r.headers["Location"] == "/dolphinscheduler/ui/"
    r = requests.get(server.base + "/ui/projects/123/workflow-definition")
    assert r.status_code == 200 and "<html" in r.text.lower()
    r = requests.get(server.base + "/no/such/endpoint")
    assert r.status_code == 200 and "<html" in r.text.lower()


def test_malformed_and_oversized_requests_do_not_crash(server, api):
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"THIS IS NOT HTTP\r\n\r\n")
        s.settimeout(5)
        data = s.recv(1000)
        assert b"400" in data or data == b""
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"POST /dolphinscheduler/login HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n")
        s.settimeout(5)
        assert b"413" in s.recv(1000)
    # invalid UTF-8 in a parameter is stored or refused, never a crash
    r = api.request("POST", "/projects", data=b"projectName=bad\xff\xfename", headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code in (200, 201)
    # the server still answers
    assert api.get("/users/get-user-info")["data"]["userName"] == "admin"


def test_daemon_script_start_status_stop(tmp_path):
    import subprocess
    from conftest import ROOT, free_port
    port = free_port()
    script = ROOT / "bin" / "dolphinscheduler-daemon.sh"
    env = {"PATH": "/usr/bin:/bin", "PORPOISE_RUN_DIR": str(tmp_path / "run")}
    out = subprocess.run([str(script), "start", "standalone-server", "--port", str(port), "--data-dir",
                          str(tmp_path / "data")], capture_output=True, text=True, env=env, cwd="/", timeout=60)
    try:
        assert out.returncode == 0, out.stderr
        assert f"http://localhost:{port}/dolphinscheduler/ui" in out.stdout
        st = subprocess.run([str(script), "status", "standalone-server"], capture_output=True, text=True, env=env)
        assert st.returncode == 0 and "is running" in st.stdout
        r = requests.post(f"http://127.0.0.1:{port}/dolphinscheduler/login",
                          data={"userName": "admin", "userPassword": "dolphinscheduler123"})
        assert r.json()["code"] == 0
    finally:
        stop = subprocess.run([str(script), "stop", "standalone-server"], capture_output=True, text=True, env=env,
                              timeout=60)
    assert "stopped" in stop.stdout
    st = subprocess.run([str(script), "status", "standalone-server"], capture_output=True, text=True, env=env)
    assert st.returncode == 3 and "not running" in st.stdout
