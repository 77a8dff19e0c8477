// The columnar shape of one batch, as the TypeScript layer lays it out.
//
// A batch arrives as one ArrayBuffer of fixed-width columns (inputs and outputs
// together), one Buffer of concatenated keys and one of concatenated values.
// The batch reads and writes the columns in place (on a libuv thread or on the
// event loop); the JS side does not touch them until the batch calls back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace mcnative {

// Bytes per operation in the column buffer. Keep in step with src/batch-layout.ts.
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

// The values of a batch's hits, concatenated. Small, it grows with realloc;
// past kMappedFrom it lives in a mapping of its own that grows with mremap,
// which moves pages instead of copying every value again on each doubling.
// Its memory comes from, and goes back to, a few blocks kept from earlier
// batches once JS has let go of them: fresh memory for every batch cost a page
// fault per 4 KiB written, a third of a large read batch's time.
class ValueBuffer {
 public:
  static constexpr size_t kMappedFrom = 256 * 1024;

  ValueBuffer() = default;
  ~ValueBuffer() { Free(data_, capacity_); }
  ValueBuffer(const ValueBuffer&) = delete;
  ValueBuffer& operator=(const ValueBuffer&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char* data() { return data_; }
  // Appends bytes; false when memory ran out (nothing is appended then).
  bool Append(const char* bytes, size_t length);
  // Adds `length` bytes at the end for the caller to fill, through data():
  // a value that arrives in pieces, between pieces of other connections'
  // values, still ends up in one piece. False when memory ran out.
  bool Extend(size_t length);
  // Hands the bytes over; the caller gives them back with Free(data,
  // capacity), `capacity` being what capacity() said before.
  char* Release() {
    char* data = data_;
    data_ = nullptr;
    size_ = capacity_ = 0;
    return data;
  }
  size_t capacity() const { return capacity_; }
  // Keeps the memory for a later batch, or frees it when enough is kept.
  static void Free(char* data, size_t capacity);

 private:
  char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
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
