#include "batch.h"

#include <sys/mman.h>

#include <cstring>
#include <mutex>
#include <vector>

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

namespace {

// Blocks of value sinks kept for reuse, process-wide: taken on any thread,
// given back from finalizers on the JS thread.
class SpareBlocks {
 public:
  struct Block {
    char* data;
    size_t capacity;
  };

  // The largest kept block of at least `least` bytes, or {nullptr, 0}.
  Block Take(size_t least) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto best = blocks_.end();
    for (auto it = blocks_.begin(); it != blocks_.end(); ++it) {
      if (it->capacity >= least && (best == blocks_.end() || it->capacity > best->capacity)) best = it;
    }
    if (best == blocks_.end()) return {nullptr, 0};
    Block block = *best;
    bytes_ -= block.capacity;
    blocks_.erase(best);
    return block;
  }

  // Keeps `block`; false when enough is kept already (the caller frees it).
  bool Keep(Block block) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (blocks_.size() >= kMostBlocks || bytes_ + block.capacity > kMostBytes) return false;
    blocks_.push_back(block);
    bytes_ += block.capacity;
    return true;
  }

 private:
  // Enough for the batches of a few clients in flight at once.
  static constexpr size_t kMostBlocks = 8;
  static constexpr size_t kMostBytes = 64 * 1024 * 1024;

  std::mutex mutex_;
  std::vector<Block> blocks_;
  size_t bytes_ = 0;
};

SpareBlocks& Spares() {
  static SpareBlocks* spares = new SpareBlocks;  // never destroyed: finalizers may run at exit
  return *spares;
}

void FreeBlock(char* data, size_t capacity) {
  if (capacity >= ValueBuffer::kMappedFrom) {
    munmap(data, capacity);
  } else {
    std::free(data);
  }
}

}  // namespace

bool ValueBuffer::Extend(size_t length) {
  if (data_ == nullptr && length > 0) {
    SpareBlocks::Block spare = Spares().Take(length);
    data_ = spare.data;
    capacity_ = spare.capacity;
  }
  if (length > capacity_ - size_) {
    size_t capacity = capacity_ == 0 ? 4096 : capacity_;
    while (capacity - size_ < length) capacity *= 2;
    char* grown = nullptr;
    if (capacity < kMappedFrom) {
      grown = static_cast<char*>(std::realloc(data_, capacity));
    } else if (capacity_ >= kMappedFrom) {
      void* moved = mremap(data_, capacity_, capacity, MREMAP_MAYMOVE);
      grown = moved == MAP_FAILED ? nullptr : static_cast<char*>(moved);
    } else {
      void* mapped = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                          -1, 0);
      if (mapped != MAP_FAILED) {
        grown = static_cast<char*>(mapped);
        if (size_ > 0) std::memcpy(grown, data_, size_);
        Free(data_, capacity_);
      }
    }
    if (grown == nullptr) return false;
    data_ = grown;
    capacity_ = capacity;
  }
  size_ += length;
  return true;
}

void ValueBuffer::Free(char* data, size_t capacity) {
  if (data == nullptr) return;
  if (!Spares().Keep({data, capacity})) FreeBlock(data, capacity);
}

}  // namespace mcnative
