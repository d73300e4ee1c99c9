// A page of rows plus the total count, as list-paging endpoints need.
#pragma once

#include <cstdint>
#include <vector>

namespace porpoise::store {

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

struct PageRequest {
  int pageNo = 1;
  int pageSize = 10;
  int offset() const { return (pageNo - 1) * pageSize; }
};

}  // namespace porpoise::store
