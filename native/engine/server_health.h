// What the connection sets of one pool have learnt about their servers: which one
// could not be reached or refused the credentials, and until when it is left
// alone; and whether the client was closed by force, after which every server
// is left alone for good.
//
// One table per pool, shared by every connection set and both drivers, so the first
// failure counts for all of them: no connection set pays a timeout of its own to find
// out that a server is dead.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "opcodes_statuses.h"

namespace mcnative {

class ServerHealth {
 public:
  using Clock = std::chrono::steady_clock;

  ServerHealth(size_t server_count, std::chrono::milliseconds retry_timeout)
      : retry_timeout_(retry_timeout), servers_(server_count) {}

  // True while `server` is marked down or dead; *reason then says why, and
  // *status what the calls it skips report (SERVER_DOWN, or AUTH while the
  // server's last refusal of the credentials stands, or CLOSED for good once
  // the client was closed by force).
  bool IsDown(size_t server, std::string* reason, Status* status) {
    if (closed_.load()) {
      *reason = kClosedMessage;
      *status = Status::CLOSED;
      return true;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    const Entry& entry = servers_[server];
    if (entry.dead) {
      *reason = "marked dead after: " + entry.reason;
      *status = Status::SERVER_DOWN;
      return true;
    }
    Clock::time_point now = Clock::now();
    if (now >= entry.down_until) return false;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(entry.down_until - now);
    *reason = "marked down for " + std::to_string(left.count()) + " ms more after: " + entry.reason;
    *status = entry.status;
    return true;
  }

  // Leaves `server` alone for the retry timeout after a fault with `cause`.
  // The calls it skips meanwhile report AUTH after a refused login, and
  // SERVER_DOWN after anything else. With a retry timeout of 0 a server is
  // never marked down: every batch tries it again.
  void MarkDown(size_t server, const std::string& reason, Status cause = Status::SERVER_DOWN) {
    if (retry_timeout_.count() == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = servers_[server];
    entry.down_until = Clock::now() + retry_timeout_;
    entry.reason = reason;
    entry.status = cause == Status::AUTH ? Status::AUTH : Status::SERVER_DOWN;
  }

  // Dead: left alone until SetDead(server, false), whatever the retry timeout.
  // The client declares a server dead after repeated failures and brings it
  // back once a probe of its own got an answer.
  void SetDead(size_t server, bool dead, const std::string& reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = servers_[server];
    entry.dead = dead;
    if (dead) {
      entry.reason = reason;
    } else {
      entry.down_until = Clock::time_point{};
    }
  }

  // The client was closed by force: batches still running start no round,
  // connection or request more, and report CLOSED instead. Any thread.
  void Close() { closed_.store(true); }

  size_t size() const { return servers_.size(); }

  static constexpr const char* kClosedMessage = "the client was closed";

 private:
  struct Entry {
    Clock::time_point down_until{};
    bool dead = false;
    std::string reason;
    Status status = Status::SERVER_DOWN;
  };

  const std::chrono::milliseconds retry_timeout_;
  std::atomic<bool> closed_{false};
  std::mutex mutex_;
  std::vector<Entry> servers_;
};

}  // namespace mcnative
