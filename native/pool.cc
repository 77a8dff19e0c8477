#include "pool.h"

namespace mcnative {

void FreeMemcached(memcached_st* memcached) {
  // libmemcached keeps its own copy of the credentials, which memcached_free leaves behind.
  memcached_destroy_sasl_auth_data(memcached);
  memcached_free(memcached);
}

namespace {

memcached_st* Build(const PoolConfig& config, std::string* error) {
  memcached_st* handle = memcached_create(nullptr);
  if (handle == nullptr) {
    *error = "could not allocate a libmemcached handle";
    return nullptr;
  }
  for (const auto& [behavior, value] : config.behaviors) {
    memcached_return_t rc = memcached_behavior_set(handle, behavior, value);
    if (rc != MEMCACHED_SUCCESS) {
      *error = "libmemcached rejected behavior " + std::to_string(behavior) + "=" +
               std::to_string(value) + ": " + memcached_strerror(handle, rc);
      memcached_free(handle);
      return nullptr;
    }
  }
  if (!config.sasl.username.empty()) {
    memcached_return_t rc = memcached_set_sasl_auth_data(handle, config.sasl.username.c_str(),
                                                         config.sasl.password.c_str());
    if (rc != MEMCACHED_SUCCESS) {
      // Never the credentials themselves: this text reaches error messages.
      *error = std::string("libmemcached could not take the SASL credentials: ") +
               memcached_strerror(handle, rc);
      FreeMemcached(handle);
      return nullptr;
    }
  }
  for (const auto& server : config.servers) {
    memcached_return_t rc =
        memcached_server_add_with_weight(handle, server.host.c_str(), server.port, server.weight);
    if (rc != MEMCACHED_SUCCESS) {
      *error = "could not add server " + server.host + ":" + std::to_string(server.port) + ": " +
               memcached_strerror(handle, rc);
      FreeMemcached(handle);
      return nullptr;
    }
  }
  return handle;
}

int BehaviorInt(memcached_st* handle, memcached_behavior_t behavior) {
  return static_cast<int>(memcached_behavior_get(handle, behavior));
}

// SASL PLAIN's message: authorization identity (none), username, password.
std::string PlainCredentials(const SaslCredentials& sasl) {
  if (sasl.username.empty()) return {};
  return std::string(1, '\0') + sasl.username + std::string(1, '\0') + sasl.password;
}

}  // namespace

std::unique_ptr<Pool> Pool::Create(PoolConfig config, std::string* error) {
  memcached_st* placement = Build(config, error);
  if (placement == nullptr) return nullptr;
  return std::unique_ptr<Pool>(new Pool(std::move(config), placement));
}

Pool::Pool(PoolConfig config, memcached_st* placement)
    : config_(std::move(config)),
      placement_(placement),
      pipeline_settings_{BehaviorInt(placement, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT),
                         BehaviorInt(placement, MEMCACHED_BEHAVIOR_POLL_TIMEOUT),
                         BehaviorInt(placement, MEMCACHED_BEHAVIOR_BINARY_PROTOCOL) != 0,
                         PlainCredentials(config_.sasl)},
      health_(memcached_server_count(placement),
              std::chrono::seconds(BehaviorInt(placement, MEMCACHED_BEHAVIOR_RETRY_TIMEOUT))) {
  ++Live().pools;
}

Pool::~Pool() {
  FreeMemcached(placement_);
  --Live().pools;
}

Handle* Pool::Acquire(std::string* error) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      Handle* handle = free_.back().handle.release();
      free_.pop_back();
      return handle;
    }
  }
  auto handle = std::make_unique<Handle>();
  handle->memcached = Build(config_, error);
  if (handle->memcached == nullptr) return nullptr;
  // The write path talks to the very servers libmemcached placed at each
  // position, so a key's writes and reads always meet on one server.
  bool no_delay = memcached_behavior_get(placement_, MEMCACHED_BEHAVIOR_TCP_NODELAY) != 0;
  bool keep_alive = memcached_behavior_get(placement_, MEMCACHED_BEHAVIOR_TCP_KEEPALIVE) != 0;
  uint32_t count = memcached_server_count(handle->memcached);
  for (uint32_t position = 0; position < count; ++position) {
    const memcached_instance_st* server =
        memcached_server_instance_by_position(handle->memcached, position);
    handle->connections.push_back(std::make_unique<Connection>(
        memcached_server_name(server), memcached_server_port(server), no_delay, keep_alive));
  }
  ++total_;
  return handle.release();
}

void Pool::Release(Handle* handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(FreeHandle{std::unique_ptr<Handle>(handle), std::chrono::steady_clock::now()});
}

size_t Pool::TrimIdle(std::chrono::milliseconds idle) {
  std::vector<std::unique_ptr<Handle>> expired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto cutoff = std::chrono::steady_clock::now() - idle;
    // Acquire takes from the back, so the front holds the longest idle.
    auto keep = free_.begin();
    while (keep != free_.end() && keep->since < cutoff) ++keep;
    for (auto it = free_.begin(); it != keep; ++it) expired.push_back(std::move(it->handle));
    free_.erase(free_.begin(), keep);
  }
  total_ -= expired.size();
  return expired.size();  // closed here, outside the lock
}

size_t Pool::free_count() {
  std::lock_guard<std::mutex> lock(mutex_);
  return free_.size();
}

}  // namespace mcnative
