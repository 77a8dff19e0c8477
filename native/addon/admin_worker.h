// Server-wide commands (stats, version, flush_all) that address every server
// rather than a key. They run through the same engine as every batch
// (BatchRun, one command per server), on a libuv thread: they are rare, and
// may have to connect.
#pragma once

#include <napi.h>

#include <string>
#include <utility>
#include <vector>

#include "../engine/batch.h"
#include "../engine/opcodes_statuses.h"
#include "../engine/pool.h"
#include "client_worker.h"

namespace mcnative {

class NativeClient;

// One server's answer: its name, key/value lines (stats) or one value
// (version), or the fault that stopped it.
struct ServerReport {
  std::string server;
  std::vector<std::pair<std::string, std::string>> entries;
  Status status = Status::OK;
  std::string fault_message;
  const char* system_code = nullptr;
  bool skipped = false;
  // Milliseconds from the start of the command to the server's whole answer
  // (connecting included, when the connection was not open); 0 for a fault.
  double answered_ms = 0;
};

class AdminWorker : public ClientWorker {
 public:
  // `command` is Opcode::STATS (with `argument`, a stats group or empty),
  // Opcode::VERSION or Opcode::FLUSH (after `delay` seconds). `set` was
  // acquired on the JS thread (see ClientWorker).
  AdminWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
              ConnectionSet* set, Opcode command, std::string argument, uint32_t delay);

 private:
  void Run(Pool& pool, ConnectionSet& set) override;        // libuv worker thread
  std::vector<napi_value> Results(Napi::Env env) override;  // JS thread

  Opcode command_;
  std::string argument_;
  uint32_t delay_;
  std::vector<ServerReport> reports_;
};

}  // namespace mcnative
