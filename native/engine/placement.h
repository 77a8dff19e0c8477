// Where keys live: libmemcached's hashing, continuum and distribution (the
// placement pylibmc and the npm `memcached` client share), and nothing else of
// libmemcached. Its handle is given the servers, weights and behaviors, and is
// only ever asked which server a key belongs to: it opens no socket.
#pragma once

#include <libmemcached/memcached.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcnative {

struct ServerSpec {
  std::string host;  // a unix socket's path when port is kUnixSocketPort
  uint16_t port;
  uint32_t weight;
  // The name TLS checks the server's certificate for and sends in SNI, when
  // it is not `host`: an ElastiCache node found by discovery is connected to
  // by its IP address and named by its host name. Empty: `host`.
  std::string tls_name = {};
};

using Behaviors = std::vector<std::pair<memcached_behavior_t, uint64_t>>;

class Placement {
 public:
  // nullptr, with *error saying why, when libmemcached refuses the
  // configuration (an unknown behavior value, a server it cannot add).
  static std::unique_ptr<Placement> Create(const std::vector<ServerSpec>& servers,
                                           const Behaviors& behaviors, std::string* error);
  ~Placement();

  Placement(const Placement&) = delete;
  Placement& operator=(const Placement&) = delete;

  // The position of the server that holds `key`. Any thread: without
  // auto-ejection (never configured here) libmemcached only reads its
  // continuum to answer.
  uint32_t ServerOf(std::string_view key) const;
  uint32_t size() const;
  std::string HostAt(uint32_t position) const;
  uint16_t PortAt(uint32_t position) const;
  // `host:port` (a unix socket's path), as faults and the TypeScript side name the server.
  std::string NameAt(uint32_t position) const;

 private:
  explicit Placement(memcached_st* memcached) : memcached_(memcached) {}

  memcached_st* const memcached_;
};

}  // namespace mcnative
