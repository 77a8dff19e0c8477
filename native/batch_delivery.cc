#include "batch_delivery.h"

#include <cstdlib>

namespace mcnative {

namespace {

// Up to this size, hit values are copied into a Buffer of V8's own.
constexpr size_t kMostCopiedValueBytes = 16 * 1024;

const char* BufferData(Napi::Value value) { return value.As<Napi::Buffer<char>>().Data(); }

// The hit values as a Buffer, or undefined when there are none (most writes);
// the ValueBuffer is left empty or freed later.
Napi::Value HitValueBuffer(Napi::Env env, ValueBuffer& values) {
  if (values.empty()) return env.Undefined();
  // Copying is cheaper than handing the memory over: no finalizer to register and run.
  if (values.size() <= kMostCopiedValueBytes) {
    return Napi::Buffer<char>::Copy(env, values.data(), values.size());
  }
  size_t size = values.size();
  return Napi::Buffer<char>::New(env, values.Release(), size,
                                 [](Napi::Env, char* owned) { std::free(owned); });
}

}  // namespace

BatchColumns MapBatchInputs(Napi::Array inputs, size_t count) {
  auto column_buffer = inputs.Get(0u).As<Napi::ArrayBuffer>();
  return BatchColumns::Map(count, column_buffer.ByteLength() / kColumnBytesPerOp,
                           static_cast<uint8_t*>(column_buffer.Data()),
                           BufferData(inputs.Get(1u)), BufferData(inputs.Get(2u)));
}

std::vector<napi_value> BatchResultArguments(Napi::Env env, BatchResult& result,
                                             Napi::Value values) {
  Napi::Value value_buffer = values.IsEmpty() ? HitValueBuffer(env, result.values) : values;
  Napi::Value faults = env.Undefined();
  if (!result.faults.empty()) {
    Napi::Array list = Napi::Array::New(env, result.faults.size() * 3);
    uint32_t slot = 0;
    for (const Fault& fault : result.faults) {
      list.Set(slot++, Napi::Number::New(env, fault.index));
      list.Set(slot++, Napi::String::New(env, fault.server));
      list.Set(slot++, Napi::String::New(env, fault.message));
    }
    faults = list;
  }
  Napi::Array answered = Napi::Array::New(env, result.answered_servers.size());
  for (uint32_t i = 0; i < result.answered_servers.size(); ++i) {
    answered.Set(i, Napi::String::New(env, result.answered_servers[i]));
  }
  return {env.Null(), value_buffer, faults, answered};
}

void CallBack(napi_env env, napi_value receiver, napi_value callback,
              const std::vector<napi_value>& arguments, napi_async_context context) {
  napi_value ignored;
  napi_status status =
      context != nullptr
          ? napi_make_callback(env, context, receiver, callback, arguments.size(), arguments.data(),
                               &ignored)
          : napi_call_function(env, receiver, callback, arguments.size(), arguments.data(),
                               &ignored);
  if (status == napi_ok) return;
  bool pending = false;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
    napi_value exception;
    napi_get_and_clear_last_exception(env, &exception);
  }
}

}  // namespace mcnative
