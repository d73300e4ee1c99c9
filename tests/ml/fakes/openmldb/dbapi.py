"""Fake openmldb.dbapi: records what a program does and answers like OpenMLDB would.

Environment:
  FAKE_OPENMLDB_LOG       file that receives one JSON object per line: {"connect": {...kwargs}} and
                          {"execute": "<statement>"} in order.
  FAKE_OPENMLDB_SCENARIO  ok (default): every job ends FINISHED;
                          job-fails: the first job ends FAILED (error text "Spark job failed: boom");
                          async: jobs come back RUNNING and reach FINISHED after one SHOW JOB;
                          async-fails: like async, but the job ends FAILED.
  Any statement containing "no_such_table" raises DatabaseError, as the SDK does for a bad statement.

What produces a result set, as in OpenMLDB 0.8/0.9 with sync_job:
  - offline mode: LOAD DATA and SELECT submit a job and return its job information row
    (id, job_type, state, start_time, end_time, parameter, cluster, application_id, error);
  - online mode: SELECT returns rows (columns c1, c2); LOAD DATA submits a job (job information);
  - SHOW JOB <id>: the job's information; everything else (SET, CREATE, USE, INSERT...) returns nothing.
"""
import json
import os
import re

_JOB_COLUMNS = ["id", "job_type", "state", "start_time", "end_time", "parameter", "cluster", "application_id", "error"]
_jobs = {}


class Error(Exception):
    pass


class DatabaseError(Error):
    pass


def _record(entry):
    path = os.environ.get("FAKE_OPENMLDB_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")


def _scenario():
    return os.environ.get("FAKE_OPENMLDB_SCENARIO", "ok")


def _column(name):
    return (name, str, None, None, None, None, True)


class Cursor:
    def __init__(self, connection):
        self.connection = connection
        self.description = None
        self.rowcount = -1
        self._rows = None

    def _set_result(self, names, rows):
        self.description = [_column(name) for name in names]
        self._rows = [tuple(row) for row in rows]
        self.rowcount = len(self._rows)

    def _job_row(self, job):
        return [job.get(name, "") for name in _JOB_COLUMNS]

    def _submit_job(self, job_type, statement):
        job_id = len(_jobs) + 1
        scenario = _scenario()
        failing = scenario == "async-fails" or (scenario == "job-fails" and job_id == 1)
        final = "FAILED" if failing else "FINISHED"
        initial = "RUNNING" if scenario.startswith("async") else final
        job = {"id": job_id, "job_type": job_type, "state": initial, "parameter": statement,
               "cluster": "local", "final": final,
               "error": "Spark job failed: boom" if failing and initial == final else ""}
        _jobs[job_id] = job
        self._set_result(_JOB_COLUMNS, [self._job_row(job)])

    def execute(self, operation, parameters=()):
        if not operation:
            raise Exception("None operation")
        statement = operation.strip(" \t\n\r")
        _record({"execute": statement})
        if "no_such_table" in statement:
            raise DatabaseError(f"table does not exist: {statement}")
        self.description, self._rows, self.rowcount = None, None, 0
        # The real parser skips comments; classify the statement by its first keyword after them.
        upper = re.sub(r"^(\s*(--[^\n]*\n|/\*.*?\*/))*\s*", "", statement, flags=re.S).upper()
        mode = re.match(r"SET\s+@@EXECUTE_MODE\s*=\s*'(\w+)'", upper)
        if mode:
            self.connection.mode = mode.group(1).lower()
            return self
        show = re.match(r"SHOW\s+JOB\s+(\d+)$", upper)
        if show:
            job = _jobs[int(show.group(1))]
            if job["state"] == "RUNNING":
                job["state"] = job["final"]
                if job["final"] == "FAILED":
                    job["error"] = "Spark job failed: boom"
            self._set_result(_JOB_COLUMNS, [self._job_row(job)])
        elif upper.startswith("LOAD DATA"):
            kind = "ImportOfflineData" if self.connection.mode == "offline" else "ImportOnlineData"
            self._submit_job(kind, statement)
        elif upper.startswith("SELECT"):
            if self.connection.mode == "offline":
                self._submit_job("RunBatchSql", statement)
            else:
                self._set_result(["c1", "c2"], [("a", 1), ("b", 2)])
        return self

    def fetchall(self):
        if self._rows is None:
            raise DatabaseError("resultset is not set")
        rows, self._rows = self._rows, []
        return rows

    def close(self):
        pass


class Connection:
    def __init__(self, **options):
        if "zkPath" in options and not options.get("zk"):
            raise DatabaseError("zk is required in cluster mode")
        self.mode = "offline"

    def cursor(self):
        return Cursor(self)

    def close(self):
        pass

    def commit(self):
        pass


def connect(*args, **options):
    _record({"connect": options})
    return Connection(**options)
