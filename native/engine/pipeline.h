// The pipeline of one round of a batch: sends its commands on the
// connections of a connection set, all servers at once, in ASCII or binary
// (wire_format.h), and matches each reply to its command. Every command goes
// this way: reads (a multi-key `gets` line, or GETKQs and a NOOP), writes,
// counters and the server-wide commands (stats, version, flush_all). A batch
// is one or more rounds (batch_run.h); libmemcached only says which server
// each key belongs to.
//
// The pipeline never blocks on its own: a driver waits for what Waits()
// names and reports back with OnReady and OnClock until Done(). The thread
// driver waits in poll() on a libuv thread (thread_driver.h), the loop driver
// in uv_poll watchers on the event loop (loop_driver.h). Every connection is
// written and read together, so a pipeline larger than the socket buffers
// cannot deadlock. A connection whose stream may be out of step (a reply no
// command explains, an error after a data block, a timeout) is closed and
// every command still waiting on it becomes a fault.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "asked_keys.h"
#include "batch.h"
#include "connection.h"
#include "opcodes_statuses.h"
#include "server_health.h"
#include "wire_format.h"

namespace mcnative {

struct Outcome {
  Status status = Status::kCount;  // kCount until settled
  uint64_t number = 0;             // INCR/DECR: the new value; a read's hit: the CAS token
  uint32_t flags = 0;              // a read's hit
  uint32_t value_offset = 0;       // a read's hit: its value's reference (ValueBuffer::At)
  uint32_t value_length = 0;
  std::string message;  // error replies and faults
  // Faults: the system's name for the error behind it (ECONNREFUSED,
  // ENOTFOUND, ETIMEDOUT, ...), or nullptr; a static string.
  const char* system_code = nullptr;
  // Faults: the command was never sent (its server was down, or had already
  // failed in this batch), so it says nothing new about the server.
  bool skipped = false;
  // A server-wide command's answer: when it was complete (for ping latency).
  std::chrono::steady_clock::time_point answered_at{};
};

struct PipelineSettings {
  int connect_ms;
  // The longest a command waits for its whole answer once the last request
  // to its server went out: a deadline, not an idle timer, so a server that
  // drips its answer still fails in time.
  int reply_ms;
  bool binary;  // the binary protocol instead of ASCII
  // SASL PLAIN credentials ("\0user\0password"), sent first on every new
  // connection; empty for none. Binary protocol only.
  std::string sasl_plain;
};

class Pipeline {
 public:
  using Clock = std::chrono::steady_clock;

  // What the event loop must wait for on behalf of one channel.
  struct Wait {
    uint32_t channel;
    uint32_t server;  // the channel's position in the connection list
    int fd;
    short events;  // POLLIN, POLLOUT
  };

  Pipeline(std::vector<std::unique_ptr<Connection>>& connections, ServerHealth& health,
           const PipelineSettings& settings);
  ~Pipeline();

  // Runs `commands`, in order per server, and fills outcomes[i] for
  // commands[i]: Start sends what the sockets take, then the driver waits for
  // Waits() (or the deadline) and reports back with OnReady and OnClock until
  // Done(). `commands`, `outcomes` and `values` (where hit values and
  // server-wide answers go) must outlive it. Without `connect_allowed`, the
  // connections must be open already: a closed one faults its commands
  // instead of connecting (no host name lookup on the event loop).
  void Start(const std::vector<Command>& commands, std::vector<Outcome>* outcomes,
             ValueBuffer* values, bool connect_allowed);
  bool Done() const;
  // Fails every channel still waiting (the driver cannot wait any more).
  void FailAll(Status status, const std::string& message);

  void Waits(std::vector<Wait>* waits, Clock::time_point* deadline) const;
  void OnReady(uint32_t channel, short events);
  // Faults every channel whose deadline has passed, after reading what has
  // arrived: a driver that woke late (a busy event loop) must not call a
  // timeout what is waiting in the socket.
  void OnClock();
  // Called with the server's position before the pipeline closes its
  // connection: an event loop must stop watching the socket before it is closed.
  void set_before_close(std::function<void(uint32_t server)> hook) {
    before_close_ = std::move(hook);
  }
  // The reply deadline of this pipeline's commands, in ms, instead of the
  // pool's (settings.reply_ms): a batch waits as long as the most patient of
  // its operations. Set before Start.
  void set_reply_ms(int reply_ms) { reply_ms_ = reply_ms; }

