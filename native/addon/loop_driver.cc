#include "loop_driver.h"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "batch_delivery.h"
#include "client.h"

namespace mcnative {

// One socket of a connection set, watched by the event loop for the batches that run
// there, and between them for the server closing it.
struct SocketWatcher {
  uv_poll_t poll;  // first: the uv handle's address is the watcher's
  ConnectionSet* set;
  uint32_t server;
  int fd;
  LoopBatch* batch = nullptr;  // the batch it reports to; nullptr while idle
  uint32_t channel = 0;
  int events = 0;  // what uv_poll_start was last given

  static void OnPoll(uv_poll_t* poll, int status, int events);
  static void OnClosed(uv_handle_t* poll) { delete reinterpret_cast<SocketWatcher*>(poll); }
};

// The watchers of a connection set's sockets, by server. Destroyed, which
// closes them, on the JS thread only.
struct LoopWatchers : ConnectionSet::Watchers {
  explicit LoopWatchers(size_t servers) : by_server(servers) {}
  ~LoopWatchers() override;

  std::vector<SocketWatcher*> by_server;
};

namespace {

// Early deliveries copy their hit values (the batch's value sink keeps
// growing); past this many bytes the values wait for the batch's end instead.
constexpr size_t kMostCopiedEarly = 256 * 1024;

// A server that answered this recently is not asked whether it closed the
// connection since (see TryStart).
constexpr auto kRecentlyHeardFrom = std::chrono::milliseconds(1);

short PollEvents(int status, int uv_events) {
  if (status < 0) return POLLERR;
  short events = 0;
  if (uv_events & UV_READABLE) events |= POLLIN;
  if (uv_events & UV_WRITABLE) events |= POLLOUT;
  if (uv_events & UV_DISCONNECT) events |= POLLHUP;
  return events;
}

LoopWatchers* WatchersOf(ConnectionSet& set) {
  return static_cast<LoopWatchers*>(set.watchers.get());
}

// Closes the watcher of `server`, if any; the socket stays as it is. uv_close
// forgets the socket at once, so it may be closed right after.
void CloseWatcher(ConnectionSet& set, uint32_t server) {
  if (set.watchers == nullptr) return;
  SocketWatcher*& watcher = WatchersOf(set)->by_server[server];
  if (watcher == nullptr) return;
  uv_close(reinterpret_cast<uv_handle_t*>(&watcher->poll), SocketWatcher::OnClosed);
  watcher = nullptr;
}

void Watch(SocketWatcher* watcher, int events) {
  if (events == watcher->events) return;
  uv_poll_start(&watcher->poll, events, SocketWatcher::OnPoll);
  watcher->events = events;
}

}  // namespace

LoopWatchers::~LoopWatchers() {
  for (SocketWatcher* watcher : by_server) {
    if (watcher != nullptr) {
      uv_close(reinterpret_cast<uv_handle_t*>(&watcher->poll), SocketWatcher::OnClosed);
    }
  }
}

void SocketWatcher::OnPoll(uv_poll_t* poll, int status, int events) {
  auto* watcher = reinterpret_cast<SocketWatcher*>(poll);
  if (LoopBatch* batch = watcher->batch) {
    batch->run_.OnReady(watcher->channel, PollEvents(status, events));
    batch->Refresh();
    return;
  }
  // Readable while idle: the server closed the connection (or sent what no
  // command asked for). Either way it cannot carry the next batch.
  ConnectionSet& set = *watcher->set;
  Connection& connection = *set.connections[watcher->server];
  CloseWatcher(set, watcher->server);
  connection.Close();
}

void LoopBatch::StopWatchingSockets(ConnectionSet& set) { set.watchers.reset(); }

bool LoopBatch::ThreadDriverForced() {
  static const bool forced = [] {
    const char* driver = std::getenv("MEMCACHE_NATIVE_DRIVER");
    return driver != nullptr && std::strcmp(driver, "thread") == 0;
  }();
  return forced;
}

bool LoopBatch::TryStart(NativeClient* client, Napi::Env env, Napi::Object receiver,
                         Napi::Function callback, Napi::Array inputs, const BatchColumns& columns,
                         ConnectionSet* set, int reply_ms, std::vector<Command>* placed) {
  if (columns.count == 0 || columns.count > kMaxLoopBatch || ThreadDriverForced()) return false;
  Pool& pool = client->pool();
  *placed = BatchRun::Place(pool.placement(), columns);
  if (!ConnectionsReady(pool, *set, *placed)) return false;
  auto* batch = new LoopBatch(client, env, columns, std::move(*placed), set);
  batch->run_.set_reply_ms(reply_ms);
  batch->Start(receiver, callback, inputs);
  return true;
}

bool LoopBatch::ConnectionsReady(Pool& pool, const ConnectionSet& set,
                                 const std::vector<Command>& placed) {
  std::vector<uint8_t> checked(set.connections.size(), 0);
  // An idle socket with something to read was closed by its server (the
  // watchers catch that too, but only once the loop has polled since). One
  // poll() for every server of the batch, but for those that answered within
  // the last millisecond, which is what back-to-back calls meet: a server that
  // went away since then is no likelier than one that goes away with the
  // batch in flight, and fails the batch the same way.
  std::vector<pollfd> idle_sockets;
  const auto now = std::chrono::steady_clock::now();
  for (const Command& command : placed) {
    uint32_t server = command.server;
    if (checked[server]) continue;
    checked[server] = 1;
    std::string reason;
    Status status;
    // A server marked down costs no I/O: its operations fail at once.
    if (pool.health().IsDown(server, &reason, &status)) continue;
    const Connection& connection = *set.connections[server];
    if (connection.state() != Connection::State::kOpen) return false;
    if (now - connection.last_received() > kRecentlyHeardFrom) {
      idle_sockets.push_back(pollfd{connection.fd(), POLLIN, 0});
    }
  }
  return idle_sockets.empty() || poll(idle_sockets.data(), idle_sockets.size(), 0) == 0;
}

LoopBatch::LoopBatch(NativeClient* client, Napi::Env env, const BatchColumns& columns,
                     std::vector<Command> placed, ConnectionSet* set)
    : client_(client),
      pool_(&client->pool()),
      set_(set),
      env_(env),
      columns_(columns),
      run_(*pool_, *set, columns_, std::move(placed), &result_.values, /*connect_allowed=*/false) {}

LoopBatch::~LoopBatch() = default;

void LoopBatch::Start(Napi::Object receiver, Napi::Function callback, Napi::Array inputs) {
  watching_.assign(set_->connections.size(), 0);
  run_.set_before_close([this](uint32_t server) { StopWatching(server); });
  // The requests go out first: the rest is bookkeeping, done while the
  // servers work on them.
  run_.Start();
  receiver_ = Napi::Persistent(receiver);
  callback_ = Napi::Persistent(callback);
  inputs_ = Napi::Persistent(inputs);
  async_context_ = std::make_unique<Napi::AsyncContext>(env_, "memcache-native:batch");
  client_->WorkStarted();
  client_->LoopBatchStarted(this);
  napi_get_uv_event_loop(env_, &loop_);
  napi_add_env_cleanup_hook(env_, OnEnvironmentCleanup, this);
  timer_ = new uv_timer_t;
  uv_timer_init(loop_, timer_);
  timer_->data = this;
  open_handles_ = 1;
  ended_.assign(set_->connections.size(), 0);
  // A batch over servers that are all down is done already: it still calls
  // back from the event loop, never from inside execute().
  if (run_.Done()) {
    uv_timer_start(timer_, OnTimer, 0, 0);
    return;
  }
  Refresh();
}

SocketWatcher* LoopBatch::WatcherFor(uint32_t server, int fd) {
  if (set_->watchers == nullptr) {
    set_->watchers = std::make_unique<LoopWatchers>(set_->connections.size());
  }
  SocketWatcher*& watcher = WatchersOf(*set_)->by_server[server];
  if (watcher != nullptr && watcher->fd != fd) CloseWatcher(*set_, server);
  if (watcher == nullptr) {
    watcher = new SocketWatcher{{}, set_, server, fd};
    uv_poll_init_socket(loop_, &watcher->poll, fd);
  }
  return watcher;
}

void LoopBatch::Refresh() {
  if (finished_) return;
  if (run_.Done()) {
    Finish();
    return;
  }
  Pipeline::Clock::time_point deadline;
  run_.Waits(&waits_, &deadline);
  waited_.assign(watching_.size(), 0);
  for (const Pipeline::Wait& wait : waits_) {
    waited_[wait.server] = 1;
    watching_[wait.server] = 1;
    SocketWatcher* watcher = WatcherFor(wait.server, wait.fd);
    // A batch in flight keeps the process alive, as a pending socket read would.
    uv_ref(reinterpret_cast<uv_handle_t*>(&watcher->poll));
    watcher->batch = this;
    watcher->channel = wait.channel;
    Watch(watcher, UV_READABLE | ((wait.events & POLLOUT) ? UV_WRITABLE : 0));
  }
  // A channel that got all its replies needs no more events, and in a batch
  // of one round its operations may go back before the others'.
  for (uint32_t server = 0; server < watching_.size(); ++server) {
    if (watching_[server] && !waited_[server]) {
      LetGo(server);
      if (!run_.single_round()) continue;
      ended_[server] = 1;
      if (!any_ended_) StartCheck();
      any_ended_ = true;
    }
  }
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Pipeline::Clock::now());
  uv_timer_start(timer_, OnTimer, static_cast<uint64_t>(std::max<int64_t>(left.count(), 0)), 0);
}

