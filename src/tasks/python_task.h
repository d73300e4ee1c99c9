// PYTHON task plugin (spec ds-tasks.md §3.2, §8 #13).
//
// taskParams: rawScript (required, non-blank), localParams, resourceList.
// render(): "\r\n" -> "\n", parameters substituted, written to py_<appId>.py as
// "#-*- encoding=utf8 -*-\n\n\n" + script. The returned bash script picks the interpreter at run time,
// after the env script was sourced (see pythonInterpreterSelection()), logs it, and runs the file with it.
#pragma once

#include <porpoise/task_plugin.h>

#include <memory>
#include <string>

namespace porpoise::tasks {

std::unique_ptr<TaskPlugin> makePythonPlugin();

// Bash lines that set the array variable `porpoise_python` to the interpreter command:
//  1. $PYTHON_LAUNCHER (DolphinScheduler 3.2+) if set and non-empty: a directory means <dir>/bin/python3,
//     an existing path is used as one word, anything else is split into words ("conda run -n env python");
//  2. else $PYTHON_HOME (DolphinScheduler 3.1) if it is an executable file or a command on PATH;
//  3. else $PYTHON_HOME/bin/python3 if that is executable (PYTHON_HOME names an install directory);
//  4. else python3 from PATH.
// Then prints "Python interpreter: <command>" so the choice is visible in the task log.
std::string pythonInterpreterSelection();

}  // namespace porpoise::tasks
