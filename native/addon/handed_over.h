// Value memory handed over to JavaScript. A large value's block becomes a
// Buffer without a copy; when the value is text, the block can also become the
// string itself (an external Latin-1 string), so a 500 KB text value is
// neither copied nor written to pages V8 maps fresh for every large string.
// The block goes back to ValueBuffer's spares when the last of its holders
// (the Buffer, the strings made from it) is collected.
#pragma once

#include <napi.h>

namespace mcnative {

// A Buffer over `length` bytes of a block of `capacity` bytes that JS now owns.
// With `shareable`, AsciiStringOf can make strings over it: the block must then
// hold this value alone, and nothing may write to it after it is handed over.
Napi::Buffer<char> HandOver(Napi::Env env, char* data, size_t length, size_t capacity,
                            bool shareable);

// JS: asciiStringOf(buffer) -> string | undefined. The text of a Buffer made by
// HandOver(shareable) whose bytes the caller checked are all ASCII (as Latin-1
// they are the same characters), made over the same memory; undefined for any
// other Buffer, or where Node cannot make external strings.
Napi::Value AsciiStringOf(const Napi::CallbackInfo& info);

}  // namespace mcnative
