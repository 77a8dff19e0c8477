// The JS-visible object of one connection pool: `new NativeClient(config)`.
//
// All methods run on the JS thread. The pool is destroyed only when no batch
// holds a lease: a running batch uses the pool's connections.
#pragma once

#include <napi.h>

#include <memory>
#include <vector>

#include "../engine/pool.h"
#include "admin_worker.h"

namespace mcnative {

class LoopBatch;

class NativeClient : public Napi::ObjectWrap<NativeClient> {
 public:
  static Napi::Function Define(Napi::Env env);

  explicit NativeClient(const Napi::CallbackInfo& info);
  ~NativeClient() override;

  Pool& pool() { return *pool_; }
  // Called on the JS thread when a batch or admin command of this client
  // starts, and when it ends: the pool lives until the last one has ended.
  void WorkStarted() { ++running_; }
  void WorkFinished();
  // The batches running on the event loop, which a close by force interrupts.
  void LoopBatchStarted(LoopBatch* batch) { loop_batches_.push_back(batch); }
  void LoopBatchEnded(LoopBatch* batch);

 private:
  // execute(count, columnBuffer, keys, values, valuesInPlace, threadAllowed,
  // callback): where
  // the batch runs, decided here once: kRanOnLoop (loop_driver.h),
  // kRanOnThread (thread_driver.h), or kNotStarted when it needs a thread and
  // `threadAllowed` is false (the caller holds no thread slot).
  Napi::Value Execute(const Napi::CallbackInfo& info);
  // stats(argument, callback), version(callback), flush(delaySeconds, callback)
  Napi::Value Stats(const Napi::CallbackInfo& info);
  Napi::Value Version(const Napi::CallbackInfo& info);
  Napi::Value Flush(const Napi::CallbackInfo& info);
  // serverFor(key: Buffer): the `host:port` the placement sends `key` to.
  Napi::Value ServerFor(const Napi::CallbackInfo& info);
  // The servers as `host:port`, by position: what batches' `answered` refer to.
  Napi::Value ServerNames(const Napi::CallbackInfo& info);
  // setServerDead(server: 'host:port', dead: boolean, reason: string): a dead
  // server gets no traffic from any connection set until it is set alive again.
  Napi::Value SetServerDead(const Napi::CallbackInfo& info);
  // trimIdle(ms): frees connection sets idle for longer; returns how many.
  Napi::Value TrimIdle(const Napi::CallbackInfo& info);
  // connectionSets(): { total, free, sockets }.
  Napi::Value ConnectionSets(const Napi::CallbackInfo& info);
  // close(): frees the pool now, or as soon as the last running batch ends;
  // the batches still running are interrupted (Pool::Interrupt for those on
  // worker threads, LoopBatch::Interrupt for those on the event loop).
  Napi::Value Close(const Napi::CallbackInfo& info);

  Napi::Value QueueAdmin(const Napi::CallbackInfo& info, Napi::Value callback, Opcode command,
                         std::string argument, uint32_t delay);
  void EnsureOpen(Napi::Env env) const;

  std::unique_ptr<Pool> pool_;
  uint32_t running_ = 0;
  std::vector<LoopBatch*> loop_batches_;
  bool closing_ = false;
};

// Reads a PoolConfig from the plain object the TypeScript layer builds.
PoolConfig ReadPoolConfig(Napi::Object config);

// What execute() returns: where the batch went.
enum BatchPlace : uint32_t { kRanOnLoop = 0, kRanOnThread = 1, kNotStarted = 2 };

}  // namespace mcnative
