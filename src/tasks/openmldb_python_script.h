// The Python program an OPENMLDB task runs (written to openmldb_<appId>.py).
//
// Contract of the generated program:
//  - connects with openmldb.dbapi.connect(zk=..., zkPath=...); all values are emitted as escaped Python
//    string literals, so quotes, backslashes and newlines in the SQL arrive unchanged;
//  - runs SET @@execute_mode='<mode>' and, in offline mode, SET @@sync_job=true and
//    SET @@job_timeout=1800000 (as DolphinScheduler does), then each statement on its own cursor,
//    printing "[n/N] <statement>" before it;
//  - a statement that raises fails the program (exit 1) with "Statement n failed: <error>";
//  - a statement whose result is OpenMLDB job information (columns id, job_type, state) is awaited:
//    while the state is not final it polls SHOW JOB <id> every 5 s, up to the job timeout in force
//    (a SET @@job_timeout=<ms> statement in the SQL changes it); it prints the job's final state and
//    exits 1 unless that state is FINISHED (DolphinScheduler reports success here);
//  - other result sets are printed (column names and at most 100 rows);
//  - exit 0 when every statement succeeded.
#pragma once

#include <string>
#include <vector>

namespace porpoise::tasks {

// mode is "offline" or "online".
std::string openmldbPythonScript(const std::string& zk, const std::string& zkPath, const std::string& mode,
                                 const std::vector<std::string>& statements);

}  // namespace porpoise::tasks
