#include "batch_worker.h"

#include "batch_executor.h"
#include "batch_delivery.h"
#include "client.h"

namespace mcnative {

BatchWorker::BatchWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         Napi::Array inputs, size_t count)
    : Napi::AsyncWorker(receiver, callback, "memcache-native:batch"),
      client_(client),
      inputs_(Napi::Persistent(inputs)) {
  columns_ = MapBatchInputs(inputs, count);
}

void BatchWorker::Execute() {
  Lease lease(client_->pool());
  if (lease.handle() == nullptr) {
    SetError("could not create a libmemcached handle: " + lease.error());
    return;
  }
  BatchExecutor(*lease.handle(), client_->pool(), columns_, &result_).Run();
}

void BatchWorker::OnOK() {
  client_->WorkFinished();
  // Building the results fails only when the environment is going away (a
  // worker thread exiting with this batch in flight): there is no one left to
  // tell, and an escaping exception would abort the whole process.
  try {
    DeliverResults();
  } catch (const Napi::Error&) {
  }
}

void BatchWorker::DeliverResults() {
  Napi::Env env = Env();
  Callback().Call(Receiver().Value(), BatchResultArguments(env, result_));
}

void BatchWorker::OnError(const Napi::Error& error) {
  client_->WorkFinished();
  // As in OnOK: failing here means the environment is going away.
  try {
    Callback().Call(Receiver().Value(), {error.Value()});
  } catch (const Napi::Error&) {
  }
}

}  // namespace mcnative
