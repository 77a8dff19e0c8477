#include "batch.h"

namespace mcnative {

BatchColumns BatchColumns::Map(size_t count, uint8_t* column_buffer, const char* keys,
                               const char* values) {
  BatchColumns c;
  c.count = count;
  uint8_t* cursor = column_buffer;
  auto take = [&cursor, count](size_t width) {
    uint8_t* column = cursor;
    cursor += width * count;
    return column;
  };
  // Widest columns first keeps every column naturally aligned.
  c.numbers = reinterpret_cast<const uint64_t*>(take(8));
  c.initials = reinterpret_cast<const uint64_t*>(take(8));
  c.result_numbers = reinterpret_cast<uint64_t*>(take(8));
  c.key_ends = reinterpret_cast<const uint32_t*>(take(4));
  c.value_ends = reinterpret_cast<const uint32_t*>(take(4));
  c.flags = reinterpret_cast<const uint32_t*>(take(4));
  c.ttls = reinterpret_cast<const uint32_t*>(take(4));
  c.result_flags = reinterpret_cast<uint32_t*>(take(4));
  c.result_offsets = reinterpret_cast<uint32_t*>(take(4));
  c.result_lengths = reinterpret_cast<uint32_t*>(take(4));
  c.opcodes = take(1);
  c.modifiers = take(1);
  c.status = take(1);
  c.keys = keys;
  c.values = values;
  return c;
}

}  // namespace mcnative
