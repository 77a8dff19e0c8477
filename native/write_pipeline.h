// The pipelined write path: sends every write of a batch (set, add, replace,
// append, prepend, cas, delete, touch, incr, decr) in ASCII on connections of
// its own, all servers at once, and matches each reply line to its command.
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
#include <string_view>
#include <vector>

#include "connection.h"
#include "server_health.h"
#include "status.h"

namespace mcnative {

struct WriteCommand {
  uint32_t server;  // position in the connection list
  Opcode op;
  bool no_reply;
  std::string_view key;
  std::string_view value;  // storage commands only
  uint32_t flags;
  uint32_t ttl;
  uint64_t number;  // CAS: the token; INCR/DECR: the delta
};

struct WriteOutcome {
  Status status = Status::kCount;  // kCount until settled
  uint64_t number = 0;             // INCR/DECR: the new value
  std::string message;             // error replies and faults
};

struct PipelineTimeouts {
  int connect_ms;
  int reply_ms;  // the longest wait for the next reply line or write progress
};

class WritePipeline {
 public:
  WritePipeline(std::vector<std::unique_ptr<Connection>>& connections, ServerHealth& health,
                PipelineTimeouts timeouts)
      : connections_(connections), health_(health), timeouts_(timeouts) {}

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
  // Settles the command waiting for `line`. False when the stream is out of step.
  bool Answer(Channel& channel, std::string_view line);
  void Fail(Channel& channel, Status status, const std::string& message);

  std::vector<std::unique_ptr<Connection>>& connections_;
  ServerHealth& health_;
  const PipelineTimeouts timeouts_;

  const std::vector<WriteCommand>* commands_ = nullptr;
  std::vector<WriteOutcome>* outcomes_ = nullptr;
};

}  // namespace mcnative
