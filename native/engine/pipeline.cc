#include "pipeline.h"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <utility>

namespace mcnative {

namespace {

using Clock = std::chrono::steady_clock;

// Expectations that are not commands of the batch (whose indexes are far smaller).
constexpr uint32_t kBarrier = UINT32_MAX;
constexpr uint32_t kAuthentication = UINT32_MAX - 1;
// A run of reads (one `gets` line, or GETKQs): Expectation::group names it.
constexpr uint32_t kReadGroup = UINT32_MAX - 2;
// The NOOP that ends a binary read group: the reads it did not answer missed.
constexpr uint32_t kReadGroupEnd = UINT32_MAX - 3;
// A gets line is closed at this length; memcached takes far longer ones, but a
// short line lets it start answering sooner. With a key of at most 250 bytes
// after it, a line stays well under the 16 KB ElastiCache Serverless takes
// (test/integration/81-serverless.test.ts): never raise this near that.
constexpr size_t kMaxGetsLine = 2048;
// The rest of a value at least this long is read from the socket straight
// into its room in the value sink, not copied there through the input buffer.
constexpr size_t kLeastReadDirectly = 16 * 1024;
// Over TLS, reading directly costs no system call (OpenSSL holds the record,
// decrypted, and copies from it either way), so it pays from far smaller
// values. While the values coming are this large, a read for the next reply
// line takes only what a VALUE line needs, so that the value's bytes stay
// with OpenSSL until their room is known: decrypted into the input buffer,
// 32 values of 10 KB spent a tenth of the reads' time copying them out again.
constexpr size_t kLeastReadDirectlyOverTls = 2 * 1024;
constexpr size_t kTlsLineRead = 512;

size_t LeastReadDirectly(const Connection& connection) {
  return connection.IsTls() ? kLeastReadDirectlyOverTls : kLeastReadDirectly;
}
// No reply to a write comes close to this; more without a line end is garbage.
constexpr size_t kMaxReplyLine = 8 * 1024;

}  // namespace

struct Pipeline::Channel {
  struct Expectation {
    // A command's index; kBarrier: the `version` or NOOP that confirms silent
    // commands; kAuthentication: SASL on a new connection.
    uint32_t command;
    uint32_t silent_end;   // barrier: confirms silent[..silent_end)
    uint32_t strays_left;  // barrier: error lines the silent commands may still send
    uint32_t group = 0;    // kReadGroup: its position in read_groups
  };

  // Consecutive reads of one server share one `gets` line: memcached answers
  // one line of 32 keys about three times as fast as 32 lines of one key.
  struct ReadGroup {
    std::vector<uint32_t> commands;  // in the order of the line's keys
    size_t next = 0;                 // the first not answered yet
    // Reads of a key this group asks for that were not sent again: each
    // (asked, twin) pair takes the asked one's answer when the group ends.
    std::vector<std::pair<uint32_t, uint32_t>> twins;
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
  std::vector<ReadGroup> read_groups;
  bool read_group_open = false;  // the last read group still takes reads
  std::string gets_line;         // ASCII: the open read group's line
  // A VALUE line (or a binary hit's header) arrived: its data block, for
  // value_command, comes next.
  bool in_value_block = false;
  uint32_t value_command = 0;
  size_t value_bytes_left = 0;   // of the data block (and ASCII's \r\n)
  uint32_t value_reference = 0;  // the value's room in the value sink
  size_t value_written = 0;      // how much of it is filled
  // The last VALUE line announced a value read straight into its room over
  // TLS: the next line is read alone (see kTlsLineRead).
  bool large_values = false;
  // The answer of the server-wide command in front, as it arrives: stats as
  // "name\0value\0" pairs, a version as its text.
  std::string server_answer;

