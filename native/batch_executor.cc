#include "batch_executor.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace mcnative {

namespace {

constexpr uint32_t kNoNext = UINT32_MAX;
constexpr uint8_t kPending = UINT8_MAX;

bool Succeeded(memcached_return_t rc) {
  return rc == MEMCACHED_SUCCESS || rc == MEMCACHED_END || rc == MEMCACHED_NOTFOUND;
}

}  // namespace

BatchExecutor::BatchExecutor(Handle& handle, Pool& pool, const BatchColumns& columns,
                             BatchResult* result)
    : handle_(handle),
      memcached_(handle.memcached),
      pool_(pool),
      columns_(columns),
      result_(result),
      server_of_(columns.count),
      next_same_key_(columns.count, kNoNext) {
  memcached_result_create(memcached_, &hit_);
}

BatchExecutor::~BatchExecutor() { memcached_result_free(&hit_); }

void BatchExecutor::Run() {
  for (uint32_t i = 0; i < columns_.count; ++i) {
    columns_.status[i] = kPending;
    std::string_view key = columns_.Key(i);
    server_of_[i] = memcached_generate_hash(memcached_, key.data(), key.size());
  }
  answered_.assign(handle_.connections.size(), 0);
  for (uint32_t server = 0; server < handle_.connections.size(); ++server) {
    std::string reason;
    Status status;
    if (pool_.health().IsDown(server, &reason, &status)) {
      failed_servers_.push_back(FailedServer{server, status, "not sent: " + reason});
    }
  }

  for (uint32_t i = 0; i < columns_.count; ++i) {
    if (SkipIfServerFailed(i)) continue;
    std::string_view key = columns_.Key(i);
    if (IsRead(static_cast<Opcode>(columns_.opcodes[i]))) {
      // A read must see every earlier write of its key.
      if (pending_writes_.count(key) != 0) FlushWrites();
      QueueRead(i);
      continue;
    }
    // A write must not overtake an earlier read of its key, nor a write of it
    // that may take a second round trip.
    if (pending_reads_.count(key) != 0) FlushReads();
    auto earlier_write = pending_writes_.find(key);
    if (earlier_write != pending_writes_.end() && earlier_write->second) FlushWrites();
    QueueWrite(i);
  }
  FlushWrites();
  FlushReads();
  OpenConnectionsForTheEventLoop();

  for (uint32_t server = 0; server < answered_.size(); ++server) {
    if (answered_[server]) result_->answered_servers.push_back(server);
  }
}

