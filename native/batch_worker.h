// Carries one batch from the JS thread to a libuv worker thread and back.
//
// Constructor and OnOK/OnError run on the JS thread; Execute runs on a libuv
// worker thread and touches only plain C++ data and libmemcached.
#pragma once

#include <napi.h>

#include <string>

#include "batch.h"
#include "pool.h"

namespace mcnative {

class NativeClient;

class BatchWorker : public Napi::AsyncWorker {
 public:
  // `inputs` holds [columnBuffer, keys, values]; it stays referenced until the
  // batch completes so the memory the columns point into cannot be collected.
  // `handle` was acquired for this batch on the JS thread and holds no
  // event-loop watchers; nullptr when none could be made (`acquire_error` says
  // why), and the batch fails with that.
  BatchWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
              Napi::Array inputs, size_t count, Handle* handle, std::string acquire_error);

  void Execute() override;                        // libuv worker thread
  void OnOK() override;                           // JS thread
  void OnError(const Napi::Error& error) override;  // JS thread

 private:
  // Builds the JS results and calls back; the JS callback itself never throws.
  void DeliverResults();

  NativeClient* client_;
  Handle* handle_;
  std::string acquire_error_;
  Napi::Reference<Napi::Array> inputs_;
  BatchColumns columns_;
  BatchResult result_;
};

}  // namespace mcnative
