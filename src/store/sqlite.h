// A thin RAII layer over SQLite3: connection, prepared statement, transaction.
//
// Contract: Database owns one sqlite3 connection opened in WAL mode with a busy timeout and
// foreign keys on. A Database is used by one thread at a time (the Store hands out access under
// a mutex). Statement binds by 1-based index, steps row by row, and reads columns by index.
// Every error throws SqliteError with SQLite's message. Transaction rolls back unless commit()
// was called.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace porpoise::store {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool isConstraint() const { return (code_ & 0xFF) == SQLITE_CONSTRAINT; }

 private:
  int code_;
};

class Statement;

class Database {
 public:
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  Statement prepare(std::string_view sql);
  int64_t lastInsertId() const;
  int changes() const;
  int userVersion();
  void setUserVersion(int v);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int idx, int64_t v);
  Statement& bind(int idx, int v) { return bind(idx, static_cast<int64_t>(v)); }
  Statement& bind(int idx, double v);
  Statement& bind(int idx, std::string_view v);
  Statement& bind(int idx, const std::string& v) { return bind(idx, std::string_view(v)); }
  Statement& bind(int idx, const char* v) { return bind(idx, std::string_view(v)); }
  Statement& bindNull(int idx);
  template <typename T>
  Statement& bind(int idx, const std::optional<T>& v) {
    return v ? bind(idx, *v) : bindNull(idx);
  }

  // Advances to the next row; false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  bool isNull(int col) const;
  int64_t getInt64(int col) const;
  int getInt(int col) const { return static_cast<int>(getInt64(col)); }
  double getDouble(int col) const;
  std::string getText(int col) const;
  std::optional<int64_t> getOptInt64(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace porpoise::store
