#include "store/sqlite.h"

namespace porpoise::store {
namespace {
[[noreturn]] void fail(sqlite3* db, int rc, const std::string& context) {
  throw SqliteError(context + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), db ? sqlite3_extended_errcode(db) : rc);
}
}  // namespace

Database::Database(const std::string& path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError("cannot open database " + path + ": " + msg, rc);
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(msg, sqlite3_extended_errcode(db_));
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

int Database::userVersion() {
  auto st = prepare("PRAGMA user_version");
  st.step();
  return st.getInt(0);
}

void Database::setUserVersion(int v) { exec("PRAGMA user_version=" + std::to_string(v)); }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db, rc, "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }

Statement& Statement::bind(int idx, int64_t v) {
  if (sqlite3_bind_int64(stmt_, idx, v) != SQLITE_OK) fail(db_, 0, "bind");
  return *this;
}

Statement& Statement::bind(int idx, double v) {
  if (sqlite3_bind_double(stmt_, idx, v) != SQLITE_OK) fail(db_, 0, "bind");
  return *this;
}

Statement& Statement::bind(int idx, std::string_view v) {
  if (sqlite3_bind_text(stmt_, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, 0, "bind");
  return *this;
}

Statement& Statement::bindNull(int idx) {
  if (sqlite3_bind_null(stmt_, idx) != SQLITE_OK) fail(db_, 0, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "step");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int64_t Statement::getInt64(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::getDouble(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::getText(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

std::optional<int64_t> Statement::getOptInt64(int col) const {
  if (isNull(col)) return std::nullopt;
  return getInt64(col);
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace porpoise::store
