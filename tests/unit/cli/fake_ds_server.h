// A small in-process stand-in for a DolphinScheduler REST server, for the CLI tests only:
// it keeps projects, workflows (with versions and release state), schedules, tenants and
// started instances in memory, checks what DolphinScheduler checks on the calls the CLI makes
// (authentication, required form fields, JSON that parses, relations naming known tasks,
// release-state rules) and records every request.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace porpoise::cli::testing {

using Json = nlohmann::json;

struct RecordedRequest {
  std::string method;
  std::string path;                           // without the query string
  std::map<std::string, std::string> params;  // query and form fields
  std::map<std::string, std::string> headers;
};

inline std::string urlDecode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

inline void parseFields(const std::string& text, std::map<std::string, std::string>& into) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (!pair.empty())
      into[urlDecode(pair.substr(0, eq))] = eq == std::string::npos ? "" : urlDecode(pair.substr(eq + 1));
    start = end + 1;
  }
}

class FakeDsServer {
 public:
  struct Workflow {
    int64_t code = 0;
    int64_t projectCode = 0;
    std::string name;
    int version = 1;
    std::string releaseState = "OFFLINE";
    Json tasks;
    Json relations;
    Json locations;
    std::map<std::string, std::string> form;
  };
  struct Schedule {
    int64_t id = 0;
    int64_t workflowCode = 0;
    Json schedule;
    std::string releaseState = "OFFLINE";
  };

