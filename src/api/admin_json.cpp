#include "api/admin_json.h"

#include "util/time.h"

namespace porpoise::api {
namespace {
Json nullIfEmpty(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
}  // namespace

Json userJson(const model::User& u, const std::string& zone) {
  return {{"id", u.id},
          {"userName", u.userName},
          {"userPassword", ""},
          {"email", u.email},
          {"phone", u.phone},
          {"userType", model::enumName(u.userType)},
          {"tenantId", u.tenantId},
          {"state", u.state},
          {"tenantCode", nullIfEmpty(u.tenantCode)},
          {"queueName", nullIfEmpty(u.queueName)},
          {"alertGroup", nullptr},
          {"queue", nullIfEmpty(u.queue)},
          {"timeZone", u.timeZone.empty() ? util::defaultTimeZone() : u.timeZone},
          {"createTime", util::formatDateTime(u.createTime, zone)},
          {"updateTime", util::formatDateTime(u.updateTime, zone)}};
}

Json tenantJson(const model::Tenant& t, const std::string& zone) {
  return {{"id", t.id},
          {"tenantCode", t.tenantCode},
          {"description", t.description},
          {"queueId", t.queueId},
          {"queueName", nullIfEmpty(t.queueName)},
          {"queue", nullIfEmpty(t.queue)},
          {"createTime", util::formatDateTime(t.createTime, zone)},
          {"updateTime", util::formatDateTime(t.updateTime, zone)}};
}

Json queueJson(const model::Queue& q, const std::string& zone) {
  return {{"id", q.id},
          {"queueName", q.queueName},
          {"queue", q.queue},
          {"createTime", util::formatDateTime(q.createTime, zone)},
          {"updateTime", util::formatDateTime(q.updateTime, zone)}};
}

Json workerGroupJson(const model::WorkerGroup& g, const std::string& zone) {
  return {{"id", g.id},
          {"name", g.name},
          {"addrList", g.addrList},
          {"description", g.description},
          {"otherParamsJson", g.otherParamsJson},
          {"systemDefault", g.systemDefault},
          {"createTime", g.systemDefault ? Json(nullptr) : Json(util::formatDateTime(g.createTime, zone))},
          {"updateTime", g.systemDefault ? Json(nullptr) : Json(util::formatDateTime(g.updateTime, zone))}};
}

Json environmentJson(const model::Environment& e, const std::string& zone) {
  return {{"id", e.id},
          {"code", e.code},
          {"name", e.name},
          {"config", e.config},
          {"description", e.description},
          {"workerGroups", e.workerGroups},
          {"operator", e.operatorId},
          {"createTime", util::formatDateTime(e.createTime, zone)},
          {"updateTime", util::formatDateTime(e.updateTime, zone)}};
}

Json alertGroupJson(const model::AlertGroup& g, const std::string& zone) {
  return {{"id", g.id},
          {"groupName", g.groupName},
          {"alertInstanceIds", g.alertInstanceIds},
          {"description", g.description},
          {"createUserId", g.createUserId},
          {"createTime", util::formatDateTime(g.createTime, zone)},
          {"updateTime", util::formatDateTime(g.updateTime, zone)}};
}

Json accessTokenJson(const model::AccessToken& t, const std::string& zone) {
  return {{"id", t.id},
          {"userId", t.userId},
          {"token", t.token},
          {"expireTime", util::formatDateTime(t.expireTime, zone)},
          {"createTime", util::formatDateTime(t.createTime, zone)},
          {"updateTime", util::formatDateTime(t.updateTime, zone)},
          {"userName", nullIfEmpty(t.userName)}};
}

Json projectJson(const model::Project& p, const std::string& zone) {
  return {{"id", p.id},
          {"userId", p.userId},
          {"userName", nullIfEmpty(p.userName)},
          {"code", p.code},
          {"name", p.name},
          {"description", p.description},
          {"createTime", util::formatDateTime(p.createTime, zone)},
          {"updateTime", util::formatDateTime(p.updateTime, zone)},
          {"perm", p.perm},
          {"defCount", p.defCount},
          {"instRunningCount", p.instRunningCount}};
}

Json pageInfo(Json items, int64_t total, int pageNo, int pageSize) {
  int64_t totalPage = total == 0 ? 1 : (total + pageSize - 1) / pageSize;
  return {{"totalList", std::move(items)}, {"total", total},     {"totalPage", totalPage},
          {"pageSize", pageSize},          {"currentPage", pageNo}, {"start", (pageNo - 1) * pageSize}};
}

}  // namespace porpoise::api
