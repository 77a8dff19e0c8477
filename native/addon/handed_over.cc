#include "handed_over.h"

#include <dlfcn.h>

#include <mutex>
#include <unordered_map>

#include "../engine/batch.h"

namespace mcnative {

namespace {

// What holds a handed-over block: its Buffer, and the strings made over it.
struct Holders {
  size_t capacity;
  int count;
  bool shareable;
};

// node_api_create_external_string_latin1: Node-API 10 (Node 22.14, 23.6), and
// exported by Node 20 since 20.4 as an experimental function. Looked up at run
// time so that one build serves every Node from 20 on; null where it is missing.
// (dlsym needs no -ldl: glibc has it in libc from 2.34, and node, which loads
// addons with dlopen, links libdl itself on older ones.)
using CreateExternalLatin1 = napi_status (*)(napi_env env, char* str, size_t length,
                                             napi_finalize finalize, void* hint, napi_value* result,
                                             bool* copied);

// V8's longest string on 32-bit builds (2^28 - 16 characters); 64-bit allow twice that.
constexpr size_t kLongestString = (size_t{1} << 28) - 16;

CreateExternalLatin1 ExternalLatin1Maker() {
  static const auto make = reinterpret_cast<CreateExternalLatin1>(
      dlsym(RTLD_DEFAULT, "node_api_create_external_string_latin1"));
  return make;
}

// The shareable blocks JS holds, by address: AsciiStringOf is given a Buffer
// and must know whether its memory is such a block. Finalizers of every Node
// environment (worker threads have their own) meet here.
class ShareableBlocks {
 public:
  void Add(char* data, Holders* holders) {
    std::lock_guard<std::mutex> lock(mutex_);
    blocks_[data] = holders;
  }

  // The block's holders, with one more counted; null if `data` is no such block.
  Holders* Hold(char* data) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = blocks_.find(data);
    if (found == blocks_.end()) return nullptr;
    found->second->count++;
    return found->second;
  }

  // Counts one holder less; true when that was the last (the caller frees).
  bool Drop(char* data, Holders* holders) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--holders->count > 0) return false;
    blocks_.erase(data);
    return true;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<char*, Holders*> blocks_;
};

ShareableBlocks& Shareable() {
  static auto* blocks = new ShareableBlocks;  // never destroyed: finalizers may run at exit
  return *blocks;
}

// The finalizer of a Buffer or string over a handed-over block. Runs during
// garbage collection or at the environment's teardown (env may be null then):
// it touches no JS.
void Release(napi_env, void* data, void* hint) {
  auto* holders = static_cast<Holders*>(hint);
  auto* bytes = static_cast<char*>(data);
  if (holders->shareable ? !Shareable().Drop(bytes, holders) : --holders->count > 0) return;
  ValueBuffer::Free(bytes, holders->capacity);
  delete holders;
}

void ReleaseBuffer(Napi::Env env, char* data, Holders* holders) { Release(env, data, holders); }

}  // namespace

Napi::Buffer<char> HandOver(Napi::Env env, char* data, size_t length, size_t capacity,
                            bool shareable) {
  auto* holders = new Holders{capacity, 1, shareable};
  if (shareable) Shareable().Add(data, holders);
  try {
    return Napi::Buffer<char>::New(env, data, length, ReleaseBuffer, holders);
  } catch (...) {
    // No Buffer holds the block: the caller still owns it.
    if (shareable) Shareable().Drop(data, holders);
    delete holders;
    throw;
  }
}

Napi::Value AsciiStringOf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CreateExternalLatin1 make = ExternalLatin1Maker();
  if (make == nullptr || !info[0].IsBuffer()) return env.Undefined();
  auto buffer = info[0].As<Napi::Buffer<char>>();
  if (buffer.Length() == 0 || buffer.Length() > kLongestString) return env.Undefined();
  Holders* holders = Shareable().Hold(buffer.Data());
  if (holders == nullptr) return env.Undefined();
  napi_value text;
  bool copied = false;
  // Where Node copies the bytes instead (a V8 built with its sandbox), it
  // calls Release before returning. A failure leaves it unknown whether Release
  // will ever run: the block stays held (a leak, never a double free); within
  // kLongestString none is expected.
  if (make(env, buffer.Data(), buffer.Length(), Release, holders, &text, &copied) != napi_ok) {
    return env.Undefined();
  }
  return Napi::Value(env, text);
}

}  // namespace mcnative
