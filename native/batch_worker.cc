#include "batch_worker.h"

#include "batch_executor.h"
#include "batch_delivery.h"
#include "client.h"

namespace mcnative {

BatchWorker::BatchWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         Napi::Array inputs, size_t count, Handle* handle,
                         std::string acquire_error)
    : Napi::AsyncWorker(receiver, callback, "memcache-native:batch"),
      client_(client),
      handle_(handle),
      acquire_error_(std::move(acquire_error)),
      inputs_(Napi::Persistent(inputs)) {
  columns_ = MapBatchInputs(inputs, count);
}

void BatchWorker::Execute() {
  if (handle_ == nullptr) {
    SetError("could not create a libmemcached handle: " + acquire_error_);
    return;
  }
  Lease lease(client_->pool(), handle_);
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
  CallBack(env, Receiver().Value(), Callback().Value(), BatchResultArguments(env, result_));
}

void BatchWorker::OnError(const Napi::Error& error) {
  client_->WorkFinished();
  // As in OnOK: failing here means the environment is going away.
  try {
    CallBack(Env(), Receiver().Value(), Callback().Value(), {error.Value()});
  } catch (const Napi::Error&) {
  }
}

}  // namespace mcnative
