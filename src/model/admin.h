// Security and project entities: users, sessions, tokens, tenants, queues, worker groups,
// environments, alert groups, projects, schedules (spec ds-api.md §2–3).
//
// Contract: plain value types; times are UTC instants rendered in the user's zone by the API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.h"
#include "util/time.h"

namespace porpoise::model {

using util::TimePoint;

struct User {
  int id = 0;
  std::string userName;
  std::string passwordHash;
  UserType userType = UserType::GENERAL_USER;
  std::string email;
  std::string phone;
  int tenantId = 0;
  std::string queue;
  int state = 1;  // 1 enabled, 0 disabled
  std::string timeZone;
  TimePoint createTime{};
  TimePoint updateTime{};
  // Joined for list views.
  std::string tenantCode;
  std::string queueName;
  bool isAdmin() const { return userType == UserType::ADMIN_USER; }
};

struct Session {
  std::string id;
  int userId = 0;
  std::string ip;
  TimePoint lastLoginTime{};
  TimePoint lastAccessTime{};
};

struct AccessToken {
  int id = 0;
  int userId = 0;
  std::string token;
  TimePoint expireTime{};
  TimePoint createTime{};
  TimePoint updateTime{};
  std::string userName;
};

struct Tenant {
  int id = 0;
  std::string tenantCode;
  std::string description;
  int queueId = 0;
  std::string queueName;
  std::string queue;
  TimePoint createTime{};
  TimePoint updateTime{};
};

struct Queue {
  int id = 0;
  std::string queueName;
  std::string queue;
  TimePoint createTime{};
  TimePoint updateTime{};
};

struct WorkerGroup {
  int id = 0;
  std::string name;
  std::string addrList;
  std::string description;
  std::string otherParamsJson;
  bool systemDefault = false;
  TimePoint createTime{};
  TimePoint updateTime{};
};

struct Environment {
  int id = 0;
  int64_t code = 0;
  std::string name;
  std::string config;
  std::string description;
  std::vector<std::string> workerGroups;
  int operatorId = 0;
  TimePoint createTime{};
  TimePoint updateTime{};
};

struct AlertGroup {
  int id = 0;
  std::string groupName;
  std::string alertInstanceIds;
  std::string description;
  int createUserId = 0;
  TimePoint createTime{};
  TimePoint updateTime{};
};

struct Project {
  int id = 0;
  int64_t code = 0;
  std::string name;
  std::string description;
  int userId = 0;
  std::string userName;
  int defCount = 0;
  int instRunningCount = 0;
  int perm = 0;
  TimePoint createTime{};
  TimePoint updateTime{};
};

struct Schedule {
  int id = 0;
  int64_t processDefinitionCode = 0;
  int64_t projectCode = 0;
  TimePoint startTime{};
  TimePoint endTime{};
  std::string timezoneId;
  std::string crontab;
  FailureStrategy failureStrategy = FailureStrategy::CONTINUE;
  WarningType warningType = WarningType::NONE;
  int warningGroupId = 0;
  Priority processInstancePriority = Priority::MEDIUM;
  std::string workerGroup = "default";
  int64_t environmentCode = -1;
  ReleaseState releaseState = ReleaseState::OFFLINE;
  int userId = 0;
  TimePoint createTime{};
  TimePoint updateTime{};
  std::optional<TimePoint> lastFireTime;  // Porpoise: last fire time handled (for catch-up after downtime)
  // Joined for views.
  std::string processDefinitionName;
  std::string projectName;
  std::string definitionDescription;
  std::string userName;
};

}  // namespace porpoise::model
