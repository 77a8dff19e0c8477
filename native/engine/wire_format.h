// How the pipeline puts commands on the wire and reads their replies, in
// each of memcached's two protocols. The pipeline (pipeline.h) decides
// what to send and which reply belongs to which command; these functions only
// encode and decode.
//
// ASCII replies are lines matched to commands by order. Binary replies are
// frames that carry the `opaque` of their request (the command's index here),
// and the quiet forms of binary commands answer only when they fail.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "connection.h"
#include "opcodes_statuses.h"

namespace mcnative {

// memcached stores items of at most 1 GiB (the most its -I takes): a read's
// answer claiming a longer value is a stream out of step, in either protocol.
constexpr uint64_t kLargestItem = uint64_t{1} << 30;

struct Command {
  uint32_t server;  // position in the connection list
  Opcode op;
  bool no_reply;
  std::string_view key;    // STATS: the group, or empty
  std::string_view value;  // storage commands only
  uint32_t flags;
  uint32_t ttl;
  uint64_t number;  // CAS: the token; INCR/DECR: the delta; FLUSH: the delay in seconds
};

// What a reply says about its command.
struct Reply {
  Reply(Status status, uint64_t number = 0) : status(status), number(number) {}
  Reply(Status status, std::string message, bool in_step = true)
      : status(status), message(std::move(message)), in_step(in_step) {}

  Status status;
  uint64_t number = 0;  // INCR/DECR: the new value
  std::string message;  // for faults: what the server said
  // False when the stream can no longer be trusted to be in step.
  bool in_step = true;
};

bool IsStorage(Opcode op);
inline bool IsRead(Opcode op) { return op == Opcode::GET || op == Opcode::GETS; }
// stats, version and flush_all: addressed to a server, not to a key.
inline bool IsServerWide(Opcode op) {
  return op == Opcode::STATS || op == Opcode::VERSION || op == Opcode::FLUSH;
}
const char* CommandName(Opcode op);
// A server's reply as faults quote it: printable, and cut short.
std::string Quote(std::string_view bytes);

namespace ascii {

// The command line and, for storage commands, its data block. A read is a
// `gets` of its one key (the pipeline joins reads into one line instead).
void AppendCommand(const Command& command, Connection& connection);
// `version`: its answer confirms that every command before it was processed.
void AppendBarrier(Connection& connection);
bool IsBarrierReply(std::string_view line);
// ERROR, SERVER_ERROR ..., CLIENT_ERROR ...: what a noreply command may still send.
bool IsErrorLine(std::string_view line);
Reply ParseReply(Opcode op, std::string_view line);

// `VALUE <key> <flags> <bytes> <cas>`, the line before a hit's data block.
struct ValueLine {
  std::string_view key;
  uint32_t flags;
  uint64_t bytes;
  uint64_t cas;
};
bool IsValueLine(std::string_view line);
bool ParseValueLine(std::string_view line, ValueLine* value);

}  // namespace ascii

namespace binary {

// A response frame, whose value points into the connection's input.
struct Frame {
  uint8_t opcode;
  uint16_t status;
  uint32_t opaque;
  uint64_t cas;
  std::string_view extras;
  std::string_view key;
  // The value's bytes received so far: all of them, but in a kValueStarts
  // read, where the rest (value_length - value.size() bytes) is still to come.
  std::string_view value;
  uint32_t value_length;
};

// kValueStarts: a read's hit whose value has only begun to arrive, its rest
// at least the `least_read_directly` given to NextFrame: the caller reads
// that rest from the socket itself, straight into the value's room.
enum class FrameRead { kIncomplete, kFrame, kValueStarts, kMalformed };

// The request for `command`, in its quiet form when it is a noreply command
// that has one (see HasQuietForm).
void AppendCommand(const Command& command, uint32_t opaque, Connection& connection);
// Whether a noreply command is sent quiet. touch has no quiet form: it is sent
// as is and its answer ignored.
bool HasQuietForm(Opcode op);
// NOOP: its answer confirms that every quiet command before it was processed.
void AppendBarrier(uint32_t opaque, Connection& connection);
// GETKQ: a read that is answered only when it hits; a NOOP after a run of
// them tells the misses.
void AppendRead(const Command& command, uint32_t opaque, Connection& connection);
// Whether `frame` is what a quiet (noreply) `command` sends when it failed.
bool IsQuietAnswer(const Command& command, const Frame& frame);
// SASL_AUTH with mechanism PLAIN; `credentials` is "\0user\0password".
void AppendPlainAuth(std::string_view credentials, uint32_t opaque, Connection& connection);
// The next complete frame of the input, consumed; or the start of a read's
// hit whose value lacks `least_read_directly` bytes or more (see
// kValueStarts), consumed up to the end of the input. kMalformed with *error
// set when the input is not a response frame.
FrameRead NextFrame(Connection& connection, Frame* frame, std::string* error,
                    size_t least_read_directly);
Reply ParseReply(Opcode op, const Frame& frame);
// The flags a read's hit carries in its extras; false when they are not 4 bytes.
bool HitFlags(const Frame& frame, uint32_t* flags);

constexpr uint16_t kStatusOk = 0x0000;
constexpr uint16_t kStatusKeyNotFound = 0x0001;
constexpr uint16_t kStatusAuthError = 0x0020;
constexpr uint16_t kStatusAuthContinue = 0x0021;
constexpr uint16_t kStatusUnknownCommand = 0x0081;

}  // namespace binary

}  // namespace mcnative
