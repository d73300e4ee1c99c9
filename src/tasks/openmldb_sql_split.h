// Splits the SQL text of an OPENMLDB task into statements.
//
// Contract: a ';' ends a statement unless it is inside a '...', "..." or `...` literal (a backslash
// escapes the next character inside literals; a doubled quote is two adjacent literals, which gives the
// same split), a -- line comment or a /* */ block comment. Statements are trimmed of surrounding
// whitespace; pieces holding nothing but whitespace and comments are dropped. Comments inside a kept
// statement stay in its text. An unterminated literal or block comment throws TaskParamsError
// ("OPENMLDB task: sql ...").
#pragma once

#include <string>
#include <vector>

namespace porpoise::tasks {

std::vector<std::string> splitOpenmldbStatements(const std::string& sql);

}  // namespace porpoise::tasks
