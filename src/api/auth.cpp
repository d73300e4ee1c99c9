#include "api/auth.h"

#include "store/user_repository.h"
#include "util/crypto.h"

namespace porpoise::api {
namespace {

std::optional<std::string> sessionIdOf(const http::Request& req) {
  if (auto h = req.header("sessionid"); h && !h->empty()) return h;
  if (auto c = req.cookie("sessionId"); c && !c->empty()) return c;
  return std::nullopt;
}

// Last-access updates are written at most this often per session, to keep reads write-free.
constexpr auto kTouchEvery = std::chrono::seconds(30);

}  // namespace

std::optional<model::User> authenticate(ApiContext& ctx, const http::Request& req) {
  auto now = util::now();
  if (auto token = req.header("token"); token && !token->empty()) {
    auto user = ctx.store.read([&](store::Database& db) -> std::optional<model::User> {
      auto t = store::tokens::findValid(db, *token, now);
      if (!t) return std::nullopt;
      return store::users::findById(db, t->userId);
    });
    if (!user || user->state == 0) return std::nullopt;
    return user;
  }
  auto sid = sessionIdOf(req);
  if (!sid) return std::nullopt;
  auto found = ctx.store.read([&](store::Database& db) -> std::optional<std::pair<model::Session, model::User>> {
    auto s = store::sessions::find(db, *sid);
    if (!s) return std::nullopt;
    auto u = store::users::findById(db, s->userId);
    if (!u) return std::nullopt;
    return std::make_pair(*s, *u);
  });
  if (!found) return std::nullopt;
  auto& [session, user] = *found;
  if (now - session.lastAccessTime > ctx.settings.sessionTimeout) {
    ctx.store.write([&](store::Database& db) { store::sessions::remove(db, session.id); });
    return std::nullopt;
  }
  if (user.state == 0) return std::nullopt;
  if (now - session.lastAccessTime > kTouchEvery)
    ctx.store.write([&](store::Database& db) { store::sessions::touch(db, session.id, now, false); });
  return user;
}

LoginResult login(ApiContext& ctx, const std::string& userName, const std::string& password, const std::string& ip) {
  if (userName.empty()) throw ApiError(Status::USER_NAME_NULL);
  auto user = ctx.store.read([&](store::Database& db) { return store::users::findByName(db, userName); });
  if (!user || !util::verifyPassword(password, user->passwordHash)) throw ApiError(Status::USER_NAME_PASSWD_ERROR);
  if (user->state == 0) throw ApiError(Status::USER_DISABLED);
  auto now = util::now();
  std::string id = ctx.store.write([&](store::Database& db) {
    // Reuse a live session of this user (as DolphinScheduler does), else create a new one.
    auto existing = store::sessions::latestForUser(db, user->id);
    if (existing && now - existing->lastAccessTime <= ctx.settings.sessionTimeout) {
      store::sessions::touch(db, existing->id, now, true);
      return existing->id;
    }
    model::Session s;
    s.id = util::randomUuid();
    s.userId = user->id;
    s.ip = ip;
    s.lastLoginTime = s.lastAccessTime = now;
    store::sessions::insert(db, s);
    return s.id;
  });
  return {id, *user};
}

void signOut(ApiContext& ctx, const http::Request& req) {
  auto sid = sessionIdOf(req);
  if (!sid) return;
  ctx.store.write([&](store::Database& db) { store::sessions::remove(db, *sid); });
}

}  // namespace porpoise::api
