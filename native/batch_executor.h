// Runs one batch against one leased libmemcached handle. Pure C++: it runs on a
// libuv worker thread and never touches N-API.
//
// Order is preserved per key: reads are gathered into one multi-get, which is
// sent before any write to a key that the multi-get is waiting for, so a batch
// behaves as if its operations ran one after another in the order issued.
#pragma once

#include <libmemcached/memcached.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "batch.h"
#include "status.h"

namespace mcnative {

class BatchExecutor {
 public:
  BatchExecutor(memcached_st* handle, const BatchColumns& columns, BatchResult* result);
  ~BatchExecutor();

  BatchExecutor(const BatchExecutor&) = delete;
  BatchExecutor& operator=(const BatchExecutor&) = delete;

  void Run();

 private:
  void QueueRead(uint32_t index);
  void FlushReads();
  void DeliverHit(const memcached_result_st* hit);
  void SettleUnansweredReads(memcached_return_t mget_rc, memcached_return_t fetch_error);

  void RunStorage(uint32_t index, Opcode op);
  void RunDelete(uint32_t index);
  void RunTouch(uint32_t index);
  void RunCounter(uint32_t index, Opcode op);
  memcached_return_t Count(Opcode op, std::string_view key, uint64_t delta, uint64_t* value);

  void SetNoReply(bool on);
  void Settle(uint32_t index, memcached_return_t rc);
  void SettleChain(uint32_t head, Status status);
  void RecordFault(uint32_t index, Status status, const memcached_instance_st* server,
                   const char* message);
  const memcached_instance_st* ServerOf(std::string_view key);
  // Remembers a server that timed out or could not be reached in this batch.
  void NoteServerFailure(const memcached_instance_st* server, Status status,
                         const std::string& message);
  // Settles an operation at once when its server already timed out or failed
  // to connect in this batch, so a dead server costs one timeout per batch
  // rather than one per operation.
  bool SkipIfServerFailed(uint32_t index);

  memcached_st* handle_;
  const BatchColumns& columns_;
  BatchResult* result_;
  bool no_reply_ = false;

  struct FailedServer {
    const memcached_instance_st* server;
    Status status;
    std::string message;
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
};

}  // namespace mcnative