void BatchExecutor::OpenConnectionsForTheEventLoop() {
  // Small batches run on the event loop only over connections already open
  // (loop_batch.h), and only writes open them: after reads from a server that
  // answered, open its connection here, where waiting is allowed, so a
  // read-only workload gets there too.
  for (uint32_t server = 0; server < answered_.size(); ++server) {
    Connection& connection = *handle_.connections[server];
    if (!answered_[server]) continue;
    if (connection.state() == Connection::State::kOpen && !connection.IsStale()) continue;
    // A server that fails here fails the next batch, and is reported there.
    Pipeline::Connect(connection, pool_.pipeline_settings());
  }
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
  mget_keys_.clear();
  mget_lengths_.clear();
  for (uint32_t head : pending_order_) {
    // Its server failed after this read was queued.
    if (SkipIfServerFailed(head)) {
      for (uint32_t i = next_same_key_[head]; i != kNoNext; i = next_same_key_[i]) {
        SkipIfServerFailed(i);
      }
      continue;
    }
    std::string_view key = columns_.Key(head);
    mget_keys_.push_back(key.data());
    mget_lengths_.push_back(key.size());
  }

  if (mget_keys_.empty()) {
    pending_reads_.clear();
    pending_order_.clear();
    return;
  }

  memcached_return_t mget_rc =
      memcached_mget(memcached_, mget_keys_.data(), mget_lengths_.data(), mget_keys_.size());
  // libmemcached's binary multi-get returns the connect failure of the last
  // server it could not reach even when it sent the other servers their keys:
  // their answers are fetched all the same.
  if (!Succeeded(mget_rc) && mget_rc != MEMCACHED_SOME_ERRORS &&
      memcached_behavior_get(memcached_, MEMCACHED_BEHAVIOR_BINARY_PROTOCOL) != 0 &&
      AnyServerFailed()) {
    mget_rc = MEMCACHED_SOME_ERRORS;
  }
  // The first failure of the fetch loop. An error line the server sent instead of
  // VALUE/END (SERVER_ERROR, ERROR, ...) shows up only here: libmemcached does not
  // record it as the handle's error.
  memcached_return_t fetch_error = MEMCACHED_SUCCESS;
  if (mget_rc == MEMCACHED_SUCCESS || mget_rc == MEMCACHED_SOME_ERRORS) {
    // memcached_fetch_result stops at the first server that fails; the other
    // servers' answers are still on their sockets, so keep fetching until every
    // server has been drained or has failed. Each failure closes its server, so
    // the bound is never the reason the loop ends in practice.
    uint32_t failures_left = memcached_server_count(memcached_) + 1;
    for (;;) {
      memcached_return_t fetch_rc;
      const memcached_result_st* hit = memcached_fetch_result(memcached_, &hit_, &fetch_rc);
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

bool BatchExecutor::AnyServerFailed() const {
  uint32_t count = memcached_server_count(memcached_);
  for (uint32_t position = 0; position < count; ++position) {
    const memcached_instance_st* server = memcached_server_instance_by_position(memcached_, position);
    if (memcached_server_error_return(server) != MEMCACHED_SUCCESS) return true;
  }
  return false;
}

void BatchExecutor::DeliverHit(const memcached_result_st* hit) {
  std::string_view key(memcached_result_key_value(hit), memcached_result_key_length(hit));
  auto entry = pending_reads_.find(key);
  // A key we did not ask for can only come from a confused server: ignore it
  // rather than hand its value to someone else.
  if (entry == pending_reads_.end() || columns_.status[entry->second] != kPending) return;

  const size_t length = memcached_result_length(hit);
  for (uint32_t i = entry->second; i != kNoNext; i = next_same_key_[i]) {
    // Every read gets a copy of its own, so JS may hand each a view of the
    // values without checking which share one: a key read twice in one batch
    // is rare, and a copy then is cheaper than that check on every hit.
    size_t offset = result_->values.size();
    // Offsets are 32-bit columns: a batch hands back at most 4 GiB of values.
    if (length > UINT32_MAX - offset ||
        !result_->values.Append(memcached_result_value(hit), length)) {
      for (uint32_t unserved = i; unserved != kNoNext; unserved = next_same_key_[unserved]) {
        RecordFault(unserved, Status::UNKNOWN,
                    "no memory left to hold a " + std::to_string(length) + "-byte value");
      }
      return;
    }
    answered_[ServerOf(i)] = 1;
    columns_.status[i] = static_cast<uint8_t>(Status::OK);
    columns_.result_flags[i] = memcached_result_flags(hit);
    columns_.result_numbers[i] = memcached_result_cas(hit);
    columns_.result_offsets[i] = static_cast<uint32_t>(offset);
    columns_.result_lengths[i] = static_cast<uint32_t>(length);
  }
}

void BatchExecutor::SettleUnansweredReads(memcached_return_t mget_rc,
                                          memcached_return_t fetch_error) {
  // libmemcached reports a read that failed before any hit as NOTFOUND, so the
  // handle's error for this query decides between "miss" and "fault".
  bool query_had_errors = !Succeeded(mget_rc) || fetch_error != MEMCACHED_SUCCESS ||
                          memcached_last_error(memcached_) != MEMCACHED_SUCCESS;
  for (uint32_t head : pending_order_) {
    if (columns_.status[head] != kPending) continue;
    if (!query_had_errors) {
      SettleChain(head, Status::NOT_FOUND);
      continue;
    }
    // Some server failed during this query: a key whose server carries an
    // error did not get a definitive answer, so it is a fault, not a miss.
    uint32_t position = ServerOf(head);
    const memcached_instance_st* server = memcached_server_instance_by_position(memcached_, position);
    memcached_return_t server_rc = memcached_server_error_return(server);
    Status status = Status::NOT_FOUND;
    const char* message = nullptr;
    if (server_rc != MEMCACHED_SUCCESS) {
      status = StatusFromReturn(server_rc);
      message = memcached_server_error(server);
      // A server keeps its last error until it fails again, so only an error
      // that is this query's latest certainly happened in this batch.
      if (strcmp(message, memcached_last_error_message(memcached_)) == 0) {
        NoteServerFailure(position, status, message);
      }
    } else if (!Succeeded(mget_rc) && mget_rc != MEMCACHED_SOME_ERRORS) {
      status = StatusFromReturn(mget_rc);
      message = memcached_last_error_message(memcached_);
    } else if (fetch_error != MEMCACHED_SUCCESS) {
      // The server sent an error line; which server is unknown, so every
      // unanswered key of this multi-get is reported rather than called a miss.
      status = StatusFromReturn(fetch_error);
      message = memcached_strerror(memcached_, fetch_error);
    }
    if (status == Status::NOT_FOUND) {
      SettleChain(head, status);
      continue;
    }
    if (!IsFault(status)) status = Status::PROTOCOL;
    for (uint32_t i = head; i != kNoNext; i = next_same_key_[i]) {
      RecordFault(i, status, message ? message : "");
    }
  }
}

// ---- writes ------------------------------------------------------------------

void BatchExecutor::QueueWrite(uint32_t index) {
  auto op = static_cast<Opcode>(columns_.opcodes[index]);
  bool may_need_second_trip =
      (op == Opcode::INCR || op == Opcode::DECR) && (columns_.modifiers[index] & kHasInitial);
  write_queue_.push_back(index);
  auto [entry, inserted] = pending_writes_.emplace(columns_.Key(index), may_need_second_trip);
  if (!inserted) entry->second = entry->second || may_need_second_trip;
}

Command BatchExecutor::CommandFor(uint32_t index) const {
  return CommandFromColumns(columns_, index, ServerOf(index));
}

void BatchExecutor::FlushWrites() {
  if (write_queue_.empty()) return;
  // Drop writes whose server failed after they were queued.
  write_queue_.erase(std::remove_if(write_queue_.begin(), write_queue_.end(),
                                    [this](uint32_t index) { return SkipIfServerFailed(index); }),
                     write_queue_.end());
  commands_.clear();
  for (uint32_t index : write_queue_) commands_.push_back(CommandFor(index));

  Pipeline pipeline(handle_.connections, pool_.health(), pool_.pipeline_settings());
  pipeline.Run(commands_, &outcomes_);

  std::vector<uint32_t> missing_counters;
  for (size_t i = 0; i < write_queue_.size(); ++i) {
    uint32_t index = write_queue_[i];
    if ((columns_.modifiers[index] & kHasInitial) && outcomes_[i].status == Status::NOT_FOUND) {
      missing_counters.push_back(index);
    } else {
      SettleWrite(index, outcomes_[i]);
    }
  }
  write_queue_.clear();
  pending_writes_.clear();
  if (!missing_counters.empty()) CreateCounters(pipeline, missing_counters);
}

void BatchExecutor::CreateCounters(Pipeline& pipeline,
                                   const std::vector<uint32_t>& missing) {
  // The ASCII protocol has no incr-with-initial.
  std::vector<std::string> initial_values;
  initial_values.reserve(missing.size());
  commands_.clear();
  for (uint32_t index : missing) {
    initial_values.push_back(std::to_string(columns_.initials[index]));
    Command add = CommandFor(index);
    add.op = Opcode::ADD;
    add.no_reply = false;
    add.value = initial_values.back();
    commands_.push_back(add);
  }
  pipeline.Run(commands_, &outcomes_);

  std::vector<uint32_t> created_elsewhere;
  for (size_t i = 0; i < missing.size(); ++i) {
    uint32_t index = missing[i];
    if (outcomes_[i].status == Status::OK) {
      columns_.result_numbers[index] = columns_.initials[index];
      columns_.status[index] = static_cast<uint8_t>(Status::OK);
      answered_[ServerOf(index)] = 1;
    } else if (outcomes_[i].status == Status::NOT_STORED) {
      created_elsewhere.push_back(index);
    } else {
      SettleWrite(index, outcomes_[i]);
    }
  }
  if (created_elsewhere.empty()) return;

  // Another client created the counter first: count on theirs.
  commands_.clear();
  for (uint32_t index : created_elsewhere) commands_.push_back(CommandFor(index));
  pipeline.Run(commands_, &outcomes_);
  for (size_t i = 0; i < created_elsewhere.size(); ++i) {
    SettleWrite(created_elsewhere[i], outcomes_[i]);
  }
}

void BatchExecutor::SettleWrite(uint32_t index, const Outcome& outcome) {
  columns_.result_numbers[index] = outcome.number;
  if (!IsFault(outcome.status)) {
    columns_.status[index] = static_cast<uint8_t>(outcome.status);
    answered_[ServerOf(index)] = 1;
    return;
  }
  RecordFault(index, outcome.status, outcome.message);
  NoteServerFailure(ServerOf(index), outcome.status, outcome.message);
}

// ---- bookkeeping -------------------------------------------------------------

void BatchExecutor::SettleChain(uint32_t head, Status status) {
  answered_[ServerOf(head)] = 1;
  for (uint32_t i = head; i != kNoNext; i = next_same_key_[i]) {
    columns_.status[i] = static_cast<uint8_t>(status);
  }
}

void BatchExecutor::RecordFault(uint32_t index, Status status, const std::string& message) {
  columns_.status[index] = static_cast<uint8_t>(status);
  result_->faults.push_back(Fault{index, handle_.connections[ServerOf(index)]->name(), message});
}

void BatchExecutor::NoteServerFailure(uint32_t server, Status status, const std::string& message) {
  // A server that refused the credentials is left alone like an unreachable one:
  // every call would be refused the same way.
  bool unusable = status == Status::TIMEOUT || status == Status::CONNECTION ||
                  status == Status::SERVER_DOWN || status == Status::AUTH;
  if (!unusable) return;
  for (const FailedServer& failed : failed_servers_) {
    if (failed.server == server) return;
  }
  failed_servers_.push_back(FailedServer{
      server, status, "not sent: the server failed earlier in the same batch (" + message + ")"});
  // libmemcached reports a reconnect that failed inside its own retry window as
  // SERVER_DOWN: that too restarts the window shared by every handle.
  if (status == Status::CONNECTION || status == Status::SERVER_DOWN || status == Status::AUTH) {
    pool_.health().MarkDown(server, message, status);
  }
}

bool BatchExecutor::SkipIfServerFailed(uint32_t index) {
  for (const FailedServer& failed : failed_servers_) {
    if (failed.server != ServerOf(index)) continue;
    RecordFault(index, failed.status, failed.message);
    return true;
  }
  return false;
}

}  // namespace mcnative
