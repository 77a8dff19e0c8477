// Counts of the native resources alive in this process, across every client,
// so soak tests can check that none of them grows without bound.
#pragma once

#include <atomic>
#include <cstdint>

namespace mcnative {

struct LiveResources {
  std::atomic<int64_t> pools{0};            // Pool objects (one or more per client)
  std::atomic<int64_t> connection_sets{0};  // leased or free: a connection per server
  std::atomic<int64_t> sockets{0};          // sockets open to servers
  // Value memory JS has let go of, kept for the next batches' values.
  std::atomic<int64_t> spare_value_bytes{0};
  // Not resources but events, counted since the process started: TLS
  // handshakes completed, and how many of them resumed an earlier session.
  std::atomic<int64_t> tls_handshakes{0};
  std::atomic<int64_t> tls_resumptions{0};
};

inline LiveResources& Live() {
  static LiveResources live;
  return live;
}

}  // namespace mcnative
