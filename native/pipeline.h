// The pipeline of a batch: sends its commands on connections of its own, all
// servers at once, in ASCII or binary (wire_format.h), and matches each reply
// to its command. Writes (set, add, replace, append, prepend, cas, delete,
// touch, incr, decr) always come this way; reads (a multi-key gets, or GETKQs
// and a NOOP) only in batches run on the event loop (loop_batch.h), where
// libmemcached cannot be used.
//
// libmemcached 1.1.4 cannot pipeline writes that report a status each: every
// call is a round trip. Here a batch of writes costs one round trip per server.
// Commands are routed by the caller (with libmemcached's own hashing), so keys
// land exactly where libmemcached's reads look for them.
//
// The pipeline never blocks on its own: Run drives it with poll() on a libuv
// worker thread, and LoopBatch drives it from the event loop with Start,
// Waits, OnReady and OnClock. Every connection is written and read together,
// so a pipeline larger than the socket buffers cannot deadlock. A connection
// whose stream may be out of step (a reply no command explains, an error
// after a data block, a timeout) is closed and every command still waiting on
// it becomes a fault.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "batch.h"
#include "connection.h"
#include "server_health.h"
#include "status.h"
#include "wire_format.h"

namespace mcnative {

struct Outcome {
  Status status = Status::kCount;  // kCount until settled
  uint64_t number = 0;             // INCR/DECR: the new value; a read's hit: the CAS token
  uint32_t flags = 0;              // a read's hit
  uint32_t value_offset = 0;       // a read's hit: where its value starts in the value sink
  uint32_t value_length = 0;
  std::string message;             // error replies and faults
};

struct PipelineSettings {
  int connect_ms;
  int reply_ms;  // the longest wait for the next reply or write progress
  bool binary;   // the binary protocol instead of ASCII
  // SASL PLAIN credentials ("\0user\0password"), sent first on every new
  // connection; empty for none. Binary protocol only.
  std::string sasl_plain;
};

// The command for operation `index` of a batch, sent to `server`.
Command CommandFromColumns(const BatchColumns& columns, uint32_t index, uint32_t server);

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

  // Runs `commands`, in order per server, and fills outcomes[i] for commands[i];
  // returns when every command is settled. Blocks in poll(): libuv threads only.
  // Hit values go to `values`, which reads need (ASCII only).
  void Run(const std::vector<Command>& commands, std::vector<Outcome>* outcomes,
           ValueBuffer* values = nullptr);

  // The same, driven by the caller: Start sends what the sockets take, then the
  // caller waits for Waits() (or the deadline) and reports back with OnReady
  // and OnClock until Done(). `commands`, `outcomes` and `values` must outlive
  // it. Without `connect_allowed`, the connections must be open already: a
  // closed one faults its commands instead of connecting (no DNS lookup).
  void Start(const std::vector<Command>& commands, std::vector<Outcome>* outcomes,
             ValueBuffer* values, bool connect_allowed);
  bool Done() const;

  // Connects (and logs in, with SASL) outside any batch, waiting in poll():
  // libuv worker threads only. False leaves the connection closed.
  static bool Connect(Connection& connection, const PipelineSettings& settings);
  void Waits(std::vector<Wait>* waits, Clock::time_point* deadline) const;
  void OnReady(uint32_t channel, short events);
  // Faults every channel whose deadline has passed.
  void OnClock();
  // Called with the server's position before the pipeline closes its
  // connection: an event loop must stop watching the socket before it is closed.
  void set_before_close(std::function<void(uint32_t server)> hook) {
    before_close_ = std::move(hook);
  }

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
  // Each settles what waited for one reply. False when the stream is out of step.
  bool AnswerLine(Channel& channel, std::string_view line);
  bool AnswerRead(Channel& channel, std::string_view line);
  bool AnswerFrame(Channel& channel, const binary::Frame& frame);
  bool AnswerReadFrame(Channel& channel, const binary::Frame& frame);
  // Takes the data block of a VALUE: false when more must arrive first or the
  // channel failed (then !channel.active).
  bool ReadValueBlock(Channel& channel);
  // The answers to the front read group skip its misses: settles them up to
  // position `until` of the group.
  void SettleMisses(Channel& channel, size_t until);
  // Takes the room of a hit's value in the value sink and records where it
  // stands; false (the channel failed) for a value longer than memcached
  // stores, when the batch's values would pass 4 GiB, or without memory.
  bool StartHit(Channel& channel, uint32_t command, uint32_t flags, uint64_t cas,
                uint64_t length);
  void Settle(uint32_t command, Reply reply);
  // A barrier's answer: every silent command before it was processed.
  void ConfirmSilent(Channel& channel);
  // Settles every unsettled command of the channel with `status` and closes
  // its connection; Fail also leaves the server alone for the retry timeout
  // when it could not be reached or refused the credentials.
  void Fail(Channel& channel, Status status, const std::string& message);
  void Abandon(Channel& channel, Status status, const std::string& message);

  std::vector<std::unique_ptr<Connection>>& connections_;
  ServerHealth& health_;
  const PipelineSettings& settings_;
  std::function<void(uint32_t server)> before_close_;

  const std::vector<Command>* commands_ = nullptr;
  std::vector<Outcome>* outcomes_ = nullptr;
  ValueBuffer* values_ = nullptr;
  bool connect_allowed_ = true;
  std::vector<Channel> channels_;
};

}  // namespace mcnative
