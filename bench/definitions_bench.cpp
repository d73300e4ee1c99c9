// Workflow-definition benchmarks (issue 3): importing a 1,000-task DolphinScheduler export and
// list paging over 10,000 definitions. Prints figures; not part of the test run.
//
//   definitions_bench [definitions=10000] [tasks=1000]
//
// Import is timed phase by phase as the import endpoint runs them (parse the file, assign new codes
// and rewrite references, validate, store in one transaction), then reading the stored DAG back.
// Paging is timed at the first, middle and last page, at 1/10 of the data and at all of it, so the
// growth is visible; the query plans of the page statements are printed.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/definition_validator.h"
#include "exchange/ds_workflow_file.h"
#include "model/definition_json.h"
#include "store/definition_repository.h"
#include "store/project_repository.h"
#include "store/store.h"
#include "util/code_generator.h"
#include "util/crypto.h"
#include "util/time.h"

using namespace porpoise;
using Json = nlohmann::json;
namespace defs = store::definitions;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Median of `runs` timings of f(), in milliseconds.
double medianMs(int runs, const std::function<void()>& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    f();
    times.push_back(msSince(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

Json shellTask(int64_t code, const std::string& name) {
  return {
      {"code", code},
      {"name", name},
      {"version", 1},
      {"taskType", "SHELL"},
      {"taskParams", {{"localParams", Json::array()}, {"rawScript", "echo " + name}, {"resourceList", Json::array()}}},
      {"flag", "YES"},
      {"taskPriority", "MEDIUM"},
      {"workerGroup", "default"},
      {"environmentCode", -1},
      {"failRetryTimes", 0},
      {"failRetryInterval", 1},
      {"timeoutFlag", "CLOSE"},
      {"timeout", 0},
      {"delayTime", 0},
      {"taskExecuteType", "BATCH"},
      {"projectCode", 1}};
}

Json relation(int64_t pre, int64_t post) {
  return {{"name", ""},           {"preTaskCode", pre},      {"preTaskVersion", pre ? 1 : 0},    {"postTaskCode", post},
          {"postTaskVersion", 1}, {"conditionType", "NONE"}, {"conditionParams", Json::object()}};
}

// A DolphinScheduler 3.1 export of one workflow with `n` tasks: 20 layers wide, each task after one
// of the previous layer, every 50th task a SWITCH whose branches are its successors.
std::string generateExport(int n) {
  const int64_t base = 9000000000000;
  const int width = std::max(1, n / 20);
  Json tasks = Json::array(), relations = Json::array(), locations = Json::array();
  for (int i = 0; i < n; ++i) {
    int64_t code = base + i;
    int layer = i / width;
    Json t = shellTask(code, "task_" + std::to_string(i));
    if (layer == 0) {
      relations.push_back(relation(0, code));
    } else {
      int64_t pre = base + (layer - 1) * width + (i % width);
      relations.push_back(relation(pre, code));
    }
    locations.push_back({{"taskCode", code}, {"x", layer * 240}, {"y", (i % width) * 80}});
    tasks.push_back(t);
  }
  // SWITCH tasks branch to their successors in the next layer.
  for (int i = 0; i + width < n; i += 50) {
    Json& t = tasks[i];
    t["taskType"] = "SWITCH";
    t["taskParams"] = {
        {"switchResult",
         {{"dependTaskList", Json::array({{{"condition", "${x} == 1"}, {"nextNode", base + i + width}}})},
          {"nextNode", Json::array()}}}};
  }
  Json workflow = {{"code", base - 1},     {"name", "big_import"},          {"version", 1},
                   {"projectCode", 1},     {"releaseState", "OFFLINE"},     {"description", "generated"},
                   {"globalParams", "[]"}, {"locations", locations.dump()}, {"timeout", 0},
                   {"tenantId", -1},       {"executionType", "PARALLEL"}};
  Json doc = Json::array({{{"processDefinition", workflow},
                           {"processTaskRelationList", relations},
                           {"taskDefinitionList", tasks},
                           {"schedule", nullptr}}});
  return doc.dump();
}

struct TempStore {
  fs::path dir = fs::temp_directory_path() / ("porpoise-bench-defs-" + util::randomHex(6));
  std::unique_ptr<store::Store> store;
  TempStore() {
    fs::create_directories(dir);
    store = std::make_unique<store::Store>((dir / "bench.db").string());
  }
  ~TempStore() {
    store.reset();
    fs::remove_all(dir);
  }
};

void addProject(store::Store& s, int64_t code) {
  s.write([&](store::Database& db) {
    model::Project p;
    p.code = code;
    p.name = "bench" + std::to_string(code);
    p.userId = 1;
    p.createTime = p.updateTime = util::now();
    store::projects::insert(db, p);
  });
}

void benchImport(int tasks) {
  std::printf("== import of a %d-task workflow (DolphinScheduler 3.1 export, %d SWITCH tasks)\n", tasks,
              (tasks + 49) / 50);
  std::string text = generateExport(tasks);
  std::printf("   file size                     %8.1f KiB\n", text.size() / 1024.0);
  TempStore tmp;
  const int64_t project = 1;
  addProject(*tmp.store, project);
  auto start = Clock::now();
  auto entries = exchange::parseWorkflowFile(text);
  double parse = msSince(start);
  start = Clock::now();
  exchange::assignNewCodes(entries, util::nextCode, project);
  double codes = msSince(start);
  api::WorkflowForm form;
  form.name = "big_import";
  form.locations = entries[0].workflow.value("locations", "");
  form.taskDefinitions = entries[0].tasks;
  form.taskRelations = entries[0].relations;
  start = Clock::now();
  auto dag = api::validateDagShape(form);
  double validate = msSince(start);
  dag.workflow.code = entries[0].workflow["code"];
  dag.workflow.projectCode = project;
  dag.workflow.userId = 1;
  start = Clock::now();
  auto saved = tmp.store->write([&](store::Database& db) { return defs::saveDag(db, dag, 1, util::now()); });
  double save = msSince(start);
  std::printf("   parse file                    %8.2f ms\n", parse);
  std::printf("   new codes + remap references  %8.2f ms\n", codes);
  std::printf("   validate (plugins, DAG)       %8.2f ms\n", validate);
  std::printf("   store (one transaction)       %8.2f ms\n", save);
  std::printf("   total                         %8.2f ms  (%.1f us per task)\n", parse + codes + validate + save,
              1000.0 * (parse + codes + validate + save) / tasks);
  int64_t code = saved.dag.workflow.code;
  double load = medianMs(5, [&] { tmp.store->read([&](store::Database& db) { return defs::loadDag(db, code); }); });
  double render = medianMs(5, [&] {
    auto d = tmp.store->read([&](store::Database& db) { return defs::loadDag(db, code); });
    model::dagDataToJson(*d, "UTC").dump();
  });
  std::printf("   read the stored DAG back      %8.2f ms  (as JSON: %.2f ms)\n", load, render);
  auto again = saved.dag;
  double unchanged = medianMs(
      3, [&] { tmp.store->write([&](store::Database& db) { return defs::saveDag(db, again, 1, util::now()); }); });
  std::printf("   save unchanged (no version)   %8.2f ms\n", unchanged);
}

// Fills `project` with definitions up to `count` (two tasks each), in batches of one transaction.
void fillDefinitions(store::Store& s, int64_t project, int from, int count) {
  const int batch = 500;
  for (int first = from; first < count; first += batch) {
    s.write([&](store::Database& db) {
      for (int i = first; i < std::min(count, first + batch); ++i) {
        model::DagData d;
        d.workflow.code = util::nextCode();
        d.workflow.name = "definition_" + std::to_string(i);
        d.workflow.description = i % 10 == 0 ? "nightly job" : "";
        d.workflow.projectCode = project;
        d.workflow.userId = 1;
        for (int k = 0; k < 2; ++k) {
          model::TaskDefinition t;
          t.code = util::nextCode();
          t.name = "t" + std::to_string(k);
          t.taskType = "SHELL";
          t.taskParams = {{"rawScript", "echo " + std::to_string(i)}};
          d.tasks.push_back(t);
          model::TaskRelation r;
          r.preTaskCode = k ? d.tasks[0].code : 0;
          r.postTaskCode = t.code;
          d.relations.push_back(r);
        }
        defs::saveDag(db, d, 1, util::now());
      }
    });
  }
}

// Runs `f` on a read snapshot and prints the query plan of every statement it ran.
void printPlans(store::Store& s, const std::function<void(store::Database&)>& f) {
  s.read([&](store::Database& db) {
    std::vector<std::string> sql;
    auto onStatement = [](unsigned, void* out, void* stmt, void*) -> int {
      const char* text = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
      if (text && std::string(text) != "BEGIN") static_cast<std::vector<std::string>*>(out)->push_back(text);
      return 0;
    };
    sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, onStatement, &sql);
    f(db);
    sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
    for (const auto& q : sql) {
      std::printf("      %s\n", q.substr(0, 110).c_str());
      auto st = db.prepare("EXPLAIN QUERY PLAN " + q);
      while (st.step()) std::printf("        | %s\n", st.getText(3).c_str());
    }
  });
}

void timePages(store::Store& s, int64_t project, int total, const char* label) {
  const int pageSize = 10;
  int lastPage = (total + pageSize - 1) / pageSize;
  std::printf(
      "   %-6s definitions  page 1: %6.3f ms   page %d: %6.3f ms   page %d: %6.3f ms   search: %6.3f ms\n", label,
      medianMs(21, [&] { s.read([&](store::Database& db) {
                           return defs::page(db, project, "", 0, {1, pageSize});
                         }); }),
      lastPage / 2,
      medianMs(21,
               [&] {
                 s.read([&](store::Database& db) { return defs::page(db, project, "", 0, {lastPage / 2, pageSize}); });
               }),
      lastPage,
      medianMs(21,
               [&] {
                 s.read([&](store::Database& db) { return defs::page(db, project, "", 0, {lastPage, pageSize}); });
               }),
      medianMs(21, [&] {
        s.read([&](store::Database& db) { return defs::page(db, project, "nightly", 0, {1, pageSize}); });
      }));
  int lastTaskPage = (2 * total + pageSize - 1) / pageSize;
  std::printf(
      "   %-6s tasks        page 1: %6.3f ms   page %d: %6.3f ms   page %d: %6.3f ms\n", label,
      medianMs(21,
               [&] {
                 s.read([&](store::Database& db) {
                   return defs::taskPage(db, project, "", "", "", model::TaskExecuteType::BATCH, {1, pageSize});
                 });
               }),
      lastTaskPage / 2,
      medianMs(21,
               [&] {
                 s.read([&](store::Database& db) {
                   return defs::taskPage(db, project, "", "", "", model::TaskExecuteType::BATCH,
                                         {lastTaskPage / 2, pageSize});
                 });
               }),
      lastTaskPage, medianMs(21, [&] {
        s.read([&](store::Database& db) {
          return defs::taskPage(db, project, "", "", "", model::TaskExecuteType::BATCH, {lastTaskPage, pageSize});
        });
      }));
}

void benchPaging(int definitions) {
  std::printf("== list paging over %d definitions (pageSize 10; a second project holds as many again)\n", definitions);
  TempStore tmp;
  const int64_t project = 1, noise = 2;
  addProject(*tmp.store, project);
  addProject(*tmp.store, noise);
  auto start = Clock::now();
  int tenth = std::max(1, definitions / 10);
  fillDefinitions(*tmp.store, project, 0, tenth);
  fillDefinitions(*tmp.store, noise, 0, tenth);
  timePages(*tmp.store, project, tenth, std::to_string(tenth).c_str());
  fillDefinitions(*tmp.store, project, tenth, definitions);
  fillDefinitions(*tmp.store, noise, tenth, definitions);
  std::printf("   (stored %d definitions with 2 tasks each in %.1f s)\n", 2 * definitions, msSince(start) / 1000);
  timePages(*tmp.store, project, definitions, std::to_string(definitions).c_str());
  std::printf("   statements of a definition page and their query plans:\n");
  printPlans(*tmp.store, [&](store::Database& db) { defs::page(db, project, "", 0, {50, 10}); });
  std::printf("   statements of a task page and their query plans:\n");
  printPlans(*tmp.store, [&](store::Database& db) {
    defs::taskPage(db, project, "", "", "", model::TaskExecuteType::BATCH, {50, 10});
  });
}

}  // namespace

int main(int argc, char** argv) {
  int definitions = argc > 1 ? std::atoi(argv[1]) : 10000;
  int tasks = argc > 2 ? std::atoi(argv[2]) : 1000;
  util::setDefaultTimeZone("UTC");
  benchImport(tasks);
  benchPaging(definitions);
  return 0;
}
