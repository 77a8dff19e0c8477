#include "admin_worker.h"

#include "../engine/batch_run.h"
#include "batch_delivery.h"
#include "client.h"

namespace mcnative {

namespace {

// Stats come from the pipeline as "name\0value\0" pairs.
void ReadPairs(std::string_view text, std::vector<std::pair<std::string, std::string>>* entries) {
  while (!text.empty()) {
    size_t name_end = text.find('\0');
    size_t value_end = text.find('\0', name_end + 1);
    if (name_end == std::string_view::npos || value_end == std::string_view::npos) return;
    entries->emplace_back(std::string(text.substr(0, name_end)),
                          std::string(text.substr(name_end + 1, value_end - name_end - 1)));
    text.remove_prefix(value_end + 1);
  }
}

}  // namespace

AdminWorker::AdminWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         ConnectionSet* set, Opcode command, std::string argument, uint32_t delay)
    : ClientWorker(client, receiver, callback, "memcache-native:admin", set),
      command_(command),
      argument_(std::move(argument)),
      delay_(delay) {}

void AdminWorker::Run(Pool& pool, ConnectionSet& set) {
  std::vector<Command> commands;
  for (uint32_t server = 0; server < set.connections.size(); ++server) {
    commands.push_back(Command{server, command_, false, argument_, {}, 0, 0, delay_});
  }
  ValueBuffer answers;
  BatchRun run(pool, set, std::move(commands), &answers, /*connect_allowed=*/true);
  const auto started = Pipeline::Clock::now();
  run.RunToEnd();
  for (uint32_t server = 0; server < run.count(); ++server) {
    const Outcome& outcome = run.OutcomeOf(server);
    ServerReport report{set.connections[server]->name(), {}, outcome.status, {}, nullptr, false};
    if (IsFault(outcome.status)) {
      report.fault_message = outcome.message;
      report.system_code = outcome.system_code;
      report.skipped = outcome.skipped;
    } else if (outcome.status != Status::OK) {
      // An answer that is no success (none of these commands has one).
      report.status = Status::PROTOCOL;
      report.fault_message = std::string("unexpected answer to ") + CommandName(command_);
    } else {
      report.answered_ms =
          std::chrono::duration<double, std::milli>(outcome.answered_at - started).count();
      std::string_view text(answers.At(outcome.value_offset), outcome.value_length);
      if (command_ == Opcode::STATS) ReadPairs(text, &report.entries);
      if (command_ == Opcode::VERSION) report.entries.emplace_back("version", std::string(text));
    }
    reports_.push_back(std::move(report));
  }
}

std::vector<napi_value> AdminWorker::Results(Napi::Env env) {
  // [[server, [key, value, ...] | null, faultStatus | null, faultMessage | null,
  //   systemCode, skipped, answeredMs], ...]
  // Entries stay a flat list: the JS side builds the object, so no server-sent
  // name can ever act as a property setter such as __proto__.
  Napi::Array list = Napi::Array::New(env, reports_.size());
  for (uint32_t i = 0; i < reports_.size(); ++i) {
    const ServerReport& report = reports_[i];
    Napi::Array row = Napi::Array::New(env, 7);
    row.Set(0u, Napi::String::New(env, report.server));
    bool fault = report.status != Status::OK;
    if (!fault) {
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
      row.Set(2u, Napi::String::New(env, StatusName(report.status)));
      row.Set(3u, Napi::String::New(env, report.fault_message));
    }
    row.Set(4u, Napi::String::New(env, report.system_code ? report.system_code : ""));
    row.Set(5u, Napi::Boolean::New(env, report.skipped));
    row.Set(6u, Napi::Number::New(env, report.answered_ms));
    list.Set(i, row);
  }
  return {env.Null(), list};
}

}  // namespace mcnative
