// The connection sets of one client (or, for placements computed in JS, of
// one server), all to the servers of one placement, and what the client has
// learnt about those servers' health.
//
// A batch leases a handle (a connection to each server) for as long as it
// runs, on the event loop or on a libuv thread, and gives it back after: a
// connection carries one batch's pipeline at a time. The pool grows with
// batches running at once and is trimmed of handles left idle.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connection.h"
#include "pipeline.h"
#include "placement.h"
#include "resources.h"
#include "server_health.h"

namespace mcnative {

struct SaslCredentials {
  std::string username;
  std::string password;
};

struct PoolConfig {
  std::vector<ServerSpec> servers;
  Behaviors placement;  // libmemcached's: distribution and hash
  int connect_ms = 1000;
  int reply_ms = 500;
  int retry_seconds = 2;
  bool binary = false;
  bool tcp_no_delay = true;
  bool tcp_keep_alive = false;
  // Needs the binary protocol; empty username for none.
  SaslCredentials sasl;
};

// The event loop's watchers of a handle's sockets (loop_batch.h). They outlive
// a batch so the next one on the event loop need not register the sockets
// again; they exist only while no worker thread may use the handle's sockets.
struct LoopWatchers;
// Closes the watchers (the sockets stay open). JS thread only.
void CloseLoopWatchers(LoopWatchers* watchers);

// What one batch leases: a connection to each server, by server position.
struct Handle {
  std::vector<std::unique_ptr<Connection>> connections;
  LoopWatchers* loop_watchers = nullptr;

  Handle() { ++Live().handles; }
  // Handles are destroyed on the JS thread (trimmed or with their pool), or
  // on a worker thread before they ever had watchers.
  ~Handle() {
    if (loop_watchers != nullptr) CloseLoopWatchers(loop_watchers);
    --Live().handles;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

class Pool {
 public:
  // On failure returns nullptr and explains why in *error.
  static std::unique_ptr<Pool> Create(PoolConfig config, std::string* error);
  // Every leased handle must have been released.
  ~Pool();

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A free handle, or a new one (its connections still closed) when all are
  // leased. Any thread.
  Handle* Acquire();
  void Release(Handle* handle);
  // Frees the handles that have been free for longer than `idle`; returns how many.
  size_t TrimIdle(std::chrono::milliseconds idle);
  // Handles alive (leased or free) and free.
  size_t total() const { return total_.load(); }
  size_t free_count();
  // Sockets open across every handle.
  int64_t open_sockets() const { return open_sockets_.load(); }

  // Where keys go. Never does I/O, so any thread may ask it.
  const Placement& placement() const { return *placement_; }
  ServerHealth& health() { return health_; }
  const PipelineSettings& pipeline_settings() const { return pipeline_settings_; }

 private:
  Pool(PoolConfig config, std::unique_ptr<Placement> placement);

  const PoolConfig config_;
  const std::unique_ptr<Placement> placement_;
  const PipelineSettings pipeline_settings_;
  ServerHealth health_;
  // Before the handles: their connections count themselves out as they close.
  std::atomic<int64_t> open_sockets_{0};
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
  explicit Lease(Pool& pool) : pool_(pool), handle_(pool.Acquire()) {}
  // Takes over a handle acquired elsewhere.
  Lease(Pool& pool, Handle* acquired) : pool_(pool), handle_(acquired) {}
  ~Lease() { pool_.Release(handle_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  Handle* handle() const { return handle_; }

 private:
  Pool& pool_;
  Handle* handle_;
};

}  // namespace mcnative