void LoopBatch::Interrupt() {
  if (finished_) return;
  run_.Interrupt();
  uv_timer_start(timer_, OnTimer, 0, 0);
}

void LoopBatch::StopWatching(uint32_t server) {
  watching_[server] = 0;
  CloseWatcher(*set_, server);
}

void LoopBatch::LetGo(uint32_t server) {
  watching_[server] = 0;
  if (set_->watchers == nullptr) return;
  SocketWatcher* watcher = WatchersOf(*set_)->by_server[server];
  if (watcher == nullptr) return;
  watcher->batch = nullptr;
  Watch(watcher, UV_READABLE);
  // An idle client must not keep the process alive.
  uv_unref(reinterpret_cast<uv_handle_t*>(&watcher->poll));
}

void LoopBatch::OnTimer(uv_timer_t* timer) {
  auto* batch = static_cast<LoopBatch*>(timer->data);
  batch->run_.OnClock();
  batch->Refresh();
}

void LoopBatch::StartCheck() {
  // Made on first use: most batches (one server, or all answering in one
  // loop turn) never need it.
  if (check_ == nullptr) {
    check_ = new uv_check_t;
    uv_check_init(loop_, check_);
    check_->data = this;
    // It runs only while the batch is in flight, which the watchers already
    // keep the loop alive for.
    uv_unref(reinterpret_cast<uv_handle_t*>(check_));
    ++open_handles_;
  }
  uv_check_start(check_, OnCheck);
}

