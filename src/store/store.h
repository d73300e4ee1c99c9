// The store: one SQLite file (WAL) shared by the API and the engine.
//
// Contract: write(f) runs f(Database&) inside one IMMEDIATE transaction on the single writer
// connection and commits when f returns (rolls back if it throws), so one request = one
// transaction and a rejected request leaves nothing behind. read(f) runs f on a reader connection
// (a consistent snapshot for the duration of f). Both are thread-safe; calls serialize per
// connection. The schema is migrated when the Store opens.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <type_traits>

#include "store/sqlite.h"

namespace porpoise::store {

class Store {
 public:
  // `path` ":memory:" is not supported (readers need the file); use a temp file in tests.
  explicit Store(const std::string& path);

  template <typename F>
  auto write(F&& f) -> std::invoke_result_t<F, Database&> {
    std::lock_guard lock(writeMu_);
    Transaction tx(*writer_);
    if constexpr (std::is_void_v<std::invoke_result_t<F, Database&>>) {
      f(*writer_);
      tx.commit();
    } else {
      auto result = f(*writer_);
      tx.commit();
      return result;
    }
  }

  template <typename F>
  auto read(F&& f) -> std::invoke_result_t<F, Database&> {
    std::lock_guard lock(readMu_);
    reader_->exec("BEGIN");
    struct End {
      Database& db;
      ~End() {
        try {
          db.exec("COMMIT");
        } catch (...) {
        }
      }
    } end{*reader_};
    return f(*reader_);
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex writeMu_;
  std::mutex readMu_;
  std::unique_ptr<Database> writer_;
  std::unique_ptr<Database> reader_;
};

}  // namespace porpoise::store
