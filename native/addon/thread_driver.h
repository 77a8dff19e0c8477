// The thread driver: carries one batch from the JS thread to a libuv worker
// thread, runs it there to the end waiting in poll() (BatchRun::RunToEnd), and
// back. For what must not happen on the event loop: connecting (and looking
// the host up), and batches too large to parse there (see loop_driver.h, its
// pair).
//
// The constructor and Results run on the JS thread; Run runs on a libuv
// worker thread and touches only plain C++ data (client_worker.h).
#pragma once

#include <napi.h>

#include <vector>

#include "../engine/batch.h"
#include "../engine/pool.h"
#include "../engine/wire_format.h"
#include "client_worker.h"

namespace mcnative {

class NativeClient;

class ThreadBatch : public ClientWorker {
 public:
  // `inputs` holds [columnBuffer, keys, values, valuesInPlace]; it stays
  // referenced until the batch completes so the memory the columns point into
  // cannot be collected. `set` was acquired for this batch on the JS thread
  // (see ClientWorker). `reply_ms`: the batch's reply deadline.
  // `columns` was mapped from `inputs`; `placed`, if not empty, is what
  // BatchRun::Place made of it (otherwise the worker thread places the keys).
  ThreadBatch(NativeClient* client, Napi::Object receiver, Napi::Function callback,
              Napi::Array inputs, const BatchColumns& columns, std::vector<Command> placed,
              ConnectionSet* set, int reply_ms);

 private:
  void Run(Pool& pool, ConnectionSet& set) override;
  std::vector<napi_value> Results(Napi::Env env) override;

  Napi::Reference<Napi::Array> inputs_;
  BatchColumns columns_;
  std::vector<Command> placed_;
  BatchResult result_;
  const int reply_ms_;
};

}  // namespace mcnative
