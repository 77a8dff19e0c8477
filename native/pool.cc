#include "pool.h"

namespace mcnative {

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
  for (const auto& server : config.servers) {
    memcached_return_t rc =
        memcached_server_add_with_weight(handle, server.host.c_str(), server.port, server.weight);
    if (rc != MEMCACHED_SUCCESS) {
      *error = "could not add server " + server.host + ":" + std::to_string(server.port) + ": " +
               memcached_strerror(handle, rc);
      memcached_free(handle);
      return nullptr;
    }
  }
  return handle;
}

}  // namespace

std::unique_ptr<Pool> Pool::Create(PoolConfig config, std::string* error) {
  memcached_st* placement = Build(config, error);
  if (placement == nullptr) return nullptr;
  return std::unique_ptr<Pool>(new Pool(std::move(config), placement));
}

Pool::~Pool() {
  for (memcached_st* handle : free_) memcached_free(handle);
  memcached_free(placement_);
}

memcached_st* Pool::Acquire(std::string* error) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      memcached_st* handle = free_.back();
      free_.pop_back();
      return handle;
    }
  }
  return Build(config_, error);
}

void Pool::Release(memcached_st* handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(handle);
}

}  // namespace mcnative
