// The real engine clock: system time and boost::asio steady timers on the engine's io_context.
//
// Contract: as EngineClock. Callbacks run on the threads running the io_context (the engine runs it
// on one thread). A timer that is cancelled before it fires never calls its callback.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>

#include "engine/engine_clock.h"

namespace porpoise::engine {

class AsioEngineClock : public EngineClock {
 public:
  explicit AsioEngineClock(boost::asio::io_context& io) : io_(io) {}
  ~AsioEngineClock() override;

  util::TimePoint now() const override { return util::now(); }
  TimerId schedule(std::chrono::milliseconds delay, std::function<void()> callback) override;
  void cancel(TimerId id) override;

 private:
  boost::asio::io_context& io_;
  TimerId nextId_ = 1;
  std::map<TimerId, std::unique_ptr<boost::asio::steady_timer>> timers_;
};

}  // namespace porpoise::engine
