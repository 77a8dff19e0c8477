#include "batch_executor.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

namespace mcnative {

namespace {

constexpr uint32_t kNoNext = UINT32_MAX;
constexpr uint8_t kPending = UINT8_MAX;

bool IsRead(Opcode op) { return op == Opcode::GET || op == Opcode::GETS; }

bool Succeeded(memcached_return_t rc) {
  return rc == MEMCACHED_SUCCESS || rc == MEMCACHED_END || rc == MEMCACHED_NOTFOUND;
}

}  // namespace

BatchExecutor::BatchExecutor(memcached_st* handle, const BatchColumns& columns,
                             BatchResult* result)
    : handle_(handle),
      columns_(columns),
      result_(result),
      next_same_key_(columns.count, kNoNext) {
  memcached_result_create(handle_, &hit_);
}

BatchExecutor::~BatchExecutor() {
  memcached_result_free(&hit_);
  // The handle goes back to the pool: leave it as every other batch expects it.
  SetNoReply(false);
}

void BatchExecutor::Run() {
  for (uint32_t i = 0; i < columns_.count; ++i) columns_.status[i] = kPending;

  for (uint32_t i = 0; i < columns_.count; ++i) {
    auto op = static_cast<Opcode>(columns_.opcodes[i]);
    if (SkipIfServerFailed(i)) continue;
    if (IsRead(op)) {
      QueueRead(i);
      continue;
    }
    // A write must not overtake an earlier read of the same key.
    if (pending_reads_.count(columns_.Key(i)) != 0) FlushReads();
    switch (op) {
      case Opcode::SET:
      case Opcode::ADD:
      case Opcode::REPLACE:
      case Opcode::APPEND:
      case Opcode::PREPEND:
      case Opcode::CAS:
        RunStorage(i, op);
        break;
      case Opcode::DELETE:
        RunDelete(i);
        break;
      case Opcode::TOUCH:
        RunTouch(i);
        break;
      case Opcode::INCR:
      case Opcode::DECR:
        RunCounter(i, op);
        break;
      default:
        RecordFault(i, Status::UNKNOWN, nullptr, "unknown operation code");
        break;
    }
  }
  FlushReads();
}

// ---- reads -------------------------------------------------------------------

void BatchExecutor::QueueRead(uint32_t index) {
  auto [entry, inserted] = pending_reads_.emplace(columns_.Key(index), index);
  if (inserted) {
    pending_order_.push_back(index);
    return;
  }
  // Same key twice in one multi-get: ask once, answer both.
  uint32_t tail = entry->second;
  while (next_same_key_[tail] != kNoNext) tail = next_same_key_[tail];
  next_same_key_[tail] = index;
}

void BatchExecutor::FlushReads() {
  if (pending_order_.empty()) return;
  SetNoReply(false);

  mget_keys_.clear();
  mget_lengths_.clear();
  for (uint32_t head : pending_order_) {
    std::string_view key = columns_.Key(head);
    mget_keys_.push_back(key.data());
    mget_lengths_.push_back(key.size());
  }

  memcached_return_t mget_rc =
      memcached_mget(handle_, mget_keys_.data(), mget_lengths_.data(), mget_keys_.size());
  // The first failure of the fetch loop. An error line the server sent instead of
  // VALUE/END (SERVER_ERROR, ERROR, ...) shows up only here: libmemcached does not
  // record it as the handle's error.
  memcached_return_t fetch_error = MEMCACHED_SUCCESS;
  if (mget_rc == MEMCACHED_SUCCESS || mget_rc == MEMCACHED_SOME_ERRORS) {
    // memcached_fetch_result stops at the first server that fails; the other
    // servers' answers are still on their sockets, so keep fetching until every
    // server has been drained or has failed. Each failure closes its server, so
    // the bound is never the reason the loop ends in practice.
    uint32_t failures_left = memcached_server_count(handle_) + 1;
    for (;;) {
      memcached_return_t fetch_rc;
      const memcached_result_st* hit = memcached_fetch_result(handle_, &hit_, &fetch_rc);
      if (hit != nullptr) {
        DeliverHit(hit);
        continue;
      }
      if (fetch_rc == MEMCACHED_END || fetch_rc == MEMCACHED_NOTFOUND) break;
      if (fetch_error == MEMCACHED_SUCCESS) fetch_error = fetch_rc;
      if (failures_left-- == 0) break;
    }
  }
  SettleUnansweredReads(mget_rc, fetch_error);

  pending_reads_.clear();
  pending_order_.clear();
}

void BatchExecutor::DeliverHit(const memcached_result_st* hit) {
  std::string_view key(memcached_result_key_value(hit), memcached_result_key_length(hit));
  auto entry = pending_reads_.find(key);
  // A key we did not ask for can only come from a confused server: ignore it
  // rather than hand its value to someone else.
  if (entry == pending_reads_.end() || columns_.status[entry->second] != kPending) return;

  auto offset = static_cast<uint32_t>(result_->values.size());
  auto length = static_cast<uint32_t>(memcached_result_length(hit));
  const char* value = memcached_result_value(hit);
  result_->values.insert(result_->values.end(), value, value + length);

  for (uint32_t i = entry->second; i != kNoNext; i = next_same_key_[i]) {
    columns_.status[i] = static_cast<uint8_t>(Status::OK);
    columns_.result_flags[i] = memcached_result_flags(hit);
    columns_.result_numbers[i] = memcached_result_cas(hit);
    columns_.result_offsets[i] = offset;
    columns_.result_lengths[i] = length;
  }
}

void BatchExecutor::SettleUnansweredReads(memcached_return_t mget_rc,
                                          memcached_return_t fetch_error) {
  // libmemcached reports a read that failed before any hit as NOTFOUND, so the
  // handle's error for this query decides between "miss" and "fault".
  bool query_had_errors = !Succeeded(mget_rc) || fetch_error != MEMCACHED_SUCCESS ||
                          memcached_last_error(handle_) != MEMCACHED_SUCCESS;
  for (uint32_t head : pending_order_) {
    if (columns_.status[head] != kPending) continue;
    if (!query_had_errors) {
      SettleChain(head, Status::NOT_FOUND);
      continue;
    }
    // Some server failed during this query: a key whose server carries an
    // error did not get a definitive answer, so it is a fault, not a miss.
    const memcached_instance_st* server = ServerOf(columns_.Key(head));
    memcached_return_t server_rc = memcached_server_error_return(server);
    Status status = Status::NOT_FOUND;
    const char* message = nullptr;
    if (server_rc != MEMCACHED_SUCCESS) {
      status = StatusFromReturn(server_rc);
      message = memcached_server_error(server);
      // A server keeps its last error until it fails again, so only an error
      // that is this query's latest certainly happened in this batch.
      if (strcmp(message, memcached_last_error_message(handle_)) == 0) {
        NoteServerFailure(server, status, message);
      }
    } else if (!Succeeded(mget_rc) && mget_rc != MEMCACHED_SOME_ERRORS) {
      status = StatusFromReturn(mget_rc);
      message = memcached_last_error_message(handle_);
    } else if (fetch_error != MEMCACHED_SUCCESS) {
      // The server sent an error line; which server is unknown, so every
      // unanswered key of this multi-get is reported rather than called a miss.
      status = StatusFromReturn(fetch_error);
      message = memcached_strerror(handle_, fetch_error);
    }
    if (status == Status::NOT_FOUND) {
      SettleChain(head, status);
      continue;
    }
    if (!IsFault(status)) status = Status::PROTOCOL;
    for (uint32_t i = head; i != kNoNext; i = next_same_key_[i]) {
      RecordFault(i, status, server, message);
    }
  }
}

// ---- writes ------------------------------------------------------------------

void BatchExecutor::RunStorage(uint32_t index, Opcode op) {
  std::string_view key = columns_.Key(index);
  std::string_view value = columns_.Value(index);
  time_t ttl = columns_.ttls[index];
  uint32_t flags = columns_.flags[index];
  SetNoReply(columns_.modifiers[index] & kNoReply);

  memcached_return_t rc;
  switch (op) {
    case Opcode::SET:
      rc = memcached_set(handle_, key.data(), key.size(), value.data(), value.size(), ttl, flags);
      break;
    case Opcode::ADD:
      rc = memcached_add(handle_, key.data(), key.size(), value.data(), value.size(), ttl, flags);
      break;
    case Opcode::REPLACE:
      rc = memcached_replace(handle_, key.data(), key.size(), value.data(), value.size(), ttl,
                             flags);
      break;
    case Opcode::APPEND:
      rc = memcached_append(handle_, key.data(), key.size(), value.data(), value.size(), ttl,
                            flags);
      break;
    case Opcode::PREPEND:
      rc = memcached_prepend(handle_, key.data(), key.size(), value.data(), value.size(), ttl,
                             flags);
      break;
    default:  // CAS
      rc = memcached_cas(handle_, key.data(), key.size(), value.data(), value.size(), ttl, flags,
                         columns_.numbers[index]);
      break;
  }
  Settle(index, rc);
}

void BatchExecutor::RunDelete(uint32_t index) {
  std::string_view key = columns_.Key(index);
  SetNoReply(columns_.modifiers[index] & kNoReply);
  Settle(index, memcached_delete(handle_, key.data(), key.size(), 0));
}

void BatchExecutor::RunTouch(uint32_t index) {
  std::string_view key = columns_.Key(index);
  SetNoReply(columns_.modifiers[index] & kNoReply);
  Settle(index, memcached_touch(handle_, key.data(), key.size(), columns_.ttls[index]));
}

void BatchExecutor::RunCounter(uint32_t index, Opcode op) {
  std::string_view key = columns_.Key(index);
  uint64_t delta = columns_.numbers[index];
  uint64_t value = 0;
  SetNoReply(columns_.modifiers[index] & kNoReply);

  memcached_return_t rc = Count(op, key, delta, &value);
  if (rc == MEMCACHED_NOTFOUND && (columns_.modifiers[index] & kHasInitial)) {
    // The ASCII protocol has no incr-with-initial: create the counter with add,
    // and if another client created it first, count on theirs.
    uint64_t initial = columns_.initials[index];
    char digits[24];
    int length = snprintf(digits, sizeof(digits), "%" PRIu64, initial);
    memcached_return_t add_rc = memcached_add(handle_, key.data(), key.size(), digits,
                                              static_cast<size_t>(length), columns_.ttls[index],
                                              columns_.flags[index]);
    if (add_rc == MEMCACHED_SUCCESS) {
      value = initial;
      rc = MEMCACHED_SUCCESS;
    } else if (add_rc == MEMCACHED_NOTSTORED) {
      rc = Count(op, key, delta, &value);
    } else {
      rc = add_rc;
    }
  }
  columns_.result_numbers[index] = value;
  Settle(index, rc);
}

memcached_return_t BatchExecutor::Count(Opcode op, std::string_view key, uint64_t delta,
                                        uint64_t* value) {
  return op == Opcode::INCR
             ? memcached_increment_by_key(handle_, nullptr, 0, key.data(), key.size(), delta,
                                          value)
             : memcached_decrement_by_key(handle_, nullptr, 0, key.data(), key.size(), delta,
                                          value);
}

// ---- bookkeeping -------------------------------------------------------------

void BatchExecutor::SetNoReply(bool on) {
  if (on == no_reply_) return;
  memcached_behavior_set(handle_, MEMCACHED_BEHAVIOR_NOREPLY, on ? 1 : 0);
  no_reply_ = on;
}

void BatchExecutor::Settle(uint32_t index, memcached_return_t rc) {
  Status status = StatusFromReturn(rc);
  if (!IsFault(status)) {
    columns_.status[index] = static_cast<uint8_t>(status);
    return;
  }
  // Read the message before anything else runs a query on this handle.
  std::string message = memcached_last_error_message(handle_);
  if (memcached_last_error(handle_) == MEMCACHED_SUCCESS) message = memcached_strerror(handle_, rc);
  const memcached_instance_st* server = ServerOf(columns_.Key(index));
  RecordFault(index, status, server, message.c_str());
  NoteServerFailure(server, status, message);
}

void BatchExecutor::SettleChain(uint32_t head, Status status) {
  for (uint32_t i = head; i != kNoNext; i = next_same_key_[i]) {
    columns_.status[i] = static_cast<uint8_t>(status);
  }
}

void BatchExecutor::RecordFault(uint32_t index, Status status,
                                const memcached_instance_st* server, const char* message) {
  columns_.status[index] = static_cast<uint8_t>(status);
  result_->faults.push_back(Fault{index, ServerName(server), message ? message : ""});
}

void BatchExecutor::NoteServerFailure(const memcached_instance_st* server, Status status,
                                      const std::string& message) {
  bool unreachable =
      status == Status::TIMEOUT || status == Status::CONNECTION || status == Status::SERVER_DOWN;
  if (!unreachable || server == nullptr) return;
  for (const FailedServer& failed : failed_servers_) {
    if (failed.server == server) return;
  }
  failed_servers_.push_back(FailedServer{server, status, message});
}

bool BatchExecutor::SkipIfServerFailed(uint32_t index) {
  if (failed_servers_.empty()) return false;
  const memcached_instance_st* server = ServerOf(columns_.Key(index));
  for (const FailedServer& failed : failed_servers_) {
    if (failed.server != server) continue;
    columns_.status[index] = static_cast<uint8_t>(failed.status);
    result_->faults.push_back(
        Fault{index, ServerName(server), "not sent: the server failed earlier in the same batch (" +
                                             failed.message + ")"});
    return true;
  }
  return false;
}

const memcached_instance_st* BatchExecutor::ServerOf(std::string_view key) {
  memcached_return_t ignored;
  return memcached_server_by_key(handle_, key.data(), key.size(), &ignored);
}

}  // namespace mcnative
