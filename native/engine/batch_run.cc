#include "batch_run.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <unordered_set>

namespace mcnative {

namespace {

Command CommandFromColumns(const BatchColumns& columns, uint32_t index, uint32_t server) {
  return Command{server,
                 static_cast<Opcode>(columns.opcodes[index]),
                 (columns.modifiers[index] & kNoReply) != 0,
                 columns.Key(index),
                 columns.Value(index),
                 columns.flags[index],
                 columns.ttls[index],
                 columns.numbers[index]};
}

int MillisecondsUntil(Pipeline::Clock::time_point deadline) {
  auto now = Pipeline::Clock::now();
  if (deadline <= now) return 0;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<int64_t>(left, INT32_MAX));
}

// Faults that say the server itself is unusable for now.
bool IsServerFailure(Status status) {
  return status == Status::TIMEOUT || status == Status::CONNECTION ||
         status == Status::SERVER_DOWN || status == Status::AUTH;
}

}  // namespace

std::vector<Command> BatchRun::Place(const Placement& placement, const BatchColumns& columns) {
  std::vector<Command> commands;
  commands.reserve(columns.count);
  for (uint32_t i = 0; i < columns.count; ++i) {
    commands.push_back(CommandFromColumns(columns, i, placement.ServerOf(columns.Key(i))));
  }
  return commands;
}

BatchRun::BatchRun(Pool& pool, ConnectionSet& set, const BatchColumns& columns,
                   std::vector<Command> placed, ValueBuffer* values, bool connect_allowed)
    : set_(set),
      columns_(&columns),
      values_(values),
      connect_allowed_(connect_allowed),
      interrupt_fd_(pool.interrupt_fd()),
      pipeline_(set.connections, pool.health(), pool.pipeline_settings()),
      operations_(std::move(placed)) {
  for (uint32_t i = 0; i < operations_.size() && single_round_; ++i) {
    if (HasInitial(i)) single_round_ = false;
  }
}

BatchRun::BatchRun(Pool& pool, ConnectionSet& set, std::vector<Command> commands,
                   ValueBuffer* values, bool connect_allowed)
    : set_(set),
      columns_(nullptr),
      values_(values),
      connect_allowed_(connect_allowed),
      interrupt_fd_(pool.interrupt_fd()),
      pipeline_(set.connections, pool.health(), pool.pipeline_settings()),
      operations_(std::move(commands)) {}

bool BatchRun::HasInitial(uint32_t index) const {
  return columns_ != nullptr && (columns_->modifiers[index] & kHasInitial) != 0;
}

void BatchRun::Start() {
  written_.assign(set_.connections.size(), 0);
  if (single_round_) {
    // The common case: every operation in one round, outcomes by operation,
    // sent as they are (no copy into a round of their own).
    stage_ = Stage::kOperations;
    ++round_;
    pipeline_.Start(operations_, &round_outcomes_, values_, connect_allowed_);
    next_operation_ = operations_.size();
    if (pipeline_.Done()) FinishRound();
    return;
  }
  results_.assign(operations_.size(), Outcome{});
  StartNextRound();
}

void BatchRun::StartRound(Stage stage) {
  stage_ = stage;
  ++round_;
  pipeline_.Start(round_commands_, &round_outcomes_, values_, connect_allowed_);
}

void BatchRun::StartNextRound() {
  while (!done_) {
    if (!TakeOperations()) {
      done_ = true;
      return;
    }
    if (round_commands_.empty()) continue;  // every one skipped
    StartRound(Stage::kOperations);
    if (!pipeline_.Done()) return;
    FinishRound();
    return;
  }
}

bool BatchRun::TakeOperations() {
  if (next_operation_ == operations_.size()) return false;
  round_commands_.clear();
  round_operations_.clear();
  // A counter that may need more round trips ends the round before the next
  // operation on its key.
  std::unordered_set<std::string_view> may_need_more_trips;
  while (next_operation_ < operations_.size()) {
    uint32_t index = static_cast<uint32_t>(next_operation_);
    const Command& operation = operations_[index];
    if (may_need_more_trips.count(operation.key) != 0) break;
    ++next_operation_;
    if (SkipIfServerFailed(index)) continue;
    if (HasInitial(index)) may_need_more_trips.insert(operation.key);
    round_commands_.push_back(operation);
    round_operations_.push_back(index);
  }
  return true;
}

void BatchRun::OnReady(uint32_t channel, short events) {
  if (done_) return;
  pipeline_.OnReady(channel, events);
  if (pipeline_.Done()) FinishRound();
}

void BatchRun::OnClock() {
  if (done_) return;
  pipeline_.OnClock();
  if (pipeline_.Done()) FinishRound();
}

