#include "batch.h"

#include <cstring>

namespace mcnative {

BatchColumns BatchColumns::Map(size_t count, size_t capacity, uint8_t* column_buffer,
                               const char* keys, const char* values) {
  BatchColumns c;
  c.count = count;
  uint8_t* cursor = column_buffer;
  auto take = [&cursor, capacity](size_t width) {
    uint8_t* column = cursor;
    cursor += width * capacity;
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

bool ValueBuffer::Append(const char* bytes, size_t length) {
  // An empty value may come as a null pointer, which memcpy must never see.
  if (length == 0) return true;
  size_t offset = size_;
  if (!Extend(length)) return false;
  std::memcpy(data_ + offset, bytes, length);
  return true;
}

bool ValueBuffer::Extend(size_t length) {
  if (length > capacity_ - size_) {
    size_t capacity = capacity_ == 0 ? 4096 : capacity_;
    while (capacity - size_ < length) capacity *= 2;
    auto* grown = static_cast<char*>(std::realloc(data_, capacity));
    if (grown == nullptr) return false;
    data_ = grown;
    capacity_ = capacity;
  }
  size_ += length;
  return true;
}

}  // namespace mcnative
