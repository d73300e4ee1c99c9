# Evaluation task of the ML tutorial (a PYTHON task: the server replaces the parameters below).
# Compares the predictions that `mlflow models predict` wrote to data_path/out.json with the labels
# of data_path/test.csv, prints the accuracy, passes it downstream as the OUT parameter `accuracy`
# and fails the task when it is below min_accuracy.
import json
import os
import sys

import pandas as pd

model_name = "${model_name}"
data_path = "${data_path}"
min_accuracy = float("${min_accuracy}")

with open(os.path.join(data_path, "out.json")) as handle:
    predictions = json.load(handle)
if isinstance(predictions, dict):
    predictions = predictions["predictions"]
labels = pd.read_csv(os.path.join(data_path, "test.csv"))["label"].tolist()
if len(predictions) != len(labels):
    sys.exit(f"{len(predictions)} predictions for {len(labels)} test rows")
accuracy = sum(int(p) == int(y) for p, y in zip(predictions, labels)) / len(labels)
print(f"model {model_name}: accuracy {accuracy:.4f} on {len(labels)} test rows")
print("$" + "{setValue(accuracy=" + f"{accuracy:.4f}" + ")}")
if accuracy < min_accuracy:
    sys.exit(f"accuracy {accuracy:.4f} is below the required {min_accuracy}")
