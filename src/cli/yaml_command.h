// `porpoise yaml -f FILE [--server URL] [--user U --password P | --token T] [--project NAME]`:
// loads a pydolphinscheduler YAML workflow file and submits it to a running server over REST.
//
// Contract: runYamlCommand() parses the options, loads the file (and the files its
// $WORKFLOW{} macros name), logs in (form POST /login, or the `token` header), submits every
// workflow (see YamlSubmitter) and prints one line per action. `--dry-run` prints the
// definitions as JSON without contacting a server. Returns 0 on success, 1 when the file or
// the server reports a problem (its message is printed to `err`), 2 on bad options.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace porpoise::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct YamlCommandOptions {
  std::string file;
  std::string server;  // base URL including the /dolphinscheduler prefix
  std::string user;
  std::string password;
  std::string token;
  std::string project;  // project for files that name none
  bool dryRun = false;
  bool help = false;
};

std::string yamlCommandUsage();

// Options after the subcommand name (a leading "yaml" is skipped). Throws UsageError.
YamlCommandOptions parseYamlCommandArgs(const std::vector<std::string>& args);

int runYamlCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// argv[0] is the program or subcommand name; a following "yaml" is skipped.
int runYamlCommand(int argc, char** argv);

}  // namespace porpoise::cli
