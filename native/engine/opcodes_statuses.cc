#include "opcodes_statuses.h"

namespace mcnative {

const char* StatusName(Status status) {
  static const char* const kNames[] = {
#define X(name) #name,
      MC_STATUS_LIST(X)
#undef X
  };
  return kNames[static_cast<size_t>(status)];
}

std::string ServerName(const std::string& host, unsigned port) {
  if (port == kUnixSocketPort) return host;
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace mcnative