  FakeDsServer() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeDsServer() {
    stopping_ = true;
    try {
      boost::asio::io_context io;
      boost::asio::ip::tcp::socket poke(io);
      poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
    } catch (...) {
    }
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/dolphinscheduler"; }

  std::vector<RecordedRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  // "METHOD /path" of every request, for checking the order of calls.
  std::vector<std::string> calls() {
    std::vector<std::string> out;
    for (const auto& request : requests()) out.push_back(request.method + " " + request.path);
    return out;
  }
  std::optional<Workflow> workflow(const std::string& name) {
    std::lock_guard lock(mutex_);
    for (const auto& [code, wf] : workflows_)
      if (wf.name == name) return wf;
    return std::nullopt;
  }
  std::vector<Schedule> schedules() {
    std::lock_guard lock(mutex_);
    std::vector<Schedule> out;
    for (const auto& [id, s] : schedules_) out.push_back(s);
    return out;
  }
  std::vector<int64_t> startedWorkflows() {
    std::lock_guard lock(mutex_);
    return started_;
  }
  int64_t projectCode(const std::string& name) {
    std::lock_guard lock(mutex_);
    return projects_.count(name) ? projects_[name] : 0;
  }
  void addProject(const std::string& name) {
    std::lock_guard lock(mutex_);
    projects_[name] = ++nextCode_;
  }
  // Makes the next request to `methodAndPath` answer {code, msg}.
  void failNext(const std::string& methodAndPath, int code, const std::string& msg) {
    std::lock_guard lock(mutex_);
    failures_[methodAndPath] = {code, msg};
  }
  void addDatasource(int id, const std::string& name, const std::string& type) {
    std::lock_guard lock(mutex_);
    datasources_.push_back({{"id", id}, {"name", name}, {"type", type}});
  }

 private:
  using Answer = std::pair<int, Json>;  // HTTP status, body

  static Json envelope(int code, const std::string& msg, Json data = nullptr) {
    return {{"code", code}, {"msg", msg}, {"data", std::move(data)}, {"success", code == 0}, {"failed", code != 0}};
  }
  static Answer ok(Json data = nullptr) { return {200, envelope(0, "success", std::move(data))}; }
  static Answer error(int code, const std::string& msg) { return {200, envelope(code, msg)}; }

  void serve() {
    while (true) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stopping_) return;
      if (ec) continue;
      try {
        namespace http = boost::beast::http;
        boost::beast::flat_buffer buffer;
        http::request<http::string_body> request;
        http::read(socket, buffer, request);
        RecordedRequest recorded;
        recorded.method = std::string(request.method_string());
        std::string target(request.target());
        const size_t question = target.find('?');
        recorded.path = target.substr(0, question);
        if (question != std::string::npos) parseFields(target.substr(question + 1), recorded.params);
        parseFields(request.body(), recorded.params);
        for (const auto& field : request)
          recorded.headers[std::string(field.name_string())] = std::string(field.value());
        Answer answer;
        {
          std::lock_guard lock(mutex_);
          requests_.push_back(recorded);
          answer = handle(recorded);
        }
        http::response<http::string_body> response(static_cast<http::status>(answer.first), 11);
        response.set(http::field::content_type, "application/json");
        if (answer.first != 401) response.body() = answer.second.dump();
        response.prepare_payload();
        http::write(socket, response);
      } catch (const std::exception&) {
      }
      boost::system::error_code ignored;
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    }
  }

  Workflow* workflowByCode(int64_t code) { return workflows_.count(code) ? &workflows_[code] : nullptr; }

  Answer saveWorkflow(const RecordedRequest& r, int64_t projectCode, Workflow* existing) {
    for (const char* field : {"name", "tenantCode", "taskDefinitionJson", "taskRelationJson"})
      if (!r.params.count(field)) return error(10001, std::string("request parameter ") + field + " is not valid");
    if (r.params.at("tenantCode") != "default" && !tenants_.count(r.params.at("tenantCode")))
      return error(10017, "tenant not exists");
    Json tasks, relations;
    try {
      tasks = Json::parse(r.params.at("taskDefinitionJson"));
      relations = Json::parse(r.params.at("taskRelationJson"));
    } catch (const std::exception&) {
      return error(10001, "bad json");
    }
    if (!tasks.is_array() || tasks.empty() || !relations.is_array() || relations.empty())
      return error(50017, "data taskDefinitionJson not valid");
    std::map<int64_t, bool> known;
    for (const auto& task : tasks) {
      if (!task.contains("code") || !task["code"].is_number_integer() || !task.contains("taskParams"))
        return error(50017, "data taskDefinitionJson not valid");
      known[task["code"].get<int64_t>()] = true;
    }
    for (const auto& relation : relations) {
      if (!known.count(relation.value("postTaskCode", int64_t{0}))) return error(50030, "task definition not exist");
      const int64_t pre = relation.value("preTaskCode", int64_t{0});
      if (pre != 0 && !known.count(pre)) return error(10001, "request parameter preTaskCode is not valid");
    }
    Workflow* target = existing;
    if (target == nullptr) {
      for (const auto& [code, wf] : workflows_)
        if (wf.projectCode == projectCode && wf.name == r.params.at("name"))
          return error(10168, "process definition name " + wf.name + " already exists");
      const int64_t code = ++nextCode_;
      target = &workflows_[code];
      target->code = code;
      target->projectCode = projectCode;
    } else {
      if (target->releaseState == "ONLINE") return error(50008, "online can not edit");
      ++target->version;
    }
    target->name = r.params.at("name");
    target->tasks = tasks;
    target->relations = relations;
    target->locations = r.params.count("locations") ? Json::parse(r.params.at("locations")) : Json();
    target->form = r.params;
    return {existing ? 200 : 201, envelope(0, "success", {{"code", target->code}, {"name", target->name}})};
  }

  Json dagData(const Workflow& wf) {
    Json tasks = Json::array();
    for (const auto& task : wf.tasks)
      tasks.push_back({{"code", task["code"]}, {"name", task["name"]}, {"version", wf.version}});
    return {{"processDefinition",
             {{"code", wf.code}, {"name", wf.name}, {"releaseState", wf.releaseState}, {"version", wf.version}}},
            {"processTaskRelationList", wf.relations},
            {"taskDefinitionList", tasks}};
  }

  Answer handle(const RecordedRequest& r) {
    const std::string prefix = "/dolphinscheduler";
    if (r.path.rfind(prefix, 0) != 0) return {404, Json()};
    const std::string path = r.path.substr(prefix.size());
    const std::string key = r.method + " " + path;
    if (auto it = failures_.find(key); it != failures_.end()) {
      auto [code, msg] = it->second;
      failures_.erase(it);
      return error(code, msg);
    }
    auto param = [&](const std::string& name) { return r.params.count(name) ? r.params.at(name) : std::string(); };

    if (key == "POST /login") {
      if (param("userName") == "admin" && param("userPassword") == "secret")
        return ok({{"sessionId", "session-1"}, {"securityConfigType", "PASSWORD"}});
      return error(10013, "user name or password error");
    }
    const bool authenticated = (r.headers.count("sessionId") && r.headers.at("sessionId") == "session-1") ||
                               (r.headers.count("token") && r.headers.at("token") == "good-token");
    if (!authenticated) return {401, Json()};

    std::smatch m;
    if (key == "GET /projects") {
      Json list = Json::array();
      for (const auto& [name, code] : projects_)
        if (name.find(param("searchVal")) != std::string::npos) list.push_back({{"name", name}, {"code", code}});
      return ok({{"totalList", list}, {"total", list.size()}, {"totalPage", 1}, {"currentPage", 1}});
    }
    if (key == "POST /projects") {
      if (param("projectName").empty()) return error(10048, "create project error");
      if (projects_.count(param("projectName"))) return error(10019, "project already exists");
      projects_[param("projectName")] = ++nextCode_;
      return {201, envelope(0, "success", {{"name", param("projectName")}, {"code", nextCode_}})};
    }
    if (key == "GET /tenants/list") {
      Json list = Json::array();
      for (const auto& tenant : tenants_) list.push_back({{"tenantCode", tenant.first}, {"id", 1}});
      return ok(list);
    }
    if (key == "GET /queues/list") return ok(Json::parse(R"([{"id":7,"queueName":"default","queue":"default"}])"));
    if (key == "POST /tenants") {
      if (param("queueId") != "7") return error(10001, "bad queue");
      tenants_[param("tenantCode")] = true;
      return {201, envelope(0, "success", {{"tenantCode", param("tenantCode")}})};
    }
    if (key == "GET /datasources") {
      Json list = Json::array();
      for (const auto& ds : datasources_)
        if (ds["name"].get<std::string>().find(param("searchVal")) != std::string::npos) list.push_back(ds);
      return ok({{"totalList", list}, {"totalPage", 1}});
    }

    static const std::regex projectScoped(R"(^(GET|POST|PUT) /projects/(\d+)(/.*)$)");
    if (!std::regex_match(key, m, projectScoped)) return {404, Json()};
    const int64_t projectCode = std::stoll(m[2].str());
    bool projectExists = false;
    for (const auto& [name, code] : projects_) projectExists |= code == projectCode;
    if (!projectExists) return error(10190, "This project was not found. Please refresh page.");
    const std::string rest = m[1].str() + " " + m[3].str();

    if (rest == "GET /task-definition/gen-task-codes") {
      const int n = std::stoi(param("genNum"));
      if (n < 1 || n > 100) return error(50017, "data genNum not valid");
      Json codes = Json::array();
      for (int i = 0; i < n; ++i) codes.push_back(++nextCode_ * 1000);
      return ok(codes);
    }
    if (rest == "GET /process-definition/query-by-name") {
      for (const auto& [code, wf] : workflows_)
        if (wf.projectCode == projectCode && wf.name == param("name")) return ok(dagData(wf));
      return error(50003, "process definition " + param("name") + " does not exist");
    }
    if (rest == "POST /process-definition") return saveWorkflow(r, projectCode, nullptr);
    static const std::regex workflowScoped(R"(^(GET|POST|PUT) /process-definition/(\d+)(/release)?$)");
    if (std::regex_match(rest, m, workflowScoped)) {
      Workflow* wf = workflowByCode(std::stoll(m[2].str()));
      if (wf == nullptr) return error(50003, "process definition does not exist");
      if (m[1] == "PUT" && !m[3].matched) return saveWorkflow(r, projectCode, wf);
      if (m[1] == "POST" && m[3].matched) {
        if (param("releaseState") != "ONLINE" && param("releaseState") != "OFFLINE")
          return error(10001, "request parameter releaseState is not valid");
        wf->releaseState = param("releaseState");
        if (wf->releaseState == "OFFLINE")
          for (auto& [id, s] : schedules_)
            if (s.workflowCode == wf->code) s.releaseState = "OFFLINE";
        return ok();
      }
    }
    if (rest == "GET /schedules") {
      Json list = Json::array();
      for (const auto& [id, s] : schedules_)
        if (std::to_string(s.workflowCode) == param("processDefinitionCode"))
          list.push_back({{"id", id}, {"releaseState", s.releaseState}});
      return ok({{"totalList", list}, {"totalPage", 1}});
    }
    if (rest == "POST /schedules") {
      Workflow* wf = workflowByCode(std::stoll(param("processDefinitionCode")));
      if (wf == nullptr) return error(50003, "process definition does not exist");
      if (wf->releaseState != "ONLINE") return error(50004, "process definition not online");
      Schedule schedule{++nextScheduleId_, wf->code, Json::parse(param("schedule")), "OFFLINE"};
      schedules_[schedule.id] = schedule;
      return {201, envelope(0, "success", {{"id", schedule.id}})};
    }
    static const std::regex scheduleScoped(R"(^(POST|PUT) /schedules/(\d+)(/online|/offline)?$)");
    if (std::regex_match(rest, m, scheduleScoped)) {
      auto it = schedules_.find(std::stoll(m[2].str()));
      if (it == schedules_.end()) return error(10022, "schedule not exists");
      if (!m[3].matched) {
        if (it->second.releaseState == "ONLINE") return error(10023, "online can not update");
        it->second.schedule = Json::parse(param("schedule"));
        return ok();
      }
      const std::string state = m[3] == "/online" ? "ONLINE" : "OFFLINE";
      if (state == "ONLINE" && workflowByCode(it->second.workflowCode)->releaseState != "ONLINE")
        return error(50004, "process definition not online");
      it->second.releaseState = state;
      return ok();
    }
    if (rest == "POST /executors/start-process-instance") {
      Workflow* wf = workflowByCode(std::stoll(param("processDefinitionCode")));
      if (wf == nullptr) return error(50003, "process definition does not exist");
      for (const char* field : {"failureStrategy", "warningType", "scheduleTime"})
        if (!r.params.count(field)) return error(10001, std::string("request parameter ") + field + " is not valid");
      if (wf->releaseState != "ONLINE") return error(50004, "process definition " + wf->name + " not online");
      for (const auto& task : wf->tasks) {
        if (task["taskType"] != "SUB_PROCESS") continue;
        Workflow* child = workflowByCode(task["taskParams"]["processDefinitionCode"].get<int64_t>());
        if (child == nullptr || child->releaseState != "ONLINE") return error(50004, "sub process not online");
      }
      started_.push_back(wf->code);
      return ok(Json::array({static_cast<int64_t>(started_.size())}));
    }
    return {404, Json()};
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::map<std::string, int64_t> projects_;
  std::map<std::string, bool> tenants_;
  std::map<int64_t, Workflow> workflows_;
  std::map<int64_t, Schedule> schedules_;
  std::vector<int64_t> started_;
  std::map<std::string, std::pair<int, std::string>> failures_;
  std::vector<Json> datasources_;
  int64_t nextCode_ = 100;
  int64_t nextScheduleId_ = 0;
};

}  // namespace porpoise::cli::testing
