// Waits for an engine command and turns its EngineError into an ApiError with the same code.
#pragma once

#include <future>

#include "api/api_error.h"
#include "engine/engine_error.h"

namespace porpoise::api {

template <typename T>
T awaitEngine(std::future<T> future) {
  try {
    return future.get();
  } catch (const engine::EngineError& e) {
    throw ApiError::withMessage(static_cast<Status>(e.status()), e.what());
  } catch (const std::future_error&) {
    throw ApiError::withMessage(Status::EXECUTE_PROCESS_INSTANCE_ERROR, "the engine is shutting down");
  }
}

}  // namespace porpoise::api
