#include "write_pipeline.h"

#include <poll.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <deque>

namespace mcnative {

namespace {

using Clock = std::chrono::steady_clock;

constexpr uint32_t kBarrier = UINT32_MAX;
// No reply to a write comes close to this; more without a line end is garbage.
constexpr size_t kMaxReplyLine = 8 * 1024;
// Shown in faults: enough of an unexpected reply to recognise it.
constexpr size_t kQuotedReplyBytes = 80;

bool IsStorage(Opcode op) {
  return op == Opcode::SET || op == Opcode::ADD || op == Opcode::REPLACE ||
         op == Opcode::APPEND || op == Opcode::PREPEND || op == Opcode::CAS;
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
    default: return nullptr;
  }
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool IsErrorLine(std::string_view line) {
  return line == "ERROR" || StartsWith(line, "SERVER_ERROR") || StartsWith(line, "CLIENT_ERROR");
}

std::string Quote(std::string_view line) {
  std::string quoted = "'";
  for (char c : line.substr(0, kQuotedReplyBytes)) {
    quoted += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (line.size() > kQuotedReplyBytes) quoted += "...";
  return quoted + "'";
}

template <typename T>
void AppendNumber(std::string* out, T number) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), number);
  out->append(digits, end);
}

// The command line of a write, without its data block.
void FormatCommandLine(const WriteCommand& command, std::string* out) {
  out->append(CommandName(command.op));
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

struct Reply {
  Status status;
  uint64_t number = 0;
  // False when the stream can no longer be trusted to be in step.
  bool in_step = true;
};

bool ParseCounter(std::string_view line, uint64_t* value) {
  // Old servers pad the number with spaces.
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.empty()) return false;
  auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), *value);
  return ec == std::errc() && end == line.data() + line.size();
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
  if (StartsWith(line, "SERVER_ERROR")) return {Status::SERVER_ERROR};
  // After CLIENT_ERROR or ERROR to a storage command the server may have taken
  // the data block for a command of its own.
  if (StartsWith(line, "CLIENT_ERROR")) return {Status::CLIENT_ERROR, 0, !storage};
  if (line == "ERROR") return {Status::PROTOCOL, 0, !storage};
  return {Status::PROTOCOL, 0, false};
}

int MillisecondsUntil(Clock::time_point deadline, Clock::time_point now) {
  if (deadline <= now) return 0;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<int64_t>(left, INT32_MAX));
}

}  // namespace

struct WritePipeline::Channel {
  struct Expectation {
    uint32_t command;     // kBarrier: the `version` that confirms silent commands
    uint32_t silent_end;  // barrier: confirms silent[..silent_end)
    uint32_t strays_left; // barrier: error lines the silent commands may still send
  };

  Channel(uint32_t server, Connection* connection) : server(server), connection(connection) {}

  uint32_t server;
  Connection* connection;
  std::vector<uint32_t> commands;
  std::deque<Expectation> expected;
  // noreply commands in order; silent_confirmed of them are known to be processed.
  std::vector<uint32_t> silent;
  uint32_t silent_confirmed = 0;
  bool active = true;
  Clock::time_point deadline;

  // How many silent commands the last queued barrier (or one already answered) covers.
  uint32_t BarrierEnd() const {
    for (auto it = expected.rbegin(); it != expected.rend(); ++it) {
      if (it->command == kBarrier) return it->silent_end;
    }
    return silent_confirmed;
  }
  bool HasUncoveredSilent() const { return silent.size() > BarrierEnd(); }
};

