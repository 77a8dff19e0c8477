#include "status.h"

namespace mcnative {

Status StatusFromReturn(memcached_return_t rc) {
  switch (rc) {
    case MEMCACHED_SUCCESS:
    case MEMCACHED_STORED:
    case MEMCACHED_DELETED:
    case MEMCACHED_END:
    case MEMCACHED_BUFFERED:
      return Status::OK;
    case MEMCACHED_NOTFOUND:
      return Status::NOT_FOUND;
    case MEMCACHED_NOTSTORED:
      return Status::NOT_STORED;
    case MEMCACHED_DATA_EXISTS:
      return Status::EXISTS;
    case MEMCACHED_TIMEOUT:
      return Status::TIMEOUT;
    case MEMCACHED_CONNECTION_FAILURE:
    case MEMCACHED_CONNECTION_BIND_FAILURE:
    case MEMCACHED_CONNECTION_SOCKET_CREATE_FAILURE:
    case MEMCACHED_HOST_LOOKUP_FAILURE:
    case MEMCACHED_WRITE_FAILURE:
    case MEMCACHED_READ_FAILURE:
    case MEMCACHED_UNKNOWN_READ_FAILURE:
    case MEMCACHED_PARTIAL_READ:
    case MEMCACHED_ERRNO:
    case MEMCACHED_IN_PROGRESS:
      return Status::CONNECTION;
    case MEMCACHED_SERVER_MARKED_DEAD:
    case MEMCACHED_SERVER_TEMPORARILY_DISABLED:
    case MEMCACHED_NO_SERVERS:
      return Status::SERVER_DOWN;
    case MEMCACHED_AUTH_FAILURE:
    case MEMCACHED_AUTH_PROBLEM:
    case MEMCACHED_AUTH_CONTINUE:
      return Status::AUTH;
    case MEMCACHED_SERVER_ERROR:
    case MEMCACHED_E2BIG:
    case MEMCACHED_SERVER_MEMORY_ALLOCATION_FAILURE:
    case MEMCACHED_MEMORY_ALLOCATION_FAILURE:
      return Status::SERVER_ERROR;
    case MEMCACHED_CLIENT_ERROR:
      return Status::CLIENT_ERROR;
    case MEMCACHED_PROTOCOL_ERROR:
    case MEMCACHED_PARSE_ERROR:
    case MEMCACHED_PARSE_USER_ERROR:
      return Status::PROTOCOL;
    default:
      return Status::UNKNOWN;
  }
}

const char* StatusName(Status status) {
  static const char* const kNames[] = {
#define X(name) #name,
      MC_STATUS_LIST(X)
#undef X
  };
  return kNames[static_cast<size_t>(status)];
}

std::string ServerName(const std::string& host, unsigned port) {
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string ServerName(const memcached_instance_st* server) {
  if (server == nullptr) return std::string();
  return ServerName(memcached_server_name(server), memcached_server_port(server));
}

}  // namespace mcnative
