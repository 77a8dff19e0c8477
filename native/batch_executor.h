// Runs one batch on one leased handle. Pure C++: it runs on a libuv worker
// thread and never touches N-API.
//
// Reads are gathered into one libmemcached multi-get; writes are gathered into
// one pipeline on the handle's own connections (pipeline.h). Order is
// preserved per key: a queue is sent before an operation on one of its keys
// joins the other queue, so a batch behaves as if its operations ran one after
// another in the order issued.
#pragma once

#include <libmemcached/memcached.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "batch.h"
#include "pool.h"
#include "status.h"
#include "pipeline.h"

namespace mcnative {

class BatchExecutor {
 public:
  BatchExecutor(Handle& handle, Pool& pool, const BatchColumns& columns, BatchResult* result);
  ~BatchExecutor();

  BatchExecutor(const BatchExecutor&) = delete;
  BatchExecutor& operator=(const BatchExecutor&) = delete;

  void Run();

 private:
  // ---- reads ----
  void QueueRead(uint32_t index);
  void FlushReads();
  void DeliverHit(const memcached_result_st* hit);
  // Whether libmemcached holds an error for any server of the handle.
  bool AnyServerFailed() const;
  void SettleUnansweredReads(memcached_return_t mget_rc, memcached_return_t fetch_error);

  void OpenConnectionsForTheEventLoop();

  // ---- writes ----
  void QueueWrite(uint32_t index);
  void FlushWrites();
  // incr/decr with an initial value that found no counter: create it with add,
  // and count again where another client created it first.
  void CreateCounters(Pipeline& pipeline, const std::vector<uint32_t>& missing);
  Command CommandFor(uint32_t index) const;
  void SettleWrite(uint32_t index, const Outcome& outcome);

  // ---- bookkeeping ----
  // The position of the operation's server in the handle's server list.
  uint32_t ServerOf(uint32_t index) const { return server_of_[index]; }
  void SettleChain(uint32_t head, Status status);
  void RecordFault(uint32_t index, Status status, const std::string& message);
  // Remembers a server that timed out or could not be reached for the rest of
  // this batch; one that could not be reached also goes into the pool's health
  // table, so every handle leaves it alone for the retry timeout.
  void NoteServerFailure(uint32_t server, Status status, const std::string& message);
  // Settles an operation at once when its server already failed in this batch
  // or is marked down, so a dead server costs one timeout per batch at most.
  bool SkipIfServerFailed(uint32_t index);

  Handle& handle_;
  memcached_st* const memcached_;
  Pool& pool_;
  const BatchColumns& columns_;
  BatchResult* result_;
  std::vector<uint32_t> server_of_;
  std::vector<uint8_t> answered_;  // by server position

  struct FailedServer {
    uint32_t server;
    Status status;
    std::string message;  // what operations skipped because of it report
  };
  std::vector<FailedServer> failed_servers_;

  // Reads waiting for the next multi-get: the first operation for each distinct
  // key, and for repeated keys a chain through next_same_key_.
  std::unordered_map<std::string_view, uint32_t> pending_reads_;
  std::vector<uint32_t> pending_order_;
  std::vector<uint32_t> next_same_key_;
  std::vector<const char*> mget_keys_;
  std::vector<size_t> mget_lengths_;
  memcached_result_st hit_;

  // Writes waiting for the next pipeline, and their keys. A key maps to true
  // when one of its writes may need a second round trip (incr with initial):
  // a later write to that key waits for it.
  std::vector<uint32_t> write_queue_;
  std::unordered_map<std::string_view, bool> pending_writes_;
  std::vector<Command> commands_;
  std::vector<Outcome> outcomes_;
};

}  // namespace mcnative
