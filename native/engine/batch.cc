#include "batch.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <vector>

#include "resources.h"

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

using Clock = std::chrono::steady_clock;

void FreeBlock(char* data, size_t capacity) {
  if (capacity >= ValueBuffer::kMappedFrom) {
    munmap(data, capacity);
  } else {
    std::free(data);
  }
}

char* AllocateBlock(size_t capacity) {
  if (capacity < ValueBuffer::kMappedFrom) return static_cast<char*>(std::malloc(capacity));
  // A fresh block is mostly written (a large value whole, a shared block moved
  // in to grow at least half): its pages are mapped in one call rather than
  // faulted in one by one. Until V8's first collections give blocks back,
  // every large read takes a fresh one, and per-page faults made the first
  // ~2,000 reads of 500 KB (half a second) run at a fifth of the later speed;
  // populated, at about twice that.
  void* mapped = mmap(nullptr, capacity, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  return mapped == MAP_FAILED ? nullptr : static_cast<char*>(mapped);
}

// Blocks of value sinks kept for reuse, process-wide: taken on any thread,
// given back from finalizers on the JS thread.
class SpareBlocks {
 public:
  struct Block {
    char* data;
    size_t capacity;
    Clock::time_point kept_at{};
  };

  // The smallest kept block of `least` to `most` bytes, or {nullptr, 0}.
  Block Take(size_t least, size_t most) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto best = blocks_.end();
    for (auto it = blocks_.begin(); it != blocks_.end(); ++it) {
      if (it->capacity >= least && it->capacity <= most &&
          (best == blocks_.end() || it->capacity < best->capacity)) {
        best = it;
      }
    }
    if (best == blocks_.end()) return {nullptr, 0};
    Block block = *best;
    Forget(best);
    return block;
  }

  // Keeps `block`; false when enough is kept already (the caller frees it).
  bool Keep(Block block) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (blocks_.size() >= kMostBlocks || bytes_ + block.capacity > kMostBytes) return false;
    block.kept_at = Clock::now();
    blocks_.push_back(block);
    bytes_ += block.capacity;
    Live().spare_value_bytes += static_cast<int64_t>(block.capacity);
    return true;
  }

  // Frees the blocks kept since before `before`: memory a burst of large reads
  // left behind goes back to the system once reads are small again.
  void FreeKeptBefore(Clock::time_point before) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < blocks_.size();) {
      if (blocks_[i].kept_at < before) {
        FreeBlock(blocks_[i].data, blocks_[i].capacity);
        Forget(blocks_.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  }

 private:
  // V8 collects the values of large reads some 80 MB at a time (the external
  // memory it lets grow between collections): enough for the reads until the
  // next collection, so none of them writes to fresh pages. Kept blocks go
  // back after the client's idleTimeout unused (FreeSparesKeptBefore).
  static constexpr size_t kMostBlocks = 512;
  static constexpr size_t kMostBytes = 128 * 1024 * 1024;

  void Forget(std::vector<Block>::iterator block) {
    bytes_ -= block->capacity;
    Live().spare_value_bytes -= static_cast<int64_t>(block->capacity);
    *block = blocks_.back();
    blocks_.pop_back();
  }

  std::mutex mutex_;
  std::vector<Block> blocks_;
  size_t bytes_ = 0;
};

// The size of the last shared block handed over to JS, on any thread: where
// the next batch's shared block starts.
std::atomic<size_t> last_handed_over{0};

SpareBlocks& Spares() {
  static SpareBlocks* spares = new SpareBlocks;  // never destroyed: finalizers may run at exit
  return *spares;
}

// Sizes of own blocks come in steps of a quarter of a power of two (500,000
// bytes take 512 KiB), so values of about the same size reuse each other's
// blocks; a kept block serves a value of half its size at least.
size_t OwnBlockCapacity(size_t length) {
  size_t step = 4096;
  while (step * 8 <= length) step *= 2;
  return (length + step - 1) / step * step;
}

}  // namespace

ValueBuffer::~ValueBuffer() {
  Free(data_, capacity_);
  for (const OwnBlock& block : own_blocks_) Free(block.data, block.capacity);
}

bool ValueBuffer::Reserve(size_t length, uint32_t* reference) {
  if (length < kOwnBlockFrom) {
    size_t offset = size_;
    if (length > kOwnBlockBit - offset || !Extend(length)) return false;
    *reference = static_cast<uint32_t>(offset);
    return true;
  }
  if (own_blocks_.size() >= kOwnBlockBit) return false;
  size_t capacity = OwnBlockCapacity(length);
  SpareBlocks::Block block = Spares().Take(capacity, capacity * 2);
  if (block.data == nullptr) block = {AllocateBlock(capacity), capacity};
  if (block.data == nullptr) return false;
  *reference = kOwnBlockBit | static_cast<uint32_t>(own_blocks_.size());
  own_blocks_.push_back({block.data, length, block.capacity});
  return true;
}

bool ValueBuffer::Extend(size_t length) {
  if (data_ == nullptr && length > 0) {
    // What the last batch needed is what this one likely needs.
    size_t expected = std::max(length, last_handed_over.load(std::memory_order_relaxed));
    SpareBlocks::Block spare = Spares().Take(expected, SIZE_MAX);
    if (spare.data == nullptr) spare = Spares().Take(length, SIZE_MAX);
    data_ = spare.data;
    capacity_ = spare.capacity;
  }
  if (length > capacity_ - size_) {
    size_t capacity = capacity_ == 0 ? 4096 : capacity_;
    while (capacity - size_ < length) capacity *= 2;
    if (!Grow(capacity)) return false;
  }
  size_ += length;
  return true;
}

bool ValueBuffer::Grow(size_t capacity) {
  // Copying what is there costs less than the page faults of fresh memory.
  if (SpareBlocks::Block spare = Spares().Take(capacity, SIZE_MAX); spare.data != nullptr) {
    if (size_ > 0) std::memcpy(spare.data, data_, size_);
    Free(data_, capacity_);
    data_ = spare.data;
    capacity_ = spare.capacity;
    return true;
  }
  char* grown = nullptr;
  if (capacity < kMappedFrom) {
    grown = static_cast<char*>(std::realloc(data_, capacity));
  } else if (capacity_ >= kMappedFrom) {
    void* moved = mremap(data_, capacity_, capacity, MREMAP_MAYMOVE);
    grown = moved == MAP_FAILED ? nullptr : static_cast<char*>(moved);
  } else {
    grown = AllocateBlock(capacity);
    if (grown != nullptr) {
      if (size_ > 0) std::memcpy(grown, data_, size_);
      Free(data_, capacity_);
    }
  }
  if (grown == nullptr) return false;
  data_ = grown;
  capacity_ = capacity;
  return true;
}

char* ValueBuffer::Release() {
  last_handed_over.store(size_, std::memory_order_relaxed);
  char* data = data_;
  data_ = nullptr;
  size_ = capacity_ = 0;
  return data;
}

void ValueBuffer::FreeSparesKeptBefore(std::chrono::steady_clock::time_point before) {
  Spares().FreeKeptBefore(before);
}

void ValueBuffer::Free(char* data, size_t capacity) {
  if (data == nullptr) return;
  if (!Spares().Keep({data, capacity})) FreeBlock(data, capacity);
}

}  // namespace mcnative
