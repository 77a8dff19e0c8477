#include "pool.h"

namespace mcnative {

std::unique_ptr<Pool> Pool::Create(const PoolConfig& config, std::string* error) {
  memcached_st* master = memcached_create(nullptr);
  if (master == nullptr) {
    *error = "could not allocate a libmemcached handle";
    return nullptr;
  }
  for (const auto& [behavior, value] : config.behaviors) {
    memcached_return_t rc = memcached_behavior_set(master, behavior, value);
    if (rc != MEMCACHED_SUCCESS) {
      *error = std::string("libmemcached rejected behavior ") + std::to_string(behavior) + "=" +
               std::to_string(value) + ": " + memcached_strerror(master, rc);
      memcached_free(master);
      return nullptr;
    }
  }
  for (const auto& server : config.servers) {
    memcached_return_t rc =
        memcached_server_add_with_weight(master, server.host.c_str(), server.port, server.weight);
    if (rc != MEMCACHED_SUCCESS) {
      *error = "could not add server " + server.host + ":" + std::to_string(server.port) + ": " +
               memcached_strerror(master, rc);
      memcached_free(master);
      return nullptr;
    }
  }
  memcached_pool_st* pool = memcached_pool_create(master, 1, config.size);
  if (pool == nullptr) {
    *error = "could not create the libmemcached connection pool";
    memcached_free(master);
    return nullptr;
  }
  return std::unique_ptr<Pool>(new Pool(master, pool));
}

Pool::~Pool() {
  // memcached_pool_destroy frees the pooled clones; the master built in Create() is ours to free.
  memcached_pool_destroy(pool_);
  memcached_free(master_);
}

memcached_st* Pool::Acquire(memcached_return_t* rc) {
  return memcached_pool_pop(pool_, true, rc);
}

void Pool::Release(memcached_st* handle) { memcached_pool_push(pool_, handle); }

}  // namespace mcnative
