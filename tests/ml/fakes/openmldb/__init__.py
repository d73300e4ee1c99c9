"""Test double of the `openmldb` Python SDK (only the DB-API surface the OPENMLDB task uses).

A real OpenMLDB cluster (ZooKeeper, name server, tablet servers, TaskManager with Spark) cannot run on
the test machines, so tests/ml puts this package first on PYTHONPATH instead. It mirrors
openmldb.dbapi.connect(zk=..., zkPath=...), Connection.cursor(), Cursor.execute(),
Cursor.description and Cursor.fetchall(), and behaves like a cluster as seen through them: see dbapi.py.
"""
