// The keys a run of reads has asked a server for, to find a key asked twice
// before anything could change it: that read need not be sent, it takes the
// first one's answer. Open addressing over string views, emptied in O(1) by
// a generation count: sized once per batch (Reset), it costs no allocation
// per read or per run of reads.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace mcnative {

class AskedKeys {
 public:
  struct Asked {
    uint32_t command;  // the read that asked the key
    uint32_t group;    // the read group it went in
  };

  // Makes room for `count` keys and forgets every key.
  void Reset(size_t count) {
    size_t wanted = 16;
    while (wanted < count * 2) wanted *= 2;
    if (wanted > slots_.size()) {
      slots_.assign(wanted, Slot{});
      generation_ = 0;
    }
    Clear();
  }

  // Forgets every key.
  void Clear() {
    if (++generation_ == 0) {  // wrapped: stale stamps could match again
      for (Slot& slot : slots_) slot.generation = 0;
      generation_ = 1;
    }
  }

  // The entry of `key`: the read that asked it before (*added false), or a
  // new one for `command` (*added true), whose group the caller fills in.
  // The key's bytes must outlive the run; at most the `count` of Reset keys.
  Asked& Add(std::string_view key, uint32_t command, bool* added) {
    size_t mask = slots_.size() - 1;
    for (size_t i = std::hash<std::string_view>{}(key)&mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      *added = slot.generation != generation_;
      if (*added) slot = Slot{key, Asked{command, 0}, generation_};
      if (*added || slot.key == key) return slot.asked;
    }
  }

 private:
  struct Slot {
    std::string_view key;
    Asked asked{};
    uint32_t generation = 0;
  };

  std::vector<Slot> slots_;
  uint32_t generation_ = 0;
};

}  // namespace mcnative