  // How many silent commands the last queued barrier (or one already answered) covers.
  uint32_t BarrierEnd() const {
    for (auto it = expected.rbegin(); it != expected.rend(); ++it) {
      if (it->command == kBarrier) return it->silent_end;
    }
    return silent_confirmed;
  }
  bool HasUncoveredSilent() const { return silent.size() > BarrierEnd(); }
};

Pipeline::Pipeline(std::vector<std::unique_ptr<Connection>>& connections, ServerHealth& health,
                   const PipelineSettings& settings)
    : connections_(connections),
      health_(health),
      settings_(settings),
      reply_ms_(settings.reply_ms) {}

Pipeline::~Pipeline() = default;

void Pipeline::Start(const std::vector<Command>& commands, std::vector<Outcome>* outcomes,
                     ValueBuffer* values, bool connect_allowed) {
  connect_allowed_ = connect_allowed;
  commands_ = &commands;
  outcomes_ = outcomes;
  values_ = values;
  outcomes->assign(commands.size(), Outcome{});

  channels_.clear();
  std::vector<int> channel_of_server(connections_.size(), -1);
  for (uint32_t i = 0; i < commands.size(); ++i) {
    uint32_t server = commands[i].server;
    if (channel_of_server[server] < 0) {
      channel_of_server[server] = static_cast<int>(channels_.size());
      channels_.emplace_back(server, connections_[server].get());
    }
    channels_[channel_of_server[server]].commands.push_back(i);
  }
  for (Channel& channel : channels_) Open(channel);
}

void Pipeline::FailAll(Status status, const std::string& message) {
  for (Channel& channel : channels_) {
    if (channel.active) Fail(channel, status, message);
  }
}

bool Pipeline::Done() const {
  for (const Channel& channel : channels_) {
    if (channel.active) return false;
  }
  return true;
}

void Pipeline::Waits(std::vector<Wait>* waits, Clock::time_point* deadline) const {
  waits->clear();
  *deadline = Clock::time_point::max();
  for (uint32_t i = 0; i < channels_.size(); ++i) {
    const Channel& channel = channels_[i];
    if (!channel.active) continue;
    const Connection& connection = *channel.connection;
    short events = POLLIN;
    if (connection.state() == Connection::State::kConnecting) {
      events = POLLOUT;
    } else if (connection.state() == Connection::State::kHandshaking) {
      events = connection.HandshakeEvents();
    } else {
      // Not while the write waits for the server: the socket would be
      // writable at once, and the write fail again, in a busy loop.
      if (connection.HasOutput() && !connection.WriteWaitsForInput()) events |= POLLOUT;
    }
    waits->push_back(Wait{i, channel.server, connection.fd(), events});
    *deadline = std::min(*deadline, channel.deadline);
  }
}

void Pipeline::OnReady(uint32_t channel, short events) {
  if (channels_[channel].active) Service(channels_[channel], events);
}

void Pipeline::OnClock() {
  Clock::time_point now = Clock::now();
  for (Channel& channel : channels_) {
    if (!channel.active || now < channel.deadline) continue;
    Connection::State state = channel.connection->state();
    if (state == Connection::State::kHandshaking) {
      // A plaintext server reads a ClientHello as the start of a command
      // line, and waits for the rest.
      std::string message = "TLS handshake did not finish within " +
                            std::to_string(settings_.connect_ms) +
                            " ms (is the server speaking TLS?)";
      Fail(channel, Status::TLS, message, "ETIMEDOUT");
      continue;
    }
    bool connecting = state == Connection::State::kConnecting;
    if (!connecting) {
      Service(channel, POLLIN);
      if (!channel.active) continue;
    }
    int waited = connecting ? settings_.connect_ms : reply_ms_;
    std::string message = std::string(connecting ? "could not connect" : "no answer") + " within " +
                          std::to_string(waited) + " ms";
    Fail(channel, Status::TIMEOUT, message, "ETIMEDOUT");
    // A server that cannot be reached is left alone for the retry timeout; a
    // slow one is tried again by the next batch.
    if (connecting) health_.MarkDown(channel.server, message);
  }
}

void Pipeline::StartReplyDeadline(Channel& channel, Clock::time_point now) {
  channel.deadline = now + std::chrono::milliseconds(reply_ms_);
}

void Pipeline::Open(Channel& channel) {
  std::string reason;
  Status status;
  if (health_.IsDown(channel.server, &reason, &status)) {
    Abandon(channel, status, reason, nullptr, /*skipped=*/true);
    return;
  }
  Connection& connection = *channel.connection;
  if (!connect_allowed_ && connection.state() != Connection::State::kOpen) {
    // The event loop checked this connection a moment ago, and must never wait
    // for a host name lookup: report it rather than reconnect here.
    Abandon(channel, Status::CONNECTION, "the server closed the connection", nullptr,
            /*skipped=*/false);
    return;
  }
  if (connect_allowed_ && connection.state() == Connection::State::kOpen && connection.IsStale()) {
    connection.Close();
  }
  if (connection.state() != Connection::State::kOpen) {
    std::string error;
    if (!connection.StartConnect(&error)) {
      FailConnection(channel, error);
      return;
    }
    channel.deadline = Clock::now() + std::chrono::milliseconds(settings_.connect_ms);
    // Authenticated before anything else is sent; the commands behind it are
    // pipelined with it, and refused by the server if it fails.
    if (!settings_.sasl_plain.empty()) {
      binary::AppendPlainAuth(settings_.sasl_plain, kAuthentication, connection);
      connection.EndRequest();
      channel.expected.push_back(Channel::Expectation{kAuthentication, 0, 0});
    }
  }

  asked_keys_.Reset(channel.commands.size());
  for (uint32_t command : channel.commands) Queue(channel, command);
  FlushReadGroup(channel);
  // End on a reply, so the connection is in step when the next batch takes it
  // and every noreply write has been processed before this batch reports back.
  if (channel.HasUncoveredSilent()) QueueBarrier(channel);

  // An open connection takes the pipeline at once; poll is needed only for
  // what the socket buffer could not hold.
  if (connection.state() == Connection::State::kOpen) {
    std::string error;
    if (!connection.Flush(&error)) {
      FailConnection(channel, error);
      return;
    }
    // Either every request went out now, or the rest goes as the server takes
    // it: each step of progress moves the deadline (see Service).
    StartReplyDeadline(channel, Clock::now());
  }
}

void Pipeline::Queue(Channel& channel, uint32_t index) {
  const Command& command = (*commands_)[index];
  if (IsRead(command.op)) {
    QueueRead(channel, index);
    return;
  }
  FlushReadGroup(channel);
  asked_keys_.Clear();
  // A reply after noreply writes could be one of their error lines: put a
  // barrier between them so every line has exactly one owner.
  if (!command.no_reply && channel.HasUncoveredSilent()) QueueBarrier(channel);

  Connection& connection = *channel.connection;
  bool silent = command.no_reply;
  if (settings_.binary) {
    binary::AppendCommand(command, index, connection);
    silent = silent && binary::HasQuietForm(command.op);
  } else {
    ascii::AppendCommand(command, connection);
  }
  connection.EndRequest();
  if (silent) {
    channel.silent.push_back(index);
  } else {
    channel.expected.push_back(Channel::Expectation{index, 0, 0});
  }
}

void Pipeline::QueueRead(Channel& channel, uint32_t index) {
  const Command& command = (*commands_)[index];
  // A key asked again before anything could change it is answered once, for
  // both: many callers wanting one hot key at once ask memcached once.
  bool added;
  AskedKeys::Asked& asked = asked_keys_.Add(command.key, index, &added);
  if (!added) {
    channel.read_groups[asked.group].twins.emplace_back(asked.command, index);
    return;
  }
  if (!settings_.binary && channel.read_group_open &&
      channel.gets_line.size() + 1 + command.key.size() > kMaxGetsLine) {
    FlushReadGroup(channel);
  }
  if (!channel.read_group_open) {
    if (channel.HasUncoveredSilent()) QueueBarrier(channel);
    Channel::Expectation group{kReadGroup, 0, 0};
    group.group = static_cast<uint32_t>(channel.read_groups.size());
    channel.read_groups.emplace_back();
    channel.expected.push_back(group);
    channel.read_group_open = true;
    if (!settings_.binary) channel.gets_line = "gets";
  }
  if (settings_.binary) {
    binary::AppendRead(command, index, *channel.connection);
    channel.connection->EndRequest();
  } else {
    channel.gets_line.push_back(' ');
    channel.gets_line.append(command.key);
  }
  channel.read_groups.back().commands.push_back(index);
  asked.group = static_cast<uint32_t>(channel.read_groups.size() - 1);
}

void Pipeline::FlushReadGroup(Channel& channel) {
  if (!channel.read_group_open) return;
  channel.read_group_open = false;
  if (settings_.binary) {
    binary::AppendBarrier(kReadGroupEnd, *channel.connection);
    channel.connection->EndRequest();
    return;
  }
  channel.gets_line.append("\r\n");
  channel.connection->Append(channel.gets_line);
  channel.connection->EndRequest();
  channel.gets_line.clear();
}

void Pipeline::QueueBarrier(Channel& channel) {
  uint32_t previous_end = channel.BarrierEnd();
  auto silent_end = static_cast<uint32_t>(channel.silent.size());
  if (settings_.binary) {
    binary::AppendBarrier(kBarrier, *channel.connection);
  } else {
    ascii::AppendBarrier(*channel.connection);
  }
  channel.connection->EndRequest();
  channel.expected.push_back(Channel::Expectation{kBarrier, silent_end, silent_end - previous_end});
}

void Pipeline::Service(Channel& channel, short events) {
  Connection& connection = *channel.connection;
  Clock::time_point now = Clock::now();
  if (connection.state() == Connection::State::kConnecting) {
    std::string error;
    if (!connection.FinishConnect(&error)) {
      FailConnection(channel, error);
      return;
    }
    if (connection.state() == Connection::State::kConnecting) {
      // Trying the host's next address, with a fresh connect timeout.
      channel.deadline = now + std::chrono::milliseconds(settings_.connect_ms);
      return;
    }
    if (connection.state() == Connection::State::kHandshaking) {
      // The TLS handshake has a connect timeout of its own.
      channel.deadline = now + std::chrono::milliseconds(settings_.connect_ms);
    } else {
      StartReplyDeadline(channel, now);
      events = POLLOUT;
    }
  }
  if (connection.state() == Connection::State::kHandshaking) {
    std::string error;
    if (!connection.ContinueHandshake(&error)) {
      FailConnection(channel, error);
      return;
    }
    if (connection.state() == Connection::State::kHandshaking) return;
    // Handshake done: what was queued for the server goes out now.
    StartReplyDeadline(channel, now);
    events = POLLOUT;
  }

  bool readable = (events & (POLLIN | POLLERR | POLLHUP)) != 0;
  bool writable = (events & POLLOUT) != 0;
  // In TLS a write may wait for bytes to arrive: it is retried once they have.
  bool write_was_waiting = connection.WriteWaitsForInput();
  if (readable) {
    ReadReplies(channel);
    if (!channel.active) return;
  }
  if ((writable || (readable && write_was_waiting)) && connection.HasOutput()) {
    std::string error;
    if (!connection.Flush(&error)) {
      FailConnection(channel, error);
      return;
    }
    // The server took more of the requests: the answers are due a timeout
    // after the last of them went out, however slowly they then arrive.
    StartReplyDeadline(channel, now);
  }
  if (channel.expected.empty() && !connection.HasOutput()) channel.active = false;
}

void Pipeline::ReadReplies(Channel& channel) {
  Connection& connection = *channel.connection;
  std::string error;
  bool open = settings_.binary ? ReadFrames(channel, &error) : ReadLines(channel, &error);
  if (!channel.active) return;
  if (!open) {
    FailConnection(channel, error);
  } else if (!settings_.binary && connection.PendingInput() > kMaxReplyLine) {
    Fail(channel, Status::PROTOCOL,
         "a reply line longer than " + std::to_string(kMaxReplyLine) + " bytes");
  }
}

bool Pipeline::ReadFrames(Channel& channel, std::string* error) {
  Connection& connection = *channel.connection;
  size_t least = LeastReadDirectly(connection);
  // Woken because the socket is readable: read until a read comes back short.
  // A read that fails ends it once what came before is answered.
  bool drained = false;
  bool open = true;
  binary::Frame frame;
  std::string malformed;
  for (;;) {
    if (channel.in_value_block) {
      // The rest of a large value goes from the socket straight into its
      // room: NextFrame took every byte of it the input buffer had.
      if (!open || drained) return open;
      size_t wanted = channel.value_bytes_left;
      ssize_t received = connection.ReceiveInto(ValueRoom(channel), wanted, error);
      if (received < 0) return false;
      FilledValue(channel, static_cast<size_t>(received));
      if (static_cast<size_t>(received) < wanted) return true;  // the socket is empty
      continue;
    }
    binary::FrameRead read = binary::NextFrame(connection, &frame, &malformed, least);
    if (read == binary::FrameRead::kMalformed) {
      Fail(channel, Status::PROTOCOL, malformed);
      return open;
    }
    if (read != binary::FrameRead::kIncomplete) {
      if (!AnswerFrame(channel, frame)) return open;
      continue;
    }
    if (!open || drained) return open;
    if (!connection.ReceiveOnce(error, &drained)) open = false;
  }
}

void Pipeline::FilledValue(Channel& channel, size_t length) {
  channel.value_written += length;
  channel.value_bytes_left -= length;
  if (channel.value_bytes_left == 0) EndValue(channel);
}

void Pipeline::EndValue(Channel& channel) {
  channel.in_value_block = false;
  (*outcomes_)[channel.value_command].status = Status::OK;
}

bool Pipeline::ReadLines(Channel& channel, std::string* error) {
  Connection& connection = *channel.connection;
  // Woken because the socket is readable: read until a read comes back short.
  bool drained = false;
  std::string_view line;
  for (;;) {
    if (channel.in_value_block) {
      // The rest of a large value goes from the socket straight into its room
      // in the value sink, not through the input buffer.
      if (connection.PendingInput() == 0 &&
          channel.value_bytes_left > 2 + LeastReadDirectly(connection)) {
        size_t wanted = channel.value_bytes_left - 2;
        ssize_t received = connection.ReceiveInto(ValueRoom(channel), wanted, error);
        if (received < 0) return false;
        FilledValue(channel, static_cast<size_t>(received));      // the \r\n is still to come
        if (static_cast<size_t>(received) < wanted) return true;  // the socket is empty
        // A short read before this one no longer means the socket is empty:
        // bytes came since, and over TLS OpenSSL may have taken the next
        // records off the socket with this value's rest, where no poll reports
        // them. Waiting for the socket then stalled the batch until its reply
        // deadline (test/integration/80-tls.test.ts, "replies split").
        drained = false;
        continue;
      }
      if (ReadValueBlock(channel)) continue;
      if (!channel.active) return true;
    } else if (connection.NextLine(&line)) {
      if (!AnswerLine(channel, line)) return true;
      continue;
    }
    // More input is needed: one read at a time, so a value that follows its
    // VALUE line is not pulled into the input buffer before it is known.
    if (drained) return true;
    size_t before = connection.PendingInput();
    size_t most = channel.large_values ? kTlsLineRead : SIZE_MAX;
    if (!connection.ReceiveOnce(error, &drained, most)) return false;
    if (connection.PendingInput() == before) return true;
  }
}

bool Pipeline::AnswerLine(Channel& channel, std::string_view line) {
  if (channel.expected.empty()) {
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }
  Channel::Expectation& expected = channel.expected.front();
  if (expected.command == kBarrier) {
    if (ascii::IsBarrierReply(line)) {
      ConfirmSilent(channel);
      return true;
    }
    // memcached still reports some errors of noreply commands (out of memory,
    // for one). Which command it was is unknown, and noreply asked not to be told.
    if (ascii::IsErrorLine(line) && expected.strays_left > 0) {
      --expected.strays_left;
      return true;
    }
    Fail(channel, Status::PROTOCOL, "a reply no command asked for: " + Quote(line));
    return false;
  }

  if (expected.command == kReadGroup) return AnswerRead(channel, line);
  uint32_t index = expected.command;
  if (IsServerWide((*commands_)[index].op)) return AnswerServerLine(channel, index, line);
  channel.expected.pop_front();
  Reply reply = ascii::ParseReply((*commands_)[index].op, line);
  if (!reply.in_step) {
    std::string reason =
        "no reply: the connection was closed after a reply that put it out of "
        "step (" +
        Quote(line) + " to " + CommandName((*commands_)[index].op) + ")";
    Settle(index, std::move(reply));
    Fail(channel, Status::PROTOCOL, reason);
    return false;
  }
  Settle(index, std::move(reply));
  return true;
}

bool Pipeline::AnswerServerLine(Channel& channel, uint32_t index, std::string_view line) {
  Opcode op = (*commands_)[index].op;
  if (op == Opcode::STATS) {
    // `stats reset` and `stats detail on|off` answer one line; the others a
    // line per statistic, then END.
    if (line == "END" || line == "RESET" || line == "OK") {
      channel.expected.pop_front();
      SettleServerAnswer(channel, index);
      return true;
    }
    if (!ascii::IsErrorLine(line)) {
      std::string_view entry = line.substr(0, 5) == "STAT " ? line.substr(5) : line;
      size_t space = entry.find(' ');
      channel.server_answer.append(entry.substr(0, space));
      channel.server_answer.push_back('\0');
      if (space != std::string_view::npos) channel.server_answer.append(entry.substr(space + 1));
      channel.server_answer.push_back('\0');
      return true;
    }
  } else if (op == Opcode::VERSION && line.substr(0, 8) == "VERSION ") {
    channel.server_answer.assign(line.substr(8));
    channel.expected.pop_front();
    SettleServerAnswer(channel, index);
    return true;
  } else if (op == Opcode::FLUSH && line == "OK") {
    channel.expected.pop_front();
    Settle(index, Reply{Status::OK});
    return true;
  }
  channel.expected.pop_front();
  channel.server_answer.clear();
  // None of them sends a data block: after an error line the stream is in step.
  if (ascii::IsErrorLine(line)) {
    Settle(index, ascii::ParseReply(op, line));
    return true;
  }
  Settle(index, Reply{Status::PROTOCOL,
                      std::string("unexpected reply to ") + CommandName(op) + ": " + Quote(line)});
  Fail(channel, Status::PROTOCOL,
       "no reply: the connection was closed after a reply that put "
       "it out of step");
  return false;
}

bool Pipeline::AnswerServerFrame(Channel& channel, uint32_t index, const binary::Frame& frame) {
  Opcode op = (*commands_)[index].op;
  if (frame.status != binary::kStatusOk) {
    channel.expected.pop_front();
    channel.server_answer.clear();
    Settle(index, binary::ParseReply(op, frame));
    return true;
  }
  if (op == Opcode::STATS && !frame.key.empty()) {
    channel.server_answer.append(frame.key);
    channel.server_answer.push_back('\0');
    channel.server_answer.append(frame.value);
    channel.server_answer.push_back('\0');
    return true;
  }
  channel.expected.pop_front();
  if (op == Opcode::VERSION) channel.server_answer.assign(frame.value);
  if (op == Opcode::FLUSH) {
    Settle(index, Reply{Status::OK});
  } else {
    SettleServerAnswer(channel, index);
  }
  return true;
}

void Pipeline::SettleServerAnswer(Channel& channel, uint32_t index) {
  Outcome& outcome = (*outcomes_)[index];
  size_t offset = values_->size();
  if (offset > ValueBuffer::kOwnBlockBit - channel.server_answer.size() ||
      !values_->Append(channel.server_answer.data(), channel.server_answer.size())) {
    outcome.status = Status::UNKNOWN;
    outcome.message = "no memory left to hold the answer";
  } else {
    outcome.status = Status::OK;
    outcome.value_offset = static_cast<uint32_t>(offset);
    outcome.value_length = static_cast<uint32_t>(channel.server_answer.size());
    outcome.answered_at = Clock::now();
  }
  channel.server_answer.clear();
}

bool Pipeline::AnswerRead(Channel& channel, std::string_view line) {
  Channel::ReadGroup& group = channel.read_groups[channel.expected.front().group];
  if (line == "END") {
    SettleMisses(channel, group.commands.size());
    EndReadGroup(channel);
    return true;
  }
  if (ascii::IsValueLine(line)) {
    ascii::ValueLine value;
    if (!ascii::ParseValueLine(line, &value)) {
      Fail(channel, Status::PROTOCOL, "a malformed VALUE line: " + Quote(line));
      return false;
    }
    // Hits come in the order of the keys asked for, misses left out. A value
    // is only ever handed to the key it was stored under.
    size_t hit = group.next;
    while (hit < group.commands.size() && (*commands_)[group.commands[hit]].key != value.key) ++hit;
    if (hit == group.commands.size()) {
      Fail(channel, Status::PROTOCOL, "a VALUE for a key that was not asked for: " + Quote(line));
      return false;
    }
    SettleMisses(channel, hit);
    uint32_t index = group.commands[group.next++];
    if (!StartHit(channel, index, value.flags, value.cas, value.bytes)) return false;
    channel.in_value_block = true;
    channel.value_command = index;
    channel.value_bytes_left = value.bytes + 2;
    channel.large_values = value.bytes >= kLeastReadDirectlyOverTls;
    return true;
  }
  // gets has no data block: after an error line the stream is still in step.
  if (ascii::IsErrorLine(line)) {
    Reply reply = ascii::ParseReply(Opcode::GETS, line);
    while (group.next < group.commands.size()) Settle(group.commands[group.next++], reply);
    EndReadGroup(channel);
    return true;
  }
  Fail(channel, Status::PROTOCOL, "unexpected reply to gets: " + Quote(line));
  return false;
}

void Pipeline::EndReadGroup(Channel& channel) {
  Channel::ReadGroup& group = channel.read_groups[channel.expected.front().group];
  for (auto [asked, twin] : group.twins) {
    const Outcome& answer = (*outcomes_)[asked];
    Outcome& copy = (*outcomes_)[twin];
    copy = answer;
    if (answer.status != Status::OK || answer.value_length == 0) continue;
    // Each hit has bytes of its own: a caller may change the Buffer it got.
    uint32_t reference;
    if (!values_->Reserve(answer.value_length, &reference)) {
      copy = Outcome{};
      Settle(twin, Reply{Status::UNKNOWN, "no room left to hold a value (out of memory)"});
      continue;
    }
    std::memcpy(values_->At(reference), values_->At(answer.value_offset), answer.value_length);
    copy.value_offset = reference;
  }
  channel.expected.pop_front();
}

void Pipeline::SettleMisses(Channel& channel, size_t until) {
  Channel::ReadGroup& group = channel.read_groups[channel.expected.front().group];
  while (group.next < until) Settle(group.commands[group.next++], Reply{Status::NOT_FOUND});
}

bool Pipeline::StartHit(Channel& channel, uint32_t index, uint32_t flags, uint64_t cas,
                        uint64_t length) {
  // A longer value is a stream out of step, and its room is not to be taken.
  if (length > kLargestItem) {
    Fail(channel, Status::PROTOCOL,
         "a VALUE of " + std::to_string(length) + " bytes, more than memcached can store");
    return false;
  }
  // The whole value's room is taken now: other channels add to the same
  // sink while this value's pieces are still arriving.
  uint32_t reference;
  if (!values_->Reserve(length, &reference)) {
    Fail(channel, Status::UNKNOWN,
         "no room left to hold a value (out of memory, or 2 GiB of small values in one batch)");
    return false;
  }
  channel.value_reference = reference;
  channel.value_written = 0;
  Outcome& outcome = (*outcomes_)[index];
  outcome.flags = flags;
  outcome.number = cas;
  outcome.value_offset = reference;
  outcome.value_length = static_cast<uint32_t>(length);
  return true;
}

char* Pipeline::ValueRoom(const Channel& channel) {
  return values_->At(channel.value_reference) + channel.value_written;
}

bool Pipeline::ReadValueBlock(Channel& channel) {
  Connection& connection = *channel.connection;
  std::string_view input = connection.Input();
  if (input.empty()) return false;
  if (channel.value_bytes_left > 2) {
    size_t take = std::min(input.size(), channel.value_bytes_left - 2);
    std::memcpy(ValueRoom(channel), input.data(), take);
    connection.Consume(take);
    FilledValue(channel, take);
    return true;
  }
  // The block's \r\n: anything else means the VALUE line lied about its length.
  char expected = channel.value_bytes_left == 2 ? '\r' : '\n';
  if (input[0] != expected) {
    Fail(channel, Status::PROTOCOL, "a data block longer than its VALUE line said");
    return false;
  }
  connection.Consume(1);
  if (--channel.value_bytes_left == 0) EndValue(channel);
  return true;
}

bool Pipeline::AnswerFrame(Channel& channel, const binary::Frame& frame) {
  uint32_t index = frame.opaque;
  // A quiet command answers only when it failed, which noreply asked not to
  // be told. Its frame carries its own opaque, so it is recognised wherever it
  // falls among the answers the channel waits for.
  if (index < commands_->size()) {
    const Command& command = (*commands_)[index];
    if (command.server == channel.server && command.no_reply &&
        (*outcomes_)[index].status == Status::kCount && binary::IsQuietAnswer(command, frame)) {
      return true;
    }
  }
  // A server that requires a login refuses every command of a connection
  // that has not made one, and closes it: the whole channel is refused.
  if ((frame.status == binary::kStatusAuthError || frame.status == binary::kStatusAuthContinue) &&
      index != kAuthentication) {
    Fail(channel, Status::AUTH, "the server requires authentication");
    return false;
  }
  if (!channel.expected.empty() && channel.expected.front().command == kReadGroup) {
    return AnswerReadFrame(channel, frame);
  }
  if (!channel.expected.empty() && channel.expected.front().command == index) {
    if (index == kBarrier) {
      ConfirmSilent(channel);
      return true;
    }
    if (index < commands_->size() && IsServerWide((*commands_)[index].op)) {
      return AnswerServerFrame(channel, index, frame);
    }
    channel.expected.pop_front();
    if (index == kAuthentication) {
      // A server without SASL does not know the command, and needs no login.
      if (frame.status != binary::kStatusOk && frame.status != binary::kStatusUnknownCommand) {
        Fail(channel, Status::AUTH,
             frame.status == binary::kStatusAuthError
                 ? "authentication failed: the server refused the username or password"
                 : "authentication failed: the server answered SASL PLAIN with status " +
                       std::to_string(frame.status));
        return false;
      }
    } else {
      const Command& command = (*commands_)[index];
      // touch has no quiet form: a noreply touch is answered, and the answer ignored.
      Settle(index, command.no_reply ? Reply{Status::OK} : binary::ParseReply(command.op, frame));
    }
    return true;
  }
  Fail(channel, Status::PROTOCOL,
       "a reply no command asked for: opcode " + std::to_string(frame.opcode) + ", opaque " +
           std::to_string(frame.opaque));
  return false;
}

bool Pipeline::AnswerReadFrame(Channel& channel, const binary::Frame& frame) {
  Channel::ReadGroup& group = channel.read_groups[channel.expected.front().group];
  if (frame.opaque == kReadGroupEnd) {
    SettleMisses(channel, group.commands.size());
    EndReadGroup(channel);
    return true;
  }
  // Answers come in the order asked, misses left out.
  size_t answered = group.next;
  while (answered < group.commands.size() && group.commands[answered] != frame.opaque) ++answered;
  const Command* command = answered < group.commands.size() ? &(*commands_)[frame.opaque] : nullptr;
  // A value is only ever handed to the key it was stored under.
  if (command == nullptr || (frame.status == binary::kStatusOk && frame.key != command->key)) {
    Fail(channel, Status::PROTOCOL,
         "a reply no read asked for: opcode " + std::to_string(frame.opcode) + ", opaque " +
             std::to_string(frame.opaque) + ", key " + Quote(frame.key));
    return false;
  }
  SettleMisses(channel, answered);
  uint32_t index = group.commands[group.next++];
  if (frame.status == binary::kStatusKeyNotFound) {
    Settle(index, Reply{Status::NOT_FOUND});
    return true;
  }
  if (frame.status != binary::kStatusOk) {
    Settle(index, binary::ParseReply(command->op, frame));
    return true;
  }
  uint32_t flags;
  if (!binary::HitFlags(frame, &flags)) {
    Fail(channel, Status::PROTOCOL,
         "a malformed answer to a read (extras " + std::to_string(frame.extras.size()) + " bytes)");
    return false;
  }
  if (!StartHit(channel, index, flags, frame.cas, frame.value_length)) return false;
  if (!frame.value.empty()) {
    std::memcpy(ValueRoom(channel), frame.value.data(), frame.value.size());
  }
  if (frame.value.size() < frame.value_length) {
    // The rest is still to come (FrameRead::kValueStarts): ReadFrames reads it.
    channel.in_value_block = true;
    channel.value_command = index;
    channel.value_bytes_left = frame.value_length;
    FilledValue(channel, frame.value.size());
    return true;
  }
  (*outcomes_)[index].status = Status::OK;
  return true;
}

void Pipeline::Settle(uint32_t index, Reply reply) {
  Outcome& outcome = (*outcomes_)[index];
  outcome.status = reply.status;
  outcome.number = reply.number;
  if (IsFault(reply.status)) outcome.message = std::move(reply.message);
}

void Pipeline::ConfirmSilent(Channel& channel) {
  uint32_t end = channel.expected.front().silent_end;
  for (uint32_t i = channel.silent_confirmed; i < end; ++i) {
    (*outcomes_)[channel.silent[i]].status = Status::OK;
  }
  channel.silent_confirmed = end;
  channel.expected.pop_front();
}

void Pipeline::Fail(Channel& channel, Status status, const std::string& message,
                    const char* system_code) {
  Abandon(channel, status, message, system_code, /*skipped=*/false);
  if (status == Status::CONNECTION || status == Status::AUTH || status == Status::TLS) {
    health_.MarkDown(channel.server, message, status);
  }
}

void Pipeline::FailConnection(Channel& channel, const std::string& error) {
  Fail(channel, channel.connection->failure_is_tls() ? Status::TLS : Status::CONNECTION, error,
       channel.connection->failure_code());
}

void Pipeline::Abandon(Channel& channel, Status status, const std::string& message,
                       const char* system_code, bool skipped) {
  if (before_close_) before_close_(channel.server);
  channel.connection->Close();
  channel.active = false;
  for (uint32_t index : channel.commands) {
    Outcome& outcome = (*outcomes_)[index];
    if (outcome.status != Status::kCount) continue;
    outcome.status = status;
    outcome.message = message;
    outcome.system_code = system_code;
    outcome.skipped = skipped;
  }
}

}  // namespace mcnative
