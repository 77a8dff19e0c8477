// The N-API side of a batch, shared by its two drivers (a libuv worker
// thread, or the event loop): its inputs as columns, and its results
// as the arguments of the JS callback.
#pragma once

#include <napi.h>

#include <vector>

#include "../engine/batch.h"

namespace mcnative {

// `inputs` holds [columnBuffer, keys, values, valuesInPlace], as
// NativeClient::Execute keeps them (and checked them: IsWellFormedBatch).
BatchColumns MapBatchInputs(Napi::Array inputs, size_t count);

// Fields per fault in the callback's flat list: index, server, message,
// system code ('' for none), skipped (never sent).
constexpr uint32_t kFaultFields = 5;

// (null, values, faults, answered, more, ownValues): the values of the hits
// under ValueBuffer::kOwnBlockFrom as one ArrayBuffer (small) or Buffer
// (large), undefined when there are none; faults flat (see kFaultFields) or
// undefined; the positions of the servers that answered something: a number
// with a bit per position when every position is below 31, else an array;
// whether more calls follow for this batch; and the larger values as an array
// of Buffers of their own (by the number in their reference), or undefined.
// `values`, when given, is handed over instead of result.values' shared block.
std::vector<napi_value> BatchResultArguments(Napi::Env env, BatchResult& result,
                                             Napi::Value values = Napi::Value(), bool more = false);

// Calls a completion callback without ever throwing: node-addon-api's own call
// turns a failure into a C++ exception whose construction aborts the process
// when JS can no longer run (a worker thread that called process.exit from a
// promise reaction of this very callback). With `context`, as MakeCallback
// (promise reactions run after it); without, as a plain call from inside one.
// A failed call is dropped: the environment is going away.
void CallBack(napi_env env, napi_value receiver, napi_value callback,
              const std::vector<napi_value>& arguments, napi_async_context context = nullptr);

}  // namespace mcnative
