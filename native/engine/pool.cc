#include "pool.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mcnative {

namespace {

// SASL PLAIN's message: authorization identity (none), username, password.
std::string PlainCredentials(const SaslCredentials& sasl) {
  if (sasl.username.empty()) return {};
  return std::string(1, '\0') + sasl.username + std::string(1, '\0') + sasl.password;
}

}  // namespace

std::unique_ptr<Pool> Pool::Create(PoolConfig config, std::string* error) {
  std::unique_ptr<Placement> placement = Placement::Create(config.servers, config.placement, error);
  if (placement == nullptr) return nullptr;
  std::shared_ptr<const TlsContext> tls;
  if (config.tls.enabled) {
    tls = TlsContext::Create(config.tls, error);
    if (tls == nullptr) return nullptr;
  }
  // The key and its passphrase are in OpenSSL's context now, and nowhere else.
  config.tls = TlsConfig{};
  int interrupt_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (interrupt_fd < 0) {
    *error = std::string("could not create an eventfd: ") + strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<Pool>(
      new Pool(std::move(config), std::move(placement), std::move(tls), interrupt_fd));
}

Pool::Pool(PoolConfig config, std::unique_ptr<Placement> placement,
           std::shared_ptr<const TlsContext> tls, int interrupt_fd)
    : config_(std::move(config)),
      tls_(std::move(tls)),
      placement_(std::move(placement)),
      pipeline_settings_{config_.connect_ms, config_.reply_ms, config_.binary,
                         PlainCredentials(config_.sasl)},
      health_(placement_->size(), std::chrono::milliseconds(config_.retry_ms)),
      interrupt_fd_(interrupt_fd) {
  ++Live().pools;
}

Pool::~Pool() {
  close(interrupt_fd_);
  --Live().pools;
}

void Pool::Interrupt() {
  // Closed first: a batch that wakes up must find the servers closed, and one
  // that starts later never polls.
  health_.Close();
  if (interrupted_.exchange(true)) return;
  const uint64_t one = 1;
  // Fails only when the counter would overflow, which one write cannot do.
  (void)!write(interrupt_fd_, &one, sizeof(one));
}

std::string Pool::TlsNameAt(uint32_t position) const {
  // libmemcached orders the servers its own way: find the one at `position`.
  const std::string host = placement_->HostAt(position);
  const uint16_t port = placement_->PortAt(position);
  for (const ServerSpec& server : config_.servers) {
    if (server.host == host && server.port == port) return server.tls_name;
  }
  return {};
}

ConnectionSet* Pool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      ConnectionSet* set = free_.back().set.release();
      free_.pop_back();
      return set;
    }
  }
  auto set = std::make_unique<ConnectionSet>();
  // Position by position the servers libmemcached places keys on, so a key's
  // commands always meet on one server.
  for (uint32_t position = 0; position < placement_->size(); ++position) {
    set->connections.push_back(std::make_unique<Connection>(
        placement_->HostAt(position), placement_->PortAt(position), config_.tcp_no_delay,
        config_.tcp_keep_alive, &open_sockets_, tls_, TlsNameAt(position)));
  }
  ++total_;
  return set.release();
}

void Pool::Release(ConnectionSet* set) {
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(FreeSet{std::unique_ptr<ConnectionSet>(set), std::chrono::steady_clock::now()});
}

size_t Pool::TrimIdle(std::chrono::milliseconds idle) {
  std::vector<std::unique_ptr<ConnectionSet>> expired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto cutoff = std::chrono::steady_clock::now() - idle;
    // Acquire takes from the back, so the front holds the longest idle.
    auto keep = free_.begin();
    while (keep != free_.end() && keep->since < cutoff) ++keep;
    for (auto it = free_.begin(); it != keep; ++it) expired.push_back(std::move(it->set));
    free_.erase(free_.begin(), keep);
  }
  total_ -= expired.size();
  return expired.size();  // closed here, outside the lock
}

size_t Pool::free_count() {
  std::lock_guard<std::mutex> lock(mutex_);
  return free_.size();
}

}  // namespace mcnative
