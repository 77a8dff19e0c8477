// What a NativeClient runs on a libuv worker thread: a batch on the thread
// driver (thread_driver.h) or a server-wide command (admin_worker.h). One
// completion for both: the work leases a connection set chosen on the JS
// thread, counts as the client's work from Start() until it has called back,
// and calls back on the JS thread with the arguments Results() builds, or
// with the error Run() threw.
//
// Start, Results, OnOK and OnError run on the JS thread; Execute and Run on a
// libuv worker thread, touching only plain C++ data.
#pragma once

#include <napi.h>

#include <vector>

#include "../engine/pool.h"

namespace mcnative {

class NativeClient;

class ClientWorker : public Napi::AsyncWorker {
 public:
  // Hands the work to a libuv worker thread. The event loop stops watching
  // the set's sockets first: the worker thread may close and reopen them.
  void Start();

 protected:
  // `set` was acquired for this work on the JS thread; it goes back to the
  // pool when Run returns or throws.
  ClientWorker(NativeClient* client, Napi::Object receiver, Napi::Function callback,
               const char* resource_name, ConnectionSet* set);

  virtual void Run(Pool& pool, ConnectionSet& set) = 0;        // libuv worker thread
  virtual std::vector<napi_value> Results(Napi::Env env) = 0;  // JS thread, after Run

 private:
  void Execute() final;                          // libuv worker thread
  void OnOK() final;                             // JS thread
  void OnError(const Napi::Error& error) final;  // JS thread

  NativeClient* const client_;
  ConnectionSet* const set_;
};

}  // namespace mcnative
