# Sourced (with bash) before every task Porpoise runs. Export what your tasks need.
# Variables must be exported to be seen by task scripts.

# Python used by PYTHON and OPENMLDB tasks: PYTHON_LAUNCHER is the interpreter to run
# (DolphinScheduler 3.2+ name). If it is unset, PYTHON_HOME is used when it is an executable,
# else $PYTHON_HOME/bin/python3, else python3 from PATH.
# export PYTHON_LAUNCHER=/usr/bin/python3
# export PYTHON_HOME=/opt/soft/python

# Tools such as mlflow and dvc installed in a virtual environment:
# export PATH=/opt/venvs/ml/bin:$PATH

# export JAVA_HOME=/opt/soft/java
# export HADOOP_HOME=/opt/soft/hadoop
# export SPARK_HOME=/opt/soft/spark
