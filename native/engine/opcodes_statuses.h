// Operation codes and result statuses shared with the TypeScript layer.
//
// Both lists are X-macros: the addon exports their names in order, and the
// TypeScript side builds its lookup tables from those names, so no number is
// ever maintained by hand on either side of the boundary.
#pragma once

#include <cstdint>
#include <string>

#define MC_OPCODE_LIST(X) \
  X(GET)                  \
  X(GETS)                 \
  X(SET)                  \
  X(ADD)                  \
  X(REPLACE)              \
  X(APPEND)               \
  X(PREPEND)              \
  X(CAS)                  \
  X(DELETE)               \
  X(TOUCH)                \
  X(INCR)                 \
  X(DECR)                 \
  X(STATS)                \
  X(VERSION)              \
  X(FLUSH)

// OK .. EXISTS are answers; everything after EXISTS is a fault. CLOSED: the
// client was closed by force before the operation was answered.
#define MC_STATUS_LIST(X) \
  X(OK)                   \
  X(NOT_FOUND)            \
  X(NOT_STORED)           \
  X(EXISTS)               \
  X(TIMEOUT)              \
  X(CONNECTION)           \
  X(SERVER_DOWN)          \
  X(AUTH)                 \
  X(TLS)                  \
  X(SERVER_ERROR)         \
  X(CLIENT_ERROR)         \
  X(NOT_NUMERIC)          \
  X(PROTOCOL)             \
  X(UNKNOWN)              \
  X(CLOSED)

namespace mcnative {

enum class Opcode : uint8_t {
#define X(name) name,
  MC_OPCODE_LIST(X)
#undef X
      kCount
};

enum class Status : uint8_t {
#define X(name) name,
  MC_STATUS_LIST(X)
#undef X
      kCount
};

// Per-operation modifier bits, set by the TypeScript layer in the `modifiers` column.
enum Modifier : uint8_t {
  kNoReply = 1 << 0,     // send with `noreply`: the server sends no answer
  kHasInitial = 1 << 1,  // incr/decr: create the counter from `initial` when missing
  // A storage command whose value is not in the batch's value buffer but one
  // of the caller's own Buffers, written from where it is (no copy); the
  // `initials` column, unused by storage commands, holds which one.
  kValueInPlace = 1 << 2,
};

inline bool IsFault(Status status) { return status > Status::EXISTS; }

// The status's name as listed in MC_STATUS_LIST, which is also its name in JS.
const char* StatusName(Status status);

// The port of a server that is a unix domain socket, whose host is then the
// socket's path (as libmemcached reports the port of such a server).
constexpr unsigned kUnixSocketPort = 0;

// `host:port` of a server (`[v6]:port` for an IPv6 address, the path for a
// unix socket), as the TypeScript side names servers.
std::string ServerName(const std::string& host, unsigned port);

}  // namespace mcnative
