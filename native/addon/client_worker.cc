#include "client_worker.h"

#include "batch_delivery.h"
#include "client.h"
#include "loop_driver.h"

namespace mcnative {

ClientWorker::ClientWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                           const char* resource_name, ConnectionSet* set)
    : Napi::AsyncWorker(receiver, callback, resource_name), client_(client), set_(set) {}

void ClientWorker::Start() {
  LoopBatch::StopWatchingSockets(*set_);
  client_->WorkStarted();
  Queue();
}

void ClientWorker::Execute() {
  Lease lease(client_->pool(), set_);
  Run(client_->pool(), *set_);
}

void ClientWorker::OnOK() {
  client_->WorkFinished();
  // Building the results fails only when the environment is going away (a
  // worker thread exiting with this work in flight): there is no one left to
  // tell, and an escaping exception would abort the whole process.
  try {
    Napi::Env env = Env();
    CallBack(env, Receiver().Value(), Callback().Value(), Results(env));
  } catch (const Napi::Error&) {
  }
}

void ClientWorker::OnError(const Napi::Error& error) {
  client_->WorkFinished();
  // As in OnOK: failing here means the environment is going away.
  try {
    CallBack(Env(), Receiver().Value(), Callback().Value(), {error.Value()});
  } catch (const Napi::Error&) {
  }
}

}  // namespace mcnative
