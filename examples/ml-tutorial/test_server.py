# Test of the served model (a PYTHON task: the server replaces the parameters below). Sends the first
# rows of data_path/inference.csv to the model server that the deploy task started on `port` and checks
# that it answers one 0/1 prediction per row.
import json
import os
import sys
import urllib.request

import pandas as pd

port = int("${port}")
data_path = "${data_path}"
rows = pd.read_csv(os.path.join(data_path, "inference.csv")).head(20)
body = json.dumps({"dataframe_split": rows.to_dict(orient="split", index=False)}).encode()
request = urllib.request.Request(f"http://127.0.0.1:{port}/invocations", data=body,
                                 headers={"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=60) as response:
    predictions = json.loads(response.read())["predictions"]
print(f"the model server on port {port} answered {predictions}")
if len(predictions) != len(rows) or not set(int(p) for p in predictions) <= {0, 1}:
    sys.exit(f"expected {len(rows)} predictions of 0 or 1")
