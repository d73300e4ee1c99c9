"""Working directory of a preset run.

`mlflow run` starts the entry point inside the project folder. With a database tracking URI
(sqlite:///...) MLflow creates ./mlruns there when it opens the store, which fails when the preset is
installed read-only (the task runs as its tenant). leave_read_only_directory() then moves the run to a
fresh temporary folder; the callers turn their path arguments into absolute paths first.
"""
import os
import tempfile


def leave_read_only_directory():
    if not os.access(os.getcwd(), os.W_OK):
        os.chdir(tempfile.mkdtemp(prefix="porpoise-preset-"))
