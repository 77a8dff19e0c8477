// The connection sets of one client (or, for placements computed in JS, of
// one server), all to the servers of one placement, and what the client has
// learnt about those servers' health.
//
// A batch leases a connection set (a connection to each server) for as long as it
// runs, on the event loop or on a libuv thread, and gives it back after: a
// connection carries one batch's pipeline at a time. The pool grows with
// batches running at once and is trimmed of connection sets left idle.
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
#include "tls_session.h"

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
  int retry_ms = 2000;
  bool binary = false;
  bool tcp_no_delay = true;
  bool tcp_keep_alive = false;
  // Needs the binary protocol; empty username for none.
  SaslCredentials sasl;
  // Every connection in TLS when enabled.
  TlsConfig tls;
};

// What one batch leases: a connection to each server, by server position.
struct ConnectionSet {
  // What a driver watches the set's sockets with between its batches: the
  // event loop's watchers (loop_driver.h), kept so the next batch on the event
  // loop need not register the sockets again, and only while no worker thread
  // may use the sockets. Destroying them stops the watching; the sockets stay
  // open. The engine only holds them: it never includes a driver.
  class Watchers {
   public:
    virtual ~Watchers() = default;
  };

  std::vector<std::unique_ptr<Connection>> connections;
  // Declared after the connections, so destroyed before them.
  std::unique_ptr<Watchers> watchers;

  ConnectionSet() { ++Live().connection_sets; }
  // Connection sets are destroyed on the JS thread (trimmed or with their pool), or
  // on a worker thread before they ever had watchers.
  ~ConnectionSet() { --Live().connection_sets; }
  ConnectionSet(const ConnectionSet&) = delete;
  ConnectionSet& operator=(const ConnectionSet&) = delete;
};

class Pool {
 public:
  // On failure returns nullptr and explains why in *error.
  static std::unique_ptr<Pool> Create(PoolConfig config, std::string* error);
  // Every leased connection set must have been released.
  ~Pool();

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A free connection set, or a new one (its connections still closed) when all are
  // leased. Any thread.
  ConnectionSet* Acquire();
  void Release(ConnectionSet* set);
  // Frees the connection sets that have been free for longer than `idle`; returns how many.
  size_t TrimIdle(std::chrono::milliseconds idle);
  // Connection sets alive (leased or free) and free.
  size_t total() const { return total_.load(); }
  size_t free_count();
  // Sockets open across every connection set.
  int64_t open_sockets() const { return open_sockets_.load(); }

  // Where keys go. Never does I/O, so any thread may ask it.
  const Placement& placement() const { return *placement_; }
  ServerHealth& health() { return health_; }
  const PipelineSettings& pipeline_settings() const { return pipeline_settings_; }

  // For a close by force with batches still running: every batch of the pool
  // starts nothing more (see ServerHealth::Close), and the ones waiting in
  // BatchRun::RunToEnd on a worker thread wake up, however long their
  // deadline, fail what is left with CLOSED and give the thread back. Any
  // thread; for good.
  void Interrupt();
  // Readable once Interrupt() was called, and from then on: RunToEnd waits
  // for it beside the sockets. Never read, so every waiter sees it.
  int interrupt_fd() const { return interrupt_fd_; }

 private:
  Pool(PoolConfig config, std::unique_ptr<Placement> placement,
       std::shared_ptr<const TlsContext> tls, int interrupt_fd);
  // The `tls_name` of the server at `position` (empty: its host).
  std::string TlsNameAt(uint32_t position) const;

  const PoolConfig config_;
  // Shared by every connection of the pool; nullptr without TLS.
  const std::shared_ptr<const TlsContext> tls_;
  const std::unique_ptr<Placement> placement_;
  const PipelineSettings pipeline_settings_;
  ServerHealth health_;
  // Before the connection sets: their connections count themselves out as they close.
  std::atomic<int64_t> open_sockets_{0};
  std::mutex mutex_;
  struct FreeSet {
    std::unique_ptr<ConnectionSet> set;
    std::chrono::steady_clock::time_point since;
  };
  std::vector<FreeSet> free_;  // most recently released last
  std::atomic<size_t> total_{0};
  const int interrupt_fd_;  // an eventfd, owned
  std::atomic<bool> interrupted_{false};
};

// Leases a connection set for one scope and always hands it back.
class Lease {
 public:
  explicit Lease(Pool& pool) : pool_(pool), set_(pool.Acquire()) {}
  // Takes over a connection set acquired elsewhere.
  Lease(Pool& pool, ConnectionSet* acquired) : pool_(pool), set_(acquired) {}
  ~Lease() { pool_.Release(set_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  ConnectionSet* set() const { return set_; }

 private:
  Pool& pool_;
  ConnectionSet* set_;
};

}  // namespace mcnative
