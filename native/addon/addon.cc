// Module entry: the NativeClient class and the name tables that the TypeScript
// layer builds its constants from.
#include <libmemcached/memcached.h>
#include <napi.h>

#include "../engine/batch.h"
#include "../engine/opcodes_statuses.h"
#include "../engine/resources.h"
#include "batch_delivery.h"
#include "client.h"
#include "handed_over.h"
#include "loop_driver.h"

namespace mcnative {

namespace {

Napi::Array Names(Napi::Env env, std::initializer_list<const char*> names) {
  Napi::Array list = Napi::Array::New(env, names.size());
  uint32_t i = 0;
  for (const char* name : names) list.Set(i++, Napi::String::New(env, name));
  return list;
}

// libmemcached enum values of the placement the TypeScript layer configures, by name.
Napi::Object Constants(Napi::Env env) {
  Napi::Object behaviors = Napi::Object::New(env);
#define BEHAVIOR(name) behaviors.Set(#name, Napi::Number::New(env, MEMCACHED_BEHAVIOR_##name));
  BEHAVIOR(DISTRIBUTION)
  BEHAVIOR(HASH)
  BEHAVIOR(KETAMA_HASH)
  BEHAVIOR(KETAMA_WEIGHTED)
#undef BEHAVIOR

  Napi::Object distributions = Napi::Object::New(env);
#define DISTRIBUTION(name) \
  distributions.Set(#name, Napi::Number::New(env, MEMCACHED_DISTRIBUTION_##name));
  DISTRIBUTION(MODULA)
  DISTRIBUTION(CONSISTENT)
  DISTRIBUTION(CONSISTENT_KETAMA)
  DISTRIBUTION(CONSISTENT_WEIGHTED)
  DISTRIBUTION(CONSISTENT_KETAMA_SPY)
  DISTRIBUTION(RANDOM)
#undef DISTRIBUTION

  Napi::Object hashes = Napi::Object::New(env);
#define HASH(name) hashes.Set(#name, Napi::Number::New(env, MEMCACHED_HASH_##name));
  HASH(DEFAULT)
  HASH(MD5)
  HASH(CRC)
  HASH(FNV1_64)
  HASH(FNV1A_64)
  HASH(FNV1_32)
  HASH(FNV1A_32)
  HASH(HSIEH)
  HASH(MURMUR)
  HASH(MURMUR3)
  HASH(JENKINS)
#undef HASH

  Napi::Object constants = Napi::Object::New(env);
  constants.Set("behaviors", behaviors);
  constants.Set("distributions", distributions);
  constants.Set("hashes", hashes);
  return constants;
}

Napi::Value Resources(const Napi::CallbackInfo& info) {
  Napi::Object counts = Napi::Object::New(info.Env());
  counts.Set("pools", Napi::Number::New(info.Env(), static_cast<double>(Live().pools)));
  counts.Set("handles", Napi::Number::New(info.Env(), static_cast<double>(Live().connection_sets)));
  counts.Set("sockets", Napi::Number::New(info.Env(), static_cast<double>(Live().sockets)));
  counts.Set("spareValueBytes",
             Napi::Number::New(info.Env(), static_cast<double>(Live().spare_value_bytes)));
  counts.Set("tlsHandshakes",
             Napi::Number::New(info.Env(), static_cast<double>(Live().tls_handshakes)));
  counts.Set("tlsResumptions",
             Napi::Number::New(info.Env(), static_cast<double>(Live().tls_resumptions)));
  return counts;
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("NativeClient", NativeClient::Define(env));
  exports.Set("opcodes", Names(env, {
#define X(name) #name,
                                        MC_OPCODE_LIST(X)
#undef X
                                    }));
  exports.Set("statuses", Names(env, {
#define X(name) #name,
                                         MC_STATUS_LIST(X)
#undef X
                                     }));
  Napi::Object modifiers = Napi::Object::New(env);
  modifiers.Set("NO_REPLY", Napi::Number::New(env, kNoReply));
  modifiers.Set("HAS_INITIAL", Napi::Number::New(env, kHasInitial));
  modifiers.Set("VALUE_IN_PLACE", Napi::Number::New(env, kValueInPlace));
  exports.Set("modifiers", modifiers);
  exports.Set("columnBytesPerOp", Napi::Number::New(env, kColumnBytesPerOp));
  exports.Set("maxLoopBatch", Napi::Number::New(env, static_cast<double>(kMaxLoopBatch)));
  exports.Set("faultFields", Napi::Number::New(env, kFaultFields));
  exports.Set("threadDriverForced", Napi::Boolean::New(env, LoopBatch::ThreadDriverForced()));
  exports.Set("constants", Constants(env));
  exports.Set("libmemcachedVersion", Napi::String::New(env, memcached_lib_version()));
  exports.Set("resources", Napi::Function::New<Resources>(env, "resources"));
  exports.Set("asciiStringOf", Napi::Function::New<AsciiStringOf>(env, "asciiStringOf"));
  exports.Set("ownValueFrom",
              Napi::Number::New(env, static_cast<double>(ValueBuffer::kOwnBlockFrom)));
  return exports;
}

NODE_API_MODULE(memcache_native, Init)

}  // namespace mcnative
