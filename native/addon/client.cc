#include "client.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "../engine/batch.h"
#include "../engine/opcodes_statuses.h"
#include "admin_worker.h"
#include "batch_delivery.h"
#include "loop_driver.h"
#include "thread_driver.h"

namespace mcnative {

namespace {

uint32_t ReadUint32(Napi::Object object, const char* name) {
  return object.Get(name).As<Napi::Number>().Uint32Value();
}

// A setting the TypeScript layer always passes (options.ts poolConfig); the
// default stands only for a configuration made by hand.
int ReadSetting(Napi::Object config, const char* name, int fallback) {
  Napi::Value value = config.Get(name);
  return value.IsNumber() ? static_cast<int>(value.As<Napi::Number>().Uint32Value()) : fallback;
}

// execute(count, columns, keys, values, valuesInPlace, threadAllowed,
// callback[, replyMs]): a positive count, a column buffer of whole operations, at least
// `count` of them (it may be longer than the batch: see BatchColumns::Map),
// and Buffers in `valuesInPlace` (HasValuesInPlace checks that every
// operation that names one has it).
bool IsWellFormedBatch(const Napi::CallbackInfo& info) {
  if (!info[0].IsNumber() || !info[1].IsArrayBuffer() || !info[2].IsBuffer() ||
      !info[3].IsBuffer() || !info[4].IsArray() || !info[5].IsBoolean() || !info[6].IsFunction()) {
    return false;
  }
  if (!info[7].IsUndefined() && !info[7].IsNumber()) return false;
  size_t count = info[0].As<Napi::Number>().Uint32Value();
  auto column_buffer = info[1].As<Napi::ArrayBuffer>();
  size_t column_bytes = column_buffer.ByteLength();
  if (count == 0 || column_bytes % kColumnBytesPerOp != 0 ||
      column_bytes / kColumnBytesPerOp < count) {
    return false;
  }
  Napi::Array in_place = info[4].As<Napi::Array>();
  for (uint32_t i = 0; i < in_place.Length(); ++i) {
    if (!in_place.Get(i).IsBuffer()) return false;
  }
  return true;
}

// Every operation written from the caller's memory names a Buffer of
// `valuesInPlace` (its number goes where storage commands have no initial).
bool HasValuesInPlace(const BatchColumns& columns) {
  for (size_t i = 0; i < columns.count; ++i) {
    if ((columns.modifiers[i] & kValueInPlace) &&
        columns.initials[i] >= columns.values_in_place.size()) {
      return false;
    }
  }
  return true;
}

}  // namespace

PoolConfig ReadPoolConfig(Napi::Object config) {
  PoolConfig result;
  Napi::Array servers = config.Get("servers").As<Napi::Array>();
  for (uint32_t i = 0; i < servers.Length(); ++i) {
    Napi::Object server = servers.Get(i).As<Napi::Object>();
    Napi::Value tls_name = server.Get("tlsName");
    result.servers.push_back(
        ServerSpec{server.Get("host").As<Napi::String>().Utf8Value(),
                   static_cast<uint16_t>(ReadUint32(server, "port")), ReadUint32(server, "weight"),
                   tls_name.IsString() ? tls_name.As<Napi::String>().Utf8Value() : std::string()});
  }
  // [[behaviorId, value], ...] with ids taken from the `behaviors` table this addon exports.
  Napi::Array behaviors = config.Get("behaviors").As<Napi::Array>();
  for (uint32_t i = 0; i < behaviors.Length(); ++i) {
    Napi::Array pair = behaviors.Get(i).As<Napi::Array>();
    result.placement.emplace_back(
        static_cast<memcached_behavior_t>(pair.Get(0u).As<Napi::Number>().Uint32Value()),
        static_cast<uint64_t>(pair.Get(1u).As<Napi::Number>().Int64Value()));
  }
  result.connect_ms = ReadSetting(config, "connectTimeout", result.connect_ms);
  result.reply_ms = ReadSetting(config, "timeout", result.reply_ms);
  result.retry_ms = ReadSetting(config, "retryTimeout", result.retry_ms);
  result.binary = config.Get("binary").ToBoolean().Value();
  Napi::Value no_delay = config.Get("tcpNoDelay");
  result.tcp_no_delay = no_delay.IsBoolean() ? no_delay.As<Napi::Boolean>().Value() : true;
  result.tcp_keep_alive = config.Get("tcpKeepAlive").ToBoolean().Value();
  Napi::Value sasl = config.Get("sasl");
  if (sasl.IsObject()) {
    result.sasl.username = sasl.As<Napi::Object>().Get("username").As<Napi::String>().Utf8Value();
    result.sasl.password = sasl.As<Napi::Object>().Get("password").As<Napi::String>().Utf8Value();
  }
  // Validated and turned into strings by src/options.ts.
  Napi::Value tls = config.Get("tls");
  if (tls.IsObject()) {
    Napi::Object options = tls.As<Napi::Object>();
    auto text = [&options](const char* name) {
      Napi::Value value = options.Get(name);
      return value.IsString() ? value.As<Napi::String>().Utf8Value() : std::string();
    };
    result.tls.enabled = true;
    Napi::Value ca = options.Get("ca");
    if (ca.IsArray()) {
      Napi::Array list = ca.As<Napi::Array>();
      for (uint32_t i = 0; i < list.Length(); ++i) {
        result.tls.ca.push_back(list.Get(i).As<Napi::String>().Utf8Value());
      }
    }
    result.tls.cert = text("cert");
    result.tls.key = text("key");
    result.tls.passphrase = text("passphrase");
    result.tls.servername = text("servername");
    result.tls.reject_unauthorized = options.Get("rejectUnauthorized").ToBoolean().Value();
    result.tls.min_version = text("minVersion");
    result.tls.max_version = text("maxVersion");
    result.tls.ciphers = text("ciphers");
  }
  return result;
}

Napi::Function NativeClient::Define(Napi::Env env) {
  return DefineClass(env, "NativeClient",
                     {
                         InstanceMethod<&NativeClient::Execute>("execute"),
                         InstanceMethod<&NativeClient::Stats>("stats"),
                         InstanceMethod<&NativeClient::Version>("version"),
                         InstanceMethod<&NativeClient::Flush>("flush"),
                         InstanceMethod<&NativeClient::ServerFor>("serverFor"),
                         InstanceMethod<&NativeClient::ServerNames>("serverNames"),
                         InstanceMethod<&NativeClient::SetServerDead>("setServerDead"),
                         InstanceMethod<&NativeClient::TrimIdle>("trimIdle"),
                         InstanceMethod<&NativeClient::ConnectionSets>("connectionSets"),
                         InstanceMethod<&NativeClient::Close>("close"),
                     });
}

NativeClient::NativeClient(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeClient>(info) {
  Napi::Env env = info.Env();
  if (!info[0].IsObject()) {
    throw Napi::TypeError::New(env, "NativeClient expects a configuration object");
  }
  PoolConfig config = ReadPoolConfig(info[0].As<Napi::Object>());
  std::string error;
  pool_ = Pool::Create(std::move(config), &error);
  if (!pool_) throw Napi::Error::New(env, error);
}

NativeClient::~NativeClient() {
  // Running batches keep this object alive, so this only happens with work in
  // flight when the whole environment is torn down (process or worker thread
  // exit). A worker thread may still hold a leased connection set then: leaking the
  // pool is safe, destroying it would be a use-after-free. Interrupted, its
  // batches give their worker threads back at once.
  if (running_ > 0) {
    pool_->Interrupt();
    (void)pool_.release();
  }
}

void NativeClient::EnsureOpen(Napi::Env env) const {
  if (closing_ || !pool_) throw Napi::Error::New(env, "the native client is closed");
}

Napi::Value NativeClient::Execute(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  const char* const kBadBatch =
      "execute(count, columns, keys, values, valuesInPlace, threadAllowed, callback[, replyMs]): "
      "bad batch";
  if (!IsWellFormedBatch(info)) throw Napi::TypeError::New(env, kBadBatch);
  // The batch's reply deadline in ms: the longest per-call timeout of its
  // operations, never shorter than the pool's (`timeout`). A call with a
  // shorter one settles on the JS side; its answer is still read.
  uint32_t asked_ms = info[7].IsNumber() ? info[7].As<Napi::Number>().Uint32Value() : 0;
  int reply_ms = static_cast<int>(std::min<uint32_t>(asked_ms, INT32_MAX));
  reply_ms = std::max(reply_ms, pool_->pipeline_settings().reply_ms);
  size_t count = info[0].As<Napi::Number>().Uint32Value();
  auto column_buffer = info[1].As<Napi::ArrayBuffer>();
  Napi::Array inputs = Napi::Array::New(env, 4);
  inputs.Set(0u, column_buffer);
  inputs.Set(1u, info[2]);
  inputs.Set(2u, info[3]);
  inputs.Set(3u, info[4]);
  BatchColumns columns = MapBatchInputs(inputs, count);
  if (!HasValuesInPlace(columns)) throw Napi::TypeError::New(env, kBadBatch);
  Napi::Function callback = info[6].As<Napi::Function>();
  // The connection set is chosen here, on the JS thread, so that one whose sockets the
  // event loop watches never reaches a worker thread with its watchers.
  ConnectionSet* set = pool_->Acquire();
  std::vector<Command> placed;
  if (LoopBatch::TryStart(this, env, info.This().As<Napi::Object>(), callback, inputs, columns, set,
                          reply_ms, &placed)) {
    return Napi::Number::New(env, kRanOnLoop);
  }
  if (!info[5].As<Napi::Boolean>().Value()) {
    pool_->Release(set);
    return Napi::Number::New(env, kNotStarted);
  }
  (new ThreadBatch(this, info.This().As<Napi::Object>(), callback, inputs, columns,
                   std::move(placed), set, reply_ms))
      ->Start();
  return Napi::Number::New(env, kRanOnThread);
}

Napi::Value NativeClient::Stats(const Napi::CallbackInfo& info) {
  std::string argument = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  return QueueAdmin(info, info[1], Opcode::STATS, std::move(argument), 0);
}

Napi::Value NativeClient::Version(const Napi::CallbackInfo& info) {
  return QueueAdmin(info, info[0], Opcode::VERSION, "", 0);
}

Napi::Value NativeClient::Flush(const Napi::CallbackInfo& info) {
  uint32_t delay = info[0].As<Napi::Number>().Uint32Value();
  return QueueAdmin(info, info[1], Opcode::FLUSH, "", delay);
}

Napi::Value NativeClient::QueueAdmin(const Napi::CallbackInfo& info, Napi::Value callback,
                                     Opcode command, std::string argument, uint32_t delay) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  if (!callback.IsFunction()) throw Napi::TypeError::New(env, "expected a callback");
  // As for a batch: chosen here (Start stops the event loop watching it).
  ConnectionSet* set = pool_->Acquire();
  (new AdminWorker(this, info.This().As<Napi::Object>(), callback.As<Napi::Function>(), set,
                   command, std::move(argument), delay))
      ->Start();
  return env.Undefined();
}

Napi::Value NativeClient::ServerFor(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  if (!info[0].IsBuffer()) throw Napi::TypeError::New(env, "serverFor(key: Buffer)");
  auto key = info[0].As<Napi::Buffer<char>>();
  const Placement& placement = pool_->placement();
  return Napi::String::New(env, placement.NameAt(placement.ServerOf({key.Data(), key.Length()})));
}

Napi::Value NativeClient::ServerNames(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  const Placement& placement = pool_->placement();
  Napi::Array names = Napi::Array::New(env, placement.size());
  for (uint32_t position = 0; position < placement.size(); ++position) {
    names.Set(position, placement.NameAt(position));
  }
  return names;
}

Napi::Value NativeClient::SetServerDead(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  if (!info[0].IsString() || !info[1].IsBoolean() || !info[2].IsString()) {
    throw Napi::TypeError::New(env, "setServerDead(server: string, dead: boolean, reason: string)");
  }
  std::string name = info[0].As<Napi::String>().Utf8Value();
  const Placement& placement = pool_->placement();
  for (uint32_t position = 0; position < placement.size(); ++position) {
    if (placement.NameAt(position) != name) continue;
    pool_->health().SetDead(position, info[1].As<Napi::Boolean>().Value(),
                            info[2].As<Napi::String>().Utf8Value());
    return Napi::Boolean::New(env, true);
  }
  return Napi::Boolean::New(env, false);
}

Napi::Value NativeClient::TrimIdle(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (closing_ || !pool_) return Napi::Number::New(env, 0);
  auto idle = std::chrono::milliseconds(info[0].As<Napi::Number>().Int64Value());
  ValueBuffer::FreeSparesKeptBefore(std::chrono::steady_clock::now() - idle);
  return Napi::Number::New(env, static_cast<double>(pool_->TrimIdle(idle)));
}

Napi::Value NativeClient::ConnectionSets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object counts = Napi::Object::New(env);
  bool open = !closing_ && pool_;
  counts.Set("total", Napi::Number::New(env, open ? static_cast<double>(pool_->total()) : 0));
  counts.Set("free", Napi::Number::New(env, open ? static_cast<double>(pool_->free_count()) : 0));
  counts.Set("sockets",
             Napi::Number::New(env, open ? static_cast<double>(pool_->open_sockets()) : 0));
  return counts;
}

Napi::Value NativeClient::Close(const Napi::CallbackInfo& info) {
  closing_ = true;
  if (!pool_) return info.Env().Undefined();
  if (running_ == 0) {
    pool_.reset();
  } else {
    // The client closes with work in flight only when closed by force, and
    // has settled that work already: a batch waiting on a worker thread must
    // not hold the thread until its deadline, nor one on the event loop keep
    // the process alive until then.
    pool_->Interrupt();
    std::vector<LoopBatch*> interrupted = loop_batches_;
    for (LoopBatch* batch : interrupted) batch->Interrupt();
  }
  return info.Env().Undefined();
}

void NativeClient::LoopBatchEnded(LoopBatch* batch) {
  for (LoopBatch*& running : loop_batches_) {
    if (running != batch) continue;
    running = loop_batches_.back();
    loop_batches_.pop_back();
    return;
  }
}

void NativeClient::WorkFinished() {
  --running_;
  if (closing_ && running_ == 0) pool_.reset();
}

}  // namespace mcnative
