// A fixed-size pool of libmemcached handles built from one configuration.
//
// A memcached_st is single-threaded, so every batch leases its own handle for
// the whole time it runs on the libuv pool and gives it back afterwards.
#pragma once

#include <libmemcached/memcached.h>
#include <libmemcached/util.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mcnative {

struct ServerSpec {
  std::string host;
  uint16_t port;
  uint32_t weight;
};

struct PoolConfig {
  std::vector<ServerSpec> servers;
  uint32_t size = 1;
  std::vector<std::pair<memcached_behavior_t, uint64_t>> behaviors;
};

class Pool {
 public:
  // Builds the master handle and the pool; on failure returns nullptr and explains why in *error.
  static std::unique_ptr<Pool> Create(const PoolConfig& config, std::string* error);
  ~Pool();

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Never blocks in practice: callers cap concurrent leases at the pool size.
  memcached_st* Acquire(memcached_return_t* rc);
  void Release(memcached_st* handle);

  // The configured handle the pool clones. It never does I/O, so the JS thread
  // may ask it where a key goes while batches run on leased clones.
  const memcached_st* master() const { return master_; }

 private:
  Pool(memcached_st* master, memcached_pool_st* pool) : master_(master), pool_(pool) {}

  memcached_st* master_;
  memcached_pool_st* pool_;
};

// Leases a handle for one scope and always hands it back.
class Lease {
 public:
  explicit Lease(Pool& pool) : pool_(pool), handle_(pool.Acquire(&rc_)) {}
  ~Lease() {
    if (handle_ != nullptr) pool_.Release(handle_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  memcached_st* handle() const { return handle_; }
  memcached_return_t rc() const { return rc_; }

 private:
  Pool& pool_;
  memcached_return_t rc_ = MEMCACHED_SUCCESS;
  memcached_st* handle_;
};

}  // namespace mcnative
