#include "thread_driver.h"

#include "batch_delivery.h"
#include "../engine/batch_run.h"
#include "client.h"

namespace mcnative {

ThreadBatch::ThreadBatch(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         Napi::Array inputs, size_t count, ConnectionSet* set)
    : Napi::AsyncWorker(receiver, callback, "memcache-native:batch"),
      client_(client),
      set_(set),
      inputs_(Napi::Persistent(inputs)) {
  columns_ = MapBatchInputs(inputs, count);
}

void ThreadBatch::Execute() {
  Lease lease(client_->pool(), set_);
  BatchRun run(client_->pool(), *set_, columns_, &result_.values, /*connect_allowed=*/true);
  run.RunToEnd();
  run.WriteResults(/*servers=*/nullptr, columns_, &result_, /*copy_values_to=*/nullptr);
}

void ThreadBatch::OnOK() {
  client_->WorkFinished();
  // Building the results fails only when the environment is going away (a
  // worker thread exiting with this batch in flight): there is no one left to
  // tell, and an escaping exception would abort the whole process.
  try {
    Napi::Env env = Env();
    CallBack(env, Receiver().Value(), Callback().Value(), BatchResultArguments(env, result_));
  } catch (const Napi::Error&) {
  }
}

void ThreadBatch::OnError(const Napi::Error& error) {
  client_->WorkFinished();
  // As in OnOK: failing here means the environment is going away.
  try {
    CallBack(Env(), Receiver().Value(), Callback().Value(), {error.Value()});
  } catch (const Napi::Error&) {
  }
}

}  // namespace mcnative
