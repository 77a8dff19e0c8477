// The columnar shape of one batch, as the TypeScript layer lays it out.
//
// A batch arrives as one ArrayBuffer of fixed-width columns (inputs and outputs
// together), one Buffer of concatenated keys and one of concatenated values.
// The batch reads and writes the columns in place (on a libuv thread or on the
// event loop); the JS side does not touch them until the batch calls back.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "opcodes_statuses.h"

namespace mcnative {

// Bytes per operation in the column buffer. Keep in step with src/engine/batch-layout.ts.
constexpr size_t kColumnBytesPerOp = 3 * 8 + 7 * 4 + 3 * 1;

struct BatchColumns {
  size_t count = 0;
  // Inputs.
  const uint64_t* numbers = nullptr;   // CAS: the token; INCR/DECR: the delta
  const uint64_t* initials = nullptr;  // INCR/DECR with kHasInitial: the starting value
  const uint32_t* key_ends = nullptr;  // end offset of each key in the key buffer
  const uint32_t* value_ends = nullptr;
  const uint32_t* flags = nullptr;
  const uint32_t* ttls = nullptr;
  const uint8_t* opcodes = nullptr;
  const uint8_t* modifiers = nullptr;
  const char* keys = nullptr;
  const char* values = nullptr;
  // The values written in place (see kValueInPlace), by their number.
  std::vector<std::string_view> values_in_place;
  // Outputs.
  uint64_t* result_numbers = nullptr;  // GETS: the CAS token; INCR/DECR: the new value
  uint32_t* result_flags = nullptr;
  uint32_t* result_offsets = nullptr;  // where the value of a hit starts in the value output
  uint32_t* result_lengths = nullptr;
  uint8_t* status = nullptr;

  // Carves the columns out of `column_buffer`, which holds kColumnBytesPerOp *
  // `capacity` bytes, each column `capacity` long (the JS side reuses column
  // buffers for batches of up to `capacity` operations); the first `count`
  // operations are the batch.
  static BatchColumns Map(size_t count, size_t capacity, uint8_t* column_buffer, const char* keys,
                          const char* values);

  std::string_view Key(size_t i) const {
    uint32_t start = i == 0 ? 0 : key_ends[i - 1];
    return std::string_view(keys + start, key_ends[i] - start);
  }
  std::string_view Value(size_t i) const {
    if (modifiers[i] & kValueInPlace) return values_in_place[initials[i]];
    uint32_t start = i == 0 ? 0 : value_ends[i - 1];
    return std::string_view(values + start, value_ends[i] - start);
  }
};

// A fault reported for one operation: which server, and what happened.
struct Fault {
  uint32_t index;
  std::string server;
  std::string message;
  const char* system_code;  // ECONNREFUSED, ETIMEDOUT, ...; nullptr for none
  bool skipped;             // never sent: the server was down or had failed already
};

// The values of a batch's hits. Values under kOwnBlockFrom are concatenated
// in one shared block: small, it grows with realloc; past kMappedFrom it lives
// in a mapping of its own that grows with mremap, which moves pages instead of
// copying every value again on each doubling. A larger value gets a block of
// its own, handed to JS as a Buffer of its own: a value the caller keeps then
// holds its own memory and no other value's, and its block comes back for reuse
// as soon as that one value is let go of.
//
// All memory comes from, and goes back to, blocks kept from earlier batches once
// JS has let go of them: fresh memory for every value cost a page fault per
// 4 KiB written, half of a 500 KB read's time. A shared block starts as a kept
// block as large as the last one handed over, and when it must grow it moves
// into a larger kept block before it asks for fresh memory: grown step by step
// from whatever block came first, the shared block of 32 reads of 10 KB wrote
// to fresh pages on most batches (up to 2.5 page faults per read, 40 % of the
// reads' time).
class ValueBuffer {
 public:
  static constexpr size_t kMappedFrom = 256 * 1024;
  static constexpr size_t kOwnBlockFrom = 64 * 1024;
  // A value's reference: an offset in the shared block, or with this bit set
  // the number of its own block. Keep in step with src/engine/batcher.ts.
  static constexpr uint32_t kOwnBlockBit = 1u << 31;

  // A value in a block of its own.
  struct OwnBlock {
    char* data;
    size_t length;
    size_t capacity;
  };

  ValueBuffer() = default;
  ~ValueBuffer();
  ValueBuffer(const ValueBuffer&) = delete;
  ValueBuffer& operator=(const ValueBuffer&) = delete;

  // The shared block.
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char* data() { return data_; }
  // Appends bytes to the shared block; false when memory ran out (nothing is
  // appended then).
  bool Append(const char* bytes, size_t length);
  // Makes room for a value of `length` bytes for the caller to fill through
  // At(*reference): a value that arrives in pieces, between pieces of other
  // connections' values, still ends up in one piece. False when memory ran out
  // or the shared block would pass 2 GiB.
  bool Reserve(size_t length, uint32_t* reference);
  // Where the value with this reference starts. Only valid until the next
  // Reserve or Append: the shared block may move as it grows.
  char* At(uint32_t reference) {
    return reference & kOwnBlockBit ? own_blocks_[reference & ~kOwnBlockBit].data
                                    : data_ + reference;
  }
  // Hands the shared bytes over; the caller gives them back with Free(data,
  // capacity), `capacity` being what capacity() said before.
  char* Release();
  size_t capacity() const { return capacity_; }
  // The values in blocks of their own, by number. Whoever takes a block over
  // sets its data to null here and gives it back with Free(data, capacity).
  std::vector<OwnBlock>& own_blocks() { return own_blocks_; }
  // Keeps the memory for a later batch, or frees it when enough is kept.
  static void Free(char* data, size_t capacity);
  // Frees the memory kept since before `before` and not reused.
  static void FreeSparesKeptBefore(std::chrono::steady_clock::time_point before);

 private:
  // Adds `length` bytes at the end of the shared block.
  bool Extend(size_t length);
  // Makes the shared block `capacity` bytes large, keeping its contents.
  bool Grow(size_t capacity);

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::vector<OwnBlock> own_blocks_;
};

// What a batch produces besides the columns: hit values and faults.
struct BatchResult {
  ValueBuffer values;
  std::vector<Fault> faults;
  // The servers that answered at least one operation, by position in the pool
  // (see NativeClient::ServerNames).
  std::vector<uint32_t> answered_servers;
};

}  // namespace mcnative
