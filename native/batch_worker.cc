#include "batch_worker.h"

#include "batch_executor.h"
#include "client.h"

namespace mcnative {

namespace {

const char* BufferData(Napi::Value value) {
  return value.As<Napi::Buffer<char>>().Data();
}

}  // namespace

BatchWorker::BatchWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         Napi::Array inputs, size_t count)
    : Napi::AsyncWorker(receiver, callback, "memcache-native:batch"),
      client_(client),
      inputs_(Napi::Persistent(inputs)) {
  auto column_buffer = inputs.Get(0u).As<Napi::ArrayBuffer>();
  columns_ = BatchColumns::Map(count, static_cast<uint8_t*>(column_buffer.Data()),
                               BufferData(inputs.Get(1u)), BufferData(inputs.Get(2u)));
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
  // Hand the value bytes to JS without copying: the Buffer owns them. An
  // external buffer over no memory would reach JS detached, so empty is a plain Buffer.
  Napi::Value value_buffer;
  if (result_.values.empty()) {
    value_buffer = Napi::Buffer<char>::New(env, 0);
  } else {
    size_t size = result_.values.size();
    value_buffer = Napi::Buffer<char>::New(env, result_.values.Release(), size,
                                           [](Napi::Env, char* owned) { std::free(owned); });
  }

  Napi::Value faults = env.Undefined();
  if (!result_.faults.empty()) {
    // Flat [index, server, message, index, server, message, ...].
    Napi::Array list = Napi::Array::New(env, result_.faults.size() * 3);
    uint32_t slot = 0;
    for (const Fault& fault : result_.faults) {
      list.Set(slot++, Napi::Number::New(env, fault.index));
      list.Set(slot++, Napi::String::New(env, fault.server));
      list.Set(slot++, Napi::String::New(env, fault.message));
    }
    faults = list;
  }
  Napi::Array answered = Napi::Array::New(env, result_.answered_servers.size());
  for (uint32_t i = 0; i < result_.answered_servers.size(); ++i) {
    answered.Set(i, Napi::String::New(env, result_.answered_servers[i]));
  }
  Callback().Call(Receiver().Value(), {env.Null(), value_buffer, faults, answered});
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