void BatchRun::FinishRound() {
  if (single_round_) {
    // No later round to spare a failed server.
    results_ = std::move(round_outcomes_);
    done_ = true;
    return;
  }
  std::vector<uint32_t> next;
  for (size_t i = 0; i < round_commands_.size(); ++i) {
    uint32_t index = round_operations_[i];
    Outcome& outcome = round_outcomes_[i];
    NoteServerFailure(outcome, operations_[index].server);
    switch (stage_) {
      case Stage::kOperations:
        if (HasInitial(index) && outcome.status == Status::NOT_FOUND) {
          next.push_back(index);
          continue;
        }
        break;
      case Stage::kCreateCounters:
        if (outcome.status == Status::OK) {
          outcome.number = columns_->initials[index];
        } else if (outcome.status == Status::NOT_STORED) {
          next.push_back(index);  // another client created it first: count on theirs
          continue;
        }
        break;
      case Stage::kCountAgain: break;
    }
    results_[index] = std::move(outcome);
  }

  round_commands_.clear();
  round_operations_.clear();
  if (!next.empty() && stage_ != Stage::kCountAgain) {
    Stage stage = stage_ == Stage::kOperations ? Stage::kCreateCounters : Stage::kCountAgain;
    initial_texts_.clear();
    initial_texts_.reserve(next.size());
    for (uint32_t index : next) {
      if (SkipIfServerFailed(index)) continue;
      Command command = operations_[index];
      if (stage == Stage::kCreateCounters) {
        // The ASCII protocol has no incr-with-initial, so both protocols add.
        initial_texts_.push_back(std::to_string(columns_->initials[index]));
        command.op = Opcode::ADD;
        command.value = initial_texts_.back();
      }
      round_commands_.push_back(command);
      round_operations_.push_back(index);
    }
    if (!round_commands_.empty()) {
      StartRound(stage);
      if (pipeline_.Done()) FinishRound();
      return;
    }
  }
  StartNextRound();
}

void BatchRun::NoteServerFailure(const Outcome& outcome, uint32_t server) {
  if (!IsFault(outcome.status) || outcome.skipped || !IsServerFailure(outcome.status)) return;
  for (const FailedServer& failed : failed_servers_) {
    if (failed.server == server) return;
  }
  failed_servers_.push_back(FailedServer{
      server, outcome.status, "the server failed earlier in the same batch: " + outcome.message,
      outcome.system_code});
}

bool BatchRun::SkipIfServerFailed(uint32_t index) {
  for (const FailedServer& failed : failed_servers_) {
    if (failed.server != operations_[index].server) continue;
    Outcome& outcome = results_[index];
    outcome.status = failed.status;
    outcome.message = failed.message;
    outcome.system_code = failed.system_code;
    outcome.skipped = true;
    return true;
  }
  return false;
}

void BatchRun::Interrupt() {
  if (done_) return;
  // The rounds after this one start nothing: the pool's servers are closed
  // (ServerHealth::Close).
  pipeline_.FailAll(Status::CLOSED, ServerHealth::kClosedMessage);
  FinishRound();
}

void BatchRun::RunToEnd() {
  Start();
  std::vector<Pipeline::Wait> waits;
  std::vector<pollfd> fds;
  while (!done_) {
    Pipeline::Clock::time_point deadline;
    Waits(&waits, &deadline);
    fds.clear();
    for (const Pipeline::Wait& wait : waits) fds.push_back(pollfd{wait.fd, wait.events, 0});
    // Last, after the sockets: waits[i] stays the wait of fds[i].
    fds.push_back(pollfd{interrupt_fd_, POLLIN, 0});
    int ready = poll(fds.data(), fds.size(), MillisecondsUntil(deadline));
    if (ready < 0 && errno != EINTR) {
      pipeline_.FailAll(Status::UNKNOWN, std::string("poll failed: ") + strerror(errno));
      FinishRound();
      continue;
    }
    if (ready > 0 && fds.back().revents != 0) {
      Interrupt();
      continue;
    }
    uint32_t round = round_;
    for (size_t i = 0; ready > 0 && i < fds.size() && round == round_; ++i) {
      if (fds[i].revents != 0) OnReady(waits[i].channel, fds[i].revents);
    }
    if (!done_) OnClock();
  }
}

void BatchRun::WriteResults(const std::vector<uint8_t>* servers, BatchColumns& columns,
                            BatchResult* result, char* copy_values_to) {
  size_t copied = 0;
  answered_.assign(set_.connections.size(), 0);
  for (uint32_t i = 0; i < operations_.size(); ++i) {
    uint32_t server = operations_[i].server;
    if ((servers != nullptr && !(*servers)[server]) || written_[server]) continue;
    const Outcome& outcome = OutcomeOf(i);
    columns.status[i] = static_cast<uint8_t>(outcome.status);
    columns.result_numbers[i] = outcome.number;
    if (IsFault(outcome.status)) {
      result->faults.push_back(Fault{i, set_.connections[server]->name(), outcome.message,
                                     outcome.system_code, outcome.skipped});
      continue;
    }
    answered_[server] = 1;
    if (IsRead(operations_[i].op) && outcome.status == Status::OK) {
      uint32_t offset = outcome.value_offset;
      if (copy_values_to != nullptr) {
        offset = static_cast<uint32_t>(copied);
        if (outcome.value_length > 0) {
          std::memcpy(copy_values_to + copied, values_->At(outcome.value_offset),
                      outcome.value_length);
        }
        copied += outcome.value_length;
      }
      columns.result_flags[i] = outcome.flags;
      columns.result_offsets[i] = offset;
      columns.result_lengths[i] = outcome.value_length;
    }
  }
  for (uint32_t server = 0; server < answered_.size(); ++server) {
    if (servers == nullptr || (*servers)[server]) written_[server] = 1;
    if (answered_[server]) result->answered_servers.push_back(server);
  }
}

}  // namespace mcnative
