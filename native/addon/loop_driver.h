// The loop driver: runs a batch on the event loop instead of a libuv worker
// thread (thread_driver.h, its pair). Both run the same BatchRun; this one
// waits in uv_poll watchers on the non-blocking sockets and one uv_timer for
// the deadline.
//
// Handing a batch to a worker thread and back costs two thread wake-ups
// (about 35 us on the development machine), more than the round trip to a
// nearby server: at one call in flight that is most of the call. So a batch
// of at most kMaxLoopBatch operations whose connections are already open (or
// whose servers are down, which costs no I/O) runs on the JS thread: nothing
// it does can block, while connecting (and its host name lookup, and a SASL
// login) is left to a worker thread.
//
// The watchers stay with the connection set between batches (registering a socket
// with epoll costs several system calls), watching for readability: a socket
// that becomes readable while idle was closed by the server, and is closed.
//
// In a batch of one round, a server that has answered everything while
// others still owe replies gets its operations settled early: once the I/O of the loop turn has
// been handled (a uv_check), the callback runs for the servers done so far, with `more` set, and
// once more for the rest when the batch ends. The promises of a fast server resolve, and the work
// they start, while the slow ones answer, instead of all of it after the slowest.
#pragma once

#include <napi.h>
#include <uv.h>

#include <memory>
#include <vector>

#include "../engine/batch.h"
#include "../engine/batch_run.h"
#include "../engine/pool.h"

namespace mcnative {

class NativeClient;

// Operations in a batch that may run on the event loop. Larger batches amortise
// the thread hop, and keep their parsing and copying off the JS thread.
constexpr size_t kMaxLoopBatch = 64;

struct SocketWatcher;

class LoopBatch {
 public:
  // Starts the batch `columns` (mapped from `inputs`) on `set` (acquired by
  // the caller on the JS thread) when it qualifies, and returns true; false
  // leaves the batch and the connection set to the caller, with nothing sent,
  // and in `*placed` its commands if it placed them (for the thread driver,
  // so that no key is hashed twice). `reply_ms`: the batch's reply deadline.
  static bool TryStart(NativeClient* client, Napi::Env env, Napi::Object receiver,
                       Napi::Function callback, Napi::Array inputs, const BatchColumns& columns,
                       ConnectionSet* set, int reply_ms, std::vector<Command>* placed);
  // With MEMCACHE_NATIVE_DRIVER=thread in the environment every batch goes
  // to the thread driver: the test suite runs once that way, to show that both
  // drivers answer alike.
  static bool ThreadDriverForced();
  // Before `set` goes to a worker thread, which may close and reopen its
  // sockets: the event loop stops watching them.
  static void StopWatchingSockets(ConnectionSet& set);

  // The client was closed by force: what is left fails with CLOSED now, and
  // the batch ends on the next turn of the event loop (never calling back
  // from inside close()).
  void Interrupt();

  LoopBatch(const LoopBatch&) = delete;
  LoopBatch& operator=(const LoopBatch&) = delete;

 private:
  friend struct SocketWatcher;

  LoopBatch(NativeClient* client, Napi::Env env, const BatchColumns& columns,
            std::vector<Command> placed, ConnectionSet* set);
  ~LoopBatch();

  // Whether every connection the `placed` commands need in `set` is open and
  // was not closed by its server while idle.
  static bool ConnectionsReady(Pool& pool, const ConnectionSet& set,
                               const std::vector<Command>& placed);
  // `inputs` keeps the memory of `columns` and of the keys and values alive.
  void Start(Napi::Object receiver, Napi::Function callback, Napi::Array inputs);
  // After every event: watches what the pipeline waits for, or finishes.
  void Refresh();
  SocketWatcher* WatcherFor(uint32_t server, int fd);
  // The pipeline is about to close the server's socket.
  void StopWatching(uint32_t server);
  // The batch no longer needs events from the server's socket.
  void LetGo(uint32_t server);
  void Finish();
  // Settles and calls back for the servers that ended while others still wait.
  void DeliverEnded();
  // `values`, when given, replaces result.values as the hit values.
  void Deliver(BatchResult& result, Napi::Value values, bool more);
  void StartCheck();
  void CloseHandles();
  // The environment is going away with this batch in flight (a worker thread
  // exiting): stop watching, give the lease back, call no JS.
  static void OnEnvironmentCleanup(void* batch);

  static void OnTimer(uv_timer_t* timer);
  static void OnCheck(uv_check_t* check);
  static void OnHandleClosed(uv_handle_t* handle);

  NativeClient* const client_;
  Pool* const pool_;
  ConnectionSet* set_;
  const Napi::Env env_;
  Napi::ObjectReference receiver_;
  Napi::FunctionReference callback_;
  Napi::Reference<Napi::Array> inputs_;  // keeps the column, key and value memory alive
  // Leaked, never destroyed, when the environment goes away first.
  std::unique_ptr<Napi::AsyncContext> async_context_;
  uv_loop_t* loop_ = nullptr;

  BatchColumns columns_;
  BatchResult result_;
  BatchRun run_;

  std::vector<uint8_t> watching_;      // by server: this batch gets its socket's events
  std::vector<Pipeline::Wait> waits_;  // Refresh's scratch, kept to avoid allocating per event
  std::vector<uint8_t> waited_;
  std::vector<uint8_t> ended_;  // by server: answered everything, not delivered yet
  bool any_ended_ = false;
  uv_timer_t* timer_ = nullptr;
  uv_check_t* check_ = nullptr;
  int open_handles_ = 0;  // timer and check: the batch is freed once they are closed
  bool finished_ = false;
};

}  // namespace mcnative