 private:
  struct Channel;

  void Open(Channel& channel);
  void Queue(Channel& channel, uint32_t command);
  // Reads join the channel's open `gets` line; FlushReadGroup sends it.
  void QueueRead(Channel& channel, uint32_t command);
  void FlushReadGroup(Channel& channel);
  void QueueBarrier(Channel& channel);
  void Service(Channel& channel, short events);
  void ReadReplies(Channel& channel);
  // Each reads what the socket has and answers what it completes; false
  // (with *error) when the connection failed. Either may fail the channel.
  bool ReadFrames(Channel& channel, std::string* error);
  // `length` more bytes of the value a channel is reading are in its room;
  // the read's outcome is a hit once they are all there (EndValue).
  void FilledValue(Channel& channel, size_t length);
  void EndValue(Channel& channel);
  bool ReadLines(Channel& channel, std::string* error);
  // Each settles what waited for one reply. False when the stream is out of step.
  bool AnswerLine(Channel& channel, std::string_view line);
  bool AnswerRead(Channel& channel, std::string_view line);
  // stats, version and flush_all: false when the stream is out of step.
  bool AnswerServerLine(Channel& channel, uint32_t index, std::string_view line);
  bool AnswerServerFrame(Channel& channel, uint32_t index, const binary::Frame& frame);
  // A server-wide command's answer goes to the value sink in one piece.
  void SettleServerAnswer(Channel& channel, uint32_t index);
  bool AnswerFrame(Channel& channel, const binary::Frame& frame);
  bool AnswerReadFrame(Channel& channel, const binary::Frame& frame);
  // Takes the data block of a VALUE: false when more must arrive first or the
  // channel failed (then !channel.active).
  bool ReadValueBlock(Channel& channel);
  // Where the next bytes of the value block being read go.
  char* ValueRoom(const Channel& channel);
  // The front read group is answered: its twins (pipeline.cc) take their
  // answers, and the channel waits for what comes after it.
  void EndReadGroup(Channel& channel);
  // The answers to the front read group skip its misses: settles them up to
  // position `until` of the group.
  void SettleMisses(Channel& channel, size_t until);
  // Takes the room of a hit's value in the value sink and records where it
  // stands; false (the channel failed) for a value longer than memcached
  // stores, when the batch's values would pass 4 GiB, or without memory.
  bool StartHit(Channel& channel, uint32_t command, uint32_t flags, uint64_t cas, uint64_t length);
  void Settle(uint32_t command, Reply reply);
  // A barrier's answer: every silent command before it was processed.
  void ConfirmSilent(Channel& channel);
  // Settles every unsettled command of the channel with `status` and closes
  // its connection; Fail also leaves the server alone for the retry timeout
  // when it could not be reached, failed TLS, or refused the credentials.
  void Fail(Channel& channel, Status status, const std::string& message,
            const char* system_code = nullptr);
  // `skipped`: nothing was sent, the server was left alone.
  void Abandon(Channel& channel, Status status, const std::string& message, const char* system_code,
               bool skipped);
  // A connection failed: its own words and the system's name for the error;
  // a TLS failure (Connection::failure_is_tls) is reported as TLS.
  void FailConnection(Channel& channel, const std::string& error);
  // The channel's requests have all gone out: their answers are due by then.
  void StartReplyDeadline(Channel& channel, Clock::time_point now);

  std::vector<std::unique_ptr<Connection>>& connections_;
  ServerHealth& health_;
  const PipelineSettings& settings_;
  int reply_ms_;
  std::function<void(uint32_t server)> before_close_;

  const std::vector<Command>* commands_ = nullptr;
  std::vector<Outcome>* outcomes_ = nullptr;
  ValueBuffer* values_ = nullptr;
  bool connect_allowed_ = true;
  std::vector<Channel> channels_;
  // The keys of the run of reads being queued (every channel is queued whole
  // before the next): a key asked twice in a run is sent once.
  AskedKeys asked_keys_;
};

}  // namespace mcnative
