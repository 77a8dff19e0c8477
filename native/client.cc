#include "client.h"

#include "admin_worker.h"
#include "batch.h"
#include "batch_worker.h"

namespace mcnative {

namespace {

uint32_t ReadUint32(Napi::Object object, const char* name) {
  return object.Get(name).As<Napi::Number>().Uint32Value();
}

}  // namespace

PoolConfig ReadPoolConfig(Napi::Object config) {
  PoolConfig result;
  result.size = ReadUint32(config, "poolSize");
  Napi::Array servers = config.Get("servers").As<Napi::Array>();
  for (uint32_t i = 0; i < servers.Length(); ++i) {
    Napi::Object server = servers.Get(i).As<Napi::Object>();
    result.servers.push_back(ServerSpec{server.Get("host").As<Napi::String>().Utf8Value(),
                                        static_cast<uint16_t>(ReadUint32(server, "port")),
                                        ReadUint32(server, "weight")});
  }
  // [[behaviorId, value], ...] with ids taken from the `behaviors` table this addon exports.
  Napi::Array behaviors = config.Get("behaviors").As<Napi::Array>();
  for (uint32_t i = 0; i < behaviors.Length(); ++i) {
    Napi::Array pair = behaviors.Get(i).As<Napi::Array>();
    result.behaviors.emplace_back(
        static_cast<memcached_behavior_t>(pair.Get(0u).As<Napi::Number>().Uint32Value()),
        static_cast<uint64_t>(pair.Get(1u).As<Napi::Number>().Int64Value()));
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
  pool_ = Pool::Create(config, &error);
  if (!pool_) throw Napi::Error::New(env, error);
}

void NativeClient::EnsureOpen(Napi::Env env) const {
  if (closing_ || !pool_) throw Napi::Error::New(env, "the native client is closed");
}

Napi::Value NativeClient::Execute(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  size_t count = info[0].As<Napi::Number>().Uint32Value();
  auto column_buffer = info[1].As<Napi::ArrayBuffer>();
  if (column_buffer.ByteLength() != count * kColumnBytesPerOp || !info[2].IsBuffer() ||
      !info[3].IsBuffer() || !info[4].IsFunction()) {
    throw Napi::TypeError::New(env, "execute(count, columns, keys, values, callback): bad batch");
  }
  Napi::Array inputs = Napi::Array::New(env, 3);
  inputs.Set(0u, column_buffer);
  inputs.Set(1u, info[2]);
  inputs.Set(2u, info[3]);
  auto* worker = new BatchWorker(this, info.This().As<Napi::Object>(),
                                 info[4].As<Napi::Function>(), inputs, count);
  WorkStarted();
  worker->Queue();
  return env.Undefined();
}

Napi::Value NativeClient::Stats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  std::string argument = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  auto* worker = new AdminWorker(this, info.This().As<Napi::Object>(),
                                 info[1].As<Napi::Function>(), AdminCommand::kStats, argument, 0);
  WorkStarted();
  worker->Queue();
  return env.Undefined();
}

Napi::Value NativeClient::Version(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  auto* worker = new AdminWorker(this, info.This().As<Napi::Object>(),
                                 info[0].As<Napi::Function>(), AdminCommand::kVersion, "", 0);
  WorkStarted();
  worker->Queue();
  return env.Undefined();
}

Napi::Value NativeClient::Flush(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  EnsureOpen(env);
  uint32_t delay = info[0].As<Napi::Number>().Uint32Value();
  auto* worker = new AdminWorker(this, info.This().As<Napi::Object>(),
                                 info[1].As<Napi::Function>(), AdminCommand::kFlush, "", delay);
  WorkStarted();
  worker->Queue();
  return env.Undefined();
}

Napi::Value NativeClient::Close(const Napi::CallbackInfo& info) {
  closing_ = true;
  if (running_ == 0) pool_.reset();
  return info.Env().Undefined();
}

void NativeClient::WorkFinished() {
  --running_;
  if (closing_ && running_ == 0) pool_.reset();
}

}  // namespace mcnative