void LoopBatch::OnCheck(uv_check_t* check) { static_cast<LoopBatch*>(check->data)->DeliverEnded(); }

void LoopBatch::CloseHandles() {
  uv_close(reinterpret_cast<uv_handle_t*>(timer_), OnHandleClosed);
  if (check_ != nullptr) uv_close(reinterpret_cast<uv_handle_t*>(check_), OnHandleClosed);
}

void LoopBatch::OnHandleClosed(uv_handle_t* handle) {
  auto* batch = static_cast<LoopBatch*>(handle->data);
  if (handle->type == UV_TIMER) {
    delete reinterpret_cast<uv_timer_t*>(handle);
  } else {
    delete reinterpret_cast<uv_check_t*>(handle);
  }
  if (--batch->open_handles_ == 0) delete batch;
}

void LoopBatch::Finish() {
  finished_ = true;
  for (uint32_t server = 0; server < watching_.size(); ++server) {
    if (watching_[server]) LetGo(server);
  }
  CloseHandles();  // frees the batch later
  napi_remove_env_cleanup_hook(env_, OnEnvironmentCleanup, this);
  run_.WriteResults(/*servers=*/nullptr, columns_, &result_, /*copy_values_to=*/nullptr);
  pool_->Release(set_);
  set_ = nullptr;
  client_->LoopBatchEnded(this);
  client_->WorkFinished();
  Deliver(result_, Napi::Value(), /*more=*/false);
  receiver_.Reset();
  callback_.Reset();
  inputs_.Reset();
}

void LoopBatch::DeliverEnded() {
  uv_check_stop(check_);
  if (finished_ || !any_ended_) return;
  any_ended_ = false;
  size_t hit_bytes = 0;
  for (uint32_t i = 0; i < run_.count(); ++i) {
    if (ended_[run_.ServerOf(i)]) hit_bytes += run_.OutcomeOf(i).value_length;
  }
  if (hit_bytes > kMostCopiedEarly) return;  // they go with the rest at the end
  // As in ClientWorker::OnOK: failing here means the environment is going away.
  try {
    Napi::HandleScope scope(env_);
    Napi::Value values = env_.Undefined();
    char* copy_to = nullptr;
    if (hit_bytes > 0) {
      auto buffer = Napi::ArrayBuffer::New(env_, hit_bytes);
      copy_to = static_cast<char*>(buffer.Data());
      values = buffer;
    }
    BatchResult early;
    run_.WriteResults(&ended_, columns_, &early, copy_to);
    std::fill(ended_.begin(), ended_.end(), 0);
    Deliver(early, values, /*more=*/true);
  } catch (const Napi::Error&) {
  }
}

void LoopBatch::Deliver(BatchResult& result, Napi::Value values, bool more) {
  // As in ClientWorker::OnOK: failing here means the environment is going away.
  try {
    Napi::HandleScope scope(env_);
    std::vector<napi_value> arguments = BatchResultArguments(env_, result, values, more);
    // As a worker's completion does: promise reactions run after it.
    CallBack(env_, receiver_.Value(), callback_.Value(), arguments, *async_context_);
  } catch (const Napi::Error&) {
  }
}

void LoopBatch::OnEnvironmentCleanup(void* arg) {
  auto* batch = static_cast<LoopBatch*>(arg);
  batch->finished_ = true;
  StopWatchingSockets(*batch->set_);
  batch->CloseHandles();
  batch->pool_->Release(batch->set_);
  batch->set_ = nullptr;
  batch->client_->LoopBatchEnded(batch);
  // Hooks run in the reverse order of their registration, so the client (kept
  // alive by the batch's reference) is still there: its finalizer, which runs
  // later, may now free the pool and close its sockets.
  batch->client_->WorkFinished();
  // Nothing may call into the environment any more, not even to let go.
  batch->receiver_.SuppressDestruct();
  batch->callback_.SuppressDestruct();
  batch->inputs_.SuppressDestruct();
  (void)batch->async_context_.release();
}

}  // namespace mcnative
