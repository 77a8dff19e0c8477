// The handles of one client (or, for placements computed in JS, of one
// server), all built from one configuration, and what they know about the
// servers' health.
//
// A handle is single-threaded, so every batch leases its own for the whole
// time it runs on the libuv pool and gives it back afterwards. Each libmemcached
// handle is built from the configuration rather than cloned: libmemcached
// 1.1.4's memcached_clone (and so memcached_pool) gets the weighted ketama
// continuum wrong, sending keys to other servers than the original would.
#pragma once

#include <libmemcached/memcached.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "connection.h"
#include "resources.h"
#include "server_health.h"
#include "pipeline.h"

namespace mcnative {

struct ServerSpec {
  std::string host;
  uint16_t port;
  uint32_t weight;
};

struct SaslCredentials {
  std::string username;
  std::string password;
};

struct PoolConfig {
  std::vector<ServerSpec> servers;
  std::vector<std::pair<memcached_behavior_t, uint64_t>> behaviors;
  // Needs the binary protocol; empty username for none.
  SaslCredentials sasl;
};

// Frees a libmemcached handle together with the credentials it was given.
void FreeMemcached(memcached_st* memcached);

// The event loop's watchers of a handle's sockets (loop_batch.h). They outlive
// a batch so the next one on the event loop need not register the sockets
// again; they exist only while no worker thread may use the handle's sockets.
struct LoopWatchers;
// Closes the watchers (the sockets stay open). JS thread only.
void CloseLoopWatchers(LoopWatchers* watchers);

// What one batch leases: a libmemcached handle for reads and admin commands,
// and the write path's connections to the same servers, by server position.
struct Handle {
  memcached_st* memcached = nullptr;
  std::vector<std::unique_ptr<Connection>> connections;
  LoopWatchers* loop_watchers = nullptr;

  Handle() { ++Live().handles; }
  // Handles are destroyed on the JS thread (trimmed or with their pool), or
  // on a worker thread before they ever had watchers.
  ~Handle() {
    if (loop_watchers != nullptr) CloseLoopWatchers(loop_watchers);
    if (memcached != nullptr) FreeMemcached(memcached);
    --Live().handles;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

class Pool {
 public:
  // Builds the first handle to check the configuration; on failure returns
  // nullptr and explains why in *error.
  static std::unique_ptr<Pool> Create(PoolConfig config, std::string* error);
  // Every leased handle must have been released.
  ~Pool();

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A free handle, or a new one when all are leased. Any thread.
  Handle* Acquire(std::string* error);
  void Release(Handle* handle);
  // Frees the handles that have been free for longer than `idle`; returns how many.
  size_t TrimIdle(std::chrono::milliseconds idle);
  // Handles alive (leased or free) and free.
  size_t total() const { return total_.load(); }
  size_t free_count();

  // A handle that is never leased and never does I/O, so the JS thread may ask
  // it where a key goes while batches run on the others.
  memcached_st* placement() const { return placement_; }

  ServerHealth& health() { return health_; }
  const PipelineSettings& pipeline_settings() const { return pipeline_settings_; }

 private:
  Pool(PoolConfig config, memcached_st* placement);

  const PoolConfig config_;
  memcached_st* const placement_;
  const PipelineSettings pipeline_settings_;
  ServerHealth health_;
  std::mutex mutex_;
  struct FreeHandle {
    std::unique_ptr<Handle> handle;
    std::chrono::steady_clock::time_point since;
  };
  std::vector<FreeHandle> free_;  // most recently released last
  std::atomic<size_t> total_{0};
};

// Leases a handle for one scope and always hands it back.
class Lease {
 public:
  explicit Lease(Pool& pool) : pool_(pool), handle_(pool.Acquire(&error_)) {}
  // Takes over a handle acquired elsewhere.
  Lease(Pool& pool, Handle* acquired) : pool_(pool), handle_(acquired) {}
  ~Lease() {
    if (handle_ != nullptr) pool_.Release(handle_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  // nullptr when no handle could be built; error() says why.
  Handle* handle() const { return handle_; }
  const std::string& error() const { return error_; }

 private:
  Pool& pool_;
  std::string error_;
  Handle* handle_;
};

}  // namespace mcnative
