// One batch from start to end, whichever driver waits for it: which server
// each operation goes to, the rounds of pipelining it takes, and every
// operation's outcome. Pure C++: no N-API, no libuv.
//
// Most batches are one round: every operation is sent at once, in issue
// order per server, so each key sees its operations in the order they were
// issued. incr and decr with `initial` may need two more round trips when the
// counter is missing (add it, and where another client added it first, count
// again); a later operation on the same key waits for them, so the batch is
// cut there into rounds, each one pipeline.
//
// The two drivers differ only in how they wait: ThreadBatch in poll() on a
// libuv thread (RunToEnd), LoopBatch in uv_poll watchers on the event loop.
// Both call Start, then OnReady and OnClock as Waits() asks, until Done().
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "batch.h"
#include "pipeline.h"
#include "pool.h"
#include "wire_format.h"

namespace mcnative {

class BatchRun {
 public:
  // The operations of `columns` as commands, each addressed to the server
  // the placement names: the hashing of every key.
  static std::vector<Command> Place(const Placement& placement, const BatchColumns& columns);

  // The operations of `columns`, each sent to the server the placement
  // named: `placed` is what Place made of `columns`.
  BatchRun(Pool& pool, ConnectionSet& set, const BatchColumns& columns, std::vector<Command> placed,
           ValueBuffer* values, bool connect_allowed);
  // Commands addressed to servers by the caller (the server-wide ones).
  BatchRun(Pool& pool, ConnectionSet& set, std::vector<Command> commands, ValueBuffer* values,
           bool connect_allowed);

  BatchRun(const BatchRun&) = delete;
  BatchRun& operator=(const BatchRun&) = delete;

  // The reply deadline in ms of every round, instead of the pool's: the
  // longest per-call timeout among the batch's operations. Before Start.
  void set_reply_ms(int reply_ms) { pipeline_.set_reply_ms(reply_ms); }
  // Sends the first round; the batch may be done at once (every server down).
  void Start();
  bool Done() const { return done_; }
  // Which sockets to wait for, and until when. Channel numbers are only good
  // for the round they were given in: see round().
  void Waits(std::vector<Pipeline::Wait>* waits, Pipeline::Clock::time_point* deadline) const {
    pipeline_.Waits(waits, deadline);
  }
  void OnReady(uint32_t channel, short events);
  void OnClock();
  // Counts the rounds started, so a driver knows when the channels changed.
  uint32_t round() const { return round_; }
  // Whether the batch is (and stays) one round: a server that has answered
  // everything in it is done with the batch.
  bool single_round() const { return single_round_; }

  // Fails what is left with CLOSED, closing the connections still in use
  // (their streams may be half read): the pool was interrupted by a close by
  // force. Done() afterwards.
  void Interrupt();

  // Blocks in poll() until the batch is done: libuv worker threads only.
  // Returns at once, the operations left failing with CLOSED, when the pool
  // is interrupted (Pool::Interrupt).
  void RunToEnd();

  // Called with a server's position before its connection is closed: an
  // event loop must stop watching the socket first.
  void set_before_close(std::function<void(uint32_t server)> hook) {
    pipeline_.set_before_close(std::move(hook));
  }

  size_t count() const { return operations_.size(); }
  uint32_t ServerOf(uint32_t index) const { return operations_[index].server; }
  // The outcome of operation `index`: final once Done(), or, in a single-round
  // batch, once its server has answered everything.
  const Outcome& OutcomeOf(uint32_t index) const {
    return done_ ? results_[index] : round_outcomes_[index];
  }

  // Writes into `columns` and `result` the outcomes of the operations whose
  // servers are marked in `servers` (every server when null) and that were
  // not written yet. With `copy_values_to`, hit values are copied there one
  // after another (the value sink may still grow); without, their offsets
  // point into the value sink.
  void WriteResults(const std::vector<uint8_t>* servers, BatchColumns& columns, BatchResult* result,
                    char* copy_values_to);

 private:
  enum class Stage { kOperations, kCreateCounters, kCountAgain };

  // Starts rounds until one has something to send, or the batch is done.
  void StartNextRound();
  // Builds the next slice of operations into the round; false when none is left.
  bool TakeOperations();
  void StartRound(Stage stage);
  void FinishRound();
  // A server that could not be reached, timed out or refused the login is
  // not sent anything more in this batch.
  void NoteServerFailure(const Outcome& outcome, uint32_t server);
  bool SkipIfServerFailed(uint32_t index);
  bool HasInitial(uint32_t index) const;

  ConnectionSet& set_;
  const BatchColumns* const columns_;  // null for server-wide commands
  ValueBuffer* const values_;
  const bool connect_allowed_;
  const int interrupt_fd_;  // the pool's: see RunToEnd
  Pipeline pipeline_;

  std::vector<Command> operations_;
  std::vector<Outcome> results_;  // by operation, once its round is over
  bool single_round_ = true;
  size_t next_operation_ = 0;
  uint32_t round_ = 0;
  bool done_ = false;

  Stage stage_ = Stage::kOperations;
  std::vector<Command> round_commands_;
  std::vector<uint32_t> round_operations_;  // the operation of each command of the round
  std::vector<Outcome> round_outcomes_;
  std::vector<uint32_t> missing_counters_;
  std::vector<std::string> initial_texts_;  // the values of the round's adds

  struct FailedServer {
    uint32_t server;
    Status status;
    std::string message;
    const char* system_code;
  };
  std::vector<FailedServer> failed_servers_;
  std::vector<uint8_t> written_;   // by server: its outcomes went to the columns
  std::vector<uint8_t> answered_;  // WriteResults' scratch
};

}  // namespace mcnative
