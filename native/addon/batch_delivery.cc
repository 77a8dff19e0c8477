#include "batch_delivery.h"

#include <cstdlib>
#include <cstring>

#include "handed_over.h"

namespace mcnative {

namespace {

// Up to this size, hit values are copied into an ArrayBuffer of V8's own.
constexpr size_t kMostCopiedValueBytes = 16 * 1024;

const char* BufferData(Napi::Value value) { return value.As<Napi::Buffer<char>>().Data(); }

// The hit values as an ArrayBuffer (small) or a Buffer (large), or undefined
// when there are none (most writes); the ValueBuffer is left empty or freed later.
Napi::Value HitValueBuffer(Napi::Env env, ValueBuffer& values) {
  if (values.empty()) return env.Undefined();
  // Copying is cheaper than handing the memory over: no finalizer to register
  // and run. And into a plain ArrayBuffer: making a Buffer from C++ (its
  // prototype set on a new Uint8Array) cost a microsecond more than a view
  // made in JS.
  if (values.size() <= kMostCopiedValueBytes) {
    auto copy = Napi::ArrayBuffer::New(env, values.size());
    std::memcpy(copy.Data(), values.data(), values.size());
    return copy;
  }
  size_t size = values.size();
  size_t capacity = values.capacity();
  char* data = values.data();
  Napi::Buffer<char> buffer = HandOver(env, data, size, capacity, false);
  values.Release();
  return buffer;
}

// The values in blocks of their own, each as a Buffer of its own, in the
// order of their numbers; undefined when there are none.
Napi::Value OwnValueBuffers(Napi::Env env, ValueBuffer& values) {
  std::vector<ValueBuffer::OwnBlock>& blocks = values.own_blocks();
  if (blocks.empty()) return env.Undefined();
  Napi::Array list = Napi::Array::New(env, blocks.size());
  for (uint32_t i = 0; i < blocks.size(); ++i) {
    ValueBuffer::OwnBlock block = blocks[i];
    Napi::Buffer<char> buffer = HandOver(env, block.data, block.length, block.capacity, true);
    // The Buffer owns it now; the ValueBuffer frees the rest if anything throws.
    blocks[i].data = nullptr;
    list.Set(i, buffer);
  }
  blocks.clear();
  return list;
}

// A bit per position while the positions fit a small integer (making the
// servers' name strings and an array for them was 0.8 us of each batch), an
// array of positions beyond.
Napi::Value AnsweredServers(Napi::Env env, const std::vector<uint32_t>& positions) {
  constexpr uint32_t kPositionsInBits = 31;
  uint32_t bits = 0;
  for (uint32_t position : positions) {
    if (position >= kPositionsInBits) {
      Napi::Array list = Napi::Array::New(env, positions.size());
      for (uint32_t i = 0; i < positions.size(); ++i) list.Set(i, positions[i]);
      return list;
    }
    bits |= 1u << position;
  }
  return Napi::Number::New(env, bits);
}

}  // namespace

BatchColumns MapBatchInputs(Napi::Array inputs, size_t count) {
  auto column_buffer = inputs.Get(0u).As<Napi::ArrayBuffer>();
  BatchColumns columns = BatchColumns::Map(count, column_buffer.ByteLength() / kColumnBytesPerOp,
                                           static_cast<uint8_t*>(column_buffer.Data()),
                                           BufferData(inputs.Get(1u)), BufferData(inputs.Get(2u)));
  // The Buffers stay where they are: `inputs` keeps them referenced.
  Napi::Array in_place = inputs.Get(3u).As<Napi::Array>();
  columns.values_in_place.reserve(in_place.Length());
  for (uint32_t i = 0; i < in_place.Length(); ++i) {
    auto buffer = in_place.Get(i).As<Napi::Buffer<char>>();
    columns.values_in_place.emplace_back(buffer.Data(), buffer.Length());
  }
  return columns;
}

std::vector<napi_value> BatchResultArguments(Napi::Env env, BatchResult& result, Napi::Value values,
                                             bool more) {
  Napi::Value value_buffer = values.IsEmpty() ? HitValueBuffer(env, result.values) : values;
  Napi::Value faults = env.Undefined();
  if (!result.faults.empty()) {
    Napi::Array list = Napi::Array::New(env, result.faults.size() * kFaultFields);
    uint32_t slot = 0;
    for (const Fault& fault : result.faults) {
      list.Set(slot++, Napi::Number::New(env, fault.index));
      list.Set(slot++, Napi::String::New(env, fault.server));
      list.Set(slot++, Napi::String::New(env, fault.message));
      list.Set(slot++, Napi::String::New(env, fault.system_code ? fault.system_code : ""));
      list.Set(slot++, Napi::Boolean::New(env, fault.skipped));
    }
    faults = list;
  }
  return {env.Null(),
          value_buffer,
          faults,
          AnsweredServers(env, result.answered_servers),
          Napi::Boolean::New(env, more),
          OwnValueBuffers(env, result.values)};
}

void CallBack(napi_env env, napi_value receiver, napi_value callback,
              const std::vector<napi_value>& arguments, napi_async_context context) {
  napi_value ignored;
  napi_status status = context != nullptr
                           ? napi_make_callback(env, context, receiver, callback, arguments.size(),
                                                arguments.data(), &ignored)
                           : napi_call_function(env, receiver, callback, arguments.size(),
                                                arguments.data(), &ignored);
  if (status == napi_ok) return;
  bool pending = false;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
    napi_value exception;
    napi_get_and_clear_last_exception(env, &exception);
  }
}

}  // namespace mcnative
