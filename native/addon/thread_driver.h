// The thread driver: carries one batch from the JS thread to a libuv worker
// thread, runs it there to the end waiting in poll() (BatchRun::RunToEnd), and
// back. For what must not happen on the event loop: connecting (and looking
// the host up), and batches too large to parse there (see loop_driver.h, its
// pair).
//
// The constructor and OnOK/OnError run on the JS thread; Execute runs on a
// libuv worker thread and touches only plain C++ data.
#pragma once

#include <napi.h>

#include "../engine/batch.h"
#include "../engine/pool.h"

namespace mcnative {

class NativeClient;

class ThreadBatch : public Napi::AsyncWorker {
 public:
  // `inputs` holds [columnBuffer, keys, values]; it stays referenced until the
  // batch completes so the memory the columns point into cannot be collected.
  // `set` was acquired for this batch on the JS thread and holds no
  // event-loop watchers.
  ThreadBatch(NativeClient* client, Napi::Object receiver, Napi::Function callback,
              Napi::Array inputs, size_t count, ConnectionSet* set);

  void Execute() override;                          // libuv worker thread
  void OnOK() override;                             // JS thread
  void OnError(const Napi::Error& error) override;  // JS thread

 private:
  NativeClient* client_;
  ConnectionSet* set_;
  Napi::Reference<Napi::Array> inputs_;
  BatchColumns columns_;
  BatchResult result_;
};

}  // namespace mcnative