void WritePipeline::Run(const std::vector<WriteCommand>& commands,
                        std::vector<WriteOutcome>* outcomes) {
  commands_ = &commands;
  outcomes_ = outcomes;
  outcomes->assign(commands.size(), WriteOutcome{});

  std::vector<Channel> channels;
  std::vector<int> channel_of_server(connections_.size(), -1);
  for (uint32_t i = 0; i < commands.size(); ++i) {
    uint32_t server = commands[i].server;
    if (channel_of_server[server] < 0) {
      channel_of_server[server] = static_cast<int>(channels.size());
      channels.emplace_back(server, connections_[server].get());
    }
    channels[channel_of_server[server]].commands.push_back(i);
  }

  for (Channel& channel : channels) Open(channel);

  std::vector<pollfd> fds;
  std::vector<Channel*> polled;
  for (;;) {
    fds.clear();
    polled.clear();
    Clock::time_point next_deadline = Clock::time_point::max();
    for (Channel& channel : channels) {
      if (!channel.active) continue;
      Connection& connection = *channel.connection;
      short events = POLLIN;
      if (connection.state() == Connection::State::kConnecting) {
        events = POLLOUT;
      } else if (connection.HasOutput()) {
        events |= POLLOUT;
      }
      fds.push_back(pollfd{connection.fd(), events, 0});
      polled.push_back(&channel);
      next_deadline = std::min(next_deadline, channel.deadline);
    }
    if (fds.empty()) break;

    int ready = poll(fds.data(), fds.size(), MillisecondsUntil(next_deadline, Clock::now()));
    if (ready < 0 && errno != EINTR) {
      for (Channel* channel : polled) Fail(*channel, Status::UNKNOWN, "poll failed");
      break;
    }
    for (size_t i = 0; ready > 0 && i < fds.size(); ++i) {
      if (fds[i].revents != 0) Service(*polled[i], fds[i].revents);
    }

    Clock::time_point now = Clock::now();
    for (Channel* channel : polled) {
      if (!channel->active || now < channel->deadline) continue;
      bool connecting = channel->connection->state() == Connection::State::kConnecting;
      int waited = connecting ? timeouts_.connect_ms : timeouts_.reply_ms;
      std::string message = std::string(connecting ? "could not connect" : "no reply") +
                            " within " + std::to_string(waited) + " ms";
      Fail(*channel, Status::TIMEOUT, message);
      // A server that cannot be reached is left alone for the retry timeout; a
      // slow one is tried again by the next batch, as libmemcached does.
      if (connecting) health_.MarkDown(channel->server, message);
    }
  }
}

