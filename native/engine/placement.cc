#include "placement.h"

#include "opcodes_statuses.h"

namespace mcnative {

std::unique_ptr<Placement> Placement::Create(const std::vector<ServerSpec>& servers,
                                             const Behaviors& behaviors, std::string* error) {
  memcached_st* memcached = memcached_create(nullptr);
  if (memcached == nullptr) {
    *error = "could not allocate a libmemcached handle";
    return nullptr;
  }
  std::unique_ptr<Placement> placement(new Placement(memcached));
  for (const auto& [behavior, value] : behaviors) {
    memcached_return_t rc = memcached_behavior_set(memcached, behavior, value);
    if (rc != MEMCACHED_SUCCESS) {
      *error = "libmemcached rejected behavior " + std::to_string(behavior) + "=" +
               std::to_string(value) + ": " + memcached_strerror(memcached, rc);
      return nullptr;
    }
  }
  for (const ServerSpec& server : servers) {
    // A unix socket is named by its path alone: libmemcached hashes and
    // reports it by that path, with port 0.
    memcached_return_t rc = server.port == kUnixSocketPort
                                ? memcached_server_add_unix_socket_with_weight(
                                      memcached, server.host.c_str(), server.weight)
                                : memcached_server_add_with_weight(memcached, server.host.c_str(),
                                                                   server.port, server.weight);
    if (rc != MEMCACHED_SUCCESS) {
      *error = "could not add server " + ServerName(server.host, server.port) + ": " +
               memcached_strerror(memcached, rc);
      return nullptr;
    }
  }
  return placement;
}

Placement::~Placement() { memcached_free(memcached_); }

uint32_t Placement::ServerOf(std::string_view key) const {
  return memcached_generate_hash(memcached_, key.data(), key.size());
}

uint32_t Placement::size() const { return memcached_server_count(memcached_); }

std::string Placement::HostAt(uint32_t position) const {
  return memcached_server_name(memcached_server_instance_by_position(memcached_, position));
}

uint16_t Placement::PortAt(uint32_t position) const {
  return static_cast<uint16_t>(
      memcached_server_port(memcached_server_instance_by_position(memcached_, position)));
}

std::string Placement::NameAt(uint32_t position) const {
  return ServerName(HostAt(position), PortAt(position));
}

}  // namespace mcnative
