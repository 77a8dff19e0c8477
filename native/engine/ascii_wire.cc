// The ASCII protocol's write commands and their reply lines.
#include <charconv>

#include "wire_format.h"

namespace mcnative {

namespace {

// Shown in faults: enough of an unexpected reply to recognise it.
constexpr size_t kQuotedReplyBytes = 80;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

template <typename T>
void AppendNumber(std::string* out, T number) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), number);
  out->append(digits, end);
}

// The command line of a write, without its data block.
void FormatCommandLine(const Command& command, std::string* out) {
  out->append(CommandName(command.op));
  if (IsServerWide(command.op)) {
    if (command.op == Opcode::STATS && !command.key.empty()) {
      out->push_back(' ');
      out->append(command.key);
    } else if (command.op == Opcode::FLUSH && command.number != 0) {
      out->push_back(' ');
      AppendNumber(out, command.number);
    }
    out->append("\r\n");
    return;
  }
  if (IsRead(command.op)) {
    out->push_back(' ');
    out->append(command.key);
    out->append("\r\n");
    return;
  }
  out->push_back(' ');
  out->append(command.key);
  if (IsStorage(command.op)) {
    out->push_back(' ');
    AppendNumber(out, command.flags);
    out->push_back(' ');
    AppendNumber(out, command.ttl);
    out->push_back(' ');
    AppendNumber(out, command.value.size());
    if (command.op == Opcode::CAS) {
      out->push_back(' ');
      AppendNumber(out, command.number);
    }
  } else if (command.op == Opcode::TOUCH) {
    out->push_back(' ');
    AppendNumber(out, command.ttl);
  } else if (command.op == Opcode::INCR || command.op == Opcode::DECR) {
    out->push_back(' ');
    AppendNumber(out, command.number);
  }
  if (command.no_reply) out->append(" noreply");
  out->append("\r\n");
}

template <typename T>
bool ParseNumber(std::string_view text, T* value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size();
}

bool ParseCounter(std::string_view line, uint64_t* value) {
  // Old servers pad the number with spaces.
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.empty()) return false;
  auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), *value);
  return ec == std::errc() && end == line.data() + line.size();
}

}  // namespace

bool IsStorage(Opcode op) {
  return op == Opcode::SET || op == Opcode::ADD || op == Opcode::REPLACE || op == Opcode::APPEND ||
         op == Opcode::PREPEND || op == Opcode::CAS;
}

const char* CommandName(Opcode op) {
  switch (op) {
    case Opcode::SET: return "set";
    case Opcode::ADD: return "add";
    case Opcode::REPLACE: return "replace";
    case Opcode::APPEND: return "append";
    case Opcode::PREPEND: return "prepend";
    case Opcode::CAS: return "cas";
    case Opcode::DELETE: return "delete";
    case Opcode::TOUCH: return "touch";
    case Opcode::INCR: return "incr";
    case Opcode::DECR: return "decr";
    case Opcode::GET:
    case Opcode::GETS: return "gets";
    case Opcode::STATS: return "stats";
    case Opcode::VERSION: return "version";
    case Opcode::FLUSH: return "flush_all";
    default: return "?";
  }
}

std::string Quote(std::string_view bytes) {
  std::string quoted = "'";
  for (char c : bytes.substr(0, kQuotedReplyBytes)) {
    quoted += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (bytes.size() > kQuotedReplyBytes) quoted += "...";
  return quoted + "'";
}

namespace ascii {

void AppendCommand(const Command& command, Connection& connection) {
  std::string line;
  line.reserve(command.key.size() + 64);
  FormatCommandLine(command, &line);
  connection.Append(line);
  if (IsStorage(command.op)) {
    connection.AppendReference(command.value);
    connection.Append("\r\n");
  }
}

void AppendBarrier(Connection& connection) { connection.Append("version\r\n"); }

bool IsBarrierReply(std::string_view line) { return StartsWith(line, "VERSION "); }

bool IsErrorLine(std::string_view line) {
  return line == "ERROR" || StartsWith(line, "SERVER_ERROR") || StartsWith(line, "CLIENT_ERROR");
}

bool IsValueLine(std::string_view line) { return StartsWith(line, "VALUE "); }

bool ParseValueLine(std::string_view line, ValueLine* value) {
  // Exactly four fields after VALUE, single spaces, as memcached writes them.
  std::string_view fields[4];
  std::string_view rest = line.substr(6);
  for (int i = 0; i < 4; ++i) {
    size_t space = rest.find(' ');
    if ((space == std::string_view::npos) != (i == 3)) return false;
    fields[i] = rest.substr(0, space);
    if (fields[i].empty()) return false;
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  value->key = fields[0];
  return ParseNumber(fields[1], &value->flags) && ParseNumber(fields[2], &value->bytes) &&
         ParseNumber(fields[3], &value->cas);
}

Reply ParseReply(Opcode op, std::string_view line) {
  bool storage = IsStorage(op);
  if (storage) {
    if (line == "STORED") return {Status::OK};
    if (line == "NOT_STORED") return {Status::NOT_STORED};
    if (op == Opcode::CAS && line == "EXISTS") return {Status::EXISTS};
    if (op == Opcode::CAS && line == "NOT_FOUND") return {Status::NOT_FOUND};
  } else {
    if (line == "NOT_FOUND") return {Status::NOT_FOUND};
    if (op == Opcode::DELETE && line == "DELETED") return {Status::OK};
    if (op == Opcode::TOUCH && line == "TOUCHED") return {Status::OK};
    uint64_t value;
    if ((op == Opcode::INCR || op == Opcode::DECR) && ParseCounter(line, &value)) {
      return {Status::OK, value};
    }
  }
  // memcached reads a storage command's whole data block before it answers
  // SERVER_ERROR (value too large, out of memory), so the stream stays in step.
  if (StartsWith(line, "SERVER_ERROR")) return {Status::SERVER_ERROR, std::string(line)};
  // After CLIENT_ERROR or ERROR to a storage command the server may have taken
  // the data block for a command of its own.
  if (StartsWith(line, "CLIENT_ERROR")) {
    // memcached's words for incr/decr of a value that is not a number.
    bool not_numeric = (op == Opcode::INCR || op == Opcode::DECR) &&
                       line.find("non-numeric") != std::string_view::npos;
    return {not_numeric ? Status::NOT_NUMERIC : Status::CLIENT_ERROR, std::string(line), !storage};
  }
  if (line == "ERROR") return {Status::PROTOCOL, std::string(line), !storage};
  return {Status::PROTOCOL,
          std::string("unexpected reply to ") + CommandName(op) + ": " + Quote(line), false};
}

}  // namespace ascii

}  // namespace mcnative
