// The binary protocol's write commands and their response frames.
//
// Every request is a 24-byte header, then extras, key and value. Statuses are
// mapped so that a call answers the same under either protocol: `add` of an
// existing key is NOT_STORED here too, not "key exists", and fault messages
// read like the ASCII protocol's.
#include <cstdio>

#include "wire_format.h"

namespace mcnative::binary {

namespace {

constexpr uint8_t kRequestMagic = 0x80;
constexpr uint8_t kResponseMagic = 0x81;
constexpr size_t kHeaderBytes = 24;
// No response to a write comes close to this: error texts are short, and a
// counter is 8 bytes. A longer body means the stream is not what it seems.
constexpr uint32_t kMaxBodyBytes = 8 * 1024;
// A read's answer carries the value (and its key and extras).
constexpr uint32_t kMaxValueBodyBytes = kLargestItem + 4096;
// incr/decr expiry that means "do not create a missing counter".
constexpr uint32_t kNoCreate = 0xffffffff;

enum RequestCode : uint8_t {
  kSet = 0x01,
  kAdd = 0x02,
  kReplace = 0x03,
  kDelete = 0x04,
  kIncrement = 0x05,
  kDecrement = 0x06,
  kFlush = 0x08,
  kNoop = 0x0a,
  kVersion = 0x0b,
  kGetKey = 0x0c,
  kGetKeyQuiet = 0x0d,
  kAppend = 0x0e,
  kPrepend = 0x0f,
  kSetQuiet = 0x11,
  kAddQuiet = 0x12,
  kReplaceQuiet = 0x13,
  kDeleteQuiet = 0x14,
  kIncrementQuiet = 0x15,
  kDecrementQuiet = 0x16,
  kAppendQuiet = 0x19,
  kPrependQuiet = 0x1a,
  kStat = 0x10,
  kTouch = 0x1c,
  kSaslAuth = 0x21,
};

enum ResponseStatus : uint16_t {
  kKeyExists = 0x0002,
  kTooLarge = 0x0003,
  kInvalidArguments = 0x0004,
  kNotStored = 0x0005,
  kNonNumeric = 0x0006,
  kOutOfMemory = 0x0082,
};

uint8_t RequestCodeFor(Opcode op, bool quiet) {
  switch (op) {
    case Opcode::SET:
    case Opcode::CAS: return quiet ? kSetQuiet : kSet;
    case Opcode::ADD: return quiet ? kAddQuiet : kAdd;
    case Opcode::REPLACE: return quiet ? kReplaceQuiet : kReplace;
    case Opcode::APPEND: return quiet ? kAppendQuiet : kAppend;
    case Opcode::PREPEND: return quiet ? kPrependQuiet : kPrepend;
    case Opcode::DELETE: return quiet ? kDeleteQuiet : kDelete;
    case Opcode::INCR: return quiet ? kIncrementQuiet : kIncrement;
    case Opcode::DECR: return quiet ? kDecrementQuiet : kDecrement;
    case Opcode::STATS: return kStat;
    case Opcode::VERSION: return kVersion;
    case Opcode::FLUSH: return kFlush;
    default: return kTouch;
  }
}

void Put16(char* out, uint16_t value) {
  out[0] = static_cast<char>(value >> 8);
  out[1] = static_cast<char>(value);
}
void Put32(char* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(value >> (24 - 8 * i));
}
void Put64(char* out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(value >> (56 - 8 * i));
}
uint64_t Get(const char* in, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<uint8_t>(in[i]);
  return value;
}

// Header and extras (at most 20 bytes) and key go out copied; the value by
// reference, so a large one is written straight from the batch.
void AppendRequest(Connection& connection, uint8_t command, uint32_t opaque, uint64_t cas,
                   std::string_view extras, std::string_view key, std::string_view value) {
  char header[kHeaderBytes] = {};
  header[0] = static_cast<char>(kRequestMagic);
  header[1] = static_cast<char>(command);
  Put16(header + 2, static_cast<uint16_t>(key.size()));
  header[4] = static_cast<char>(extras.size());
  Put32(header + 8, static_cast<uint32_t>(extras.size() + key.size() + value.size()));
  Put32(header + 12, opaque);
  Put64(header + 16, cas);
  std::string head(header, kHeaderBytes);
  head.append(extras);
  head.append(key);
  connection.Append(head);
  if (!value.empty()) connection.AppendReference(value);
}

std::string Hex(uint16_t value) {
  char hex[8];
  snprintf(hex, sizeof(hex), "0x%04x", value);
  return hex;
}

Reply Fault(Status status, std::string message) { return {status, std::move(message)}; }

}  // namespace

bool HasQuietForm(Opcode op) { return op != Opcode::TOUCH && !IsServerWide(op); }

bool IsQuietAnswer(const Command& command, const Frame& frame) {
  return HasQuietForm(command.op) && !IsRead(command.op) &&
         frame.opcode == RequestCodeFor(command.op, /*quiet=*/true);
}

void AppendCommand(const Command& command, uint32_t opaque, Connection& connection) {
  bool quiet = command.no_reply && HasQuietForm(command.op);
  uint8_t code = RequestCodeFor(command.op, quiet);
  char extras[20];
  switch (command.op) {
    case Opcode::SET:
    case Opcode::ADD:
    case Opcode::REPLACE:
    case Opcode::CAS:
      Put32(extras, command.flags);
      Put32(extras + 4, command.ttl);
      AppendRequest(connection, code, opaque, command.op == Opcode::CAS ? command.number : 0,
                    std::string_view(extras, 8), command.key, command.value);
      return;
    case Opcode::APPEND:
    case Opcode::PREPEND:
      AppendRequest(connection, code, opaque, 0, {}, command.key, command.value);
      return;
    case Opcode::TOUCH:
      Put32(extras, command.ttl);
      AppendRequest(connection, code, opaque, 0, std::string_view(extras, 4), command.key, {});
      return;
    case Opcode::INCR:
    case Opcode::DECR:
      // Counters are created by the caller (incr, add, incr again), the same
      // under both protocols, so the server is told never to create one.
      Put64(extras, command.number);
      Put64(extras + 8, 0);
      Put32(extras + 16, kNoCreate);
      AppendRequest(connection, code, opaque, 0, std::string_view(extras, 20), command.key, {});
      return;
    case Opcode::FLUSH:
      if (command.number == 0) {
        AppendRequest(connection, code, opaque, 0, {}, {}, {});
      } else {
        Put32(extras, static_cast<uint32_t>(command.number));
        AppendRequest(connection, code, opaque, 0, std::string_view(extras, 4), {}, {});
      }
      return;
    default:  // DELETE, STATS (the key is the group), VERSION (no key)
      AppendRequest(connection, code, opaque, 0, {}, command.key, {});
      return;
  }
}

void AppendBarrier(uint32_t opaque, Connection& connection) {
  AppendRequest(connection, kNoop, opaque, 0, {}, {}, {});
}

void AppendRead(const Command& command, uint32_t opaque, Connection& connection) {
  AppendRequest(connection, kGetKeyQuiet, opaque, 0, {}, command.key, {});
}

void AppendPlainAuth(std::string_view credentials, uint32_t opaque, Connection& connection) {
  AppendRequest(connection, kSaslAuth, opaque, 0, {}, "PLAIN", credentials);
}

FrameRead NextFrame(Connection& connection, Frame* frame, std::string* error,
                    size_t least_read_directly) {
  std::string_view input = connection.Input();
  if (input.empty()) return FrameRead::kIncomplete;
  if (static_cast<uint8_t>(input[0]) != kResponseMagic) {
    *error = "a reply that is not a binary response frame: " + Quote(input);
    return FrameRead::kMalformed;
  }
  if (input.size() < kHeaderBytes) return FrameRead::kIncomplete;
  const char* header = input.data();
  auto key_length = static_cast<uint32_t>(Get(header + 2, 2));
  auto extras_length = static_cast<uint8_t>(header[4]);
  auto body_length = static_cast<uint32_t>(Get(header + 8, 4));
  auto opcode = static_cast<uint8_t>(header[1]);
  uint32_t limit = opcode == kGetKey || opcode == kGetKeyQuiet ? kMaxValueBodyBytes : kMaxBodyBytes;
  if (body_length > limit || key_length + extras_length > body_length) {
    *error = "a binary response frame with a body of " + std::to_string(body_length) +
             " bytes (key " + std::to_string(key_length) + ", extras " +
             std::to_string(extras_length) + ")";
    return FrameRead::kMalformed;
  }
  auto status = static_cast<uint16_t>(Get(header + 6, 2));
  size_t value_start = kHeaderBytes + extras_length + key_length;
  size_t frame_end = kHeaderBytes + body_length;
  FrameRead read = FrameRead::kFrame;
  if (input.size() < frame_end) {
    // A hit's value arriving in pieces is handed over once its key is here,
    // when enough of it is missing to be worth reading past the input buffer.
    bool hit = (opcode == kGetKey || opcode == kGetKeyQuiet) && status == kStatusOk;
    if (!hit || input.size() < value_start || frame_end - input.size() < least_read_directly) {
      return FrameRead::kIncomplete;
    }
    read = FrameRead::kValueStarts;
    frame_end = input.size();
  }
  frame->opcode = opcode;
  frame->status = status;
  frame->opaque = static_cast<uint32_t>(Get(header + 12, 4));
  frame->cas = Get(header + 16, 8);
  frame->extras = input.substr(kHeaderBytes, extras_length);
  frame->key = input.substr(kHeaderBytes + extras_length, key_length);
  frame->value = input.substr(value_start, frame_end - value_start);
  frame->value_length = static_cast<uint32_t>(kHeaderBytes + body_length - value_start);
  connection.Consume(frame_end);
  return read;
}

bool HitFlags(const Frame& frame, uint32_t* flags) {
  if (frame.extras.size() != 4) return false;
  *flags = static_cast<uint32_t>(Get(frame.extras.data(), 4));
  return true;
}

Reply ParseReply(Opcode op, const Frame& frame) {
  bool storage = IsStorage(op);
  bool counter = op == Opcode::INCR || op == Opcode::DECR;
  switch (frame.status) {
    case kStatusOk:
      if (!counter) return {Status::OK};
      if (frame.value.size() != 8) {
        return Fault(Status::PROTOCOL, std::string("unexpected reply to ") + CommandName(op) +
                                           ": a counter of " + std::to_string(frame.value.size()) +
                                           " bytes");
      }
      return {Status::OK, Get(frame.value.data(), 8)};
    case kStatusKeyNotFound:
      // As ASCII answers: replace, append and prepend of a missing key are "not stored".
      return {storage && op != Opcode::CAS ? Status::NOT_STORED : Status::NOT_FOUND};
    case kKeyExists:
      // add of an existing key, or a CAS token that is no longer current.
      return {op == Opcode::CAS ? Status::EXISTS : Status::NOT_STORED};
    case kNotStored: return {Status::NOT_STORED};
    case kTooLarge: return Fault(Status::SERVER_ERROR, "SERVER_ERROR object too large for cache");
    case kOutOfMemory:
      return Fault(Status::SERVER_ERROR, "SERVER_ERROR out of memory storing object");
    case kNonNumeric:
      return Fault(Status::NOT_NUMERIC,
                   "CLIENT_ERROR cannot increment or decrement non-numeric value");
    case kInvalidArguments:
      return Fault(Status::CLIENT_ERROR, "CLIENT_ERROR " + Quote(frame.value));
    case kStatusAuthError:
    case kStatusAuthContinue: return Fault(Status::AUTH, "the server requires authentication");
    case kStatusUnknownCommand:
      return Fault(Status::PROTOCOL, std::string("the server does not know ") + CommandName(op) +
                                         " in the binary protocol");
    default:
      return Fault(Status::SERVER_ERROR,
                   "SERVER_ERROR status " + Hex(frame.status) + " " + Quote(frame.value));
  }
}

}  // namespace mcnative::binary