void WritePipeline::Open(Channel& channel) {
  std::string reason;
  if (health_.IsDown(channel.server, &reason)) {
    Fail(channel, Status::SERVER_DOWN, reason);
    return;
  }
  Connection& connection = *channel.connection;
  if (connection.state() == Connection::State::kOpen && connection.IsStale()) connection.Close();
  if (connection.state() != Connection::State::kOpen) {
    std::string error;
    if (!connection.StartConnect(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    channel.deadline = Clock::now() + std::chrono::milliseconds(timeouts_.connect_ms);
  } else {
    channel.deadline = Clock::now() + std::chrono::milliseconds(timeouts_.reply_ms);
  }

  for (uint32_t command : channel.commands) Queue(channel, command);
  // End on a reply, so the connection is in step when the next batch takes it
  // and every noreply write has been processed before this batch reports back.
  if (channel.HasUncoveredSilent()) QueueBarrier(channel);

  // An open connection takes the pipeline at once; poll is needed only for
  // what the socket buffer could not hold.
  if (connection.state() == Connection::State::kOpen) {
    std::string error;
    if (!connection.Flush(&error)) Fail(channel, Status::CONNECTION, error);
  }
}

void WritePipeline::Queue(Channel& channel, uint32_t index) {
  const WriteCommand& command = (*commands_)[index];
  // A reply after noreply writes could be one of their error lines: put a
  // barrier between them so every line has exactly one owner.
  if (!command.no_reply && channel.HasUncoveredSilent()) QueueBarrier(channel);

  std::string line;
  line.reserve(command.key.size() + 64);
  FormatCommandLine(command, &line);
  Connection& connection = *channel.connection;
  connection.Append(line);
  if (IsStorage(command.op)) {
    connection.AppendReference(command.value);
    connection.Append("\r\n");
  }
  if (command.no_reply) {
    channel.silent.push_back(index);
  } else {
    channel.expected.push_back(Channel::Expectation{index, 0, 0});
  }
}

void WritePipeline::QueueBarrier(Channel& channel) {
  uint32_t previous_end = channel.BarrierEnd();
  auto silent_end = static_cast<uint32_t>(channel.silent.size());
  channel.connection->Append("version\r\n");
  channel.expected.push_back(Channel::Expectation{kBarrier, silent_end, silent_end - previous_end});
}

void WritePipeline::Service(Channel& channel, short events) {
  Connection& connection = *channel.connection;
  Clock::time_point now = Clock::now();
  if (connection.state() == Connection::State::kConnecting) {
    std::string error;
    if (!connection.FinishConnect(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    if (connection.state() == Connection::State::kConnecting) {
      // Trying the host's next address, with a fresh connect timeout.
      channel.deadline = now + std::chrono::milliseconds(timeouts_.connect_ms);
      return;
    }
    channel.deadline = now + std::chrono::milliseconds(timeouts_.reply_ms);
    events = POLLOUT;
  }

  if (events & (POLLIN | POLLERR | POLLHUP)) {
    ReadReplies(channel);
    if (!channel.active) return;
  }
  if ((events & POLLOUT) && connection.HasOutput()) {
    std::string error;
    if (!connection.Flush(&error)) {
      Fail(channel, Status::CONNECTION, error);
      return;
    }
    channel.deadline = now + std::chrono::milliseconds(timeouts_.reply_ms);
  }
  if (channel.expected.empty() && !connection.HasOutput()) channel.active = false;
}

void WritePipeline::ReadReplies(Channel& channel) {
  Connection& connection = *channel.connection;
  std::string error;
  bool open = connection.Receive(&error);
  std::string_view line;
  bool answered = false;
  while (connection.NextLine(&line)) {
    if (!Answer(channel, line)) return;
    answered = true;
  }
  if (answered) {
    channel.deadline = Clock::now() + std::chrono::milliseconds(timeouts_.reply_ms);
  }
  if (!open) {
    Fail(channel, Status::CONNECTION, error);
  } else if (connection.PendingInput() > kMaxReplyLine) {
    Fail(channel, Status::PROTOCOL,
         "a reply line longer than " + std::to_string(kMaxReplyLine) + " bytes");
  }
}

bool WritePipeline::Answer(Channel& channel, std::string_view line) {
  if (channel.expected.empty()) {
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }
  Channel::Expectation& expected = channel.expected.front();
  if (expected.command == kBarrier) {
    if (StartsWith(line, "VERSION ")) {
      for (uint32_t i = channel.silent_confirmed; i < expected.silent_end; ++i) {
        (*outcomes_)[channel.silent[i]].status = Status::OK;
      }
      channel.silent_confirmed = expected.silent_end;
      channel.expected.pop_front();
      return true;
    }
    // memcached still reports some errors of noreply commands (out of memory,
    // for one). Which command it was is unknown, and noreply asked not to be told.
    if (IsErrorLine(line) && expected.strays_left > 0) {
      --expected.strays_left;
      return true;
    }
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }

  uint32_t index = expected.command;
  channel.expected.pop_front();
  const WriteCommand& command = (*commands_)[index];
  WriteOutcome& outcome = (*outcomes_)[index];
  Reply reply = ParseReply(command.op, line);
  outcome.status = reply.status;
  outcome.number = reply.number;
  if (reply.status == Status::PROTOCOL && reply.in_step == false && line != "ERROR") {
    outcome.message = std::string("unexpected reply to ") + CommandName(command.op) + ": " +
                      Quote(line);
  } else if (IsFault(reply.status)) {
    outcome.message = std::string(line);
  }
  if (!reply.in_step) {
    Fail(channel, Status::PROTOCOL,
         std::string("no reply: the connection was closed after a reply that put it out of "
                     "step (") +
             Quote(line) + " to " + CommandName(command.op) + ")");
    return false;
  }
  return true;
}

void WritePipeline::Fail(Channel& channel, Status status, const std::string& message) {
  channel.connection->Close();
  channel.active = false;
  for (uint32_t index : channel.commands) {
    WriteOutcome& outcome = (*outcomes_)[index];
    if (outcome.status != Status::kCount) continue;
    outcome.status = status;
    outcome.message = message;
  }
  if (status == Status::CONNECTION) health_.MarkDown(channel.server, message);
}

}  // namespace mcnative
