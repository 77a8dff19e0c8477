// The pipelined write path: sends every write of a batch (set, add, replace,
// append, prepend, cas, delete, touch, incr, decr) on connections of its own,
// all servers at once, in ASCII or binary (wire_format.h), and matches each
// reply to its command.
//
// libmemcached 1.1.4 cannot pipeline writes that report a status each: every
// call is a round trip. Here a batch of writes costs one round trip per server.
// Commands are routed by the caller (with libmemcached's own hashing), so keys
// land exactly where libmemcached's reads look for them.
//
// One poll loop writes and reads every connection together, so a pipeline
// larger than the socket buffers cannot deadlock. A connection whose stream may
// be out of step (a reply no command explains, an error after a data block,
// a timeout) is closed and every command still waiting on it becomes a fault.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "connection.h"
#include "server_health.h"
#include "status.h"
#include "wire_format.h"

namespace mcnative {

struct WriteOutcome {
  Status status = Status::kCount;  // kCount until settled
  uint64_t number = 0;             // INCR/DECR: the new value
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

class WritePipeline {
 public:
  WritePipeline(std::vector<std::unique_ptr<Connection>>& connections, ServerHealth& health,
                const PipelineSettings& settings)
      : connections_(connections), health_(health), settings_(settings) {}

  // Runs `commands`, in order per server, and fills outcomes[i] for commands[i].
  // Returns when every command is settled.
  void Run(const std::vector<WriteCommand>& commands, std::vector<WriteOutcome>* outcomes);

 private:
  struct Channel;

  void Open(Channel& channel);
  void Queue(Channel& channel, uint32_t command);
  void QueueBarrier(Channel& channel);
  void Service(Channel& channel, short events);
  void ReadReplies(Channel& channel);
  // Each settles what waited for one reply. False when the stream is out of step.
  bool AnswerLine(Channel& channel, std::string_view line);
  bool AnswerFrame(Channel& channel, const binary::Frame& frame);
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

  const std::vector<WriteCommand>* commands_ = nullptr;
  std::vector<WriteOutcome>* outcomes_ = nullptr;
};

}  // namespace mcnative
