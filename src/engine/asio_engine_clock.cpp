#include "engine/asio_engine_clock.h"

namespace porpoise::engine {

AsioEngineClock::~AsioEngineClock() {
  for (auto& [id, timer] : timers_) timer->cancel();
}

EngineClock::TimerId AsioEngineClock::schedule(std::chrono::milliseconds delay, std::function<void()> callback) {
  TimerId id = nextId_++;
  auto timer = std::make_unique<boost::asio::steady_timer>(
      io_, delay < std::chrono::milliseconds(0) ? std::chrono::milliseconds(0) : delay);
  timer->async_wait([this, id, callback = std::move(callback)](const boost::system::error_code& error) {
    if (error) return;  // cancelled
    auto it = timers_.find(id);
    if (it == timers_.end()) return;
    auto keep = std::move(it->second);  // the timer object must outlive this handler
    timers_.erase(it);
    callback();
  });
  timers_.emplace(id, std::move(timer));
  return id;
}

void AsioEngineClock::cancel(TimerId id) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  it->second->cancel();
  timers_.erase(it);
}

}  // namespace porpoise::engine
