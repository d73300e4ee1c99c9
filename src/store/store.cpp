#include "store/store.h"

#include "store/schema.h"

namespace porpoise::store {

Store::Store(const std::string& path) : path_(path) {
  writer_ = std::make_unique<Database>(path);
  migrate(*writer_);
  reader_ = std::make_unique<Database>(path);
}

}  // namespace porpoise::store
