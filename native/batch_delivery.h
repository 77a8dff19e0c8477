// The N-API side of a batch, shared by the two ways a batch runs (a libuv
// worker thread, or the event loop): its inputs as columns, and its results
// as the arguments of the JS callback.
#pragma once

#include <napi.h>

#include <vector>

#include "batch.h"

namespace mcnative {

// `inputs` holds [columnBuffer, keys, values], as NativeClient::Execute keeps them.
BatchColumns MapBatchInputs(Napi::Array inputs, size_t count);

// (null, values, faults, answered): the hit values handed over without a copy
// (the Buffer owns them), faults flat as [index, server, message, ...] or
// undefined, and the servers that answered something.
std::vector<napi_value> BatchResultArguments(Napi::Env env, BatchResult& result);

}  // namespace mcnative
