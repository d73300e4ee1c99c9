"""Code shared by Porpoise's preset MLflow projects (Project-BasicAlgorithm, Project-AutoML).

The projects run with the repository root on sys.path, so `import preset_common` works whether MLflow
runs a local copy of this folder or a git checkout of it.
"""
