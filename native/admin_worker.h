// Server-wide commands (stats, version, flush_all) that address every server
// rather than a key. Rare and small, so each runs as its own work item.
#pragma once

#include <napi.h>

#include <string>
#include <utility>
#include <vector>

#include "pool.h"

namespace mcnative {

class NativeClient;

enum class AdminCommand { kStats, kVersion, kFlush };

// One server's answer: its name, key/value lines (stats) or one value
// (version), or the fault that stopped it.
struct ServerReport {
  std::string server;
  std::vector<std::pair<std::string, std::string>> entries;
  std::string fault_status;  // empty when the server answered
  std::string fault_message;
};

class AdminWorker : public Napi::AsyncWorker {
 public:
  AdminWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
              AdminCommand command, std::string argument, uint32_t delay);

  void Execute() override;                          // libuv worker thread
  void OnOK() override;                             // JS thread
  void OnError(const Napi::Error& error) override;  // JS thread

 private:
  void CollectStats(memcached_st* handle);
  void CollectVersions(memcached_st* handle);
  void Flush(memcached_st* handle);
  ServerReport& ReportFor(const memcached_instance_st* server);
  void MarkFailures(memcached_st* handle, memcached_return_t rc);
  void DeliverResults();

  NativeClient* client_;
  AdminCommand command_;
  std::string argument_;
  uint32_t delay_;
  std::vector<ServerReport> reports_;
};

}  // namespace mcnative
