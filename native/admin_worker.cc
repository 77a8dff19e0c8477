#include "admin_worker.h"

#include "batch_delivery.h"
#include "client.h"
#include "status.h"

namespace mcnative {

namespace {

memcached_return_t CollectStat(const memcached_instance_st* server, const char* key,
                               size_t key_length, const char* value, size_t value_length,
                               void* context) {
  auto* worker = static_cast<std::vector<ServerReport>*>(context);
  std::string name = ServerName(server);
  for (ServerReport& report : *worker) {
    if (report.server == name) {
      report.entries.emplace_back(std::string(key, key_length), std::string(value, value_length));
      break;
    }
  }
  return MEMCACHED_SUCCESS;
}

}  // namespace

AdminWorker::AdminWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         AdminCommand command, std::string argument, uint32_t delay)
    : Napi::AsyncWorker(receiver, callback, "memcache-native:admin"),
      client_(client),
      command_(command),
      argument_(std::move(argument)),
      delay_(delay) {}

void AdminWorker::Execute() {
  Lease lease(client_->pool());
  if (lease.handle() == nullptr) {
    SetError("could not create a libmemcached handle: " + lease.error());
    return;
  }
  memcached_st* handle = lease.handle()->memcached;
  uint32_t count = memcached_server_count(handle);
  for (uint32_t i = 0; i < count; ++i) {
    reports_.push_back(ServerReport{ServerName(memcached_server_instance_by_position(handle, i)),
                                    {}, {}, {}});
  }
  switch (command_) {
    case AdminCommand::kStats:
      CollectStats(handle);
      break;
    case AdminCommand::kVersion:
      CollectVersions(handle);
      break;
    case AdminCommand::kFlush:
      Flush(handle);
      break;
  }
}

void AdminWorker::CollectStats(memcached_st* handle) {
  const char* argument = argument_.empty() ? nullptr : argument_.c_str();
  memcached_return_t rc = memcached_stat_execute(handle, argument, CollectStat, &reports_);
  MarkFailures(handle, rc);
}

void AdminWorker::CollectVersions(memcached_st* handle) {
  memcached_return_t rc = memcached_version(handle);
  MarkFailures(handle, rc);
  uint32_t count = memcached_server_count(handle);
  for (uint32_t i = 0; i < count; ++i) {
    const memcached_instance_st* server = memcached_server_instance_by_position(handle, i);
    ServerReport& report = reports_[i];
    if (!report.fault_status.empty()) continue;
    std::string version = std::to_string(memcached_server_major_version(server)) + "." +
                          std::to_string(memcached_server_minor_version(server)) + "." +
                          std::to_string(memcached_server_micro_version(server));
    report.entries.emplace_back("version", version);
  }
}

void AdminWorker::Flush(memcached_st* handle) {
  MarkFailures(handle, memcached_flush(handle, delay_));
}

void AdminWorker::MarkFailures(memcached_st* handle, memcached_return_t rc) {
  if (rc == MEMCACHED_SUCCESS) return;
  uint32_t count = memcached_server_count(handle);
  bool attributed = false;
  for (uint32_t i = 0; i < count; ++i) {
    const memcached_instance_st* server = memcached_server_instance_by_position(handle, i);
    memcached_return_t server_rc = memcached_server_error_return(server);
    if (server_rc == MEMCACHED_SUCCESS) continue;
    Status status = StatusFromReturn(server_rc);
    if (!IsFault(status)) status = Status::UNKNOWN;
    std::string message = memcached_server_error(server);
    // libmemcached's own retry window says only "disabled": the pool's health
    // table knows why (a refused login reports AUTH, not SERVER_DOWN).
    std::string reason;
    Status health_status;
    if (status == Status::SERVER_DOWN &&
        client_->pool().health().IsDown(i, &reason, &health_status)) {
      status = health_status;
      message = reason;
    }
    reports_[i].fault_status = StatusName(status);
    reports_[i].fault_message = message;
    attributed = true;
  }
  if (attributed) return;
  // The command failed without a server to blame (for example: no servers).
  Status status = StatusFromReturn(rc);
  if (!IsFault(status)) status = Status::UNKNOWN;
  for (ServerReport& report : reports_) {
    report.fault_status = StatusName(status);
    report.fault_message = memcached_last_error_message(handle);
  }
}

void AdminWorker::OnOK() {
  client_->WorkFinished();
  // As in BatchWorker::OnOK: failing here means the environment is going away.
  try {
    DeliverResults();
  } catch (const Napi::Error&) {
  }
}

void AdminWorker::DeliverResults() {
  Napi::Env env = Env();
  // [[server, [key, value, key, value, ...] | null, faultStatus | null, faultMessage | null], ...]
  // Entries stay a flat list: the JS side builds the object, so no server-sent
  // name can ever act as a property setter such as __proto__.
  Napi::Array list = Napi::Array::New(env, reports_.size());
  for (uint32_t i = 0; i < reports_.size(); ++i) {
    const ServerReport& report = reports_[i];
    Napi::Array row = Napi::Array::New(env, 4);
    row.Set(0u, Napi::String::New(env, report.server));
    if (report.fault_status.empty()) {
      Napi::Array entries = Napi::Array::New(env, report.entries.size() * 2);
      uint32_t slot = 0;
      for (const auto& [key, value] : report.entries) {
        entries.Set(slot++, Napi::String::New(env, key));
        entries.Set(slot++, Napi::String::New(env, value));
      }
      row.Set(1u, entries);
      row.Set(2u, env.Null());
      row.Set(3u, env.Null());
    } else {
      row.Set(1u, env.Null());
      row.Set(2u, Napi::String::New(env, report.fault_status));
      row.Set(3u, Napi::String::New(env, report.fault_message));
    }
    list.Set(i, row);
  }
  CallBack(env, Receiver().Value(), Callback().Value(), {env.Null(), list});
}

void AdminWorker::OnError(const Napi::Error& error) {
  client_->WorkFinished();
  try {
    CallBack(Env(), Receiver().Value(), Callback().Value(), {error.Value()});
  } catch (const Napi::Error&) {
  }
}

}  // namespace mcnative
